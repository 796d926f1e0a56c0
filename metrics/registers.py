"""What users keep beside the passports: risks, dated events and measures of their own (model/sql/queries)."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from model.queries import run


def risks(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...]) -> pd.DataFrame:
    """The risk registers: open first, highest score (probability × impact) first."""
    return run(con, "risks", passport_ids=passport_ids)


def events(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], topic: str | None,
           as_of: date) -> pd.DataFrame:
    """Events up to the as-of date, of one topic or all (topic None), oldest first."""
    return run(con, "events", passport_ids=passport_ids, topic=topic, as_of=as_of)


def user_measure_facts(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], topic: str | None,
                       as_of: date, year_from: int, year_to: int) -> pd.DataFrame:
    """The user's own measures by year: fact known on the date, the user's target in its year."""
    return run(con, "user_measure_facts", passport_ids=passport_ids, topic=topic, as_of=as_of,
               year_from=year_from, year_to=year_to)


def series_reports(con: duckdb.DuckDBPyConnection, passport_id: str, kind: str, code: str, as_of: date,
                   year_from: int, year_to: int) -> pd.DataFrame:
    """Every report of one target's series (all reporting dates up to the as-of day) beside the plan of its year:
    the quarterly running values of a year against that year's plan."""
    return run(con, "series_reports", passport_id=passport_id, kind=kind, code=code, as_of=as_of,
               year_from=year_from, year_to=year_to)
