"""A new passport is a folder of data: a renumbered copy of Amur gets every page, panel, chart and table the
original gets; a copy without a topic is told so in words; every panel's table holds its chart's numbers."""

from __future__ import annotations

import math
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from domain import paths
from model.build import build_database
from model.opening import open_model
from panels.base import Filters, Panel
from panels.funding import funding_panels
from panels.indicators import detail_panels, indicator_panels
from panels.overview import overview_panels
from panels.plan import plan_panels
from panels.quality import quality_panels
from panels.team import team_panels
from panels.topics import topic_panels
from tests.generated import renumbered, shift_code, without_topic
from tests.helpers import DATA, run_page

AS_OF = date(2024, 6, 30)
BUILDERS = {
    "overview": lambda con, f: overview_panels(con, f),
    "indicators": lambda con, f: indicator_panels(con, f),
    "internet": lambda con, f: topic_panels(con, f, "internet"),
    "it_cube": lambda con, f: topic_panels(con, f, "it_cube"),
    "training": lambda con, f: topic_panels(con, f, "training"),
    "funding": lambda con, f: funding_panels(con, f),
    "funding_additional": lambda con, f: funding_panels(con, f, "additional"),
    "plan": lambda con, f: plan_panels(con, f),
    "team": lambda con, f: team_panels(con, f),
    "quality": lambda con, f: quality_panels(con, f),
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A data folder with the real passports, a renumbered copy of Amur and a copy of Tomsk without IT-куб."""
    root = tmp_path_factory.mktemp("generated")
    shutil.copytree(DATA / "passports", root / "passports")
    renumbered("amur", root, "novaya", "Новая область")
    without_topic("tomsk", root, "bez_kuba", "Город Без-Куба", "it_cube")
    build_database(root, root / "cos.duckdb", facts=pd.DataFrame())
    return root


@pytest.fixture(scope="module")
def gen_con(generated):
    return open_model(generated / "cos.duckdb", pd.DataFrame(), data_dir=generated)


def shape(panels: list[Panel]) -> list[tuple[str, bool, int | None]]:
    """What a page shows, passport-free: kind, whether it has a figure, how many table rows."""
    return [(p.kind, p.figure is not None, None if p.table is None else len(p.table)) for p in panels]


@pytest.mark.parametrize("name", BUILDERS)
def test_a_renumbered_copy_gets_every_panel_the_original_gets(gen_con, name):
    build = BUILDERS[name]
    original = build(gen_con, Filters(("amur",), 2018, 2024, AS_OF))
    copy = build(gen_con, Filters(("novaya",), 2018, 2024, AS_OF))
    if name == "quality":  # numbering checks read the codes: renumbered rows may be found to skip other numbers
        assert [p.kind for p in copy] == [p.kind for p in original]
        return
    assert shape(copy) == shape(original)
    assert [p.title.replace("Новая область", "Амурская область") for p in copy] == [p.title for p in original]


def test_the_copy_is_drawn_with_its_own_codes(gen_con):
    panels = topic_panels(gen_con, Filters(("novaya",), 2018, 2024, AS_OF), "internet")
    assert f"Показатель {shift_code('1.1')}" in set(panels[0].table["Ряд"])
    assert detail_panels(gen_con, Filters(("novaya",), 2018, 2024, AS_OF), "novaya|21.1")[1].figure is not None


def test_a_passport_without_a_topic_is_told_so_in_words(gen_con):
    panels = topic_panels(gen_con, Filters(("bez_kuba",), 2018, 2024, AS_OF), "it_cube")
    assert [p.kind for p in panels] == ["note"]
    assert panels[0].empty.startswith("Город Без-Куба: в паспорте нет показателей и целей темы «IT-куб»")
    both = topic_panels(gen_con, Filters(("tomsk", "bez_kuba"), 2018, 2024, AS_OF), "it_cube")
    assert any("Город Без-Куба: паспорт не планирует «Центры «IT-куб»»" in n for p in both for n in p.notes)


def _figure_numbers(panel: Panel) -> list[float]:
    """Every number a chart draws: bar heights, line points, treemap sizes (legend-only traces have none)."""
    out = []
    for trace in panel.figure.data:
        values = trace.values if trace.type == "treemap" else (trace.x if getattr(trace, "orientation", None) == "h"
                                                                else trace.y)
        if trace.type == "heatmap" or values is None:
            continue
        out += [float(v) for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))
                and not isinstance(v, str)]
    return out


def _table_numbers(panel: Panel) -> set[float]:
    table = panel.table.select_dtypes("number")
    return {round(float(v), 6) for v in table.to_numpy().ravel() if pd.notna(v)}


@pytest.mark.parametrize("name", [n for n in BUILDERS if n not in ("overview", "quality")])
@pytest.mark.parametrize("passports", [("amur",), ("tomsk",), ("amur", "tomsk")])
def test_every_panel_table_holds_its_chart_numbers(gen_con, name, passports):
    for panel in BUILDERS[name](gen_con, Filters(passports, 2018, 2024, AS_OF)):
        if panel.figure is None or panel.table is None or panel.key.startswith(("plan_gantt", "indicators_grid")):
            continue
        drawn = {round(v, 6) for v in _figure_numbers(panel)}
        missing = drawn - _table_numbers(panel)
        # sums drawn above stacked bars and the tree's root are totals of the table's cells
        missing = {v for v in missing if not any(abs(v - t) < 1e-6 for t in _row_sums(panel))}
        assert not missing, (panel.key, sorted(missing)[:5])


def _row_sums(panel: Panel) -> set[float]:
    table = panel.table.select_dtypes("number")
    sums = set(table.sum(axis=1).round(6)) | set(table.sum(axis=0).round(6))
    return sums | {round(float(table.to_numpy().sum()), 6)}


def test_the_plan_and_indicator_grid_tables_hold_every_row_drawn(gen_con):
    f = Filters(("amur",), 2018, 2024, AS_OF)
    gantt = next(p for p in plan_panels(gen_con, f) if p.key.startswith("plan_gantt"))
    drawn = {label.split("  ")[0].replace("<b>", "") for t in gantt.figure.data if t.y is not None
             for label in t.y if label}
    assert drawn <= set(gantt.table["Код"])
    grid = next(p for p in indicator_panels(gen_con, f) if p.key == "indicators_grid")
    assert len(grid.figure.data[0].y) == grid.table["Код"].nunique()


def test_pages_render_the_new_passport_like_the_original(generated, monkeypatch):
    """The app pages themselves, on the generated database: as many charts and tables for the copy."""
    from ui import model as ui_model

    monkeypatch.setattr(paths, "DB_PATH", generated / "cos.duckdb")
    ui_model._open_model.clear()
    try:
        for page in ("overview", "indicators", "internet", "it_cube", "training", "funding", "plan", "team"):
            counts = []
            for pid in ("amur", "novaya"):
                at = run_page(page, (pid,), asof=AS_OF)
                counts.append((len(at.get("plotly_chart")), len(at.dataframe), len(at.metric)))
            assert counts[0] == counts[1], page
        at = run_page("it_cube", ("bez_kuba",), asof=AS_OF)
        assert any("нет показателей и целей темы «IT-куб»" in i.value for i in at.info)
    finally:
        ui_model._open_model.clear()
