"""Passport files (YAML) -> validated -> DuckDB; facts store. Never imports streamlit or metrics."""
