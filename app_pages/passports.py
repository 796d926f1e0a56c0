"""Паспорта (administrators; everyone while sign-in is off): a passport document → review → «Сохранить паспорт»."""

import streamlit as st

from domain.limits import LIMITS, mb
from ui import auth
from ui.passport_import import plain, prepared_upload, save_and_rebuild, show_changes, show_review

st.title("Паспорта")
refusal = auth.why_not("passports", [])
if refusal:
    st.info(f"Загрузка паспортов — для администраторов: {refusal}.", icon=":material/lock:")
    st.stop()
done = st.session_state.pop("passport_saved", None)
if done:
    st.success(done, icon=":material/task_alt:")
st.caption("Документ паспорта по стандартной форме (разделы 1–5, план мероприятий, методика) — DOCX, PDF с текстовым "
           f"слоем или текст — до {mb(LIMITS.file_bytes)}. Приложение покажет, что прочитано в каждом разделе, строки "
           "без места и каждую догадку «проверьте» рядом со строкой документа; сохраняется паспорт только без ошибок.")
upload = st.file_uploader("Документ паспорта", type=["docx", "pdf", "txt"], key="passport_file")
passport_id = st.text_input("Идентификатор паспорта (имя папки)", key="passport_id",
                            placeholder="например, tomsk или novosibirsk_city").strip()
if upload is None or not passport_id:
    st.stop()
prepared = prepared_upload(upload.getvalue(), upload.name, passport_id)
show_review(prepared)
show_changes(prepared)
replace = st.checkbox("Заменить записанный паспорт", key="passport_replace") if prepared.exists else False
if st.button("Сохранить паспорт", type="primary", key="passport_save", disabled=not prepared.ok):
    with st.spinner("Записываю паспорт и собираю базу…"):
        problem = save_and_rebuild(prepared, replace)
    if problem:
        st.error(plain(f"Паспорт не сохранён: {problem}."), icon=":material/error:")
    else:
        st.session_state["passport_saved"] = (f"Паспорт «{passport_id}» сохранён, база собрана: он есть на всех "
                                              "страницах.")
        st.rerun()
