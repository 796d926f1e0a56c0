"""The portfolio (one set-based query over every passport) and the passport picker (search, region, never the whole
list): checked against the per-passport numbers the overview computes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics import overview
from metrics.portfolio import portfolio
from panels.base import Filters
from panels.portfolio import RANKING_BY_CODE, portfolio_panels, ranked
from tests.generated import copy_passport
from tests.helpers import DATA, model, page_tables, run_page

AS_OF = date(2023, 9, 30)


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """The two real passports and four municipal copies of Tomsk in two regions."""
    root = tmp_path_factory.mktemp("many")
    for source in ("amur", "tomsk"):
        copy_passport(source, root, source, yaml.safe_load((DATA / "passports" / source / "passport.yaml")
                                                           .read_text(encoding="utf-8"))["territory"])
    for n, (town, region, code) in enumerate((("Город Белогорск", "Амурская область", "28"),
                                              ("Город Свободный", "Амурская область", "28"),
                                              ("Город Северск", "Томская область", "70"),
                                              ("Город Стрежевой", "Томская область", "70"))):
        folder = copy_passport("tomsk", root, f"town{n}", town)
        path = folder / "passport.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data.update(region=region, region_code=code)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def test_portfolio_rows_equal_the_per_passport_numbers(many):
    con = model(data_dir=many)
    frame = portfolio(con, AS_OF, 2018, 2024).set_index("passport_id")
    assert len(frame) == 6
    for pid in frame.index:
        counts = overview.status_counts(con, (pid,), AS_OF, 2018, 2024, ("indicator", "result"))
        by = dict(zip(counts["status_code"], counts["n"], strict=True))
        row = frame.loc[pid]
        assert (row["achieved"], row["at_risk"], row["not_achieved"], row["no_data"], row["in_progress"]) == (
            by.get("achieved", 0), by.get("at_risk", 0), by.get("not_achieved", 0), by.get("no_data", 0),
            by.get("in_progress", 0))
        overdue = overview.overdue_counts(con, (pid,), AS_OF)
        assert row["overdue"] == int(overdue["overdue"].iloc[0])
    # money for the project's life, as printed: Amur 39,75 (section 4) + 603,89 (additional materials)
    assert frame.loc["amur", "planned_mln_rub"] == pytest.approx(643.64)
    assert frame.loc["amur", "quality_errors"] == 5
    assert frame.loc["town0", "region"] == "Амурская область"


def test_a_region_narrows_the_portfolio_and_the_ranking_puts_the_worst_first(many):
    con = model(data_dir=many)
    tomsk_region = portfolio(con, AS_OF, 2018, 2024, "Томская область")
    assert set(tomsk_region["passport_id"]) == {"tomsk", "town2", "town3"}
    frame = ranked(portfolio(con, AS_OF, 2018, 2024), RANKING_BY_CODE["overdue"])
    assert list(frame["overdue"]) == sorted(frame["overdue"], reverse=True)
    panels = portfolio_panels(con, Filters(("amur",), 2018, 2024, AS_OF), None, "overdue")
    table = panels[1].table
    assert list(table["Место"]) == list(range(1, 7)) and table["Открыть"].iloc[0].startswith("./?passport=")
    assert {m.label: m.value for m in panels[0].metrics}["Паспортов"] == "6"


def test_the_picker_offers_matches_of_a_region_and_the_chosen_ones(many):
    con = model(data_dir=many)
    found = overview.passport_options(con, None, "  белогорск ", (), 60)
    assert list(found["passport_id"]) == ["town0"]
    region = overview.passport_options(con, "Томская область", None, ("amur",), 60)
    assert set(region["passport_id"]) == {"amur", "tomsk", "town2", "town3"}  # the chosen one stays
    assert list(overview.passport_options(con, None, None, (), 2)["passport_id"]) == ["amur", "town0"]
    # regions first, then municipalities by name; at most the limit (plus the chosen)
    regions = overview.regions(con).set_index("region")
    assert regions.loc["Томская область", "passports"] == 3 and regions.loc["Амурская область", "municipal"] == 2


def test_portfolio_page():
    at = run_page("portfolio", ("amur",), asof=AS_OF)
    tables = page_tables(at)
    ranked_table = next(t for t in tables if "Место" in t.columns and "Открыть" in t.columns)
    assert sorted(ranked_table["Паспорт"]) == ["Амурская область", "Город Томск"]
    assert len(at.get("plotly_chart")) == 1


# ---- a page of one passport among many reads that passport's rows only: the narrowed marts equal the whole ones --
def _sorted(frame):
    return frame.sort_values(list(frame.columns)[:8]).reset_index(drop=True)


@pytest.fixture(scope="module")
def with_examples(tmp_path_factory):
    """The model of the two passports with the example facts loaded."""
    from facts.service import FactsService
    from facts.targets import fact_targets
    from store.facts_store import FactStore

    store = FactStore(tmp_path_factory.mktemp("examples") / "facts.sqlite")
    FactsService(store, fact_targets(model())).load_examples(author="Тестов Т.Т.")
    return model(store)


def test_plan_fact_narrowed_to_passports_equals_the_whole_filtered(with_examples):
    con = with_examples
    whole = con.execute("select * from plan_fact_asof(date '2023-09-30', null, null) "
                        "where passport_id = 'tomsk'").df()
    narrowed = con.execute("select * from plan_fact_asof(date '2023-09-30', null, null, passport_ids := ['tomsk'])"
                           ).df()
    assert len(whole) == 86 and whole["fact_value"].notna().any()  # Tomsk: indicator, result and money lines
    assert _sorted(narrowed).equals(_sorted(whole))


def test_topic_series_of_every_topic_is_the_union_of_each_topic(with_examples):
    from domain import vocabulary as v
    from metrics.topics import topic_series

    con = with_examples
    every = topic_series(con, ("amur", "tomsk"), AS_OF, None, 2019, 2024)
    one_by_one = [topic_series(con, ("amur", "tomsk"), AS_OF, t.code, 2019, 2024) for t in v.TOPICS]
    assert sum(len(f) for f in one_by_one) == len(every) > 0
    for t, frame in zip(v.TOPICS, one_by_one, strict=True):
        part = every[every["topic"] == t.code].reset_index(drop=True)
        assert len(part) == len(frame), t.code
        if len(frame):  # (empty frames differ in column types only)
            assert frame.reset_index(drop=True).equals(part), t.code


def test_quality_findings_are_computed_once_and_equal_the_checks():
    from metrics.quality import materialize_findings, quality_findings

    con = model()
    view = con.execute("select count(*), count(distinct passport_id) from quality_finding").fetchall()
    materialize_findings(con)
    con.execute("insert into quality_finding_all select * from quality_finding_all limit 1")
    materialize_findings(con)  # the second call keeps the table as it is (one extra row proves it)
    assert con.execute("select count(*) from quality_finding_all").fetchall()[0][0] == view[0][0] + 1
    con.execute("delete from quality_finding_all where rowid = (select max(rowid) from quality_finding_all)")
    assert con.execute("select count(*), count(distinct passport_id) from quality_finding_all").fetchall() == view
    assert len(quality_findings(con, "tomsk")) + len(quality_findings(con, "amur")) == view[0][0] > 0


def test_a_panel_table_is_formatted_once_and_again_for_a_new_table():
    import pandas as pd

    from panels.base import Panel
    from ui.render import display_table

    panel = Panel(key="t", title="Т", table=pd.DataFrame({"Сумма, млн руб.": [1234.5, None]}))
    shown = display_table(panel)
    assert shown["Сумма, млн руб."].tolist()[0] == "1\u00a0234,5"
    assert display_table(panel) is shown  # the same frame: not formatted again on a rerun
    panel.table = pd.DataFrame({"Сумма, млн руб.": [7.25]})
    assert display_table(panel)["Сумма, млн руб."].tolist() == ["7,25"]


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.integers(0, 3), st.booleans())
def test_numbers_read_as_babel_formats_them(value, decimals, keep_zeros):
    import decimal

    from babel.numbers import format_decimal

    from domain.formatting import NBSP, fmt_num

    number = decimal.Decimal(repr(float(value)))
    with decimal.localcontext() as ctx:
        ctx.prec, ctx.rounding = 60, decimal.ROUND_HALF_UP
        pattern = "#,##0" if decimals <= 0 else "#,##0." + ("0" if keep_zeros else "#") * decimals
        expected = format_decimal(number, format=pattern, locale="ru").replace("\u202f", NBSP)
    assert fmt_num(value, decimals, keep_zeros=keep_zeros) == expected
