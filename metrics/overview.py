"""Passport list and headline numbers for the overview page."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd


def passports(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """passport_id and territory of every passport, in id order."""
    return con.execute("select passport_id, territory, level from passport order by passport_id").df()


def year_bounds(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The first and last year any passport plans for (indicators and funding)."""
    return con.execute(
        "select min(year) as year_min, max(year) as year_max from ("
        " select year from stg_indicator_year union all select year from stg_funding_year)"
    ).df()


def passport_summary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One line per passport: period, level, counts of indicators, results, activities, money planned."""
    return con.execute("select * from passport_summary").df()


def status_counts(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], as_of: date,
                  year_from: int, year_to: int, kind: str = "indicator") -> pd.DataFrame:
    """How many plan lines of a kind are in each status, per passport, for the years chosen."""
    return con.execute(
        "select passport_id, status, count(*) as n from plan_fact_asof(?, null, null) "
        "where kind = ? and list_contains(?, passport_id) and year between ? and ? group by all order by all",
        [as_of, kind, list(passport_ids), year_from, year_to],
    ).df()


def measure_totals(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], as_of: date,
                   measures: tuple[str, ...], year_to: int) -> pd.DataFrame:
    """For each passport and measure: the latest target up to year_to and the latest fact against it."""
    return con.execute(
        """
        with pf as (
            select * from plan_fact_asof(?, null, null)
            where kind = 'result' and list_contains(?, passport_id) and list_contains(?, measure) and year <= ?
        ),
        ranked as (
            select *, row_number() over (partition by passport_id, measure order by year desc, plan_value desc)
                as rn from pf
        ),
        latest_fact as (
            select passport_id, measure, arg_max(fact_value, year) as fact_value, max(year) as fact_year,
                   bool_or(is_example) as is_example
            from pf where fact_value is not null group by all
        ),
        final as (
            select r.passport_id, r.measure, r.year as plan_year, r.plan_value, f.fact_value, f.fact_year,
                   f.is_example
            from ranked r left join latest_fact f using (passport_id, measure) where r.rn = 1
        )
        select * from final order by passport_id, measure
        """,
        [as_of, list(passport_ids), list(measures), year_to],
    ).df()


def money_by_source(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], as_of: date,
                    year_from: int, year_to: int, section: str = "passport") -> pd.DataFrame:
    """Money planned and spent (facts) by passport and source, for the years chosen."""
    return con.execute(
        "select passport_id, measure as source, sum(plan_value) as plan_mln_rub, sum(fact_value) as fact_mln_rub, "
        "bool_or(is_example) as is_example from plan_fact_asof(?, null, null) "
        "where kind = 'funding' and section = ? and list_contains(?, passport_id) and year between ? and ? "
        "group by all order by all",
        [as_of, section, list(passport_ids), year_from, year_to],
    ).df()
