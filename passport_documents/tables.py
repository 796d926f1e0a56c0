"""The form's tables as rows: the header a page break repeats is skipped, footnotes and blank lines too, and a row a
page break cut is joined back (a line with an empty first cell right after a repeated header is the rest of the
row above, cell by cell)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from passport_documents.document import Document
from passport_documents.words import SUPERSCRIPTS, join_fragments

_SUB_HEADER_CELL = re.compile(rf"^(Значение|Дата|Начало|Окончание|\d{{4}}(\s*[{SUPERSCRIPTS}]+)?|\(млн\.?\s*рублей\))$")


@dataclass
class Row:
    """A row of a table: the line it starts on, its cells (joined across a page break) and every line it took."""

    line: int
    cells: list[str]
    lines: list[int] = field(default_factory=list)
    #: the rest of the row above, cut by a page break (a piece of it, before `merge`)
    continues: bool = False

    def cell(self, index: int) -> str:
        return self.cells[index] if 0 <= index < len(self.cells) else ""


def is_header(cells: tuple[str, ...] | list[str]) -> bool:
    """The first line of a table's header: «№ п/п …»."""
    return cells[0].strip().startswith("№ п/п")


def is_sub_header(cells: tuple[str, ...] | list[str]) -> bool:
    """The second line of a header: «Значение  Дата  2019 …», «Начало  Окончание», the years of a money table."""
    filled = [c.strip() for c in cells if c.strip()]
    return not cells[0].strip() and bool(filled) and all(_SUB_HEADER_CELL.match(c) for c in filled)


def is_footnote(text: str) -> bool:
    """A footnote under a table: it starts with a footnote mark or «*»."""
    text = text.lstrip()
    return bool(text) and (text[0] in SUPERSCRIPTS or text.startswith("*"))


def header_years(doc: Document, start: int, end: int) -> list[int]:
    """The year columns of the first table header between two lines (empty when it prints none)."""
    for number in range(start, end + 1):
        cells = doc.line(number).cells
        if is_sub_header(cells):
            return [int(c.strip()[:4]) for c in cells if re.match(r"^\d{4}", c.strip())]
    return []


def pieces(doc: Document, start: int, end: int,
           starts_row: Callable[[list[str]], bool] | None = None) -> list[Row]:
    """The table lines between two lines (inclusive), each a piece; a line with an empty first cell right after a
    page-break header is marked as the rest of the row above — unless `starts_row` tells it begins a row of its own
    (a source under «Всего по проекту»)."""
    found: list[Row] = []
    after_header = False
    for number in range(start, end + 1):
        line = doc.line(number)
        text = line.text
        if not text.strip() or is_footnote(text):
            continue
        cells = list(line.cells)
        if is_header(cells) or (after_header and is_sub_header(cells)):
            after_header = True
            continue
        continues = bool(after_header and found and not cells[0].strip() and not (starts_row and starts_row(cells)))
        after_header = False
        found.append(Row(number, cells, [number], continues))
    return found


def merge(found: list[Row]) -> list[Row]:
    """Pieces joined into rows: each rest of a cut row joined to the row above, cell by cell."""
    out: list[Row] = []
    for piece in found:
        if piece.continues and out:
            row = out[-1]
            row.cells += [""] * (len(piece.cells) - len(row.cells))
            for i, cell in enumerate(piece.cells):
                if cell.strip():
                    row.cells[i] = join_fragments(row.cells[i], cell)
            row.lines.append(piece.line)
        else:
            out.append(Row(piece.line, list(piece.cells), [piece.line]))
    return out


def rows(doc: Document, start: int, end: int,
         starts_row: Callable[[list[str]], bool] | None = None) -> list[Row]:
    """The table rows between two lines (inclusive), cut rows joined back."""
    return merge(pieces(doc, start, end, starts_row))
