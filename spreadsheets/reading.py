"""Reading a table as Excel in Russia writes it: XLSX, or CSV in UTF-8 (with or without BOM), UTF-16 or
Windows-1251, separated by ';', ',' or tab — into rows of text, indexed by their row number as Excel shows it.

Every problem is an `InputError` in Russian naming the file, the row (the header is row 1) and the column. Nothing
is chosen in silence: repeated columns, rows with more or fewer fields than the header, values without a column,
formulas without a value, Excel errors, merged cells and a second sheet with data are refused; limits
(`domain.limits`) are checked before a file is parsed. What the columns mean is the caller's (`Layout`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
from openpyxl.utils import get_column_letter

from domain.formatting import count_of
from domain.limits import LIMITS, mb
from spreadsheets import csv_reading, xlsx_reading
from spreadsheets.cells import ROW_INDEX, BadCell, Cell, Layout, Problems
from spreadsheets.guard import unguard_text


@dataclass
class Table:
    """A read file: its rows as text (index: Excel row numbers), the sheet read, and notes for the user."""

    frame: pd.DataFrame
    sheet: str | None = None
    notes: list[str] = field(default_factory=list)


# ---- reading an uploaded file -------------------------------------------------------------------
def read_file(raw: bytes, name: str, layout: Layout) -> Table:
    """The rows of a table file as strings, or InputError in Russian. Sizes are checked before parsing."""
    problems = Problems(name)
    if not raw:
        raise problems.fatal("файл пуст (0 байт)")
    if len(raw) > LIMITS.file_bytes:
        raise problems.fatal(f"файл слишком большой: {mb(len(raw))} при пределе {mb(LIMITS.file_bytes)}")
    kind = _format(raw, name)
    if kind == "ole":
        raise problems.fatal("файл в формате XLS (Excel 97–2003) или защищён паролем: сохраните его в Excel "
                             "как «Книга Excel (XLSX)» без пароля или как CSV")
    sheet, notes = None, []
    if kind == "zip":
        rows, sheet, notes = xlsx_reading.read_rows(raw, problems)
    else:
        rows = csv_reading.read_rows(raw, problems, layout)
    frame = table_frame(rows, problems, strict_width=kind != "zip", layout=layout)
    notes += _unknown_columns(frame, layout)
    return Table(frame, sheet, notes)


def read_table(raw: bytes, name: str, layout: Layout) -> pd.DataFrame:
    """The rows of a table file as strings (see read_file); raises InputError in Russian."""
    return read_file(raw, name, layout).frame


def _format(raw: bytes, name: str) -> str:
    if raw[:4] == b"PK\x03\x04" or raw[:4] == b"PK\x05\x06":
        return "zip"
    if raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "ole"
    if name.lower().endswith((".xlsx", ".xlsm")) and raw[:2] == b"PK":
        return "zip"
    return "csv"


def _unknown_columns(frame: pd.DataFrame, layout: Layout) -> list[str]:
    unknown = [c for c in frame.columns if c not in layout.columns]
    if not unknown:
        return []
    return ["столбцы не из шаблона не читаются: " + ", ".join(f"«{c}»" for c in unknown)]


# ---- rows -> frame: one header, no repeated columns, no ragged rows ------------------------------------------
def _text(cell: Cell | None) -> str:
    return cell if isinstance(cell, str) else ""


def _blank(cells: list[Cell]) -> bool:
    return all(isinstance(c, str) and not c.strip() for c in cells)


def table_frame(rows: Iterable[tuple[int, list[Cell]]], problems: Problems, strict_width: bool,
                layout: Layout) -> pd.DataFrame:
    """The first non-blank row is the header; the rest are facts, indexed by their Excel row number.

    strict_width (CSV): a row must have as many fields as the header (extra empty fields at the end are
    allowed); otherwise (XLSX) a value in a column without a header is refused.
    """
    rows = iter(rows)
    header_line, header = 0, []
    for line, cells in rows:
        if not _blank(cells):
            header_line, header = line, cells
            break
    else:
        raise problems.fatal("в файле нет ни одной строки: нужны строка заголовка и строки фактов")
    names = _header_names(header_line, header, problems, layout)
    width = len(names)
    data: list[list[str]] = []
    lines: list[int] = []
    for line, cells in rows:
        if line - header_line > LIMITS.rows:
            raise problems.fatal(f"больше {count_of(LIMITS.rows, 'строки', 'строк', 'строк')}: разделите файл",
                                 f"строка {line}")
        if _blank(cells):
            continue
        if len(cells) > width:
            extra = cells[width:]
            if not _blank(extra):
                if strict_width:
                    problems.add(f"строка {line}", f"{count_of(len(cells), 'поле', 'поля', 'полей')} при "
                                 f"{count_of(width, 'столбце', 'столбцах', 'столбцах')} заголовка: проверьте "
                                 "разделители и кавычки")
                else:
                    first = width + next(i for i, c in enumerate(extra) if not (isinstance(c, str) and not c.strip()))
                    problems.add(f"строка {line}, столбец {get_column_letter(first + 1)}",
                                 "значение в столбце без заголовка: дайте столбцу имя или удалите значение")
                continue
            cells = cells[:width]
        elif len(cells) < width and strict_width:
            problems.add(f"строка {line}", f"{count_of(len(cells), 'поле', 'поля', 'полей')} при "
                         f"{count_of(width, 'столбце', 'столбцах', 'столбцах')} заголовка: проверьте "
                         "разделители и кавычки")
            continue
        row = []
        for i, cell in enumerate(cells):
            if isinstance(cell, BadCell):
                problems.add(f"строка {line}, {_column_place(names, i)}", cell.message)
                cell = ""
            elif names[i] == "" and cell.strip():
                problems.add(f"строка {line}, столбец {get_column_letter(i + 1)}",
                             "значение в столбце без заголовка: дайте столбцу имя или удалите значение")
            row.append(cell)
        row += [""] * (width - len(row))
        data.append(row)
        lines.append(line)
    problems.raise_if_any()
    frame = pd.DataFrame(data, columns=[n or f"_{i}" for i, n in enumerate(names)],
                         index=pd.Index(lines, name=ROW_INDEX), dtype=object)
    frame = frame[[n for n in names if n]]
    for col in layout.text_columns:
        if col in frame.columns:
            frame[col] = frame[col].map(unguard_text)
    return frame


def _column_place(names: list[str], i: int) -> str:
    return f"столбец «{names[i]}»" if names[i] else f"столбец {get_column_letter(i + 1)}"


def _header_names(line: int, header: list[Cell], problems: Problems, layout: Layout) -> list[str | None]:
    """Canonical column names ("" for no name); a column named twice (also «Код» and «код», «Ед. изм.» and
    «Единица») is refused, its place None."""
    while header and isinstance(header[-1], str) and not header[-1].strip():
        header = header[:-1]
    if len(header) > LIMITS.columns:
        raise problems.fatal(f"{count_of(len(header), 'столбец', 'столбца', 'столбцов')} в заголовке при пределе "
                             f"{LIMITS.columns}", f"строка {line}")
    names, seen = [], {}
    for i, cell in enumerate(header):
        if isinstance(cell, BadCell):
            problems.add(f"строка {line}, столбец {get_column_letter(i + 1)}", cell.message)
            names.append(None)
            continue
        name = canonical_column(cell, layout)
        if name and name.lower() in seen:
            j = seen[name.lower()]
            problems.add(f"строка {line}, столбцы {get_column_letter(j + 1)} и {get_column_letter(i + 1)}",
                         f"столбец «{name}» повторяется («{str(header[j]).strip()}» и «{cell.strip()}»): "
                         "оставьте один")
            names.append(None)
            continue
        if name:
            seen[name.lower()] = i
        names.append(name)
    return names


def canonical_column(name: object, layout: Layout) -> str:
    """A header cell as the layout names it: «факт» -> «Факт», «Единица» -> «Ед. изм.»."""
    text = " ".join(str(name).replace("\ufeff", "").split())
    return layout.canonical(text)


# ---- numbers and dates as Russian spreadsheets write them ------------------------------------------------------
