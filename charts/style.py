"""One look for every chart: Russian number format, plan/fact/status colours readable in grey."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

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
#: every figure starts on this template (given at creation, not replaced in apply_style: setting a template on a
#: figure validates a copy of it, 15 ms a chart — a tenth of a page's first render)
TEMPLATE = "plotly_white"
pio.templates.default = TEMPLATE


def apply_style(fig: go.Figure, title: str, y_title: str | None = None) -> go.Figure:
    """Russian separators (1 234,5), readable font, legend below, title on top."""
    if pio.templates.default != TEMPLATE:  # importing streamlit after this module sets its own default
        pio.templates.default = TEMPLATE
        fig.update_layout(template=TEMPLATE)
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left"},
        separators=PLOTLY_SEPARATORS,
        font={"family": FONT, "size": 13},
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        margin={"l": 60, "r": 20, "t": 60, "b": 80},
        hoverlabel={"font_family": FONT},
    )
    if y_title:
        fig.update_yaxes(title_text=y_title)
    fig.update_xaxes(tickformat="d")
    return fig


EXAMPLE_MARK_NAME = "example_mark"
EXAMPLE_MARK_STYLE = {"size": 14, "color": "#9a3412"}


def mark_example(fig: go.Figure) -> go.Figure:
    """Say «ПРИМЕР — не официальные данные» on the chart: as its title, top right, where plotly keeps room for it
    clear of the plot, of an axis drawn on top and of the legend (a slide adds it beside its own title)."""
    if has_example_mark(fig):
        return fig
    fig.update_layout(title={"text": f"<b>⚠ {EXAMPLE_MARK}</b>", "x": 0.99, "xanchor": "right",
                             "font": EXAMPLE_MARK_STYLE})
    top = fig.layout.margin.t if fig.layout.margin and fig.layout.margin.t is not None else 60
    fig.update_layout(margin={"t": max(top, 50)})
    return fig


def has_example_mark(fig: go.Figure) -> bool:
    """Whether the figure carries the example mark (as its title or as a slide's annotation)."""
    title = fig.layout.title.text if fig.layout.title else None
    return bool(title and EXAMPLE_MARK in title) or any(
        getattr(a, "name", None) == EXAMPLE_MARK_NAME for a in fig.layout.annotations)
