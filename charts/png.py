"""A chart as a PNG slide (16:9, 1920×1080): kaleido drawing with the system Chromium, one browser kept for all
PNGs of the process. Tables go to CSV and XLSX through spreadsheets.writing."""

from __future__ import annotations

import threading
import warnings

import plotly.graph_objects as go

from charts.style import EXAMPLE_MARK_NAME, EXAMPLE_MARK_STYLE, FONT, has_example_mark
from domain.vocabulary import EXAMPLE_MARK

SLIDE_WIDTH, SLIDE_HEIGHT = 1920, 1080
SLIDE_FONT = 18
_server_lock = threading.Lock()
_server_started = False


def _ensure_kaleido_server() -> None:
    """Keep one Chromium for all PNG exports (the first costs ~3 s, later ones ~0.3 s)."""
    global _server_started
    with _server_lock:
        if not _server_started:
            import kaleido

            kaleido.start_sync_server(silence_warnings=True)
            _server_started = True


def slide_figure(fig: go.Figure, title: str, subtitle: str, source: str, example: bool = False) -> go.Figure:
    """A copy of the figure as a 16:9 slide: title and subtitle on top, the legend and the source line at the
    bottom, fonts readable on a projector, the example mark when example facts are shown."""
    out = go.Figure(fig)
    legend_rows = 1 + sum(1 for t in out.data if getattr(t, "showlegend", None) is not False and t.name) // 4
    top, bottom = 150, 120 + 34 * legend_rows
    out.update_layout(
        # the page's example mark (the figure's title, top right) becomes the slide's own annotation below
        title={"text": title, "subtitle": {"text": subtitle, "font": {"size": SLIDE_FONT + 2, "color": "#333333"}},
               "x": 0.01, "xanchor": "left", "y": 0.975, "yref": "container", "yanchor": "top",
               "font": {"size": 30 if len(title) <= 60 else 24 if len(title) <= 80 else 20, "color": "#111111"}},
        margin={"t": top, "b": bottom, "l": 110, "r": 60},
        width=SLIDE_WIDTH, height=SLIDE_HEIGHT, font={"family": FONT, "size": SLIDE_FONT},
        showlegend=True,
        legend={"orientation": "h", "yanchor": "top", "y": -0.06, "yref": "paper", "x": 0, "xanchor": "left",
                "font": {"size": SLIDE_FONT}},
    )
    out.update_xaxes(tickfont={"size": SLIDE_FONT}, title_font={"size": SLIDE_FONT})
    out.update_yaxes(tickfont={"size": SLIDE_FONT}, title_font={"size": SLIDE_FONT})
    out.update_annotations(font_size=SLIDE_FONT - 2)
    # the source line sits at the very bottom of the slide, below the legend, in the margin
    plot_height = SLIDE_HEIGHT - top - bottom
    out.add_annotation(text=f"Источник: {source}", xref="paper", yref="paper", x=0, y=-(bottom - 14) / plot_height,
                       yanchor="bottom", showarrow=False, xanchor="left", font={"size": 15, "color": "#444"})
    if example or has_example_mark(fig):
        out.add_annotation(name=EXAMPLE_MARK_NAME, text=f"<b>⚠ {EXAMPLE_MARK}</b>", xref="paper", yref="paper",
                           x=1, y=1 + (top - 40) / plot_height, xanchor="right", yanchor="top", showarrow=False,
                           bgcolor="#fff3cd", bordercolor="#b45309", borderwidth=1.5, borderpad=6,
                           font={**EXAMPLE_MARK_STYLE, "size": 20})
    return out


def to_png(fig: go.Figure, title: str, subtitle: str, source: str, example: bool = False) -> bytes:
    """A slide-ready PNG, rendered on the server."""
    return to_pngs([slide_figure(fig, title, subtitle, source, example)])[0]


def to_pngs(figs: list[go.Figure]) -> list[bytes]:
    """Several PNGs (already made slides, or plain figures) through the same browser."""
    _ensure_kaleido_server()
    with warnings.catch_warnings():
        # plotly says in English that kaleido's options are ignored with a running server: they are, on purpose
        warnings.filterwarnings("ignore", message="The kopts argument", category=UserWarning)
        return [f.to_image(format="png", width=SLIDE_WIDTH, height=SLIDE_HEIGHT) for f in figs]
