"""The facts template: one row per thing that can have a fact, with its plan and the current real fact."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from domain import vocabulary as v
from domain.formatting import Column, fmt_date, plain_number, yes_no
from domain.vocabulary import measure_cell
from facts.layout import COLUMNS
from facts.targets import fact_targets
from spreadsheets.writing import to_csv, to_xlsx
from store.facts_store import FactStore


def _latest_real_facts(store: FactStore | None, passport_id: str) -> dict[tuple, object]:
    """The newest real report of each target of the passport."""
    current = store.facts() if store else pd.DataFrame()
    if current.empty:
        return {}
    current = current[(current["is_example"] == 0) & (current["passport_id"] == passport_id)]
    current = current.sort_values("reporting_date")
    return {(r.kind, r.section, r.code, r.measure, int(r.year)): r for r in current.itertuples(index=False)}


def template_frame(con: duckdb.DuckDBPyConnection, passport_id: str, store: FactStore | None = None,
                   reported: date | None = None) -> pd.DataFrame:
    """The template of one passport: one row per thing that can have a fact, plans filled in,
    current real facts filled in where they exist (so the file doubles as a correction form). With `reported`
    (the last day of a month, quarter or year), the rows of that year carry it as their reporting date."""
    targets = fact_targets(con, passport_id)
    if targets.empty:
        raise KeyError(f"паспорт «{passport_id}» не найден")
    facts = _latest_real_facts(store, passport_id)
    rows = []
    for t in targets.itertuples(index=False):
        fact = facts.get((t.kind, t.section, t.code, t.measure, int(t.year)))
        is_cp = t.kind == "control_point"
        this_period = reported is not None and t.year == reported.year
        if this_period and fact is not None and fact.reporting_date != reported.isoformat():
            fact = None  # a new period's report: the earlier report is not pre-filled as if it were this one
        rows.append({
            "Паспорт": t.passport_label,
            "Вид": v.FACT_KINDS.label(t.kind),
            "Раздел": v.FUNDING_SECTIONS.label(t.section, "") if t.section else "",
            "Код": t.code,
            "Наименование": t.name,
            "Мера": measure_cell(t.kind, t.measure),
            "Ед. изм.": "дата" if is_cp else (t.unit or ""),
            "Год": int(t.year) if t.year else "",
            "Накопительно": yes_no(t.accumulates == "level" and t.kind != "control_point"),
            "План": fmt_date(t.plan_date, "") if is_cp else plain_number(t.plan_value),
            "Отчётная дата": fmt_date(reported, "") if this_period else (
                fmt_date(fact.reporting_date, "") if fact else ""),
            "Факт": (fmt_date(fact.fact_date, "") if is_cp else plain_number(fact.fact_value)) if fact else "",
            "Статус": v.CONTROL_FACT_STATUSES.label(fact.fact_status, "") if fact else "",
            "Комментарий": (fact.comment or "") if fact else "",
            "Причина отклонения": (fact.reason or "") if fact else "",
            "Меры": (fact.measures or "") if fact else "",
            "Источник": (fact.source or "") if fact else "",
        })
    return pd.DataFrame(rows, columns=COLUMNS)


def template_file(con: duckdb.DuckDBPyConnection, passport_id: str, store: FactStore, kind: str,
                  reported: date | None = None) -> bytes:
    """The facts template of a passport as a file: kind 'csv' or 'xlsx'; with `reported` (the last day of the
    period reported on) the rows of that year carry it as their reporting date."""
    frame = template_frame(con, passport_id, store, reported)
    return template_xlsx(frame) if kind == "xlsx" else template_csv(frame)


def template_csv(frame: pd.DataFrame) -> bytes:
    """The template (or a register) as CSV for Russian Excel (spreadsheets.writing: users' text that Excel would
    run as a formula gets the guard apostrophe)."""
    return to_csv(frame)


def template_xlsx(frame: pd.DataFrame, sheet_name: str = "Факты", numbers: tuple[str, ...] = ("План", "Факт")) -> bytes:
    """The template (or a register) as an Excel workbook: the `numbers` columns as numbers where they hold one (a
    control point's date stays text), users' text as text cells that never run."""
    out = frame.copy()
    for col in numbers:
        if col in out:
            out[col] = [_excel_value(x) for x in out[col]]
    return to_xlsx(out, sheet_name, columns={col: GENERAL for col in numbers})


GENERAL = Column("general")


def _excel_value(text: object) -> float | str | None:
    if text in ("", None):
        return None
    try:
        return float(str(text).replace(",", "."))
    except ValueError:
        return str(text)
