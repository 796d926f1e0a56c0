"""Plan against fact: grouped bars (or lines, for many series) by year and a status grid of indicators.
Pure, typed, no streamlit.

Plan is always PLAN_COLOR (hatched), fact always FACT_COLOR; a fact bar's outline and its legend entry carry the
status colour (PLAN_STATUSES of the vocabulary). A year in progress shows the year-end forecast as a dashed
segment from the fact to a diamond. Every number is written the Russian way (1 234,5 · 42 %); text a user typed
(comments, sources) is escaped before it reaches a hover, since Plotly renders tags there.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from charts.style import FACT_COLOR, PLAN_COLOR, apply_style
from domain.formatting import fmt_pct, fmt_value
from domain.vocabulary import PLAN_STATUSES, is_share

#: hatch patterns that tell several plan/fact series apart without another colour
SERIES_PATTERNS = ("/", "x", ".", "\\", "+")
SERIES_COLOURS = ("#08519c", "#b45309", "#15803d", "#7e22ce", "#be123c", "#0f766e", "#4d7c0f", "#a16207")
PLAN_EDGE = "#6b8fa8"
REFERENCE_COLOR = "#525252"
REFERENCE_DASHES = ("dash", "dot", "dashdot")
FORECAST_NAME = "Прогноз на 31.12"
#: with more series than this the chart draws lines instead of bars (bars would be too thin to read)
MAX_BAR_SERIES = 4
_LIGHT = {"at_risk", "no_plan"}


def status_colour(code: object) -> str:
    return PLAN_STATUSES.colour(str(code), FACT_COLOR) if isinstance(code, str) else FACT_COLOR


def _text(value: object, limit: int = 120) -> str:
    """User text made safe for a hover: escaped, shortened, '—' when empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
        return "—"
    text = " ".join(str(value).split())
    return html.escape(text[: limit - 1] + "…" if len(text) > limit else text)


def plan_fact_bars(frame: pd.DataFrame, title: str, y_title: str, reference: pd.DataFrame | None = None,
                   percent: bool = False) -> go.Figure:
    """Plan and fact by year, one plan/fact pair per series, reference targets as lines; the forecast of a year
    in progress as a dashed segment to a diamond.

    frame: series, year, plan_value, fact_value and optionally achievement_pct, status_code, forecast_value,
    fact_comment, fact_source. reference: label, year, value (targets of the level above).
    """
    fig = go.Figure()
    series = list(dict.fromkeys(frame["series"])) if len(frame) else []
    as_lines = len(series) > MAX_BAR_SERIES
    several = len(series) > 1
    shown_status: set[str] = set()
    for i, name in enumerate(series):
        part = frame[frame["series"] == name].sort_values("year")
        shown_status |= _add_series(fig, part, i, name, several, as_lines, percent)
    if reference is not None and len(reference):
        _add_references(fig, reference, percent)
    for term in PLAN_STATUSES:
        if term.code in shown_status:
            fig.add_scatter(x=[None], y=[None], mode="markers", name=f"Статус: {term.label}", hoverinfo="skip",
                            marker={"symbol": "square-open", "size": 12, "color": term.colour, "line": {"width": 3}})
    apply_style(fig, title, y_title)
    # bars of several series stand side by side, and the forecast segment beside its own bar; lines stay on the year
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05, scattermode="overlay" if as_lines else "group",
                      height=430 + 22 * max(0, len(fig.data) - 3))
    if not title:  # the page names the chart; a slide export writes its own title
        fig.update_layout(margin={"t": 40})
    fig.update_xaxes(dtick=1, title_text=None)
    ref_values = reference["value"] if reference is not None and len(reference) else pd.Series(dtype=float)
    forecast = frame["forecast_value"] if "forecast_value" in frame else pd.Series(dtype=float)
    values = pd.concat([frame["plan_value"], frame["fact_value"], ref_values, forecast])
    top = float(values.max()) if values.notna().any() else 1.0
    fig.update_yaxes(rangemode="tozero", range=[0, top * 1.15 if top > 0 else 1],
                     ticksuffix="\u00a0%" if percent else None, separatethousands=True)
    return fig


def _add_series(fig: go.Figure, part: pd.DataFrame, i: int, name: str, several: bool, as_lines: bool,
                percent: bool) -> set[str]:
    """One series: its plan, its facts (outlined by status) and its forecast; returns the statuses drawn."""
    pattern = SERIES_PATTERNS[i % len(SERIES_PATTERNS)]
    colour = SERIES_COLOURS[i % len(SERIES_COLOURS)] if as_lines else FACT_COLOR
    plan_text = [fmt_value(v, percent) for v in part["plan_value"]]
    plan_name = f"План — {name}" if several else "План"
    hover_plan = "%{x}<br>%{customdata[1]}<br>План: %{customdata[0]}<extra></extra>"
    if as_lines:
        fig.add_scatter(x=part["year"], y=part["plan_value"], name=plan_name, mode="lines+markers",
                        line={"color": colour, "dash": "dot", "width": 2}, marker={"size": 7}, legendgroup=f"s{i}",
                        customdata=[[t, name] for t in plan_text], hovertemplate=hover_plan)
    else:
        fig.add_bar(
            x=part["year"], y=part["plan_value"], name=plan_name,
            marker={"color": PLAN_COLOR, "line": {"color": PLAN_EDGE, "width": 1},
                    "pattern": {"shape": pattern, "fgcolor": PLAN_EDGE, "solidity": 0.25}},
            # plan values are written on the bars when one series is drawn; with several they would overlap
            offsetgroup=f"plan{i}", legendgroup=f"s{i}", text=None if several else plan_text,
            textposition="outside", cliponaxis=False, textfont={"size": 11},
            customdata=[[t, name] for t in plan_text], hovertemplate=hover_plan)
    facts = part[part["fact_value"].notna()]
    if facts.empty:
        return set()
    none = pd.Series(None, index=facts.index, dtype=object)
    codes = facts["status_code"] if "status_code" in facts else none
    labels = [PLAN_STATUSES.label(c, "—") if isinstance(c, str) else "—" for c in codes]
    achieved = facts["achievement_pct"] if "achievement_pct" in facts else none
    comments = facts["fact_comment"] if "fact_comment" in facts else none
    sources = facts["fact_source"] if "fact_source" in facts else none
    fact_text = [fmt_value(v, percent) for v in facts["fact_value"]]
    custom = [[ft, fmt_value(p, percent), fmt_pct(a, 1), s, name, _text(c), _text(src)]
              for ft, p, a, s, c, src in zip(fact_text, facts["plan_value"], achieved, labels, comments, sources,
                                             strict=True)]
    hover = ("%{x}<br>%{customdata[4]}<br>Факт: %{customdata[0]}<br>План: %{customdata[1]}"
             "<br>Достижение: %{customdata[2]}<br>Статус: %{customdata[3]}"
             "<br>Комментарий: %{customdata[5]}<br>Источник: %{customdata[6]}<extra></extra>")
    fact_name = f"Факт — {name}" if several else "Факт"
    if as_lines:
        fig.add_scatter(x=facts["year"], y=facts["fact_value"], name=fact_name, mode="lines+markers",
                        line={"color": colour, "width": 3}, legendgroup=f"s{i}", customdata=custom,
                        marker={"size": 10, "color": colour,
                                "line": {"color": [status_colour(c) for c in codes], "width": 3}},
                        hovertemplate=hover)
    else:
        fig.add_bar(
            x=facts["year"], y=facts["fact_value"], name=fact_name,
            marker={"color": FACT_COLOR, "pattern": {"shape": "" if i == 0 else pattern, "fgcolor": "#ffffff",
                                                     "solidity": 0.15},
                    "line": {"color": [status_colour(c) for c in codes], "width": 3}},
            offsetgroup=f"fact{i}", legendgroup=f"s{i}", text=fact_text, textposition="outside",
            cliponaxis=False, textfont={"size": 11}, customdata=custom, hovertemplate=hover)
    _add_forecast(fig, facts, i, name, several, as_lines, percent)
    return {c for c in codes if isinstance(c, str)}


def _add_forecast(fig: go.Figure, facts: pd.DataFrame, i: int, name: str, several: bool, as_lines: bool,
                  percent: bool) -> None:
    """A dashed segment from the fact of a year in progress to its year-end forecast (a diamond)."""
    if "forecast_value" not in facts:
        return
    ahead = facts[facts["forecast_value"].notna()]
    if ahead.empty:
        return
    xs, ys, custom = [], [], []
    for row in ahead.itertuples():
        xs += [row.year, row.year, None]
        ys += [row.fact_value, row.forecast_value, None]
        text = fmt_value(row.forecast_value, percent)
        custom += [[text, name], [text, name], [None, None]]
    fig.add_scatter(
        x=xs, y=ys, name=f"{FORECAST_NAME} — {name}" if several else FORECAST_NAME, mode="lines+markers",
        line={"color": "#111111", "dash": "dash", "width": 2},
        marker={"symbol": ["circle", "diamond-open", "circle"] * len(ahead), "size": [1, 13, 1] * len(ahead),
                "color": "#111111", "line": {"width": 2}},
        offsetgroup=None if as_lines else f"fact{i}", legendgroup=f"s{i}", customdata=custom,
        hovertemplate="%{x}<br>%{customdata[1]}<br>Прогноз на 31.12: %{customdata[0]}<extra></extra>")


def _add_references(fig: go.Figure, reference: pd.DataFrame, percent: bool) -> None:
    for j, label in enumerate(dict.fromkeys(reference["label"])):
        ref = reference[reference["label"] == label].sort_values("year")
        dash = REFERENCE_DASHES[j % len(REFERENCE_DASHES)]
        texts = [fmt_value(v, percent) for v in ref["value"]]
        fig.add_scatter(
            x=ref["year"], y=ref["value"], name=label, mode="lines+markers" if len(ref) > 1 else "markers",
            line={"color": REFERENCE_COLOR, "width": 2, "dash": dash},
            marker={"symbol": "diamond", "size": 10, "color": REFERENCE_COLOR},
            customdata=[[t, label] for t in texts],
            hovertemplate="%{x}<br>%{customdata[1]}: %{customdata[0]}<extra></extra>")


def status_grid(frame: pd.DataFrame, title: str) -> go.Figure:
    """Indicators (rows) by year (columns): each cell coloured by status, with plan and fact written in.

    frame: label, indicator_name, unit, year, plan_value, plan_printed, fact_value, achievement_pct, status_code;
    rows keep the order of first appearance (document order) from the top.
    """
    labels = list(dict.fromkeys(frame["label"]))
    years = sorted({int(y) for y in frame["year"]})
    codes = PLAN_STATUSES.codes
    z: list[list[float | None]] = [[None] * len(years) for _ in labels]
    hover: list[list[str]] = [[""] * len(years) for _ in labels]
    fig = go.Figure()
    annotations = []
    for row in frame.itertuples(index=False):
        i, j = labels.index(row.label), years.index(int(row.year))
        code = row.status_code if row.status_code in PLAN_STATUSES else "no_data"
        z[i][j] = codes.index(code)
        percent = is_share(row.unit)
        plan = fmt_value(row.plan_value, percent) if pd.notna(row.plan_value) else (
            getattr(row, "plan_printed", None) or "—")
        fact = fmt_value(row.fact_value, percent)
        hover[i][j] = (f"{html.escape(str(row.indicator_name))}<br>{row.year}<br>План: {plan}<br>Факт: {fact}"
                       f"<br>Достижение: {fmt_pct(row.achievement_pct, 1)}<br>Статус: {PLAN_STATUSES.label(code)}")
        text = plan if pd.isna(row.fact_value) else f"{plan}<br><b>{fact}</b>"
        annotations.append({"x": int(row.year), "y": row.label, "text": text, "showarrow": False,
                            "font": {"size": 11, "color": "#111111" if code in _LIGHT else "#ffffff"}})
    n = len(codes)
    scale = []
    for k, term in enumerate(PLAN_STATUSES):
        scale += [[k / n, term.colour], [(k + 1) / n, term.colour]]
    fig.add_heatmap(x=years, y=labels, z=z, zmin=-0.5, zmax=n - 0.5, colorscale=scale, showscale=False,
                    xgap=3, ygap=3, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>")
    present = {codes[int(v)] for row in z for v in row if v is not None}
    for term in PLAN_STATUSES:
        if term.code in present:
            fig.add_scatter(x=[None], y=[None], mode="markers", name=term.label, hoverinfo="skip",
                            marker={"symbol": "square", "size": 14, "color": term.colour})
    apply_style(fig, title)
    fig.update_layout(annotations=annotations, showlegend=True, height=140 + 48 * max(1, len(labels)),
                      legend={"y": -0.08 if len(labels) > 4 else -0.2}, plot_bgcolor="#ffffff")
    fig.update_xaxes(dtick=1, side="top", showgrid=False, title_text=None)
    fig.update_yaxes(autorange="reversed", showgrid=False, automargin=True, type="category")
    return fig
