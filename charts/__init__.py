"""Typed pure chart builders (DataFrame in, plotly Figure out) and the PNG of a chart as a slide. No streamlit."""
