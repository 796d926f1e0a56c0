"""The store's tables, one .sql file per backend (store/sql/), and the version of their layout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

#: the layout version the code expects; a store of an older one is migrated (SQLite) or created anew
SCHEMA_VERSION = 6
_SQL = Path(__file__).resolve().parent / "sql"


@cache
def schema_script(backend: str) -> str:
    """The whole schema of a backend ('sqlite' or 'postgres') as one script."""
    return (_SQL / f"{backend}.sql").read_text(encoding="utf-8")


def schema_statements(backend: str) -> list[str]:
    """The schema as single statements (a driver that runs one at a time), comments kept with their statement."""
    return [s.strip() for s in schema_script(backend).split(";") if _has_code(s)]


def _has_code(statement: str) -> bool:
    return any(line.strip() and not line.strip().startswith("--") for line in statement.splitlines())
