"""A connection for the making of one deck: a query the panels ask again with the same values is answered from the
first answer (the deck's panels ask several of the same questions — every topic's series, the forecast, the
passport's summary and names); every answer is a fresh copy, so a panel that changes its frame changes only its
own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb
import pandas as pd


class AskedOnce:
    """Answers `execute(sql, params).df()` and `.fetchall()` as the connection would, each distinct question
    once; everything else goes to the connection itself."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con
        self._answers: dict[tuple, Any] = {}

    def execute(self, sql: str, params: object = None) -> _Answer:
        key = (sql, _frozen(params))
        if any((key, way) in self._answers for way in ("df", "fetchall")):
            return _Answer(self, key, lambda: self._con.execute(sql, params))
        # a question not asked before is run now, as the connection runs it (a statement with no answer too)
        running = self._con.execute(sql, params)
        return _Answer(self, key, lambda: running)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


class _Answer:
    """One question's answer, as a frame or as rows."""

    def __init__(self, asked: AskedOnce, key: tuple, run: Callable[[], duckdb.DuckDBPyConnection]) -> None:
        self._answers, self._key, self._run = asked._answers, key, run

    def _get(self, way: str) -> Any:
        if (self._key, way) not in self._answers:
            self._answers[(self._key, way)] = getattr(self._run(), way)()
        return self._answers[(self._key, way)]

    def df(self) -> pd.DataFrame:
        return self._get("df").copy()

    def fetchall(self) -> list[tuple]:
        return list(self._get("fetchall"))


def _frozen(value: object) -> object:
    """The query's values as a key: lists become tuples, a dict its sorted items."""
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value

