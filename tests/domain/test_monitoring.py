"""The report calendar on the official Russian production calendar of 2024–2025 (the Government's decrees № 1314
of 10.08.2023 and № 1335 of 04.10.2024): holidays, moved days off and Saturdays worked, and the deadlines the
monitoring cycle's rules give — checked by hand against the published calendars."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.monitoring import deadline, mark, report_kind, report_periods, soon_from
from domain.periods import Period
from domain.working_days import day_off_name, is_working_day, nth_working_day_after, working_days_between


@pytest.mark.parametrize("day", [date(2025, 1, d) for d in range(1, 9)] + [
    date(2024, 1, 8), date(2024, 4, 29), date(2024, 4, 30), date(2024, 5, 10), date(2024, 12, 30),
    date(2024, 12, 31), date(2025, 5, 2), date(2025, 5, 8), date(2025, 6, 13), date(2025, 11, 3), date(2025, 12, 31),
    date(2024, 2, 23), date(2024, 6, 12), date(2025, 3, 10) - timedelta(days=2)])
def test_holidays_and_moved_days_off_are_not_working_days(day):
    assert not is_working_day(day)


@pytest.mark.parametrize("day", [date(2024, 4, 27), date(2024, 11, 2), date(2024, 12, 28), date(2025, 11, 1),
                                 date(2025, 1, 9), date(2024, 5, 2)])
def test_saturdays_worked_by_decree_and_the_first_days_after_the_new_year_are_working_days(day):
    assert is_working_day(day)


def test_a_day_off_says_why_in_russian():
    assert day_off_name(date(2025, 1, 3)) == "Новогодние каникулы"
    assert "перенесено" in day_off_name(date(2024, 12, 30)).lower()


@pytest.mark.parametrize(("period", "due"), [
    ("2024-12", date(2025, 1, 10)),   # the example: the 2nd working day after the New Year holidays
    ("2024-Q4", date(2025, 1, 15)),   # the 5th working day of January 2025
    ("2024", date(2025, 1, 20)),      # 20 January 2025 is a Monday
    ("2023", date(2024, 1, 22)),      # 20 January 2024 is a Saturday: moved to Monday
    ("2024-10", date(2024, 11, 2)),   # 1 November, then Saturday 2 November worked by decree
    ("2024-04", date(2024, 5, 3)),    # 1 May off; 2 and 3 May worked
    ("2025-04", date(2025, 5, 6)),    # 1–4 May off (2 May moved), then 5 and 6 May
    ("2024-Q1", date(2024, 4, 5)),
    ("2025-Q1", date(2025, 4, 7)),
])
def test_deadlines_follow_the_rules_on_the_working_day_calendar(period, due):
    assert deadline(Period.parse(period)) == due


def test_every_period_of_a_term_gets_its_kind_of_report():
    periods = report_periods(date(2018, 11, 1), date(2019, 2, 28))
    assert [p.code for p in periods] == ["2018-11", "2018-12", "2018-Q4", "2018", "2019-01", "2019-02", "2019-Q1",
                                         "2019"]
    assert [report_kind(p) for p in periods[:4]] == ["monthly", "monthly", "quarterly", "annual"]


def test_how_a_report_stands_on_a_day():
    december = Period.parse("2024-12")
    assert mark(december, None, date(2024, 12, 20)) == "future"
    assert soon_from(date(2025, 1, 10)) == date(2024, 12, 27)  # 9 January, Saturday 28.12, Friday 27.12
    assert mark(december, None, date(2025, 1, 3)) == "soon"
    assert mark(december, "draft", date(2025, 1, 10)) == "soon"
    assert mark(december, "returned", date(2025, 1, 11)) == "late"
    assert mark(december, "submitted", date(2025, 3, 1)) == "done"
    assert mark(Period.parse("2024"), None, date(2025, 1, 9)) == "open"  # 20.01 is more than 3 working days away


@given(st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 12, 31)), st.integers(min_value=1, max_value=10))
def test_the_nth_working_day_after_a_day_is_n_working_days_away(day, n):
    later = nth_working_day_after(day, n)
    assert is_working_day(later) and working_days_between(day, later) == n
