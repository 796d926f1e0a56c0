"""План мероприятий: the plan of activities and control points on a timeline, status as of a date."""

import streamlit as st

from charts.timeline import gantt
from domain.formatting import fmt_date, fmt_num
from domain.formatting import plural as plural_ru
from metrics import activities
from ui.common import empty_state, example_note, export_buttons, figure, filters, passport_names, query

DETAIL_ALL = "все строки плана"
DETAIL_MAIN = "результаты и контрольные точки"

st.title("План мероприятий")
f = filters(allow_both=False)
pid = f.passport_ids[0]
territory = passport_names().get(pid, pid)
st.caption(f"{territory} · Приложение № 1 к паспорту · статус на {fmt_date(f.as_of)} · "
           f"сроки {f.year_from}–{f.year_to}")

results = query(activities.result_options, pid)
result_names = dict(zip(results["result_code"], results["result_name"], strict=True))
c1, c2, c3, c4 = st.columns([3, 2, 1, 2])
chosen_results = c1.multiselect(
    "Результат", list(result_names), key=f"plan_result_{pid}", placeholder="все результаты",
    format_func=lambda c: f"{c}. {result_names[c][:70]}{'…' if len(result_names[c]) > 70 else ''}")
chosen_persons = c2.multiselect("Ответственный", query(activities.person_options, pid), key=f"plan_person_{pid}",
                                placeholder="все ответственные")
chosen_levels = c3.multiselect(
    "Уровень контроля", query(activities.control_level_options, pid), key=f"plan_level_{pid}",
    placeholder="все", format_func=lambda v: v or activities.NO_LEVEL_RU)
detail = c4.radio("Показать", [DETAIL_ALL, DETAIL_MAIN], key="plan_detail", horizontal=True)

plan = query(activities.activity_plan, pid, f.as_of, f.year_from, f.year_to, tuple(chosen_results),
             tuple(chosen_persons), tuple(chosen_levels))
if detail == DETAIL_MAIN:
    plan = plan[plan["kind"].isin(["result", "control_point"])]

if query(activities.control_point_fact_count, pid) == 0:
    st.info("Факты о выполнении контрольных точек не внесены — статус по плановым датам: всё, "
            "чей срок окончания прошёл, считается просроченным. Внести факты — на странице «Факты».", icon="ℹ️")
example_note(plan)

if plan.empty:
    empty_state("Под выбранные фильтры не попадает ни одна строка плана. Снимите часть фильтров или расширьте годы.")
    st.stop()

counts = activities.status_counts(plan).set_index("status")["n"].to_dict()
m1, m2, m3, m4, m5 = st.columns(5)
m1.metric("Просрочено", counts["просрочено"], border=True,
          help=f"На {fmt_date(f.as_of)} срок окончания прошёл, факта выполнения нет")
m2.metric("В работе", counts["в работе"], border=True)
m3.metric("Выполнено", counts["выполнено"] + counts["выполнено с опозданием"], border=True,
          help=f"из них с опозданием: {counts['выполнено с опозданием']}")
m4.metric("Не начато", counts["не начато"], border=True)
m5.metric("Всего строк плана", len(plan), border=True,
          help=f"Отменено: {counts['отменено']}; без срока: {counts['нет срока']}")

title = f"План мероприятий: {territory}"
fig = figure(gantt, plan, f.as_of, title)
st.plotly_chart(fig, key="plan_gantt", config={"displaylogo": False})
st.caption("Строки в порядке Приложения № 1, сгруппированы по результатам (жирным — сам результат, полосами — "
           "его мероприятия и контрольные точки). Ромб — контрольная точка, у которой напечатан только срок. "
           "Черта — дата выполнения по факту. Пунктир — дата, на которую считается статус.")
main_rows = plan[plan["kind"].isin(["result", "control_point"])]
slide_rows = plan if len(plan) <= 50 or main_rows.empty else main_rows
slide_title = title if slide_rows is plan else f"{title}: результаты и контрольные точки"
slide_fig = figure(gantt, slide_rows, f.as_of, slide_title, compact=True)
export_plan = plan.assign(
    Начало=[fmt_date(d) for d in plan["start_date"]], Окончание=[fmt_date(d) for d in plan["end_date"]],
    **{"Факт выполнения": [fmt_date(d, empty="") for d in plan["fact_date"]]},
)[["activity_key", "kind", "name", "responsible_persons", "control_level", "Начало", "Окончание", "status",
   "Факт выполнения", "slip_days"]].rename(columns={
       "activity_key": "Код", "kind": "Вид", "name": "Наименование", "responsible_persons": "Ответственные",
       "control_level": "Уровень контроля", "status": "Статус", "slip_days": "Дней отклонения"})
export_plan["Вид"] = export_plan["Вид"].map(activities.KIND_RU)
export_buttons("plan_gantt", "План мероприятий", export_plan, f, slide_fig)
if slide_rows is not plan:
    st.caption("PNG для слайда показывает результаты и контрольные точки: все строки на один слайд не помещаются.")

problems = activities.date_problems(plan)
if len(problems):
    st.warning(f"Даты некоторых строк нельзя нарисовать так, как они напечатаны ({len(problems)}): строка "
               "без читаемого начала или с окончанием раньше начала показана ромбом на дату окончания, "
               "строка без читаемого окончания на диаграмме не показана.", icon="⚠️")
    st.markdown("\n".join(
        f"- **{r['Код']}** {r['Наименование']} — {r['Что не так']} (строка {r['Строка паспорта']} текста паспорта)"
        for _, r in problems.iterrows()))

st.subheader(f"Просроченные на {fmt_date(f.as_of)}")
overdue = activities.overdue_table(plan)
if overdue.empty:
    empty_state("Просроченных строк плана нет.")
else:
    rows_word = plural_ru(len(overdue), "строка", "строки", "строк")
    st.write(f"{fmt_num(len(overdue), 0)} {rows_word} плана: срок окончания прошёл, факта выполнения нет. "
             f"Самая долгая просрочка — {fmt_num(overdue['Просрочка, дн.'].max(), 0)} дн.")
    st.dataframe(overdue, hide_index=True, width="stretch", key="plan_overdue_table",
                 column_config={
                     "Код": st.column_config.TextColumn(width="small"),
                     "Наименование": st.column_config.TextColumn(width="large"),
                     "Ответственные": st.column_config.TextColumn(width="medium"),
                     "Просрочка, дн.": st.column_config.NumberColumn(format="%d"),
                 })
    export_buttons("plan_overdue", "Просроченные мероприятия и контрольные точки", overdue, f)
