"""Факты: template, upload with preview and confirmation, quick editor, audit log with undo, examples."""

import hashlib

import streamlit as st

from domain.formatting import count_of
from domain.vocabulary import EXAMPLE_LABEL, FACT_KINDS
from metrics import facts as facts_metrics
from ui.filters import current, passport_names
from ui.model import get_model, query

st.title("Факты")
st.write("Паспорта содержат только планы. Здесь вносятся факты: что достигнуто и сколько израсходовано. "
         "Каждое изменение сохраняется в журнал, его можно отменить.")

names = passport_names()
f = current()
with st.sidebar:
    who = st.text_input("Кто вносит (фамилия и инициалы)", key="who")
pid = f.passport_ids[0]
if len(f.passport_ids) > 1:
    pid = st.selectbox("Паспорт шаблона", f.passport_ids, format_func=lambda p: names.get(p, p), key="facts_passport")
model = get_model()
store = model.store
service = model.service()


def _save(action, *args, **kwargs):
    """Run a change through the facts service; a refusal is shown in Russian, nothing is written."""
    model.refresh_facts()
    try:
        return action(*args, author=who, **kwargs)
    except facts_metrics.ChangeRefused as exc:
        st.error("Ничего не сохранено: " + "; ".join(p.message for p in exc.problems))
        return None


def _show_problems(plan) -> None:
    for note in plan.notes:
        st.caption(note)
    errors = count_of(len(plan.problems), "ошибка", "ошибки", "ошибок")
    st.error(f"Файл не принят, ничего не сохранено: {errors}.")
    st.dataframe([{"Где": p.place, "Что не так": p.message} for p in plan.problems], hide_index=True,
                 width="stretch")


def _show_preview(plan) -> None:
    counts = plan.counts()
    deleted = int((plan.preview.get("Изменение") == "удалён").sum()) if not plan.preview.empty else 0
    st.success(f"Проверка пройдена. Новых: {counts['новый']}, изменённых: {counts['изменён']}, "
               f"удаляемых: {deleted}, без изменений: {counts['без изменений']}.")
    for note in plan.notes:
        st.caption(note)
    st.dataframe(plan.preview, hide_index=True, width="stretch")


tab_upload, tab_edit, tab_log, tab_example = st.tabs(
    ["Шаблон и загрузка", "Быстрая правка", "Журнал изменений", "Пример данных"])

with tab_upload:
    st.subheader("1. Скачайте шаблон")
    st.write("В шаблоне уже есть коды, наименования, годы и планы; заполните столбцы «Факт» и «Источник». "
             "Для контрольных точек «Факт» — дата выполнения (ДД.ММ.ГГГГ).")
    c1, c2 = st.columns(2)
    c1.download_button("Шаблон CSV (Excel)",
                       data=lambda: facts_metrics.template_file(model.cursor(), pid, store, "csv"),
                       file_name=f"facts_template_{pid}.csv", mime="text/csv", on_click="ignore",
                       key="template_csv", icon=":material/download:")
    c2.download_button("Шаблон XLSX", data=lambda: facts_metrics.template_file(model.cursor(), pid, store, "xlsx"),
                       file_name=f"facts_template_{pid}.xlsx", on_click="ignore", key="template_xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:")
    st.subheader("2. Загрузите заполненный файл")
    upload = st.file_uploader("CSV (UTF-8 или Windows-1251, «;» или «,») или XLSX", type=["csv", "xlsx", "txt"],
                              key="upload")
    default_source = st.text_input("Источник для строк без источника (отчёт, приказ, ссылка)", key="upload_source")
    if upload is not None:
        raw = upload.getvalue()
        digest = hashlib.sha256(raw + default_source.encode()).hexdigest()
        try:
            model.refresh_facts()
            plan = service.check_file(raw, upload.name, default_source=default_source or None)
        except ValueError as exc:
            st.error(f"{upload.name}: {exc}. Ничего не сохранено.")
            plan = None
        if plan is not None and not plan.ok:
            _show_problems(plan)
        elif plan is not None:
            _show_preview(plan)
            if st.session_state.get("saved_digest") == digest:
                st.info("Этот файл уже сохранён.")
            elif not plan.changes:
                st.info("Нечего сохранять: все значения совпадают с уже внесёнными.")
            elif st.button("Подтвердить и сохранить", type="primary", key="confirm_upload"):
                saved = _save(service.save, plan, note=f"загрузка {upload.name}")
                if saved is not None:
                    st.session_state["saved_digest"] = digest
                    st.success(f"Сохранено. Номер пакета: {saved.batch_id} — его можно отменить в журнале.")

with tab_edit:
    kinds = st.multiselect("Вид", list(FACT_KINDS.labels), default=[FACT_KINDS.label("indicator")],
                           key="edit_kinds")
    original = facts_metrics.template_rows(model.cursor(), pid, store)
    original = original[original["Вид"].isin(kinds)].reset_index(drop=True)
    if original.empty:
        st.info("Выберите хотя бы один вид записей.")
    else:
        edited = st.data_editor(
            original, hide_index=True, width="stretch", key="editor",
            disabled=[c for c in original.columns if c not in ("Отчётная дата", "Факт", "Статус", "Комментарий",
                                                                 "Источник")],
            column_config={"Наименование": st.column_config.TextColumn(width="large")},
        )
        if st.button("Проверить и сохранить правки", type="primary", key="save_edits"):
            model.refresh_facts()
            plan = service.check_edits(original, edited)
            if not plan.ok:
                _show_problems(plan)
            elif not plan.changes:
                st.info("Правок нет.")
            else:
                saved = _save(service.save, plan, note="правка в таблице")
                if saved is not None:
                    _show_preview(plan)
                    st.success(f"Сохранено. Номер пакета: {saved.batch_id}.")

with tab_log:
    log = query(facts_metrics.audit_table, str(store.path))
    if log.empty:
        st.info("Изменений пока не было.")
    else:
        st.dataframe(log, hide_index=True, width="stretch")
        batches = log.drop_duplicates("Пакет")
        labels = {r["Пакет"]: f"{r['Пакет']} · {r['Когда']} · {r['Кто']} · {r['Действие']}"
                  for _, r in batches.iterrows()}
        # the key follows the newest batch, so the choice starts at the newest change after every save
        batch = st.selectbox("Пакет изменений", list(labels), format_func=labels.get,
                             key=f"undo_batch_{next(iter(labels))}")
        if st.button("Отменить пакет", key="undo"):
            saved = _save(service.undo, batch)
            if saved is not None:
                st.success(f"Пакет {batch} отменён (запись об отмене: {saved.batch_id}).")

with tab_example:
    st.write(f"Пример фактов из `data/examples/` показывает, как выглядит дашборд с фактами. Эти значения "
             f"помечены «{EXAMPLE_LABEL}» везде, где видны; факты, внесённые пользователями, их заменяют.")
    if st.button("Загрузить пример фактов", key="load_examples"):
        loaded = _save(service.load_examples)
        if loaded is not None:
            result, saved = loaded
            if result.problems:
                _show_problems(result)
            else:
                st.success(f"Пример загружен: {len(result.changes)} значений.")
    if st.button("Удалить пример фактов", key="drop_examples"):
        saved = _save(service.drop_examples)
        if saved is not None:
            st.success(f"Удалено значений примера: {saved.changed}.")
