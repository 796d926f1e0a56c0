"""Facts as the «Факты» page reads them: the audit log shaped for reading, and the template of a passport.

Pages reach the facts store through here and through Model.service(): they never import loaders."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pandas as pd

from domain import vocabulary as v
from domain.formatting import fmt_date, yes_no
from domain.vocabulary import AUDIT_ACTIONS, ENTRY_KINDS, FACT_KINDS
from loaders.errors import InputError
from loaders.facts_io import ROW_INDEX
from loaders.facts_service import FactsService
from loaders.facts_store import FactStore, FactValue, StoreError, store_named
from loaders.facts_template import measure_cell, passport_labels, template_csv, template_frame, template_xlsx
from loaders.facts_validate import show_value
from loaders.registers import (
    DELETE_COLUMN,
    NUMBER_COLUMN,
    PASSPORT_COLUMN,
    REGISTERS,
    EntryPlan,
    records,
    register_frame,
    show_field,
)
from metrics.overview import passport_names


def _value(text: str | None, kind: str, is_entry: bool) -> str:
    if text is None or pd.isna(text) or not text:  # a deletion has no new value (NaN from SQLite NULL)
        return ""
    if is_entry:
        return entry_summary(kind, json.loads(text))
    return show_value(FactValue(**json.loads(text)), kind)


def entry_summary(kind: str, payload: dict) -> str:
    """A register record in one line: a risk's wording and rating, an event's date and place, a measure's name."""
    register = REGISTERS[kind]
    parts = [show_field(f, payload.get(f.key)) for f in register.fields[:3]]
    return " · ".join(p for p in parts if p)


#: what a refused change raises (the page shows its Russian problems): a refused input, an unreachable store
ChangeRefused = (InputError, StoreError)


def audit_table(_con: duckdb.DuckDBPyConnection | None, store: str, limit: int = 500) -> pd.DataFrame:
    """Newest first: batch, when, who, action, what, old → new value, source. `store` is the store's identity
    (a cache key that holds no password)."""
    log = store_named(store).audit_log(limit)
    if log.empty:
        return pd.DataFrame()
    labels = passport_labels(list(passport_names(_con).items())) if _con else {}
    is_entry = log["reporting_date"].isna()
    kinds = [ENTRY_KINDS.label(k) if e else FACT_KINDS.label(k) for k, e in zip(log["kind"], is_entry, strict=True)]
    return pd.DataFrame({
        "Пакет": log["batch_id"],
        "Когда": pd.to_datetime(log["at"]).dt.strftime("%d.%m.%Y %H:%M"),
        "Кто": log["who"],
        "Действие": log["action"].map(AUDIT_ACTIONS.label),
        "Паспорт": log["passport_id"].map(lambda p: labels.get(p, p)),
        "Вид": kinds,
        "Код": log["code"],
        "Мера": [measure_cell(k, m) for k, m in zip(log["kind"], log["measure"], strict=True)],
        "Год": [None if e else y for y, e in zip(log["year"], is_entry, strict=True)],
        "Отчётная дата": log["reporting_date"].map(fmt_date),
        "Пример": log["is_example"].map(yes_no),
        "Было": [_value(t, k, e) for t, k, e in zip(log["old_json"], log["kind"], is_entry, strict=True)],
        "Стало": [_value(t, k, e) for t, k, e in zip(log["new_json"], log["kind"], is_entry, strict=True)],
        "Источник": log["source"],
        "Примечание": log["note"],
    })


def template_rows(con: duckdb.DuckDBPyConnection, passport_id: str, store: FactStore) -> pd.DataFrame:
    """The facts template of a passport as rows (the page editor)."""
    return template_frame(con, passport_id, store)


def template_file(con: duckdb.DuckDBPyConnection, passport_id: str, store: FactStore, kind: str,
                  reported: date | None = None) -> bytes:
    """The facts template of a passport as a file: kind 'csv' or 'xlsx'; with `reported` (the last day of the
    period reported on) the rows of that year carry it as their reporting date."""
    frame = template_frame(con, passport_id, store, reported)
    return template_xlsx(frame) if kind == "xlsx" else template_csv(frame)


def register_rows(con: duckdb.DuckDBPyConnection, store: FactStore, kind: str, passport_id: str) -> pd.DataFrame:
    """The records of one register of a passport as the rows of its file (also the page's editor)."""
    labels = passport_labels(list(passport_names(con).items()))
    return register_frame(REGISTERS[kind], records(store, kind, passport_id), labels)


def register_file(con: duckdb.DuckDBPyConnection, store: FactStore, kind: str, passport_id: str,
                  file_kind: str) -> bytes:
    """A register of a passport as a file to fill in and upload: 'csv' or 'xlsx'; an empty register gives the
    header and one example-free blank row's worth of columns."""
    frame = register_rows(con, store, kind, passport_id)
    register = REGISTERS[kind]
    if file_kind == "xlsx":
        numbers = tuple(f.column for f in register.fields if f.kind in ("number", "year"))
        return template_xlsx(frame, register.title, numbers)
    return template_csv(frame)


def register_columns(kind: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """For the page's editor: each column of a register with its kind and the labels a choice column offers."""
    choices = {"level": v.RISK_LEVELS.labels, "risk_status": v.RISK_STATUSES.labels,
               "direction": v.DIRECTIONS.labels, "yesno": (v.YES, v.NO),
               "topic": tuple(t.label for t in v.TOPICS)}
    return {f.column: (f.kind, choices.get(f.kind, ())) for f in REGISTERS[kind].fields}


def register_title(kind: str) -> str:
    return REGISTERS[kind].title


def check_register_edits(service: FactsService, kind: str, original: pd.DataFrame, edited: pd.DataFrame,
                         passport_label: str) -> EntryPlan:
    """The page editor's rows of a register: new rows, changed rows and rows ticked «Удалить», validated like a
    file (problems name the editor's row numbers); a new row is of the page's passport."""
    edited = edited.reset_index(drop=True).copy()
    edited.index = pd.RangeIndex(1, len(edited) + 1, name=ROW_INDEX)
    keep = [c for c in original.columns if c != DELETE_COLUMN]
    before = original.set_index(NUMBER_COLUMN)[keep[1:]] if len(original) else pd.DataFrame()
    rows = []
    for line, row in edited.iterrows():
        number = str(row.get(NUMBER_COLUMN) or "").strip()
        mark = row.get(DELETE_COLUMN)
        ticked = mark is not None and not (isinstance(mark, float) and pd.isna(mark)) and bool(mark)
        cells = {c: _cell(row.get(c)) for c in keep}
        cells[PASSPORT_COLUMN] = cells.get(PASSPORT_COLUMN) or passport_label
        if not number and not any(cells[c] for c in keep if c not in (NUMBER_COLUMN, PASSPORT_COLUMN)):
            continue  # a blank row the editor added
        same = number in before.index and all(cells[c] == _cell(before.loc[number, c]) for c in keep[1:])
        if same and not ticked:
            continue
        rows.append({**cells, DELETE_COLUMN: v.YES if ticked else "", ROW_INDEX: line})
    frame = pd.DataFrame(rows, columns=[*keep, DELETE_COLUMN, ROW_INDEX]).set_index(ROW_INDEX)
    if frame.empty:
        return EntryPlan("таблица", REGISTERS[kind])
    return service.check_entries_frame(frame, "таблица", kind)


def _cell(value: object) -> str:
    """An editor cell as the text a file would hold (a date picked in the editor as 31.12.2024)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, date):
        return fmt_date(value)
    return str(value).strip()
