"""One AppTest per page of Показатели, Интернет, IT-куб, Кадры: runs through the router, follows the passports
chosen (one, or several compared), shows the key numbers of the documents and the facts in the app's store."""

from __future__ import annotations

import pytest

from domain import paths
from domain.formatting import NBSP
from store.facts_store import FactStore
from store.records import FactChange, FactValue
from tests.helpers import fact_key, metric, page_tables, page_text, rerun, run_page

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


def table_with(at, column: str, value: str):
    """The first table of the page with a row whose column holds the value."""
    for table in page_tables(at):
        if column in table.columns and (table[column] == value).any():
            return table
    raise AssertionError(f"нет таблицы со строкой «{value}» в столбце «{column}»")


def test_indicators_page(facts):
    at = run_page("indicators", ("amur",))
    grid = table_with(at, "Код", "1.1")
    amur_11 = grid[grid["Код"] == "1.1"]
    assert amur_11["План"].tolist() == [f"{v}{NBSP}%" for v in ("0,1", "4", "24", "44", "64", "84", "100")]
    assert amur_11["Факт"].tolist()[1] == f"3,5{NBSP}%"
    assert amur_11["Статус"].tolist()[1] == "риск"
    text = page_text(at)
    assert "Строки без значений: 5" in text
    # the topics without a page of their own are on this page, each under its heading
    assert {"Цифровая платформа", "Целевая модель ЦОС", "Цифровые технологии в программах",
            "Сайты организаций"} <= {h.value for h in at.header}
    # the drill-down starts at the first indicator with values, with its methodology (Приложение № 2, № 1)
    assert at.selectbox(key="indicator").value == "amur|1.1"
    assert metric(at, "Дата базового значения") == "01.01.2019"
    assert "№ 1 в методике паспорта" in text
    at.selectbox(key="indicator").set_value("amur|3.1.1")
    rerun(at)
    assert "В методике паспорта нет строки для этого показателя." in page_text(at)

    at = run_page("indicators", ("tomsk",))
    assert metric(at, "Базовое значение") == f"16{NBSP}%"
    tomsk = table_with(at, "Код", "1")
    assert tomsk[tomsk["Код"] == "1"]["План"].tolist()[-1] == f"100{NBSP}%"

    at = run_page("indicators", ("amur", "tomsk"))
    grid = page_tables(at)[0]
    assert set(grid["Паспорт"]) == {"Амурская область", "Город Томск"}  # one grid, both passports


def test_internet_page(facts):
    at = run_page("internet", ("amur",))
    text = page_text(at)
    assert "Число организаций с интернетом 100/50 Мбит/с" in text  # Amur prints only the share: said in words
    share = page_tables(at)[0]
    assert share[share["Ряд"] == "Федеральный результат"]["План"].tolist()[0] == f"65{NBSP}%"
    assert share[(share["Ряд"] == "Показатель 1.1") & (share["Год"] == "2019")]["Факт"].tolist() == [f"3,5{NBSP}%"]
    assert "Да" in share["Пример"].tolist()  # the example fact of the result target is marked …
    assert any("пример — не официальные данные" in w.value for w in at.warning)  # … and said in words

    at = run_page("internet", ("tomsk",))
    share, count = page_tables(at)
    assert share[share["Ряд"] == "Региональный результат"]["План"].tolist() == [f"100{NBSP}%"]
    assert count["План"].tolist() == ["28", "51", "57", "60", "63", "67"]  # Tomsk prints the number too
    # 2024 is planned under results 1 and 1.25: one point, both codes named
    assert share[(share["Год"] == "2024") & (share["Ряд"] == "Цель результата")]["Коды"].tolist() == ["1, 1.25"]

    at = run_page("internet", ("amur", "tomsk"))
    share = page_tables(at)[0]
    assert {"Амурская область: показатель 1.1", "Город Томск: показатель 1"} <= set(share["Ряд"])
    assert "Амурская область: паспорт не планирует «Число организаций" in page_text(at)


def test_it_cube_page(facts):
    at = run_page("it_cube", ("amur",))
    assert len(at.get("plotly_chart")) == 4  # centres, children, and each as a share of the federal result
    text = page_text(at)
    assert "Нарастающим итогом" in text
    cubes = page_tables(at)[0]
    own = cubes[cubes["Ряд"] == "Цель результата"]
    assert own["План"].tolist() == ["1", "2", "3", "4", "5"]
    assert own["Факт"].tolist()[0] == "1" and own["Статус"].tolist()[0] == "достигнут"
    share = page_tables(at)[1]
    first = share[share["Год"] == "2019"].iloc[0]
    assert (first["План паспорта"], first["Федеральный результат"], first["Доля плана, %"]) == (
        "1", "20", f"5{NBSP}%")

    at = run_page("it_cube", ("tomsk",))
    text = page_text(at)
    assert "только на один год — 2020" in text  # said in words, no line drawn
    assert [m.value for m in at.metric if m.label == "План на 2020 · Цель результата"] == ["1", "400"]
    assert "Не нарастающим итогом" in text
    assert not at.get("plotly_chart")


def test_training_page(facts):
    at = run_page("training", ("amur",))
    text = page_text(at)
    workers = page_tables(at)[0]
    assert workers[workers["Ряд"] == "Цель результата"]["План"].tolist() == ["640", f"1{NBSP}280"]
    assert workers["Факт"].tolist()[0] == "600"
    assert "Результат 31.1 (Амурская область, срок — 31.12.2024), без числа" in text  # managers, in words
    assert "Организации, все работники которых прошли повышение квалификации" in text  # not planned: said

    at = run_page("training", ("tomsk",))
    orgs = page_tables(at)[0]
    assert orgs["План"].tolist() == ["4", "21"]
    assert "Не нарастающим итогом" in page_text(at)  # a yearly flow, as the data says
    teachers = page_tables(at)[1]
    assert teachers[teachers["Ряд"] == "Показатель 6"]["План"].tolist()[-1] == f"50{NBSP}%"
    assert teachers[teachers["Ряд"] == "Региональный результат"]["План"].tolist() == [f"50{NBSP}%"]
    assert "Результат 1.26" in page_text(at)
