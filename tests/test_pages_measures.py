"""One AppTest per page: Показатели, Интернет, IT-куб, Кадры — runs, follows the passport filter, shows the
key numbers of the documents and the facts written to the app's facts store."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from domain.formatting import NBSP
from loaders import paths
from loaders.facts_store import FactChange, FactStore, FactValue
from tests.helpers import fact_key

ROOT = Path(__file__).resolve().parent.parent
NO_FACTS = "Факты не внесены — показан только план"

#: facts these tests write (and take away again), keyed like the app's facts store
FACTS = {
    fact_key("amur", "indicator", "1.1", 2019): 3.5,
    fact_key("amur", "result", "5.1", 2019, measure="it_cubes"): 1,
    fact_key("amur", "result", "4.1", 2019, measure="workers_trained"): 600,
    fact_key("amur", "result", "3.1", 2019, measure="orgs_internet_pct", example=True): 5,
}


@pytest.fixture(scope="module")
def facts():
    """Facts in the store the app reads (COS_FACTS_DB, a temp file); removed afterwards."""
    store = FactStore(paths.FACTS_PATH)
    store.apply([FactChange(k, FactValue(fact_value=v, source="тест страниц")) for k, v in FACTS.items()],
                who="Тестов Т.Т.")
    yield FACTS
    store.apply([FactChange(k, None) for k in FACTS], who="Тестов Т.Т.")


def run(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=30).run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    """Everything written on the page: headers, text, notes, metrics and every table cell."""
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "info", "warning")
             for e in getattr(at, kind)]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    parts += [df.value.to_csv(index=False) if isinstance(df.value, pd.DataFrame) else str(df.value.data)
              for df in at.dataframe]
    return "\n".join(str(p) for p in parts)


def tables(at: AppTest) -> list[pd.DataFrame]:
    return [df.value if isinstance(df.value, pd.DataFrame) else df.value.data for df in at.dataframe]


def switch(at: AppTest, passport: str) -> AppTest:
    at.radio(key="passport").set_value(passport).run()
    assert not at.exception, at.exception
    return at


def subheaders(at: AppTest) -> list[str]:
    return [s.value for s in at.subheader]


def tomsk_has_facts() -> bool:
    stored = FactStore(paths.FACTS_PATH).facts()
    return bool(len(stored[stored["passport_id"] == "tomsk"]))


def test_indicators_page(facts):
    at = run("indicators.py")
    assert "Амурская область" in subheaders(at)
    page = texts(at)
    first = tables(at)[0]
    amur_11 = first[first["Код"] == "1.1"]
    assert amur_11["План"].tolist() == [f"{v}{NBSP}%" for v in ("0,1", "4", "24", "44", "64", "84", "100")]
    assert amur_11["Факт"].tolist()[1] == f"3,5{NBSP}%"
    assert amur_11["Статус"].tolist()[1] == "риск"
    assert "Строки без значений: 5" in "\n".join(e.label for e in at.expander)
    # the drill-down starts at the first indicator with values, with its methodology (Приложение № 2, № 1)
    assert at.selectbox(key="indicator").value == "amur|1.1"
    assert "Дата базового значения: 01.01.2019" in page
    assert "№ 1 в методике паспорта" in page
    at.selectbox(key="indicator").set_value("amur|3.1.1").run()
    assert "В методике паспорта нет строки для этого показателя." in texts(at)

    switch(at, "tomsk")
    assert "Город Томск" in subheaders(at) and "Амурская область" not in subheaders(at)
    page = texts(at)
    assert f"Базовое значение: 16{NBSP}%" in page
    tomsk = tables(at)[0]
    assert tomsk[tomsk["Код"] == "1"]["План"].tolist()[-1] == f"100{NBSP}%"
    if not tomsk_has_facts():
        assert NO_FACTS in page

    switch(at, "both")
    assert {"Амурская область", "Город Томск"} <= set(subheaders(at))


def test_internet_page(facts):
    at = run("internet.py")
    page = texts(at)
    assert "Паспорт не называет числа организаций" in page  # Amur prints only the share
    share = tables(at)[0]
    assert share[share["Ряд"] == "Федеральный результат"]["План"].tolist()[0] == f"65{NBSP}%"
    assert share[share["Ряд"] == "Показатель 1.1"]["Факт"].tolist()[1] == f"3,5{NBSP}%"
    assert "пример" in share["Пример"].tolist()  # the example fact of the result target is marked …
    assert any("пример — не официальные данные" in w.value for w in at.warning)  # … and said in words

    switch(at, "tomsk")
    assert "Город Томск" in subheaders(at)
    share, count = tables(at)
    assert share[share["Ряд"] == "Региональный результат"]["План"].tolist() == [f"100{NBSP}%"]
    assert count["План"].tolist() == ["28", "51", "57", "60", "63", "67"]  # Tomsk prints the number too


def test_it_cube_page(facts):
    at = run("it_cube.py")
    page = texts(at)
    assert len(at.get("plotly_chart")) == 3  # centres, children, share of the federal result
    assert "Нарастающим итогом" in page
    cubes, children, share = tables(at)
    assert cubes["План"].tolist() == ["1", "2", "3", "4", "5"]
    assert cubes["Факт"].tolist()[0] == "1" and cubes["Статус"].tolist()[0] == "достигнут"
    assert children["План"].tolist()[-1] == f"2{NBSP}000"
    first = share[(share["Ряд"] == "Центры") & (share["Год"] == 2019)].iloc[0]
    assert (first["План паспорта"], first["Федеральный результат"], first["Доля плана, %"]) == (
        "1", "20", f"5{NBSP}%")

    switch(at, "tomsk")
    page = texts(at)
    assert "только на один год — 2020" in page  # said in words, no line drawn
    assert "План на 2020 · Цель результата: 400" in page
    assert "Не нарастающим итогом" in page
    assert "Паспорт не цитирует федеральный результат" in page
    assert not at.get("plotly_chart")


def test_training_page(facts):
    at = run("training.py")
    page = texts(at)
    workers = tables(at)[0]
    assert workers[workers["Ряд"] == "Цель результата"]["План"].tolist() == ["640", f"1{NBSP}280"]
    assert workers[workers["Ряд"] == "Федеральный результат"]["План"].tolist() == [f"2{NBSP}000", f"2{NBSP}000"]
    assert workers["Факт"].tolist()[0] == "600"
    assert "Паспорт не считает организации" in page  # Amur does not count organisations
    assert "Паспорт не называет числа руководителей" in page
    assert "Результат 31.1 (срок — 31.12.2024)" in page

    switch(at, "tomsk")
    page = texts(at)
    assert "Паспорт не называет числа работников" in page
    orgs = tables(at)[0]
    assert orgs["План"].tolist() == ["4", "21"]
    teachers = tables(at)[1]
    assert teachers[teachers["Ряд"] == "Показатель 6"]["План"].tolist()[-1] == f"50{NBSP}%"
    assert teachers[teachers["Ряд"] == "Региональный результат"]["План"].tolist() == [f"50{NBSP}%"]
    assert "Результат 1.26" in page
