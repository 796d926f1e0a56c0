"""The cells of a spreadsheet as the readers hand them on: text, or a cell without a usable value (`BadCell`, with
the Russian reason); the layout of a kind of file (its columns); the problems of one file, collected up to a limit.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np

from domain.formatting import count_of
from domain.limits import LIMITS
from domain.problems import InputError, InputProblem

#: characters no spreadsheet cell holds (XML 1.0 has no place for them): everything below space but tab and line
#: breaks, and DEL
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: the name of a read table's index: the row of each record as Excel numbers it (the header is row 1)
ROW_INDEX = "Строка"
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Layout:
    """The columns a kind of file has: their names in order, which hold text (the formula guard's apostrophe is
    removed from them on reading, see spreadsheets.guard), and other names a user may give them."""

    columns: tuple[str, ...]
    numbers: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()

    @property
    def text_columns(self) -> list[str]:
        return [c for c in self.columns if c not in self.numbers]

    def canonical(self, name: str) -> str:
        lookup = {c.lower(): c for c in self.columns} | {a.lower(): c for a, c in self.aliases}
        return lookup.get(name.lower(), name)


@dataclass(frozen=True)
class BadCell:
    """A cell that has no usable value (an Excel error, a formula without a value, …): why, in Russian."""

    message: str


Cell = str | BadCell


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


def cell_as_text(value: object) -> Cell:
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
        return np.format_float_positional(value, trim="-")
    text = str(value)
    if len(text) > LIMITS.cell_chars:
        return BadCell(f"в ячейке {count_of(len(text), 'символ', 'символа', 'символов')} при пределе "
                       f"{LIMITS.cell_chars}")
    return checked_text(text)


def checked_text(text: str) -> Cell:
    """A cell's text, or why not: an invisible control character (not a tab or a line break) is no text a person
    typed — it is refused rather than kept where a spreadsheet later could not write it."""
    found = CONTROL_CHARACTER.search(text)
    if found is None:
        return text
    return BadCell(f"в ячейке невидимый управляющий символ (код 0x{ord(found.group()):02X}, позиция "
                   f"{found.start() + 1}): удалите его")


def log_unexpected(name: str) -> None:
    """Keep the details of an unexpected failure for the developers, for a configured log only (the user sees a
    Russian message; below WARNING, Python prints nothing to a terminal when logging is not set up)."""
    _log.info("unexpected failure reading %s", name, exc_info=True)
