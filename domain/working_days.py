"""Working days of the official Russian production calendar: public holidays, the New Year holidays (1–8 January),
days off moved by the Government's decrees and the Saturdays worked instead — from python-holidays, a maintained
calendar (RU), never a hand-written list. Years whose decree is not out yet have the holidays of the law only."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _calendar() -> holidays.HolidayBase:
    return holidays.country_holidays("RU", language="ru")


def is_working_day(day: date) -> bool:
    """A weekday that is no holiday and no day off, or a Saturday worked by decree."""
    return bool(_calendar().is_working_day(day))


def day_off_name(day: date) -> str | None:
    """Why a weekday is a day off (the holiday, or «Выходной (перенесено с …)»); None for a working day."""
    return _calendar().get(day)


def nth_working_day_after(day: date, n: int) -> date:
    """The n-th working day after a day (the 2nd working day after 31.12.2024 is 10.01.2025)."""
    return _calendar().get_nth_working_day(day, n)


def on_or_after(day: date) -> date:
    """The day itself when it is a working day, else the next working day (20 January on a Sunday → 21)."""
    return day if is_working_day(day) else nth_working_day_after(day, 1)


def working_days_between(start: date, end: date) -> int:
    """Working days after start up to and including end (0 when end is not after start)."""
    if end <= start:
        return 0
    return int(_calendar().get_working_days_count(start + timedelta(days=1), end))
