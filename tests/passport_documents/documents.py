"""Passport documents made from a passport's text for the tests and benchmarks: a DOCX whose tables have the form's
merged header cells, and a PDF with a text layer (fpdf2, DejaVu) whose tables are ruled as a printed passport's."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as new_docx
from docx.shared import Pt

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def segments(text: str) -> list[tuple[str, list[list[str]]]]:
    """The text as («p», [[line]]) paragraphs and («t», rows) tables: consecutive tab-separated lines."""
    out: list[tuple[str, list[list[str]]]] = []
    for raw in text.split("\n"):
        if "\t" in raw:
            if out and out[-1][0] == "t":
                out[-1][1].append(raw.split("\t"))
            else:
                out.append(("t", [raw.split("\t")]))
        else:
            out.append(("p", [[raw]]))
    return out


def _merges(rows: list[list[str]], width: int) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, column) of a header cell -> (columns, rows) it spans: a header cell followed by empty cells spans them
    when the line below fills them; a header cell over an empty cell of the line below spans both lines."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(rows[:-1]):
        if not row[0].strip().startswith("№ п/п"):
            continue
        below = rows[r + 1] + [""] * width
        row = row + [""] * (width - len(row))
        c = 0
        while c < width:
            if not row[c].strip():
                c += 1
                continue
            end = c + 1
            while end < width and not row[end].strip() and below[end].strip():
                end += 1
            down = 2 if end == c + 1 and not below[c].strip() else 1
            if end - c > 1 or down > 1:
                spans[(r, c)] = (end - c, down)
            c = end
    return spans


def make_docx(text: str) -> bytes:
    """A DOCX of the text: a paragraph per line, a table per run of table lines (header cells merged)."""
    doc = new_docx()
    doc.styles["Normal"].font.size = Pt(7)
    for kind, rows in segments(text):
        if kind == "p":
            doc.add_paragraph(rows[0][0])
            continue
        width = max(len(r) for r in rows)
        table = doc.add_table(rows=len(rows), cols=width)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if cell:
                    table.cell(r, c).text = cell
        for (r, c), (across, down) in _merges(rows, width).items():
            table.cell(r, c).merge(table.cell(r + down - 1, c + across - 1))
            table.cell(r, c).text = rows[r][c]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def make_pdf(text: str, repeat_from: str | None = None, pages: int = 0) -> bytes:
    """A PDF of the text (A4 landscape, DejaVu 6 pt): paragraphs as text lines, tables ruled cell by cell with the
    header cells merged. With `repeat_from` and `pages`, the lines from the first one starting with it to the end
    are printed again until the document has that many pages."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=6)
    pdf.set_auto_page_break(True, 8)
    pdf.set_margins(8, 8, 8)
    pdf.add_page()
    parts = segments(text)
    _print(pdf, parts)
    if repeat_from and pages:
        start = next(i for i, (_, rows) in enumerate(parts) if rows[0][0].startswith(repeat_from))
        while pdf.page_no() < pages:
            _print(pdf, parts[start:], until=pages)
    return bytes(pdf.output())


def _widths(pdf, rows: list[list[str]], width: int, usable: float, spans: dict) -> list[float]:
    """Column widths: each at least its longest word (a word is never cut inside a cell), the rest shared by the
    length of the columns' text."""
    def cells(c):
        return [r[c] for i, r in enumerate(rows) if c < len(r) and spans.get((i, c), (1, 1))[0] == 1]

    least = [max([pdf.get_string_width(w) for text in cells(c) for w in text.split()] or [2]) + 2.5
             for c in range(width)]
    weights = [min(max(max((len(t) for t in cells(c)), default=0), 6), 400) ** 0.7 for c in range(width)]
    spare = max(usable - sum(least), 0)
    return [least[c] + spare * weights[c] / sum(weights) for c in range(width)]


def _print(pdf, parts, until: int = 0) -> None:
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    for kind, rows in parts:
        if until and pdf.page_no() >= until:
            return
        if kind == "p":
            if rows[0][0].strip():
                pdf.multi_cell(0, 2.6, rows[0][0], new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.ln(2)
            continue
        width = max(len(r) for r in rows)
        spans = _merges(rows, width)
        widths = _widths(pdf, rows, width, usable, spans)
        covered = {(r + dr, c + dc) for (r, c), (across, down) in spans.items()
                   for dr in range(down) for dc in range(across) if (dr, dc) != (0, 0)}
        with pdf.table(col_widths=widths, text_align="LEFT", first_row_as_headings=False, line_height=2.5,
                       padding=0.6) as table:
            for r, row in enumerate(rows):
                line = table.row()
                for c in range(width):
                    if (r, c) in covered:
                        continue
                    across, down = spans.get((r, c), (1, 1))
                    line.cell(row[c] if c < len(row) else "", colspan=across, rowspan=down)
