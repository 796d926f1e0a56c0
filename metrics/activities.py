"""The plan of activities and control points as of a date: status, slippage, overdue list.

Statuses come from the `activity_status_asof(as_of)` macro (metrics/sql/50_activity_status.sql).
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from domain.formatting import fmt_date
from domain.vocabulary import ACTIVITY_KINDS, ACTIVITY_STATUSES, NO_CONTROL_LEVEL

#: every status the plan can be in, in the order the legend and counts show them
STATUS_ORDER = ACTIVITY_STATUSES.labels
KIND_RU = {t.code: t.label for t in ACTIVITY_KINDS}
#: how a row printed without a control level is offered in the filter
NO_LEVEL = ""
NO_LEVEL_RU = NO_CONTROL_LEVEL

_PLAN_SQL = """
with plan as (
    select * from activity_status_asof(?) where passport_id = ?
),
final as (
    select * from plan
    -- rows without a readable end are kept whatever the years: they are listed in words
    where (end_year is null or (start_year <= ? and end_year >= ?))
      and (len(?::varchar[]) = 0 or list_contains(?::varchar[], result_code))
      and (len(?::varchar[]) = 0 or list_has_any(person_list, ?::varchar[]))
      and (len(?::varchar[]) = 0 or list_contains(?::varchar[], coalesce(control_level, ?)))
)
select * from final order by seq
"""


def activity_plan(con: duckdb.DuckDBPyConnection, passport_id: str, as_of: date, year_from: int, year_to: int,
                  result_codes: tuple[str, ...] = (), persons: tuple[str, ...] = (),
                  control_levels: tuple[str, ...] = ()) -> pd.DataFrame:
    """Rows of the plan of one passport whose span touches the years, with status as of the date.

    Empty filters mean «all». A row answers to a person when activity_person names them.
    """
    results, people, levels = list(result_codes), list(persons), list(control_levels)
    return con.execute(
        _PLAN_SQL,
        [as_of, passport_id, year_to, year_from, results, results, people, people, levels, levels, NO_LEVEL],
    ).df()


def result_options(con: duckdb.DuckDBPyConnection, passport_id: str) -> pd.DataFrame:
    """The results (top-level rows) of the plan: result_code and its name, in document order."""
    return con.execute(
        "select result_code, any_value(name order by seq) as result_name, min(seq) as seq from activity "
        "where passport_id = ? and kind = 'result' group by all order by seq",
        [passport_id],
    ).df()


def person_options(con: duckdb.DuckDBPyConnection, passport_id: str) -> list[str]:
    """Everyone named responsible for some row of the plan, alphabetically."""
    rows = con.execute(
        "select distinct person from activity_person where passport_id = ? order by person", [passport_id]
    ).fetchall()
    return [r[0] for r in rows]


def control_level_options(con: duckdb.DuckDBPyConnection, passport_id: str) -> list[str]:
    """Control levels as printed (NO_LEVEL for rows printed without one)."""
    rows = con.execute(
        "select distinct coalesce(control_level, ?) as level from activity where passport_id = ? order by level",
        [NO_LEVEL, passport_id],
    ).fetchall()
    return [r[0] for r in rows]


def control_point_fact_count(con: duckdb.DuckDBPyConnection, passport_id: str) -> int:
    """How many completion facts (kind control_point) the passport has, whatever their date."""
    row = con.execute(
        "select count(*) from fact where passport_id = ? and kind = 'control_point'", [passport_id]
    ).fetchone()
    return int(row[0]) if row else 0




def status_counts(plan: pd.DataFrame) -> pd.DataFrame:
    """How many rows are in each status (every status listed, zeros included), in STATUS_ORDER."""
    counts = plan["status"].value_counts() if len(plan) else pd.Series(dtype="int64")
    return pd.DataFrame({"status": list(STATUS_ORDER),
                         "n": [int(counts.get(s, 0)) for s in STATUS_ORDER]})


def overdue_table(plan: pd.DataFrame) -> pd.DataFrame:
    """Overdue rows for the table and its export: most days overdue first, dates as 31.12.2024."""
    late = plan[plan["status"] == "просрочено"].sort_values(["overdue_days", "seq"], ascending=[False, True])
    return pd.DataFrame({
        "Код": late["activity_key"],
        "Наименование": late["name"],
        "Ответственные": late["responsible_persons"].fillna(late["responsible"]).fillna("—"),
        "Плановый срок": [fmt_date(d) for d in late["end_date"]],
        "Просрочка, дн.": late["overdue_days"].astype("int64"),
        "Вид": late["kind"].map(KIND_RU),
        "Уровень контроля": late["control_level"].fillna(NO_LEVEL_RU),
    }).reset_index(drop=True)


def date_problems(plan: pd.DataFrame) -> pd.DataFrame:
    """Rows whose printed dates cannot be drawn as they are: unreadable, missing or end before start."""
    bad = plan[plan["date_problem"].notna()]
    return pd.DataFrame({
        "Код": bad["activity_key"],
        "Наименование": bad["name"],
        "Начало (как напечатано)": bad["start_printed"].fillna("—"),
        "Окончание (как напечатано)": bad["end_printed"].fillna("—"),
        "Что не так": bad["date_problem"],
        "Строка паспорта": bad["line"],
    }).reset_index(drop=True)
