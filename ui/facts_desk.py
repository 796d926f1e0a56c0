"""The «Факты» page's working parts for one passport: the template of a period and the upload of a filled file
(checked, previewed, saved on confirmation), the quick editor, the registers, the journal with a confirmed undo,
and the example data. Every change goes through the facts service as one `ChangePlan`; a refusal is shown in
Russian and nothing is written."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from domain.access import Account
from domain.formatting import count_of, fmt_date
from domain.vocabulary import EXAMPLE_LABEL, FACT_KINDS
from facts.outcomes import ChangeRefused
from facts.plan import CHANGE_DELETE, CHANGE_EDIT, CHANGE_NEW, CHANGE_SAME, ChangePlan
from facts.registers import register_columns, register_file, register_rows, register_title
from facts.service import FactsService
from facts.template import template_file, template_frame
from facts.validation import EDITABLE
from model.live import Model
from panels.base import Filters
from panels.journal import audit_table
from ui import auth
from ui.filters import allowed_passports
from ui.model import facts_service, get_model, query
from ui.periods import period_picker

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_LABEL = "CSV (UTF-8 или Windows-1251, «;» или «,») или XLSX"


@dataclass
class FactsDesk:
    """One passport's facts as this session may change them."""

    model: Model
    service: FactsService
    pid: str
    label: str
    names: dict[str, str]
    #: the author typed by hand while sign-in is off (None: the signed-in account is the author)
    who: str | None
    #: why this session may not change the passport's facts (None: it may); the service checks again on saving
    read_only: str | None

    @classmethod
    def open(cls, pid: str, names: dict[str, str], account: Account | None) -> FactsDesk:
        """The desk of a passport: asks who makes the changes while sign-in is off, says when it is read only."""
        who = None
        if account is None:  # sign-in off: the author is named by hand
            with st.sidebar:
                who = st.text_input("Кто вносит (фамилия и инициалы)", key="who",
                                    help="Имя записывается в журнал изменений рядом с каждым изменением")
        read_only = auth.why_not("change", [pid], names)
        if read_only:
            st.info(f"Только просмотр: {read_only}.", icon=":material/visibility:")
        return cls(get_model(), facts_service(account, auth.origin()), pid, names.get(pid, pid), names, who, read_only)

    # ---- saving and showing a plan ---------------------------------------------------------------
    def _save(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a change through the facts service; a refusal is shown in Russian, nothing is written."""
        self.model.refresh_facts()
        try:
            return action(*args, author=self.who, **kwargs)
        except ChangeRefused as exc:
            st.error("Ничего не сохранено: " + "; ".join(p.message for p in exc.problems))
            return None

    @staticmethod
    def show_problems(plan: ChangePlan) -> None:
        for note in plan.notes:
            st.caption(note)
        errors = count_of(len(plan.problems), "ошибка", "ошибки", "ошибок")
        st.error(f"Не принято, ничего не сохранено: {errors}.")
        st.dataframe([{"Где": p.place, "Что не так": p.message} for p in plan.problems], hide_index=True,
                     width="stretch")

    @staticmethod
    def show_preview(plan: ChangePlan) -> None:
        counts = plan.counts()
        st.success(f"Проверка пройдена. Новых: {counts[CHANGE_NEW]}, изменённых: {counts[CHANGE_EDIT]}, "
                   f"удаляемых: {counts[CHANGE_DELETE]}, без изменений: {counts[CHANGE_SAME]}.")
        for note in plan.notes:
            st.caption(note)
        if plan.warnings:
            n = count_of(len(plan.warnings), "значение выглядит", "значения выглядят", "значений выглядят")
            st.warning(f"Проверьте перед сохранением — {n} необычно (это не ошибка, сохранить можно):",
                       icon=":material/help:")
            st.dataframe([{"Где": w.place, "Что проверить": w.message} for w in plan.warnings], hide_index=True,
                         width="stretch")
        st.dataframe(plan.preview, hide_index=True, width="stretch")

    def _upload(self, key: str, check: Callable[[bytes, str], ChangePlan], save_note: str) -> None:
        """An uploaded file: checked, previewed, saved on confirmation (once)."""
        upload = st.file_uploader(UPLOAD_LABEL, type=["csv", "xlsx", "txt"], key=f"upload_{key}")
        if upload is None:
            return
        raw = upload.getvalue()
        digest = hashlib.sha256(raw + key.encode()).hexdigest()
        self.model.refresh_facts()
        plan = check(raw, upload.name)
        if not plan.ok:
            self.show_problems(plan)
            return
        self.show_preview(plan)
        if st.session_state.get(f"saved_{key}") == digest:
            st.info("Этот файл уже сохранён.")
        elif not plan.changes:
            st.info("Нечего сохранять: всё совпадает с уже внесённым.")
        elif st.button("Подтвердить и сохранить", type="primary", key=f"confirm_{key}"):
            saved = self._save(self.service.save, plan, note=f"{save_note} {upload.name}")
            if saved is not None:
                st.session_state[f"saved_{key}"] = digest
                st.success(f"Сохранено. Номер пакета: {saved.batch_id} — его можно отменить в журнале.")

    # ---- the tabs --------------------------------------------------------------------------------
    def template_and_upload(self, f: Filters) -> None:
        """The template of a reporting period to download, and the upload of a filled one."""
        st.subheader("1. Скачайте шаблон")
        st.write("В шаблоне уже есть коды, наименования, годы и планы; заполните «Факт» (значение нарастающим итогом "
                 "с начала года, если мера накопительная), «Источник», а где факт ниже плана — «Причина отклонения» "
                 "и «Меры». Для контрольных точек «Факт» — дата выполнения (ДД.ММ.ГГГГ).")
        period = period_picker(f, self.pid, "tpl")
        st.caption(f"Отчётная дата строк {period.year} года — {fmt_date(period.end)} ({period.label}). Строки других "
                   "лет сохраняют свою дату; в старом шаблоне без этого столбца отчётная дата — 31.12 года.")
        model, pid, store = self.model, self.pid, self.model.store
        c1, c2 = st.columns(2)
        c1.download_button("Шаблон CSV (Excel)",
                           data=lambda: template_file(model.cursor(), pid, store, "csv", period.end),
                           file_name=f"facts_template_{pid}_{period.code}.csv", mime="text/csv", on_click="ignore",
                           key="template_csv", icon=":material/download:")
        c2.download_button("Шаблон XLSX",
                           data=lambda: template_file(model.cursor(), pid, store, "xlsx", period.end),
                           file_name=f"facts_template_{pid}_{period.code}.xlsx", on_click="ignore",
                           key="template_xlsx", mime=XLSX_MIME, icon=":material/download:")
        st.subheader("2. Загрузите заполненный файл")
        if self.read_only:
            st.caption("Загрузка недоступна: " + self.read_only + ".")
            return
        default_source = st.text_input("Источник для строк без источника (отчёт, приказ, ссылка)",
                                       key="upload_source")
        self._upload(f"facts_{hashlib.sha256(default_source.encode()).hexdigest()[:8]}",
                     lambda raw, name: self.service.check_file(raw, name, default_source=default_source or None),
                     "загрузка")

    def quick_edit(self) -> None:
        """The template's rows of the chosen kinds as a table to edit in place."""
        kinds = st.multiselect("Вид", list(FACT_KINDS.labels), default=[FACT_KINDS.label("indicator")],
                               key="edit_kinds")
        original = template_frame(self.model.cursor(), self.pid, self.model.store)
        original = original[original["Вид"].isin(kinds)].reset_index(drop=True)
        if original.empty:
            st.info("Выберите хотя бы один вид записей.")
            return
        if self.read_only:
            st.dataframe(original, hide_index=True, width="stretch")
            return
        st.caption("Отчётная дата пустая — факт на 31.12 года (или на сегодня, если год ещё идёт). Очищенный «Факт» "
                   "удаляет последний отчёт.")
        edited = st.data_editor(
            original, hide_index=True, width="stretch", key="editor",
            disabled=[c for c in original.columns if c not in EDITABLE],
            column_config={"Наименование": st.column_config.TextColumn(width="large")},
        )
        if st.button("Проверить и сохранить правки", type="primary", key="save_edits"):
            self.model.refresh_facts()
            plan = self.service.check_edits(original, edited)
            if not plan.ok:
                self.show_problems(plan)
            elif not plan.changes:
                st.info("Правок нет.")
            else:
                saved = self._save(self.service.save, plan, note="правка в таблице")
                if saved is not None:
                    self.show_preview(plan)
                    st.success(f"Сохранено. Номер пакета: {saved.batch_id}.")

    def register(self, kind: str, intro: str) -> None:
        """One register of the passport: the table to edit (new rows at the bottom, «Удалить» to delete), its file
        to download, fill in and upload."""
        model, store, pid = self.model, self.model.store, self.pid
        title = register_title(kind)
        st.write(intro)
        rows = register_rows(model.cursor(), store, kind, pid)
        shown = rows.assign(Удалить=False)
        config = {"Номер": st.column_config.TextColumn("Номер", disabled=True, width="small"),
                  "Паспорт": st.column_config.TextColumn("Паспорт", disabled=True),
                  "Удалить": st.column_config.CheckboxColumn("Удалить",
                                                            help="Отметьте и сохраните, чтобы удалить запись")}
        for column, (field_kind, choices) in register_columns(kind).items():
            if choices:
                config[column] = st.column_config.SelectboxColumn(column, options=list(choices))
            elif field_kind == "date":
                config[column] = st.column_config.TextColumn(column, help="Дата ДД.ММ.ГГГГ")
            elif field_kind == "text":
                config[column] = st.column_config.TextColumn(column, width="large" if column in (
                    "Риск", "Событие", "Наименование", "Меры") else "medium")
        if self.read_only:
            st.dataframe(rows, hide_index=True, width="stretch")
            return
        edited = st.data_editor(shown, hide_index=True, width="stretch", num_rows="dynamic", column_config=config,
                                key=f"register_{kind}_{pid}_{store.version()}")
        if st.button("Проверить и сохранить", type="primary", key=f"save_register_{kind}"):
            model.refresh_facts()
            plan = self.service.check_register_edits(kind, shown, edited, self.label)
            if not plan.ok:
                self.show_problems(plan)
            elif not plan.changes:
                st.info("Изменений нет.")
            else:
                saved = self._save(self.service.save, plan, note=f"правка реестра «{title}»")
                if saved is not None:
                    st.success(f"Сохранено: {count_of(len(plan.changes), 'запись', 'записи', 'записей')}. "
                               f"Номер пакета: {saved.batch_id}.")
                    st.dataframe(plan.preview, hide_index=True, width="stretch")
        with st.expander(f"Файл реестра «{title}»: скачать, заполнить в Excel, загрузить"):
            c1, c2 = st.columns(2)
            c1.download_button("CSV (Excel)", data=lambda: register_file(model.cursor(), store, kind, pid, "csv"),
                               file_name=f"{kind}_{pid}.csv", mime="text/csv", on_click="ignore",
                               key=f"register_csv_{kind}", icon=":material/download:")
            c2.download_button("XLSX", data=lambda: register_file(model.cursor(), store, kind, pid, "xlsx"),
                               file_name=f"{kind}_{pid}.xlsx", mime=XLSX_MIME, on_click="ignore",
                               key=f"register_xlsx_{kind}", icon=":material/download:")
            st.caption("Строка без номера — новая запись (или правка записи с тем же названием); «Удалить» = «Да» "
                       "удаляет запись.")
            self._upload(f"register_{kind}", lambda raw, name: self.service.check_entries_file(raw, name, kind),
                         f"реестр «{title}»:")

    def journal(self, account: Account | None) -> None:
        """The changes this session may see, newest first, and the undo of a batch after a confirmation."""
        log = query(audit_table, self.model.store.identity, passports=allowed_passports())
        if log.empty:
            st.info("Изменений пока не было.")
            return
        st.dataframe(log, hide_index=True, width="stretch")
        if account is not None and account.role in ("viewer", "head"):
            st.caption("Отменять пакеты может редактор своих паспортов или администратор.")
            return
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
        refused = auth.why_not("undo", self.service.batch_passports(batch), self.names)
        if refused:
            st.caption(f"Этот пакет отменить нельзя: {refused}.")
        confirm = st.checkbox(f"Да, отменить пакет {batch}", key=f"undo_confirm_{batch}", disabled=bool(refused))
        if st.button("Отменить пакет", key="undo", disabled=not confirm or bool(refused)):
            saved = self._save(self.service.undo, batch)
            if saved is not None:
                st.success(f"Пакет {batch} отменён (запись об отмене: {saved.batch_id}).")

    def examples(self) -> None:
        """Load or drop the example data (administrators)."""
        st.write(f"Пример из `data/examples/` — факты с отчётными датами и причинами отклонений, риски, события и "
                 f"свои меры — показывает, как выглядит дашборд с данными. Всё это помечено «{EXAMPLE_LABEL}» везде, "
                 "где видно; факты, внесённые пользователями, всегда заменяют пример.")
        refused = auth.why_not("examples", [])
        if refused:
            st.caption(f"Загружать и удалять пример может администратор: {refused}.")
            return
        if st.button("Загрузить пример", key="load_examples"):
            loaded = self._save(self.service.load_examples)
            if loaded is not None:
                result, _saved = loaded
                if result.problems:
                    self.show_problems(result)
                else:
                    st.success(f"Пример загружен: {len(result.changes)} значений.")
        if st.button("Удалить пример", key="drop_examples"):
            saved = self._save(self.service.drop_examples)
            if saved is not None:
                st.success(f"Удалено записей примера: {saved.changed}.")
