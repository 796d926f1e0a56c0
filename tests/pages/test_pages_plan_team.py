"""AppTest of «План мероприятий» and «Команда»: run clean through the router, filters change what is shown,
the key numbers are on the page."""

from __future__ import annotations

from datetime import date

import pytest

from domain import paths
from store.facts_store import FactStore
from store.records import FactChange, FactValue
from tests.helpers import fact_key, metric, page_tables, page_text, rerun, run_page

NO_FACTS_NOTE = "Факты о выполнении контрольных точек не внесены"


@pytest.fixture
def tomsk_fact():
    """Tomsk's control point 1.1.1 (due 01.04.2019) done on 01.05.2019; removed afterwards."""
    key = fact_key("tomsk", "control_point", "1.1.1", 2019)
    store = FactStore(paths.FACTS_PATH)
    value = FactValue(fact_date="2019-05-01", fact_status="done", source="тест")
    store.apply([FactChange(key, value)], who="Тестов Т.Т.")
    yield key
    store.apply([FactChange(key, None)], who="Тестов Т.Т.")


def test_plan_page():
    at = run_page("plan", ("amur",), asof=date(2026, 11, 23))
    # every planned end has passed; without facts all 173 rows of Amur are overdue
    assert metric(at, "Просрочено") == "173"
    assert NO_FACTS_NOTE in page_text(at)
    assert "7.1.4" in page_tables(at)[-2]["Код"].tolist()  # ends before it starts: listed in words
    assert len(at.get("plotly_chart")) == 1

    at = run_page("plan", ("amur",), asof=date(2020, 6, 1))
    assert metric(at, "Просрочено") == "54"
    assert metric(at, "В работе") == "20"
    at.multiselect(key="plan_result_amur").set_value(["1"])
    rerun(at)
    assert metric(at, "Всего строк плана") == "8"
    assert metric(at, "Просрочено") == "2"  # 1.1.1 and 1.1.3 ended in 2019

    at = run_page("plan", ("tomsk",))
    assert metric(at, "Всего строк плана") == "97"


def test_plan_page_person_and_detail_filters():
    at = run_page("plan", ("amur",), asof=date(2026, 11, 23))
    at.multiselect(key="plan_person_amur").set_value(["Норкина А.В."])
    rerun(at)
    assert metric(at, "Просрочено") == "41"
    at.toggle(key="plan_main_only").set_value(True)
    rerun(at)
    assert metric(at, "Всего строк плана") == "10"
    # Лапонникова answers only for activities: nothing left to show, said in words
    at.multiselect(key="plan_person_amur").set_value(["Лапонникова Е.В."])
    rerun(at)
    assert not at.metric
    assert any("ни одна строка плана" in i.value for i in at.info)


def test_plan_page_with_a_fact(tomsk_fact):
    at = run_page("plan", ("tomsk",), asof=date(2026, 11, 23))
    assert metric(at, "Просрочено") == "96"
    assert metric(at, "Выполнено") == "1"
    assert NO_FACTS_NOTE not in page_text(at)


def test_plan_page_compares_passports():
    at = run_page("plan", ("amur", "tomsk"), asof=date(2026, 11, 23))
    counts = page_tables(at)[0]
    assert list(counts["Паспорт"]) == ["Амурская область", "Город Томск"]
    assert list(counts["просрочено"]) == ["173", "97"]
    assert len(at.get("plotly_chart")) == 2


def test_team_page():
    at = run_page("team", ("amur",))
    assert metric(at, "Занятость выше 100\u00a0%") == "4 чел."
    assert metric(at, "Наибольшая занятость") == "290\u00a0%"
    assert "Фролов А.В. — 290\u00a0%" in page_text(at)
    assert len(page_tables(at)[0]) == 19
    at.toggle(key="team_overloaded_only").set_value(True)
    rerun(at)
    assert list(page_tables(at)[0]["Участник"]) == ["Фролов А.В.", "Ромас А.Ф.", "Савватеев Н.В.",
                                                    "Продашанов Д.А."]
    at = run_page("team", ("tomsk",))
    assert metric(at, "Занятость выше 100\u00a0%") == "3 чел."
