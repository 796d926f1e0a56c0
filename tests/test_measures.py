"""Metrics and chart builders of the Показатели / Интернет / IT-куб / Кадры pages, on the real passports."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from charts.plan_fact import plan_fact_bars, status_grid
from charts.style import FACT_COLOR, PLAN_COLOR, STATUS_COLORS
from domain.formatting import NBSP, PLOTLY_SEPARATORS
from metrics import indicators, targets

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
    # a fact dated after the as-of year does not exist yet on that day
    early = indicators.indicator_plan_fact(con, ("amur",), date(2019, 6, 30), 2019, 2020, ("1.1",))
    assert early.set_index("year").loc[2019, "status"] == "в работе"
    assert early["fact_value"].notna().sum() == 1


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
    assert indicators.short_label("1.1", "Доля", 48) == "1.1 Доля"
    long = indicators.short_label("6.1", "Доля педагогических работников общего образования, прошедших", 30)
    assert len(long) == 30 and long.endswith("…")
    assert indicators.short_label(None, "Цель").startswith("Без номера")


# ---- result targets ---------------------------------------------------------------------------------------

def test_amur_workers_trained_cumulative(con):
    frame = targets.measure_plan_fact(con, ("amur",), AS_OF, ("workers_trained",), 2018, 2024)
    assert plans(frame) == {2019: 640, 2020: 1280}
    assert frame["is_cumulative"].all()
    assert list(frame["result_codes"]) == ["4.1", "10.1"]


def test_tomsk_orgs_counts(con):
    orgs = targets.measure_plan_fact(con, ("tomsk",), AS_OF, ("workers_trained_orgs_count",), 2018, 2024)
    assert plans(orgs) == {2019: 4, 2020: 21}
    assert not orgs["is_cumulative"].any()
    internet = targets.measure_plan_fact(con, ("tomsk",), AS_OF, ("orgs_internet_count",), 2018, 2024)
    assert plans(internet) == {2019: 28, 2020: 51, 2021: 57, 2022: 60, 2023: 63, 2024: 67}


def test_two_results_same_measure_and_year_make_one_row(make_con):
    con = make_con([{"passport_id": "tomsk", "kind": "result", "code": "1.25", "measure": "orgs_internet_pct",
                     "year": 2024, "fact_value": 90}])
    frame = targets.measure_plan_fact(con, ("tomsk",), AS_OF, ("orgs_internet_pct",), 2024, 2024)
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row["plan_value"], row["fact_value"], row["result_codes"]) == (100, 90, "1, 1.25")
    assert row["status"] == "риск"  # 90 of 100: not below 85 %


def test_it_cubes_plans_and_facts(make_con):
    con = make_con([{"passport_id": "amur", "kind": "result", "code": "5.1", "measure": "it_cubes", "year": 2019,
                     "fact_value": 1, "is_example": True}])
    frame = targets.measure_plan_fact(con, BOTH, AS_OF, ("it_cubes", "it_cube_children"), 2018, 2024)
    amur = frame[(frame["passport_id"] == "amur") & (frame["measure"] == "it_cubes")]
    assert plans(amur) == {2019: 1, 2020: 2, 2021: 3, 2022: 4, 2023: 5}
    first = amur.set_index("year").loc[2019]
    assert (first["fact_value"], first["status"], bool(first["is_example"])) == (1, "достигнут", True)
    tomsk = frame[frame["passport_id"] == "tomsk"]
    assert plans(tomsk[tomsk["measure"] == "it_cubes"]) == {2020: 1}
    assert plans(tomsk[tomsk["measure"] == "it_cube_children"]) == {2020: 400}
    assert not tomsk["is_cumulative"].any()


def test_quoted_targets(con):
    frame = targets.quoted_targets(con, BOTH, ("orgs_internet_pct",), 2018, 2024)
    amur = frame[frame["passport_id"] == "amur"]
    assert set(amur["target_level"]) == {"federal"}
    assert dict(zip(amur["year"], amur["target_value"], strict=True)) == {
        2019: 65, 2020: 70, 2021: 75, 2022: 85, 2023: 95, 2024: 100}
    tomsk = frame[frame["passport_id"] == "tomsk"]
    assert list(zip(tomsk["target_level"], tomsk["year"], tomsk["target_value"], strict=True)) == [
        ("regional", 2024, 100)]
    ref = targets.reference_frame(frame[frame["passport_id"] == "tomsk"])
    assert list(ref["label"]) == ["Региональный результат"]


def test_share_of_federal_it_cube_target(make_con):
    con = make_con([{"passport_id": "amur", "kind": "result", "code": "13.1", "measure": "it_cubes",
                     "year": 2020, "fact_value": 2}])
    share = targets.share_of_quoted(con, BOTH, AS_OF, ("it_cubes", "it_cube_children"), 2018, 2024)
    assert set(share["passport_id"]) == {"amur"}  # Tomsk quotes no federal result
    cubes = share[share["measure"] == "it_cubes"].set_index("year")
    assert (cubes.loc[2019, "plan_value"], cubes.loc[2019, "quoted_value"], cubes.loc[2019, "plan_share_pct"]) == (
        1, 20, 5.0)
    assert cubes.loc[2020, "fact_share_pct"] == 2.9  # 2 of 70
    children = share[share["measure"] == "it_cube_children"].set_index("year")
    assert children.loc[2023, "plan_share_pct"] == 1.9  # 2 000 of 104 000


def test_unplanned_measures_are_empty_and_said_in_words(con):
    frame = targets.measure_plan_fact(con, BOTH, AS_OF, ("managers_retrained", "teachers_one_window"), 2018, 2024)
    assert frame.empty
    texts = targets.results_without_target(con, BOTH, ("переподготовк", "руководител"))
    assert list(zip(texts["passport_id"], texts["result_code"], strict=True)) == [("amur", "31.1"),
                                                                                  ("tomsk", "1.26")]


def test_teachers_one_window(con):
    share = targets.measure_plan_fact(con, BOTH, AS_OF, ("teachers_one_window_pct",), 2018, 2024)
    assert list(zip(share["passport_id"], share["year"], share["plan_value"], strict=True)) == [("tomsk", 2024, 50)]
    ind = indicators.indicator_plan_fact(con, BOTH, AS_OF, 2018, 2024, ("6", "6.1"))
    assert plans(ind[ind["passport_id"] == "amur"]) == {2018: 0, 2019: 8, 2020: 16, 2021: 24, 2022: 32,
                                                        2023: 42, 2024: 50}
    assert plans(ind[ind["passport_id"] == "tomsk"])[2024] == 50


def test_series_and_tables(con):
    ind = indicators.indicator_plan_fact(con, ("amur",), AS_OF, 2018, 2024, ("1", "1.1"))
    res = targets.measure_plan_fact(con, ("amur",), AS_OF, ("orgs_internet_pct",), 2018, 2024)
    series = targets.series_frame(ind, res)
    assert list(dict.fromkeys(series["series"])) == ["Показатель 1.1", "Цель результата"]
    ref = targets.reference_frame(targets.quoted_targets(con, ("amur",), ("orgs_internet_pct",), 2018, 2024))
    table = targets.chart_table(series, ref)
    assert len(table) == 7 + 6 + 6
    assert table[table["Ряд"] == "Федеральный результат"]["План"].tolist() == [65, 70, 75, 85, 95, 100]
    shown = targets.display_table(table, True)
    assert shown["План"].iloc[0] == f"0,1{NBSP}%"
    counts = targets.display_table(targets.chart_table(targets.series_frame(
        measures=targets.measure_plan_fact(con, ("amur",), AS_OF, ("workers_trained",), 2018, 2024))))
    assert counts["План"].tolist() == ["640", f"1{NBSP}280"]
    assert targets.series_frame().empty


# ---- chart builders --------------------------------------------------------------------------------------

def test_plan_fact_bars(make_con):
    con = make_con([{"passport_id": "amur", "kind": "indicator", "code": "1.1", "year": 2019, "fact_value": 3.5}])
    ind = indicators.indicator_plan_fact(con, ("amur",), AS_OF, 2018, 2024, ("1.1",))
    ref = targets.reference_frame(targets.quoted_targets(con, ("amur",), ("orgs_internet_pct",), 2018, 2024))
    fig = plan_fact_bars(targets.series_frame(ind), "Доля", "%", ref, percent=True)
    assert isinstance(fig, go.Figure)
    by_name = {t.name: t for t in fig.data}
    assert {"План", "Факт", "Федеральный результат", "Статус: риск"} <= set(by_name)
    assert list(by_name["План"].y) == [0.1, 4, 24, 44, 64, 84, 100]
    assert by_name["План"].marker.color == PLAN_COLOR and by_name["Факт"].marker.color == FACT_COLOR
    assert list(by_name["Факт"].y) == [3.5]
    assert list(by_name["Факт"].marker.line.color) == [STATUS_COLORS["риск"]]
    assert list(by_name["Факт"].customdata[0][:3]) == [f"3,5{NBSP}%", f"4{NBSP}%", f"87,5{NBSP}%"]
    assert "Достижение" in by_name["Факт"].hovertemplate
    assert list(by_name["Федеральный результат"].y) == [65, 70, 75, 85, 95, 100]
    assert fig.layout.separators == PLOTLY_SEPARATORS


def test_plan_fact_bars_without_facts(con):
    series = targets.series_frame(measures=targets.measure_plan_fact(
        con, ("amur",), AS_OF, ("it_cubes",), 2018, 2024))
    fig = plan_fact_bars(series, "Центры", "центров")
    assert [t.name for t in fig.data] == ["План"]
    assert list(fig.data[0].text) == ["1", "2", "3", "4", "5"]


def test_status_grid(make_con):
    con = make_con([{"passport_id": "amur", "kind": "indicator", "code": "1.1", "year": 2020, "fact_value": 26}])
    frame = indicators.indicator_plan_fact(con, ("amur",), AS_OF, 2018, 2024)
    frame = frame.assign(label=[indicators.short_label(c, n) for c, n in
                                zip(frame["indicator_code"], frame["full_name"], strict=True)])
    fig = status_grid(frame, "План и факт")
    heat = fig.data[0]
    assert len(heat.y) == 7 and list(heat.x) == list(range(2018, 2025))
    texts = [a.text for a in fig.layout.annotations]
    assert f"0,1{NBSP}%" in texts and f"24{NBSP}%<br><b>26{NBSP}%</b>" in texts
    assert {t.name for t in fig.data[1:]} == {"достигнут", "нет данных"}
