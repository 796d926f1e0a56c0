"""Facts as the «Факты» page reads them: the audit log shaped for reading, and the template of a passport.

Pages reach the facts store through here and through Model.service(): they never import loaders."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd

from domain.formatting import fmt_date, yes_no
from domain.vocabulary import AUDIT_ACTIONS, FACT_KINDS
from loaders.errors import InputError
from loaders.facts_store import FactStore, FactValue
from loaders.facts_template import template_csv, template_frame, template_xlsx
from loaders.facts_validate import show_value


def _value(text: str | None, kind: str) -> str:
    if text is None or pd.isna(text) or not text:  # a deletion has no new value (NaN from SQLite NULL)
        return ""
    return show_value(FactValue(**json.loads(text)), kind)


#: what a refused change raises (the page shows its Russian problems)
ChangeRefused = InputError


def audit_table(_con: duckdb.DuckDBPyConnection | None, facts_path: str, limit: int = 500) -> pd.DataFrame:
    """Newest first: batch, when, who, action, what, old → new value, source."""
    log = FactStore(Path(facts_path)).audit_log(limit)
    if log.empty:
        return pd.DataFrame()
    return pd.DataFrame({
        "Пакет": log["batch_id"],
        "Когда": pd.to_datetime(log["at"]).dt.strftime("%d.%m.%Y %H:%M"),
        "Кто": log["who"],
        "Действие": log["action"].map(AUDIT_ACTIONS.label),
        "Паспорт": log["passport_id"],
        "Вид": log["kind"].map(FACT_KINDS.label),
        "Код": log["code"],
        "Мера": log["measure"],
        "Год": log["year"],
        "Отчётная дата": log["reporting_date"].map(fmt_date),
        "Пример": log["is_example"].map(yes_no),
        "Было": [_value(t, k) for t, k in zip(log["old_json"], log["kind"], strict=True)],
        "Стало": [_value(t, k) for t, k in zip(log["new_json"], log["kind"], strict=True)],
        "Источник": log["source"],
        "Примечание": log["note"],
    })


def template_rows(con: duckdb.DuckDBPyConnection, passport_id: str, store: FactStore) -> pd.DataFrame:
    """The facts template of a passport as rows (the page editor)."""
    return template_frame(con, passport_id, store)


def template_file(con: duckdb.DuckDBPyConnection, passport_id: str, store: FactStore, kind: str) -> bytes:
    """The facts template of a passport as a file: kind 'csv' or 'xlsx'."""
    frame = template_frame(con, passport_id, store)
    return template_xlsx(frame) if kind == "xlsx" else template_csv(frame)
