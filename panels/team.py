"""Panels of «Команда»: workload summed across the blocks of section 5, the rows of the plan each person answers
for, and what adds up to an overload."""

from __future__ import annotations

import duckdb
import pandas as pd

from charts.timeline import workload_bars
from domain import vocabulary as v
from domain.formatting import INT, TEXT, YESNO, count_of, fmt_date, fmt_int, fmt_num, fmt_pct, percent
from metrics import overview
from metrics import team as team_metrics
from panels.base import Filters, Metric, Panel, subtitle

TEAM_COLUMNS = {"Занятость, %": percent(0), "Строк плана": INT, "Просрочено": INT, "Блоков": INT,
                "Перегрузка": YESNO, "Паспорт": TEXT}


def team_panels(con: duckdb.DuckDBPyConnection, f: Filters, only_overloaded: bool = False) -> list[Panel]:
    """For each chosen passport: key numbers, the workload chart and table, and the rows behind each overload."""
    names = overview.passport_names(con)
    out: list[Panel] = []
    limit = fmt_pct(v.THRESHOLDS.overload_pct)
    for pid in f.passport_ids:
        territory = names.get(pid, pid)
        one = Filters((pid,), f.year_from, f.year_to, f.as_of)
        team = team_metrics.team_workload(con, pid, f.as_of, f.year_from, f.year_to)
        if team.empty:
            out.append(Panel(key=f"team_empty_{pid}", title=territory, group=territory, passport_ids=(pid,),
                             empty="В паспорте не названы участники проекта."))
            continue
        overloaded = team[team["is_overloaded"]]
        top = team.dropna(subset=["workload_pct"])
        outsiders = team.loc[~team["is_participant"], "person"].tolist()
        out.append(Panel(
            key=f"team_counts_{pid}", title=f"{territory}: команда проекта", group=territory, passport_ids=(pid,),
            notes=[f"Раздел 5 паспорта «Участники» и ответственные по Приложению № 1 · просрочки на "
                   f"{fmt_date(f.as_of)}, строки плана {f.year_from}–{f.year_to}"],
            metrics=[Metric(f"Занятость выше {limit}", f"{fmt_int(len(overloaded))} чел.",
                            help="Сумма занятости по всем блокам раздела 5, где человек назван"),
                     Metric("Наибольшая занятость", fmt_pct(top["workload_pct"].iloc[0]) if len(top) else "—",
                            help=str(top["person"].iloc[0]) if len(top) else ""),
                     Metric("Человек в команде", fmt_int(len(team)),
                            help="Участники раздела 5 и все ответственные Приложения № 1"),
                     Metric("Ответственные не из раздела 5", fmt_int(len(outsiders)),
                            help=", ".join(outsiders) or "Все ответственные Приложения № 1 есть среди участников")]))
        shown = overloaded if only_overloaded else team
        table = team_table(shown)
        notes = ["Занятость — сумма столбца «Занятость в проекте (процентов)» раздела 5 по всем строкам, где назван "
                 "человек. Где в одной ячейке названо несколько человек, напечатанная доля засчитана каждому.",
                 "«Строк плана» — результаты, мероприятия и контрольные точки Приложения № 1, где человек назван "
                 "ответственным (сроки в выбранных годах); «Просрочено» — из них просроченные на выбранную дату."]
        figure = workload_bars(shown, "", v.THRESHOLDS.overload_pct) if shown["workload_pct"].notna().any() else None
        out.append(Panel(key=f"team_{pid}", title=f"Занятость в проекте: {territory}", figure=figure, table=table,
                         columns=TEAM_COLUMNS, notes=notes, subtitle=subtitle(names, one), group=territory,
                         passport_ids=(pid,)))
        out += overload_panels(con, pid, overloaded, territory)
    return out


def overload_panels(con: duckdb.DuckDBPyConnection, pid: str, overloaded: pd.DataFrame,
                    territory: str) -> list[Panel]:
    """One table per overloaded person: the rows of section 5 that add up to the total."""
    rows = team_metrics.workload_rows(con, pid)
    out = []
    for person in overloaded.itertuples():
        parts = rows[rows["person"] == person.person]
        table = parts.rename(columns={"number": "№", "block": "Блок", "role": "Роль", "workload_pct": "Занятость, %",
                                      "person_printed": "Как напечатано", "line": "Строка паспорта"})[
            ["№", "Занятость, %", "Блок", "Роль", "Как напечатано", "Строка паспорта"]].reset_index(drop=True)
        out.append(Panel(
            key=f"team_overload_{pid}_{person.Index}",
            title=(f"{person.person} — {fmt_pct(person.workload_pct)}: "
                   f"{count_of(person.role_count, 'строка', 'строки', 'строк')} раздела 5, блоков: "
                   f"{person.block_count}; строк плана: {person.activity_count}, просрочено: {person.overdue_count}"),
            table=table, columns={"Занятость, %": percent(0), "Строка паспорта": INT}, group=territory,
            passport_ids=(pid,),
            notes=[f"Итого: {fmt_pct(parts['workload_pct'].sum())} "
                   f"({' + '.join(fmt_num(x, 0) for x in parts['workload_pct'].dropna())}) · {territory}"]))
    return out


def team_table(team: pd.DataFrame) -> pd.DataFrame:
    """The team for display and export, Russian headings."""
    return pd.DataFrame({
        "Участник": team["person"],
        "Занятость, %": team["workload_pct"],
        "Перегрузка": team["is_overloaded"].astype(bool),
        "Строк плана": team["activity_count"].astype("int64"),
        "Просрочено": team["overdue_count"].astype("int64"),
        "Блоков": team["block_count"].astype("int64"),
        "Блоки": team["blocks"].fillna("нет в составе участников (раздел 5)"),
    }).reset_index(drop=True)
