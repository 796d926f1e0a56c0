"""The model as the app uses it: the built database read in place, with the facts store followed live."""

from __future__ import annotations

import functools
import logging
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd

from domain import paths
from model.opening import open_model, passport_regions
from model.queries import run_rows
from model.sql_files import fill_store
from store.location import open_store
from store.records import StoreError

_log = logging.getLogger(__name__)
#: after the facts store failed to answer, pages use the facts already read for this long before asking again
#: (an unreachable server would otherwise hold every query for its connection timeout)
STORE_RETRY_S = 15.0


class Model:
    """One connection over the built file (never rebuilt here) whose facts follow the store without a restart.

    The built file is only read, so `python -m loaders` can rebuild it (the app picks the new file up at its
    next start) and `import-facts` can write facts while the app runs.
    """

    def __init__(self, db_path: Path | None = None, facts_path: Path | str | None = None,
                 data_dir: Path | None = None):
        self.db_path = Path(db_path or paths.DB_PATH)
        self.store = open_store(facts_path)  # the configured store unless a path or URL is given
        self._lock = threading.Lock()
        self.con = open_model(self.db_path, pd.DataFrame(), data_dir=data_dir)
        self.facts_version = -1
        self._store_retry_at = 0.0
        self.refresh_facts()

    @functools.cached_property
    def passport_names(self) -> dict[str, str]:
        """passport_id -> territory of every passport, in id order (they change only with a new model); shared:
        callers only read it."""
        return {pid: territory for pid, territory, *_ in run_rows(self.cursor(), "passports")}

    def refresh_facts(self) -> int:
        """Reload facts if the store changed since the last look; returns the facts version. When a server store
        is out of reach after the first load, the facts last read stay (saves are refused with a Russian message
        until it is back)."""
        if self.facts_version >= 0 and time.monotonic() < self._store_retry_at:
            return self.facts_version
        try:
            version = self.store.version()
        except StoreError as exc:
            if self.facts_version < 0:
                raise
            self._store_retry_at = time.monotonic() + STORE_RETRY_S
            _log.warning("%s; показаны факты, прочитанные раньше (версия %s), следующая попытка через %.0f с",
                         exc.message, self.facts_version, STORE_RETRY_S)
            return self.facts_version
        if version != self.facts_version:
            with self._lock:
                if version != self.facts_version:
                    fill_store(self.con, self.store.as_stg_fact(), self.store.as_stg_entry())
                    self.facts_version = version
        return self.facts_version

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for one query (thread-safe use of the shared connection)."""
        return self.con.cursor()

    @functools.cached_property
    def regions(self) -> dict[str, str | None]:
        """passport_id -> the code of its region, for access rules (they change only with a new model)."""
        return passport_regions(self.cursor())
