"""Shared fixtures: real DuckDB models built from the real passport files (never mocked).

The app's facts store and database paths point into a temporary folder for the whole session,
so tests never touch data/facts.sqlite or data/cos.duckdb of a developer.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="cos-tests-"))
os.environ.setdefault("COS_FACTS_DB", str(_TMP / "facts.sqlite"))
os.environ.setdefault("COS_DB", str(_TMP / "cos.duckdb"))
os.environ.setdefault("COS_AUTHOR", "Тестов Т.Т.")

import duckdb  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from loaders.build import build_database  # noqa: E402
from tests.helpers import DATA, FIXTURES, model  # noqa: E402

# the app in AppTests opens the configured database: build it once, from the real passports
build_database(DATA, Path(os.environ["COS_DB"]), facts=pd.DataFrame())


@pytest.fixture(scope="session")
def con() -> duckdb.DuckDBPyConnection:
    """The real passports (no facts), read-only use."""
    return model()


@pytest.fixture
def make_con():
    """Factory: a model of the real passports (or another data dir) with the given facts."""
    def _make(facts: pd.DataFrame | list[dict] | None = None, data_dir: Path = DATA) -> duckdb.DuckDBPyConnection:
        return model(facts, data_dir)
    return _make


@pytest.fixture(scope="session")
def clean_con() -> duckdb.DuckDBPyConnection:
    """The small hand-made passport without contradictions."""
    return model(data_dir=FIXTURES / "clean")
