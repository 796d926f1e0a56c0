"""Команда: who serves which blocks, workload summed across blocks, rows of the plan each answers for."""

import streamlit as st

from panels.team import team_panels
from ui.filters import current
from ui.model import panels
from ui.render import render_panels

st.title("Команда")
f = current()
only_over = st.toggle("Только с занятостью выше 100 %", key="team_overloaded_only", bind="query-params")
render_panels(panels(team_panels, f, only_overloaded=only_over), f)
