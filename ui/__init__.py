"""Streamlit pieces shared by the pages: the model, filters, cached metric calls, export buttons."""
