"""Shared fixtures: real DuckDB models built from the real passport files (never mocked).

The app's facts store and database paths point into a temporary folder for the whole session,
so tests never touch data/facts.sqlite or data/cos.duckdb of a developer — nor a PostgreSQL store of theirs
(COS_FACTS_URL is dropped). The store tests run against both backends through the `stores` fixture.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="cos-tests-"))
os.environ.setdefault("COS_FACTS_DB", str(_TMP / "facts.sqlite"))
os.environ.setdefault("COS_DB", str(_TMP / "cos.duckdb"))
os.environ.setdefault("COS_AUTHOR", "Тестов Т.Т.")
os.environ.pop("COS_FACTS_URL", None)
os.environ.pop("COS_SECRET_KEY", None)
os.environ.pop("COS_REQUIRE_SIGN_IN", None)
# no test may make the default signing key: a key makes the app require sign-in for every later AppTest. A test
# with accounts names its own key file (SigningKey(tmp)), or COS_SECRET_FILE for a server it starts; one that
# forgets fails here loudly (nothing can be created under /proc)
os.environ["COS_SECRET_FILE"] = "/proc/cos-tests-name-your-key/.cos-secret"

import duckdb  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from model.build import build_database  # noqa: E402
from tests.helpers import DATA, FIXTURES, model  # noqa: E402
from tests.stores import BACKENDS, NoPostgres, Stores, pg_url  # noqa: E402

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


@pytest.fixture(params=BACKENDS)
def stores(request, tmp_path) -> Stores:
    """New, empty facts stores of each backend in turn: a SQLite file, a PostgreSQL schema (never skipped: without
    a PostgreSQL to start the test fails)."""
    yield from _stores(request.param, tmp_path)


@pytest.fixture
def pg_stores(tmp_path) -> Stores:
    """New, empty facts stores in the test PostgreSQL (tests of the server backend alone)."""
    yield from _stores("postgresql", tmp_path)


def _stores(backend: str, folder: Path):
    if backend == "postgresql":
        try:
            pg_url()
        except NoPostgres as exc:
            pytest.fail(str(exc), pytrace=False)
    made = Stores(backend, folder)
    yield made
    made.close()


@pytest.fixture
def store(stores):
    """A new, empty facts store of each backend in turn."""
    return stores.open()
