"""The plan of activities and control points as of a date: status, slippage, overdue list.

Statuses come from the `activity_status_asof(as_of)` macro (model/sql/marts/50_activity_status.sql).
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from domain.vocabulary import ACTIVITY_STATUSES
from model.queries import run, run_rows

#: how a row printed without a control level is offered in the filter
NO_LEVEL = ""

def activity_plan(con: duckdb.DuckDBPyConnection, passport_id: str, as_of: date, year_from: int, year_to: int,
                  result_codes: tuple[str, ...] = (), persons: tuple[str, ...] = (),
                  control_levels: tuple[str, ...] = ()) -> pd.DataFrame:
    """Rows of the plan of one passport whose span touches the years, with status as of the date.

    Empty filters mean «all». A row answers to a person when activity_person names them.
    """
    return run(con, "activity_plan", as_of=as_of, passport_id=passport_id, year_from=year_from, year_to=year_to,
               result_codes=list(result_codes), persons=list(persons), levels=list(control_levels),
               no_level=NO_LEVEL)


def result_options(con: duckdb.DuckDBPyConnection, passport_id: str) -> pd.DataFrame:
    """The results (top-level rows) of the plan: result_code and its name, in document order."""
    return run(con, "activity_results", passport_id=passport_id)


def person_options(con: duckdb.DuckDBPyConnection, passport_id: str) -> list[str]:
    """Everyone named responsible for some row of the plan, alphabetically."""
    return [r[0] for r in run_rows(con, "activity_persons", passport_id=passport_id)]


def control_level_options(con: duckdb.DuckDBPyConnection, passport_id: str) -> list[str]:
    """Control levels as printed (NO_LEVEL for rows printed without one)."""
    return [r[0] for r in run_rows(con, "activity_levels", passport_id=passport_id, no_level=NO_LEVEL)]


def control_point_fact_count(con: duckdb.DuckDBPyConnection, passport_id: str) -> int:
    """How many completion facts (kind control_point) the passport has, whatever their date."""
    return int(run_rows(con, "control_point_fact_count", passport_id=passport_id)[0][0])


def status_counts(plan: pd.DataFrame) -> pd.DataFrame:
    """How many rows are in each status (every status listed, zeros included), in the vocabulary's order."""
    counts = plan["status_code"].value_counts() if len(plan) else pd.Series(dtype="int64")
    return pd.DataFrame({"status_code": list(ACTIVITY_STATUSES.codes), "status": list(ACTIVITY_STATUSES.labels),
                         "n": [int(counts.get(s, 0)) for s in ACTIVITY_STATUSES.codes]})
