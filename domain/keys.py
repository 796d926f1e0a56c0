"""The fact key: what one stored fact is about. Written once; the store, the importer and SQL follow it."""

from __future__ import annotations

from dataclasses import astuple, dataclass, fields, replace
from datetime import date


@dataclass(frozen=True, order=True)
class FactKey:
    """Passport, kind, funding section, code, measure, year, reporting date, example or real.

    `section` is the funding table ('' for other kinds), `measure` the result measure or the funding source
    ('' for indicators and control points), `year` the plan year (0 for a control point without a deadline),
    `reporting_date` the day the value is true for (the end of the reported month, quarter or year).
    """

    passport_id: str
    kind: str
    section: str = ""
    code: str = ""
    measure: str = ""
    year: int = 0
    reporting_date: date | None = None
    is_example: bool = False

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @property
    def target(self) -> tuple[str, str, str, str, str, int]:
        """What the fact is planned against: (passport, kind, section, code, measure, year)."""
        return (self.passport_id, self.kind, self.section, self.code, self.measure, self.year)

    def values(self) -> tuple:
        return astuple(self)

    def with_reporting_date(self, day: date) -> FactKey:
        return replace(self, reporting_date=day)


#: the columns of a fact key, in order (the facts store's primary key)
FACT_KEY_FIELDS = FactKey.field_names()
#: the columns a fact is planned against (fact_target's key)
TARGET_KEY_FIELDS = FACT_KEY_FIELDS[:6]


def default_reporting_date(year: int, entered_on: date) -> date:
    """A fact given without a reporting date is reported on the earlier of 31.12 of its year and the day it was
    entered (a year-end figure entered later belongs to that year's end; one entered during the year, to that day)."""
    if not year:
        return entered_on
    return min(date(int(year), 12, 31), entered_on)
