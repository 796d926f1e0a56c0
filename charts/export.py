"""Exports of a chart or table: PNG (kaleido + system Chromium), CSV for Russian Excel, XLSX."""

from __future__ import annotations

import io
import threading
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from domain.spreadsheet import guard_text

PNG_WIDTH, PNG_HEIGHT = 1600, 900
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


def slide_figure(fig: go.Figure, title: str, passport: str, as_of: date, source: str) -> go.Figure:
    """A copy of the figure with title, passport, as-of date and source line drawn in (for slides)."""
    out = go.Figure(fig)
    legend_on_top = (fig.layout.legend.y or 0) > 1
    top, bottom = (170 if legend_on_top else 110), 190
    out.update_layout(
        title={"text": f"{title}<br><sup>{passport} · по состоянию на {as_of:%d.%m.%Y}</sup>", "x": 0.01,
               "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 20}},
        margin={"t": top, "b": bottom, "l": 80, "r": 40},
        width=PNG_WIDTH, height=PNG_HEIGHT,
    )
    # the source line sits at the very bottom of the slide, below the legend, inside the margin
    plot_height = PNG_HEIGHT - top - bottom
    out.add_annotation(text=f"Источник: {source}", xref="paper", yref="paper", x=0,
                       y=-(bottom - 24) / plot_height, yanchor="bottom",
                       showarrow=False, xanchor="left", font={"size": 13, "color": "#444"})
    return out


def to_png(fig: go.Figure, title: str, passport: str, as_of: date, source: str) -> bytes:
    """Slide-ready PNG bytes, rendered on the server."""
    _ensure_kaleido_server()
    return slide_figure(fig, title, passport, as_of, source).to_image(
        format="png", width=PNG_WIDTH, height=PNG_HEIGHT)


def to_pngs(figs: list[go.Figure]) -> list[bytes]:
    """Several PNGs through the same browser (for the benchmark and batch export)."""
    _ensure_kaleido_server()
    return [f.to_image(format="png", width=PNG_WIDTH, height=PNG_HEIGHT) for f in figs]


def guard_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that Excel would run — starting with = + - @, a tab or CR, also after leading spaces — get a
    leading apostrophe (domain.spreadsheet); numbers, and text that is a plain number, stay as they are."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(guard_text)
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV that Excel with Russian settings opens right: UTF-8 BOM, ';', decimal comma, numbers as numbers."""
    return guard_formulas(frame).to_csv(index=False, sep=";", decimal=",", date_format="%d.%m.%Y",
                                        lineterminator="\r\n").encode("utf-8-sig")  # a CR in a cell is quoted


def to_xlsx(frame: pd.DataFrame, sheet: str = "Данные", title: str | None = None) -> bytes:
    """An Excel workbook with the table (numbers as numbers), a title row when given."""
    buf = io.BytesIO()
    start = 2 if title else 0
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        guard_formulas(frame).to_excel(writer, index=False, sheet_name=sheet[:31], startrow=start)
        ws = writer.sheets[sheet[:31]]
        if title:
            ws.cell(row=1, column=1, value=title)
        for i, col in enumerate(frame.columns, start=1):
            width = min(60, max(10, len(str(col)) + 2, *(len(str(v)) + 2 for v in frame[col].head(50))))
            ws.column_dimensions[ws.cell(row=start + 1, column=i).column_letter].width = width
    return buf.getvalue()
