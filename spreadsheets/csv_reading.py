"""CSV as Excel and other programs save it: the encoding and separator found, rows read strictly with `csv`."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator

from domain.formatting import count_of
from domain.limits import LIMITS
from spreadsheets.cells import BadCell, Cell, Layout, Problems, checked_text

#: single-byte Cyrillic encodings, tried in this order; the one under which the header reads wins
_CYRILLIC = ("cp1251", "koi8_r", "cp866", "mac_cyrillic")


def decode(raw: bytes, problems: Problems, layout: Layout) -> str:
    """The text of a CSV: a BOM names the encoding; else UTF-8; else the Cyrillic code page in which the header
    names most of the layout's columns."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return _text_only(raw.decode(encoding), problems)
            except UnicodeDecodeError as exc:
                raise problems.fatal(f"файл повреждён: байт {exc.start} не читается в кодировке, которую "
                                     "называет его начало (BOM)") from None
    try:
        return _text_only(raw.decode("utf-8"), problems)
    except UnicodeDecodeError:
        pass
    head = raw[:4096].split(b"\n", 1)[0]
    known = [c.lower() for c in layout.columns]
    scored = []
    for encoding in _CYRILLIC:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        header = head.decode(encoding, errors="replace").lower()
        scored.append((sum(name in header for name in known), -_CYRILLIC.index(encoding), text))
    if not scored:
        raise problems.fatal("кодировка не распознана: сохраните файл как CSV (UTF-8 или Windows-1251)")
    return _text_only(max(scored)[2], problems)


def _text_only(text: str, problems: Problems) -> str:
    if "\x00" in text:
        raise problems.fatal("файл двоичный, а не таблица: сохраните его как CSV (UTF-8 или Windows-1251) или XLSX")
    return text


def sniff_separator(text: str) -> str:
    """';', tab or ',' — whichever the first non-blank line has most of (';' when it has none)."""
    head = next((line for line in text[:65536].splitlines() if line.strip()), "")
    counts = {sep: head.count(sep) for sep in (";", "\t", ",")}
    return max(counts, key=counts.get) if any(counts.values()) else ";"


def read_rows(raw: bytes, problems: Problems, layout: Layout) -> Iterator[tuple[int, list[Cell]]]:
    """(row number as Excel shows it, cells) of every record; a blank line is a row too."""
    text = decode(raw, problems, layout)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_separator(text), strict=True)
    return _records(reader, problems)


def _records(reader, problems: Problems) -> Iterator[tuple[int, list[Cell]]]:
    line = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise problems.fatal(_csv_message(str(exc)), f"строка {line + 1}") from None
        line += 1
        if len(record) > LIMITS.columns + 1 and any(c.strip() for c in record[LIMITS.columns:]):
            raise problems.fatal(f"{count_of(len(record), 'поле', 'поля', 'полей')} при пределе {LIMITS.columns}",
                                 f"строка {line}")
        yield line, [_cell(c) for c in record]


def _cell(text: str) -> Cell:
    if len(text) > LIMITS.cell_chars:
        return BadCell(f"в ячейке {count_of(len(text), 'символ', 'символа', 'символов')} при пределе "
                       f"{LIMITS.cell_chars}")
    return checked_text(text)


def _csv_message(english: str) -> str:
    """The csv module's complaint in Russian."""
    if "field larger than field limit" in english:
        return f"ячейка длиннее {LIMITS.cell_chars} символов (или не закрыта кавычка)"
    if "unexpected end of data" in english or "EOF" in english:
        return "кавычка, открытая в этой строке, не закрыта до конца файла"
    if "expected after" in english:
        return "после закрывающей кавычки идёт текст: возьмите в кавычки всю ячейку, а кавычки внутри удвойте"
    return "строка не разбирается как CSV: проверьте кавычки и разделители"
