"""Отчёты: the report calendar of the chosen passports, the report of a period with its state, history and the steps
the account may take (submit, approve, return), the progress report of a period (DOCX, XLSX, PDF) and the briefing
deck as of a date (PPTX, or every panel as PNG and CSV in a ZIP) — one button, progress shown, files to download."""

import streamlit as st

from domain.formatting import fmt_date
from domain.vocabulary import EXAMPLE_LABEL
from panels.monitoring import calendar_panels
from reports.files import briefing_file, progress_file
from reports.progress import ReportError
from ui import auth, report_cycle
from ui.filters import current, passport_names
from ui.model import get_model, panels
from ui.periods import period_picker
from ui.render import render_panels

st.title("Отчёты")
st.caption("Отчёт о ходе реализации и презентация собираются из тех же данных, что и страницы: планы паспорта и "
           "внесённые факты с отчётными датами, причинами отклонений и рисками. Факты из примера помечены.")
names = passport_names()
f = current()
pid = f.passport_ids[0]
if len(f.passport_ids) > 1:
    pid = st.selectbox("Паспорт", f.passport_ids, format_func=lambda p: names.get(p, p), key="report_passport")
model = get_model()
report_cycle.announce()

st.header("Календарь отчётов", divider="gray")
only_open = st.toggle("Только несданные", key="calendar_open_only", bind="query-params")
render_panels(panels(calendar_panels, f, only_open=only_open), f)

st.header("Отчёт за период: сдача и утверждение", divider="gray")
st.caption("Отчёт готовит редактор паспорта и сдаёт на согласование — документы замораживаются в том виде, в каком "
           "их сдали; руководитель проекта утверждает или возвращает на доработку с причиной. Каждый шаг — в журнале, "
           "его можно отменить на странице «Факты».")
report_cycle.report_of_period(pid, f.as_of, auth.current())
with st.expander("Рассылка утверждённых отчётов"):
    report_cycle.mailing_list(pid, auth.current())


def _made(key: str, files: list, note: str) -> None:
    """Download buttons of what was made (kept for the session, until the facts change)."""
    st.success(note, icon=":material/task_alt:")
    if any(x.has_examples for x in files):
        st.warning(f"В отчёте есть факты из примера — {EXAMPLE_LABEL}. Они помечены в файлах.",
                   icon=":material/warning:")
    row = st.container(horizontal=True, gap="small")
    for made in files:
        row.download_button(made.name.rsplit(".", 1)[1].upper(), data=made.data, file_name=made.name, mime=made.mime,
                            key=f"{key}_{made.name}", on_click="ignore", icon=":material/download:")


st.header("Отчёт о ходе реализации", divider="gray")
st.write("Показатели, результаты, контрольные точки, финансирование, риски и прогноз за период — по состоянию на "
         "последний день периода: план года против факта нарастающим итогом, с причинами отклонений.")
period = period_picker(f, pid, "report")
progress_key = f"progress|{pid}|{period.code}|{model.refresh_facts()}"
if st.button(f"Сформировать отчёт за {period.label}", type="primary", key="make_progress"):
    with st.status("Формирую отчёт…", expanded=True) as status:
        try:
            status.write("Word: заголовки и таблицы разделов…")
            docx = progress_file(model.cursor(), pid, period, "docx")
            status.write("Excel: лист на раздел…")
            xlsx = progress_file(model.cursor(), pid, period, "xlsx")
            status.write("PDF: шрифты внутри файла, заголовки таблиц на каждой странице…")
            pdf = progress_file(model.cursor(), pid, period, "pdf")
            st.session_state["made_progress"] = (progress_key, [docx, xlsx, pdf])
            status.update(label="Отчёт готов", state="complete", expanded=False)
        except ReportError as exc:
            status.update(label=f"Отчёт не сформирован: {exc}", state="error")
if st.session_state.get("made_progress", ("",))[0] == progress_key:
    _made("progress", st.session_state["made_progress"][1],
          f"{names.get(pid, pid)}: отчёт о ходе реализации за {period.label} (на {fmt_date(period.end)}).")

st.header("Презентация для совещания", divider="gray")
st.write(f"Титульный слайд, слайд на каждую панель приложения и итоговый слайд: что просрочено, что под риском, кто "
         f"перегружен — по состоянию на {fmt_date(f.as_of)} (дата «по состоянию на» — в меню слева).")
deck_key = f"briefing|{pid}|{f.as_of}|{model.refresh_facts()}"
if st.button("Сформировать презентацию", type="primary", key="make_briefing"):
    with st.status("Собираю слайды…", expanded=True) as status:
        status.write("Панели, графики PowerPoint и картинки (один браузер на все)…")
        pptx = briefing_file(model.cursor(), pid, f.as_of, "pptx")
        status.write("Архив панелей: PNG и CSV…")
        archive = briefing_file(model.cursor(), pid, f.as_of, "zip")
        st.session_state["made_briefing"] = (deck_key, [pptx, archive])
        status.update(label=f"Презентация готова: {pptx.summary}", state="complete", expanded=False)
if st.session_state.get("made_briefing", ("",))[0] == deck_key:
    _made("briefing", st.session_state["made_briefing"][1],
          f"{names.get(pid, pid)}: презентация на {fmt_date(f.as_of)} и все панели в PNG и CSV.")
