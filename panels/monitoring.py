"""Panels of the monitoring cycle: the report calendar of the chosen passports (late in red, due within 3 working days
in amber), and the report of a period with its history — tables with Russian headers, the same for the page, the
command line and exports."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pandas as pd

from domain.formatting import DATE, INT, TEXT, count_of, fmt_date
from domain.monitoring import DEADLINE_MARKS, REPORT_STATES
from domain.vocabulary import AUDIT_ACTIONS
from metrics.monitoring import report_calendar
from metrics.overview import passport_names
from panels.base import Filters, Metric, Panel, subtitle

CALENDAR_COLUMNS = {"Срок": DATE, "Дней просрочки": INT, "Период": TEXT, "Паспорт": TEXT}
#: how far back and ahead the page's calendar looks from the as-of date (the whole term is in the CSV)
WINDOW_DAYS = (400, 100)


def calendar_table(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The calendar as people read it: passport, report, period, deadline, state, how it stands, days late."""
    return pd.DataFrame({
        "Паспорт": frame["passport_id"].map(lambda p: names.get(p, p)),
        "Отчёт": frame["kind_label"], "Период": frame["period_label"], "Срок": frame["deadline"],
        "Состояние": frame["state_label"], "Отметка": frame["mark_label"],
        "Дней просрочки": frame["days_late"].astype("Int64"),
        "Сдал → решил": [_who(s, d) for s, d in zip(frame["submitted_by"], frame["decided_by"], strict=True)],
    }).reset_index(drop=True)


def _who(submitted_by: object, decided_by: object) -> str:
    """«Иванов И. И. → Петров П. П.»: who submitted the report and who approved or returned it."""
    people = [str(x) for x in (submitted_by, decided_by) if isinstance(x, str) and x]
    return " → ".join(people)


def calendar_panels(con: duckdb.DuckDBPyConnection, f: Filters, only_open: bool = False) -> list[Panel]:
    """Key numbers of the chosen passports' reports as of the date, and their calendar around it."""
    names = passport_names(con)
    frame = report_calendar(con, f.passport_ids, f.as_of)
    deadlines = pd.to_datetime(frame["deadline"])
    near = frame[(deadlines >= pd.Timestamp(f.as_of) - pd.Timedelta(days=WINDOW_DAYS[0]))
                 & (deadlines <= pd.Timestamp(f.as_of) + pd.Timedelta(days=WINDOW_DAYS[1]))]
    counts = near["mark"].value_counts()
    metrics = [Metric(label, str(int(counts.get(code, 0))),
                      help=f"{DEADLINE_MARKS[code].note.capitalize()}; сроки за год до даты и на три месяца вперёд.")
               for code, label in (("late", "Просрочено"), ("soon", "Скоро срок"), ("done", "Сдано"))]
    metrics.append(Metric("Просрочено за весь срок", str(int((frame["mark"] == "late").sum())),
                          help="Все несданные отчёты с истёкшим сроком с начала паспорта до даты «по состоянию на»."))
    cards = Panel(key="report_counts", title="Отчёты на " + fmt_date(f.as_of), passport_ids=f.passport_ids,
                  metrics=metrics)
    if only_open:
        near = near[near["mark"] != "done"]
    near = near.sort_values(["deadline", "passport_id"], ascending=[False, True], kind="stable")
    title = "Сроки и состояния отчётов"
    if near.empty:
        return [cards, Panel(key="report_calendar", title=title, empty=_empty_window(frame, f.as_of))]
    table = calendar_table(near, names)
    if len(set(near["passport_id"])) == 1:
        table = table.drop(columns="Паспорт")  # the subtitle names the one passport
    late = int((near["mark"] == "late").sum())
    notes = [f"Сроки — по производственному календарю: ежемесячный отчёт до 2-го рабочего дня следующего месяца, "
             "ежеквартальный — до 5-го, годовой — до 20 января (с переносом на рабочий день). Красным — просроченные "
             f"({count_of(late, 'отчёт', 'отчёта', 'отчётов')}), жёлтым — до срока 3 рабочих дня или меньше. "
             "Показаны сроки за год до даты «по состоянию на» и на три месяца вперёд; весь календарь — в CSV и "
             "`python -m reports calendar`."]
    panel = Panel(key="report_calendar", title=title, table=table, columns=CALENDAR_COLUMNS, notes=notes,
                  subtitle=subtitle(names, f), passport_ids=f.passport_ids,
                  source="правила сроков domain/monitoring.py, производственный календарь РФ; состояния — журнал "
                         "отчётов хранилища фактов",
                  row_colours=[DEADLINE_MARKS.colour(m) if m in ("late", "soon") else "" for m in near["mark"]])
    return [cards, panel]


def _empty_window(frame: pd.DataFrame, as_of: date) -> str:
    """Why the calendar around the date is empty: the term is over, has not begun, or there are no reports."""
    window = (f"С {fmt_date(as_of - timedelta(days=WINDOW_DAYS[0]))} по "
              f"{fmt_date(as_of + timedelta(days=WINDOW_DAYS[1]))} сроков отчётов нет")
    if frame.empty:
        return window + ": у паспортов не указан срок реализации."
    last, first = frame.loc[frame["deadline"].idxmax()], frame.loc[frame["deadline"].idxmin()]
    if pd.Timestamp(last["deadline"]) < pd.Timestamp(as_of):
        return (f"{window}: последний срок — {fmt_date(last['deadline'])} ({last['kind_label']} отчёт за "
                f"{last['period_label']}). Выберите более раннюю дату «по состоянию на» в меню слева.")
    return (f"{window}: первый срок — {fmt_date(first['deadline'])} ({first['kind_label']} отчёт за "
            f"{first['period_label']}).")


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """The steps of a report: when, who, from where, what was done, the state it reached, the comment."""
    return pd.DataFrame({
        "Когда": pd.to_datetime(history["at"]).dt.strftime("%d.%m.%Y %H:%M"),
        "Кто": history["who"], "Откуда": history["origin"].fillna(""),
        "Действие": history["action"].map(AUDIT_ACTIONS.label),
        "Было": history["from_state"].map(REPORT_STATES.label), "Стало": history["to_state"].map(REPORT_STATES.label),
        "Комментарий": history["comment"].fillna(""), "Пакет": history["batch_id"],
    }).reset_index(drop=True)


def current_report_cell(period_label: object, state_label: object, days_late: object) -> str:
    """«2024 год: не сдан, просрочен 12 дн.» / «ноябрь 2024 г.: на согласовании» for the portfolio."""
    if not isinstance(period_label, str):
        return ""
    late = "" if days_late is None or pd.isna(days_late) else f", просрочен {int(days_late)} дн."
    return f"{period_label}: {state_label}{late}"


def due_on(frame: pd.DataFrame, day: date) -> pd.DataFrame:
    """The reports of the calendar due on a day (the e-mail's reminders and notices pick from these)."""
    return frame[pd.to_datetime(frame["deadline"]).dt.date == day]
