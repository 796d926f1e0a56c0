"""The passport cache: every parsed and validated passport's staging rows, keyed by its folder's content hash
(passports.pool.folder_key), in a DuckDB file beside the database (`.cache/<db name>.passports.duckdb`).

Attached to the build's connection as `cache`: the cache's tables are the staging tables plus `cache_key` and
`cache_row` (the row's place in its table, so the build inserts rows in the order a full read gives them), and
`cache_entry` lists the keys whose rows are complete with their row count. An entry whose rows do not add up to
its count is read again; a file DuckDB cannot read (its blocks carry checksums) or one written by another version
of the loader is deleted and started afresh; a file another build holds is left alone and the build caches in
memory. No pickle: only DuckDB's own file format.
"""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import pyarrow as pa

from passports.pool import Parsed, loader_version

log = logging.getLogger(__name__)
_ENTRY_COLUMNS = ("cache_key", "passport_id", "level", "row_count")


class CacheBroken(Exception):
    """The cache file failed while read or written: the build deletes it and starts again without it."""


def cache_path(db_path: Path) -> Path:
    """Where the cache of a database lives: `.cache/<db name>.passports.duckdb` in the database's folder."""
    return db_path.parent / ".cache" / f"{db_path.name}.passports.duckdb"


def delete(path: Path) -> None:
    for leftover in (path, Path(str(path) + ".wal")):
        leftover.unlink(missing_ok=True)


def attach(con: duckdb.DuckDBPyConnection, path: Path | None) -> bool:
    """Attach the cache file as `cache` (an in-memory one when path is None or the file cannot be used); True
    when it is a file. A file of another loader version, or one DuckDB refuses, is replaced by an empty one."""
    if path is not None:
        for attempt in range(2):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                con.execute("attach ? as cache", [str(path)])
            except (duckdb.Error, OSError) as exc:
                if "lock" in str(exc).lower() or attempt:  # another build holds it, or it cannot be made
                    log.info("passport cache not used: %s", exc)
                    break
                delete(path)
                continue
            try:
                if _version(con) == loader_version():
                    return True
            except duckdb.Error:
                pass
            con.execute("detach cache")
            delete(path)
    con.execute("attach ':memory:' as cache")
    return False


def _version(con: duckdb.DuckDBPyConnection) -> str | None:
    exists = con.execute("select count(*) from duckdb_tables() where database_name = 'cache' "
                         "and table_name = 'cache_meta'").fetchone()[0]
    if not exists:
        empty = con.execute("select count(*) from duckdb_tables() where database_name = 'cache'").fetchone()[0]
        return loader_version() if empty == 0 else None
    row = con.execute("select value from cache.cache_meta where key = 'loader'").fetchone()
    return row[0] if row else None


def prepare(con: duckdb.DuckDBPyConnection, tables: list[str]) -> None:
    """Create the cache's tables when missing, shaped like the staging tables of `main` plus the key columns."""
    con.execute("create table if not exists cache.cache_meta (key varchar primary key, value varchar)")
    con.execute("insert or replace into cache.cache_meta values ('loader', ?)", [loader_version()])
    con.execute("create table if not exists cache.cache_entry (cache_key varchar primary key, "
                "passport_id varchar, level varchar, row_count bigint)")
    for table in tables:
        con.execute(f"create table if not exists cache.{table} as "  # noqa: S608 - table from code
                    f"select ''::varchar as cache_key, 0::bigint as cache_row, * from main.{table} limit 0")


def lookup(con: duckdb.DuckDBPyConnection, tables: list[str]) -> tuple[set[str], set[str]]:
    """(valid, dirty) among the keys of build_key: valid ones have all their rows (as many as their entry
    says); dirty ones have an entry or rows but not both complete — those rows are deleted before new ones."""
    counts = " union all ".join(
        f"select cache_key, count(*) as n from cache.{t} "  # noqa: S608 - tables from code
        "where cache_key in (select cache_key from build_key) group by 1" for t in tables)
    rows = con.execute(f"""
        with counted as (select cache_key, sum(n) as n from ({counts}) group by 1),
        entry as (select * from cache.cache_entry where cache_key in (select cache_key from build_key))
        select cache_key, coalesce(c.n, 0) = coalesce(e.row_count, -1)
        from counted c full join entry e using (cache_key)
    """).fetchall()  # noqa: S608 - tables from code
    return {k for k, ok in rows if ok}, {k for k, ok in rows if not ok}


def store(con: duckdb.DuckDBPyConnection, chunks: list[Parsed], tables: list[str], dirty: set[str]) -> None:
    """Add some chunks' rows under their keys (after deleting the rows of their dirty keys), one statement per
    table for all of them (a statement costs ~3 ms whatever its size), in one transaction."""
    keys = {f: k for c in chunks for f, k in c.keys.items()}
    clear = [k for k in (k or f"unkeyed:{f}" for f, k in keys.items()) if k in dirty]
    con.execute("begin")
    try:
        if clear:
            for table in (*tables, "cache_entry"):
                con.execute(f"delete from cache.{table} where cache_key in (select unnest(?))",  # noqa: S608
                            [clear])
        for table in tables:
            parts = [c.frames[table] for c in chunks if table in c.frames and c.frames[table].num_rows]
            if parts:
                rows = pa.concat_tables(parts)  # noqa: F841 - read by DuckDB
                con.execute(f"insert into cache.{table} by name select * from rows")  # noqa: S608
        entries = [(keys[f], pid, level, c.rows.get(keys[f] or "", 0))
                   for c in chunks for f, (pid, level) in c.passports.items() if keys[f] is not None]
        if entries:  # one statement (executemany runs one per row: as long as all the rows' insert)
            listed = pa.table(dict(zip(_ENTRY_COLUMNS, zip(*entries, strict=True), strict=True)))  # noqa: F841
            con.execute("insert into cache.cache_entry by name select * from listed")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def forget_unkeyed(con: duckdb.DuckDBPyConnection, tables: list[str]) -> None:
    """Delete rows a failed build left under no key (files changed while they were read)."""
    if con.execute("select count(*) from cache.stg_passport where cache_key like 'unkeyed:%'").fetchone()[0]:
        for table in tables:
            con.execute(f"delete from cache.{table} where cache_key like 'unkeyed:%'")  # noqa: S608


def prune(con: duckdb.DuckDBPyConnection, tables: list[str]) -> None:
    """Forget entries this build did not use (older versions of changed passports, removed folders), and rows
    of builds that failed half-way (unkeyed rows of files changed while read)."""
    stale = con.execute("select count(*) from cache.cache_entry where cache_key not in "
                        "(select cache_key from build_key)").fetchone()[0]
    unkeyed = con.execute("select count(*) from cache.stg_passport where cache_key like 'unkeyed:%'").fetchone()[0]
    if not stale and not unkeyed:
        return
    for table in (*tables, "cache_entry"):
        con.execute(f"delete from cache.{table} where cache_key not in "  # noqa: S608 - table from code
                    "(select cache_key from build_key where cache_key in (select cache_key from cache.cache_entry))")
