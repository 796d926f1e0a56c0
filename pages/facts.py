"""Факты: template, upload with preview and confirmation, quick editor, audit log with undo, examples."""

import hashlib

import streamlit as st

from loaders import paths
from loaders.examples import drop_examples, load_examples
from loaders.facts_io import (
    KIND_RU,
    fact_targets,
    plan_edits,
    plan_import,
    read_table,
    template_csv,
    template_frame,
    template_xlsx,
)
from loaders.facts_store import default_user
from metrics import facts as facts_metrics
from ui.common import EXAMPLE_LABEL, get_model, passport_names, query

st.title("Факты")
st.write("Паспорта содержат только планы. Здесь вносятся факты: что достигнуто и сколько израсходовано. "
         "Каждое изменение сохраняется в журнал, его можно отменить.")

names = passport_names()
with st.sidebar:
    pid = st.radio("Паспорт", list(names), format_func=names.get, key="passport", bind="query-params")
    who = st.text_input("Кто вносит", value=st.session_state.get("who", default_user()), key="who")
model = get_model()
store = model.store


def _targets():
    model.refresh_facts()
    return fact_targets(model.cursor())


def _show_problems(plan) -> None:
    st.error(f"Файл не принят, ничего не сохранено. Исправьте ошибки ({len(plan.problems)}):")
    st.dataframe([{"Где": p.place, "Что не так": p.message} for p in plan.problems], hide_index=True,
                 width="stretch")


def _show_preview(plan) -> None:
    counts = plan.counts()
    deleted = int((plan.preview.get("Изменение") == "удалён").sum()) if not plan.preview.empty else 0
    st.success(f"Проверка пройдена. Новых: {counts['новый']}, изменённых: {counts['изменён']}, "
               f"удаляемых: {deleted}, без изменений: {counts['без изменений']}.")
    st.dataframe(plan.preview, hide_index=True, width="stretch")


tab_upload, tab_edit, tab_log, tab_example = st.tabs(
    ["Шаблон и загрузка", "Быстрая правка", "Журнал изменений", "Пример данных"])

with tab_upload:
    st.subheader("1. Скачайте шаблон")
    st.write("В шаблоне уже есть коды, наименования, годы и планы; заполните столбцы «Факт» и «Источник». "
             "Для контрольных точек «Факт» — дата выполнения (ДД.ММ.ГГГГ).")
    c1, c2 = st.columns(2)
    c1.download_button("Шаблон CSV (Excel)", data=lambda: template_csv(template_frame(model.cursor(), pid, store)),
                       file_name=f"facts_template_{pid}.csv", mime="text/csv", on_click="ignore",
                       key="template_csv", icon=":material/download:")
    c2.download_button("Шаблон XLSX", data=lambda: template_xlsx(template_frame(model.cursor(), pid, store)),
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
            plan = plan_import(read_table(raw, upload.name), upload.name, _targets(), store,
                               default_source=default_source or None)
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
                batch = store.apply(plan.changes, who=who, note=f"загрузка {upload.name}")
                st.session_state["saved_digest"] = digest
                st.success(f"Сохранено. Номер пакета: {batch} — его можно отменить в журнале.")

with tab_edit:
    kinds = st.multiselect("Вид", list(KIND_RU.values()), default=["показатель"], key="edit_kinds")
    original = template_frame(model.cursor(), pid, store)
    original = original[original["Вид"].isin(kinds)].reset_index(drop=True)
    if original.empty:
        st.info("Выберите хотя бы один вид записей.")
    else:
        edited = st.data_editor(
            original, hide_index=True, width="stretch", key="editor",
            disabled=[c for c in original.columns if c not in ("Факт", "Статус", "Комментарий", "Источник")],
            column_config={"Наименование": st.column_config.TextColumn(width="large")},
        )
        if st.button("Проверить и сохранить правки", type="primary", key="save_edits"):
            plan = plan_edits(original, edited, "таблица правки", _targets(), store)
            if not plan.ok:
                _show_problems(plan)
            elif not plan.changes:
                st.info("Правок нет.")
            else:
                batch = store.apply(plan.changes, who=who, note="правка в таблице")
                _show_preview(plan)
                st.success(f"Сохранено. Номер пакета: {batch}.")

with tab_log:
    log = query(facts_metrics.audit_table, str(paths.FACTS_PATH))
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
            new_batch = store.undo(batch, who=who)
            st.success(f"Пакет {batch} отменён (запись об отмене: {new_batch}).")

with tab_example:
    st.write(f"Пример фактов из `data/examples/` показывает, как выглядит дашборд с фактами. Эти значения "
             f"помечены «{EXAMPLE_LABEL}» везде, где видны; факты, внесённые пользователями, их заменяют.")
    if st.button("Загрузить пример фактов", key="load_examples"):
        result = load_examples(store, _targets(), who=who)
        if result.problems:
            _show_problems(result)
        else:
            st.success(f"Пример загружен: {len(result.changes)} значений.")
    if st.button("Удалить пример фактов", key="drop_examples"):
        removed = drop_examples(store, who=who)
        st.success(f"Удалено значений примера: {removed}.")
