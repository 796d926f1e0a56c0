"""Typed pure chart builders (DataFrame in, plotly Figure out) and exports. No streamlit."""
