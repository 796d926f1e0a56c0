"""What a progress report reads beyond the other metrics: the year's plan of every indicator and result target of
one passport against the newest report on a date (model/sql/queries/progress_targets.sql)."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from model.queries import run


def targets(con: duckdb.DuckDBPyConnection, passport_id: str, year: int, as_of: date) -> pd.DataFrame:
    """Indicators, then result targets, of one year: plan, fact as of the date, status, reason, measures,
    forecast (full precision)."""
    return run(con, "progress_targets", passport_id=passport_id, year=year, as_of=as_of)
