"""ЦОС-монитор: router only — the pages, the navigation and the shared filters (drawn here so that they, and the
URL that carries them, survive navigation between pages)."""

import streamlit as st

from ui import auth, filters, navigation, render, style

st.set_page_config(page_title="ЦОС-монитор", page_icon=":material/school:", layout="wide")

page = st.navigation(navigation.pages(), position="hidden")
style.apply()
auth.gate()  # once the store has accounts: the sign-in form and nothing else until signed in
navigation.note_unknown_address()
navigation.sidebar(hidden=auth.hidden_pages())
filters.sidebar()
auth.sidebar()
render.new_page_run()
page.run()
