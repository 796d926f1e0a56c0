"""One look for every chart: Russian number format, plan/fact/status colours readable in grey."""

from __future__ import annotations

import plotly.graph_objects as go

from domain.formatting import PLOTLY_SEPARATORS
from domain.vocabulary import FUNDING_SOURCES, PLAN_STATUSES

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
