"""Качество данных: the contradictions the signed passports print, found by the quality checks."""

import streamlit as st

from domain.vocabulary import SEVERITIES
from panels.quality import quality_panels
from ui.filters import current
from ui.model import panels
from ui.render import render_panels

st.title("Качество данных")
st.write("Паспорта хранятся так, как подписаны, — вместе с их противоречиями. Здесь они перечислены, чтобы их нашли "
         "раньше аудитора. «Строка паспорта» — номер строки в исходном тексте документа.")
f = current()
chosen = st.pills("Важность", list(SEVERITIES.codes), format_func=lambda c: SEVERITIES[c].note,
                  selection_mode="multi", default=["error", "warning"], key="severity", bind="query-params")
render_panels(panels(quality_panels, f, severities=tuple(chosen or ())), f)
