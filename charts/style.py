"""One look for every chart: Russian number format, plan/fact/status colours readable in grey."""

from __future__ import annotations

import plotly.graph_objects as go

from domain.formatting import PLOTLY_SEPARATORS
from domain.vocabulary import EXAMPLE_MARK, FUNDING_SOURCES, PLAN_STATUSES

# plan is a light hatched grey-blue, fact a dark blue: they stay apart when printed in grey
PLAN_COLOR = "#9ecae1"
FACT_COLOR = "#08519c"
FORECAST_COLOR = "#6baed6"
#: plan/fact statuses by their label (the `status` column of plan_fact), colours from the vocabulary
STATUS_COLORS = {t.label: t.colour for t in PLAN_STATUSES if t.code != "no_plan"}
SOURCE_COLORS = {t.code: t.colour for t in FUNDING_SOURCES}
FONT = "DejaVu Sans, Arial, sans-serif"


def apply_style(fig: go.Figure, title: str, y_title: str | None = None) -> go.Figure:
    """Russian separators (1 234,5), readable font, legend below, title on top."""
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left"},
        separators=PLOTLY_SEPARATORS,
        font={"family": FONT, "size": 13},
        template="plotly_white",
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        margin={"l": 60, "r": 20, "t": 60, "b": 80},
        hoverlabel={"font_family": FONT},
    )
    if y_title:
        fig.update_yaxes(title_text=y_title)
    fig.update_xaxes(tickformat="d")
    return fig


EXAMPLE_MARK_NAME = "example_mark"


def mark_example(fig: go.Figure) -> go.Figure:
    """Write «ПРИМЕР — не официальные данные» across the top right of the chart (once)."""
    if has_example_mark(fig):
        return fig
    fig.add_annotation(name=EXAMPLE_MARK_NAME, text=f"<b>{EXAMPLE_MARK}</b>", xref="paper", yref="paper", x=1, y=1,
                       xanchor="right", yanchor="bottom", showarrow=False, bgcolor="#fff3cd", bordercolor="#b45309",
                       borderwidth=1.5, borderpad=5, font={"size": 14, "color": "#7c2d12"})
    return fig


def has_example_mark(fig: go.Figure) -> bool:
    """Whether the figure carries the example mark."""
    return any(getattr(a, "name", None) == EXAMPLE_MARK_NAME for a in fig.layout.annotations)
