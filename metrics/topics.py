"""A topic of the project (internet, IT-куб, training …) across the chosen passports: every series the data
says belongs to it, plan against fact by year, and the targets of the level above quoted beside them."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from model.queries import run


def topic_series(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], as_of: date, topic: str | None,
                 year_from: int, year_to: int) -> pd.DataFrame:
    """One row per passport, series and year of the topic (None: of every topic, in one query): plan, fact,
    achievement, status, forecast (full precision)."""
    return run(con, "topic_series", as_of=as_of, passport_ids=passport_ids, topic=topic, year_from=year_from,
               year_to=year_to)


def topic_references(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], topic: str,
                     year_from: int, year_to: int) -> pd.DataFrame:
    """Quoted targets of the level above by passport, role, level (federal | regional) and year."""
    return run(con, "topic_references", passport_ids=passport_ids, topic=topic, year_from=year_from,
               year_to=year_to)


def results_mentioning(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], topic: str,
                       words: tuple[str, ...]) -> pd.DataFrame:
    """Results that speak of a role of the topic (all the words) without stating a number for the topic."""
    return run(con, "results_mentioning", passport_ids=passport_ids, topic=topic, words=words)
