"""Funding metrics and chart builders on the real passports; numbers pinned to the printed seed text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from charts import funding as charts
from domain.formatting import PLOTLY_SEPARATORS, plural
from metrics import funding
from panels import funding_tables

#: the signed documents as text, kept in the repository (data/sources/README.md)
SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources"
ALL_YEARS = (2018, 2024)
AS_OF = date(2025, 6, 30)


def _one(frame: pd.DataFrame, **where) -> pd.Series:
    for col, value in where.items():
        frame = frame[frame[col].isna()] if value is None else frame[frame[col] == value]
    assert len(frame) == 1, f"{where}: {len(frame)} rows"
    return frame.iloc[0]


def _seed_line(passport_id: str, line: int) -> str:
    return (SOURCES / f"{passport_id}.txt").read_text(encoding="utf-8").splitlines()[line - 1]


def _ru(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


# ---- printed totals, each checked against the seed line it was taken from -------------------------------
# (passport, section, source ('all' = every source), year (None = the «Всего» column), printed млн руб.)
PRINTED_PROJECT_TOTALS = [
    ("amur", "passport", "federal", 2019, 35.54),      # «Всего по региональному проекту»: федеральный бюджет
    ("amur", "passport", "regional", 2019, 1.10),
    ("amur", "passport", "extrabudgetary", 2019, 3.11),
    ("amur", "passport", "all", 2019, 39.75),
    ("amur", "passport", "all", None, 39.75),
    ("amur", "additional", "all", None, 603.89),
    ("amur", "additional", "federal", None, 571.78),
    ("amur", "additional", "all", 2024, 182.77),
    ("tomsk", "passport", "federal", 2019, 8.73),
    ("tomsk", "passport", "federal", 2020, 58.88),
    ("tomsk", "passport", "federal", 2021, 91.85),
    ("tomsk", "passport", "all", 2020, 60.70),
    ("tomsk", "passport", "regional", 2020, 1.82),
]


@pytest.mark.parametrize(("pid", "section", "source", "year", "printed"), PRINTED_PROJECT_TOTALS)
def test_printed_project_totals_as_in_the_seed(con, pid, section, source, year, printed):
    checks = funding.total_checks(con, (pid,), section, *ALL_YEARS)
    row = _one(checks, check_kind="project", source=source, year=year)
    assert row["printed_mln_rub"] == pytest.approx(printed)
    assert _ru(printed) in _seed_line(pid, int(row["line"]))


@pytest.mark.parametrize(("pid", "year", "federal"), [("amur", 2019, 35.54), ("tomsk", 2019, 8.73),
                                                      ("tomsk", 2020, 58.88), ("tomsk", 2021, 91.85)])
def test_federal_money_by_year_from_the_source_rows(con, pid, year, federal):
    frame = funding.money_by_year_source(con, (pid,), "passport", *ALL_YEARS)
    assert _one(frame, year=year, source="federal")["amount_mln_rub"] == pytest.approx(federal)


def test_amur_section4_year_and_totals(con):
    by_year = funding.money_by_year(con, ("amur",), "passport", *ALL_YEARS)
    row = _one(by_year, year=2019)
    assert row["computed_mln_rub"] == pytest.approx(39.75)
    assert row["printed_total_mln_rub"] == pytest.approx(39.75)
    assert row["federal_share_pct"] == pytest.approx(35.54 / 39.75 * 100)  # 89,4 %, full precision
    assert list(by_year["year"]) == [2019]  # 2020–2024 print «*»: the money is in the additional table
    marks = funding.markers(con, ("amur",), "passport")
    assert list(marks["line_code"]) == ["1.1", "1.2"] and "2020: *" in marks["markers"].iloc[0]


def test_amur_additional_table_total_and_years(con):
    by_year = funding.money_by_year(con, ("amur",), "additional", *ALL_YEARS)
    assert list(by_year["year"]) == [2020, 2021, 2022, 2023, 2024]
    assert by_year["computed_mln_rub"].sum() == pytest.approx(603.89)
    # 2021: the printed «Всего по проекту» is a cent below the sum of its sources
    row = _one(by_year, year=2021)
    assert (row["printed_total_mln_rub"], row["computed_mln_rub"]) == (pytest.approx(92.37), pytest.approx(92.38))


def test_sections_tomsk_has_no_additional_table(con):
    frame = funding.sections(con, ("amur", "tomsk"))
    assert set(zip(frame["passport_id"], frame["section"], strict=True)) == {
        ("amur", "passport"), ("amur", "additional"), ("tomsk", "passport")}
    assert _one(frame, passport_id="tomsk")["amount_mln_rub"] == pytest.approx(166.47)  # 11,08 + 60,70 + 94,69
    assert funding.table_years(con, ("tomsk",), "additional").empty


def test_year_range_filters_money(con):
    frame = funding.money_by_year_source(con, ("tomsk",), "passport", 2020, 2020)
    assert set(frame["year"]) == {2020}
    assert frame["amount_mln_rub"].sum() == pytest.approx(60.70)


def test_lines_and_sources_with_printed_line_totals(con):
    by_line = funding.money_by_line(con, ("amur",), "passport", *ALL_YEARS)
    line_11, line_12 = _one(by_line, line_code="1.1"), _one(by_line, line_code="1.2")
    assert line_11["line_name"] == "Создание Центра цифровой трансформации образования Амурской области"
    assert (line_11["printed_mln_rub"], line_11["computed_mln_rub"]) == (pytest.approx(24.20), pytest.approx(24.21))
    # line 1.2 prints 12,43 = federal 12,06 + regional 0,37: the extrabudgetary 3,11 is left out of it
    assert (line_12["printed_mln_rub"], line_12["computed_mln_rub"]) == (pytest.approx(12.43), pytest.approx(15.54))
    assert line_12["difference_mln_rub"] == pytest.approx(-3.11)
    by_source = funding.money_by_line_source(con, ("amur",), "passport", *ALL_YEARS)
    assert list(_one_line(by_source, "1.2")["source"]) == ["federal", "regional", "extrabudgetary"]


def _one_line(frame: pd.DataFrame, code: str) -> pd.DataFrame:
    return frame[frame["line_code"] == code]


def test_total_checks_find_what_the_document_gets_wrong(con):
    amur = funding.total_checks(con, ("amur",), "passport", *ALL_YEARS)
    off = amur[~amur["is_match"]]
    assert set(zip(off["line_code"], off["year"].fillna(0), strict=True)) == {
        ("1.1", 2019), ("1.1", 0), ("1.2", 2019), ("1.2", 0)}
    assert set(off.loc[off["line_code"] == "1.2", "gap_source"]) == {"extrabudgetary"}
    assert off.loc[off["line_code"] == "1.1", "gap_source"].isna().all()  # a cent of rounding, no source
    tomsk = funding.total_checks(con, ("tomsk",), "passport", *ALL_YEARS)
    assert len(tomsk) == 13 and tomsk["is_match"].all()  # Tomsk's totals all add up; no «Всего» column
    additional = funding.total_checks(con, ("amur",), "additional", *ALL_YEARS)
    line_2 = additional[(additional["check_kind"] == "line") & (additional["line_code"] == "2")]
    assert list(line_2["difference_mln_rub"]) == pytest.approx([-3.23, -3.35, -3.48, -3.62, -13.68])
    summary = funding.check_summary(additional)
    top = summary.iloc[0]
    assert (top["line_code"], top["n_off"], top["n_checks"], top["gap_source"]) == ("2", 5, 5, "extrabudgetary")
    assert summary.iloc[1:]["max_abs_diff_mln_rub"].max() <= 0.02 + 1e-9


def test_total_check_keys_are_unique_and_values_accepted(con):
    frame = con.execute("select * from funding_total_check").df()
    assert not frame.duplicated(["passport_id", "section", "check_kind", "seq", "year"]).any()
    assert set(frame["check_kind"]) <= {"line", "project", "row_sum"}
    assert frame[["passport_id", "section", "printed_mln_rub", "computed_mln_rub", "line"]].notna().all().all()


def test_details_sit_beside_their_source_row(con):
    det = funding.details(con, ("amur",), "passport", *ALL_YEARS)
    total = det[det["line_code"] == "Всего"].set_index("detail")
    assert total.loc["own_budget", "amount_mln_rub"] == pytest.approx(0.37)
    assert total.loc["transfers_to_municipal", "amount_mln_rub"] == pytest.approx(0.73)
    assert list(total["source_row_mln_rub"]) == pytest.approx([1.10, 1.10])
    table = funding_tables.details_table(det, {"amur": "Амурская область"})
    assert "межбюджетные трансферты бюджетам муниципальных образований" in set(table["Вид"])


def test_plan_only_without_facts(con):
    frame = funding.plan_vs_spent(con, ("tomsk",), "passport", AS_OF, *ALL_YEARS)
    assert frame["spent_mln_rub"].isna().all()
    assert _one(frame, line_code="1.2", source="federal", year=2020)["plan_mln_rub"] == pytest.approx(46.02)
    by_year = funding.plan_vs_spent_by_year(con, ("tomsk",), "passport", AS_OF, *ALL_YEARS)
    assert list(by_year["plan_mln_rub"]) == pytest.approx([11.08, 60.70, 94.69])
    assert by_year["execution_pct"].isna().all()


def test_execution_is_spent_over_planned(make_con):
    con = make_con([
        {"passport_id": "amur", "kind": "funding", "section": "passport", "code": "1.1", "measure": "federal",
         "year": 2019, "fact_value": 20.0, "source": "тест", "is_example": False},
        {"passport_id": "amur", "kind": "funding", "section": "passport", "code": "1.2", "measure": "extrabudgetary",
         "year": 2019, "fact_value": 3.11, "source": "пример", "is_example": True},
    ])
    frame = funding.plan_vs_spent(con, ("amur",), "passport", AS_OF, *ALL_YEARS)
    fed = _one(frame, line_code="1.1", source="federal")
    expected = (23.48, 20.0, pytest.approx(20 / 23.48 * 100))
    assert (fed["plan_mln_rub"], fed["spent_mln_rub"], fed["execution_pct"]) == expected
    assert bool(_one(frame, line_code="1.2", source="extrabudgetary")["is_example"])
    row = _one(funding.plan_vs_spent_by_year(con, ("amur",), "passport", AS_OF, *ALL_YEARS), year=2019)
    assert (row["plan_mln_rub"], row["spent_mln_rub"]) == (pytest.approx(39.75), pytest.approx(23.11))
    assert row["execution_pct"] == pytest.approx(58.1, abs=0.05)  # 23,11 / 39,75
    assert (row["cells_with_fact"], row["cells_planned"], bool(row["is_example"])) == (2, 5, True)
    # a fact for a year after the as-of date cannot exist yet
    early = funding.plan_vs_spent(con, ("amur",), "passport", date(2018, 12, 31), *ALL_YEARS)
    assert early["spent_mln_rub"].isna().all()


# ---- tables as shown and exported ------------------------------------------------------------------------

def test_year_source_table_has_printed_beside_computed(con):
    ys = funding.money_by_year_source(con, ("amur",), "additional", *ALL_YEARS)
    yr = funding.money_by_year(con, ("amur",), "additional", *ALL_YEARS)
    table = funding_tables.year_source_table(ys, yr).set_index("Год")
    assert table.loc[2020, "Федеральный бюджет, млн руб."] == pytest.approx(61.15)
    assert table.loc[2021, "Разница (напечатано − расчёт), млн руб."] == pytest.approx(-0.01)
    assert table.loc[2024, "Итого по источникам, млн руб."] == pytest.approx(182.77)


def test_line_source_table_and_checks_table(con):
    ls = funding.money_by_line_source(con, ("amur",), "passport", *ALL_YEARS)
    ln = funding.money_by_line(con, ("amur",), "passport", *ALL_YEARS)
    table = funding_tables.line_source_table(ls, ln)
    assert list(table["Строка"]) == ["1.1", "1.2"]
    assert table.loc[1, "Напечатанный итог строки, млн руб."] == pytest.approx(12.43)
    assert table.loc[1, "Сумма источников, млн руб."] == pytest.approx(15.54)
    checks = funding_tables.checks_table(funding.total_checks(con, ("amur",), "passport", *ALL_YEARS), {"amur": "Амур"})
    assert {"Напечатано, млн руб.", "Рассчитано, млн руб.", "Разница, млн руб."} <= set(checks.columns)
    assert "Всего" in set(checks["Год"])


# ---- chart builders ----------------------------------------------------------------------------------------

def test_year_source_bars(con):
    ys = funding.money_by_year_source(con, ("tomsk",), "passport", *ALL_YEARS)
    yr = funding.money_by_year(con, ("tomsk",), "passport", *ALL_YEARS)
    fig = charts.year_source_bars(ys, yr, "Томск", years=list(range(2019, 2025)), y_max=100)
    assert isinstance(fig, go.Figure)
    bars = {t.name: t for t in fig.data if t.type == "bar"}
    assert list(bars) == ["Федеральный бюджет", "Бюджет региона / города"]
    assert list(bars["Федеральный бюджет"].y) == pytest.approx([8.73, 58.88, 91.85])
    assert bars["Федеральный бюджет"].marker.color == "#08306b"
    printed = next(t for t in fig.data if t.name == charts.PRINTED_NAME)
    assert list(printed.y) == pytest.approx([11.08, 60.70, 94.69])
    assert fig.layout.separators == PLOTLY_SEPARATORS and fig.layout.barmode == "stack"
    assert tuple(fig.layout.xaxis.range) == (2018.5, 2024.5)


def test_line_source_bars_and_treemap(con):
    ls = funding.money_by_line_source(con, ("amur",), "passport", *ALL_YEARS)
    ln = funding.money_by_line(con, ("amur",), "passport", *ALL_YEARS)
    fig = charts.line_source_bars(ls, ln, "Амур")
    printed = next(t for t in fig.data if t.name == charts.PRINTED_NAME)
    assert list(printed.x) == pytest.approx([24.20, 12.43])
    assert list(fig.layout.yaxis.categoryarray)[0].startswith("1.1 Создание Центра цифровой")
    tree = charts.line_source_treemap(ls, "Амур").data[0]
    values = dict(zip(tree.ids, tree.values, strict=True))
    assert values["all"] == pytest.approx(39.75)
    assert values["line:1.2"] == pytest.approx(15.54) and values["line:1.2:extrabudgetary"] == pytest.approx(3.11)
    assert tree.branchvalues == "total"


def test_federal_share_and_plan_spent_charts(con, make_con):
    yr = funding.money_by_year(con, ("tomsk",), "passport", *ALL_YEARS)
    share = charts.federal_share_bars(yr, "Доля", years=[2019, 2020, 2021])
    assert list(share.data[0].y) == pytest.approx([78.8, 97.0, 97.0], abs=0.05)
    plan_only = charts.plan_spent_bars(funding.plan_vs_spent_by_year(con, ("tomsk",), "passport", AS_OF,
                                                                      *ALL_YEARS), "План")
    assert [t.name for t in plan_only.data] == ["План"]
    with_fact = make_con([{"passport_id": "tomsk", "kind": "funding", "section": "passport", "code": "1.2",
                           "measure": "federal", "year": 2019, "fact_value": 8.0}])
    py = funding.plan_vs_spent_by_year(with_fact, ("tomsk",), "passport", AS_OF, *ALL_YEARS)
    fig = charts.plan_spent_bars(py, "План и факт")
    spent = fig.data[1]
    assert spent.name == "Исполнено" and list(spent.y) == pytest.approx([8.0])
    assert "72,2" in spent.text[0]  # 8 / 11,08


def test_short_line_label():
    assert charts.short_line_label("2", "Созданы центры цифрового образования детей «IT-куб»*") == (
        "2 Созданы центры цифрового образования<br>детей «IT-куб»")
    long = charts.short_line_label("1.2", "слово " * 40)
    assert long.count("<br>") == 1 and long.endswith("…")


# ---- words on the page -------------------------------------------------------------------------------------

def test_sentences_name_the_disagreements(con):
    additional = funding.total_checks(con, ("amur",), "additional", *ALL_YEARS)
    big, small = funding_tables.check_sentences(funding.check_summary(additional), {"amur": "Амурская область"})
    assert big == ("Амурская область, строка 2: итог строки не сходится с суммой её источников в 5 из 5 граф, "
                   "до 13,68\u00a0млн\u00a0руб.; разница равна строке «Внебюджетные источники» — похоже, "
                   "в итог строки она не включена.")
    assert small.startswith("Ещё 15 расхождений в последнем знаке (до 0,02\u00a0млн\u00a0руб.)")
    assert funding_tables.check_sentences(funding.check_summary(funding.total_checks(
        con, ("tomsk",), "passport", *ALL_YEARS)), {}) == []


def test_printed_total_and_marker_sentences(con):
    checks = funding.total_checks(con, ("amur",), "additional", *ALL_YEARS)
    by_year = funding.money_by_year(con, ("amur",), "additional", *ALL_YEARS)
    whole = funding_tables.printed_total_sentence(checks, by_year, 603.89, covers_all=True)
    assert whole == ("Напечатано «Всего по проекту» (графа «Всего»): 603,89\u00a0млн\u00a0руб. — "
                     "совпадает с суммой источников")
    part = funding_tables.printed_total_sentence(checks, by_year[by_year["year"] == 2021], 92.38, covers_all=False)
    assert part.endswith("92,37\u00a0млн\u00a0руб. — меньше суммы источников на 0,01\u00a0млн\u00a0руб.")
    marks = funding.markers(con, ("amur",), "passport")
    assert funding_tables.markers_sentence(marks, has_additional=True).startswith(
        "Строки 1.1, 1.2: в 2020–2024 вместо сумм напечатано «*». По сноске паспорта")
    assert funding_tables.ru_number(1234.5, 2) == "1\u00a0234,50" and funding_tables.ru_number(None, 2) == "—"
    assert [plural(n, "а", "б", "в") for n in (1, 2, 5, 11, 21, 22)] == ["а", "б", "в", "в", "а", "б"]
