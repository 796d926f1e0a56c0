"""Indicators of section 2: every printed row, plan against fact by year, and the methodology of each."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from model.queries import run, run_rows


def indicator_list(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...]) -> pd.DataFrame:
    """Every printed row of the indicator table, in document order, with how many years it plans.

    `is_heading` is true for rows printed without any plan value (a federal indicator above its regional
    row, a goal line): they are listed, never charted.
    """
    return run(con, "indicator_list", passport_ids=passport_ids)


def indicator_plan_fact(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], as_of: date,
                        year_from: int, year_to: int, codes: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Plan and fact of each indicator by printed year, with achievement %, status and forecast as of a date.

    One row per passport, indicator and year in [year_from, year_to]; `codes` limits the indicators (None: all).
    """
    return run(con, "indicator_plan_fact", as_of=as_of, passport_ids=passport_ids, year_from=year_from,
               year_to=year_to, codes=None if codes is None else list(codes))


def indicator_methodology(con: duckdb.DuckDBPyConnection, passport_id: str, indicator_code: str) -> pd.DataFrame:
    """The methodology row matched to one indicator by name (its own or that of the row it details).

    Empty where the passport prints none for it.
    """
    return run(con, "indicator_methodology", passport_id=passport_id, indicator_code=indicator_code)


def has_methodology(con: duckdb.DuckDBPyConnection, passport_id: str) -> bool:
    """Whether the passport prints any methodology at all (Приложение № 2 or footnotes)."""
    return bool(run_rows(con, "methodology_count", passport_id=passport_id)[0][0])
