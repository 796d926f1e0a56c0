"""План мероприятий: the plan of activities and control points on a timeline, status as of a date."""

import streamlit as st

from domain.vocabulary import NO_CONTROL_LEVEL
from metrics import activities
from panels.plan import PlanOptions, plan_panels
from ui.filters import current
from ui.model import panels, query
from ui.render import render_panels

st.title("План мероприятий")
f = current()
st.caption("Приложение № 1 к паспорту: результаты, мероприятия и контрольные точки; статус — на дату «по состоянию "
           "на», по внесённым фактам выполнения.")
options = PlanOptions()
if len(f.passport_ids) == 1:
    pid = f.passport_ids[0]
    results = query(activities.result_options, pid)
    names = dict(zip(results["result_code"], results["result_name"], strict=True))
    c1, c2, c3, c4 = st.columns([3, 2, 1, 2])
    chosen_results = c1.multiselect(
        "Результат", list(names), key=f"plan_result_{pid}", placeholder="все результаты", bind="query-params",
        format_func=lambda c: f"{c}. {names[c][:70]}{'…' if len(names[c]) > 70 else ''}")
    chosen_persons = c2.multiselect("Ответственный", query(activities.person_options, pid), key=f"plan_person_{pid}",
                                    placeholder="все ответственные", bind="query-params")
    chosen_levels = c3.multiselect("Уровень контроля", query(activities.control_level_options, pid),
                                   key=f"plan_level_{pid}", placeholder="все", bind="query-params",
                                   format_func=lambda x: x or NO_CONTROL_LEVEL)
    main_only = c4.toggle("Только результаты и контрольные точки", key="plan_main_only", bind="query-params")
    options = PlanOptions(tuple(chosen_results), tuple(chosen_persons), tuple(chosen_levels), main_only)
else:
    st.caption("Отбор по результату, ответственному и уровню контроля — когда выбран один паспорт.")
render_panels(panels(plan_panels, f, options=options), f)
