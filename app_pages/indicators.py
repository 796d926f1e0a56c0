"""Показатели: every indicator of section 2 by year, the topics without a page of their own, one in detail."""

import streamlit as st

from panels.indicators import detail_panels, indicator_choices, indicator_panels
from ui.filters import current
from ui.model import panels, query
from ui.render import render_panels

st.title("Показатели")
f = current()
st.caption("Раздел 2 паспорта «Цель и показатели» и цели результатов раздела 3 по темам, у которых нет своей "
           "страницы: план по годам против внесённых фактов.")
render_panels(panels(indicator_panels, f), f)

st.header("Показатель подробно", divider="gray")
choices = query(indicator_choices, f)
choice = st.selectbox("Показатель", list(choices), format_func=lambda k: choices.get(k, k), key="indicator",
                      bind="query-params") if choices else None
render_panels(panels(detail_panels, f, choice=choice), f, group_heading=False)
