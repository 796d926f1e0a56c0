"""What users keep beside the passports, drawn: the risk matrix, events on a timeline, the running values of a
year's reports against its plan, and measures of the user's own against their target. Pure, typed, no streamlit;
text a user typed is escaped before it reaches a hover or a label (Plotly renders tags there)."""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

from charts.style import FACT_COLOR, PLAN_COLOR, apply_style
from domain.formatting import fmt_date, fmt_pct, fmt_value
from domain.vocabulary import RISK_LEVELS, RISK_RATINGS, THRESHOLDS, USER_TARGET

EVENT_COLOR = "#b45309"
TARGET_COLOR = "#7e22ce"
SERIES_COLOURS = ("#08519c", "#b45309", "#15803d", "#7e22ce", "#be123c", "#0f766e")


def _safe(text: object, width: int = 60) -> str:
    """User text for a hover: escaped, wrapped, '—' when empty."""
    if text is None or (isinstance(text, float) and pd.isna(text)) or not str(text).strip():
        return "—"
    return "<br>".join(html.escape(line) for line in textwrap.wrap(" ".join(str(text).split()), width))


def _rating(score: int) -> str:
    if score >= THRESHOLDS.risk_high_score:
        return "high"
    return "medium" if score >= THRESHOLDS.risk_medium_score else "low"


def risk_matrix(risks: pd.DataFrame, title: str) -> go.Figure:
    """Probability (rows) × impact (columns), each низкая/средняя/высокая: a cell's colour is its rating, its text
    the numbers of the open risks in it. risks: risk_id, probability, impact, title (open risks only)."""
    levels = list(RISK_LEVELS.codes)
    labels = list(RISK_LEVELS.labels)
    z, text, hover = [], [], []
    for p_i, p in enumerate(levels):
        z_row, t_row, h_row = [], [], []
        for i_i, i in enumerate(levels):
            cell = risks[(risks["probability"] == p) & (risks["impact"] == i)]
            z_row.append(RISK_RATINGS.order(_rating((p_i + 1) * (i_i + 1))))
            ids = list(cell["risk_id"])
            t_row.append("<br>".join(html.escape(", ".join(ids[k:k + 3])) for k in range(0, len(ids), 3)))
            h_row.append("<br>".join(f"{html.escape(r.risk_id)}: {_safe(r.title, 50)}" for r in cell.itertuples())
                         or "нет открытых рисков")
        z.append(z_row)
        text.append(t_row)
        hover.append(h_row)
    scale = [[k / 2, RISK_RATINGS.colour(c)] for k, c in enumerate(RISK_RATINGS.codes)]
    fig = go.Figure(go.Heatmap(
        z=z, x=[f"влияние: {x}" for x in labels], y=[f"вероятность: {y}" for y in labels], text=text,
        texttemplate="%{text}", textfont={"size": 16, "color": "#111"}, customdata=hover, zmin=0, zmax=2,
        colorscale=scale, showscale=False, opacity=0.75, xgap=3, ygap=3,
        hovertemplate="%{y}, %{x}<br>%{customdata}<extra></extra>"))
    for term in RISK_RATINGS:  # the legend: what each colour means
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=f"риск {term.label}",
                                 marker={"size": 14, "symbol": "square", "color": term.colour}))
    apply_style(fig, title)
    fig.update_layout(height=420, plot_bgcolor="white")
    fig.update_xaxes(tickformat=None, showgrid=False)
    fig.update_yaxes(showgrid=False)
    return fig


def events_timeline(events: pd.DataFrame, title: str, start: pd.Timestamp | None = None,
                    end: pd.Timestamp | None = None) -> go.Figure:
    """Events as marks on a time axis, each with its place above and what happened in the hover.
    events: event_date, title, place, source and optionally passport (a row per passport when several)."""
    fig = go.Figure()
    rows = events.sort_values("event_date")
    lanes = list(dict.fromkeys(rows["passport"])) if "passport" in rows else [""]
    for n, lane in enumerate(lanes):
        part = rows[rows["passport"] == lane] if "passport" in rows else rows
        labels = [html.escape(str(p or t)[:28]) for p, t in zip(part["place"], part["title"], strict=True)]
        hovers = [f"<b>{fmt_date(r.event_date)}</b> {_safe(r.place, 40)}<br>{_safe(r.title)}<br>"
                  f"Источник: {_safe(r.source)}" for r in part.itertuples()]
        positions = ["top center" if k % 2 == 0 else "bottom center" for k in range(len(part))]
        fig.add_trace(go.Scatter(
            x=part["event_date"], y=[lane or "события"] * len(part), mode="markers+text", text=labels,
            textposition=positions, customdata=hovers, hovertemplate="%{customdata}<extra></extra>",
            marker={"symbol": "diamond", "size": 16, "color": SERIES_COLOURS[n % len(SERIES_COLOURS)],
                    "line": {"color": "white", "width": 1}},
            name=html.escape(lane) if lane else "событие", showlegend=True))
    apply_style(fig, title)
    fig.update_layout(height=200 + 90 * len(lanes), margin={"l": 140})
    # years on the axis; the exact day is in each mark's hover
    fig.update_xaxes(type="date", tickformat="%Y", dtick="M12", range=[start, end] if start is not None else None)
    fig.update_yaxes(showgrid=False)
    return fig


def year_reports_chart(reports: pd.DataFrame, title: str, unit: str | None, percent: bool) -> go.Figure:
    """The running values a target was reported with through each year (end of month, quarter, year) against
    the plan of that year, drawn as a step at the year's level. reports: reporting_date, year, fact_value,
    plan_value, is_example, source, reason."""
    fig = go.Figure()
    for year, part in reports.groupby("year", sort=True):
        plan = part["plan_value"].dropna()
        if len(plan):
            fig.add_trace(go.Scatter(
                x=[pd.Timestamp(int(year), 1, 1), pd.Timestamp(int(year), 12, 31)], y=[plan.iloc[0]] * 2,
                mode="lines", line={"color": PLAN_COLOR, "width": 4}, name="План года",
                legendgroup="plan", showlegend=bool(year == reports["year"].min()),
                hovertemplate=f"План {int(year)} г.: {fmt_value(plan.iloc[0], percent)}<extra></extra>"))
        hovers = [f"<b>{fmt_date(r.reporting_date)}</b>: {fmt_value(r.fact_value, percent)}"
                  f"{' (' + fmt_pct(r.achievement_pct) + ' плана года)' if pd.notna(r.achievement_pct) else ''}"
                  f"<br>Источник: {_safe(r.source)}<br>Причина отклонения: {_safe(r.reason)}"
                  for r in part.itertuples()]
        fig.add_trace(go.Scatter(
            x=part["reporting_date"], y=part["fact_value"], mode="lines+markers", name="Факт нарастающим итогом",
            legendgroup="fact", showlegend=bool(year == reports["year"].min()), customdata=hovers,
            hovertemplate="%{customdata}<extra></extra>", line={"color": FACT_COLOR, "width": 2},
            marker={"size": 9, "color": FACT_COLOR}))
    apply_style(fig, title, "%" if percent else unit)
    fig.update_xaxes(type="date", tickformat="%m.%Y")
    fig.update_layout(height=420)
    return fig


def user_measure_chart(frame: pd.DataFrame, title: str) -> go.Figure:
    """Facts of the user's own measures by year as bars, the user's target as a diamond named «цель
    пользователя» (never a plan of the passport). frame: series, year, fact_value, user_target, unit,
    fact_source, is_example."""
    fig = go.Figure()
    series = list(dict.fromkeys(frame["series"]))
    for n, name in enumerate(series):
        part = frame[frame["series"] == name].sort_values("year")
        colour = SERIES_COLOURS[n % len(SERIES_COLOURS)]
        label = html.escape(name) if len(series) > 1 else "Факт"
        hovers = [f"{int(r.year)}: {fmt_value(r.fact_value, False)} {html.escape(str(r.unit or ''))}<br>"
                  f"Источник: {_safe(r.fact_source)}" for r in part.itertuples()]
        fig.add_trace(go.Bar(x=part["year"], y=part["fact_value"], name=label, marker_color=colour,
                             customdata=hovers, hovertemplate="%{customdata}<extra></extra>"))
        targets = part[part["user_target"].notna()]
        if len(targets):
            fig.add_trace(go.Scatter(
                x=targets["year"], y=targets["user_target"], mode="markers+text",
                name=f"{USER_TARGET.capitalize()}" + (f": {label}" if len(series) > 1 else ""),
                text=[fmt_value(t, False) for t in targets["user_target"]], textposition="middle right",
                marker={"symbol": "diamond-open", "size": 16, "color": TARGET_COLOR, "line": {"width": 3}},
                hovertemplate=f"{USER_TARGET.capitalize()} %{{x}}: %{{text}}<extra></extra>"))
    units = [u for u in dict.fromkeys(frame["unit"]) if isinstance(u, str)]
    apply_style(fig, title, units[0] if len(units) == 1 else None)
    fig.update_layout(barmode="group", height=420)
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(rangemode="tozero")
    return fig
