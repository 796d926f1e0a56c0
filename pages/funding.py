"""Финансирование: money by year, line and source, federal share, plan vs spent, the document's own totals."""

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from charts import funding as charts
from domain.formatting import fmt_money, fmt_pct
from domain.vocabulary import FUNDING_SECTIONS
from metrics import funding
from ui.common import empty_state, example_note, export_buttons, figure, filters, passport_names, query


def show_table(frame: pd.DataFrame, highlight: str | None = None, height: int | str = "auto") -> None:
    """The table as shown: money 1 234,56 and percent 89,4 (Russian format, '—' where empty), long names
    kept narrow so the numbers stay in view; rows where the `highlight` column is False are tinted.
    The exports hold the same numbers as numbers."""
    shown = frame.copy()
    config: dict[str, object] = {}
    for col in frame.columns:
        name = str(col)
        if name.endswith("млн руб.") or name.endswith("%"):
            decimals = 2 if name.endswith("млн руб.") else 1
            shown[col] = [funding.ru_number(v, decimals) for v in frame[col]]
            config[name] = st.column_config.TextColumn(name, alignment="right")
        elif name.startswith("Наименование"):
            config[name] = st.column_config.TextColumn(name, width="medium")
    data: pd.DataFrame | Styler = shown
    if highlight:
        data = shown.style.apply(
            lambda row: ["background-color: #fde0dd" if not row[highlight] else ""] * len(row), axis=1)
    st.dataframe(data, hide_index=True, width="stretch", height=height, column_config=config)


def of(frame: pd.DataFrame, pid: str) -> pd.DataFrame:
    """The rows of one passport."""
    return frame[frame["passport_id"] == pid]


st.title("Финансирование")
f = filters()
names = passport_names()
section = st.radio("Таблица финансирования", funding.SECTIONS, format_func=FUNDING_SECTIONS.label,
                   horizontal=True, key="section", bind="query-params") or "passport"
st.caption("Суммы — млн руб., как напечатаны в паспорте. Расчётные итоги — сумма строк источников; "
           "итоги документа показаны рядом и не исправляются.")

have = query(funding.sections, f.passport_ids)
in_section = set(have.loc[have["section"] == section, "passport_id"])
tables = set(zip(have["passport_id"], have["section"], strict=True))
shown = [p for p in f.passport_ids if p in in_section]
for pid in f.passport_ids:
    if pid in in_section:
        continue
    if section == "additional":
        st.info(f"{names.get(pid, pid)}: в паспорте нет таблицы «Дополнительные материалы» — финансирование "
                "расписано только в разделе 4 «Финансовое обеспечение».", icon="ℹ️")
    else:
        st.info(f"{names.get(pid, pid)}: раздел 4 паспорта не называет ни одной суммы.", icon="ℹ️")
if not shown:
    st.stop()

# a passport whose table names no money in the years chosen is said so once, not in every chart
in_range = query(funding.money_by_year_source, tuple(shown), section, f.year_from, f.year_to)
marks = query(funding.markers, tuple(shown), section)
chosen = funding.years_label(list(range(f.year_from, f.year_to + 1)))
for pid in [p for p in shown if p not in set(in_range["passport_id"])]:
    note = funding.markers_sentence(of(marks, pid), (pid, "additional") in tables) if len(of(marks, pid)) else ""
    empty_state(f"{names.get(pid, pid)}: в {chosen} эта таблица сумм не называет. {note}".strip())
shown = [p for p in shown if p in set(in_range["passport_id"])]
if not shown:
    st.stop()

ids = tuple(shown)
args = (ids, section, f.year_from, f.year_to)
year_cols = query(funding.table_years, ids, section)
years = sorted(y for y in year_cols["year"] if f.year_from <= y <= f.year_to)
by_year_source = in_range
by_year = query(funding.money_by_year, *args)
by_line_source = query(funding.money_by_line_source, *args)
by_line = query(funding.money_by_line, *args)
plan_year = query(funding.plan_vs_spent_by_year, ids, section, f.as_of, f.year_from, f.year_to)
checks = query(funding.total_checks, *args)
period = funding.years_label(years)
side_by_side = len(shown) > 1
if side_by_side:
    st.caption("Паспорта рядом: годы и шкалы сумм общие, столбцы можно сравнивать. Строки (результаты) у "
               "паспортов свои — их графики идут один под другим.")


def columns(comparable: bool = True) -> list:
    """One place per passport shown: side by side when both are chosen and the chart compares them
    (same years, same scale); one under the other when it does not (each passport has its own lines)."""
    if side_by_side and comparable:
        return list(st.columns(len(shown)))
    return [st.container() for _ in shown]


# ---- key numbers ------------------------------------------------------------------------------------
for col, pid in zip(columns(), shown, strict=True):
    with col.container(border=True):
        st.markdown(f"**{names.get(pid, pid)}** · {FUNDING_SECTIONS[section].note} · {period}")
        yr = of(by_year, pid)
        computed = yr["computed_mln_rub"].sum(min_count=1)
        federal = yr["federal_mln_rub"].sum(min_count=1)
        c1, c2 = st.columns(2)
        c1.metric("Всего по источникам, млн руб.", funding.ru_number(computed, 2),
                  help=f"Сумма строк источников всех строк таблицы за {period}")
        share = federal / computed * 100 if pd.notna(computed) and computed > 0 else None
        c2.metric("Доля федерального бюджета", fmt_pct(share, 1))
        st.write(funding.printed_total_sentence(of(checks, pid), yr, computed,
                                        covers_all=set(years) >= set(of(year_cols, pid)["year"])))
        py = of(plan_year, pid)
        spent = py["spent_mln_rub"].sum(min_count=1)
        if pd.isna(spent):
            st.write("Исполнение: факты не внесены.")
        else:
            st.write(f"Исполнено (по внесённым фактам): {fmt_money(spent)} из {fmt_money(py['plan_mln_rub'].sum())} "
                     f"плана — {fmt_pct(spent / py['plan_mln_rub'].sum() * 100, 1)}.")

# ---- money by year and source ---------------------------------------------------------------------
st.subheader("Деньги по годам и источникам")
y_max = pd.concat([by_year["computed_mln_rub"], by_year["printed_total_mln_rub"]]).max()
for col, pid in zip(columns(), shown, strict=True):
    with col:
        ys, yr = of(by_year_source, pid), of(by_year, pid)
        if ys.empty:
            empty_state(f"{names.get(pid, pid)}: в {period} таблица не называет сумм.")
            continue
        title = f"Финансирование по годам и источникам — {names.get(pid, pid)}"
        fig = figure(charts.year_source_bars, ys, yr, title, years=years, y_max=y_max)
        st.plotly_chart(fig, width="stretch", key=f"chart_year_{pid}")
        if len(of(marks, pid)):
            st.caption(funding.markers_sentence(of(marks, pid), has_additional=(pid, "additional") in tables))
        table = funding.year_source_table(ys, yr)
        show_table(table)
        export_buttons(f"funding_year_{section}_{pid}", title, table, f, fig)

# ---- by line and source ---------------------------------------------------------------------------
st.subheader("По строкам (результатам) и источникам")
x_max = pd.concat([by_line["computed_mln_rub"], by_line["printed_mln_rub"]]).max()
for col, pid in zip(columns(comparable=False), shown, strict=True):
    with col:
        ls, ln = of(by_line_source, pid), of(by_line, pid)
        if ls.empty:
            empty_state(f"{names.get(pid, pid)}: в {period} ни одна строка не называет сумм по источникам.")
            continue
        title = f"Финансирование по строкам, {period} — {names.get(pid, pid)}"
        fig = figure(charts.line_source_bars, ls, ln, title, x_max=x_max)
        st.plotly_chart(fig, width="stretch", key=f"chart_line_{pid}")
        table = funding.line_source_table(ls, ln)
        show_table(table)
        export_buttons(f"funding_lines_{section}_{pid}", title, table, f, fig)

# ---- federal share --------------------------------------------------------------------------------
st.subheader("Доля федерального бюджета по годам")
for col, pid in zip(columns(), shown, strict=True):
    with col:
        yr = of(by_year, pid)
        table = funding.share_table(yr)
        if table.empty:
            empty_state(f"{names.get(pid, pid)}: в {period} нет сумм, долю не посчитать.")
            continue
        title = f"Доля федерального бюджета, % — {names.get(pid, pid)}"
        fig = figure(charts.federal_share_bars, yr, title, years=years)
        st.plotly_chart(fig, width="stretch", key=f"chart_share_{pid}")
        show_table(table)
        export_buttons(f"funding_share_{section}_{pid}", title, table, f, fig)

# ---- planned vs spent -----------------------------------------------------------------------------
st.subheader("План и исполнение")
plan_max = pd.concat([plan_year["plan_mln_rub"], plan_year["spent_mln_rub"]]).max()
st.caption("Исполнение, % = исполнено / запланировано. Факты — кассовое исполнение, внесённое на странице «Факты»; "
           f"учитываются факты за годы не позже {f.as_of:%Y} (дата «по состоянию на» {f.as_of:%d.%m.%Y}).")
for col, pid in zip(columns(), shown, strict=True):
    with col:
        py = of(plan_year, pid)
        if py.empty:
            empty_state(f"{names.get(pid, pid)}: на {period} план не задан.")
            continue
        detail = query(funding.plan_vs_spent, (pid,), section, f.as_of, f.year_from, f.year_to)
        if py["spent_mln_rub"].isna().all():
            st.info("Факты об исполнении не внесены — показан только план.", icon="ℹ️")
        example_note(detail)
        title = f"План и исполнение по годам — {names.get(pid, pid)}"
        fig = figure(charts.plan_spent_bars, py, title, years=years, y_max=plan_max)
        st.plotly_chart(fig, width="stretch", key=f"chart_plan_{pid}")
        table = funding.plan_spent_year_table(py)
        show_table(table)
        export_buttons(f"funding_plan_{section}_{pid}", title, table, f, fig)
        with st.expander("По строкам, источникам и годам"):
            by_cell = funding.plan_spent_table(detail)
            show_table(by_cell)
            export_buttons(f"funding_plan_cells_{section}_{pid}", f"План и исполнение по строкам — "
                           f"{names.get(pid, pid)}", by_cell, f)

# ---- structure line -> source ---------------------------------------------------------------------
st.subheader("Структура: строка → источник")
for col, pid in zip(columns(comparable=False), shown, strict=True):
    with col:
        ls = of(by_line_source, pid)
        if ls["amount_mln_rub"].sum() <= 0:
            empty_state(f"{names.get(pid, pid)}: в {period} нет сумм для структуры.")
            continue
        title = f"Структура финансирования, {period} — {names.get(pid, pid)}"
        fig = figure(charts.line_source_treemap, ls, title)
        st.plotly_chart(fig, width="stretch", key=f"chart_tree_{pid}")
        table = funding.line_source_table(ls, of(by_line, pid))
        export_buttons(f"funding_tree_{section}_{pid}", title, table, f, fig)

# ---- the document's own totals --------------------------------------------------------------------
st.subheader("Итоги документа и расчёт")
if checks.empty:
    empty_state("Документ не печатает итогов за выбранные годы — сверять нечего.")
else:
    off = checks[~checks["is_match"].astype(bool)]
    st.write(f"Проверено итогов, напечатанных в документе: **{len(checks)}**; расходятся с суммой "
             f"слагаемых: **{len(off)}**. Разница = напечатано − рассчитано; документ не исправляется.")
    for sentence in funding.check_sentences(funding.check_summary(checks), names):
        st.markdown(f"- {sentence}")
    only_off = st.toggle("Только расхождения", value=bool(len(off)), key="only_off")
    table = funding.checks_table(off if only_off else checks, names)
    show_table(table, highlight="Совпадает", height=min(600, 38 + 35 * max(1, len(table))))
    export_buttons(f"funding_checks_{section}_{'_'.join(shown)}", "Итоги документа и расчёт", table, f)

# ---- «в т.ч.» -------------------------------------------------------------------------------------
with st.expander("«В т.ч.»: из чего складываются источники"):
    det = query(funding.details, *args)
    if det.empty:
        st.write("Строк «в т.ч.» с суммами за выбранные годы в таблице нет.")
    else:
        st.caption("Строки «в т.ч.» и «из них» не прибавляются к источникам: это часть суммы строки источника, "
                   "она показана рядом.")
        table = funding.details_table(det, names)
        show_table(table)
        export_buttons(f"funding_detail_{section}_{'_'.join(shown)}", "Финансирование: строки «в т.ч.»", table, f)
