"""The «Отчёты» page's part of the monitoring cycle for one passport: the report of a period — its deadline and
state, its documents as submitted, its history — and the buttons this account may press (submit, approve, return),
and the mailing list of approved reports. Every step goes through the facts service (rights, audit, undo)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from domain.access import Account
from domain.formatting import fmt_date
from domain.monitoring import DEADLINE_MARKS, REPORT_KINDS
from domain.periods import Period
from facts.outcomes import ChangeRefused
from facts.service import FactsService
from metrics.monitoring import report_calendar
from panels.monitoring import history_table
from reports.cycle import SUBMITTED_KINDS, frozen_document, submit
from ui import auth
from ui.model import facts_service, get_model, query


def report_of_period(pid: str, as_of: date, account: Account | None) -> None:
    """Choose a period of the passport's term; see its report and take the steps this account may take."""
    calendar = query(report_calendar, (pid,), as_of)
    if calendar.empty:
        st.info("У паспорта нет отчётных периодов.")
        return
    codes = list(calendar["period_code"])
    due = calendar[pd.to_datetime(calendar["deadline"]).dt.date <= as_of]
    default = codes.index(due["period_code"].iloc[-1]) if len(due) else 0
    rows = calendar.set_index("period_code")
    chosen = st.selectbox(
        "Отчётный период", codes, index=default, key=f"cycle_period_{pid}",
        format_func=lambda c: f"{rows.loc[c, 'period_label']} — {rows.loc[c, 'kind_label']}, срок "
                              f"{fmt_date(rows.loc[c, 'deadline'])}")
    row = rows.loc[chosen]
    period = Period.parse(chosen)
    service = facts_service(account, auth.origin())
    report = service.report(pid, period)
    st.markdown(f"**{REPORT_KINDS.label(row['kind']).capitalize()} отчёт за {period.label}** · срок "
                f"{fmt_date(row['deadline'])} · состояние: **{report.state_label}** · "
                f":{'red' if row['mark'] == 'late' else 'orange' if row['mark'] == 'soon' else 'gray'}"
                f"[{DEADLINE_MARKS.label(row['mark'])}]")
    if report.submitted_by:
        st.caption(f"Сдал: {report.submitted_by}, {_when(report.submitted_at)}"
                   + (f"; решение: {report.decided_by}, {_when(report.decided_at)}" if report.decided_by else "")
                   + (f"; комментарий: {report.comment}" if report.comment else ""))
    if report.documents:
        row_of = st.container(horizontal=True, gap="small")
        for kind in SUBMITTED_KINDS:
            document = frozen_document(service, report, kind)
            if document is not None:
                row_of.download_button(f"Сданный {kind.upper()}", data=document.content, file_name=document.name,
                                       mime=document.mime, key=f"frozen_{pid}_{chosen}_{kind}", on_click="ignore",
                                       icon=":material/lock:")
        st.caption("Документы — в том виде, в каком отчёт сдали: более поздние изменения фактов их не меняют.")
    _steps(service, pid, period, report.state)
    history = service.report_history(pid, period)
    if len(history):
        st.dataframe(history_table(history), hide_index=True, width="stretch", key=f"history_{pid}_{chosen}")


def _steps(service: FactsService, pid: str, period: Period, state: str) -> None:
    """The buttons of the steps the report's state allows and this account may take, with why not otherwise."""
    key = f"{pid}_{period.code}"
    if state in ("draft", "returned"):
        refused = auth.why_not("submit", [pid])
        if refused:
            st.caption(f"Сдать отчёт на согласование может редактор паспорта: {refused}.")
            return
        comment = st.text_input("Комментарий к отчёту (необязательно)", key=f"submit_comment_{key}")
        if st.button("Сдать на согласование", type="primary", key=f"submit_{key}", icon=":material/send:"):
            with st.spinner("Формирую отчёт за период (PDF и DOCX) и сдаю его…"):
                _done(lambda: submit(get_model().cursor(), service, pid, period, comment=comment or None),
                      "Отчёт сдан на согласование.")
    elif state == "submitted":
        refused = auth.why_not("approve", [pid])
        if refused:
            st.caption(f"Утвердить или вернуть отчёт может руководитель проекта: {refused}.")
            return
        comment = st.text_input("Комментарий или причина возврата", key=f"decide_comment_{key}")
        c1, c2 = st.columns(2)
        if c1.button("Утвердить", type="primary", key=f"approve_{key}", icon=":material/task_alt:"):
            _done(lambda: service.approve_report(pid, period, comment=comment or None), "Отчёт утверждён.")
        if c2.button("Вернуть на доработку", key=f"return_{key}", icon=":material/undo:"):
            _done(lambda: service.return_report(pid, period, reason=comment or None), "Отчёт возвращён на доработку.")


def _done(action, message: str) -> None:
    get_model().refresh_facts()
    try:
        saved = action()
    except ChangeRefused as exc:
        st.error("Не сделано: " + "; ".join(p.message for p in exc.problems))
        return
    st.session_state["cycle_done"] = f"{message} Номер пакета: {saved.batch_id} — его можно отменить в журнале."
    st.rerun()


def announce() -> None:
    """What the last step did (kept across the rerun that shows its result)."""
    done = st.session_state.pop("cycle_done", None)
    if done:
        st.success(done, icon=":material/task_alt:")


def mailing_list(pid: str, account: Account | None) -> None:
    """Where approved reports of the passport are sent (administrators change it)."""
    service = facts_service(account, auth.origin())
    addresses = service.mailing(pid)
    refused = auth.why_not("mailing", [pid])
    if refused:
        st.caption("Утверждённые отчёты уходят по адресам: " + (", ".join(addresses) or "адресов нет")
                   + f". Менять список может администратор: {refused}.")
        return
    text = st.text_area("Адреса рассылки утверждённых отчётов (по одному в строке)", "\n".join(addresses),
                        key=f"mailing_{pid}")
    if st.button("Сохранить адреса", key=f"save_mailing_{pid}"):
        _done(lambda: service.set_mailing(pid, [a for a in text.replace(",", "\n").splitlines() if a.strip()]),
              "Адреса рассылки сохранены.")


def _when(stamp: str | None) -> str:
    return pd.Timestamp(stamp).strftime("%d.%m.%Y %H:%M") if stamp else ""
