"""A chart as a PNG slide (16:9, 1920×1080): kaleido drawing with the system Chromium. One browser serves every
PNG of the process: started once (early, with `start_renderer`, so that its start overlaps other work) and kept warm
until the process ends; `render_later` hands a figure to it and returns at once, so the caller goes on computing
while the browser draws. Tables go to CSV and XLSX through spreadsheets.writing."""

from __future__ import annotations

import asyncio
import atexit
import re
import threading
from concurrent.futures import Future

import plotly.graph_objects as go

from charts.style import EXAMPLE_MARK_NAME, EXAMPLE_MARK_STYLE, FONT, has_example_mark
from domain.vocabulary import EXAMPLE_MARK

SLIDE_WIDTH, SLIDE_HEIGHT = 1920, 1080
SLIDE_FONT = 18
#: browser tabs drawing at once: one draws while the other reloads its page after a picture
TABS = 2
#: how long the end of the process waits for the browser to close
CLOSE_TIMEOUT_S = 15


class _Renderer:
    """The process's one Chromium (kaleido), on an event loop of its own thread: opened on the first request,
    reopened after a failed start, closed when the process ends."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._browser: Future | None = None

    def start(self) -> Future:
        """The browser being opened (or open); opening it begins now if it has not (or has failed)."""
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                threading.Thread(target=self._loop.run_forever, name="png-renderer", daemon=True).start()
                atexit.register(self.stop)
            failed = self._browser is not None and self._browser.done() and self._browser.exception() is not None
            if self._browser is None or failed:
                self._browser = asyncio.run_coroutine_threadsafe(_open_browser(), self._loop)
            return self._browser

    def render(self, fig: go.Figure | dict) -> Future:
        """A 1920×1080 PNG of the figure (or its dict), drawn on the first free tab; the figure is read now, in the
        caller's thread."""
        spec = fig if isinstance(fig, dict) else fig.to_dict()
        browser = self.start()
        return asyncio.run_coroutine_threadsafe(_draw(browser, spec), self._loop)

    def stop(self) -> None:
        """Close the browser (it removes its temporary folders); at the end of the process."""
        with self._lock:
            browser, self._browser = self._browser, None
        if browser is None or self._loop is None:
            return
        try:
            opened = browser.result(timeout=CLOSE_TIMEOUT_S)
            asyncio.run_coroutine_threadsafe(opened.close(), self._loop).result(timeout=CLOSE_TIMEOUT_S)
        except Exception:  # noqa: BLE001 - a browser that never started or is gone has nothing to close
            pass


async def _open_browser():
    import kaleido  # the browser's library is loaded only by a process that draws

    browser = kaleido.Kaleido(n=TABS, mathjax=False)  # no formulas in the charts; MathJax would come from the web
    await browser.open()
    return browser


async def _draw(browser: Future, spec: dict) -> bytes:
    opened = await asyncio.wrap_future(browser)
    return await opened.calc_fig(spec, opts={"format": "png", "width": SLIDE_WIDTH, "height": SLIDE_HEIGHT,
                                             "scale": 1})


_RENDERER = _Renderer()


def start_renderer() -> None:
    """Start the browser now, in the background, so that the first PNG does not wait for it."""
    _RENDERER.start()


def stop_renderer() -> None:
    """Close the browser now (a command that is done with it: at the very end of a process the removal of the
    browser's folder may run before the close, while the browser still writes there)."""
    _RENDERER.stop()


def render_later(fig: go.Figure | dict) -> Future:
    """The figure's PNG (a Future of bytes), drawn in the background while the caller goes on."""
    return _RENDERER.render(fig)


def slide_figure(fig: go.Figure, title: str, subtitle: str, source: str, example: bool = False) -> go.Figure:
    """A copy of the figure as a 16:9 slide: title and subtitle on top, the legend and the source line at the
    bottom, fonts readable on a projector, the example mark when example facts are shown."""
    return go.Figure(slide_spec(fig, title, subtitle, source, example))


def slide_spec(fig: go.Figure, title: str, subtitle: str, source: str, example: bool = False) -> dict:
    """The slide of `slide_figure` as the plain figure dict the browser is sent: built on the dict, without
    plotly's checks of every value (a grid of 50 annotations took 0,15 s that way)."""
    spec = fig.to_dict()
    layout = spec.setdefault("layout", {})
    legend_rows = 1 + sum(1 for t in spec.get("data", []) if t.get("showlegend") is not False and t.get("name")) // 4
    top, bottom = 150, 120 + 34 * legend_rows
    _merge(layout, {
        # the page's example mark (the figure's title, top right) becomes the slide's own annotation below
        "title": {"text": title, "subtitle": {"text": subtitle, "font": {"size": SLIDE_FONT + 2, "color": "#333333"}},
                  "x": 0.01, "xanchor": "left", "y": 0.975, "yref": "container", "yanchor": "top",
                  "font": {"size": 30 if len(title) <= 60 else 24 if len(title) <= 80 else 20, "color": "#111111"}},
        "margin": {"t": top, "b": bottom, "l": 110, "r": 60},
        "width": SLIDE_WIDTH, "height": SLIDE_HEIGHT, "font": {"family": FONT, "size": SLIDE_FONT},
        "showlegend": True,
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.06, "yref": "paper", "x": 0, "xanchor": "left",
                   "font": {"size": SLIDE_FONT}},
    })
    for axis in {"xaxis", "yaxis"} | {k for k in layout if _AXIS.fullmatch(k)}:
        _merge(layout.setdefault(axis, {}), {"tickfont": {"size": SLIDE_FONT}, "title": {"font": {"size": SLIDE_FONT}}})
    notes = layout.setdefault("annotations", [])
    for note in notes:
        _merge(note, {"font": {"size": SLIDE_FONT - 2}})
    # the source line sits at the very bottom of the slide, below the legend, in the margin
    plot_height = SLIDE_HEIGHT - top - bottom
    notes.append({"text": f"Источник: {source}", "xref": "paper", "yref": "paper", "x": 0,
                  "y": -(bottom - 14) / plot_height, "yanchor": "bottom", "showarrow": False, "xanchor": "left",
                  "font": {"size": 15, "color": "#444"}})
    if example or has_example_mark(fig):
        notes.append({"name": EXAMPLE_MARK_NAME, "text": f"<b>⚠ {EXAMPLE_MARK}</b>", "xref": "paper", "yref": "paper",
                      "x": 1, "y": 1 + (top - 40) / plot_height, "xanchor": "right", "yanchor": "top",
                      "showarrow": False, "bgcolor": "#fff3cd", "bordercolor": "#b45309", "borderwidth": 1.5,
                      "borderpad": 6, "font": {**EXAMPLE_MARK_STYLE, "size": 20}})
    return spec


_AXIS = re.compile(r"[xy]axis\d*")


def _merge(target: dict, changes: dict) -> None:
    """Plotly's update on plain dicts: nested settings are merged, others replaced."""
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def to_png(fig: go.Figure, title: str, subtitle: str, source: str, example: bool = False) -> bytes:
    """A slide-ready PNG, rendered on the server."""
    return render_later(slide_spec(fig, title, subtitle, source, example)).result()


def to_pngs(figs: list[go.Figure]) -> list[bytes]:
    """Several PNGs (already made slides, or plain figures) through the same browser, drawn side by side."""
    return [job.result() for job in [render_later(f) for f in figs]]
