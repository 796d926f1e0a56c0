"""Обзор: the chosen passports at a glance and the cards that answer «where are we»."""

import streamlit as st

from panels.overview import overview_panels
from ui.filters import current
from ui.model import panels
from ui.navigation import moved_note
from ui.render import render_panels

st.title("Обзор")
moved_note()
f = current()
render_panels(panels(overview_panels, f), f)
