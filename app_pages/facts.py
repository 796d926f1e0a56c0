"""Факты: template by reporting period, upload with preview and confirmation, quick editor, the registers (risks,
events, the user's own measures), audit log with a confirmed undo, examples."""

import streamlit as st

from domain.vocabulary import USER_TARGET
from ui import auth
from ui.facts_desk import FactsDesk
from ui.filters import current, passport_names

st.title("Факты")
st.write("Паспорта содержат только планы. Здесь вносятся факты — что достигнуто и сколько израсходовано, на "
         "отчётную дату, с причинами отклонений, — и ведутся реестры рисков, событий и своих мер. Каждое изменение "
         "записывается в журнал, его можно отменить.")
names = passport_names()
f = current()
pid = f.passport_ids[0]
if len(f.passport_ids) > 1:
    pid = st.selectbox("Паспорт", f.passport_ids, format_func=lambda p: names.get(p, p), key="facts_passport")
account = auth.current()
desk = FactsDesk.open(pid, names, account)

upload, edit, risks, events, own, log, example = st.tabs(
    ["Шаблон и загрузка", "Быстрая правка", "Риски", "События", "Свои меры", "Журнал изменений", "Пример данных"])
with upload:
    desk.template_and_upload(f)
with edit:
    desk.quick_edit()
with risks:
    desk.register("risk", "Риски проекта: вероятность и влияние (низкая, средняя, высокая), ответственный, меры, "
                          "статус и сроки. Реестр виден на странице «Риски и события» и в отчёте.")
with events:
    desk.register("event", "Что, где и когда произошло (открыт IT-куб, подключены школы): события видны отметками "
                           "на страницах своих тем.")
with own:
    desk.register("user_measure", "Меры, которых нет в паспорте (оборудованные организации, единицы оборудования): "
                                  f"наименование, единица, тема и необязательная «{USER_TARGET}» — она показывается "
                                  "отдельно и никогда не смешивается с планами паспорта. Факты по своим мерам "
                                  "вносятся в шаблоне (вид «мера пользователя»).")
with log:
    desk.journal(account)
with example:
    desk.examples()
