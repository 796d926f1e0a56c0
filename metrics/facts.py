"""The audit log of facts, shaped for reading."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd

from loaders.facts_store import FactStore

ACTION_RU = {"save": "сохранение", "undo": "отмена", "example": "пример"}
KIND_RU = {"indicator": "показатель", "result": "результат", "funding": "финансирование",
           "control_point": "контрольная точка"}


def _value(text: str | None) -> str:
    if text is None or pd.isna(text) or not text:  # a deletion has no new value (NaN from SQLite NULL)
        return ""
    data = json.loads(text)
    if data.get("fact_date"):
        return f"{pd.Timestamp(data['fact_date']):%d.%m.%Y} {data.get('fact_status') or ''}".strip()
    value = data.get("fact_value")
    return "" if value is None else f"{value:g}".replace(".", ",")


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
        "Было": log["old_json"].map(_value),
        "Стало": log["new_json"].map(_value),
        "Источник": log["source"],
        "Примечание": log["note"],
    })
