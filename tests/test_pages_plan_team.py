"""One AppTest per page: План мероприятий and Команда run, react to a filter set by key, show the key number."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from loaders import paths
from loaders.facts_store import FactChange, FactStore, FactValue
from tests.helpers import fact_key

PAGES = Path(__file__).resolve().parent.parent / "pages"
NO_FACTS_NOTE = "Факты о выполнении контрольных точек не внесены — статус по плановым датам"


def run_page(name: str, as_of: date | None = None) -> AppTest:
    at = AppTest.from_file(str(PAGES / name), default_timeout=60)
    at.run()
    if as_of is not None:
        at.sidebar.date_input(key="asof").set_value(as_of).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.fixture
def tomsk_fact():
    """One completion fact in the store the app reads (a temporary one, see conftest); removed afterwards."""
    key = fact_key("tomsk", "control_point", "1.1.1", 2019)
    store = FactStore(paths.FACTS_PATH)
    value = FactValue(fact_date="2019-05-01", fact_status="done", source="тест")
    store.apply([FactChange(key, value)], who="Тестов Т.Т.")
    yield key
    store.apply([FactChange(key, None)], who="Тестов Т.Т.")


def test_plan_page():
    at = run_page("plan.py")
    # with today's date every planned end has passed; without facts all 173 rows of Amur are overdue
    assert metric(at, "Просрочено") == "173"
    assert any(NO_FACTS_NOTE in i.value for i in at.info)
    assert at.subheader[0].value.startswith("Просроченные на ")
    assert len(at.dataframe) == 1
    assert any("7.1.4" in m.value and "раньше начала" in m.value for m in at.markdown)

    at.sidebar.date_input(key="asof").set_value(date(2020, 6, 1)).run()
    assert metric(at, "Просрочено") == "54"
    assert metric(at, "В работе") == "20"

    at.multiselect(key="plan_result_amur").set_value(["1"]).run()
    assert not at.exception
    assert metric(at, "Всего строк плана") == "8"
    assert metric(at, "Просрочено") == "2"  # 1.1.1 and 1.1.3 ended in 2019

    at.sidebar.radio(key="passport").set_value("tomsk").run()
    assert not at.exception
    assert metric(at, "Всего строк плана") == "97"


def test_plan_page_person_and_detail_filters():
    at = run_page("plan.py", as_of=date(2026, 11, 23))
    at.multiselect(key="plan_person_amur").set_value(["Норкина А.В."]).run()
    assert metric(at, "Просрочено") == "41"
    at.radio(key="plan_detail").set_value("результаты и контрольные точки").run()
    assert not at.exception
    assert metric(at, "Всего строк плана") == "10"
    # Лапонникова answers only for activities: nothing left to show, said in words
    at.multiselect(key="plan_person_amur").set_value(["Лапонникова Е.В."]).run()
    assert not at.exception
    assert not at.metric
    assert any("ни одна строка плана" in i.value for i in at.info)


def test_plan_page_with_a_fact(tomsk_fact):
    at = run_page("plan.py", as_of=date(2026, 11, 23))
    at.sidebar.radio(key="passport").set_value("tomsk").run()
    assert not at.exception
    assert metric(at, "Просрочено") == "96"
    assert metric(at, "Выполнено") == "1"
    assert not any(NO_FACTS_NOTE in i.value for i in at.info)


def test_team_page():
    at = run_page("team.py")
    assert metric(at, "Занятость выше 100\u00a0%") == "4 чел."
    assert metric(at, "Наибольшая занятость") == "290\u00a0%"
    assert len(at.expander) == 4
    assert "Фролов А.В. — 290\u00a0%" in at.expander[0].label
    table = at.dataframe[0].value
    assert len(table) == 19

    at.toggle(key="team_overloaded_only").set_value(True).run()
    assert not at.exception
    assert list(at.dataframe[0].value["Участник"]) == ["Фролов А.В.", "Ромас А.Ф.", "Савватеев Н.В.",
                                                       "Продашанов Д.А."]

    at.sidebar.radio(key="passport").set_value("tomsk").run()
    assert not at.exception
    assert metric(at, "Занятость выше 100\u00a0%") == "3 чел."
    assert metric(at, "Наибольшая занятость") == "585\u00a0%"
    assert [e.label.split(" — ")[0] for e in at.expander] == ["Швайко И.В.", "Чех А.Е.", "Задорожная Е.В."]
