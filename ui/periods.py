"""Choosing a reporting period on a page: year, quarter or month of the chosen years; by default the last one ended
in the passport's time zone."""

from __future__ import annotations

import streamlit as st

from domain.periods import KINDS, Period, latest_closed, periods_of
from panels.base import Filters
from ui.filters import today_in


def period_picker(f: Filters, passport_id: str, key: str, label: str = "Отчёт за") -> Period:
    """Kind, year and period in one row; the default is the last quarter ended by today where the passport is."""
    today = today_in(passport_id)
    years = list(range(f.year_from, f.year_to + 1))
    c1, c2, c3 = st.columns([1, 1, 2])
    kind = c1.selectbox(label, list(KINDS), format_func=KINDS.get, index=1, key=f"{key}_kind")
    default = latest_closed(today, kind)
    year = c2.selectbox("Год", years, index=years.index(default.year) if default.year in years else len(years) - 1,
                        key=f"{key}_year")
    options = periods_of(year, kind)
    start = next((i for i, p in enumerate(options) if p.code == default.code), len(options) - 1)
    return c3.selectbox("Период", options, index=start, format_func=lambda p: p.label, key=f"{key}_{kind}_{year}")
