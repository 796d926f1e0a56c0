"""Build the DuckDB model file: validated YAML + facts -> staging tables -> mart views. Atomic.

The file holds the staging tables, the vocabulary tables, the facts as of the build and every mart view, so
other tools can read it as it is. The app and the command-line tools open it with `loaders.model.open_model`,
which reads it in place and puts the live facts beside it.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from loaders import paths
from loaders.facts_store import open_store
from loaders.passports import load_passports
from loaders.signature import data_signature
from loaders.sql_files import create_marts, create_vocabulary, fill_store, staging_ddl
from loaders.staging import staging_frames


@dataclass
class BuildReport:
    """What a build produced: the file, row counts of the contract views and the time taken."""

    db_path: Path
    seconds: float
    counts: dict[str, dict[str, int]]


CONTRACT_VIEWS = (
    "passport", "indicator_plan", "result_target", "funding", "funding_detail", "participant", "activity",
)


def populate(con: duckdb.DuckDBPyConnection, data_dir: Path, facts: pd.DataFrame | None = None,
             entries: pd.DataFrame | None = None) -> None:
    """Create every table and view in an empty connection from the files under data_dir."""
    passports = load_passports(data_dir)
    frames = staging_frames(passports)
    con.execute(staging_ddl())
    for table, frame in frames.items():
        if len(frame):
            con.register("frame_df", frame)
            con.execute(f"insert into {table} by name select * from frame_df")  # noqa: S608 - table from code
            con.unregister("frame_df")
    create_vocabulary(con)
    fill_store(con, facts if facts is not None else pd.DataFrame(), entries)
    create_marts(con)
    quick, content = data_signature(data_dir)
    con.execute("create table build_info (key varchar primary key, value varchar)")
    con.executemany("insert into build_info values (?, ?)", [
        ("data_dir", str(Path(data_dir).resolve())), ("quick_signature", quick), ("content_signature", content()),
        ("built_at", time.strftime("%Y-%m-%dT%H:%M:%S")),
    ])


def view_counts(con: duckdb.DuckDBPyConnection, views: tuple[str, ...] = CONTRACT_VIEWS) -> dict[str, dict[str, int]]:
    """Row counts per view and passport."""
    out: dict[str, dict[str, int]] = {}
    for view in views:
        rows = con.execute(
            f"select passport_id, count(*) from {view} group by 1 order by 1"  # noqa: S608 - view from code
        ).fetchall()
        out[view] = {pid: n for pid, n in rows}
    return out


def build_database(
    data_dir: Path | None = None, db_path: Path | None = None, facts: pd.DataFrame | None = None
) -> BuildReport:
    """Validate data_dir and build db_path atomically: a failure leaves the old file untouched."""
    started = time.perf_counter()
    data_dir = Path(data_dir or paths.DATA_DIR)
    db_path = Path(db_path or paths.DB_PATH)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    entries = None
    if facts is None:
        store = open_store()
        facts, entries = store.as_stg_fact(), store.as_stg_entry()
    fd, tmp_name = tempfile.mkstemp(prefix=db_path.name + ".", suffix=".tmp", dir=db_path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # duckdb wants to create the file itself
    try:
        con = duckdb.connect(str(tmp))
        try:
            populate(con, data_dir, facts, entries)
            counts = view_counts(con)
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(tmp, db_path)
    finally:
        for leftover in (tmp, Path(str(tmp) + ".wal")):
            leftover.unlink(missing_ok=True)
    return BuildReport(db_path=db_path, seconds=time.perf_counter() - started, counts=counts)
