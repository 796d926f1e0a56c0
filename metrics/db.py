"""The model connection used by the app: the built database copied into memory, plus live facts."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from loaders import paths
from loaders.build import connect_memory, fill_facts, sql_files
from loaders.facts_store import FactStore


class Model:
    """An in-memory DuckDB with every view, whose facts follow the facts store without a restart.

    The built file is only read (and closed at once), so `python -m loaders` can rebuild it and
    `import-facts` can write facts while the app runs.
    """

    def __init__(self, db_path: Path | None = None, facts_path: Path | None = None, data_dir: Path | None = None):
        self.db_path = Path(db_path or paths.DB_PATH)
        self.store = FactStore(facts_path or paths.FACTS_PATH)
        self.data_dir = data_dir or paths.DATA_DIR
        self._lock = threading.Lock()
        self.con = self._open()
        self.facts_version = -1
        self.refresh_facts()

    def _open(self) -> duckdb.DuckDBPyConnection:
        if not self.db_path.exists():
            return connect_memory(self.data_dir)
        con = duckdb.connect(":memory:")
        con.execute("attach ? as built (read_only)", [str(self.db_path)])
        tables = con.execute(
            "select table_name from duckdb_tables() where database_name = 'built' and schema_name = 'main'"
        ).fetchall()
        for (table,) in tables:
            con.execute(f'create table main."{table}" as select * from built.main."{table}"')  # noqa: S608
        con.execute("detach built")
        for path in sql_files():
            if path.name != "00_staging.sql":
                con.execute(path.read_text(encoding="utf-8"))
        return con

    def refresh_facts(self) -> int:
        """Reload facts if the store changed since the last look; returns the facts version."""
        version = self.store.version()
        if version != self.facts_version:
            with self._lock:
                if version != self.facts_version:
                    fill_facts(self.con, self.store.as_stg_fact())
                    self.facts_version = version
        return self.facts_version

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for one query (thread-safe use of the shared connection)."""
        return self.con.cursor()
