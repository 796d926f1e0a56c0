"""The printed text of a passport made plain: HTML tags and footnote marks out, numbers with a decimal comma read,
codes as printed and as stored, words broken by a page joined back. Nothing here corrects what is printed."""

from __future__ import annotations

import re

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_BLOCK_TAG = re.compile(r"</?(?:p|ul|li|br)\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")
#: «^{1 2}»: footnote marks a converter wrote as text
_BRACED_MARK = re.compile(r"\s*\^\{[\d\s]+\}")
_NUMBER = re.compile(r"^-?\d+(?:,\d+)?$")
_DATE = re.compile(r"^\d{2}\.\d{2}\.\d{4}$")
#: a code of a row as printed: «1.», «1.1», «3.1.1.», and «б.» (a «6.» printed with a Cyrillic letter)
_CODE = re.compile(r"^(?:\d+(?:\.\d+)*\.?|б\.)$")
#: endings that continue a word cut by a page break («экспериментальн» + «ые формы»)
_WORD_ENDINGS = {"ые", "ых", "ая", "ое", "ий", "ым", "ую", "ого", "ому", "ыми", "ого,", "ые,", "ых,"}


def strip_html(text: str) -> str:
    """Block tags become a space, inline tags (<i>, <u>) disappear."""
    return _TAG.sub("", _BLOCK_TAG.sub(" ", text))


def drop_footnotes(text: str) -> str:
    """Footnote marks out: before punctuation and at the end without a trace, between words as one space."""
    text = _BRACED_MARK.sub("", text)
    text = re.sub(rf"\s*[{SUPERSCRIPTS}]+\s*(?=[,.;:)»])", "", text)
    text = re.sub(rf"\s*[{SUPERSCRIPTS}]+\s*$", "", text)
    return re.sub(rf"\s*[{SUPERSCRIPTS}]+\s*", " ", text)


def clean(text: str | None) -> str | None:
    """A cell as plain text: no tags, no footnote marks, single spaces; None when nothing is left."""
    if text is None:
        return None
    text = re.sub(r"\s+", " ", drop_footnotes(strip_html(text))).strip()
    return re.sub(r"\)\s+,", "),", text) or None


def join_fragments(first: str, second: str) -> str:
    """A cell and its continuation after a page break: a word cut at a hyphen or before its ending is joined."""
    first, second = first.rstrip(), second.strip()
    if not first or not second:
        return first or second
    if re.search(r"\w-$", first) or (second.split()[0] in _WORD_ENDINGS and re.search(r"[а-яё]{5}$", first)):
        return first + second
    return first + " " + second


def number(cell: str | None) -> int | float | None:
    """A printed number («12,88», «1 280» is not one: a count is printed without spaces in a table) as int or
    float; None when the cell is not a plain number."""
    text = drop_footnotes(cell or "").strip().replace("\u00a0", "")
    if not _NUMBER.match(text):
        return None
    return float(text.replace(",", ".")) if "," in text else int(text)


def money(cell: str | None) -> float | None:
    """A printed amount of money (млн рублей) as float; None when the cell is not a plain number."""
    value = number(cell)
    return None if value is None else float(value)


def is_date(text: str | None) -> bool:
    """Whether a cell is a plain date «ДД.ММ.ГГГГ»."""
    return bool(text and _DATE.match(text))


def is_code(text: str | None) -> bool:
    """Whether a cell is the code of a row as the form prints it."""
    return bool(text and _CODE.match(text.strip()))


def code_of(printed: str) -> str:
    """The stored code of a printed one: the trailing dot dropped; «б.» (a Cyrillic б for 6) → «6»."""
    printed = printed.strip()
    return "6" if printed == "б." else printed.rstrip(".")


def parent_code(code: str | None) -> str | None:
    """The code of the row a code details: «3.1.2» → «3.1»; None for a top-level code."""
    return code.rsplit(".", 1)[0] if code and "." in code else None


def depth(code: str) -> int:
    """How many parts a code has: «3» → 1, «3.1.2» → 3."""
    return code.count(".") + 1


def year_cells(years: list[int], cells: list[str], read) -> tuple[dict, dict]:
    """A row's year columns: the values `read` makes numbers of, and the cells printed as something else («-», «*»)
    as printed."""
    values, printed = {}, {}
    for year, cell in zip(years, cells, strict=False):
        cell = cell.strip()
        if cell:
            value = read(cell)
            if value is None:
                printed[year] = cell
            else:
                values[year] = value
    return values, printed
