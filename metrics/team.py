"""The project team: workload summed across blocks (section 5) and the rows of the plan each person answers for."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from domain.vocabulary import NO_BLOCK, THRESHOLDS

#: a person whose workload across blocks sums above this is flagged
OVERLOAD_PCT = THRESHOLDS.overload_pct
#: how rows printed before the first block heading (head and administrator of the project) are labelled
NO_BLOCK_RU = NO_BLOCK

_TEAM_SQL = """
with participants as (
    select * from participant where passport_id = ?
),
plan as (
    select * from activity_status_asof(?) where passport_id = ?
),
responsible as (
    select * from activity_person where passport_id = ?
),
-- the blocks a person serves, in the order the passport prints them
person_blocks as (
    select person, block, min(seq) as first_seq
    from participants group by all
),
-- rows printed before the first heading (head, administrator) are named but not counted as a block
blocks as (
    select person, string_agg(coalesce(block, ?), '; ' order by first_seq) as blocks, count(block) as block_count
    from person_blocks group by all
),
workload as (
    select person, sum(workload_pct) as workload_pct, count(*) as role_count,
           count(*) filter (where workload_pct is null) as workload_missing_count, min(seq) as first_seq
    from participants group by all
),
-- rows of the plan (results, activities, control points) touching the years, and how many are overdue
tasks as (
    select r.person, count(*) as activity_count, count(*) filter (where p.is_overdue) as overdue_count
    from responsible r join plan p using (passport_id, activity_key)
    where p.end_year is null or (p.start_year <= ? and p.end_year >= ?)
    group by all
),
final as (
    select coalesce(w.person, t.person) as person, b.blocks, coalesce(b.block_count, 0) as block_count,
           w.workload_pct, coalesce(w.role_count, 0) as role_count,
           coalesce(w.workload_missing_count, 0) as workload_missing_count,
           coalesce(t.activity_count, 0) as activity_count, coalesce(t.overdue_count, 0) as overdue_count,
           coalesce(w.workload_pct > ?, false) as is_overloaded,
           w.person is not null as is_participant, w.first_seq
    from workload w
    left join blocks b using (person)
    full join tasks t on t.person = w.person
)
select * from final order by workload_pct desc nulls last, activity_count desc, person
"""


def team_workload(con: duckdb.DuckDBPyConnection, passport_id: str, as_of: date, year_from: int,
                  year_to: int) -> pd.DataFrame:
    """One row per person (participants of section 5 and everyone responsible in the plan).

    workload_pct sums the person's workload over every row of section 5; activity_count and
    overdue_count count the rows of the plan touching the years that name the person.
    """
    return con.execute(
        _TEAM_SQL,
        [passport_id, as_of, passport_id, passport_id, NO_BLOCK_RU, year_to, year_from, OVERLOAD_PCT],
    ).df()


def workload_rows(con: duckdb.DuckDBPyConnection, passport_id: str) -> pd.DataFrame:
    """The rows of section 5 behind each person's sum: block, role, workload, as printed, in document order."""
    return con.execute(
        "select person, number, coalesce(block, ?) as block, role, workload_pct, person_printed, line "
        "from participant where passport_id = ? order by person, seq",
        [NO_BLOCK_RU, passport_id],
    ).df()


def team_table(team: pd.DataFrame) -> pd.DataFrame:
    """The team for display and export, Russian headings."""
    return pd.DataFrame({
        "Участник": team["person"],
        "Занятость, %": team["workload_pct"],
        "Перегрузка": team["is_overloaded"].map({True: "да", False: ""}),
        "Строк плана": team["activity_count"].astype("int64"),
        "Просрочено": team["overdue_count"].astype("int64"),
        "Блоков": team["block_count"].astype("int64"),
        "Блоки": team["blocks"].fillna("нет в составе участников (раздел 5)"),
    }).reset_index(drop=True)
