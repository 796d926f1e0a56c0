"""Plan against fact: grouped bars by year and a status grid of indicators. Pure, typed, no streamlit.

Plan is always PLAN_COLOR (hatched), fact always FACT_COLOR; a fact bar's outline and its legend entry
carry the status colour (STATUS_COLORS). Every number on a chart or in a hover is written the Russian
way by metrics.formatting (1 234,5 · 42 %).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.style import FACT_COLOR, PLAN_COLOR, STATUS_COLORS, apply_style
from domain.formatting import fmt_num, fmt_pct

#: hatch patterns that tell several plan/fact series apart without another colour
SERIES_PATTERNS = ("/", "x", ".", "\\", "+")
PLAN_EDGE = "#6b8fa8"
REFERENCE_COLOR = "#525252"
REFERENCE_DASHES = ("dash", "dot", "dashdot")
#: statuses in the order a legend lists them; «нет плана» is a printed cell that is not a number
GRID_STATUSES = (*STATUS_COLORS, "нет плана")
GRID_COLORS = {**STATUS_COLORS, "нет плана": "#f0f0f0"}
#: statuses whose colour is light enough for dark text
_LIGHT = {"риск", "нет плана"}


def _value(value: float | None, percent: bool) -> str:
    return fmt_pct(value, 1) if percent else fmt_num(value, 1)


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA


def plan_fact_bars(frame: pd.DataFrame, title: str, y_title: str, reference: pd.DataFrame | None = None,
                   percent: bool = False) -> go.Figure:
    """Plan and fact by year as grouped bars, one plan/fact pair per series, reference targets as lines.

    frame: series, year, plan_value, fact_value and optionally achievement_pct, status.
    reference: label, year, value (targets of the level above, e.g. «Федеральный результат»).
    """
    fig = go.Figure()
    series = list(dict.fromkeys(frame["series"])) if len(frame) else []
    several = len(series) > 1
    shown_status: set[str] = set()
    for i, name in enumerate(series):
        part = frame[frame["series"] == name].sort_values("year")
        pattern = SERIES_PATTERNS[i % len(SERIES_PATTERNS)]
        plan_text = [_value(v, percent) for v in part["plan_value"]]
        fig.add_bar(
            x=part["year"], y=part["plan_value"], name=f"План — {name}" if several else "План",
            marker={"color": PLAN_COLOR, "line": {"color": PLAN_EDGE, "width": 1},
                    "pattern": {"shape": pattern, "fgcolor": PLAN_EDGE, "solidity": 0.25}},
            # plan values are written on the bars when one series is drawn; with several they would overlap
            offsetgroup=f"plan{i}", legendgroup=f"s{i}", text=None if several else plan_text,
            textposition="outside", cliponaxis=False, textfont={"size": 11},
            customdata=[[t, name] for t in plan_text],
            hovertemplate="%{x}<br>%{customdata[1]}<br>План: %{customdata[0]}<extra></extra>",
        )
        facts = part[part["fact_value"].notna()]
        if facts.empty:
            continue
        none = pd.Series(None, index=facts.index, dtype=object)
        statuses = facts["status"].fillna("нет данных") if "status" in facts else none.fillna("")
        achieved = facts["achievement_pct"] if "achievement_pct" in facts else none
        fact_text = [_value(v, percent) for v in facts["fact_value"]]
        custom = [
            [ft, _value(p, percent), fmt_pct(a, 1), s or "—", name]
            for ft, p, a, s in zip(fact_text, facts["plan_value"], achieved, statuses, strict=True)
        ]
        fig.add_bar(
            x=facts["year"], y=facts["fact_value"], name=f"Факт — {name}" if several else "Факт",
            marker={"color": FACT_COLOR, "pattern": {"shape": "" if i == 0 else pattern, "fgcolor": "#ffffff",
                                                     "solidity": 0.15},
                    "line": {"color": [STATUS_COLORS.get(s, FACT_COLOR) for s in statuses], "width": 3}},
            offsetgroup=f"fact{i}", legendgroup=f"s{i}", text=fact_text, textposition="outside",
            cliponaxis=False, textfont={"size": 11}, customdata=custom,
            hovertemplate=("%{x}<br>%{customdata[4]}<br>Факт: %{customdata[0]}<br>План: %{customdata[1]}"
                           "<br>Достижение: %{customdata[2]}<br>Статус: %{customdata[3]}<extra></extra>"),
        )
        shown_status.update(s for s in statuses if s in STATUS_COLORS)
    if reference is not None and len(reference):
        for j, label in enumerate(dict.fromkeys(reference["label"])):
            ref = reference[reference["label"] == label].sort_values("year")
            dash = REFERENCE_DASHES[j % len(REFERENCE_DASHES)]
            texts = [_value(v, percent) for v in ref["value"]]
            fig.add_scatter(
                x=ref["year"], y=ref["value"], name=label,
                mode="lines+markers" if len(ref) > 1 else "markers",
                line={"color": REFERENCE_COLOR, "width": 2, "dash": dash},
                marker={"symbol": "diamond", "size": 10, "color": REFERENCE_COLOR},
                customdata=[[t, label] for t in texts],
                hovertemplate="%{x}<br>%{customdata[1]}: %{customdata[0]}<extra></extra>",
            )
    for status in STATUS_COLORS:
        if status in shown_status:
            fig.add_scatter(x=[None], y=[None], mode="markers", name=f"Статус: {status}", hoverinfo="skip",
                            marker={"symbol": "square-open", "size": 12, "color": STATUS_COLORS[status],
                                    "line": {"width": 3}})
    apply_style(fig, title, y_title)
    # the legend wraps below the plot: give it room instead of squeezing the bars
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05,
                      height=430 + 22 * max(0, len(fig.data) - 3))
    if not title:  # the page names the chart; a slide export writes its own title
        fig.update_layout(margin={"t": 30})
    fig.update_xaxes(dtick=1, title_text=None)
    ref_values = reference["value"] if reference is not None and len(reference) else pd.Series(dtype=float)
    values = pd.concat([frame["plan_value"], frame["fact_value"], ref_values])
    top = float(values.max()) if values.notna().any() else 1.0
    fig.update_yaxes(rangemode="tozero", range=[0, top * 1.15 if top > 0 else 1],
                     ticksuffix="\u00a0%" if percent else None, separatethousands=True)
    return fig


def status_grid(frame: pd.DataFrame, title: str) -> go.Figure:
    """Indicators (rows) by year (columns): each cell coloured by status, with plan and fact written in.

    frame: label, indicator_name, unit, year, plan_value, plan_printed, fact_value, achievement_pct, status;
    rows keep the order of first appearance (document order) from the top.
    """
    labels = list(dict.fromkeys(frame["label"]))
    years = sorted({int(y) for y in frame["year"]})
    z: list[list[float | None]] = [[None] * len(years) for _ in labels]
    hover: list[list[str]] = [[""] * len(years) for _ in labels]
    fig = go.Figure()
    annotations = []
    for row in frame.itertuples(index=False):
        i, j = labels.index(row.label), years.index(int(row.year))
        status = row.status if row.status in GRID_COLORS else "нет данных"
        z[i][j] = GRID_STATUSES.index(status)
        percent = str(row.unit or "").startswith("процент")
        plan = _value(row.plan_value, percent) if not _is_missing(row.plan_value) else (
            getattr(row, "plan_printed", None) or "—")
        fact = _value(row.fact_value, percent)
        hover[i][j] = (f"{row.indicator_name}<br>{row.year}<br>План: {plan}<br>Факт: {fact}"
                       f"<br>Достижение: {fmt_pct(row.achievement_pct, 1)}<br>Статус: {status}")
        text = plan if _is_missing(row.fact_value) else f"{plan}<br><b>{fact}</b>"
        annotations.append({"x": int(row.year), "y": row.label, "text": text, "showarrow": False,
                            "font": {"size": 11, "color": "#111111" if status in _LIGHT else "#ffffff"}})
    n = len(GRID_STATUSES)
    scale = []
    for k, status in enumerate(GRID_STATUSES):
        scale += [[k / n, GRID_COLORS[status]], [(k + 1) / n, GRID_COLORS[status]]]
    fig.add_heatmap(x=years, y=labels, z=z, zmin=-0.5, zmax=n - 0.5, colorscale=scale, showscale=False,
                    xgap=3, ygap=3, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>")
    present = {GRID_STATUSES[int(v)] for row in z for v in row if v is not None}
    for status in GRID_STATUSES:
        if status in present:
            fig.add_scatter(x=[None], y=[None], mode="markers", name=status, hoverinfo="skip",
                            marker={"symbol": "square", "size": 14, "color": GRID_COLORS[status]})
    apply_style(fig, title)
    fig.update_layout(annotations=annotations, showlegend=True, height=140 + 48 * max(1, len(labels)),
                      legend={"y": -0.08 if len(labels) > 4 else -0.2}, plot_bgcolor="#ffffff")
    fig.update_xaxes(dtick=1, side="top", showgrid=False, title_text=None)
    fig.update_yaxes(autorange="reversed", showgrid=False, automargin=True, type="category")
    return fig
