"""The floor of bench/first_chart.py: a Streamlit page holding one plotly chart and nothing else, served with the
app's own settings (.streamlit/config.toml) — no page of the app can show its first chart sooner than this one.
Run by the bench: `streamlit run bench/floor_page.py`."""

import plotly.graph_objects as go
import streamlit as st

figure = go.Figure(go.Bar(x=["2019", "2020", "2021", "2022", "2023", "2024"], y=[10, 25, 40, 60, 80, 100],
                          name="план"), layout={"template": "plotly_white", "height": 360})
st.plotly_chart(figure, config={"displayModeBar": False})
