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

import duckdb  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from loaders.build import connect_memory  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def con() -> duckdb.DuckDBPyConnection:
    """The real passports (no facts), read-only use."""
    return connect_memory(DATA)


@pytest.fixture
def make_con():
    """Factory: a model of the real passports (or another data dir) with the given facts."""
    def _make(facts: pd.DataFrame | list[dict] | None = None, data_dir: Path = DATA) -> duckdb.DuckDBPyConnection:
        frame = pd.DataFrame(facts) if isinstance(facts, list) else facts
        if frame is not None and len(frame):
            for col, default in (("section", ""), ("measure", ""), ("is_example", False)):
                if col not in frame.columns:
                    frame[col] = default
        return connect_memory(data_dir, frame)
    return _make


@pytest.fixture(scope="session")
def clean_con() -> duckdb.DuckDBPyConnection:
    """The small hand-made passport without contradictions."""
    return connect_memory(FIXTURES / "clean")
