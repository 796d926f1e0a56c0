"""Panels of «План мероприятий»: status counts, the Gantt of the plan as of a date, what is overdue, and the
rows whose printed dates cannot be drawn — per passport, with a comparison of the counts when several are chosen."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from charts.timeline import gantt
from domain import vocabulary as v
from domain.formatting import DATE, INT, TEXT, count_of, fmt_date, fmt_int
from metrics import activities, overview
from panels.base import Filters, Metric, Panel, finish, subtitle

#: rows a slide can hold; a bigger plan goes on the slide as results and control points only
SLIDE_ROWS = 50


@dataclass(frozen=True)
class PlanOptions:
    """The plan page's own filters (they apply when one passport is chosen)."""

    result_codes: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    main_only: bool = False


def plan_rows(con: duckdb.DuckDBPyConnection, pid: str, f: Filters, options: PlanOptions) -> pd.DataFrame:
    plan = activities.activity_plan(con, pid, f.as_of, f.year_from, f.year_to, options.result_codes,
                                    options.persons, options.levels)
    if options.main_only:
        plan = plan[plan["kind"].isin(["result", "control_point"])]
    return plan


def export_table(plan: pd.DataFrame) -> pd.DataFrame:
    """The plan as a table: code, kind, name, people, level, dates, status, completion, slippage, comment."""
    return pd.DataFrame({
        "Код": plan["activity_key"], "Вид": plan["kind"].map(v.ACTIVITY_KINDS.label), "Наименование": plan["name"],
        "Ответственные": plan["responsible_persons"], "Уровень контроля": plan["control_level"],
        "Начало": plan["start_date"], "Окончание": plan["end_date"], "Статус": plan["status"],
        "Факт выполнения": plan["fact_date"], "Дней отклонения": plan["slip_days"],
        "Отклонение": [_slip_words(code, d, days) for code, d, days in
                       zip(plan["status_code"], plan["fact_date"], plan["slip_days"], strict=True)],
        "Комментарий": plan["fact_comment"], "Пример": plan["is_example"].fillna(False).astype(bool),
    }).reset_index(drop=True)


def _slip_words(status: str, done_on: object, days: object) -> str:
    """The slippage in words: «в срок», «на 30 дн. позже», «на 12 дн. раньше», «неизвестно» without a date."""
    if status in ("done", "done_late", "cancelled") and pd.isna(done_on):
        return "неизвестно (дата не указана)"
    if pd.isna(days):
        return ""
    days = int(days)
    if status == "overdue":
        return f"просрочено на {days} дн."
    return "в срок" if days == 0 else (f"на {days} дн. позже" if days > 0 else f"на {-days} дн. раньше")


PLAN_COLUMNS = {"Начало": DATE, "Окончание": DATE, "Факт выполнения": DATE, "Дней отклонения": INT,
                "Плановый срок": DATE, "Просрочка, дн.": INT}


def passport_plan_panels(con: duckdb.DuckDBPyConnection, pid: str, f: Filters, options: PlanOptions,
                         names: dict[str, str]) -> list[Panel]:
    territory = names.get(pid, pid)
    one = Filters((pid,), f.year_from, f.year_to, f.as_of)
    plan = plan_rows(con, pid, f, options)
    if plan.empty:
        return [Panel(key=f"plan_empty_{pid}", title=territory, passport_ids=(pid,), group=territory,
                      empty="Под выбранные фильтры не попадает ни одна строка плана. Снимите часть фильтров или "
                            "расширьте годы.")]
    counts = activities.status_counts(plan).set_index("status_code")["n"].to_dict()
    notes = []
    if activities.control_point_fact_count(con, pid) == 0:
        notes.append("Факты о выполнении контрольных точек не внесены — статус по плановым датам: всё, чей срок "
                     "окончания прошёл, считается просроченным. Внести факты — на странице «Факты».")
    cards = Panel(key=f"plan_counts_{pid}", title=f"{territory}: план мероприятий на {fmt_date(f.as_of)}",
                  passport_ids=(pid,), group=territory, notes=notes, metrics=[
                      Metric("Просрочено", fmt_int(counts["overdue"]),
                             help=f"На {fmt_date(f.as_of)} срок окончания прошёл, факта выполнения нет"),
                      Metric("В работе", fmt_int(counts["in_progress"])),
                      Metric("Выполнено", fmt_int(counts["done"] + counts["done_late"]),
                             help=f"из них с опозданием: {counts['done_late']}"),
                      Metric("Не начато", fmt_int(counts["not_started"])),
                      Metric("Всего строк плана", fmt_int(len(plan)),
                             help=f"Отменено: {counts['cancelled']}; без срока: {counts['no_deadline']}")])
    title = f"План мероприятий: {territory}"
    main = plan[plan["kind"].isin(["result", "control_point"])]
    figure = gantt(plan, f.as_of, "")
    chart = Panel(key=f"plan_gantt_{pid}", title=title, figure=figure, table=export_table(plan),
                  columns=PLAN_COLUMNS, subtitle=subtitle(names, one), passport_ids=(pid,), group=territory,
                  notes=["Строки в порядке Приложения № 1, сгруппированы по результатам (жирным — сам результат, "
                         "полосами — его мероприятия и контрольные точки). Ромб — контрольная точка, у которой "
                         "напечатан только срок. Черта — дата выполнения по факту. Пунктир — дата, на которую "
                         "считается статус."])
    if len(plan) > SLIDE_ROWS and not main.empty:
        chart.notes.append("PNG для слайда показывает результаты и контрольные точки: все строки на один слайд не "
                           "помещаются.")
        chart.slide_figure = gantt(main, f.as_of, "", compact=True)
    else:
        chart.slide_figure = gantt(plan, f.as_of, "", compact=True)
    finish(chart, plan["fact_date"], plan["is_example"])
    out = [finish(cards, plan["fact_date"], plan["is_example"]), chart]
    problems = date_problems(plan)
    if len(problems):
        out.append(Panel(key=f"plan_dates_{pid}", title="Даты, которые нельзя нарисовать как напечатано",
                         table=problems, columns={"Строка паспорта": INT}, passport_ids=(pid,), group=territory,
                         notes=[f"{count_of(len(problems), 'строка', 'строки', 'строк')}: строка без читаемого начала "
                                "или с окончанием раньше начала показана ромбом на дату окончания, строка без "
                                "читаемого окончания на диаграмме не показана."]))
    overdue = overdue_table(plan)
    overdue_title = f"Просроченные на {fmt_date(f.as_of)}: {territory}"
    if overdue.empty:
        out.append(Panel(key=f"plan_overdue_{pid}", title=overdue_title, empty="Просроченных строк плана нет.",
                         passport_ids=(pid,), group=territory))
    else:
        # which rows are overdue depends on the completion facts: examples among them mark the table too
        out.append(finish(Panel(key=f"plan_overdue_{pid}", title=overdue_title, table=overdue, columns=PLAN_COLUMNS,
                                passport_ids=(pid,), group=territory, subtitle=subtitle(names, one),
                                notes=[f"{count_of(len(overdue), 'строка', 'строки', 'строк')} плана: срок "
                                       f"окончания прошёл, факта выполнения нет. Самая долгая просрочка — "
                                       f"{fmt_int(overdue['Просрочка, дн.'].max())} дн."]),
                          plan["fact_date"], plan["is_example"]))
    return out


def comparison_panel(con: duckdb.DuckDBPyConnection, f: Filters, options: PlanOptions,
                     names: dict[str, str]) -> Panel:
    """How many rows of each passport's plan are in each status (passports compared)."""
    rows = []
    for pid in f.passport_ids:
        counts = activities.status_counts(plan_rows(con, pid, f, options))
        rows.append({"Паспорт": names.get(pid, pid), **dict(zip(counts["status"], counts["n"], strict=True))})
    table = pd.DataFrame(rows)
    return Panel(key="plan_compare", title=f"Статусы плана мероприятий на {fmt_date(f.as_of)}", table=table,
                 columns={c: INT for c in table.columns if c != "Паспорт"} | {"Паспорт": TEXT},
                 subtitle=subtitle(names, f), passport_ids=f.passport_ids)


def plan_panels(con: duckdb.DuckDBPyConnection, f: Filters, options: PlanOptions = PlanOptions()) -> list[Panel]:
    """The plan of activities of each chosen passport as of the date; a comparison of counts for several."""
    names = overview.passport_names(con)
    out = [comparison_panel(con, f, options, names)] if len(f.passport_ids) > 1 else []
    for pid in f.passport_ids:
        out += passport_plan_panels(con, pid, f, options, names)
    return out


def overdue_table(plan: pd.DataFrame) -> pd.DataFrame:
    """Overdue rows for the table and its export: most days overdue first, dates as 31.12.2024."""
    late = plan[plan["status_code"] == "overdue"].sort_values(["overdue_days", "seq"], ascending=[False, True])
    return pd.DataFrame({
        "Код": late["activity_key"],
        "Наименование": late["name"],
        "Ответственные": late["responsible_persons"].fillna(late["responsible"]).fillna("—"),
        "Плановый срок": late["end_date"],
        "Просрочка, дн.": late["overdue_days"].astype("int64"),
        "Вид": late["kind"].map(v.ACTIVITY_KINDS.label),
        "Уровень контроля": late["control_level"].fillna(v.NO_CONTROL_LEVEL),
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
