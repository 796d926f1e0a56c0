"""Metrics and chart builders of the Показатели / Интернет / IT-куб / Кадры pages, on the real passports."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from charts.plan_fact import plan_fact_bars, status_grid
from charts.style import FACT_COLOR, PLAN_COLOR, STATUS_COLORS
from domain.formatting import NBSP, PLOTLY_SEPARATORS
from metrics import indicators, topics
from panels.base import Filters
from panels.indicators import short_label
from panels.topics import topic_panels

AS_OF = date(2025, 6, 1)
BOTH = ("amur", "tomsk")


def plans(frame: pd.DataFrame) -> dict[int, float]:
    return dict(zip(frame["year"].astype(int), frame["plan_value"], strict=True))


# ---- indicators ------------------------------------------------------------------------------------------

def test_amur_indicator_1_1_plans_as_printed(con):
    frame = indicators.indicator_plan_fact(con, ("amur",), AS_OF, 2018, 2024, ("1", "1.1"))
    assert set(frame["indicator_code"]) == {"1.1"}  # «1» is a heading printed without values
    assert plans(frame) == {2018: 0.1, 2019: 4, 2020: 24, 2021: 44, 2022: 64, 2023: 84, 2024: 100}
    assert set(frame["status"]) == {"нет данных"}  # every year is over on the as-of date and has no fact


def test_tomsk_indicators_and_year_filter(con):
    frame = indicators.indicator_plan_fact(con, ("tomsk",), AS_OF, 2020, 2021)
    assert sorted(frame["indicator_code"].unique()) == ["1", "2", "3.1", "4.1", "5", "6"]
    assert set(frame["year"]) == {2020, 2021}
    one = frame[frame["indicator_code"] == "1"]
    assert plans(one) == {2020: 76, 2021: 85}
    assert one["base_value"].iloc[0] == 16


def test_sub_rows_are_named_with_the_row_they_detail(con):
    frame = indicators.indicator_plan_fact(con, ("amur",), AS_OF, 2019, 2019, ("4.1.1",))
    assert frame["full_name"].iloc[0].startswith("Доля образовательных организаций, осуществляющих")
    assert frame["full_name"].iloc[0].endswith("— по программам общего образования и дополнительного "
                                               "образования детей")


def test_fact_gives_achievement_and_status(make_con):
    con = make_con([
        {"passport_id": "amur", "kind": "indicator", "code": "1.1", "year": 2019, "fact_value": 3.5},
        {"passport_id": "amur", "kind": "indicator", "code": "1.1", "year": 2020, "fact_value": 26},
        {"passport_id": "amur", "kind": "indicator", "code": "6.1", "year": 2019, "fact_value": 2},
        {"passport_id": "amur", "kind": "indicator", "code": "5.1", "year": 2025, "fact_value": 1},
    ])
    frame = indicators.indicator_plan_fact(con, ("amur",), AS_OF, 2018, 2024).set_index(["indicator_code", "year"])
    assert frame.loc[("1.1", 2019), "achievement_pct"] == 87.5
    assert frame.loc[("1.1", 2019), "status"] == "риск"
    assert frame.loc[("1.1", 2020), "status"] == "достигнут"
    assert frame.loc[("6.1", 2019), "status"] == "не достигнут"
    # a year-end report (31.12) does not exist yet in the middle of the year
    early = indicators.indicator_plan_fact(con, ("amur",), date(2019, 6, 30), 2019, 2020, ("1.1",))
    assert early.set_index("year").loc[2019, "status"] == "в работе"
    assert early["fact_value"].notna().sum() == 0


def test_headings_are_listed_not_charted(con):
    listing = indicators.indicator_list(con, BOTH)
    heads = listing[listing["is_heading"]]
    assert set(heads[heads["passport_id"] == "amur"]["indicator_code"]) == {"1", "4", "4.1", "5", "6"}
    tomsk = heads[heads["passport_id"] == "tomsk"]
    assert set(tomsk["indicator_code"].dropna()) == {"3", "4"}
    assert tomsk["indicator_code"].isna().sum() == 1  # the goal line printed in the table
    charted = indicators.indicator_plan_fact(con, BOTH, AS_OF, 2018, 2024)
    assert not set(zip(charted["passport_id"], charted["indicator_code"], strict=True)) & set(
        zip(heads["passport_id"], heads["indicator_code"], strict=True))


@pytest.mark.parametrize(("passport_id", "code", "number", "via"), [
    ("amur", "1.1", "1", "1.1"),      # Приложение № 2 numbers its rows on its own …
    ("amur", "6.1", "9", "6.1"),      # … its «9» is indicator 6
    ("amur", "4.1.1", "5", "4.1"),    # a sub-row takes the methodology of the row it details
    ("tomsk", "1", "1", "1"),         # Tomsk: footnotes keyed by indicator code
    ("tomsk", "3.1", "3", "3"),
    ("tomsk", "6", "6", "6"),
])
def test_methodology_matched_by_name(con, passport_id, code, number, via):
    row = indicators.indicator_methodology(con, passport_id, code)
    assert len(row) == 1
    assert row["methodology_number"].iloc[0] == number
    assert row["via_code"].iloc[0] == via


@pytest.mark.parametrize(("passport_id", "code"), [("amur", "3.1.1"), ("tomsk", "2")])
def test_no_methodology_where_none_is_printed(con, passport_id, code):
    assert indicators.indicator_methodology(con, passport_id, code).empty
    assert indicators.has_methodology(con, passport_id)


def test_methodology_text(con):
    tomsk = indicators.indicator_methodology(con, "tomsk", "1").iloc[0]
    assert tomsk["method"].startswith("Динамика показателя, а также методика его расчета")
    assert "Информационная инфраструктура" in tomsk["extra"]


def test_short_label():
    assert short_label("1.1", "Доля", 48) == "1.1 Доля"
    long = short_label("6.1", "Доля педагогических работников общего образования, прошедших", 30)
    assert len(long) == 30 and long.endswith("…")
    assert short_label(None, "Цель").startswith("Без номера")


# ---- result targets by topic and role (what the data says they are about) -------------------------------------

def series_of(con, topic: str, role: str, ids=BOTH, as_of=AS_OF) -> pd.DataFrame:
    frame = topics.topic_series(con, ids, as_of, topic, 2018, 2024)
    return frame[(frame["role"] == role) & (frame["kind"] == "result")]


def test_amur_workers_trained_cumulative(con):
    frame = series_of(con, "training", "workers", ("amur",))
    assert plans(frame) == {2019: 640, 2020: 1280}
    assert frame["is_cumulative"].all() and set(frame["accumulates"]) == {"level"}
    assert list(frame["codes"]) == ["4.1", "10.1"]


def test_tomsk_orgs_counts(con):
    orgs = series_of(con, "training", "workers_orgs", ("tomsk",))
    assert plans(orgs) == {2019: 4, 2020: 21}
    assert set(orgs["accumulates"]) == {"flow"}  # counted per year, as the data says
    internet = series_of(con, "internet", "count", ("tomsk",))
    assert plans(internet) == {2019: 28, 2020: 51, 2021: 57, 2022: 60, 2023: 63, 2024: 67}


def test_two_results_same_series_and_year_make_one_point(make_con):
    con = make_con([{"passport_id": "tomsk", "kind": "result", "code": "1.25", "measure": "orgs_internet_pct",
                     "year": 2024, "fact_value": 90}])
    frame = series_of(con, "internet", "share", ("tomsk",))
    row = frame[frame["year"] == 2024]
    assert len(row) == 1
    row = row.iloc[0]
    assert (row["plan_value"], row["fact_value"], row["codes"]) == (100, 90, "1, 1.25")
    assert row["status"] == "риск"  # 90 of 100: not below 85 %


def test_it_cubes_plans_and_facts(make_con):
    con = make_con([{"passport_id": "amur", "kind": "result", "code": "5.1", "measure": "it_cubes", "year": 2019,
                     "fact_value": 1, "is_example": True}])
    amur = series_of(con, "it_cube", "centres", ("amur",))
    assert plans(amur) == {2019: 1, 2020: 2, 2021: 3, 2022: 4, 2023: 5}
    first = amur.set_index("year").loc[2019]
    assert (first["fact_value"], first["status"], bool(first["is_example"])) == (1, "достигнут", True)
    assert plans(series_of(con, "it_cube", "centres", ("tomsk",))) == {2020: 1}
    assert plans(series_of(con, "it_cube", "children", ("tomsk",))) == {2020: 400}


def test_quoted_targets(con):
    frame = topics.topic_references(con, BOTH, "internet", 2018, 2024)
    amur = frame[frame["passport_id"] == "amur"]
    assert set(amur["quoted_level"]) == {"federal"}
    assert dict(zip(amur["year"], amur["target_value"], strict=True)) == {
        2019: 65, 2020: 70, 2021: 75, 2022: 85, 2023: 95, 2024: 100}
    tomsk = frame[frame["passport_id"] == "tomsk"]
    assert list(zip(tomsk["quoted_level"], tomsk["year"], tomsk["target_value"], strict=True)) == [
        ("regional", 2024, 100)]


def test_share_of_federal_it_cube_target(make_con):
    con = make_con([{"passport_id": "amur", "kind": "result", "code": "13.1", "measure": "it_cubes",
                     "year": 2020, "fact_value": 2}])
    panels = {p.key: p for p in topic_panels(con, Filters(BOTH, 2018, 2024, AS_OF), "it_cube")}
    share = panels["it_cube_centres_federal_share"].table
    assert set(share["Паспорт"]) == {"Амурская область"}  # Tomsk quotes no federal result
    first = share[share["Год"] == 2019].iloc[0]
    assert (first["План паспорта"], first["Федеральный результат"], first["Доля плана, %"]) == (1, 20, 5.0)
    assert share[share["Год"] == 2020]["Доля факта, %"].iloc[0] == pytest.approx(2 / 70 * 100)
    children = panels["it_cube_children_federal_share"].table
    assert children[children["Год"] == 2023]["Доля плана, %"].iloc[0] == pytest.approx(2000 / 104000 * 100)


def test_unplanned_roles_are_said_in_words(con):
    panels = {p.key: p for p in topic_panels(con, Filters(BOTH, 2018, 2024, AS_OF), "training")}
    managers = panels["training_managers"]
    assert managers.is_empty and managers.figure is None
    assert [n.split(" (")[0] for n in managers.notes] == ["Результат 31.1", "Результат 1.26"]
    assert "Педагоги, обученные через ресурс «одного окна»" in panels["training_absent"].empty


def test_teachers_one_window(con):
    share = series_of(con, "training", "teachers_share")
    assert list(zip(share["passport_id"], share["year"], share["plan_value"], strict=True)) == [("tomsk", 2024, 50)]
    ind = indicators.indicator_plan_fact(con, BOTH, AS_OF, 2018, 2024, ("6", "6.1"))
    assert plans(ind[ind["passport_id"] == "amur"]) == {2018: 0, 2019: 8, 2020: 16, 2021: 24, 2022: 32,
                                                        2023: 42, 2024: 50}
    assert plans(ind[ind["passport_id"] == "tomsk"])[2024] == 50


def test_panel_tables_hold_the_charted_numbers(con):
    panels = topic_panels(con, Filters(("amur",), 2018, 2024, AS_OF), "internet")
    share = panels[0]
    table = share.table
    assert list(dict.fromkeys(table["Ряд"])) == ["Показатель 1.1", "Цель результата", "Федеральный результат"]
    assert len(table) == 7 + 6 + 6
    assert table[table["Ряд"] == "Федеральный результат"]["План"].tolist() == [65, 70, 75, 85, 95, 100]


# ---- chart builders --------------------------------------------------------------------------------------

def test_plan_fact_bars(make_con):
    con = make_con([{"passport_id": "amur", "kind": "indicator", "code": "1.1", "year": 2019, "fact_value": 3.5}])
    panel = topic_panels(con, Filters(("amur",), 2018, 2024, AS_OF), "internet")[0]
    fig = panel.figure
    assert isinstance(fig, go.Figure)
    by_name = {t.name: t for t in fig.data}
    assert {"План — Показатель 1.1", "Факт — Показатель 1.1", "Федеральный результат", "Статус: риск"} <= set(by_name)
    assert list(by_name["План — Показатель 1.1"].y) == [0.1, 4, 24, 44, 64, 84, 100]
    plan, fact = by_name["План — Показатель 1.1"], by_name["Факт — Показатель 1.1"]
    assert plan.marker.color == PLAN_COLOR and fact.marker.color == FACT_COLOR
    assert list(fact.y) == [3.5]
    assert list(fact.marker.line.color) == [STATUS_COLORS["риск"]]
    assert list(fact.customdata[0][:3]) == [f"3,5{NBSP}%", f"4{NBSP}%", f"87,5{NBSP}%"]
    assert "Достижение" in fact.hovertemplate and "Комментарий" in fact.hovertemplate
    assert list(by_name["Федеральный результат"].y) == [65, 70, 75, 85, 95, 100]
    assert fig.layout.separators == PLOTLY_SEPARATORS


def test_plan_fact_bars_without_facts(con):
    panel = topic_panels(con, Filters(("amur",), 2018, 2024, AS_OF), "it_cube")[0]
    assert [t.name for t in panel.figure.data] == ["План"]
    assert list(panel.figure.data[0].text) == ["1", "2", "3", "4", "5"]


def test_many_series_are_drawn_as_lines():
    frame = pd.DataFrame([{"series": f"ряд {i}", "year": y, "plan_value": 10.0 * i, "fact_value": None}
                          for i in range(6) for y in (2020, 2021)])
    fig = plan_fact_bars(frame, "", "шт.")
    assert {t.type for t in fig.data} == {"scatter"}


def test_forecast_is_a_dashed_segment_to_the_year_end(make_con):
    con = make_con([{"passport_id": "amur", "kind": "result", "code": "12.1", "measure": "orgs_internet_pct",
                     "year": 2020, "fact_value": 20},
                    {"passport_id": "amur", "kind": "result", "code": "17.1", "measure": "orgs_internet_pct",
                     "year": 2021, "fact_value": 30, "reporting_date": date(2021, 7, 2)}])
    panel = topic_panels(con, Filters(("amur",), 2018, 2024, date(2021, 7, 2)), "internet")[0]
    forecast = next(t for t in panel.figure.data if t.name.startswith("Прогноз на 31.12"))
    assert forecast.line.dash == "dash"
    assert forecast.y[1] == pytest.approx(20 + 10 / (183 / 365))  # 39,9 %: from last year's 20 %
    row = panel.table[(panel.table["Ряд"] == "Цель результата") & (panel.table["Год"] == 2021)].iloc[0]
    assert round(row["Прогноз на 31.12"], 1) == 39.9


def test_status_grid(make_con):
    con = make_con([{"passport_id": "amur", "kind": "indicator", "code": "1.1", "year": 2020, "fact_value": 26}])
    frame = indicators.indicator_plan_fact(con, ("amur",), AS_OF, 2018, 2024)
    frame = frame.assign(label=[short_label(c, n) for c, n in
                                zip(frame["indicator_code"], frame["full_name"], strict=True)])
    fig = status_grid(frame, "План и факт")
    heat = fig.data[0]
    assert len(heat.y) == 7 and list(heat.x) == list(range(2018, 2025))
    texts = [a.text for a in fig.layout.annotations]
    assert f"0,1{NBSP}%" in texts and f"24{NBSP}%<br><b>26{NBSP}%</b>" in texts
    assert {t.name for t in fig.data[1:]} == {"достигнут", "нет данных"}
