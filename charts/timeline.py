"""Plan of activities as a Gantt chart and team workload as bars. Typed pure builders, no streamlit."""

from __future__ import annotations

import html
import textwrap
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from charts.style import FONT, apply_style
from domain.vocabulary import ACTIVITY_STATUSES

# Colours by status, a step of about 19 in CIE lightness L* between them (25, 44, 63, 82, 100), so they
# stay apart in grey; «не начато» is white with an outline, «отменено» white and hatched. Overdue is the
# darkest: it is what a reader looks for.
#: statuses a Gantt draws (a row without a deadline has no place on a timeline), by code
ACTIVITY_STATUS_COLORS = {t.code: t.colour for t in ACTIVITY_STATUSES if t.code != "no_deadline"}
ACTIVITY_STATUS_ORDER = tuple(ACTIVITY_STATUS_COLORS)
CANCELLED_PATTERN = {"shape": "x", "fgcolor": "#525252", "size": 6, "solidity": 0.3}
OVERLOAD_COLOR = "#7f0000"
NORMAL_LOAD_COLOR = "#5e9fd1"
ROW_HEIGHT_PX = 19
LABEL_CHARS = 50
DAY_MS = 24 * 60 * 60 * 1000


def _d(value: object) -> str:
    """A date as 31.12.2024, '—' when absent."""
    if value is None or pd.isna(value):
        return "—"
    return pd.Timestamp(value).strftime("%d.%m.%Y")


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(text: str, width: int = 70) -> str:
    """Text for a hover: escaped (Plotly renders tags there) and wrapped."""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(" ".join(str(text).split()), width)) or "—"


def _slip_text(row: pd.Series) -> str:
    if row["status_code"] in ("done", "done_late", "cancelled") and pd.isna(row.get("fact_date")):
        return " — дата не указана, отклонение от срока неизвестно"
    days = row.get("slip_days")
    if days is None or pd.isna(days):
        return ""
    if row["status_code"] == "overdue":
        return f" — {int(days)} дн. после срока"
    if row["status_code"] == "done_late":
        return f" — выполнено {_d(row['fact_date'])}, на {int(days)} дн. позже срока"
    if row["status_code"] == "done":
        early = f", за {-int(days)} дн. до срока" if days < 0 else " в срок"
        return f" — выполнено {_d(row['fact_date'])}{early}"
    return ""


def row_label(row: pd.Series, limit: int = LABEL_CHARS) -> str:
    """The y-axis label of a plan row: key and shortened name; results in bold."""
    label = f"{row['activity_key']}  {_short(row['name'], limit)}"
    return f"<b>{label}</b>" if row["kind"] == "result" else label


def gantt_height(n_rows: int) -> int:
    """Pixels for a Gantt of n rows: a fixed row height plus room for title, legend and axis."""
    return max(360, 190 + ROW_HEIGHT_PX * n_rows)


def gantt(plan: pd.DataFrame, as_of: date, title: str, compact: bool = False) -> go.Figure:
    """Gantt of the plan rows (as returned by metrics.activities.activity_plan), coloured by status.

    Rows keep document order, grouped by result with alternating bands; rows printed without a
    start (or with the end before the start) are diamonds on their end date; rows without an end
    date are not drawn (the page lists them in words). A dashed line marks the as-of date.
    compact: for a slide (fixed height, legend and dates below) instead of a tall page.
    """
    fig = go.Figure()
    frame = plan[plan["end_date"].notna()].sort_values("seq").copy()
    if frame.empty:
        apply_style(fig, title)
        return fig
    frame["start"] = pd.to_datetime(frame["start_date"])
    frame["end"] = pd.to_datetime(frame["end_date"])
    frame["label"] = [row_label(r, 40 if compact else LABEL_CHARS) for _, r in frame.iterrows()]
    frame["is_point"] = frame["start"].isna() | (frame["start"] > frame["end"])
    frame["custom"] = [
        [r["activity_key"], _wrap(r["name"]), _d(r["start_date"]), _d(r["end_date"]), r["status"],
         _wrap(r["responsible_persons"] if isinstance(r["responsible_persons"], str) else "—"), _slip_text(r),
         _wrap(r["fact_comment"]) if isinstance(r.get("fact_comment"), str) and r["fact_comment"].strip() else "—"]
        for _, r in frame.iterrows()
    ]
    hover = ("<b>%{customdata[0]}</b> %{customdata[1]}<br>План: %{customdata[2]} – %{customdata[3]}"
             "<br>Статус: <b>%{customdata[4]}</b>%{customdata[6]}<br>Ответственные: %{customdata[5]}"
             "<br>Комментарий: %{customdata[7]}<extra></extra>")
    labels = list(frame["label"])

    for status in ACTIVITY_STATUS_ORDER:
        rows = frame[frame["status_code"] == status]
        bars, points = rows[~rows["is_point"]], rows[rows["is_point"]]
        color = ACTIVITY_STATUS_COLORS[status]
        line = {"color": "#525252" if status in ("not_started", "cancelled") else color, "width": 0.8}
        pattern = CANCELLED_PATTERN if status == "cancelled" else None
        status_label = ACTIVITY_STATUSES.label(status)
        if len(bars):
            # a bar covers its end day too: from the start to the end plus one day
            fig.add_trace(go.Bar(
                name=status_label, legendgroup=status, orientation="h", y=bars["label"],
                base=bars["start"], x=((bars["end"] - bars["start"]).dt.days + 1) * DAY_MS,
                marker={"color": color, "line": line, **({"pattern": pattern} if pattern else {})},
                customdata=list(bars["custom"]), hovertemplate=hover, width=0.72,
            ))
        if len(points):
            fig.add_trace(go.Scatter(
                name=status_label, legendgroup=status, showlegend=not len(bars), mode="markers", y=points["label"],
                x=points["end"], marker={"symbol": "diamond", "size": 11, "color": color,
                                         "line": {"color": "#252525", "width": 1}},
                customdata=list(points["custom"]), hovertemplate=hover,
            ))

    done = frame[frame["fact_date"].notna() & frame["status_code"].isin(["done", "done_late"])]
    if len(done):
        fig.add_trace(go.Scatter(
            name="дата выполнения (факт)", mode="markers", y=done["label"], x=pd.to_datetime(done["fact_date"]),
            marker={"symbol": "line-ns", "size": 14, "line": {"color": "#000000", "width": 2.5}},
            customdata=list(done["custom"]), hovertemplate=hover,
        ))
    if frame["is_point"].any():
        fig.add_trace(go.Scatter(
            name="контрольная точка: только срок", mode="markers", x=[None], y=[None], hoverinfo="skip",
            marker={"symbol": "diamond", "size": 11, "color": "#bdbdbd", "line": {"color": "#252525", "width": 1}},
        ))

    _result_bands(fig, frame)
    as_of_ts = pd.Timestamp(as_of)
    as_of_line = {"color": "#000000", "width": 1.5, "dash": "dash"}
    fig.add_shape(type="line", xref="x", yref="paper", x0=as_of_ts, x1=as_of_ts, y0=0, y1=1, line=as_of_line,
                  layer="above")
    # the dashed line explained in the legend (a shape has no legend entry of its own)
    fig.add_trace(go.Scatter(name=f"статус на {as_of:%d.%m.%Y}", mode="lines", x=[None], y=[None],
                             line=as_of_line, hoverinfo="skip"))

    starts = pd.concat([frame["start"].dropna(), frame["end"]])
    x_min = min(starts.min(), as_of_ts) - timedelta(days=45)
    x_max = max(frame["end"].max(), as_of_ts) + timedelta(days=75)
    apply_style(fig, title)
    fig.update_layout(barmode="overlay", hoverlabel={"font_family": FONT, "align": "left"})
    fig.update_xaxes(type="date", tickformat="%Y", dtick="M12", ticklabelmode="period", range=[x_min, x_max],
                     showgrid=True, gridcolor="#d9d9d9", title_text=None,
                     minor={"dtick": "M3", "showgrid": True, "gridcolor": "#f0f0f0"})
    # an explicit reversed range: the first row on top, no padding for the legend-only traces
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels,
                     range=[len(labels) - 0.5, -0.5], tickfont={"size": 10 if compact else 11},
                     automargin=True, showgrid=False, title_text=None)
    if compact:
        # a slide: the house layout (legend and dates below), a fixed height
        fig.update_layout(height=900)
        return fig
    height = gantt_height(len(labels))
    # a tall page: title, legend and dates on top, where the reader starts
    fig.update_layout(
        height=height,
        title={"yref": "container", "y": 1 - 14 / height, "yanchor": "top"},
        legend={"orientation": "h", "yref": "container", "y": 1 - 52 / height, "yanchor": "top", "x": 0,
                "xanchor": "left", "font": {"size": 12}},
        margin={"l": 20, "r": 20, "t": 150, "b": 30},
    )
    fig.update_xaxes(side="top")
    return fig


def _result_bands(fig: go.Figure, frame: pd.DataFrame) -> None:
    """Light bands behind every other result's rows, so the groups read apart."""
    positions = frame.reset_index(drop=True)
    groups = positions.groupby("result_code", sort=False).apply(
        lambda g: (g.index.min(), g.index.max()), include_groups=False)
    ordered = sorted(groups.tolist())
    for i, (first, last) in enumerate(ordered):
        if i % 2 == 0:
            fig.add_shape(type="rect", xref="paper", yref="y", x0=0, x1=1, y0=first - 0.5, y1=last + 0.5,
                          fillcolor="#f2f2f2", line={"width": 0}, layer="below")


def workload_bars(team: pd.DataFrame, title: str, limit_pct: float = 100.0) -> go.Figure:
    """Workload summed across blocks per person (metrics.team.team_workload), with the 100 % line.

    People without a workload in section 5 are left out; bars above the limit are dark.
    """
    frame = team[team["workload_pct"].notna()].sort_values(["workload_pct", "person"], ascending=[False, True])
    fig = go.Figure()
    persons = list(frame["person"])
    for over, name, color in ((True, f"выше {limit_pct:g} %", OVERLOAD_COLOR),
                              (False, f"до {limit_pct:g} % включительно", NORMAL_LOAD_COLOR)):
        rows = frame[(frame["workload_pct"] > limit_pct) == over]
        if rows.empty:
            continue
        fig.add_trace(go.Bar(
            name=name, orientation="h", y=rows["person"], x=rows["workload_pct"], marker_color=color,
            text=[f"{v:g}\u00a0%" for v in rows["workload_pct"]], textposition="outside", cliponaxis=False,
            customdata=rows[["block_count", "activity_count", "overdue_count"]].to_numpy(),
            hovertemplate="<b>%{y}</b><br>Занятость: %{x:g} %<br>Блоков: %{customdata[0]}"
                          "<br>Строк плана: %{customdata[1]}, просрочено: %{customdata[2]}<extra></extra>",
        ))
    apply_style(fig, title)
    fig.add_shape(type="line", xref="x", yref="paper", x0=limit_pct, x1=limit_pct, y0=0, y1=1,
                  line={"color": "#000000", "width": 1.5, "dash": "dash"})
    fig.add_annotation(x=limit_pct, xref="x", y=1, yref="paper", yanchor="bottom", text=f"{limit_pct:g} %",
                       showarrow=False, font={"size": 12})
    top = max([limit_pct, *frame["workload_pct"].tolist()])
    fig.update_layout(height=max(320, 170 + 28 * len(persons)), barmode="overlay", bargap=0.25,
                      margin={"l": 20, "r": 40, "t": 80, "b": 60},
                      legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1, "xanchor": "right"})
    fig.update_xaxes(title_text="занятость в проекте, % (сумма по блокам)", tickformat="d", ticksuffix=" %",
                     range=[0, top * 1.12])
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=persons, autorange="reversed",
                     automargin=True)
    return fig
