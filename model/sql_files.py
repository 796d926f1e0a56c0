"""The SQL of the model, file by file, in layers as dbt lays them out (model/sql/):

- `staging/` — the tables the passport files and the facts store fill (rename, cast, nothing else);
- `contract/` — the marts every reader may rely on (`passport`, `indicator_plan`, `funding`, …);
- `marts/` — the metric marts built on them (plan against fact, funding lines, the quality checks);
- `queries/` — the named queries of metrics functions (model.queries runs them with bound parameters).

A mart is a `create or replace view|macro` statement, one per file, created in layer and file-name order.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from domain.tables import TABLES

SQL = Path(__file__).resolve().parent / "sql"
STAGING, MART_LAYERS = SQL / "staging", (SQL / "contract", SQL / "marts")
STAGING_DDL = STAGING / "00_staging.sql"
#: the tables filled from the facts store (facts, register records), each created by its own DDL file
STORE_TABLES = {"stg_fact": STAGING / "01_stg_fact.sql", "stg_entry": STAGING / "02_stg_entry.sql"}


def _sql(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def staging_ddl() -> str:
    """The staging tables of the passport files."""
    return _sql(STAGING_DDL)


@cache
def mart_files() -> tuple[Path, ...]:
    """Every mart file in the order it is created."""
    return tuple(p for folder in MART_LAYERS for p in sorted(folder.glob("*.sql")))


def create_marts(con: duckdb.DuckDBPyConnection) -> None:
    """Create (or replace) every mart view and macro."""
    for path in mart_files():
        con.execute(_sql(path))


def create_vocabulary(con: duckdb.DuckDBPyConnection) -> None:
    """The vocabulary and thresholds of domain.vocabulary as tables (replacing any older copy)."""
    for table, rows in TABLES.items():
        frame = pd.DataFrame(rows())
        con.register("vocab_df", frame)
        con.execute(f"create or replace table {table} as select * from vocab_df")  # noqa: S608 - name from code
        con.unregister("vocab_df")


def fill_store(con: duckdb.DuckDBPyConnection, facts: pd.DataFrame, entries: pd.DataFrame | None = None) -> None:
    """Create the store tables if needed and replace their rows: stg_fact from the facts, stg_entry from the
    register records (risks, events, the user's measures)."""
    for table, frame in (("stg_fact", facts), ("stg_entry", entries if entries is not None else pd.DataFrame())):
        exists = con.execute(
            "select count(*) from duckdb_tables() where database_name = current_database() and table_name = ?",
            [table]).fetchone()[0]
        if not exists:
            con.execute(_sql(STORE_TABLES[table]))
        con.execute(f"delete from {table}")  # noqa: S608 - table from code
        if len(frame):
            con.register("store_df", frame)
            con.execute(f"insert into {table} by name select * from store_df")  # noqa: S608 - table from code
            con.unregister("store_df")
