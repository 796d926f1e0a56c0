"""The monitoring cycle: which report of which passport is due when, and how it stands (report_calendar_asof)."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from model.queries import run


def report_calendar(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...] | None, as_of: date) -> pd.DataFrame:
    """Every report of the passports' terms (all passports when None) with its deadline, state and mark as of a
    day, in time order."""
    return run(con, "report_calendar", as_of=as_of, passport_ids=None if passport_ids is None else list(passport_ids))
