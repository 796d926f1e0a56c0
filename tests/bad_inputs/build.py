"""Files made at test time: XLSX shapes Excel writes, and bombs too big to commit (built in a few seconds)."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl

HEADER = ["Паспорт", "Вид", "Раздел", "Код", "Мера", "Год", "Факт", "Источник"]
GOOD = ["amur", "показатель", "", "1.1", "", 2019, 3.5, "отчёт"]
SHEET = "xl/worksheets/sheet1.xml"


def book(rows: list[list], *, title: str = "Факты", extra: dict[str, list[list]] | None = None,
         hidden: dict[str, list[list]] | None = None, merged: list[str] = ()) -> bytes:
    """A workbook: the first sheet with the rows (header first), other visible and hidden sheets, merged cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for ref in merged:
        ws.merge_cells(ref)
    for name, sheet_rows in (extra or {}).items():
        other = wb.create_sheet(name)
        for row in sheet_rows:
            other.append(row)
    for name, sheet_rows in (hidden or {}).items():
        other = wb.create_sheet(name)
        other.sheet_state = "hidden"
        for row in sheet_rows:
            other.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _replace(raw: bytes, member: str, edit) -> bytes:
    """The workbook with one member's XML changed by edit(text) -> text."""
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == member:
                data = edit(data.decode()).encode()
            dst.writestr(info.filename, data)
    return out.getvalue()


def with_cells(raw: bytes, cells: dict[str, str]) -> bytes:
    """Put raw cell XML in place of existing cells (formulas without a value, error values)."""
    def edit(text: str) -> str:
        for ref, xml in cells.items():
            text, n = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', xml, text, count=1)
            assert n == 1, ref
        return text
    return _replace(raw, SHEET, edit)


def claimed_dimension(raw: bytes, ref: str = "A1:XFD1048576") -> bytes:
    """A sheet that claims to be the whole grid but holds a few cells."""
    return _replace(raw, SHEET, lambda t: re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>', t))


def sheet_xml(rows: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData>{rows}</sheetData></worksheet>')


def wide_rows(rows: int = 2000) -> bytes:
    """Every row holds a cell in the last column, XFD: read naively, each row is 16 384 cells."""
    header = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(HEADER))
    body = "".join(f'<row r="{n}"><c r="XFD{n}" t="inlineStr"><is><t>x</t></is></c></row>' for n in range(2, rows))
    return _replace(book([HEADER]), SHEET, lambda _: sheet_xml(f'<row r="1">{header}</row>{body}'))


def far_row(row: int = 1_048_576) -> bytes:
    """A header and one cell far below it: a sheet of a million rows, almost all missing."""
    header = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(HEADER))
    far = f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>amur</t></is></c></row>'
    return _replace(book([HEADER]), SHEET, lambda _: sheet_xml(f'<row r="1">{header}</row>{far}'))


def zip_bomb(member_bytes: int = 1024**3, member: str = SHEET) -> bytes:
    """A real workbook whose sheet unpacks to member_bytes (a gigabyte by default) of XML whitespace."""
    src = zipfile.ZipFile(io.BytesIO(book([HEADER, GOOD])))
    out = io.BytesIO()
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            if info.filename != member:
                dst.writestr(info.filename, src.read(info))
                continue
            with dst.open(member, "w", force_zip64=True) as stream:
                stream.write(src.read(info)[:-len("</worksheet>")].replace(b"<sheetData>", b"<sheetData>", 1))
                for _ in range(member_bytes // len(chunk)):
                    stream.write(chunk)
                stream.write(b"</worksheet>")
    return out.getvalue()
