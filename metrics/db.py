"""The model as the app uses it: the built database read in place, with the facts store followed live."""

from __future__ import annotations

import functools
import logging
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd

from domain.access import Account
from loaders import paths
from loaders.facts_service import FactsService
from loaders.facts_store import StoreError, open_store
from loaders.facts_template import fact_targets
from loaders.model import open_model, passport_regions
from loaders.sql_files import fill_store
from metrics import overview
from metrics.quality import materialize_in_background

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
        # the quality findings of every passport (quality page, portfolio): computed once, in the background,
        # so that the first visitor of those pages does not wait for 2 000 passports' checks
        materialize_in_background(self.cursor())

    @functools.cached_property
    def passport_names(self) -> dict[str, str]:
        """passport_id -> territory of every passport, in id order (they change only with a new model); shared:
        callers only read it."""
        return overview.passport_names(self.cursor())

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

    def service(self, account: Account | None = None) -> FactsService:
        """The facts service over this model's passports and store, acting for the account (None: sign-in off)."""
        regions = passport_regions(self.cursor())
        return FactsService(self.store, lambda cells: fact_targets(self.cursor(), named_by=cells), account=account,
                            region_of=regions.get)
