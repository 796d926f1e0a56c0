"""Обзор: the passports at a glance and headline cards linking to each page."""

import streamlit as st

from domain.formatting import fmt_date, fmt_money, fmt_num, fmt_pct
from domain.vocabulary import FUNDING_SOURCES, PASSPORT_LEVELS
from metrics import overview
from ui.common import empty_state, example_note, export_buttons, filters, query

st.title("Обзор")
f = filters()

summary = query(overview.passport_summary)
st.subheader("Паспорта")
table = summary.assign(
    Паспорт=summary["title"],
    Территория=summary["territory"],
    Уровень=summary["level"].map(PASSPORT_LEVELS.label),
    Период=[f"{fmt_date(a)} – {fmt_date(b)}" for a, b in zip(summary["start_date"], summary["end_date"], strict=True)],
    Показателей=summary["indicator_count"],
    Результатов=summary["result_count"],
    Мероприятий=summary["activity_count"],
    **{"Финансирование, млн руб.": summary["funding_total_mln_rub"].round(2)},
)[["Паспорт", "Территория", "Уровень", "Период", "Показателей", "Результатов", "Мероприятий",
   "Финансирование, млн руб."]]
st.dataframe(table, hide_index=True, width="stretch",
             column_config={"Финансирование, млн руб.": st.column_config.NumberColumn(format="%.2f")})
st.caption("Финансирование — сумма по источникам раздела 4 «Финансовое обеспечение» паспорта.")
export_buttons("passports", "Паспорта проекта", table, f)

names = dict(zip(summary["passport_id"], summary["territory"], strict=True))
for pid in f.passport_ids:
    st.divider()
    st.subheader(names.get(pid, pid))
    c1, c2, c3 = st.columns(3)
    counts = query(overview.status_counts, (pid,), f.as_of, f.year_from, f.year_to)
    by_status = dict(zip(counts["status"], counts["n"], strict=True))
    with c1.container(border=True):
        st.markdown("**Показатели** (план по годам)")
        st.metric("Достигнуто", int(by_status.get("достигнут", 0)))
        st.write(f"Риск: {by_status.get('риск', 0)} · не достигнуто: {by_status.get('не достигнут', 0)} · "
                 f"нет данных: {by_status.get('нет данных', 0)} · в работе: {by_status.get('в работе', 0)}")
        st.page_link("pages/indicators.py", label="Показатели →")
    cubes = query(overview.measure_totals, (pid,), f.as_of, ("it_cubes", "it_cube_children"), f.year_to)
    with c2.container(border=True):
        st.markdown("**IT-куб**")
        if cubes.empty:
            st.write("Паспорт не планирует центры «IT-куб» в выбранные годы.")
        for row in cubes.itertuples():
            label = "Центры" if row.measure == "it_cubes" else "Дети"
            st.metric(f"{label}: план на {row.plan_year}", fmt_num(row.plan_value, 0),
                      help="Факт — последнее внесённое значение")
            st.write(f"Факт: {fmt_num(row.fact_value, 0, empty='нет данных')}")
        st.page_link("pages/it_cube.py", label="IT-куб →")
    net = query(overview.measure_totals, (pid,), f.as_of, ("orgs_internet_pct",), f.year_to)
    with c3.container(border=True):
        st.markdown("**Интернет 100/50 Мбит/с**")
        if net.empty:
            st.write("Паспорт не планирует долю организаций с интернетом в выбранные годы.")
        for row in net.itertuples():
            st.metric(f"Доля организаций: план на {row.plan_year}", fmt_pct(row.plan_value))
            st.write(f"Факт: {fmt_pct(row.fact_value, empty='нет данных')}")
        st.page_link("pages/internet.py", label="Интернет →")
    c4, c5 = st.columns([1, 2])
    training = query(overview.measure_totals, (pid,), f.as_of, ("workers_trained", "workers_trained_orgs_count"),
                     f.year_to)
    with c4.container(border=True):
        st.markdown("**Кадры**")
        if training.empty:
            st.write("Паспорт не называет числа обучаемых работников в выбранные годы.")
        for row in training.itertuples():
            label = "Работников обучено" if row.measure == "workers_trained" else "Организаций, где обучены работники"
            st.metric(f"{label}: план на {row.plan_year}", fmt_num(row.plan_value, 0))
            st.write(f"Факт: {fmt_num(row.fact_value, 0, empty='нет данных')}")
        st.page_link("pages/training.py", label="Кадры →")
    money = query(overview.money_by_source, (pid,), f.as_of, f.year_from, f.year_to)
    with c5.container(border=True):
        st.markdown(f"**Финансирование {f.year_from}–{f.year_to}** (раздел 4 паспорта)")
        if money.empty:
            empty_state("В выбранные годы раздел 4 паспорта не планирует средств.")
        else:
            planned, spent = money["plan_mln_rub"].sum(), money["fact_mln_rub"].sum(min_count=1)
            st.metric("Запланировано", fmt_money(planned))
            st.write(f"Исполнено (кассово): {fmt_money(spent, empty='нет данных')}")
            st.write(" · ".join(f"{FUNDING_SOURCES.label(r.source, r.source)}: {fmt_money(r.plan_mln_rub)}"
                                for r in money.itertuples()))
            example_note(money)
        st.page_link("pages/funding.py", label="Финансирование →")
