"""Факты: template by reporting period, upload with preview and confirmation, quick editor, the registers (risks,
events, the user's own measures), audit log with a confirmed undo, examples."""

import hashlib

import pandas as pd
import streamlit as st

from domain.formatting import count_of, fmt_date
from domain.vocabulary import EXAMPLE_LABEL, FACT_KINDS, USER_TARGET
from metrics import facts as facts_metrics
from ui.filters import current, passport_names
from ui.model import get_model, query
from ui.periods import period_picker

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

st.title("Факты")
st.write("Паспорта содержат только планы. Здесь вносятся факты — что достигнуто и сколько израсходовано, на "
         "отчётную дату, с причинами отклонений, — и ведутся реестры рисков, событий и своих мер. Каждое изменение "
         "записывается в журнал, его можно отменить.")

names = passport_names()
f = current()
with st.sidebar:
    who = st.text_input("Кто вносит (фамилия и инициалы)", key="who",
                        help="Имя записывается в журнал изменений рядом с каждым изменением")
pid = f.passport_ids[0]
if len(f.passport_ids) > 1:
    pid = st.selectbox("Паспорт", f.passport_ids, format_func=lambda p: names.get(p, p), key="facts_passport")
label = names.get(pid, pid)
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
    st.error(f"Не принято, ничего не сохранено: {errors}.")
    st.dataframe([{"Где": p.place, "Что не так": p.message} for p in plan.problems], hide_index=True,
                 width="stretch")


def _show_warnings(plan) -> None:
    warnings = getattr(plan, "warnings", [])
    if warnings:
        n = count_of(len(warnings), "значение выглядит", "значения выглядят", "значений выглядят")
        st.warning(f"Проверьте перед сохранением — {n} необычно (это не ошибка, сохранить можно):",
                   icon=":material/help:")
        st.dataframe([{"Где": w.place, "Что проверить": w.message} for w in warnings], hide_index=True,
                     width="stretch")


def _show_preview(plan) -> None:
    preview = plan.preview
    counts = preview["Изменение"].value_counts() if len(preview) else pd.Series(dtype=int)
    st.success(f"Проверка пройдена. Новых: {counts.get('новый', 0)}, изменённых: {counts.get('изменён', 0)}, "
               f"удаляемых: {counts.get('удалён', 0)}, без изменений: {counts.get('без изменений', 0)}.")
    for note in plan.notes:
        st.caption(note)
    _show_warnings(plan)
    st.dataframe(preview, hide_index=True, width="stretch")


def _upload(key: str, check, save_note: str) -> None:
    """An uploaded file: checked, previewed, saved on confirmation (once)."""
    upload = st.file_uploader("CSV (UTF-8 или Windows-1251, «;» или «,») или XLSX", type=["csv", "xlsx", "txt"],
                              key=f"upload_{key}")
    if upload is None:
        return
    raw = upload.getvalue()
    digest = hashlib.sha256(raw + key.encode()).hexdigest()
    model.refresh_facts()
    plan = check(raw, upload.name)
    if not plan.ok:
        _show_problems(plan)
        return
    _show_preview(plan)
    if st.session_state.get(f"saved_{key}") == digest:
        st.info("Этот файл уже сохранён.")
    elif not plan.changes:
        st.info("Нечего сохранять: всё совпадает с уже внесённым.")
    elif st.button("Подтвердить и сохранить", type="primary", key=f"confirm_{key}"):
        saver = service.save if hasattr(plan, "warnings") else service.save_entries
        saved = _save(saver, plan, note=f"{save_note} {upload.name}")
        if saved is not None:
            st.session_state[f"saved_{key}"] = digest
            st.success(f"Сохранено. Номер пакета: {saved.batch_id} — его можно отменить в журнале.")


(tab_upload, tab_edit, tab_risks, tab_events, tab_own, tab_log, tab_example) = st.tabs(
    ["Шаблон и загрузка", "Быстрая правка", "Риски", "События", "Свои меры", "Журнал изменений", "Пример данных"])

with tab_upload:
    st.subheader("1. Скачайте шаблон")
    st.write("В шаблоне уже есть коды, наименования, годы и планы; заполните «Факт» (значение нарастающим итогом с "
             "начала года, если мера накопительная), «Источник», а где факт ниже плана — «Причина отклонения» и "
             "«Меры». Для контрольных точек «Факт» — дата выполнения (ДД.ММ.ГГГГ).")
    period = period_picker(f, pid, "tpl")
    st.caption(f"Отчётная дата строк {period.year} года — {fmt_date(period.end)} ({period.label}). Строки других "
               "лет сохраняют свою дату; в старом шаблоне без этого столбца отчётная дата — 31.12 года.")
    c1, c2 = st.columns(2)
    c1.download_button("Шаблон CSV (Excel)",
                       data=lambda: facts_metrics.template_file(model.cursor(), pid, store, "csv", period.end),
                       file_name=f"facts_template_{pid}_{period.code}.csv", mime="text/csv", on_click="ignore",
                       key="template_csv", icon=":material/download:")
    c2.download_button("Шаблон XLSX",
                       data=lambda: facts_metrics.template_file(model.cursor(), pid, store, "xlsx", period.end),
                       file_name=f"facts_template_{pid}_{period.code}.xlsx", on_click="ignore", key="template_xlsx",
                       mime=XLSX_MIME, icon=":material/download:")
    st.subheader("2. Загрузите заполненный файл")
    default_source = st.text_input("Источник для строк без источника (отчёт, приказ, ссылка)", key="upload_source")
    _upload(f"facts_{hashlib.sha256(default_source.encode()).hexdigest()[:8]}",
            lambda raw, name: service.check_file(raw, name, default_source=default_source or None), "загрузка")

with tab_edit:
    kinds = st.multiselect("Вид", list(FACT_KINDS.labels), default=[FACT_KINDS.label("indicator")],
                           key="edit_kinds")
    original = facts_metrics.template_rows(model.cursor(), pid, store)
    original = original[original["Вид"].isin(kinds)].reset_index(drop=True)
    if original.empty:
        st.info("Выберите хотя бы один вид записей.")
    else:
        st.caption("Отчётная дата пустая — факт на 31.12 года (или на сегодня, если год ещё идёт). Очищенный «Факт» "
                   "удаляет последний отчёт.")
        edited = st.data_editor(
            original, hide_index=True, width="stretch", key="editor",
            disabled=[c for c in original.columns if c not in ("Отчётная дата", "Факт", "Статус", "Комментарий",
                                                                 "Причина отклонения", "Меры", "Источник")],
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


def _register_tab(kind: str, intro: str) -> None:
    """One register of the passport: the table to edit (new rows at the bottom, «Удалить» to delete), its file to
    download, fill in and upload."""
    title = facts_metrics.register_title(kind)
    st.write(intro)
    rows = facts_metrics.register_rows(model.cursor(), store, kind, pid)
    columns = facts_metrics.register_columns(kind)
    shown = rows.assign(Удалить=False)
    config = {"Номер": st.column_config.TextColumn("Номер", disabled=True, width="small"),
              "Паспорт": st.column_config.TextColumn("Паспорт", disabled=True),
              "Удалить": st.column_config.CheckboxColumn("Удалить", help="Отметьте и сохраните, чтобы удалить запись")}
    for column, (field_kind, choices) in columns.items():
        if choices:
            config[column] = st.column_config.SelectboxColumn(column, options=list(choices))
        elif field_kind == "date":
            config[column] = st.column_config.TextColumn(column, help="Дата ДД.ММ.ГГГГ")
        elif field_kind in ("text",):
            config[column] = st.column_config.TextColumn(column, width="large" if column in (
                "Риск", "Событие", "Наименование", "Меры") else "medium")
    edited = st.data_editor(shown, hide_index=True, width="stretch", num_rows="dynamic", column_config=config,
                            key=f"register_{kind}_{pid}_{store.version()}")
    if st.button("Проверить и сохранить", type="primary", key=f"save_register_{kind}"):
        model.refresh_facts()
        plan = facts_metrics.check_register_edits(service, kind, shown, edited, label)
        if not plan.ok:
            _show_problems(plan)
        elif not plan.changes:
            st.info("Изменений нет.")
        else:
            saved = _save(service.save_entries, plan, note=f"правка реестра «{title}»")
            if saved is not None:
                st.success(f"Сохранено: {count_of(len(plan.changes), 'запись', 'записи', 'записей')}. "
                           f"Номер пакета: {saved.batch_id}.")
                st.dataframe(plan.preview, hide_index=True, width="stretch")
    with st.expander(f"Файл реестра «{title}»: скачать, заполнить в Excel, загрузить"):
        c1, c2 = st.columns(2)
        c1.download_button("CSV (Excel)", data=lambda: facts_metrics.register_file(model.cursor(), store, kind, pid,
                                                                                   "csv"),
                           file_name=f"{kind}_{pid}.csv", mime="text/csv", on_click="ignore",
                           key=f"register_csv_{kind}", icon=":material/download:")
        c2.download_button("XLSX", data=lambda: facts_metrics.register_file(model.cursor(), store, kind, pid, "xlsx"),
                           file_name=f"{kind}_{pid}.xlsx", mime=XLSX_MIME, on_click="ignore",
                           key=f"register_xlsx_{kind}", icon=":material/download:")
        st.caption("Строка без номера — новая запись (или правка записи с тем же названием); «Удалить» = «Да» "
                   "удаляет запись.")
        _upload(f"register_{kind}", lambda raw, name: service.check_entries_file(raw, name, kind),
                f"реестр «{title}»:")


with tab_risks:
    _register_tab("risk", "Риски проекта: вероятность и влияние (низкая, средняя, высокая), ответственный, меры, "
                          "статус и сроки. Реестр виден на странице «Риски и события» и в отчёте.")
with tab_events:
    _register_tab("event", "Что, где и когда произошло (открыт IT-куб, подключены школы): события видны отметками "
                           "на страницах своих тем.")
with tab_own:
    _register_tab("user_measure", "Меры, которых нет в паспорте (оборудованные организации, единицы оборудования): "
                                  f"наименование, единица, тема и необязательная «{USER_TARGET}» — она показывается "
                                  "отдельно и никогда не смешивается с планами паспорта. Факты по своим мерам "
                                  "вносятся в шаблоне (вид «мера пользователя»).")

with tab_log:
    log = query(facts_metrics.audit_table, store.identity)
    if log.empty:
        st.info("Изменений пока не было.")
    else:
        st.dataframe(log, hide_index=True, width="stretch")
        batches = log.drop_duplicates("Пакет")
        labels = {r["Пакет"]: f"{r['Пакет']} · {r['Когда']} · {r['Кто']} · {r['Действие']} · {r['Примечание'] or ''}"
                  for _, r in batches.iterrows()}
        st.subheader("Отмена пакета")
        # the key follows the newest batch, so the choice starts at the newest change after every save
        batch = st.selectbox("Пакет изменений", list(labels), format_func=labels.get,
                             key=f"undo_batch_{next(iter(labels))}")
        chosen = log[log["Пакет"] == batch]
        st.caption(f"Отмена вернёт прежние значения: {count_of(len(chosen), 'изменение', 'изменения', 'изменений')} "
                   "(«Стало» станет «Было»). Сама отмена тоже попадёт в журнал.")
        st.dataframe(chosen[["Паспорт", "Вид", "Код", "Мера", "Год", "Отчётная дата", "Было", "Стало"]],
                     hide_index=True, width="stretch", key=f"undo_preview_{batch}")
        confirm = st.checkbox(f"Да, отменить пакет {batch}", key=f"undo_confirm_{batch}")
        if st.button("Отменить пакет", key="undo", disabled=not confirm):
            saved = _save(service.undo, batch)
            if saved is not None:
                st.success(f"Пакет {batch} отменён (запись об отмене: {saved.batch_id}).")

with tab_example:
    st.write(f"Пример из `data/examples/` — факты с отчётными датами и причинами отклонений, риски, события и свои "
             f"меры — показывает, как выглядит дашборд с данными. Всё это помечено «{EXAMPLE_LABEL}» везде, где "
             "видно; факты, внесённые пользователями, всегда заменяют пример.")
    if st.button("Загрузить пример", key="load_examples"):
        loaded = _save(service.load_examples)
        if loaded is not None:
            result, saved = loaded
            if result.problems:
                _show_problems(result)
            else:
                st.success(f"Пример загружен: {len(result.changes)} значений.")
    if st.button("Удалить пример", key="drop_examples"):
        saved = _save(service.drop_examples)
        if saved is not None:
            st.success(f"Удалено записей примера: {saved.changed}.")
