"""Indicators of section 2: every printed row, plan against fact by year, and the methodology of each."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

#: what the indicator table calls a row that prints no values
HEADING = "заголовок (без значений)"


def indicator_list(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...]) -> pd.DataFrame:
    """Every printed row of the indicator table, in document order, with how many years it plans.

    `is_heading` is true for rows printed without any plan value (a federal indicator above its regional
    row, a goal line): they are listed, never charted.
    """
    return con.execute(
        """
        with plans as (
            select passport_id, indicator_code, count(plan_value) as plan_years,
                   count(*) filter (where plan_value is null and plan_printed is not null)
                       as printed_only_years
            from indicator_plan group by all
        ),
        final as (
            select i.passport_id, i.indicator_code, i.code_printed, i.parent_code,
                   p_.indicator_name as parent_name, i.indicator_name,
                   -- a sub-row printed as «- по программам …» is named with the row it details
                   case when i.indicator_name like '-%' and p_.indicator_name is not null
                        then regexp_replace(p_.indicator_name, '[, ]*процент$', '') || ' — '
                             || ltrim(i.indicator_name, '- ') else i.indicator_name end as full_name,
                   i.indicator_type, i.unit, i.direction, i.base_value, i.base_date, i.base_date_printed,
                   coalesce(p.plan_years, 0) as plan_years,
                   coalesce(p.printed_only_years, 0) as printed_only_years,
                   coalesce(p.plan_years, 0) = 0 as is_heading, i.seq, i.line
            from indicator i
            left join plans p using (passport_id, indicator_code)
            left join indicator p_ on p_.passport_id = i.passport_id and p_.indicator_code = i.parent_code
            where list_contains(?, i.passport_id)
        )
        select * from final order by passport_id, seq
        """,
        [list(passport_ids)],
    ).df()


def indicator_plan_fact(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], as_of: date,
                        year_from: int, year_to: int, codes: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Plan and fact of each indicator by printed year, with achievement % and status as of a date.

    One row per passport, indicator and year in [year_from, year_to]; `codes` limits the indicators
    (None: all).
    Facts come from plan_fact_asof (kind 'indicator'); a cell printed as text keeps it in `plan_printed`.
    """
    code_list = None if codes is None else list(codes)
    return con.execute(
        """
        with plans as (select * from indicator_plan),
        -- a sub-row printed as «- по программам …» is named with the row it details
        indicators as (
            select i.passport_id, i.indicator_code, i.code_printed, i.parent_code, i.base_value,
                   case when i.indicator_name like '-%' and p_.indicator_name is not null
                           then regexp_replace(p_.indicator_name, '[, ]*процент$', '') || ' — '
                                || ltrim(i.indicator_name, '- ') else i.indicator_name end as full_name
            from indicator i
            left join indicator p_ on p_.passport_id = i.passport_id and p_.indicator_code = i.parent_code
        ),
        plan_facts as (select * from plan_fact_asof(?, null, null) where kind = 'indicator'),
        final as (
            select p.passport_id, p.indicator_code, i.code_printed, i.parent_code, p.indicator_name,
                   i.full_name, p.unit, p.indicator_type, p.direction, p.year, p.plan_value, p.plan_printed,
                   pf.fact_value, pf.achievement_pct, pf.deviation,
                   coalesce(pf.status, 'нет плана') as status, coalesce(pf.is_example, false) as is_example,
                   pf.fact_source, pf.forecast_value, i.base_value, p.indicator_seq as seq
            from plans p
            join indicators i using (passport_id, indicator_code)
            left join plan_facts pf
                on pf.passport_id = p.passport_id and pf.code = p.indicator_code and pf.year = p.year
            where list_contains(?, p.passport_id) and p.year between ? and ?
              and (cast(? as varchar[]) is null or list_contains(cast(? as varchar[]), p.indicator_code))
        )
        select * from final order by passport_id, seq, year
        """,
        [as_of, list(passport_ids), year_from, year_to, code_list, code_list],
    ).df()


def indicator_methodology(con: duckdb.DuckDBPyConnection, passport_id: str,
                          indicator_code: str) -> pd.DataFrame:
    """The methodology row matched to one indicator by name (its own or that of the row it details).

    Empty where the passport prints none for it.
    """
    return con.execute(
        "select * from indicator_methodology where passport_id = ? and indicator_code = ?",
        [passport_id, indicator_code],
    ).df()


def has_methodology(con: duckdb.DuckDBPyConnection, passport_id: str) -> bool:
    """Whether the passport prints any methodology at all (Приложение № 2 or footnotes)."""
    row = con.execute("select count(*) from methodology where passport_id = ?", [passport_id]).fetchone()
    return bool(row and row[0])


def short_label(code: str | None, name: str, width: int = 48) -> str:
    """'1.1 Доля образовательных организаций…' cut to width characters for an axis."""
    text = f"{code} {name}" if code else f"Без номера: {name}"
    text = text.replace(" - ", " ").replace("  ", " ")
    return text if len(text) <= width else text[: width - 1].rstrip(" ,.") + "…"


def indicator_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The numbers of the indicators' plan/fact chart with Russian column names (numbers stay numbers)."""
    return pd.DataFrame({
        "Код": frame["indicator_code"],
        "Показатель": frame["indicator_name"],
        "Тип": frame["indicator_type"].fillna("—"),
        "Ед. изм.": frame["unit"],
        "Год": frame["year"].astype(int),
        "План": frame["plan_value"],
        "Факт": frame["fact_value"],
        "Достижение, %": frame["achievement_pct"],
        "Статус": frame["status"],
        "Пример": frame["is_example"].fillna(False).astype(bool),
    })
