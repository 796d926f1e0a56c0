"""Page under construction (see the open issue)."""

import streamlit as st

st.title("В работе")
