"""Query functions over the DuckDB model: a connection and parameters in, a DataFrame out (plan against fact,
funding, the plan of activities, the team, quality). No sentences, no Russian headers, no streamlit."""
