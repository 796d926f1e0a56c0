"""AppTest of «Обзор», «Качество данных» and «Факты»: they run clean through the router, the passport filter
changes what is shown, the key numbers of the documents are on the page."""

from __future__ import annotations

from datetime import date

from domain import paths
from domain.formatting import NBSP
from store.facts_store import FactStore
from store.records import FactChange, FactValue
from tests.helpers import fact_key, metric, page_tables, page_text, rerun, run_page


def test_overview_lists_the_passports_with_their_money_over_the_whole_period():
    at = run_page("overview", ("amur", "tomsk"))
    table = page_tables(at)[0]
    assert list(table["Территория"]) == ["Амурская область", "Город Томск"]
    # Amur: section 4 prints 39,75 (2019), the additional materials 603,89 (2020–2024): 643,64 in all
    assert list(table["Финансирование за весь срок, млн руб."]) == ["643,64", "166,47"]
    assert list(table["Раздел 4, млн руб."]) == ["39,75", "166,47"]
    assert list(table["Мероприятий"]) == ["173", "97"]
    assert [m.value for m in at.metric if m.label == "Деньги за весь срок, млн руб."] == ["643,64", "166,47"]
    text = page_text(at)
    assert "«Дополнительные материалы»: 603,89" in text and "раздел 4 «Финансовое обеспечение»: 39,75" in text


def test_overview_cards_compare_plan_and_fact_of_the_same_year():
    at = run_page("overview", ("tomsk",))
    assert metric(at, "IT-куб: план на 2020") == "1"
    text = page_text(at)
    assert "Факт на 2020: нет данных" in text
    assert metric(at, "Перегружены, человек") == "3"  # Швайко И.В. 585 %, Чех А.Е. 460 %, Задорожная Е.В. 315 %


def test_overview_counts_facts_as_of_date():
    store = FactStore(paths.FACTS_PATH)
    key = fact_key("tomsk", "indicator", "1", 2019)
    store.apply([FactChange(key, FactValue(fact_value=45, source="тест"))], who="Тестов Т.Т.")
    try:
        at = run_page("overview", ("tomsk",), asof=date(2021, 3, 1))
        assert metric(at, "Показатели: достигнуто") == "1"  # 45 % against a plan of 42 % in 2019
    finally:
        store.apply([FactChange(key, None)], who="Тестов Т.Т.")


def test_quality_page_lists_the_documents_contradictions():
    at = run_page("quality", ("amur",))
    assert metric(at, "Ошибки") == "5"  # Amur (the left-out source: 2 findings, not 10)
    table = page_tables(at)[0]
    assert table["Что не так"].str.contains("Мероприятие 7.1.4: окончание 20.08.2020 раньше начала 10.09.2020").any()
    at = run_page("quality", ("tomsk",))
    assert metric(at, "Ошибки") == "0"
    assert page_tables(at)[0]["Что не так"].str.contains("Швайко И.В.: занятость в проекте 585 %").any()


def test_facts_page_examples_log_and_undo():
    at = run_page("facts", ("amur",), who="Тестов Т.Т.")
    before = len(FactStore(paths.FACTS_PATH).facts())
    at.button(key="load_examples").click()
    rerun(at)
    assert any("Пример загружен" in s.value for s in at.success)
    facts = FactStore(paths.FACTS_PATH).facts()
    assert (facts["is_example"] == 1).sum() == 422
    rerun(at)
    log = next(t for t in page_tables(at) if "Пакет" in t.columns)
    assert (log["Действие"] == "пример").any()
    assert set(log["Кто"]) == {"Тестов Т.Т."}
    assert at.button(key="undo").disabled  # nothing is undone before the user confirms what it reverts
    newest = log["Пакет"].iloc[0]
    shown = next(t for t in page_tables(at) if "Стало" in t.columns and "Пакет" not in t.columns)
    assert len(shown) == (log["Пакет"] == newest).sum() and set(shown["Стало"]) - {""}
    at.checkbox(key=f"undo_confirm_{newest}").check()
    rerun(at)
    at.button(key="undo").click()
    rerun(at)
    assert len(FactStore(paths.FACTS_PATH).facts()) == before
    # the example registers (risks, events, own measures) were loaded in their own batch: «Удалить пример» takes
    # them away too
    assert len(FactStore(paths.FACTS_PATH).entries())
    at.button(key="drop_examples").click()
    rerun(at)
    assert FactStore(paths.FACTS_PATH).entries().empty


def test_facts_page_refuses_a_change_without_an_author(monkeypatch):
    monkeypatch.delenv("COS_AUTHOR", raising=False)
    at = run_page("facts", ("amur",))
    at.button(key="load_examples").click()
    rerun(at)
    assert any("кто вносит изменения" in e.value for e in at.error)
    assert FactStore(paths.FACTS_PATH).facts().query("is_example == 1").empty


def test_numbers_are_russian():
    at = run_page("funding", ("tomsk",))
    assert "166,47" in page_text(at) and NBSP in metric(at, "Доля федерального бюджета")
