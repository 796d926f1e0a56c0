"""Качество данных: the contradictions the signed passports print, found by the quality checks."""

import streamlit as st

from metrics import quality
from ui.common import export_buttons, filters, query

st.title("Качество данных")
st.write("Паспорта хранятся так, как подписаны, — вместе с их противоречиями. Здесь они перечислены, чтобы "
         "их нашли раньше аудитора. «Строка паспорта» — номер строки в исходном тексте документа.")
f = filters()
labels = {"error": "ошибки", "warning": "предупреждения", "info": "сведения (округление)"}
chosen = st.pills("Важность", list(labels), format_func=labels.get, selection_mode="multi",
                  default=["error", "warning"], key="severity")
counts = query(quality.findings_table, f.passport_ids, tuple(quality.SEVERITIES))
cols = st.columns(3)
for col, (severity, label) in zip(cols, {"ошибка": "Ошибок", "предупреждение": "Предупреждений",
                                         "сведение": "Сведений"}.items(), strict=True):
    col.metric(label, int((counts["Важность"] == severity).sum()))

table = query(quality.findings_table, f.passport_ids, tuple(chosen or ()))
if not chosen:
    st.info("Выберите хотя бы один уровень важности.")
elif table.empty:
    st.success("Замечаний этого уровня нет.")
else:
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={"Что не так": st.column_config.TextColumn(width="large")})
    export_buttons("quality", "Качество данных паспорта", table, f)
st.caption("То же из командной строки: `python -m metrics quality` (код выхода 1, если есть ошибки).")
