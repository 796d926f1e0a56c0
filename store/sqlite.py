"""The facts store in a SQLite file (WAL), beside the passport database by default (data/facts.sqlite).

SQLite allows one writer at a time across processes and makes the others wait for the lock (`begin immediate`),
so `import-facts` can save while the app runs; readers never take the write lock. The file is created, or
migrated from an older release, once, under a file lock: parallel first saves of a new store wait for each other.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from domain.keys import FactKey, default_reporting_date
from domain.vocabulary import CONTROL_FACT_STATUSES
from store.backend import Writing
from store.records import KEY_COLUMNS, VALUE_FIELDS, FactValue, key_params
from store.schema import SCHEMA_VERSION, schema_script, schema_statements

BUSY_TIMEOUT_S = 30
_KEY_WHERE = " and ".join(f"{c} = ?" for c in KEY_COLUMNS.split(", "))


class SqliteBackend:
    """Connections to one SQLite store file: reading never waits for a writer; writers queue."""

    name = "sqlite"

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._ready = False

    @property
    def identity(self) -> str:
        """The file's path: stable, holds no secret."""
        return str(self.path)

    def close(self) -> None:
        """SQLite keeps no connection between calls."""

    def _open(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        con.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        return con

    def _ensure_schema(self) -> None:
        """Create the store (WAL, tables) or migrate it, once, under a file lock."""
        if self._ready:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with os.fdopen(private_file(self.path.with_name(self.path.name + ".lock")), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            private_file(self.path, close=True)  # SQLite gives its -wal and -shm files the same rights
            con = self._open()
            try:
                con.execute("pragma journal_mode=wal")
                if _columns(con, "fact") and "reporting_date" not in _columns(con, "fact"):
                    _migrate_v1(con)
                if _columns(con, "fact") and "reason" not in _columns(con, "fact"):
                    _migrate_v2(con)
                _migrate_v5(con)
                # one transaction: a reader in another process sees no tables or all of them, never half
                con.executescript(f"begin immediate;{schema_script('sqlite')}insert or replace into meta values "  # noqa: S608
                                  f"('schema_version', {SCHEMA_VERSION}); commit;")
            finally:
                con.close()
                fcntl.flock(lock, fcntl.LOCK_UN)
        self._ready = True

    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection | None]:
        """A read-only connection (never the write lock); None when the store does not exist yet."""
        if not self.path.exists():
            yield None
            return
        if not self._ready:
            if _needs_setup(self.path):
                self._ensure_schema()
            else:
                self._ready = True  # checked once: the schema is this version's
        con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def writer(self, keys: list[FactKey]) -> Iterator[Writing]:
        """The one write transaction of a save: writers queue for it, readers never do; all of it is committed
        or none (also on a kill or an exception)."""
        self._ensure_schema()
        con = self._open()
        con.execute("pragma synchronous=full")
        try:
            with _transaction(con):
                yield Writing(con, dict.fromkeys(keys) | self.values(con, keys))
        finally:
            con.close()

    @staticmethod
    def values(con: sqlite3.Connection, keys: list[FactKey]) -> dict[FactKey, FactValue]:
        """The stored values of the keys (absent ones left out)."""
        found = {}
        for key in keys:
            row = con.execute(f"select {', '.join(VALUE_FIELDS)} from fact where {_KEY_WHERE}",  # noqa: S608
                              key_params(key)).fetchone()
            if row is not None:
                found[key] = FactValue(*row)
        return found

    @staticmethod
    def keep_ids(table: str) -> str:
        """What an insert that gives rows their own numbers needs (nothing in SQLite)."""
        return ""

    def after_restore(self, con: sqlite3.Connection) -> None:
        """New numbered rows follow the copy's (SQLite's autoincrement does it itself)."""


def _columns(con: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in con.execute(f"pragma table_info({table})")}  # table from code


def _tables(con: sqlite3.Connection) -> set[str]:
    return {r[0] for r in con.execute("select name from sqlite_master where type = 'table'")}


def _needs_setup(path: Path) -> bool:
    """True when a store file exists but holds no schema of this version (created by an older release, or
    being created by another process right now)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        row = con.execute("select value from meta where key = 'schema_version'").fetchone()
        return row is None or int(row[0]) < SCHEMA_VERSION
    except sqlite3.Error:
        return True
    finally:
        con.close()


@contextmanager
def _transaction(con: sqlite3.Connection) -> Iterator[None]:
    """One write transaction: all of it is committed, or none of it (also on a kill or an exception)."""
    con.execute("begin immediate")
    try:
        yield
        con.execute("commit")
    except BaseException:
        if con.in_transaction:
            con.execute("rollback")
        raise


def private_file(path: Path, close: bool = False) -> int | None:
    """Open (creating when missing) a file only its owner may read and write, and make an older one so: the store
    holds facts, accounts and password hashes. Returns the descriptor (None when closed)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        os.fchmod(fd, 0o600)
    except PermissionError:  # a file of another user: its rights are that user's to set
        pass
    if close:
        os.close(fd)
        return None
    return fd


def _migrate_v5(con: sqlite3.Connection) -> None:
    """Stores of layout 3–4: the signing key leaves the store (the setting table goes), throttling replaces the
    lock (its columns go), tokens name a session kept here, the journal says where a batch came from, accounts get
    an e-mail address."""
    steps = [(table, column, add) for table, column, add in (
        ("audit", "origin", True), ("account_event", "client", True), ("account", "email", True),
        ("account", "failures", False), ("account", "locked_until", False), ("account", "token_version", False))
        if _columns(con, table) and (column in _columns(con, table)) != add]
    if not steps and "setting" not in _tables(con):
        return
    with _transaction(con):
        con.execute("drop table if exists setting")
        for table, column, add in steps:  # names from code
            con.execute(f"alter table {table} add column {column} text" if add else
                        f"alter table {table} drop column {column}")


def _migrate_v2(con: sqlite3.Connection) -> None:
    """Stores of the second release: facts gain the reason for a deviation and the measures taken."""
    with _transaction(con):
        for column in ("reason", "measures"):
            con.execute(f"alter table fact add column {column} text")  # column from code


def _migrate_v1(con: sqlite3.Connection) -> None:
    """Stores of the first release keyed facts without a reporting date: give every fact (and its audit rows)
    the date the rule gives for the day it was first saved, so old batches can still be undone."""
    with _transaction(con):
        con.execute("alter table fact rename to fact_v1")
        for statement in schema_statements("sqlite"):
            con.execute(statement)
        if "reporting_date" not in _columns(con, "audit"):
            con.execute("alter table audit add column reporting_date text")
        keys = "passport_id, kind, section, code, measure, year, is_example"
        first = {tuple(r[:7]): r[7] for r in con.execute(
            f"select {keys}, min(at) from audit group by {keys}")}  # noqa: S608 - columns from code
        rows = con.execute(f"select {keys}, fact_value, fact_date, fact_status, comment, source, entered_by, "  # noqa: S608
                           "entered_at from fact_v1").fetchall()
        for r in rows:
            since = first.get(tuple(r[:7])) or r[13]
            rdate = default_reporting_date(int(r[5]), datetime.fromisoformat(since).date()).isoformat()
            con.execute(
                f"insert into fact ({KEY_COLUMNS}, fact_value, fact_date, fact_status, comment, source, "  # noqa: S608
                "entered_by, entered_at, first_entered_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [*r[:6], rdate, r[6], *r[7:12], r[12], r[13], since])
        for key, since in first.items():
            rdate = default_reporting_date(int(key[5]), datetime.fromisoformat(since).date()).isoformat()
            con.execute(f"update audit set reporting_date = ? where {' and '.join(f'{c} = ?' for c in keys.split(', '))}",  # noqa: S608,E501
                        [rdate, *key])
        for term in CONTROL_FACT_STATUSES:  # the first release stored the Russian word
            con.execute("update fact set fact_status = ? where fact_status = ?", [term.code, term.label])
        con.execute("drop table fact_v1")
