"""The facts template: one row per thing that can have a fact, with its plan and the current real fact."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date

import duckdb
import pandas as pd

from domain import vocabulary as v
from domain.formatting import fmt_date, yes_no
from domain.spreadsheet import cell_text, guard_text, needs_guard
from loaders.facts_io import COLUMNS
from loaders.facts_store import FactStore

#: the order kinds are listed in the template
_KIND_ORDER = list(v.FACT_KINDS.codes)


def fact_targets(con: duckdb.DuckDBPyConnection, passport_id: str | None = None,
                 passport_ids: list[str] | None = None, named_by: Iterable[object] | None = None) -> pd.DataFrame:
    """Every key that can carry a fact (of one passport, of passport_ids, or of the passports the «Паспорт»
    cells named_by name), with its plan (from the fact_target view), the passport's territory and period, and
    how the passport is named in files (passport_label)."""
    if named_by is not None:
        passport_ids = [*(passport_ids or []), *passports_named(con, named_by)]
    sql = ("select t.*, p.territory, p.start_date as passport_start, p.end_date as passport_end from fact_target t "
           "join passport p using (passport_id) where (? is null or passport_id = ?) "
           "and (?::varchar[] is null or list_contains(?::varchar[], passport_id)) order by passport_id, "
           "list_position(?, kind), section, seq, year")
    ids = None if passport_ids is None else list(passport_ids)
    targets = con.execute(sql, [passport_id, passport_id, ids, ids, _KIND_ORDER]).df()
    labels = passport_labels(con.execute("select passport_id, territory from passport").fetchall())
    targets["passport_label"] = targets["passport_id"].map(labels)
    return targets


def name_key(text: object) -> str:
    """How a name in a file cell is compared: spaces collapsed, any case."""
    return " ".join(str(text or "").split()).lower()


def passports_named(con: duckdb.DuckDBPyConnection, cells: Iterable[object]) -> list[str]:
    """The passports «Паспорт» cells may name — by id, by territory (every passport of that name, so that an
    ambiguous name is still reported as such) or as «territory (id)»; a cell naming none names nothing."""
    wanted: set[str] = set()
    for cell in set(cells):
        text = name_key(cell)
        wanted.add(text)
        if text.endswith(")") and " (" in text:
            name, _, pid = text[:-1].rpartition(" (")
            wanted.update((name, pid))
    wanted.discard("")
    rows = con.execute("select passport_id, territory from passport").fetchall()
    return [pid for pid, territory in rows if pid.lower() in wanted or str(territory).lower() in wanted]


def passport_labels(rows: list[tuple[str, str]]) -> dict[str, str]:
    """How a passport is named in files: its territory, or «territory (id)» where two passports share a name."""
    counts: dict[str, int] = {}
    for _pid, name in rows:
        counts[name] = counts.get(name, 0) + 1
    return {pid: name if counts[name] == 1 else f"{name} ({pid})" for pid, name in rows}


def measure_cell(kind: str, measure: str) -> str:
    """The «Мера» cell in Russian: a result's measure by its label, a funding source by its name."""
    if kind == "funding":
        return v.FUNDING_SOURCES.label(measure)
    if kind == "result":
        return v.measure_label(measure)
    return measure


def plain_number(value: float | None) -> str:
    """A number as a Russian spreadsheet cell holds it: no thousands separator, decimal comma, all digits."""
    if value is None or pd.isna(value):
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


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


def template_csv(frame: pd.DataFrame) -> bytes:
    """CSV as Excel with Russian settings opens it: UTF-8 with BOM, ';' separator, decimal comma, CRLF (so a cell
    holding a line break is quoted). Users' text that Excel would run as a formula gets the guard apostrophe
    (domain.spreadsheet)."""
    return frame.map(guard_text).to_csv(index=False, sep=";", lineterminator="\r\n").encode("utf-8-sig")


def template_xlsx(frame: pd.DataFrame, sheet_name: str = "Факты", numbers: tuple[str, ...] = ("План", "Факт")) -> bytes:
    """The template (or a register) as an Excel workbook with numbers as numbers and readable column widths.
    Users' text that Excel would run as a formula is written as a text cell (shown with Excel's «'»)."""
    out = frame.copy()
    for col in numbers:
        if col in out:
            out[col] = [_excel_value(x) for x in out[col]]
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        out.to_excel(writer, index=False, sheet_name=sheet_name)
        sheet = writer.sheets[sheet_name]
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and needs_guard(cell.value):
                    cell.value = cell_text(cell.value)
                    cell.data_type = "s"  # openpyxl takes «=…» for a formula
                    cell.quotePrefix = True
        widths = {"Наименование": 60, "Комментарий": 30, "Источник": 40, "Вид": 18, "Мера": 30,
                  "Причина отклонения": 30, "Меры": 30, "Паспорт": 20, "Риск": 50, "Событие": 50,
                  "Ответственный": 25, "Где": 20, "Тема": 20}
        for i, col in enumerate(out.columns, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width = widths.get(col, 13)
        sheet.freeze_panes = "A2"
    return buf.getvalue()


def _excel_value(text: str):
    if text in ("", None):
        return None
    try:
        return float(str(text).replace(",", "."))
    except ValueError:
        return text
