"""The project team: workload summed across blocks (section 5) and the rows of the plan each person answers for."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from domain.vocabulary import NO_BLOCK, THRESHOLDS
from model.queries import run

#: a person whose workload across blocks sums above this is flagged
OVERLOAD_PCT = THRESHOLDS.overload_pct
#: how rows printed before the first block heading (head and administrator of the project) are labelled
NO_BLOCK_RU = NO_BLOCK

def team_workload(con: duckdb.DuckDBPyConnection, passport_id: str, as_of: date, year_from: int,
                  year_to: int) -> pd.DataFrame:
    """One row per person (participants of section 5 and everyone responsible in the plan).

    workload_pct sums the person's workload over every row of section 5; activity_count and
    overdue_count count the rows of the plan touching the years that name the person.
    """
    return run(con, "team_workload", passport_id=passport_id, as_of=as_of, year_from=year_from, year_to=year_to,
               no_block=NO_BLOCK_RU)


def workload_rows(con: duckdb.DuckDBPyConnection, passport_id: str) -> pd.DataFrame:
    """The rows of section 5 behind each person's sum: block, role, workload, as printed, in document order."""
    return run(con, "workload_rows", passport_id=passport_id, no_block=NO_BLOCK_RU)
