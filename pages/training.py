"""Кадры: workers trained, teachers trained via «одно окно», managers retrained — plan against fact by year."""

import pandas as pd
import streamlit as st

from domain.formatting import fmt_date
from metrics import indicators, targets
from ui.blocks import plan_fact_block
from ui.common import filters, passport_names, query


def counting_note(frame: pd.DataFrame) -> None:
    """Say how the passport counts a measure: a running total or each year on its own."""
    if len(frame):
        running = frame["is_cumulative"].fillna(False).astype(bool).all()
        st.caption("Нарастающим итогом: каждое число — сколько всего к концу года." if running
                   else "Не нарастающим итогом: число относится только к своему году.")


st.title("Кадры")
f = filters()
st.caption("Повышение квалификации работников, обучение педагогов через ресурс «одного окна» и "
           "переподготовка руководителей: показатель 6 раздела 2 и цели результатов раздела 3 паспорта.")

names = passport_names()
years = (f.year_from, f.year_to)
span = f"в {f.year_from}–{f.year_to} гг."
measures = ("workers_trained", "workers_trained_orgs_count", "teachers_one_window", "teachers_one_window_pct",
            "managers_retrained")
own = query(targets.measure_plan_fact, f.passport_ids, f.as_of, measures, *years)
quoted = query(targets.quoted_targets, f.passport_ids, measures, *years)
teachers_ind = query(indicators.indicator_plan_fact, f.passport_ids, f.as_of, *years, ("6", "6.1"))
managers_text = query(targets.results_without_target, f.passport_ids, ("переподготовк", "руководител"))

for col, pid in zip(st.columns(len(f.passport_ids)), f.passport_ids, strict=True):
    with col:
        territory = names.get(pid, pid)
        st.subheader(territory)
        mine = own[own["passport_id"] == pid]
        refs = quoted[quoted["passport_id"] == pid]

        def measure(name: str, mine: pd.DataFrame = mine) -> pd.DataFrame:
            return mine[mine["measure"] == name]

        def reference(name: str, refs: pd.DataFrame = refs) -> pd.DataFrame:
            return targets.reference_frame(refs[refs["base_measure"] == name])

        workers = measure("workers_trained")
        plan_fact_block(f, f"workers_{pid}", targets.MEASURE_LABELS["workers_trained"], territory,
                        targets.series_frame(measures=workers), reference("workers_trained"), "человек", False,
                        f"Паспорт не называет числа работников, которые пройдут повышение квалификации, {span}")
        counting_note(workers)
        if not reference("workers_trained").empty:
            st.caption("Ромбы — федеральный результат (по России), как его цитирует паспорт: только план.")
        st.divider()

        orgs = measure("workers_trained_orgs_count")
        plan_fact_block(f, f"workers_orgs_{pid}", targets.MEASURE_LABELS["workers_trained_orgs_count"],
                        territory, targets.series_frame(measures=orgs), reference("workers_trained_orgs_count"),
                        "организаций", False,
                        f"Паспорт не считает организации, где обучены все работники, {span}")
        counting_note(orgs)
        st.divider()

        share = targets.series_frame(teachers_ind[teachers_ind["passport_id"] == pid],
                                     measure("teachers_one_window_pct"))
        share_ref = reference("teachers_one_window_pct")
        plan_fact_block(f, f"teachers_share_{pid}", targets.MEASURE_LABELS["teachers_one_window_pct"],
                        territory, share, share_ref, "% педагогов", True,
                        f"Паспорт не планирует долю педагогов, обученных через «одно окно», {span}")
        if not share_ref.empty:
            st.caption("Ромбы — региональный результат (цель Томской области), как его цитирует паспорт.")
        st.divider()

        plan_fact_block(f, f"teachers_count_{pid}", targets.MEASURE_LABELS["teachers_one_window"], territory,
                        targets.series_frame(measures=measure("teachers_one_window")),
                        reference("teachers_one_window"), "человек", False,
                        f"Паспорт не называет числа педагогов, обученных через «одно окно», {span} — "
                        "только их долю (выше), где она напечатана.")
        st.divider()

        plan_fact_block(f, f"managers_{pid}", targets.MEASURE_LABELS["managers_retrained"], territory,
                        targets.series_frame(measures=measure("managers_retrained")),
                        reference("managers_retrained"), "человек", False,
                        f"Паспорт не называет числа руководителей, которые пройдут переподготовку, {span}")
        for row in managers_text[managers_text["passport_id"] == pid].itertuples():
            st.markdown(f"Результат {row.result_code} (срок — {fmt_date(row.deadline)}), без числа: "
                        f"«{row.result_text}»")
