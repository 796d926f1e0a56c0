"""Build the DuckDB model file: validated YAML + facts -> staging tables -> mart views. Atomic.

The file holds the staging tables, the vocabulary tables, the facts as of the build and every mart view, so
other tools can read it as it is. The app and the command-line tools open it with `model.opening.open_model`,
which reads it in place and puts the live facts beside it.

Passports are read in a process pool and cached by their content (passports/pool.py, passports/cache.py):
a rebuild reads again only the folders that changed. Rows go from the workers into the cache chunk by chunk and
from the cache into the new file table by table, so no step holds every passport's Python objects.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import duckdb
import pandas as pd

from domain import paths
from domain.formatting import fmt_int, fmt_num
from domain.problems import InputError
from model.sql_files import create_marts, create_vocabulary, fill_store, staging_ddl
from passports import cache as passport_cache
from passports.pool import file_digests, folder_key, parse_folders
from passports.reading import passport_folders
from passports.signature import data_signature
from passports.staging import STAGING
from store.location import open_store

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build produced: the file, row counts of the contract views, the time taken, totals for the
    summary and how many passports came from the cache and how many were read."""

    db_path: Path
    seconds: float
    counts: dict[str, dict[str, int]]
    totals: dict[str, int] = field(default_factory=dict)
    from_cache: int = 0
    parsed: int = 0


CONTRACT_VIEWS = (
    "passport", "indicator_plan", "result_target", "funding", "funding_detail", "participant", "activity",
)


#: passports whose rows go into the cache in one statement per table
STORE_BATCH = 128


@dataclass
class _Staged:
    from_cache: int
    parsed: int


def _stage(con: duckdb.DuckDBPyConnection, data_dir: Path, cache_file: Path | None, workers: int | None,
           min_parallel: int | None) -> tuple[_Staged, dict[Path, bytes]]:
    """Fill the staging tables of `main` from the passport folders, through the cache; InputError with the
    problems of every folder when any is invalid (valid ones are cached all the same)."""
    folders = passport_folders(data_dir)
    tables = list(STAGING)
    con.execute(staging_ddl())
    passport_cache.attach(con, cache_file)
    passport_cache.prepare(con, tables)
    digests = {folder: file_digests(folder) for folder in folders}
    keys = pd.DataFrame({"build_ord": range(len(folders)), "build_folder": [f.name for f in folders],
                         "cache_key": [folder_key(f, digests[f]) for f in folders]})
    con.execute("create temp table build_key as select * from keys")
    passport_cache.forget_unkeyed(con, tables)
    cached, dirty = passport_cache.lookup(con, tables)
    todo = [(f, k) for f, k in zip(folders, keys["cache_key"], strict=True) if k not in cached]
    problems: dict[str, list] = {}
    extra = {} if min_parallel is None else {"min_parallel": min_parallel}
    pending: list = []
    for parsed in chain(parse_folders(todo, workers, **extra), [None]):
        if parsed is not None:
            problems.update(parsed.problems)
            pending.append(parsed)
        if pending and (parsed is None or sum(len(p.keys) for p in pending) >= STORE_BATCH):
            passport_cache.store(con, pending, tables, dirty)
            pending = []
        for folder, key in (parsed.keys.items() if parsed else ()):
            if key is None:  # its files changed while read: this build uses its rows, the cache does not keep them
                con.execute("update build_key set cache_key = ? where build_folder = ?", [f"unkeyed:{folder}", folder])
    if problems:
        raise InputError([p for f in folders for p in problems.get(f.name, [])])
    for table in tables:
        columns = [f'"{c}"' for (c,) in con.execute(
            "select column_name from duckdb_columns() where database_name = current_database() "
            "and schema_name = 'main' and table_name = ? order by column_index", [table]).fetchall()]
        con.execute(f"insert into main.{table} ({', '.join(columns)}) "  # noqa: S608 - names from the catalogue
                    f"select {', '.join('c.' + c for c in columns)} from cache.{table} c "
                    "join build_key k using (cache_key) order by k.build_ord, c.cache_row")
    passport_cache.prune(con, tables)
    files = {folder / name: d for folder, ds in digests.items() for name, d in ds.items()}
    return _Staged(from_cache=len(folders) - len(todo), parsed=len(todo)), files


def populate(con: duckdb.DuckDBPyConnection, data_dir: Path, facts: pd.DataFrame | None = None,
             entries: pd.DataFrame | None = None, cache_file: Path | None = None, workers: int | None = None,
             min_parallel: int | None = None) -> _Staged:
    """Create every table and view in an empty connection from the files under data_dir (through the passport
    cache in cache_file, when given)."""
    staged, digests = _stage(con, data_dir, cache_file, workers, min_parallel)
    con.execute("detach cache")
    con.execute("drop table build_key")
    create_vocabulary(con)
    fill_store(con, facts if facts is not None else pd.DataFrame(), entries)
    create_marts(con)
    quick, content = data_signature(data_dir, digests)
    con.execute("create table build_info (key varchar primary key, value varchar)")
    con.executemany("insert into build_info values (?, ?)", [
        ("data_dir", str(Path(data_dir).resolve())), ("quick_signature", quick), ("content_signature", content()),
        ("built_at", time.strftime("%Y-%m-%dT%H:%M:%S")),
    ])
    return staged


def view_counts(con: duckdb.DuckDBPyConnection, views: tuple[str, ...] = CONTRACT_VIEWS) -> dict[str, dict[str, int]]:
    """Row counts per view and passport."""
    out: dict[str, dict[str, int]] = {}
    for view in views:
        rows = con.execute(
            f"select passport_id, count(*) from {view} group by 1 order by 1"  # noqa: S608 - view from code
        ).fetchall()
        out[view] = {pid: n for pid, n in rows}
    return out


def totals(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Counts for the build's summary: passports by level, indicators, result targets, funding rows,
    participants, activities."""
    row = con.execute("""
        select (select count(*) from stg_passport),
               (select count(*) from stg_passport where level = 'regional'),
               (select count(*) from stg_passport where level = 'municipal'),
               (select count(*) from stg_indicator where indicator_code is not null),
               (select count(*) from stg_result_target),
               (select count(*) from stg_funding_row),
               (select count(distinct (passport_id, seq)) from stg_participant),
               (select count(*) from stg_activity)
    """).fetchone()
    names = ("passports", "regional", "municipal", "indicators", "result_targets", "funding_rows",
             "participants", "activities")
    return dict(zip(names, row, strict=True))


def summary_lines(report: BuildReport) -> list[str]:
    """What the build prints: the file, the time and totals, never a list per passport."""
    t = report.totals
    return [
        f"База собрана: {report.db_path} за {fmt_num(report.seconds, 2, keep_zeros=True)} с — паспортов: "
        f"{fmt_int(t['passports'])} (региональных {fmt_int(t['regional'])}, "
        f"муниципальных {fmt_int(t['municipal'])}); из кэша: {fmt_int(report.from_cache)}, "
        f"прочитано заново: {fmt_int(report.parsed)}.",
        f"  Показателей: {fmt_int(t['indicators'])}, целей результатов: {fmt_int(t['result_targets'])}, "
        f"строк финансирования: {fmt_int(t['funding_rows'])}, участников: {fmt_int(t['participants'])}, "
        f"мероприятий: {fmt_int(t['activities'])}.",
    ]


def build_database(
    data_dir: Path | None = None, db_path: Path | None = None, facts: pd.DataFrame | None = None,
    cache: bool = True, workers: int | None = None, min_parallel: int | None = None,
) -> BuildReport:
    """Validate data_dir and build db_path atomically: a failure leaves the old file untouched. Passports are
    cached beside the database (passport_cache.cache_path) unless cache is False; `workers` processes read the
    folders that are not (os.cpu_count() by default; in-process below `min_parallel` folders)."""
    started = time.perf_counter()
    data_dir = Path(data_dir or paths.DATA_DIR)
    db_path = Path(db_path or paths.DB_PATH)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    entries = None
    if facts is None:
        store = open_store()
        facts, entries = store.as_stg_fact(), store.as_stg_entry()
    cache_file = passport_cache.cache_path(db_path) if cache else None
    for attempt in range(2):
        fd, tmp_name = tempfile.mkstemp(prefix=db_path.name + ".", suffix=".tmp", dir=db_path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        tmp.unlink()  # duckdb wants to create the file itself
        try:
            con = duckdb.connect(str(tmp))
            try:
                staged = populate(con, data_dir, facts, entries, cache_file, workers, min_parallel)
                counts = view_counts(con)
                summary = totals(con)
                con.execute("checkpoint")
            finally:
                con.close()
            os.replace(tmp, db_path)
            break
        except duckdb.Error as exc:
            if cache_file is None or attempt:
                raise
            # the cache failed while read (a damaged file): build again from the passport files alone
            log.warning("кэш паспортов %s не читается (%s): удалён, сборка идёт по файлам паспортов", cache_file,
                        type(exc).__name__)
            passport_cache.delete(cache_file)
        finally:
            for leftover in (tmp, Path(str(tmp) + ".wal")):
                leftover.unlink(missing_ok=True)
    return BuildReport(db_path=db_path, seconds=time.perf_counter() - started, counts=counts, totals=summary,
                       from_cache=staged.from_cache, parsed=staged.parsed)
