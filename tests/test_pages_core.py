"""AppTest of the overview and facts pages: they run clean, filters change what is shown, key numbers shown."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from loaders import paths
from loaders.facts_store import FactChange, FactStore, FactValue
from metrics.quality import CHECK_RU
from tests.helpers import fact_key

ROOT = Path(__file__).resolve().parent.parent


def _app(page: str, passport: str | None = None) -> AppTest:
    """Run a page through the router (its page links need st.navigation); pick a passport by widget key."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(page).run()
    if passport:
        at.radio(key="passport").set_value(passport).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_overview_lists_both_passports_with_real_totals():
    at = _app("pages/overview.py")
    table = at.dataframe[0].value
    assert list(table["Территория"]) == ["Амурская область", "Город Томск"]
    assert list(table["Финансирование, млн руб."]) == [39.75, 166.47]
    assert list(table["Мероприятий"]) == [173, 97]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Запланировано"] == "39,75\u00a0млн\u00a0руб."  # Amur, section 4, 2019


def test_overview_passport_filter_changes_the_cards():
    at = _app("pages/overview.py", passport="tomsk")
    assert [s.value for s in at.subheader][-1] == "Город Томск"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Запланировано"] == "166,47\u00a0млн\u00a0руб."
    assert metrics["Центры: план на 2020"] == "1"


def test_overview_counts_facts_as_of_date():
    FactStore(paths.FACTS_PATH).apply([FactChange(fact_key("tomsk", "indicator", "1", 2019),
                                                  FactValue(fact_value=45, source="тест"))], who="Тестов Т.Т.")
    at = _app("pages/overview.py", passport="tomsk")
    assert {m.label: m.value for m in at.metric}["Достигнуто"] == "1"


def test_facts_page_examples_log_and_undo():
    at = AppTest.from_file(str(ROOT / "pages/facts.py"), default_timeout=60).run()
    assert not at.exception
    before = len(FactStore(paths.FACTS_PATH).facts())
    at.button(key="load_examples").click().run()
    assert not at.exception
    assert any("Пример загружен" in s.value for s in at.success)
    facts = FactStore(paths.FACTS_PATH).facts()
    assert (facts["is_example"] == 1).sum() == 412
    at.run()
    log = at.dataframe[-1].value
    assert "Пакет" in log.columns and (log["Действие"] == "пример").any()
    at.button(key="undo").click().run()
    assert len(FactStore(paths.FACTS_PATH).facts()) == before


def test_quality_page_lists_the_documents_contradictions():
    at = AppTest.from_file(str(ROOT / "pages/quality.py"), default_timeout=60).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Ошибок"] == "5"  # Amur (the left-out source: 2 findings, not 10)
    table = at.dataframe[0].value
    assert table["Что не так"].str.contains("Мероприятие 7.1.4: окончание 20.08.2020 раньше начала 10.09.2020").any()
    at.radio(key="passport").set_value("tomsk").run()
    table = at.dataframe[0].value
    assert {m.label: m.value for m in at.metric}["Ошибок"] == "0"
    assert table["Что не так"].str.contains("Швайко И.В.: занятость в проекте 585 %").any()
    assert set(table["Проверка"]) <= set(CHECK_RU.values())
