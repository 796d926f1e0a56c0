"""The audit log of facts, shaped for reading."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd

from loaders.facts_io import KIND_RU, show_value
from loaders.facts_store import FactStore, FactValue

ACTION_RU = {"save": "сохранение", "undo": "отмена", "example": "пример"}


def _value(text: str | None, kind: str) -> str:
    if text is None or pd.isna(text) or not text:  # a deletion has no new value (NaN from SQLite NULL)
        return ""
    return show_value(FactValue(**json.loads(text)), kind)


def audit_table(_con: duckdb.DuckDBPyConnection | None, facts_path: str, limit: int = 500) -> pd.DataFrame:
    """Newest first: batch, when, who, action, what, old → new value, source."""
    log = FactStore(Path(facts_path)).audit_log(limit)
    if log.empty:
        return pd.DataFrame()
    return pd.DataFrame({
        "Пакет": log["batch_id"],
        "Когда": pd.to_datetime(log["at"]).dt.strftime("%d.%m.%Y %H:%M"),
        "Кто": log["who"],
        "Действие": log["action"].map(ACTION_RU).fillna(log["action"]),
        "Паспорт": log["passport_id"],
        "Вид": log["kind"].map(KIND_RU),
        "Код": log["code"],
        "Мера": log["measure"],
        "Год": log["year"],
        "Пример": log["is_example"].map({1: "да", 0: ""}),
        "Было": [_value(t, k) for t, k in zip(log["old_json"], log["kind"], strict=True)],
        "Стало": [_value(t, k) for t, k in zip(log["new_json"], log["kind"], strict=True)],
        "Источник": log["source"],
        "Примечание": log["note"],
    })
