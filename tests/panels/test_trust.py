"""What a manager sees is true and marked: example facts carry the mark on every chart and slide that shows them
(and only then), a completion reported without its date counts from the day it was entered, and «today» is the
passport's own."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from charts import png
from charts.style import has_example_mark
from domain.vocabulary import EXAMPLE_MARK
from metrics import activities
from panels.base import Filters
from panels.topics import topic_panels
from tests.helpers import model

AS_OF = date(2024, 6, 30)
IT_CUBE = {"passport_id": "amur", "kind": "result", "code": "5.1", "measure": "it_cubes", "year": 2019,
           "fact_value": 1}


def it_cube_panel(facts):
    return topic_panels(model(facts), Filters(("amur",), 2018, 2024, AS_OF), "it_cube")[0]


def test_the_mark_is_on_the_figure_exactly_when_its_data_hold_example_facts():
    example = it_cube_panel([{**IT_CUBE, "is_example": True}])
    real = it_cube_panel([{**IT_CUBE, "is_example": False}])
    none = it_cube_panel([])
    assert example.has_examples and has_example_mark(example.figure)
    assert EXAMPLE_MARK in example.figure.layout.title.text
    assert not real.has_examples and not has_example_mark(real.figure)
    assert not none.has_examples and not has_example_mark(none.figure)
    # the footer names where the facts come from
    assert "пример" in example.source and "данные пользователей" not in example.source
    assert "данные пользователей" in real.source and "пример" not in real.source
    assert none.source == "паспорта проекта «Цифровая образовательная среда»"
    # the table says it too, row by row
    assert example.table["Пример"].any() and not real.table["Пример"].any()


def test_the_same_data_flagged_and_unflagged_give_different_slides():
    example = it_cube_panel([{**IT_CUBE, "is_example": True}])
    real = it_cube_panel([{**IT_CUBE, "is_example": False}])
    slide = png.slide_figure(example.figure, example.title, "Амурская область", example.source)
    assert any(a.name == "example_mark" and EXAMPLE_MARK in a.text for a in slide.layout.annotations)
    assert not any(a.name == "example_mark" for a in png.slide_figure(real.figure, real.title, "x", "y")
                   .layout.annotations)
    flagged = png.to_png(example.figure, example.title, "Амурская область", example.source, True)
    unflagged = png.to_png(real.figure, real.title, "Амурская область", real.source, False)
    assert flagged[:8] == unflagged[:8] == b"\x89PNG\r\n\x1a\n" and flagged != unflagged


def _cp(status: str, fact_date: date | None, entered: datetime) -> dict:
    return {"passport_id": "tomsk", "kind": "control_point", "code": "1.1.1", "year": 2019, "fact_date": fact_date,
            "fact_status": status, "reporting_date": date(2019, 12, 31), "first_entered_at": entered}


def test_a_completion_without_a_date_counts_from_the_day_it_was_first_entered():
    # 1.1.1 is due 01.04.2019; «выполнено» was reported without a date on 10.06.2019
    con = model([_cp("done", None, datetime(2019, 6, 10, 12, 0))])
    before = activities.activity_plan(con, "tomsk", date(2019, 5, 1), 2019, 2019)
    after = activities.activity_plan(con, "tomsk", date(2019, 6, 11), 2019, 2019)
    row = lambda plan: plan[plan["activity_key"] == "1.1.1"].iloc[0]  # noqa: E731
    assert row(before)["status_code"] == "overdue"  # not yet reported on 01.05.2019
    assert row(after)["status_code"] == "done"
    assert pd.isna(row(after)["slip_days"])  # slippage unknown: the numeric column stays empty
    con = model([_cp("cancelled", None, datetime(2019, 6, 10))])
    assert row(activities.activity_plan(con, "tomsk", date(2019, 5, 1), 2019, 2019))["status_code"] == "overdue"


def test_the_plan_table_says_unknown_slippage_in_words():
    from panels.plan import PlanOptions, plan_panels

    con = model([_cp("done", None, datetime(2019, 6, 10))])
    gantt = next(p for p in plan_panels(con, Filters(("tomsk",), 2018, 2024, date(2020, 1, 1)), PlanOptions())
                 if p.key.startswith("plan_gantt"))
    row = gantt.table[gantt.table["Код"] == "1.1.1"].iloc[0]
    assert pd.isna(row["Дней отклонения"]) and row["Отклонение"] == "неизвестно (дата не указана)"


def test_today_is_the_passports_own(monkeypatch):
    """«По состоянию на» starts at today where the territory is: at 20:00 UTC it is already tomorrow in Amur."""
    import ui.filters as filters

    frame = pd.DataFrame({"passport_id": ["amur", "tomsk"], "timezone": ["Asia/Yakutsk", "Asia/Tomsk"]})
    monkeypatch.setattr(filters, "query", lambda fn, *a, **k: frame)

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 11, 30, 20, 0, tzinfo=__import__("zoneinfo").ZoneInfo("UTC")).astimezone(tz)

    monkeypatch.setattr(filters, "datetime", Clock)
    assert filters.today_in("amur") == date(2026, 12, 1)  # UTC+9
    assert filters.today_in("tomsk") == date(2026, 12, 1)  # UTC+7: 03:00
    frame.loc[1, "timezone"] = "Europe/Moscow"
    assert filters.today_in("tomsk") == date(2026, 11, 30)  # 23:00 in Moscow
