"""Показатели: every indicator of section 2 — plan by year against fact, status — and one in detail."""

import pandas as pd
import streamlit as st

from charts.plan_fact import plan_fact_bars, status_grid
from domain.formatting import fmt_date, fmt_num, fmt_pct
from metrics import indicators, targets
from ui.blocks import NO_FACTS, status_css
from ui.common import empty_state, example_note, export_buttons, figure, filters, passport_names, query

METHOD_FIELDS = {"method": "Методика расчёта", "base_indicators": "Базовые показатели",
                 "data_source": "Источник данных", "responsible": "Ответственный за сбор данных",
                 "aggregation": "Уровень агрегирования", "timing": "Периодичность", "extra": "Дополнительно"}


def is_percent(unit: object) -> bool:
    return str(unit or "").startswith("процент")


def styled(table: pd.DataFrame, percent: bool | pd.Series) -> object:
    """The table as Russian text, the status written in its colour."""
    shown = targets.display_table(table, percent)
    return shown.style.map(status_css, subset=["Статус"])


st.title("Показатели")
f = filters()
st.caption("Раздел 2 паспорта «Цель и показатели»: план по годам против внесённых фактов. Цвет клетки — "
           "статус на выбранную дату: достигнут, риск (не ниже 85 % плана), не достигнут, нет данных "
           "(год прошёл, факта нет), в работе (год не закончился). В клетке — план, под ним жирным — факт.")

names = passport_names()
label_width = 48 if len(f.passport_ids) == 1 else 24  # side by side the grid needs the room
rows = query(indicators.indicator_plan_fact, f.passport_ids, f.as_of, f.year_from, f.year_to)
listing = query(indicators.indicator_list, f.passport_ids)

for col, pid in zip(st.columns(len(f.passport_ids)), f.passport_ids, strict=True):
    with col:
        territory = names.get(pid, pid)
        st.subheader(territory)
        part = rows[rows["passport_id"] == pid]
        if part.empty:
            empty_state(f"Паспорт не планирует значений показателей в {f.year_from}–{f.year_to} гг.")
        else:
            if part["fact_value"].isna().all():
                empty_state(NO_FACTS)
            example_note(part)
            grid = part.assign(label=[indicators.short_label(c, n, label_width) for c, n in
                                      zip(part["indicator_code"], part["full_name"], strict=True)],
                               indicator_name=part["full_name"])
            fig = figure(status_grid, grid, "План и факт по годам")
            st.plotly_chart(fig, width="stretch", key=f"grid_{pid}")
            table = indicators.indicator_table(part.assign(indicator_name=part["full_name"]))
            export_buttons(f"indicators_{pid}", f"Показатели: план и факт — {territory}", table, f, fig)
            st.dataframe(styled(table, part["unit"].map(is_percent).reset_index(drop=True)),
                         hide_index=True, width="stretch")
        heads = listing[(listing["passport_id"] == pid) & listing["is_heading"]]
        if len(heads):
            with st.expander(f"Строки без значений: {len(heads)} — напечатаны как заголовки, на графике их нет"):
                st.markdown("\n".join(
                    f"- **{r.code_printed if pd.notna(r.code_printed) else 'без номера'}** {r.indicator_name}"
                    for r in heads.itertuples()))

st.divider()
st.subheader("Показатель подробно")
choices = listing[listing["indicator_code"].notna()]
keys = [f"{r.passport_id}|{r.indicator_code}" for r in choices.itertuples()]
labels = {f"{r.passport_id}|{r.indicator_code}": (f"{names.get(r.passport_id, r.passport_id)} · " if
                                                   len(f.passport_ids) > 1 else "")
          + indicators.short_label(r.indicator_code, r.full_name, 90) for r in choices.itertuples()}
charted = [k for k, heading in zip(keys, choices["is_heading"], strict=True) if not heading]
choice = st.selectbox("Показатель", keys, index=keys.index(charted[0]) if charted else 0,
                      format_func=lambda k: labels.get(k, k), key="indicator")
if choice:
    pid, code = choice.split("|", 1)
    ind = choices[(choices["passport_id"] == pid) & (choices["indicator_code"] == code)].iloc[0]
    percent = is_percent(ind["unit"])
    st.markdown(f"**{ind['code_printed']} {ind['full_name']}**")
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Тип", ind["indicator_type"] if pd.notna(ind["indicator_type"]) else "не указан")
    c2.metric("Единица", ind["unit"] if pd.notna(ind["unit"]) else "—")
    base = fmt_pct(ind["base_value"], 1) if percent else fmt_num(ind["base_value"], 1)
    c3.metric("Базовое значение", base)
    c4.metric("Дата базового значения", fmt_date(ind["base_date"]))
    st.caption(("Больше — лучше." if ind["direction"] == "up" else "Меньше — лучше.")
               + f" Строка {int(ind['line'])} документа.")
    if ind["is_heading"]:
        empty_state("Строка напечатана без значений по годам — это заголовок: план и факт у её "
                    "подпоказателей.")
    else:
        one = rows[(rows["passport_id"] == pid) & (rows["indicator_code"] == code)]
        if one.empty:
            empty_state(f"В {f.year_from}–{f.year_to} гг. показатель не планируется.")
        else:
            if one["fact_value"].isna().all():
                empty_state(NO_FACTS)
            example_note(one)
            series = targets.series_frame(one)
            title = f"Показатель {code}: план и факт"
            y_title = "%" if percent else (ind["unit"] if pd.notna(ind["unit"]) else None)
            fig = figure(plan_fact_bars, series, title, y_title, percent=percent)
            st.plotly_chart(fig, width="stretch", key="indicator_detail")
            table = targets.chart_table(series)
            export_buttons(f"indicator_{pid}_{code}", f"{title} — {names.get(pid, pid)}", table, f, fig)
            st.dataframe(styled(table, percent), hide_index=True, width="stretch")
    method = query(indicators.indicator_methodology, pid, code)
    st.markdown("**Методика расчёта**")
    if method.empty:
        if query(indicators.has_methodology, pid):
            empty_state("В методике паспорта нет строки для этого показателя.")
        else:
            empty_state("Паспорт не печатает методику расчёта показателей.")
    else:
        m = method.iloc[0]
        via = f", по показателю {m['via_code']}, который эта строка детализирует" if m["via_code"] != code else ""
        st.caption(f"№ {m['methodology_number']} в методике паспорта (строка {int(m['line'])} документа{via}); "
                   "сопоставлено по названию показателя.")
        for field, label in METHOD_FIELDS.items():
            value = m[field]
            if value is not None and not (isinstance(value, float) and pd.isna(value)) and str(value).strip():
                st.markdown(f"**{label}:** {value}")
