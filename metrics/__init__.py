"""SQL and pure functions over the DuckDB model: plan vs fact, funding, quality. Never imports streamlit."""
