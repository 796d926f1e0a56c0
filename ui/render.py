"""Drawing panels on a page: title, notes, the figure, the table as Russian text, key numbers, exports.

A panel says what it shows; this module only lays it out. Text that came from users (comments, sources) is shown
in tables, never rendered as Markdown or HTML.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

import pandas as pd
import streamlit as st

from charts.png import to_png
from domain.formatting import format_cell
from domain.vocabulary import EXAMPLE_LABEL
from panels.base import Filters, Panel
from spreadsheets.writing import column_of, to_csv, to_xlsx
from ui.filters import passport_names

LONG_TEXT = 60
_WARNED = "_example_warning_shown"


def display_table(panel: Panel) -> pd.DataFrame:
    """The panel's table as the page shows it: numbers and dates the Russian way, yes/no as Да/Нет. Formatted once
    per panel object (panels are cached across reruns and sessions; the portfolio's 2 000 rows took a second to
    format on every rerun); callers only read the frame."""
    table = panel.table
    if table is None:
        return pd.DataFrame()
    return _shown(panel)[0]


def _shown_config(panel: Panel) -> dict:
    """The column settings of the shown table (kept with it)."""
    return _shown(panel)[1]


#: id(panel) -> (its table, the table as shown, its column settings); an entry leaves with its panel
_SHOWN: dict[int, tuple[pd.DataFrame, pd.DataFrame, dict]] = {}


def _shown(panel: Panel) -> tuple[pd.DataFrame, dict]:
    key = id(panel)
    cached = _SHOWN.get(key)
    if cached is None or cached[0] is not panel.table:
        shown = _formatted(panel.table, panel)
        cached = (panel.table, shown, _column_config(shown, panel))
        _SHOWN[key] = cached
        weakref.finalize(panel, _SHOWN.pop, key, None)
    return cached[1], cached[2]


def _formatted(table: pd.DataFrame, panel: Panel) -> pd.DataFrame:
    shown = pd.DataFrame(index=table.index)
    for name in table.columns:
        spec = column_of(table, name, panel.columns)
        if spec.kind == "value":
            units = table[spec.unit_col] if spec.unit_col in table else pd.Series(None, index=table.index)
            shown[name] = [format_cell(x, spec.for_unit(u)) for x, u in zip(table[name], units, strict=True)]
        else:
            shown[name] = [format_cell(x, spec) for x in table[name]]
    return shown.reset_index(drop=True)


def _column_config(shown: pd.DataFrame, panel: Panel) -> dict:
    """Numbers right-aligned, long texts in wide columns (full text on hover and in the exports)."""
    config: dict[str, object] = {}
    for name in shown.columns:
        spec = column_of(panel.table, name, panel.columns)
        if spec.kind == "link":
            config[str(name)] = st.column_config.LinkColumn(str(name), display_text="открыть →")
        elif spec.is_number or spec.kind == "date":
            config[str(name)] = st.column_config.TextColumn(str(name), alignment="right")
        elif shown[name].astype(str).str.len().max() > LONG_TEXT:
            config[str(name)] = st.column_config.TextColumn(str(name), width="large")
    return config


def export_buttons(panel: Panel, f: Filters) -> None:
    """PNG / CSV / XLSX of the panel; the files are built only when a button is pressed."""
    stem = f"{panel.key}_{'_'.join(panel.passport_ids or f.passport_ids)}_{f.as_of:%Y%m%d}"
    names = passport_names()
    who = ", ".join(names.get(p, p) for p in (panel.passport_ids or f.passport_ids))
    title = f"{panel.title} — {who}, на {f.as_of:%d.%m.%Y}"
    figure = panel.slide_figure or panel.figure
    row = st.container(horizontal=True, gap="small")
    if figure is not None:
        subtitle = panel.subtitle or who
        row.download_button(
            "PNG для слайда", data=lambda: to_png(figure, panel.title, subtitle, panel.source,
                                                         panel.has_examples),
            file_name=f"{stem}.png", mime="image/png", key=f"png_{panel.key}", on_click="ignore",
            icon=":material/image:")
    row.download_button(
        "CSV (Excel)", data=lambda: to_csv(_exported(panel), panel.columns), file_name=f"{stem}.csv",
        mime="text/csv", key=f"csv_{panel.key}", on_click="ignore", icon=":material/table:")
    row.download_button(
        "XLSX", data=lambda: to_xlsx(_exported(panel), title=title, columns=panel.columns), file_name=f"{stem}.xlsx",
        key=f"xlsx_{panel.key}", on_click="ignore", icon=":material/grid_on:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _exported(panel: Panel) -> pd.DataFrame:
    """The panel's table as the files hold it (link columns are for the page only); made when a file is asked for."""
    table = panel.table if panel.table is not None else pd.DataFrame()
    return table[[c for c in table.columns if column_of(table, c, panel.columns).kind != "link"]]


def render_panel(panel: Panel, f: Filters, heading: str = "subheader") -> None:
    """One panel: its title, notes, the example warning, the figure or key numbers, the table and exports."""
    if heading:
        getattr(st, heading)(panel.title)
    if panel.is_empty:
        st.info(panel.empty, icon=":material/info:")
        for note in panel.notes:
            st.text(note)
        return
    if panel.metrics:
        _cards(panel)
    for note in panel.notes:
        st.caption(note)
    if panel.figure is not None:
        # plotly's own toolbar speaks English: the panel's buttons below export the chart instead
        st.plotly_chart(panel.figure, width="stretch", key=f"chart_{panel.key}",
                        config={"displaylogo": False, "displayModeBar": False})
    if panel.table is not None and len(panel.table):
        shown = display_table(panel)
        st.dataframe(_tinted(shown, panel.row_colours), hide_index=True, width="stretch",
                     column_config=_shown_config(panel), key=f"table_{panel.key}",
                     height=min(38 + 35 * len(shown), 520))
    if panel.table is not None or panel.figure is not None:
        export_buttons(panel, f)


def _tinted(shown: pd.DataFrame, colours: list[str]):
    """The table with each row tinted by its colour (a light shade of it), or as it is when no row has one."""
    if not any(colours):
        return shown

    def tint(row: pd.Series) -> list[str]:
        colour = colours[row.name] if row.name < len(colours) else ""
        shade = f"background-color: {colour}33" if colour.startswith("#") and len(colour) == 7 else ""
        return [shade] * len(row)

    return shown.reset_index(drop=True).style.apply(tint, axis=1)


def _cards(panel: Panel) -> None:
    per_row = 4 if len(panel.metrics) == 4 else 3
    for start in range(0, len(panel.metrics), per_row):
        row = panel.metrics[start:start + per_row]
        for col, metric in zip(st.columns(per_row), row, strict=False):
            with col.container(border=True):
                st.metric(metric.label, metric.value, help=metric.help or None)
                if metric.note:
                    st.caption(metric.note)
                if metric.page:
                    st.page_link(f"app_pages/{metric.page}.py", label="Подробнее →")


def new_page_run() -> None:
    """Forget what the previous run of a page said once (the example warning): called before every page runs."""
    st.session_state.pop(_WARNED, None)


def render_panels(panels: Iterable[Panel], f: Filters, group_heading: bool = True) -> None:
    """Panels in order; a new group (a topic, a passport) gets its own heading. When any panel shows example facts,
    the page says so once, on top (each chart also carries the mark)."""
    panels = list(panels)
    if any(p.has_examples for p in panels) and not st.session_state.get(_WARNED):
        st.session_state[_WARNED] = True  # once per run of the page, however many groups of panels it draws
        st.warning(f"Часть фактов на этой странице — {EXAMPLE_LABEL}. Их графики помечены «ПРИМЕР»; факты, внесённые "
                   "пользователями, всегда заменяют пример.", icon=":material/warning:")
    group = None
    for panel in panels:
        if group_heading and panel.group and panel.group != group:
            group = panel.group
            st.header(group, divider="gray")
        render_panel(panel, f)
