"""Money of the passports: by year, line and source, federal share, plan vs spent, printed vs computed totals.

Every function takes a DuckDB cursor first and returns a DataFrame; amounts are млн руб. as printed.
`section` is 'passport' (section 4 «Финансовое обеспечение») or 'additional' (Amur's «Дополнительные
материалы»). Nothing is corrected: where the document's own totals disagree, the difference is shown.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from domain.vocabulary import FUNDING_SECTIONS, FUNDING_SOURCES
from model.queries import run

SECTIONS = FUNDING_SECTIONS.codes
#: sources in the order the passports print them (and the order of stacked bars)
SOURCE_ORDER = FUNDING_SOURCES.codes


def sections(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...]) -> pd.DataFrame:
    """Which funding tables each passport prints money in: passport_id, section, first and last year, sum."""
    return run(con, "funding_sections", passport_ids=passport_ids)


def table_years(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str) -> pd.DataFrame:
    """The year columns each passport's table prints (also years it leaves empty or marks with «*»)."""
    return run(con, "funding_table_years", passport_ids=passport_ids, section=section)


def markers(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str) -> pd.DataFrame:
    """Lines that print a sign instead of a number in some years (Amur «*»: money given in the
    «Дополнительные материалы»), as printed: '2020: *; 2021: *'."""
    return run(con, "funding_markers", passport_ids=passport_ids, section=section)


def money_by_year_source(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str,
                         year_from: int, year_to: int) -> pd.DataFrame:
    """Money by passport, year and source: the sum of the printed source rows of every line."""
    return run(con, "money_by_year_source", passport_ids=passport_ids, section=section, year_from=year_from,
               year_to=year_to, source_order=SOURCE_ORDER)


def money_by_year(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str,
                  year_from: int, year_to: int) -> pd.DataFrame:
    """By passport and year: money computed from the sources, its federal part and share (%),
    and the «Всего по проекту» the document prints for that year (null where it prints none)."""
    return run(con, "money_by_year", passport_ids=passport_ids, section=section, year_from=year_from,
               year_to=year_to)


def money_by_line_source(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str,
                         year_from: int, year_to: int) -> pd.DataFrame:
    """Money by passport, funding line and source over the years chosen (source rows only)."""
    return run(con, "money_by_line_source", passport_ids=passport_ids, section=section, year_from=year_from,
               year_to=year_to, source_order=SOURCE_ORDER)


def money_by_line(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str,
                  year_from: int, year_to: int) -> pd.DataFrame:
    """By passport and funding line over the years chosen: the sum of its sources and the sum of the
    line totals the document prints for those years (null where the line prints no total)."""
    return run(con, "money_by_line", passport_ids=passport_ids, section=section, year_from=year_from,
               year_to=year_to)


def plan_vs_spent(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str, as_of: date,
                  year_from: int, year_to: int) -> pd.DataFrame:
    """Planned vs spent by passport, line, source and year as of a date (facts of kind 'funding').
    execution_pct = spent / planned × 100; null where nothing is entered or nothing was planned."""
    return run(con, "plan_vs_spent", as_of=as_of, passport_ids=passport_ids, section=section, year_from=year_from,
               year_to=year_to, source_order=SOURCE_ORDER)


def plan_vs_spent_by_year(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str,
                          as_of: date, year_from: int, year_to: int) -> pd.DataFrame:
    """By passport and year: planned, spent (sum of the facts entered), execution % = spent / planned,
    and how many of the year's planned line × source cells have a fact."""
    frame = plan_vs_spent(con, passport_ids, section, as_of, year_from, year_to)
    cols = ["passport_id", "year", "plan_mln_rub", "spent_mln_rub", "execution_pct", "cells_with_fact",
            "cells_planned", "is_example", "forecast_mln_rub"]
    if frame.empty:
        return pd.DataFrame(columns=cols)
    grouped = frame.groupby(["passport_id", "year"], as_index=False).agg(
        plan_mln_rub=("plan_mln_rub", "sum"),
        spent_mln_rub=("spent_mln_rub", lambda s: s.sum(min_count=1)),
        cells_with_fact=("spent_mln_rub", "count"),
        cells_planned=("plan_mln_rub", "size"),
        is_example=("is_example", "any"),
        forecast_mln_rub=("forecast_value", lambda s: s.sum(min_count=1)),
    )
    grouped["plan_mln_rub"] = grouped["plan_mln_rub"].astype(float)
    grouped["spent_mln_rub"] = grouped["spent_mln_rub"].astype(float)
    grouped["execution_pct"] = grouped["spent_mln_rub"] / grouped["plan_mln_rub"].where(
        grouped["plan_mln_rub"] > 0) * 100
    return grouped[cols]


def total_checks(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str,
                 year_from: int, year_to: int) -> pd.DataFrame:
    """Every total the document prints beside the same total computed from the numbers it sums, with the
    difference (printed − computed): per year in the range chosen, and the «Всего» column (year null)."""
    return run(con, "funding_total_checks", passport_ids=passport_ids, section=section, year_from=year_from,
               year_to=year_to)


def check_summary(checks: pd.DataFrame) -> pd.DataFrame:
    """One row per printed total that disagrees somewhere: in how many of its cells (years and «Всего»),
    the largest difference, and the source the gap equals (if any). Largest first."""
    cols = ["passport_id", "check_kind", "line_code", "source", "n_checks", "n_off", "max_abs_diff_mln_rub",
            "gap_source", "is_rounding"]
    if checks.empty:
        return pd.DataFrame(columns=cols)
    frame = checks.assign(off=~checks["is_match"].astype(bool), abs_diff=checks["difference_mln_rub"].abs(),
                          real_off=~checks["is_match"].astype(bool) & ~checks["is_rounding"].astype(bool))
    grouped = frame.groupby(["passport_id", "check_kind", "line_code", "source"], as_index=False, sort=False).agg(
        n_checks=("off", "size"), n_off=("off", "sum"), max_abs_diff_mln_rub=("abs_diff", "max"),
        gap_source=("gap_source", "first"), n_real=("real_off", "sum"))
    grouped["is_rounding"] = grouped["n_real"] == 0
    grouped = grouped[grouped["n_off"] > 0]
    return grouped.sort_values("max_abs_diff_mln_rub", ascending=False, kind="stable")[cols].reset_index(drop=True)


def details(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str,
            year_from: int, year_to: int) -> pd.DataFrame:
    """The «в т.ч.» rows (and rows kept apart from the sources) beside the source row they detail."""
    return run(con, "funding_details", passport_ids=passport_ids, section=section, year_from=year_from,
               year_to=year_to)
