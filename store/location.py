"""Where the facts store is: an explicit location (`--facts`: a SQLite file or a postgresql:// address) wins, then
COS_FACTS_URL (PostgreSQL, shared by several app servers), then the SQLite file COS_FACTS_DB (data/facts.sqlite)."""

from __future__ import annotations

import weakref
from pathlib import Path

from domain import paths
from store.facts_store import FactStore
from store.postgres import PostgresBackend, mask_url
from store.records import StoreError

#: schemes of a PostgreSQL store's address (COS_FACTS_URL or --facts)
URL_SCHEMES = ("postgresql://", "postgres://")
#: --facts of the command lines: a file (or a postgresql:// URL) given there wins over COS_FACTS_URL
FACTS_HELP = ("хранилище фактов: файл SQLite (по умолчанию — PostgreSQL из COS_FACTS_URL, если он задан, иначе "
              "COS_FACTS_DB или data/facts.sqlite)")
#: every store opened in this process by its identity, so a cached call can name a store by a non-secret string
_OPEN: weakref.WeakValueDictionary[str, FactStore] = weakref.WeakValueDictionary()


def is_store_url(location: Path | str) -> bool:
    """True for an address of a server (postgresql://…), False for a file path."""
    return isinstance(location, str) and "://" in location


def open_store(location: Path | str | None = None) -> FactStore:
    """The facts store at `location` — a SQLite file path or a postgresql:// URL (an explicit --facts) — or,
    without one, the configured store: PostgreSQL at COS_FACTS_URL when set, else the SQLite file COS_FACTS_DB
    (data/facts.sqlite)."""
    if location is None or str(location) == "":
        location = paths.FACTS_URL or paths.FACTS_PATH
    if is_store_url(location):
        if not str(location).startswith(URL_SCHEMES):
            raise StoreError(mask_url(str(location)), "адрес должен начинаться с postgresql:// (PostgreSQL) — "
                                                      "или укажите путь к файлу SQLite")
        store = FactStore(PostgresBackend(str(location)))
    else:
        store = FactStore(Path(location))
    _OPEN[store.identity] = store
    return store


def store_named(identity: str) -> FactStore:
    """The store of this process with the given identity (`FactStore.identity`), else the store at that path."""
    store = _OPEN.get(identity)
    return store if store is not None else open_store(identity)
