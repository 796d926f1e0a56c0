"""The portfolio: every passport (or a region's) in one row, computed in one set-based query."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from metrics.quality import materialize_findings
from model.queries import run


def portfolio(con: duckdb.DuckDBPyConnection, as_of: date, year_from: int, year_to: int,
              region: str | None = None, allowed: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One row per passport (only `allowed` ones when given): targets by status, achieved %, money planned and
    spent, overdue rows, last report date, quality errors, open and high risks, whether example facts are counted."""
    materialize_findings(con)
    return run(con, "portfolio", as_of=as_of, year_from=year_from, year_to=year_to, region=region,
               allowed=None if allowed is None else list(allowed))
