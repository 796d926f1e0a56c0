"""The formula guard of every file the app writes: a text cell that a spreadsheet would run is written as text.

A cell whose text starts with = + - @, a tab or a carriage return — also after leading spaces — is a formula to
Excel. CSV gets a leading apostrophe (`'=1+2`); XLSX writes the same text as a string cell (`xlsx_text`).
Reading a file back, `unguard_text` removes exactly the apostrophe the guard added: a template round-trips unchanged.
Numbers (`-3`, `+7,5`, `-12 %`) are numbers, not formulas: they are never guarded.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
_LEADING_SPACES = " \u00a0"
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9 \u00a0]*(?:[.,][0-9]+)?(?:[eE][+-]?[0-9]+)? ?%?")


def needs_guard(text: str) -> bool:
    """True when a spreadsheet would take the text for a formula (or it already starts with the guard)."""
    stripped = text.lstrip(GUARD).lstrip(_LEADING_SPACES)
    return stripped.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(stripped)


def guard_text(value: object) -> object:
    """Text a spreadsheet would run gets the guard apostrophe; anything else is returned as it is."""
    if isinstance(value, str) and needs_guard(value):
        return GUARD + value
    return value


def xlsx_text(text: str) -> str:
    """What an XLSX text cell holds so that unguard_text reads the text back: the text itself (the cell is text,
    nothing runs), with the guard only before text that itself starts with an apostrophe (as in CSV)."""
    return GUARD + text if text.startswith(GUARD) and needs_guard(text) else text


def unguard_text(text: str) -> str:
    """The inverse of guard_text: drop the apostrophe the guard added, keep any other."""
    if text.startswith(GUARD) and needs_guard(text[1:]):
        return text[1:]
    return text
