"""Numbers and dates as Russian spreadsheets write them: «1 280», «12,5», «42 %», «1,5E+03»; «31.12.2024»,
«2024-12-31». A value that is neither raises `BadValue` with the Russian reason."""

from __future__ import annotations

import math
import re
from datetime import date, datetime


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
        raise BadValue(f"ожидается число, получено «{short(text)}»")
    number = float(cleaned)
    if not math.isfinite(number):
        raise BadValue(f"число «{short(text)}» слишком велико")
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
    raise BadValue(f"ожидается дата ДД.ММ.ГГГГ, получено «{short(text)}»")


def short(text: object, limit: int = 60) -> str:
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


