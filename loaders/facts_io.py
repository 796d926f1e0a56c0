"""Reading a filled facts file as Excel in Russia writes it: XLSX, or CSV in UTF-8 (with or without BOM),
UTF-16 or Windows-1251, separated by ';', ',' or tab, with decimal commas, thousands spaces and '%' signs.

Every problem is an `InputError` in Russian naming the file, the row (as Excel numbers it: the header is row 1)
and the column. Nothing is chosen in silence: repeated columns, rows with more or fewer fields than the header,
values without a column, formulas without a value, Excel errors, merged cells and a second sheet with data are
refused; limits (`loaders.limits`) are checked before a file is parsed.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
from openpyxl.utils import get_column_letter

from domain.formatting import count_of
from domain.spreadsheet import unguard_text
from loaders.errors import InputError, InputProblem
from loaders.limits import LIMITS, mb

MAX_IMPORT_BYTES = LIMITS.file_bytes
MAX_IMPORT_ROWS = LIMITS.rows

#: template columns in order; the required ones must be present in an uploaded file
COLUMNS = ["Паспорт", "Вид", "Раздел", "Код", "Наименование", "Мера", "Ед. изм.", "Год", "Накопительно",
           "План", "Отчётная дата", "Факт", "Статус", "Комментарий", "Причина отклонения", "Меры", "Источник"]
REQUIRED = ["Паспорт", "Вид", "Код", "Мера", "Год", "Факт"]
#: the name of the frame's index: the row of each fact as Excel numbers it
ROW_INDEX = "Строка"


@dataclass(frozen=True)
class Layout:
    """The columns a kind of file has: their names in order, which hold text (the formula guard's apostrophe is
    removed from them on reading, see domain.spreadsheet), and other names a user may give them."""

    columns: tuple[str, ...]
    numbers: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()

    @property
    def text_columns(self) -> list[str]:
        return [c for c in self.columns if c not in self.numbers]

    def canonical(self, name: str) -> str:
        lookup = {c.lower(): c for c in self.columns} | {a.lower(): c for a, c in self.aliases}
        return lookup.get(name.lower(), name)


FACTS_LAYOUT = Layout(tuple(COLUMNS), ("Год", "План", "Отчётная дата", "Факт"),
                      (("единица", "Ед. изм."), ("отчетная дата", "Отчётная дата"), ("причина", "Причина отклонения"),
                       ("принятые меры", "Меры")))
TEXT_COLUMNS = FACTS_LAYOUT.text_columns
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BadCell:
    """A cell that has no usable value (an Excel error, a formula without a value, …): why, in Russian."""

    message: str


Cell = str | BadCell


@dataclass
class Table:
    """A read file: its rows as text (index: Excel row numbers), the sheet read, and notes for the user."""

    frame: pd.DataFrame
    sheet: str | None = None
    notes: list[str] = field(default_factory=list)


class Problems:
    """Problems of one file, collected up to the limit; `fatal` stops reading at once."""

    def __init__(self, file: str):
        self.file = file
        self.items: list[InputProblem] = []

    def add(self, place: str, message: str) -> None:
        self.items.append(InputProblem(self.file, place, message))
        if len(self.items) >= LIMITS.problems:
            self.items.append(InputProblem(self.file, "", f"проверка остановлена после {LIMITS.problems} ошибок"))
            raise InputError(self.items)

    def fatal(self, message: str, place: str = "") -> InputError:
        """The error to raise: what was found so far and this."""
        return InputError([*self.items, InputProblem(self.file, place, message)])

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)


# ---- reading an uploaded file -------------------------------------------------------------------
def read_file(raw: bytes, name: str, layout: Layout = FACTS_LAYOUT) -> Table:
    """A filled template as strings, or InputError in Russian. Sizes are checked before parsing."""
    from loaders import facts_csv, facts_xlsx

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
        rows, sheet, notes = facts_xlsx.read_rows(raw, problems)
    else:
        rows = facts_csv.read_rows(raw, problems)
    frame = table_frame(rows, problems, strict_width=kind != "zip", layout=layout)
    notes += _unknown_columns(frame, layout)
    return Table(frame, sheet, notes)


def read_table(raw: bytes, name: str, layout: Layout = FACTS_LAYOUT) -> pd.DataFrame:
    """The rows of a filled template as strings (see read_file); raises InputError in Russian."""
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
                layout: Layout = FACTS_LAYOUT) -> pd.DataFrame:
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


def canonical_column(name: object, layout: Layout = FACTS_LAYOUT) -> str:
    """A header cell as the template names it: «факт» -> «Факт», «Единица» -> «Ед. изм.»."""
    text = " ".join(str(name).replace("\ufeff", "").split())
    return layout.canonical(text)


def cell_text(value: object) -> Cell:
    """An Excel cell's value as the text a CSV would hold (dates as ДД.ММ.ГГГГ, decimals with a point)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, datetime | date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return BadCell("число не конечно (бесконечность или не число): введите значение")
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        import numpy as np

        return np.format_float_positional(value, trim="-")
    text = str(value)
    if len(text) > LIMITS.cell_chars:
        return BadCell(f"в ячейке {count_of(len(text), 'символ', 'символа', 'символов')} при пределе "
                       f"{LIMITS.cell_chars}")
    return text


# ---- numbers and dates as Russian spreadsheets write them ------------------------------------------------------
class BadValue(ValueError):
    """A value that is not a number or a date; the message is Russian."""


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]{1,4})?")
MAX_NUMBER_CHARS = 40


def parse_number(text: str) -> float | None:
    """'1 280' / '12,5' / '42 %' / '1.5' / '1,5E+03' -> a finite float; '' -> None; anything else raises BadValue."""
    cleaned = _SPACES.sub("", str(text))
    cleaned = cleaned[:-1] if cleaned.endswith("%") else cleaned
    if cleaned == "":
        return None
    if len(cleaned) > MAX_NUMBER_CHARS:
        raise BadValue(f"число длиннее {MAX_NUMBER_CHARS} знаков: так не бывает, проверьте значение")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not _NUMBER.fullmatch(cleaned):
        raise BadValue(f"ожидается число, получено «{_short(text)}»")
    number = float(cleaned)
    if not math.isfinite(number):
        raise BadValue(f"число «{_short(text)}» слишком велико")
    return number


def parse_date(text: str) -> date | None:
    """'31.12.2024' or '2024-12-31' -> date; '' -> None; otherwise BadValue."""
    text = str(text).strip()
    if not text:
        return None
    if len(text) <= 40:
        for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d.%m.%y"):
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    raise BadValue(f"ожидается дата ДД.ММ.ГГГГ, получено «{_short(text)}»")


def _short(text: object, limit: int = 60) -> str:
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


def log_unexpected(name: str) -> None:
    """Keep the details of an unexpected failure for the developers, for a configured log only (the user sees a
    Russian message; below WARNING, Python prints nothing to a terminal when logging is not set up)."""
    _log.info("unexpected failure reading %s", name, exc_info=True)
