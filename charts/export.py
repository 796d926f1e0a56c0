"""Exports of a chart or table: a PNG slide (kaleido + the system Chromium), CSV for Russian Excel, XLSX.

Every text cell a user could have typed is guarded against formula injection (domain.spreadsheet): a cell
starting with = + - @, a tab or a carriage return (also after leading spaces) is written as text — with a leading
apostrophe in CSV, as a string cell in XLSX.
"""

from __future__ import annotations

import io
import threading
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
import plotly.graph_objects as go
import xlsxwriter

from charts.style import EXAMPLE_MARK_NAME, EXAMPLE_MARK_STYLE, FONT, has_example_mark
from domain.formatting import Column, plain_cell
from domain.spreadsheet import cell_text, guard_text
from domain.vocabulary import EXAMPLE_MARK

SLIDE_WIDTH, SLIDE_HEIGHT = 1920, 1080
#: kept for callers that ask for the slide size by its old names
PNG_WIDTH, PNG_HEIGHT = SLIDE_WIDTH, SLIDE_HEIGHT
SLIDE_FONT = 18
YEAR_COLUMN = "Год"
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


# ---- tables --------------------------------------------------------------------------------------------------
def guard_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that Excel would run — starting with = + - @, a tab or CR, also after leading spaces — get a
    leading apostrophe (domain.spreadsheet); numbers, and text that is a plain number, stay as they are."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(guard_text)
    return out


def column_of(frame: pd.DataFrame, name: object, columns: dict[str, Column] | None = None) -> Column:
    """How a table column is shown and written: as the panel says, else read off its name and dtype."""
    name = str(name)
    if columns and name in columns:
        return columns[name]
    if name == YEAR_COLUMN:
        return Column("year", 0)
    series = frame[name]
    if pd.api.types.is_bool_dtype(series):
        return Column("yesno")
    if pd.api.types.is_integer_dtype(series):
        return Column("int", 0)
    if pd.api.types.is_float_dtype(series):
        return Column("number", 2)
    if pd.api.types.is_datetime64_any_dtype(series):
        return Column("date")
    return Column("text")


def to_csv(frame: pd.DataFrame, columns: dict[str, Column] | None = None) -> bytes:
    """CSV that Excel with Russian settings opens right: UTF-8 BOM, ';', decimal comma, dates 31.12.2024,
    numbers rounded as shown, Да/Нет for yes/no, formula-like text guarded."""
    out = pd.DataFrame({name: [plain_cell(v, column_of(frame, name, columns)) for v in frame[name]]
                        for name in frame.columns}, columns=list(frame.columns))
    # CRLF rows: a cell holding a lone CR is quoted instead of breaking its row
    return guard_formulas(out).to_csv(index=False, sep=";", lineterminator="\r\n").encode("utf-8-sig")


_NUMBER_FORMATS = {"int": "# ##0", "money": "# ##0.00", "date": "dd.mm.yyyy", "year": "0"}


def _number_format(column: Column, values: pd.Series | None = None) -> str | None:
    """Excel's display format of a column (the cell keeps full precision). A plan or fact whose unit differs by
    row (kind value) shows whole numbers with thousands, and one decimal where any value has one."""
    if column.kind in _NUMBER_FORMATS:
        return _NUMBER_FORMATS[column.kind].replace(" ", ",")
    if column.kind in ("number", "percent"):
        pattern = "#,##0" + ("." + "0" * column.decimals if column.decimals else "")
        return pattern + ('" %"' if column.kind == "percent" else "")
    if column.kind == "value":
        numbers = pd.to_numeric(values, errors="coerce").dropna() if values is not None else pd.Series(dtype=float)
        whole = bool(len(numbers)) and bool((numbers == numbers.round()).all())
        return "#,##0" if whole or not len(numbers) else "#,##0.0"
    return None


def _excel_date(value: object) -> date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    return value.date() if isinstance(value, datetime) else value


@dataclass
class Sheet:
    """One sheet of a workbook: a table with its title row (optional), column formats and notes below it."""

    name: str
    frame: pd.DataFrame
    title: str | None = None
    columns: dict[str, Column] | None = None
    notes: list[str] = field(default_factory=list)


def to_xlsx(frame: pd.DataFrame, sheet: str = "Данные", title: str | None = None,
            columns: dict[str, Column] | None = None) -> bytes:
    """An Excel workbook: one title row (when given), the header, then real numbers and dates with their
    display formats (full precision kept), text as text (formula-like text never runs), widths fitted."""
    return to_xlsx_book([Sheet(sheet, frame, title, columns)])


def to_xlsx_book(sheets: list[Sheet]) -> bytes:
    """A workbook of several sheets, each written as `to_xlsx` writes its one (sheet names made unique and
    at most 31 characters, as Excel wants)."""
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "nan_inf_to_errors": False})
    used: set[str] = set()
    for sheet in sheets:
        name = _sheet_name(sheet.name, used)
        _write_sheet(book, book.add_worksheet(name), sheet)
    book.close()
    return buf.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    base = "".join("_" if c in "[]:*?/\\" else c for c in name)[:31] or "Лист"
    out, n = base, 2
    while out.lower() in used:
        out = f"{base[:27]} ({n})"
        n += 1
    used.add(out.lower())
    return out


def _write_sheet(book: xlsxwriter.Workbook, ws, sheet: Sheet) -> None:
    frame, columns, title = sheet.frame, sheet.columns, sheet.title
    bold = book.add_format({"bold": True})
    header = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    row = 2 if title else 0
    specs = [column_of(frame, c, columns) for c in frame.columns]
    formats = [book.add_format({"num_format": f, "valign": "top"}) if (f := _number_format(s, frame[c]))
               else wrap for s, c in zip(specs, frame.columns, strict=True)]
    for j, name in enumerate(frame.columns):
        ws.write_string(row, j, str(name), header)
    for i, values in enumerate(frame.itertuples(index=False), start=row + 1):
        for j, (value, spec) in enumerate(zip(values, specs, strict=True)):
            _write_cell(ws, i, j, value, spec, formats[j])
    last = row + len(frame) + 2
    for k, note in enumerate(sheet.notes):
        ws.write_string(last + k, 0, cell_text(note))
    ws.freeze_panes(row + 1, 0)
    ws.autofit()  # before the title is written: a long title must not widen its column
    for j, name in enumerate(frame.columns):  # long texts wrap instead of stretching the sheet
        longest = max([len(str(name))] + [len(str(v)) for v in frame[name].head(200)])
        if longest > 60:
            ws.set_column(j, j, 60, formats[j])
    if title:
        ws.write_string(0, 0, cell_text(title), book.add_format({"bold": True, "font_size": 13}))
        ws.set_row(0, None, bold)
    # printed: landscape A4, as wide as one page, the header row on every page
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(row)


def _write_cell(ws, i: int, j: int, value: object, spec: Column, fmt) -> None:
    if spec.kind == "date":
        day = _excel_date(value)
        if day is None:
            ws.write_blank(i, j, None, fmt)
        else:
            ws.write_datetime(i, j, datetime(day.year, day.month, day.day), fmt)
    elif spec.is_number:
        if isinstance(value, str):  # a year column's «Всего»
            ws.write_string(i, j, value, fmt)
        elif value is None or pd.isna(value):
            ws.write_blank(i, j, None, fmt)
        else:
            ws.write_number(i, j, float(value), fmt)
    elif spec.kind == "yesno":
        ws.write_string(i, j, plain_cell(value, spec), fmt)
    elif value is None or (isinstance(value, float) and pd.isna(value)):
        ws.write_blank(i, j, None, fmt)
    else:  # a string cell never runs; the guard's apostrophe only where the text itself starts with one
        ws.write_string(i, j, cell_text(str(value)), fmt)
