"""Портфель: every passport (or one region's) ranked in one table, with the worst on a chart."""

import streamlit as st

from panels.portfolio import RANKINGS, portfolio_panels
from ui.filters import current
from ui.model import panels
from ui.render import render_panels

st.title("Портфель")
f = current()
st.caption("Все паспорта сразу (или паспорта региона, выбранного слева): цели по статусам, деньги, просрочки, "
           "последний отчёт, ошибки в документах и риски — на дату «по состоянию на» и за выбранные годы.")
labels = {r.code: r.label for r in RANKINGS}
ranking = st.selectbox("Место по", list(labels), format_func=labels.get, key="ranking", bind="query-params")
region = st.session_state.get("region")
render_panels(panels(portfolio_panels, f, region=region, ranking=ranking or RANKINGS[0].code), f,
              group_heading=False)
