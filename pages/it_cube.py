"""IT-куб: centres and children covered by year, plan against fact, and the share of the federal target."""

import pandas as pd
import streamlit as st

from charts.plan_fact import plan_fact_bars
from domain.formatting import fmt_num, fmt_pct
from metrics import targets
from ui.blocks import plan_fact_block
from ui.common import Filters, empty_state, export_buttons, figure, filters, passport_names, query


def cumulative_note(frame: pd.DataFrame) -> str:
    """How the passport counts the numbers: a running total or each year on its own."""
    if frame.empty:
        return ""
    if frame["is_cumulative"].fillna(False).astype(bool).all():
        return "Нарастающим итогом: каждое число — сколько всего к концу года."
    return "Не нарастающим итогом: число относится только к своему году."


def share_block(f: Filters, pid: str, territory: str, share: pd.DataFrame) -> None:
    """The passport's plan and fact as a share of the federal result it quotes (e.g. 1 of 20 = 5 %)."""
    st.markdown("**Доля региона в федеральном результате**")
    if share.empty:
        empty_state("Паспорт не цитирует федеральный результат по центрам «IT-куб» — долю не посчитать.")
        return
    labels = {"it_cubes": "Центры", "it_cube_children": "Дети"}
    share = share.sort_values(["measure", "year"], key=lambda c: c.map({"it_cubes": 0}).fillna(1)
                              if c.name == "measure" else c)
    series = share.assign(series=share["measure"].map(labels), plan_value=share["plan_share_pct"],
                          fact_value=share["fact_share_pct"])
    table = pd.DataFrame({
        "Ряд": series["series"], "Год": series["year"].astype(int),
        "План паспорта": series["plan_value_own"], "Федеральный результат": series["quoted_value"],
        "Доля плана, %": series["plan_share_pct"], "Факт": series["fact_value_own"],
        "Доля факта, %": series["fact_share_pct"],
    })
    title = "Доля плана и факта в федеральном результате"
    fig = figure(plan_fact_bars, series, "", "% федерального результата", percent=True)
    st.plotly_chart(fig, width="stretch", key=f"chart_share_{pid}")
    export_buttons(f"it_cube_share_{pid}", f"{title} — {territory}", table, f, fig)
    shown = table.copy()
    for col in ("План паспорта", "Федеральный результат", "Факт"):
        shown[col] = [fmt_num(v, 0) for v in shown[col]]
    for col in ("Доля плана, %", "Доля факта, %"):
        shown[col] = [fmt_pct(v, 1) for v in shown[col]]
    st.dataframe(shown, hide_index=True, width="stretch")
    st.caption("Доля = план (или факт) паспорта ÷ федеральный результат того же года, как его цитирует "
               "паспорт. Федеральный результат — цель по России, фактов к нему нет.")


st.title("IT-куб")
f = filters()
st.caption("Центры цифрового образования детей «IT-куб» и охват детей — цели результатов раздела 3 паспорта.")

names = passport_names()
years = (f.year_from, f.year_to)
measures = ("it_cubes", "it_cube_children")
own = query(targets.measure_plan_fact, f.passport_ids, f.as_of, measures, *years)
shares = query(targets.share_of_quoted, f.passport_ids, f.as_of, measures, *years)
empty_ref = targets.reference_frame(None)

for col, pid in zip(st.columns(len(f.passport_ids)), f.passport_ids, strict=True):
    with col:
        territory = names.get(pid, pid)
        st.subheader(territory)
        mine = own[own["passport_id"] == pid]
        for measure, y_title, word in (("it_cubes", "центров", "центры «IT-куб»"),
                                       ("it_cube_children", "детей", "охват детей «IT-кубом»")):
            part = mine[mine["measure"] == measure]
            plan_fact_block(f, f"{measure}_{pid}", targets.MEASURE_LABELS[measure], territory,
                            targets.series_frame(measures=part), empty_ref, y_title, False,
                            f"Паспорт не планирует {word} в {f.year_from}–{f.year_to} гг.")
            if len(part):
                st.caption(cumulative_note(part))
            st.divider()
        mine_share = shares[shares["passport_id"] == pid].rename(
            columns={"plan_value": "plan_value_own", "fact_value": "fact_value_own"})
        share_block(f, pid, territory, mine_share)
