"""A PDF passport with a text layer → lines. Each page's text runs come from PDFium (pypdfium2, the engine
pdfplumber renders with: 60 pages in 0,4 s, where pdfminer's character-by-character parsing needs 5 s); the table
rulings from its drawn paths. A run inside a ruled cell is that cell's text; cells sharing a top edge are a table
row, their column the cell's left edge among the table's vertical rulings (so a merged cell speaks in its first
column and row); runs outside cells are lines of text. A PDF without text (a scan) is refused."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

import pypdfium2 as pdfium

from domain.problems import InputError, InputProblem
from passport_documents.document import Document, Line
from passport_documents.words import SUPERSCRIPTS

#: pages and characters a passport PDF may have (the 884-line Amur passport prints 60 pages, 170 000 characters)
MAX_PAGES = 1000
MAX_CHARS = 5_000_000
#: points: rulings closer than this are one; a ruling thinner than this is a line, not a box
SNAP = 1.5
THIN = 2.0
#: a line that starts something of its own: a numbered heading, a footnote, an appendix or the plan
_OPENS = re.compile(rf"^(\d+\.\s|[{SUPERSCRIPTS}*]|ПРИЛОЖЕНИЕ|ПЛАН|МЕТОДИКА|ПАСПОРТ)")
SCANNED = "в PDF нет текста: нужен документ с текстовым слоем или DOCX"


@dataclass
class _Run:
    left: float
    bottom: float
    right: float
    top: float
    text: str


def _rulings(page) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) rulings: thin paths, and the edges of drawn boxes."""
    across, down = [], []
    for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_PATH]):
        left, bottom, right, top = obj.get_bounds()
        width, height = right - left, top - bottom
        if height < THIN <= width:
            across.append(((bottom + top) / 2, left, right))
        elif width < THIN <= height:
            down.append(((left + right) / 2, bottom, top))
        elif width >= THIN and height >= THIN:
            inset = min(1.0, width / 4, height / 4) / 2
            across += [(top - inset, left, right), (bottom + inset, left, right)]
            down += [(left + inset, bottom, top), (right - inset, bottom, top)]
    return across, down


def _cell(run: _Run, across, down) -> tuple[float, float, float, float] | None:
    """The ruled cell (left, right, top, bottom) around a run, or None when no rulings enclose it."""
    cx, cy = (run.left + run.right) / 2, (run.bottom + run.top) / 2
    lefts = [x for x, y0, y1 in down if x <= run.left + SNAP and y0 - SNAP <= cy <= y1 + SNAP]
    rights = [x for x, y0, y1 in down if x >= run.right - SNAP and y0 - SNAP <= cy <= y1 + SNAP]
    tops = [y for y, x0, x1 in across if y >= run.top - SNAP and x0 - SNAP <= cx <= x1 + SNAP]
    bottoms = [y for y, x0, x1 in across if y <= run.bottom + SNAP and x0 - SNAP <= cx <= x1 + SNAP]
    if not (lefts and rights and tops and bottoms):
        return None
    return max(lefts), min(rights), min(tops), max(bottoms)


def _join(runs: list[_Run]) -> str:
    """Runs of one cell (or line) as text: lines top to bottom joined by a space, runs of a line left to right."""
    lines: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (-r.top, r.left)):
        if lines and abs(lines[-1][0].top - run.top) < SNAP:
            lines[-1].append(run)
        else:
            lines.append([run])
    texts = []
    for line in lines:
        parts = sorted(line, key=lambda r: r.left)
        text = parts[0].text
        for before, run in zip(parts, parts[1:], strict=False):
            text += (" " if run.left - before.right > 1.0 else "") + run.text
        texts.append(text.strip())
    return " ".join(t for t in texts if t)


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _page_lines(page) -> list[tuple[float, tuple[str, ...]]]:
    """(top, cells) of every line of one page, in no particular order."""
    text_page = page.get_textpage()
    runs = []
    for i in range(text_page.count_rects()):
        left, bottom, right, top = text_page.get_rect(i)
        text = text_page.get_text_bounded(left, bottom, right, top)
        if text.strip():
            runs.append(_Run(left, bottom, right, top, text.replace("\r", " ").replace("\n", " ")))
    across, down = _rulings(page)
    cells: dict[tuple[float, float, float, float], list[_Run]] = {}
    free: list[_Run] = []
    for run in runs:
        box = _cell(run, across, down)
        if box is None:
            free.append(run)
        else:
            cells.setdefault(tuple(round(v, 1) for v in box), []).append(run)
    out: list[tuple[float, tuple[str, ...]]] = []
    rows: dict[float, list[tuple[float, float, float, str]]] = {}
    for (left, right, top, bottom), found in cells.items():
        key = next((t for t in rows if abs(t - top) < SNAP), top)
        rows.setdefault(key, []).append((left, right, bottom, _join(found)))
    tables: list[list[float]] = []  # the tops of each table's rows; a row starts where the one above ends
    bottom_of = {top: max(c[2] for c in cells_) for top, cells_ in rows.items()}
    for top in sorted(rows, reverse=True):
        if tables and abs(bottom_of[tables[-1][-1]] - top) < SNAP:
            tables[-1].append(top)
        else:
            tables.append([top])
    for table in tables:
        high, low = table[0], min(c[2] for t in table for c in rows[t])
        grid = _snap([x for x, y0, y1 in down if y1 > low + SNAP and y0 < high - SNAP])
        for top in table:
            width = max(len(grid) - 1, 1)
            line = [""] * width
            for left, _, _, text in rows[top]:
                column = min(max(bisect_left(grid, left - SNAP), 0), width - 1)
                line[column] = text
            out.append((top, tuple(line)))
    lines: list[list[_Run]] = []
    for run in sorted(free, key=lambda r: -r.top):
        if lines and abs(lines[-1][0].top - run.top) < SNAP:
            lines[-1].append(run)
        else:
            lines.append([run])
    out += [(max(r.top for r in para), (_join(para),)) for para in _paragraphs(lines, page.get_width())]
    return out


def _paragraphs(lines: list[list[_Run]], page_width: float) -> list[list[_Run]]:
    """Lines of text that continue a paragraph (the line above ran to the right margin without ending a sentence,
    they start at its left edge, right below it) joined into it."""
    out: list[list[_Run]] = []
    right_edge = max((max(r.right for r in line) for line in lines), default=0.0)
    for line in lines:
        if out:
            above = out[-1]
            last = [r for r in above if abs(r.top - min(x.top for x in above)) < SNAP]
            height = max(r.top - r.bottom for r in line)
            full = max(r.right for r in last) > right_edge - 0.06 * page_width
            close = min(r.bottom for r in last) - max(r.top for r in line) < 0.8 * height
            aligned = abs(min(r.left for r in line) - min(r.left for r in above)) < 3 * SNAP
            ended = _join(last).rstrip().endswith((".", ":", ";", "!", "?"))
            opens = _OPENS.match(_join(line))
            if full and close and aligned and not ended and not opens:
                above.extend(line)
                continue
        out.append(list(line))
    return out


def read_pdf(data: bytes, name: str) -> Document:
    """Lines of a PDF, page by page, top to bottom."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise InputError([InputProblem(name, "", "файл PDF повреждён или защищён паролем")]) from None
    try:
        if len(pdf) > MAX_PAGES:
            raise InputError([InputProblem(name, "", f"в PDF больше {MAX_PAGES} страниц")])
        lines: list[Line] = []
        chars = 0
        for index in range(len(pdf)):
            page = pdf[index]
            found = sorted(_page_lines(page), key=lambda item: -item[0])
            for _, cells in found:
                chars += sum(len(c) for c in cells)
                lines.append(Line(len(lines) + 1, cells))
            if chars > MAX_CHARS:
                raise InputError([InputProblem(name, f"страница {index + 1}",
                                               f"в PDF больше {MAX_CHARS:,} знаков текста".replace(",", " "))])
        if chars == 0:
            raise InputError([InputProblem(name, "", SCANNED)])
        return Document(name, "pdf", lines)
    finally:
        pdf.close()
