"""Blocks shared by the measure pages: plan against fact of one measure (chart, table, exports)."""

import pandas as pd
import streamlit as st

from charts.plan_fact import plan_fact_bars
from charts.style import STATUS_COLORS
from domain.formatting import fmt_num, fmt_pct
from domain.vocabulary import NO_FACTS
from metrics import targets
from ui.common import Filters, empty_state, example_note, export_buttons, figure


def plan_fact_block(f: Filters, key: str, title: str, territory: str, series: pd.DataFrame,
                    reference: pd.DataFrame, y_title: str, percent: bool, not_planned: str) -> None:
    """One measure: plan against fact by year (chart, table, exports), or words where a chart misleads."""
    st.markdown(f"**{title}**")
    if series.empty:
        empty_state(not_planned)
        return
    if series["fact_value"].isna().all():
        empty_state(NO_FACTS)
    example_note(series)
    table = targets.chart_table(series, reference)
    years = sorted(series["year"].unique())
    if len(years) == 1:
        empty_state(f"Паспорт планирует это значение только на один год — {years[0]}: "
                    "график по годам не строится.")
        for row in series.itertuples():
            c1, c2 = st.columns(2)
            c1.metric(f"План на {years[0]} · {row.series}", fmt_value(row.plan_value, percent))
            c2.metric("Факт", fmt_value(row.fact_value, percent, "нет данных"))
        export_buttons(key, f"{title} — {territory}", table, f)
    else:
        fig = figure(plan_fact_bars, series, "", y_title, reference, percent=percent)
        st.plotly_chart(fig, width="stretch", key=f"chart_{key}")
        export_buttons(key, f"{title} — {territory}", table, f, fig)
    shown = targets.display_table(table, percent)
    st.dataframe(shown.style.map(status_css, subset=["Статус"]), hide_index=True, width="stretch")


def fmt_value(value: float | None, percent: bool, empty: str = "—") -> str:
    return fmt_pct(value, 1, empty) if percent else fmt_num(value, 1, empty)


def status_css(status: str) -> str:
    return f"color: {STATUS_COLORS[status]}; font-weight: 600" if status in STATUS_COLORS else ""
