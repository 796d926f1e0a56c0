"""A DOCX passport → lines: every paragraph a line of one cell, every table row a line of cells in grid columns —
a cell merged across columns gives its text to its first column and leaves the others empty, a cell merged down
gives its text to its first row (as the text extract of the documents has them). The archive is checked before
it is opened: size, members, unpacked sizes and compression ratio (a zip bomb is refused unread)."""

from __future__ import annotations

import io
import zipfile

from docx import Document as open_docx
from docx.oxml.ns import qn

from domain.limits import LIMITS, mb
from domain.problems import InputError, InputProblem
from passport_documents.document import Document, Line


def check_archive(data: bytes, name: str) -> None:
    """Refuse an archive that is not a Word document or would unpack to more than the limits allow."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError([InputProblem(name, "", "файл повреждён: это не документ Word (DOCX)")]) from None
    if len(members) > LIMITS.xlsx_members:
        raise InputError([InputProblem(name, "", f"в архиве DOCX больше {LIMITS.xlsx_members} частей")])
    if "word/document.xml" not in {m.filename for m in members}:
        raise InputError([InputProblem(name, "", "это не документ Word (DOCX): в архиве нет word/document.xml")])
    total = 0
    for m in members:
        total += m.file_size
        if m.file_size > LIMITS.xlsx_sheet_bytes:
            raise InputError([InputProblem(name, m.filename, f"часть документа распаковывается больше чем в "
                                                             f"{mb(LIMITS.xlsx_sheet_bytes)}")])
        if m.file_size > LIMITS.xlsx_ratio_from and m.file_size > LIMITS.xlsx_ratio * max(m.compress_size, 1):
            raise InputError([InputProblem(name, m.filename, f"часть документа сжата больше чем в "
                                                             f"{LIMITS.xlsx_ratio} раз — похоже на «zip-бомбу»")])
    if total > LIMITS.xlsx_total_bytes:
        raise InputError([InputProblem(name, "", f"документ распаковывается больше чем в "
                                                 f"{mb(LIMITS.xlsx_total_bytes)}")])


def _row_cells(tr) -> list[str]:
    """A table row's cells by grid column: a horizontal merge's text in its first column, a vertical merge's
    continuation empty."""
    cells: list[str] = []
    for tc in tr.iter(qn("w:tc")):
        if tc.getparent() is not tr:
            continue
        props = tc.tcPr
        span = 1
        continued = False
        if props is not None:
            grid = props.find(qn("w:gridSpan"))
            if grid is not None:
                span = int(grid.get(qn("w:val")) or 1)
            merge = props.find(qn("w:vMerge"))
            continued = merge is not None and merge.get(qn("w:val")) in (None, "continue")
        paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))]
        text = "" if continued else " ".join(p for p in paragraphs if p)
        cells += [text] + [""] * (span - 1)
    return cells


def read_docx(data: bytes, name: str) -> Document:
    """Lines of a DOCX: paragraphs and table rows in the order of the document's body."""
    check_archive(data, name)
    try:
        body = open_docx(io.BytesIO(data)).element.body
    except Exception:  # noqa: BLE001 - python-docx raises many kinds for a damaged part
        raise InputError([InputProblem(name, "", "документ Word не открывается: файл повреждён")]) from None
    lines: list[Line] = []
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            lines.append(Line(len(lines) + 1, (text,)))
        elif child.tag == qn("w:tbl"):
            for tr in child.iter(qn("w:tr")):
                lines.append(Line(len(lines) + 1, tuple(_row_cells(tr))))
    return Document(name, "docx", lines)
