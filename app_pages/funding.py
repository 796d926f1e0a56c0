"""Финансирование: money by year, line and source, federal share, plan vs execution, the document's own totals."""

import streamlit as st

from domain.vocabulary import FUNDING_SECTIONS
from panels.funding import funding_panels
from ui.filters import current
from ui.model import panels
from ui.render import render_panels

st.title("Финансирование")
f = current()
section = st.radio("Таблица финансирования", FUNDING_SECTIONS.codes, format_func=FUNDING_SECTIONS.label,
                   horizontal=True, key="section", bind="query-params") or FUNDING_SECTIONS.codes[0]
only_off = st.toggle("В сверке итогов — только расхождения", value=True, key="only_off", bind="query-params")
st.caption("Суммы — млн руб., как напечатаны в паспорте. Расчётные итоги — сумма строк источников; итоги "
           "документа показаны рядом и не исправляются.")
render_panels(panels(funding_panels, f, section=section, only_disagreements=only_off), f)
