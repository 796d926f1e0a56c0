"""Open the model: the built database file, read in place, with the live facts beside it.

This is the one way the app, the command-line tools and the tests read the model. A missing or stale file
is refused with a Russian message that names the command that builds it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from domain import paths
from domain.problems import InputError, InputProblem
from model.sql_files import create_marts, create_vocabulary, fill_store
from passports.signature import data_signature
from store.facts_store import FactStore
from store.location import open_store

BUILD_COMMAND = "python -m loaders"
#: tables the opener makes itself (live facts, current vocabulary) instead of reading the file's copy
_OWN_TABLES = {"stg_fact", "stg_entry", "vocab_term", "vocab_measure", "vocab_topic_role", "metric_settings",
               "report_deadline",
               "build_info"}


class ModelError(InputError):
    """The built database cannot be used: it is missing, unreadable or older than the passport files."""

    def __init__(self, path: Path, message: str):
        super().__init__([InputProblem(str(path), "", message)])
        self.message = f"{path}: {message}"


def _check_fresh(con: duckdb.DuckDBPyConnection, db_path: Path, data_dir: Path | None) -> None:
    info = dict(con.execute("select key, value from built.build_info").fetchall())
    folder = Path(data_dir or info.get("data_dir", paths.DATA_DIR))
    quick, content = data_signature(folder)
    if quick == info.get("quick_signature") or content() == info.get("content_signature"):
        return
    raise ModelError(db_path, f"база устарела: файлы паспортов в {folder / 'passports'} изменены после сборки. "
                              f"Соберите её заново: {BUILD_COMMAND}")


def open_model(db_path: Path | None = None, facts: FactStore | pd.DataFrame | None = None,
               data_dir: Path | None = None, check_fresh: bool = True) -> duckdb.DuckDBPyConnection:
    """An in-memory connection that reads the built file in place (attached read-only), with every mart
    re-created over it and the facts of the given store (the configured one by default)."""
    db_path = Path(db_path or paths.DB_PATH)
    if not db_path.is_file():
        raise ModelError(db_path, f"база не собрана. Соберите её: {BUILD_COMMAND}")
    con = duckdb.connect(":memory:")
    try:
        con.execute("attach ? as built (read_only)", [str(db_path)])
    except duckdb.Error:
        con.close()
        raise ModelError(db_path, f"файл базы не читается. Соберите её заново: {BUILD_COMMAND}") from None
    try:
        if check_fresh:
            _check_fresh(con, db_path, data_dir)
        tables = con.execute(
            "select table_name from duckdb_tables() where database_name = 'built' and schema_name = 'main'"
        ).fetchall()
        for (table,) in tables:
            if table not in _OWN_TABLES:
                con.execute(f'create view main."{table}" as select * from built.main."{table}"')  # noqa: S608
        create_vocabulary(con)
        store = facts if isinstance(facts, FactStore) else (open_store() if facts is None else None)
        if store is not None:
            fill_store(con, store.as_stg_fact(), store.as_stg_entry())
        else:
            fill_store(con, facts)
        create_marts(con)
    except duckdb.CatalogException:
        con.close()
        message = f"база собрана старой версией программы. Соберите её заново: {BUILD_COMMAND}"
        raise ModelError(db_path, message) from None
    except BaseException:
        con.close()
        raise
    return con


def passport_regions(con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """passport_id -> the region code it belongs to (a region's own passport: its own code), for access rules."""
    return {pid: code for pid, code in con.execute("select passport_id, region_code from passport").fetchall()}


def built_passport_ids(db_path: Path) -> list[str] | None:
    """The passport ids of a built file, read without opening the model (None when it cannot be read)."""
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            return [pid for (pid,) in con.execute("select passport_id from passport order by 1").fetchall()]
    except (duckdb.Error, OSError):
        return None
