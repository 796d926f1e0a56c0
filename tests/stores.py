"""Facts stores of either backend for the store tests: a SQLite file, or a fresh schema of the test PostgreSQL.

The PostgreSQL database comes from COS_TEST_PG_URL (./test.sh starts a throwaway cluster and sets it); without it,
the tests start one themselves for the session with the same script (scripts/pg_test.sh).
"""

from __future__ import annotations

import atexit
import os
import subprocess
import tempfile
import uuid
from functools import cache
from pathlib import Path

from store.facts_store import FactStore
from store.location import open_store

ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ("sqlite", "postgresql")
SCRIPT = ROOT / "scripts" / "pg_test.sh"


class NoPostgres(RuntimeError):
    """The test PostgreSQL could not be started (the message says why, in Russian)."""


@cache
def pg_url() -> str:
    """The test database's URL: COS_TEST_PG_URL, else a throwaway cluster started now and stopped at exit."""
    url = os.environ.get("COS_TEST_PG_URL")
    if url:
        return url
    folder = tempfile.mkdtemp(prefix="cos-pg-")  # directly under /tmp: the `postgres` user must reach it
    run = subprocess.run(["bash", str(SCRIPT), "start", folder], capture_output=True, text=True, timeout=180)
    atexit.register(subprocess.run, ["bash", str(SCRIPT), "stop", folder], capture_output=True, timeout=60)
    if run.returncode != 0:
        raise NoPostgres("PostgreSQL для тестов хранилища не запущен (./test.sh ставит его; или задайте "
                         f"COS_TEST_PG_URL): {run.stderr.strip()[-2000:]}")
    return run.stdout.strip().splitlines()[-1]


def new_schema_url() -> str:
    """The test database with a new empty schema first on the search path: a store no other test sees."""
    import psycopg

    base = pg_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as con:
        con.execute(f"create schema {schema}")  # a name made here, not a value from outside
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"


class Stores:
    """New, empty stores of one backend for a test; every store opened here is closed after it."""

    def __init__(self, backend: str, folder: Path):
        self.backend = backend
        self._folder = folder
        self._opened: list[FactStore] = []
        self._count = 0

    @property
    def is_pg(self) -> bool:
        return self.backend == "postgresql"

    def location(self) -> str:
        """Where a new, empty store lives: a file path, or a PostgreSQL URL with a schema of its own."""
        self._count += 1
        if self.is_pg:
            return new_schema_url()
        return str(self._folder / f"store{self._count}" / "facts.sqlite")

    def open(self, location: str | None = None) -> FactStore:
        """The store at a location (a new one when not given), as the app opens it."""
        store = open_store(location or self.location())
        self._opened.append(store)
        return store

    @staticmethod
    def env(location: str) -> dict[str, str]:
        """The variables that point the app and the command lines at the store."""
        key = "COS_FACTS_URL" if "://" in location else "COS_FACTS_DB"
        return {key: location}

    def close(self) -> None:
        for store in self._opened:
            store.close()
