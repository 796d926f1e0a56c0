"""Parametrised queries kept in `model/sql/queries/<name>.sql`, run with bound named parameters ($name).

Python holds no SQL: a metric function names its query and passes values, never formats them into the text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

QUERIES = Path(__file__).resolve().parent / "sql" / "queries"


@cache
def query_text(name: str) -> str:
    """The text of model/sql/queries/<name>.sql."""
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


def run(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run a named query with bound parameters; list and tuple values become DuckDB lists."""
    bound = {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}
    return con.execute(query_text(name), bound).df()


def run_rows(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> list[tuple]:
    """The same, as plain rows."""
    bound = {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}
    return con.execute(query_text(name), bound).fetchall()
