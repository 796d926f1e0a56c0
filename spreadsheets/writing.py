"""Writing tables for Russian Excel: the one CSV writer and the one XLSX writer of the app (page exports, report
workbooks, the facts template, registers, the quality findings).

CSV: UTF-8 with BOM, «;», decimal comma, dates 31.12.2024, numbers rounded as shown, Да/Нет, CRLF rows (a cell
holding a line break is quoted). XLSX (openpyxl, the library that also reads them): real numbers and dates with
their display formats (full precision kept), every text as a text cell, widths fitted, printed landscape on A4
with the header on every page. Every text cell a user could have typed is guarded against formula injection
(spreadsheets.guard): in CSV it gets the apostrophe, in XLSX it is a text cell with Excel's «'» prefix.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime

import openpyxl
import pandas as pd
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from domain.formatting import Column, plain_cell
from spreadsheets.cells import CONTROL_CHARACTER
from spreadsheets.guard import guard_text, needs_guard, xlsx_text

YEAR_COLUMN = "Год"
#: the widest a column is made (longer texts wrap)
MAX_WIDTH = 60


def column_of(frame: pd.DataFrame, name: object, columns: dict[str, Column] | None = None) -> Column:
    """How a table column is shown and written: as the caller says, else read off its name and dtype."""
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


# ---- CSV ------------------------------------------------------------------------------------------------------
def guard_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that Excel would run — starting with = + - @, a tab or CR, also after leading spaces — get a
    leading apostrophe; numbers, and text that is a plain number, stay as they are."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(guard_text)
    return out


def _plain_column(values: pd.Series, column: Column) -> list[object]:
    """The cells of a column as written, each distinct value formatted once (a calendar of 200 000 rows repeats
    a few hundred dates and labels)."""
    seen: dict[tuple[type, object], object] = {}
    out = []
    for value in values:
        key = (type(value), value)  # 1, 1.0 and True are equal keys but different cells
        try:
            cell = seen[key]
        except KeyError:
            cell = seen[key] = plain_cell(value, column)
        except TypeError:  # an unhashable cell (a list) is formatted as it comes
            cell = plain_cell(value, column)
        out.append(cell)
    return out


def to_csv(frame: pd.DataFrame, columns: dict[str, Column] | None = None) -> bytes:
    """CSV that Excel with Russian settings opens right: UTF-8 BOM, ';', decimal comma, dates 31.12.2024,
    numbers rounded as shown, Да/Нет for yes/no, formula-like text guarded."""
    out = pd.DataFrame({name: _plain_column(frame[name], column_of(frame, name, columns)) for name in frame.columns},
                       columns=list(frame.columns))
    # CRLF rows: a cell holding a lone CR is quoted instead of breaking its row
    return guard_formulas(out).to_csv(index=False, sep=";", lineterminator="\r\n").encode("utf-8-sig")


# ---- XLSX -----------------------------------------------------------------------------------------------------
_NUMBER_FORMATS = {"int": "#,##0", "money": "#,##0.00", "date": "dd.mm.yyyy", "year": "0", "general": "General"}


def _number_format(column: Column, values: pd.Series | None = None) -> str | None:
    """Excel's display format of a column (the cell keeps full precision). A plan or fact whose unit differs by
    row (kind value) shows whole numbers with thousands, and one decimal where any value has one."""
    if column.kind in _NUMBER_FORMATS:
        return _NUMBER_FORMATS[column.kind]
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
    book = openpyxl.Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for sheet in sheets:
        _write_sheet(book.create_sheet(_sheet_name(sheet.name, used)), sheet)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    base = "".join("_" if c in "[]:*?/\\" else c for c in name)[:31] or "Лист"
    out, n = base, 2
    while out.lower() in used:
        out = f"{base[:27]} ({n})"
        n += 1
    used.add(out.lower())
    return out


_TOP = Alignment(vertical="top")
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_FONT = Font(bold=True)
_HEADER_BORDER = Border(bottom=Side(style="thin"))


def _write_sheet(ws: Worksheet, sheet: Sheet) -> None:
    frame, columns, title = sheet.frame, sheet.columns, sheet.title
    first = 3 if title else 1  # the header's row (Excel numbers rows from 1)
    specs = [column_of(frame, c, columns) for c in frame.columns]
    formats = [_number_format(s, frame[c]) for s, c in zip(specs, frame.columns, strict=True)]
    for j, name in enumerate(frame.columns, start=1):
        cell = ws.cell(first, j)
        _put_text(cell, str(name))
        cell.font, cell.alignment, cell.border = _HEADER_FONT, _WRAP, _HEADER_BORDER
    for i, values in enumerate(frame.itertuples(index=False), start=first + 1):
        for j, (value, spec, fmt) in enumerate(zip(values, specs, formats, strict=True), start=1):
            _write_cell(ws.cell(i, j), value, spec, fmt)
    last = first + len(frame) + 2
    for k, note in enumerate(sheet.notes):
        _put_text(ws.cell(last + k, 1), note)
    for j, name in enumerate(frame.columns, start=1):  # fitted to the header and the first rows; long texts wrap
        longest = max([len(str(name))] + [len(_shown(v)) for v in frame[name].head(200)])
        ws.column_dimensions[get_column_letter(j)].width = min(max(longest, 4) + 2, MAX_WIDTH)
    if title:  # after the widths: a long title must not widen its column
        cell = ws.cell(1, 1)
        _put_text(cell, title)
        cell.font = Font(bold=True, size=13)
    ws.freeze_panes = ws.cell(first + 1, 1)
    # printed: landscape A4, as wide as one page, the header row on every page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = f"{first}:{first}"


def _shown(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def _put_text(cell: XlsxCell, text: str) -> None:
    """A text cell that never runs: the type is set after the value (openpyxl takes «=…» for a formula), and text
    a spreadsheet would run carries Excel's «'» prefix, so it is read back exactly as CSV reads it."""
    cell.value = CONTROL_CHARACTER.sub("\ufffd", xlsx_text(text))  # a cell cannot hold them (see the reader)
    cell.data_type = "s"
    if needs_guard(text):
        cell.quotePrefix = True


def _write_cell(cell: XlsxCell, value: object, spec: Column, fmt: str | None) -> None:
    if spec.kind == "date":
        day = _excel_date(value)
        if day is not None:
            cell.value = datetime(day.year, day.month, day.day)
            cell.number_format = fmt
        cell.alignment = _TOP
    elif spec.is_number:
        if isinstance(value, str):  # a year column's «Всего», a template's date of a control point
            if value:
                _put_text(cell, value)
        elif value is not None and not pd.isna(value):
            cell.value = float(value)
            cell.number_format = fmt
        cell.alignment = _TOP
    elif spec.kind == "yesno":
        _put_text(cell, plain_cell(value, spec))
        cell.alignment = _TOP
    else:
        if value is not None and not (isinstance(value, float) and pd.isna(value)):
            _put_text(cell, str(value))
        cell.alignment = _WRAP
