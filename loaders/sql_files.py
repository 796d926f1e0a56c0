"""The SQL of the model, file by file: staging DDL, the facts table, the vocabulary tables and the marts.

Marts are `create or replace view|macro` statements, one mart per file, run in file-name order:
loaders/sql (the contract marts) then metrics/sql (the metric marts).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from domain.tables import TABLES
from loaders import paths

STAGING_DDL = "00_staging.sql"
#: the tables filled from the facts store (facts, register records), each created by its own DDL file
STORE_TABLES = {"stg_fact": "01_stg_fact.sql", "stg_entry": "02_stg_entry.sql"}


def _sql(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def staging_ddl() -> str:
    """The staging tables of the passport files."""
    return _sql(paths.SQL_DIRS[0] / STAGING_DDL)


@cache
def mart_files() -> tuple[Path, ...]:
    """Every mart file in the order it is created."""
    files: list[Path] = []
    for folder in paths.SQL_DIRS:
        files.extend(p for p in sorted(folder.glob("*.sql"))
                     if p.name != STAGING_DDL and p.name not in STORE_TABLES.values())
    return tuple(files)


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
            con.execute(_sql(paths.SQL_DIRS[0] / STORE_TABLES[table]))
        con.execute(f"delete from {table}")  # noqa: S608 - table from code
        if len(frame):
            con.register("store_df", frame)
            con.execute(f"insert into {table} by name select * from store_df")  # noqa: S608 - table from code
            con.unregister("store_df")
