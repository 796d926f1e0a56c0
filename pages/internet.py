"""Интернет: share and number of organisations with 100/50 Mbit/s internet, plan against fact by year."""

import streamlit as st

from metrics import indicators, targets
from ui.blocks import plan_fact_block
from ui.common import filters, passport_names, query

st.title("Интернет")
f = filters()
st.caption("Образовательные организации с интернетом не менее 100 Мбит/с в городах и 50 Мбит/с в сельской "
           "местности: показатель раздела 2 паспорта и цели результатов раздела 3. «Федеральный результат» — "
           "цель по России, «региональный результат» — цель Томской области, как их цитирует паспорт.")

names = passport_names()
years = (f.year_from, f.year_to)
share_ind = query(indicators.indicator_plan_fact, f.passport_ids, f.as_of, *years, ("1", "1.1"))
share_res = query(targets.measure_plan_fact, f.passport_ids, f.as_of, ("orgs_internet_pct",), *years)
count_res = query(targets.measure_plan_fact, f.passport_ids, f.as_of, ("orgs_internet_count",), *years)
quoted = query(targets.quoted_targets, f.passport_ids, ("orgs_internet_pct", "orgs_internet_count"), *years)

for col, pid in zip(st.columns(len(f.passport_ids)), f.passport_ids, strict=True):
    with col:
        territory = names.get(pid, pid)
        st.subheader(territory)
        mine = quoted[quoted["passport_id"] == pid]
        share = targets.series_frame(share_ind[share_ind["passport_id"] == pid],
                                     share_res[share_res["passport_id"] == pid])
        share_ref = targets.reference_frame(mine[mine["base_measure"] == "orgs_internet_pct"])
        plan_fact_block(f, f"internet_share_{pid}", "Доля организаций с интернетом 100/50 Мбит/с", territory,
                        share, share_ref, "% организаций", True,
                        f"Паспорт не планирует долю организаций с интернетом в {f.year_from}–{f.year_to} гг.")
        if share_ref.empty:
            st.caption("Паспорт не цитирует цель уровня выше по доступу к интернету в выбранные годы.")
        else:
            levels = " и ".join(dict.fromkeys(share_ref["label"].str.lower()))
            st.caption(f"Ромбы — {levels}, процитированный в паспорте: только план, фактов к нему нет.")
        st.divider()
        count = targets.series_frame(measures=count_res[count_res["passport_id"] == pid])
        count_ref = targets.reference_frame(mine[mine["base_measure"] == "orgs_internet_count"])
        plan_fact_block(f, f"internet_count_{pid}", "Число организаций с интернетом 100/50 Мбит/с", territory,
                        count, count_ref, "организаций", False,
                        "Паспорт не называет числа организаций с интернетом в выбранные годы — только долю.")
