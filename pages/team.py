"""Команда: who serves which blocks, workload summed across blocks, rows of the plan each answers for."""

import streamlit as st

from charts.timeline import workload_bars
from domain.formatting import fmt_date, fmt_num, fmt_pct
from domain.formatting import plural as plural_ru
from metrics import team as team_metrics
from ui.common import empty_state, export_buttons, figure, filters, passport_names, query

st.title("Команда")
f = filters(allow_both=False)
pid = f.passport_ids[0]
territory = passport_names().get(pid, pid)
st.caption(f"{territory} · раздел 5 паспорта «Участники» и ответственные по Приложению № 1 · "
           f"просрочки на {fmt_date(f.as_of)}, строки плана {f.year_from}–{f.year_to}")

team = query(team_metrics.team_workload, pid, f.as_of, f.year_from, f.year_to)
rows = query(team_metrics.workload_rows, pid)
if team.empty:
    empty_state("В паспорте не названы участники проекта.")
    st.stop()

overloaded = team[team["is_overloaded"]]
limit = fmt_pct(team_metrics.OVERLOAD_PCT)
top = team.dropna(subset=["workload_pct"]).iloc[0]
c1, c2, c3, c4 = st.columns(4)
c1.metric(f"Занятость выше {limit}", f"{len(overloaded)} чел.", border=True,
          help="Сумма занятости по всем блокам раздела 5, где человек назван")
c2.metric("Наибольшая занятость", fmt_pct(top["workload_pct"]), border=True, help=str(top["person"]))
c3.metric("Человек в команде", len(team), border=True,
          help="Участники раздела 5 и все ответственные Приложения № 1")
outsiders = team.loc[~team["is_participant"], "person"].tolist()
c4.metric("Ответственные не из раздела 5", len(outsiders), border=True,
          help=", ".join(outsiders) or "Все ответственные Приложения № 1 есть среди участников")

only_over = st.toggle(f"Только с занятостью выше {limit}", key="team_overloaded_only")
shown = overloaded if only_over else team

fig = figure(workload_bars, shown, f"Занятость в проекте: {territory}", team_metrics.OVERLOAD_PCT)
if shown["workload_pct"].notna().any():
    st.plotly_chart(fig, key="team_workload_chart", config={"displaylogo": False})
    st.caption("Занятость — сумма столбца «Занятость в проекте (процентов)» раздела 5 по всем строкам, где назван "
               "человек. Где в одной ячейке названо несколько человек, напечатанная доля засчитана каждому.")
else:
    empty_state("Никто из выбранных не имеет занятости в разделе 5.")

table = team_metrics.team_table(shown)
st.dataframe(table, hide_index=True, width="stretch", key="team_table", height=min(38 + 35 * len(table), 720),
             placeholder="—",
             column_config={
                 "Блоки": st.column_config.TextColumn(width="large"),
                 "Занятость, %": st.column_config.NumberColumn(format="%.0f %%"),
             })
st.caption("«Строк плана» — результаты, мероприятия и контрольные точки Приложения № 1, где человек назван "
           "ответственным (сроки в выбранных годах); «Просрочено» — из них просроченные на выбранную дату.")
export_buttons("team", "Занятость команды проекта", table, f, fig)

if len(overloaded):
    st.subheader(f"Из чего складывается занятость выше {limit}")
    for person in overloaded.itertuples():
        parts = rows[rows["person"] == person.person]
        label = (f"{person.person} — {fmt_pct(person.workload_pct)}: {fmt_num(person.role_count, 0)} "
                 f"{plural_ru(person.role_count, 'строка', 'строки', 'строк')} раздела 5, блоков: "
                 f"{person.block_count}; строк плана: {person.activity_count}, просрочено: {person.overdue_count}")
        with st.expander(label, icon=":material/warning:"):
            st.dataframe(
                parts.rename(columns={"number": "№", "block": "Блок", "role": "Роль", "workload_pct": "Занятость, %",
                                      "person_printed": "Как напечатано"})[
                    ["№", "Занятость, %", "Блок", "Роль", "Как напечатано"]],
                hide_index=True, width="stretch", height=38 + 35 * len(parts), placeholder="—",
                column_config={"Занятость, %": st.column_config.NumberColumn(format="%.0f %%"),
                               "Блок": st.column_config.TextColumn(width="large")})
            st.write(f"Итого: **{fmt_pct(parts['workload_pct'].sum())}** "
                     f"({' + '.join(fmt_num(v, 0) for v in parts['workload_pct'].dropna())})")
