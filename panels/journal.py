"""The journal of changes as the «Факты» page shows it: newest first — batch, when, who, action, what, old → new
value, source — with passports by territory and measures and register records in Russian."""

from __future__ import annotations

import json

import duckdb
import pandas as pd

from domain.formatting import fmt_date, yes_no
from domain.vocabulary import AUDIT_ACTIONS, ENTRY_KINDS, FACT_KINDS, measure_cell
from facts.registers import REGISTERS, show_field
from facts.targets import passport_labels
from facts.validation import show_value
from metrics.overview import passport_names
from store.location import store_named
from store.records import FactValue


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


def audit_table(_con: duckdb.DuckDBPyConnection | None, store: str, limit: int = 500,
                passports: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Newest first: batch, when, who, action, what, old → new value, source. `store` is the store's identity
    (a cache key that holds no password); only the changes of `passports` when given (a viewer's list)."""
    log = store_named(store).audit_log(limit)
    if passports is not None:
        log = log[log["passport_id"].isin(passports)].reset_index(drop=True)
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
        "Откуда": log["origin"].fillna(""),
    })


