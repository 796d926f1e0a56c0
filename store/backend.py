"""What the facts store asks of a backend (a SQLite file, a PostgreSQL database): connections that run the store's
SQL as written (sqlite3's `?` placeholders), one write transaction per save, and the few places where the two
databases differ. The store's API, its SQL and its meaning are `store.facts_store.FactStore`, the same for both."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any, Protocol

from domain.keys import FactKey
from store.records import FactValue


class Connection(Protocol):
    """A connection as the store's SQL uses it."""

    def execute(self, sql: str, params: Iterable[Any] = ...) -> Any: ...

    def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> Any: ...


class Writing:
    """The one write transaction of a save: its connection, and the stored value of every fact the save changes
    (read at its start under the writers' lock, kept up to date by the save itself, so a write needs no read)."""

    def __init__(self, con: Connection, current: dict[FactKey, FactValue | None]):
        self.con = con
        self.current = current


class Backend(Protocol):
    """Where a store lives: `name` 'sqlite' or 'postgres', `identity` its address without a secret."""

    name: str

    @property
    def identity(self) -> str: ...

    def reader(self) -> AbstractContextManager[Connection | None]:
        """A connection that reads (None when the store does not exist yet: nothing to read)."""

    def writer(self, keys: list[FactKey]) -> AbstractContextManager[Writing]:
        """The write transaction of a save that changes the facts of `keys` (and maybe register records)."""

    def values(self, con: Connection, keys: list[FactKey]) -> dict[FactKey, FactValue]:
        """The stored values of the keys (absent ones left out)."""

    def keep_ids(self, table: str) -> str:
        """What an insert that gives a numbered table's rows their own numbers needs."""

    def after_restore(self, con: Connection) -> None:
        """After a copy was restored: new numbered rows follow the copy's numbers."""

    def close(self) -> None:
        """Let go of idle connections."""
