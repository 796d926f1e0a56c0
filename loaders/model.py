"""Open the model (passports + facts) for reading from scripts: the built file, or a fresh in-memory build."""

from __future__ import annotations

from pathlib import Path

import duckdb

from loaders import paths
from loaders.build import connect_memory, fill_facts
from loaders.facts_store import FactStore


def open_model(data_dir: Path | None = None, facts_path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with every view, built from the passport files and the current facts."""
    store = FactStore(facts_path or paths.FACTS_PATH)
    con = connect_memory(data_dir or paths.DATA_DIR)
    fill_facts(con, store.as_stg_fact())
    return con
