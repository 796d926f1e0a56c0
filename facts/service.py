"""The one way facts change: every save, edit, undo and example load goes through `FactsService`.

It validates (the same rules for a file, the page editor and the command line), knows who makes the change,
writes in one transaction and audits each fact. Pages and the CLI never write the store themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import pandas as pd

from domain import paths
from domain import vocabulary as v
from domain.access import Account, RegionOf, refusal
from domain.formatting import fmt_date, plain_number
from domain.keys import FactKey
from domain.limits import LIMITS, mb
from domain.periods import Period
from domain.problems import InputError, InputProblem
from facts.layout import FACTS_LAYOUT
from facts.outcomes import RULE_OF_ACTION, FactsError, Saved, check_author
from facts.plan import ChangePlan
from facts.registers import REGISTERS, Register, edited_rows, plan_entries, register_subject, user_measure_targets
from facts.report_cycle import (
    REPORT,
)
from facts.report_steps import ReportSteps
from facts.targets import fact_targets
from facts.validation import plan_edits, plan_import
from model.live import Model
from spreadsheets.cells import Layout, log_unexpected
from spreadsheets.reading import Table, read_file
from store.facts_store import FactStore
from store.records import Change, Document, EntryChange, FactChange, FactValue

#: where a change comes from when the caller does not say (the app's pages say it with the browser's address)
APP_ORIGIN = "приложение"
#: example registers in data/examples, loaded before the example facts
EXAMPLE_REGISTERS = {"user_measure": "user_measures_*.csv", "risk": "risks_*.csv", "event": "events_*.csv"}


#: the fact targets of the passports some «Паспорт» cells name (None: of every passport)
TargetSource = Callable[[Iterable[object] | None], pd.DataFrame]


class FactsService(ReportSteps):
    """Validate, save, undo and audit facts of the passports in one model."""

    def __init__(self, store: FactStore, targets: TargetSource | pd.DataFrame | None = None,
                 today: Callable[[], date] = date.today, *, account: Account | None = None,
                 region_of: RegionOf | None = None, origin: str = APP_ORIGIN):
        """account: who makes the changes (the signed-in person, or the CLI's --user); once the store has
        accounts, every change needs one whose role allows it. region_of: a passport's region code, for editors
        whose list names a whole region («region:28»). targets: the fact targets, or a function of the
        «Паспорт» cells of a file giving the targets of the passports they name (None: of every passport).
        origin: where the changes come from, for the journal (the app and the browser's address, or the command
        line with the operating-system account and machine: the command line trusts whoever runs it)."""
        self.store = store
        self.origin = origin
        self._targets = targets
        self._today = today
        self.account = account
        self._region_of = region_of or (lambda _pid: None)

    @classmethod
    def of_model(cls, model: Model, account: Account | None = None, origin: str = APP_ORIGIN) -> FactsService:
        """The service over the app's model (its passports, its store), acting for the account (None: sign-in
        off): targets are read for the passports a file names."""
        return cls(model.store, lambda cells: fact_targets(model.cursor(), named_by=cells), account=account,
                   region_of=model.regions.get, origin=origin)

    def sign_in_required(self) -> bool:
        """Whether the store has accounts: then no change is made without a permitted account."""
        return self.store.has_accounts()

    def refusal(self, action: str, passport_ids: list[str]) -> str | None:
        """Why this service's account may not do the action to these passports (None when it may, or when the
        store has no accounts and sign-in is off)."""
        if self.account is None and not self.sign_in_required():
            return None
        return refusal(self.account, action, passport_ids, self._region_of)

    def targets(self, named_by: Iterable[object] | None = None) -> pd.DataFrame:
        """Everything a fact can be entered for (fact_target of the model) — of the passports the cells named_by
        name when given: a file's check costs what the file holds, not what 2 000 passports hold."""
        if self._targets is None:
            raise FactsError("модель паспортов не открыта: проверять факты не с чем")
        targets = self._targets(named_by) if callable(self._targets) else self._targets
        return user_measure_targets(self.store, targets)

    def _targets_of(self, frame: pd.DataFrame) -> pd.DataFrame:
        return self.targets(frame["Паспорт"] if "Паспорт" in frame.columns else None)

    # ---- checking (nothing is written) ----------------------------------------------------------
    def check_frame(self, frame: pd.DataFrame, name: str, *, default_source: str | None = None,
                    is_example: bool = False, require_facts: bool = True) -> ChangePlan:
        """Validate a table of facts (a filled template) and preview what saving it would change."""
        return plan_import(frame, name, self._targets_of(frame), self.store, default_source=default_source,
                           is_example=is_example, today=self._today(), require_facts=require_facts)

    def check_file(self, raw: bytes, name: str, *, default_source: str | None = None,
                   is_example: bool = False) -> ChangePlan:
        """Read and validate an uploaded facts file; an unreadable file gives a plan with its problems (never
        raises for what the file holds). An XLSX file's problems name its sheet."""
        return _read_then(raw, name, FACTS_LAYOUT, lambda frame, shown: self.check_frame(
            frame, shown, default_source=default_source, is_example=is_example))

    def check_path(self, path: Path, *, default_source: str | None = None, is_example: bool = False) -> ChangePlan:
        """Read and validate a file on disk (the command line, the example data); the size is checked first."""
        try:
            raw = read_limited(path)
        except InputError as exc:
            return ChangePlan(file=str(path), problems=exc.problems)
        return self.check_file(raw, str(path), default_source=default_source, is_example=is_example)

    def check_edits(self, original: pd.DataFrame, edited: pd.DataFrame) -> ChangePlan:
        """The page editor's rows: validated like a file; a cleared fact becomes an audited deletion."""
        return plan_edits(original, edited, "таблица правки", self._targets_of(original), self.store,
                          today=self._today())

    # ---- changing (the only writers) ------------------------------------------------------------
    def save(self, plan: ChangePlan, *, author: str | None = None, note: str | None = None) -> Saved:
        """Store a checked plan — facts or register records — in one audited batch; a plan with problems is
        refused whole, and so is the deletion of a measure of the user's own that still has facts."""
        if not plan.ok:
            what = "записи не приняты: в них" if plan.subject else "файл не принят: в нём"
            raise FactsError(f"{what} есть ошибки, ничего не сохранено")
        self._refuse_orphan_facts([c for c in plan.changes if isinstance(c, EntryChange)])
        return self._commit(plan.changes, author, note or plan.subject or f"загрузка {Path(plan.file).name}", "save")

    def set(self, changes: list[FactChange], *, author: str | None = None, note: str = "правка") -> Saved:
        """Set or delete facts given as typed changes (scripts, tests): each value is checked by the same
        rules as a file row; a deletion must name a stored report. Refused whole on any problem."""
        values = [c for c in changes if c.value is not None]
        rows = [_row_of(c.key, c.value) for c in values]
        plan = self.check_frame(pd.DataFrame(rows), note, is_example=bool(values) and values[0].key.is_example,
                                require_facts=bool(values))
        if not plan.ok:
            raise FactsError("; ".join(str(p) for p in plan.problems))
        stored = self.store.get([c.key for c in changes if c.value is None])
        missing = [c.key for c in changes if c.value is None and c.key not in stored]
        if missing:
            raise FactsError(f"нечего удалять: нет факта {missing[0]}")
        deletions = [c for c in changes if c.value is None]
        return self._commit([*plan.changes, *deletions], author, note, "save")

    def undo(self, batch_id: str, *, author: str | None = None) -> Saved:
        """Put back the values and records a batch replaced (itself a new, audited batch)."""
        changes: list[Change] = [FactChange(key, old) for key, old, _new in self.store.batch(batch_id)]
        entries = self.store.batch_entries(batch_id)
        changes += [EntryChange(ref, old) for ref, old, _new in entries]
        if not changes:
            raise FactsError(f"нет изменений с номером пакета {batch_id}")
        self._refuse_orphan_facts([c for c in changes if isinstance(c, EntryChange)])
        # a step of a report is undone by whoever may take that step (an approval by the project's head)
        steps = {(new or {}).get("state") for ref, _old, new in entries if ref.kind == REPORT}
        for ref, _old, new in entries:
            if ref.kind == REPORT and self.store.entry(ref) != new:
                period = Period.parse(ref.entry_id).label
                raise FactsError(f"пакет {batch_id} — не последний шаг отчёта за {period} ({ref.passport_id}): "
                                 "сначала отмените более поздний шаг (сдачу, утверждение или возврат)")
        rule = "approve" if steps & {"approved", "returned"} else ("submit" if "submitted" in steps else "undo")
        return self._commit(changes, author, f"отмена пакета {batch_id}", "undo", rule=rule)

    # ---- registers: risks, events, the user's own measures ----------------------------------------
    def check_entries_frame(self, frame: pd.DataFrame, name: str, kind: str, *,
                            is_example: bool = False) -> ChangePlan:
        """Validate rows of a register (a file, the page's table) and preview what saving them would change."""
        return plan_entries(frame, name, REGISTERS[kind], self._targets_of(frame), self.store, self._today(),
                            is_example=is_example)

    def check_entries_file(self, raw: bytes, name: str, kind: str, *, is_example: bool = False) -> ChangePlan:
        """Read and validate a register file (CSV or XLSX, read like a facts file)."""
        register: Register = REGISTERS[kind]
        return _read_then(raw, name, register.layout,
                          lambda frame, shown: self.check_entries_frame(frame, shown, kind, is_example=is_example))

    def check_register_edits(self, kind: str, original: pd.DataFrame, edited: pd.DataFrame,
                             passport_label: str) -> ChangePlan:
        """The page editor's rows of a register: new rows, changed rows and rows ticked «Удалить», validated like a
        file (problems name the editor's row numbers); a new row is of the page's passport."""
        frame = edited_rows(kind, original, edited, passport_label)
        if frame.empty:
            return ChangePlan("таблица", subject=register_subject(REGISTERS[kind]))
        return self.check_entries_frame(frame, "таблица", kind)

    def batch_passports(self, batch_id: str) -> list[str]:
        """The passports a batch of changes touched (its facts and register records)."""
        ids = {key.passport_id for key, _old, _new in self.store.batch(batch_id)}
        ids |= {ref.passport_id for ref, _old, _new in self.store.batch_entries(batch_id)}
        return sorted(ids)

    def _refuse_orphan_facts(self, changes: list[EntryChange]) -> None:
        """A measure of the user's own that has facts is not deleted: its facts would lose their meaning."""
        gone = {(c.ref.passport_id, c.ref.entry_id) for c in changes
                if c.payload is None and c.ref.kind == "user_measure"}
        if not gone:
            return
        facts = self.store.facts()
        ours = pd.Series([(p, c) in gone for p, c in zip(facts["passport_id"], facts["code"], strict=True)],
                         index=facts.index, dtype=bool)
        held = facts[(facts["kind"] == "user_measure") & ours]
        if len(held):
            raise FactsError(f"у меры «{held['code'].iloc[0]}» есть факты ({len(held)}): удалите сначала их "
                             "(страница «Факты», вид «мера пользователя»), потом саму меру")

    def load_examples(self, *, author: str | None = None,
                      folder: Path | None = None) -> tuple[ChangePlan, Saved | None]:
        """Validate every example file and, if all pass, store them in one batch as example facts."""
        folder = folder or paths.EXAMPLES_DIR
        reason = self.refusal("examples", [])
        if reason:
            raise FactsError(f"ничего не сохранено: {reason}")
        combined = ChangePlan(file=str(folder))
        entries: list[EntryChange] = []
        for kind, pattern in EXAMPLE_REGISTERS.items():
            for path in sorted(folder.glob(pattern)):
                try:
                    raw = read_limited(path)
                except InputError as exc:
                    combined.problems.extend(exc.problems)
                    continue
                entry_plan = self.check_entries_file(raw, str(path), kind, is_example=True)
                combined.problems.extend(entry_plan.problems)
                entries.extend(entry_plan.changes)
        if not combined.ok:
            return combined, None
        # the registers first: the example facts of the user's own measures name measures that must exist
        registers = self._commit(entries, author, "загрузка примера: реестры", "example")
        for path in sorted(folder.glob("facts_*.csv")):
            plan = self.check_path(path, default_source="пример", is_example=True)
            combined.problems.extend(plan.problems)
            combined.changes.extend(plan.changes)
        if not combined.ok or not combined.changes:
            if registers.batch_id:  # nothing of a refused example stays
                self.undo(registers.batch_id, author=author)
            return combined, None
        return combined, self._commit(combined.changes, author, "загрузка примера", "example")

    def drop_examples(self, *, author: str | None = None) -> Saved:
        """Delete every example fact (audited, undoable)."""
        facts = self.store.facts()
        examples = facts[facts["is_example"] == 1]
        changes: list[Change] = [
            FactChange(FactKey(r.passport_id, r.kind, r.section, r.code, r.measure, int(r.year),
                               date.fromisoformat(r.reporting_date), True), None)
            for r in examples.itertuples(index=False)]
        for kind in REGISTERS:
            changes += [EntryChange(ref, None) for ref, payload in self.store.records(kind)
                        if payload.get("is_example")]
        return self._commit(changes, author, "удаление примера", "example")

    def copy_from(self, source: FactStore) -> dict[str, int]:
        """Copy another store as it is — facts, registers, the audit log with its batches — into this empty one
        (moving from SQLite to PostgreSQL, a backup in a file). Nothing is checked again: every value was checked
        when it was entered, and the log keeps who entered it. Returns the rows copied per table."""
        version, rows = source.rows()
        self.store.restore(version, rows)
        return {table: len(table_rows) for table, table_rows in rows.items()}

    def _commit(self, changes: list[Change], author: str | None, note: str, action: str, *,
                rule: str | None = None, documents: Iterable[Document] = ()) -> Saved:
        """Check the account's right to every passport the changes touch, name the author, write one batch (with
        the documents it keeps)."""
        rule = rule or RULE_OF_ACTION[action]
        if changes or rule == "examples":
            passports = sorted({c.key.passport_id if isinstance(c, FactChange) else c.ref.passport_id
                                for c in changes})
            reason = self.refusal(rule, passports)
            if reason:
                raise FactsError(f"ничего не сохранено: {reason}")
        who = self.account.shown if self.account is not None else check_author(author)
        if not changes:
            return Saved(None, 0)
        batch = self.store.apply(changes, who=who, note=note, action=action, origin=self.origin,
                                 documents=documents)
        return Saved(batch, len(changes))


def _read_then(raw: bytes, name: str, layout: Layout,
               check: Callable[[pd.DataFrame, str], ChangePlan]) -> ChangePlan:
    """Read a table file, then check its rows: the straight route of a file (cells → rows → plan). What the file
    holds never raises: an unreadable file gives a plan with its problems, named by the sheet read."""
    try:
        table: Table = read_file(raw, name, layout)
    except InputError as exc:
        return ChangePlan(file=name, problems=exc.problems)
    except Exception:  # noqa: BLE001 - a reader bug must not show a user a traceback
        log_unexpected(name)
        return ChangePlan(file=name, problems=[InputProblem(
            name, "", "файл не прочитан: он повреждён или сохранён в неизвестном формате (нужен CSV или XLSX)")])
    plan = check(table.frame, f"{name}, лист «{table.sheet}»" if table.sheet else name)
    plan.file = name
    plan.notes = table.notes + plan.notes
    return plan


def read_limited(path: Path, limit: int = LIMITS.file_bytes) -> bytes:
    """The bytes of a regular file no larger than the limit, or InputError saying in Russian why not."""
    name = str(path)
    try:
        if path.is_dir():
            raise InputError([InputProblem(name, "", "это папка, а не файл: укажите файл CSV или XLSX")])
        if not path.exists():
            raise InputError([InputProblem(name, "", "файл не найден")])
        if not path.is_file():
            raise InputError([InputProblem(name, "", "это не обычный файл: укажите файл CSV или XLSX")])
        size = path.stat().st_size
        if size > limit:
            raise InputError([InputProblem(name, "", f"файл слишком большой: {mb(size)} при пределе {mb(limit)}")])
        with path.open("rb") as stream:
            raw = stream.read(limit + 1)
    except PermissionError:
        raise InputError([InputProblem(name, "", "нет прав на чтение файла")]) from None
    except OSError:
        raise InputError([InputProblem(name, "", "файл не прочитан (ошибка диска или пути)")]) from None
    if len(raw) > limit:
        raise InputError([InputProblem(name, "", f"файл слишком большой: больше {mb(limit)}")])
    return raw


def _row_of(key: FactKey, value: FactValue) -> dict:
    """A typed change as a row of the template, so it is checked exactly like a file."""
    is_cp = key.kind == "control_point"
    return {"Паспорт": key.passport_id, "Вид": v.FACT_KINDS.label(key.kind), "Раздел": key.section,
            "Код": key.code, "Мера": key.measure, "Год": str(key.year),
            "Отчётная дата": fmt_date(key.reporting_date, ""),
            "Факт": fmt_date(value.fact_date, "") if is_cp else plain_number(value.fact_value),
            "Статус": v.CONTROL_FACT_STATUSES.label(value.fact_status, "") if value.fact_status else "",
            "Комментарий": value.comment or "", "Причина отклонения": value.reason or "",
            "Меры": value.measures or "", "Источник": value.source or ""}
