"""The words of the monitoring cycle, written once: kinds of reports and their deadlines, the states a report goes
through, and what a deadline looks like on the calendar. The deadline rules live here and nowhere else: change a
rule here and the calendar, the reminders and the portfolio follow.

Defaults after the Government's project-management rules (Постановление № 1288) and the regions' own: a monthly
report by the 2nd working day of the next month, a quarterly one (with the forecast of indicators) by the 5th
working day of the month after the quarter, the annual one by 20 January, moved to the next working day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.periods import Period, periods_of
from domain.terms import Term, Terms
from domain.working_days import nth_working_day_after, on_or_after

REPORT_KINDS = Terms("report_kind", [
    Term("monthly", "ежемесячный", note="контрольные точки, исполнение бюджета, риски"),
    Term("quarterly", "ежеквартальный", note="и прогноз достижения показателей"),
    Term("annual", "годовой", note="достижение показателей и результатов за год"),
])
REPORT_STATES = Terms("report_state", [
    Term("draft", "черновик", "#9e9e9e", "ещё не сдан на согласование"),
    Term("submitted", "на согласовании", "#1f77b4", "сдан, ждёт решения руководителя проекта"),
    Term("approved", "утверждён", "#2ca02c", "утверждён руководителем проекта"),
    Term("returned", "возвращён на доработку", "#d97706", "возвращён с причиной: исправьте и сдайте снова"),
])
#: how a report stands against its deadline on a day, with the colour the calendar shows it in
DEADLINE_MARKS = Terms("deadline_mark", [
    Term("late", "просрочен", "#c62828", "срок прошёл, отчёт не сдан"),
    Term("soon", "скоро срок", "#f59e0b", "до срока 3 рабочих дня или меньше"),
    Term("open", "в работе", "#9e9e9e", "срок ещё не близко"),
    Term("done", "сдан", "#2ca02c", "сдан или утверждён"),
    Term("future", "период не закончился", "#e0e0e0", ""),
])
#: a deadline this many working days away (or fewer) is «скоро срок», and a reminder goes out
DUE_SOON_WORKING_DAYS = 3


@dataclass(frozen=True)
class DeadlineRule:
    """When the report of a kind of period is due: the n-th working day after the period ends, or a fixed day of the
    next year (moved to the next working day when it is a day off)."""

    kind: str
    period_kind: str
    nth_working_day: int | None = None
    day_of_next_year: tuple[int, int] | None = None

    def deadline(self, period: Period) -> date:
        if self.day_of_next_year is not None:
            month, day = self.day_of_next_year
            return on_or_after(date(period.year + 1, month, day))
        return nth_working_day_after(period.end, self.nth_working_day or 1)


DEADLINE_RULES = (
    DeadlineRule("monthly", "month", nth_working_day=2),
    DeadlineRule("quarterly", "quarter", nth_working_day=5),
    DeadlineRule("annual", "year", day_of_next_year=(1, 20)),
)
RULE_OF_KIND = {r.kind: r for r in DEADLINE_RULES}
RULE_OF_PERIOD = {r.period_kind: r for r in DEADLINE_RULES}


def report_kind(period: Period) -> str:
    """The kind of report a period gets: a month monthly, a quarter quarterly, a year annual."""
    return RULE_OF_PERIOD[period.kind].kind


def deadline(period: Period) -> date:
    """The day the report of a period is due."""
    return RULE_OF_PERIOD[period.kind].deadline(period)


def report_periods(first: date, last: date) -> list[Period]:
    """Every period within a passport's term that gets a report: its months, quarters and years, in time order
    (the year after the quarters and months that end with it)."""
    out: list[Period] = []
    for year in range(first.year, last.year + 1):
        for kind in ("month", "quarter", "year"):
            out += [p for p in periods_of(year, kind) if p.end >= first and p.start <= last]
    return sorted(out, key=lambda p: (p.end, ("month", "quarter", "year").index(p.kind)))


def soon_from(due: date) -> date:
    """The first day a deadline counts as near: DUE_SOON_WORKING_DAYS working days before it (from then on at most
    that many working days are left)."""
    return nth_working_day_after(due, -DUE_SOON_WORKING_DAYS)


def mark(period: Period, state: str | None, today: date) -> str:
    """How the report of a period stands on a day: done once submitted or approved; before the period ends it is
    not due; after the deadline late; from soon_from on «скоро срок». (The calendar mart computes the same in
    SQL from the table of deadlines.)"""
    if state in ("submitted", "approved"):
        return "done"
    if today <= period.end:
        return "future"
    due = deadline(period)
    if today > due:
        return "late"
    return "soon" if today >= soon_from(due) else "open"


#: the years the table of deadlines covers (the model's `report_deadline`): every passport's term fits in it
DEADLINE_YEARS = range(2015, 2036)


def deadline_rows() -> list[dict]:
    """Every reporting period of DEADLINE_YEARS with its kind of report, deadline and the day it becomes near."""
    rows = []
    for year in DEADLINE_YEARS:
        for period in report_periods(date(year, 1, 1), date(year, 12, 31)):
            due = deadline(period)
            rows.append(dict(period_code=period.code, period_kind=period.kind, kind=report_kind(period),
                             period_label=period.label, period_start=period.start, period_end=period.end,
                             deadline=due, soon_from=soon_from(due)))
    return rows
