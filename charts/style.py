"""One look for every chart: Russian number format, plan/fact/status colours readable in grey."""

from __future__ import annotations

import plotly.graph_objects as go

# plan is a light hatched grey-blue, fact a dark blue: they stay apart when printed in grey
PLAN_COLOR = "#9ecae1"
FACT_COLOR = "#08519c"
FORECAST_COLOR = "#6baed6"
STATUS_COLORS = {
    "достигнут": "#1a9850",
    "риск": "#fdae61",
    "не достигнут": "#d73027",
    "нет данных": "#969696",
    "в работе": "#4575b4",
}
SOURCE_COLORS = {
    "federal": "#08306b",
    "regional": "#4292c6",
    "municipal": "#9ecae1",
    "extrabudgetary": "#fdae6b",
    "state_funds": "#d9d9d9",
}
PASSPORT_DASH = {"amur": "solid", "tomsk": "dash"}
FONT = "DejaVu Sans, Arial, sans-serif"


def apply_style(fig: go.Figure, title: str, y_title: str | None = None) -> go.Figure:
    """Russian separators (1 234,5), readable font, legend below, title on top."""
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left"},
        separators=", ",
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
