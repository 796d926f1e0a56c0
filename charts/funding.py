"""Chart builders of the funding page: DataFrame in, plotly Figure out (млн руб., 1 234,56)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from charts.plan_fact import SERIES_COLOURS
from charts.style import FACT_COLOR, PLAN_COLOR, SOURCE_COLORS, apply_style
from domain.formatting import fmt_num
from domain.vocabulary import FUNDING_SOURCES, MONEY_UNIT

MONEY_AXIS = MONEY_UNIT
PRINTED_COLOR = "#252525"
PRINTED_NAME = "Итог, напечатанный в паспорте"
SOURCE_ORDER = FUNDING_SOURCES.codes
LINE_WRAP = 40


def short_line_label(code: str, name: str, width: int = LINE_WRAP, lines: int = 2) -> str:
    """'1.2 Созданы центры цифрового<br>образования детей «IT-куб»' — the code and the printed name,
    wrapped to at most `lines` lines of `width` characters (an ellipsis where it is cut)."""
    name = " ".join(str(name).split()).rstrip("*")
    text = f"{code} {name}" if code else name
    wrapped = textwrap.wrap(text, width)
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1].rstrip(" ,.") + "…"
    return "<br>".join(wrapped)


def _ru(value: float, decimals: int) -> str:
    """1234.5 -> '1 234,50' (no-break space, decimal comma, all decimals kept)."""
    return fmt_num(value, decimals, keep_zeros=True)


def _sources(frame: pd.DataFrame) -> list[str]:
    present = set(frame["source"])
    return [s for s in SOURCE_ORDER if s in present] + sorted(present - set(SOURCE_ORDER))


def _year_axis(fig: go.Figure, years: Sequence[int] | None) -> None:
    """Every year of the table on the axis, even a year without money (the comparison stays honest)."""
    if years:
        fig.update_xaxes(range=[min(years) - 0.5, max(years) + 0.5], dtick=1, tickformat="d")


def year_source_bars(by_year_source: pd.DataFrame, by_year: pd.DataFrame, title: str,
                     years: Sequence[int] | None = None, y_max: float | None = None) -> go.Figure:
    """Stacked bars of money by year and source; the total above each bar; a dash at the printed
    «Всего по проекту» of the year (where the document prints one)."""
    fig = go.Figure()
    for source in _sources(by_year_source):
        part = by_year_source[by_year_source["source"] == source]
        fig.add_bar(x=part["year"], y=part["amount_mln_rub"], name=FUNDING_SOURCES.label(source, source),
                    marker_color=SOURCE_COLORS.get(source, "#bdbdbd"),
                    hovertemplate="%{x}: %{y:,.2f} млн руб.<extra>%{fullData.name}</extra>")
    # the total above each bar, lifted clear of the printed-total dash
    for row in by_year[by_year["computed_mln_rub"].notna()].itertuples():
        top = max(row.computed_mln_rub, 0 if pd.isna(row.printed_total_mln_rub) else row.printed_total_mln_rub)
        fig.add_annotation(x=row.year, y=top, text=_ru(row.computed_mln_rub, 2), showarrow=False, yshift=14,
                           font={"size": 12, "color": "#444"})
    printed = by_year[by_year["printed_total_mln_rub"].notna()]
    if not printed.empty:
        fig.add_scatter(x=printed["year"], y=printed["printed_total_mln_rub"], mode="markers", name=PRINTED_NAME,
                        marker={"symbol": "line-ew-open", "size": 36, "color": PRINTED_COLOR,
                                "line": {"width": 3, "color": PRINTED_COLOR}},
                        hovertemplate="%{x}: напечатано %{y:,.2f} млн руб.<extra></extra>")
    fig.update_layout(barmode="stack")
    apply_style(fig, title, MONEY_AXIS)
    _year_axis(fig, years)
    if y_max:
        fig.update_yaxes(range=[0, y_max * 1.12])
    fig.update_yaxes(tickformat=",.0f")
    return fig


def line_source_bars(by_line_source: pd.DataFrame, by_line: pd.DataFrame, title: str,
                     x_max: float | None = None) -> go.Figure:
    """Horizontal stacked bars: money of each funding line by source, first line on top; a tick at the
    line total the document prints for the same years."""
    frame = by_line_source.assign(label=[short_line_label(c, n) for c, n in
                                         zip(by_line_source["line_code"], by_line_source["line_name"], strict=True)])
    order = frame.drop_duplicates("line_code").sort_values("line_seq")["label"].tolist()
    fig = go.Figure()
    for source in _sources(frame):
        part = frame[frame["source"] == source]
        fig.add_bar(y=part["label"], x=part["amount_mln_rub"], orientation="h", name=FUNDING_SOURCES.label(source),
                    marker_color=SOURCE_COLORS.get(source, "#bdbdbd"), customdata=part[["line_name"]],
                    hovertemplate="%{customdata[0]}<br>%{x:,.2f} млн руб.<extra>%{fullData.name}</extra>")
    lines = by_line.assign(label=[short_line_label(c, n) for c, n in
                                  zip(by_line["line_code"], by_line["line_name"], strict=True)])
    computed = lines[lines["computed_mln_rub"].notna()]
    fig.add_scatter(y=computed["label"], x=computed["computed_mln_rub"], mode="text", text=computed["computed_mln_rub"],
                    texttemplate="  %{text:,.2f}", textposition="middle right", showlegend=False, hoverinfo="skip",
                    cliponaxis=False)
    printed = lines[lines["printed_mln_rub"].notna()]
    if not printed.empty:
        fig.add_scatter(y=printed["label"], x=printed["printed_mln_rub"], mode="markers", name=PRINTED_NAME,
                        marker={"symbol": "line-ns-open", "size": 30, "color": PRINTED_COLOR,
                                "line": {"width": 3, "color": PRINTED_COLOR}},
                        hovertemplate="напечатано %{x:,.2f} млн руб.<extra></extra>")
    height = max(340, 150 + 70 * len(order))
    apply_style(fig, title)
    # the legend goes below the axis title: its offset is in pixels, the layout wants a share of the plot
    fig.update_layout(barmode="stack", height=height, margin={"b": 120},
                      legend={"y": -62 / (height - 60 - 120)})
    fig.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed", title_text=None)
    fig.update_xaxes(title_text=MONEY_AXIS, tickformat=",.0f")
    top = x_max if x_max else (frame.groupby("label")["amount_mln_rub"].sum().max() if len(frame) else 1)
    fig.update_xaxes(range=[0, float(top) * 1.2 or 1])
    return fig


def federal_share_bars(by_year: pd.DataFrame, title: str, years: Sequence[int] | None = None) -> go.Figure:
    """Share of the federal budget in each year's money (%), 0–100; one bar series per value of the `label`
    column when given (passports compared), else one."""
    frame = by_year[by_year["federal_share_pct"].notna()]
    labels = list(dict.fromkeys(frame["label"])) if "label" in frame else ["Доля федерального бюджета"]
    fig = go.Figure()
    for i, label in enumerate(labels):
        part = frame[frame["label"] == label] if "label" in frame else frame
        fig.add_bar(x=part["year"], y=part["federal_share_pct"], name=label,
                    marker_color=SOURCE_COLORS["federal"] if i == 0 else SERIES_COLOURS[i % len(SERIES_COLOURS)],
                    text=part["federal_share_pct"], texttemplate="%{text:,.1f} %", textposition="outside",
                    customdata=part[["federal_mln_rub", "computed_mln_rub"]],
                    hovertemplate="%{x}: %{y:,.1f} %<br>федеральный бюджет %{customdata[0]:,.2f} из "
                                  "%{customdata[1]:,.2f} млн руб.<extra>%{fullData.name}</extra>")
    apply_style(fig, title, "%")
    _year_axis(fig, years)
    fig.update_yaxes(range=[0, 110], ticksuffix=" %", dtick=20)
    fig.update_layout(showlegend=len(labels) > 1, barmode="group")
    return fig


def plan_spent_bars(by_year: pd.DataFrame, title: str, years: Sequence[int] | None = None,
                    y_max: float | None = None) -> go.Figure:
    """Planned and spent money by year, side by side; execution % above the spent bar.
    Without any fact only the plan is drawn."""
    fig = go.Figure()
    fig.add_bar(x=by_year["year"], y=by_year["plan_mln_rub"], name="План", marker_color=PLAN_COLOR,
                marker_pattern_shape="/", marker_pattern_fgcolor="#6baed6",
                text=by_year["plan_mln_rub"], texttemplate="%{text:,.2f}", textposition="outside",
                hovertemplate="%{x}: план %{y:,.2f} млн руб.<extra></extra>")
    spent = by_year[by_year["spent_mln_rub"].notna()]
    if not spent.empty:
        labels = [_ru(s, 2) + ("" if pd.isna(p) else f"<br>{_ru(p, 1)} %")
                  for s, p in zip(spent["spent_mln_rub"], spent["execution_pct"], strict=True)]
        fig.add_bar(x=spent["year"], y=spent["spent_mln_rub"], name="Исполнено", marker_color=FACT_COLOR,
                    text=labels, textposition="outside", customdata=spent[["execution_pct"]],
                    hovertemplate="%{x}: исполнено %{y:,.2f} млн руб. (%{customdata[0]:,.1f} %)<extra></extra>")
    fig.update_layout(barmode="group")
    apply_style(fig, title, MONEY_AXIS)
    _year_axis(fig, years)
    top = y_max if y_max else pd.concat([by_year["plan_mln_rub"], by_year["spent_mln_rub"]]).max()
    if pd.notna(top) and top > 0:
        fig.update_yaxes(range=[0, float(top) * 1.2])
    fig.update_yaxes(tickformat=",.0f")
    return fig


def line_source_treemap(by_line_source: pd.DataFrame, title: str) -> go.Figure:
    """Treemap: all money → funding line → source (only cells with money; sizes add up)."""
    frame = by_line_source[by_line_source["amount_mln_rub"] > 0]
    # nodes: (id, label, parent, value, colour, full line name for the hover)
    nodes = [("all", "Все строки", "", float(frame["amount_mln_rub"].sum()), "#f0f0f0", "Все строки")]
    for (_seq, code, name), part in frame.groupby(["line_seq", "line_code", "line_name"], sort=True):
        line_id = f"line:{code}"
        nodes.append((line_id, short_line_label(code, name, 30, 3), "all", float(part["amount_mln_rub"].sum()),
                      "#e0e0e0", str(name)))
        nodes.extend((f"{line_id}:{row.source}", FUNDING_SOURCES.label(row.source, row.source), line_id,
                      float(row.amount_mln_rub), SOURCE_COLORS.get(row.source, "#bdbdbd"), str(name))
                     for row in part.itertuples())
    ids, labels, parents, values, colors, hover = (list(col) for col in zip(*nodes, strict=True))
    fig = go.Figure(go.Treemap(
        ids=ids, labels=labels, parents=parents, values=values, branchvalues="total",
        marker={"colors": colors, "pad": {"t": 44, "l": 3, "r": 3, "b": 3}}, customdata=hover,
        root_color="#f7f7f7", textfont={"size": 13}, pathbar={"visible": False},
        texttemplate="%{label}<br>%{value:,.2f} млн руб.<br>%{percentRoot:.1%}",
        hovertemplate="%{customdata}<br>%{label}: %{value:,.2f} млн руб. (%{percentRoot:.1%})<extra></extra>",
    ))
    apply_style(fig, title)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 60, "b": 10})
    return fig
