"""Passport list and headline numbers for the overview page."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from model.queries import run, run_rows


def passports(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """passport_id, territory, level and title of every passport, in id order."""
    return run(con, "passports")


def passport_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """passport_id -> territory."""
    return {row[0]: row[1] for row in run_rows(con, "passports")}


def year_bounds(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The first and last year any passport plans for (indicators and funding)."""
    return run(con, "year_bounds")


def passport_summary(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...]) -> pd.DataFrame:
    """One line per chosen passport: period, level, counts of indicators, results, activities, money planned."""
    return run(con, "passport_summary", passport_ids=passport_ids)


def status_counts(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], as_of: date, year_from: int,
                  year_to: int, kinds: tuple[str, ...] = ("indicator",)) -> pd.DataFrame:
    """How many plan lines of the kinds are in each status, per passport, for the years begun by the date."""
    return run(con, "plan_status_counts", as_of=as_of, passport_ids=passport_ids, kinds=kinds,
               year_from=year_from, year_to=year_to)


def forecast_at_risk(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], as_of: date) -> pd.DataFrame:
    """Series of the year in progress whose year-end forecast falls short of plan."""
    return run(con, "forecast_at_risk", as_of=as_of, passport_ids=passport_ids)


def overdue_counts(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], as_of: date) -> pd.DataFrame:
    """Overdue rows of the plan of activities per passport as of the date."""
    return run(con, "overdue_counts", as_of=as_of, passport_ids=passport_ids)


def overload_counts(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...]) -> pd.DataFrame:
    """People above the workload limit per passport, and the busiest one."""
    return run(con, "overload_counts", passport_ids=passport_ids)


def passport_options(con: duckdb.DuckDBPyConnection, region: str | None, search: str | None,
                     chosen: tuple[str, ...], limit: int = 60,
                     allowed: tuple[str, ...] | None = None) -> pd.DataFrame:
    """What the passport picker offers: the passports of a region matching a search text (at most `limit`), and
    the chosen ones always — never the whole list of 2 000; only `allowed` ones when given (a viewer's list)."""
    text = " ".join((search or "").split()) or None
    return run(con, "passport_options", region=region, search=text, chosen=list(chosen), limit=limit,
               allowed=None if allowed is None else list(allowed))


def regions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Regions with the number of passports in each."""
    return run(con, "regions")


def passport_count(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(passports, regions)."""
    row = run_rows(con, "passport_count")[0]
    return int(row[0]), int(row[1])


def facts_of_year(con: duckdb.DuckDBPyConnection, passport_id: str, as_of: date) -> int:
    """How many indicator and result facts of the as-of date's year are known on that date (a forecast needs one)."""
    return int(run_rows(con, "facts_of_year", passport_id=passport_id, as_of=as_of)[0][0])
