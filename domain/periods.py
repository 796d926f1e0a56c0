"""Reporting periods: a year («2021»), a quarter («2021-Q3») or a month («2021-09»), their last day (the reporting
date of a report on them) and their Russian names."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

KINDS = {"year": "год", "quarter": "квартал", "month": "месяц"}
_PATTERN = re.compile(r"^\s*(\d{4})(?:-(?:[QqКк](\d)|(\d{1,2})))?\s*$")


class PeriodError(ValueError):
    """A period that cannot be read; the message is Russian."""


@dataclass(frozen=True)
class Period:
    """A reporting period: kind year | quarter | month, its year and number (quarter 1–4, month 1–12)."""

    kind: str
    year: int
    number: int = 0

    @classmethod
    def parse(cls, text: str) -> Period:
        """«2021», «2021-Q3» (also «2021-К3»), «2021-09»; PeriodError in Russian otherwise."""
        m = _PATTERN.match(str(text))
        if not m:
            raise PeriodError(f"период «{text}» не распознан: укажите год (2021), квартал (2021-Q3) или месяц "
                              "(2021-09)")
        year = int(m.group(1))
        if m.group(2):
            quarter = int(m.group(2))
            if not 1 <= quarter <= 4:
                raise PeriodError(f"квартал {quarter} не существует: от 1 до 4")
            return cls("quarter", year, quarter)
        if m.group(3):
            month = int(m.group(3))
            if not 1 <= month <= 12:
                raise PeriodError(f"месяц {month} не существует: от 01 до 12")
            return cls("month", year, month)
        return cls("year", year)

    @property
    def code(self) -> str:
        """The period as the command line writes it."""
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        return str(self.year)

    @property
    def start(self) -> date:
        if self.kind == "quarter":
            return date(self.year, 3 * self.number - 2, 1)
        if self.kind == "month":
            return date(self.year, self.number, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        """The last day: the reporting date of a report on this period."""
        if self.kind == "quarter":
            month = 3 * self.number
        elif self.kind == "month":
            month = self.number
        else:
            month = 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def label(self) -> str:
        """«2021 год», «III квартал 2021 г.», «сентябрь 2021 г.»."""
        if self.kind == "quarter":
            return f"{('I', 'II', 'III', 'IV')[self.number - 1]} квартал {self.year} г."
        if self.kind == "month":
            return f"{format_date(self.start, 'LLLL', locale='ru')} {self.year} г."
        return f"{self.year} год"

    @property
    def is_year_end(self) -> bool:
        return self.end == date(self.year, 12, 31)


def periods_of(year: int, kind: str) -> list[Period]:
    """Every period of a kind in a year, in order."""
    if kind == "quarter":
        return [Period("quarter", year, q) for q in range(1, 5)]
    if kind == "month":
        return [Period("month", year, m) for m in range(1, 13)]
    return [Period("year", year)]


def latest_closed(today: date, kind: str = "quarter") -> Period:
    """The last period of a kind that has ended by today (the one a report is due on)."""
    candidates = [p for y in (today.year - 1, today.year) for p in periods_of(y, kind) if p.end < today]
    return candidates[-1]
