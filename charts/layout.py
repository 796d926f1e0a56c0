"""Putting figures side by side: one panel that compares passports, each in its own subplot, on one scale."""

from __future__ import annotations

import math

import plotly.graph_objects as go
from plotly.subplots import make_subplots

#: subplots per row before the grid wraps (a comparison of many passports stacks instead of overlapping)
MAX_COLUMNS = 3


def side_by_side(figures: list[go.Figure], titles: list[str], shared_y: bool = True,
                 row_height: int | None = None) -> go.Figure:
    """One figure with a subplot per input figure (its traces, annotations and shapes moved into it), the
    legend shown once, the y axis shared. A single figure is returned as it is."""
    if len(figures) == 1:
        return figures[0]
    cols = min(MAX_COLUMNS, len(figures))
    rows = math.ceil(len(figures) / cols)
    out = make_subplots(rows=rows, cols=cols, subplot_titles=titles, shared_yaxes=shared_y,
                        horizontal_spacing=0.06, vertical_spacing=0.12 if rows > 1 else 0.08)
    seen: set[str] = set()
    for k, fig in enumerate(figures):
        row, col = k // cols + 1, k % cols + 1
        for trace in fig.data:
            trace = go.Figure(trace).data[0]
            key = trace.legendgroup or trace.name or ""
            if key in seen:
                trace.showlegend = False
            seen.add(key)
            trace.legendgroup = key
            out.add_trace(trace, row=row, col=col)
        axis = "" if k == 0 else str(k + 1)
        for note in fig.layout.annotations:
            if note.xref == "x" and note.yref == "y":
                out.add_annotation(go.layout.Annotation(note).update(xref=f"x{axis}", yref=f"y{axis}"))
        for shape in fig.layout.shapes:
            if shape.xref == "x":
                out.add_shape(go.layout.Shape(shape).update(xref=f"x{axis}", yref=f"y{axis}" if shape.yref == "y"
                                                            else f"y{axis} domain"))
        out.update_xaxes(fig.layout.xaxis, row=row, col=col)
        out.update_yaxes(fig.layout.yaxis.update(title_text=None) if col > 1 else fig.layout.yaxis, row=row, col=col)
    base = figures[0].layout
    out.update_layout(template=base.template, separators=base.separators, font=base.font,
                      barmode=base.barmode, legend=base.legend, hoverlabel=base.hoverlabel,
                      margin={"l": 60, "r": 20, "t": 60, "b": 90},
                      height=(row_height or int(base.height or 430)) * rows)
    return out
