"""The registers kept beside the facts: risks, dated events and measures of the user's own — their fields, their
files and their row-by-row validation in Russian.

A record is stored as a JSON payload keyed by passport, kind and number («Р-3», «С-1», «М-2»). A file row without
a number adds a record, or updates the one of the same passport that has the same name (a risk's wording, an
event's wording and date, a measure's name), so importing one file twice changes nothing. Nothing here writes:
`facts.service` saves a checked plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from domain import vocabulary as v
from domain.formatting import fmt_date, yes_no
from domain.problems import InputProblem
from facts.plan import CHANGE_DELETE, CHANGE_EDIT, CHANGE_NEW, CHANGE_SAME, ChangePlan
from facts.targets import Catalogue, labels_of, unknown_passport
from facts.template import template_csv, template_xlsx
from spreadsheets.cells import ROW_INDEX, Layout
from spreadsheets.values import BadValue, parse_date, parse_number, short
from store.facts_store import FactStore
from store.records import EntryChange, EntryRef

NUMBER_COLUMN = "Номер"
PASSPORT_COLUMN = "Паспорт"
DELETE_COLUMN = "Удалить"


@dataclass(frozen=True)
class Field:
    """One field of a record: the payload key, its column, what it holds and whether it must be filled.
    kind: text | date | level (низкая/средняя/высокая) | risk_status | topic | direction | yesno | number | year."""

    key: str
    column: str
    kind: str = "text"
    required: bool = False
    max_chars: int = 500


@dataclass(frozen=True)
class Register:
    """A register: its kind (vocabulary.ENTRY_KINDS), its fields and the fields that name a record."""

    kind: str
    title: str
    fields: tuple[Field, ...]
    natural_key: tuple[str, ...]

    @property
    def layout(self) -> Layout:
        columns = (NUMBER_COLUMN, PASSPORT_COLUMN, *(f.column for f in self.fields), DELETE_COLUMN)
        numbers = tuple(f.column for f in self.fields if f.kind in ("date", "number", "year"))
        return Layout(columns, numbers, (("№", NUMBER_COLUMN), ("удалить запись", DELETE_COLUMN)))

    @property
    def columns(self) -> list[str]:
        return [NUMBER_COLUMN, PASSPORT_COLUMN, *(f.column for f in self.fields)]

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


RISKS = Register("risk", "Риски", (
    Field("title", "Риск", required=True, max_chars=1000),
    Field("probability", "Вероятность", "level", required=True),
    Field("impact", "Влияние", "level", required=True),
    Field("owner", "Ответственный", max_chars=200),
    Field("measures", "Меры", max_chars=2000),
    Field("status", "Статус", "risk_status"),
    Field("identified", "Дата выявления", "date"),
    Field("due", "Срок", "date"),
    Field("topic", "Тема", "topic"),
), ("title",))
EVENTS = Register("event", "События", (
    Field("title", "Событие", required=True, max_chars=1000),
    Field("place", "Где", max_chars=300),
    Field("day", "Дата", "date", required=True),
    Field("topic", "Тема", "topic", required=True),
    Field("source", "Источник", required=True, max_chars=1000),
    Field("comment", "Комментарий", max_chars=2000),
), ("title", "day"))
USER_MEASURES = Register("user_measure", "Свои меры", (
    Field("name", "Наименование", required=True, max_chars=500),
    Field("unit", "Ед. изм.", required=True, max_chars=50),
    Field("direction", "Направление", "direction"),
    Field("cumulative", "Накопительно", "yesno"),
    Field("topic", "Тема", "topic", required=True),
    Field("target", v.USER_TARGET.capitalize(), "number"),
    Field("target_year", "Год цели", "year"),
), ("name",))
REGISTERS = {r.kind: r for r in (RISKS, EVENTS, USER_MEASURES)}


def register_subject(register: Register) -> str:
    """How the journal names a change of a register."""
    return f"реестр «{register.title}»"


def register_frame(register: Register, stored: list[tuple[EntryRef, dict]], labels: dict[str, str]) -> pd.DataFrame:
    """Records as the rows of the register's file (the template of a register is its current content)."""
    rows = []
    for ref, payload in stored:
        row = {NUMBER_COLUMN: ref.entry_id, PASSPORT_COLUMN: labels.get(ref.passport_id, ref.passport_id)}
        for f in register.fields:
            row[f.column] = show_field(f, payload.get(f.key))
        rows.append(row)
    return pd.DataFrame(rows, columns=register.columns)


def show_field(f: Field, value: object) -> str:
    """A payload value as the user reads and types it."""
    if value is None or value == "":
        return ""
    if f.kind == "date":
        return fmt_date(value, "")
    if f.kind == "level":
        return v.RISK_LEVELS.label(value)
    if f.kind == "risk_status":
        return v.RISK_STATUSES.label(value)
    if f.kind == "topic":
        return v.TOPIC_BY_CODE[value].label if value in v.TOPIC_BY_CODE else str(value)
    if f.kind == "direction":
        return v.DIRECTIONS.label(value)
    if f.kind == "yesno":
        return yes_no(value)
    if f.kind in ("number", "year"):
        number = float(value)
        return str(int(number)) if number.is_integer() else str(number).replace(".", ",")
    return str(value)


def plan_entries(frame: pd.DataFrame, file: str, register: Register, targets: pd.DataFrame, store: FactStore,
                 today: date, is_example: bool = False) -> ChangePlan:
    """Validate the rows of a register file and preview what saving them would change."""
    plan = ChangePlan(file, subject=register_subject(register))
    cat = Catalogue.of(targets)
    missing = [c for c in (PASSPORT_COLUMN, *(f.column for f in register.fields if f.required))
               if c not in frame.columns]
    if missing:
        plan.problems.append(InputProblem(file, "заголовок", "нет обязательных столбцов: " + ", ".join(
            f"«{c}»" for c in missing) + f". Скачайте шаблон реестра «{register.title}»"))
        return plan
    stored = store.records(register.kind)
    by_ref = {ref: payload for ref, payload in stored}
    by_name = {(ref.passport_id, _natural(register, payload)): ref for ref, payload in stored}
    seen: dict[tuple, int] = {}
    preview = []
    for i, row in enumerate(frame.fillna("").astype(str).to_dict("records")):
        line = int(frame.index[i]) if frame.index.name == ROW_INDEX else i + 2
        parsed = _parse_record(row, line, file, register, cat, plan, today, is_example)
        if parsed is None:
            continue
        pid, number, payload, delete = parsed
        name = _natural(register, payload)
        if (pid, name) in seen:
            plan.problems.append(InputProblem(file, f"строка {line}", f"запись повторяет строку {seen[(pid, name)]}"))
            continue
        seen[(pid, name)] = line
        if number:
            ref = EntryRef(pid, register.kind, number)
            if ref not in by_ref:
                plan.problems.append(InputProblem(file, f"строка {line}, столбец «{NUMBER_COLUMN}»",
                                                  f"в реестре «{register.title}» паспорта «{cat.label(pid)}» нет "
                                                  f"записи № {number}; для новой записи оставьте номер пустым"))
                continue
        else:
            ref = by_name.get((pid, name), EntryRef(pid, register.kind, ""))
        old = by_ref.get(ref)
        if delete:
            if old is None:
                plan.problems.append(InputProblem(file, f"строка {line}, столбец «{DELETE_COLUMN}»",
                                                  "удалять нечего: такой записи нет"))
                continue
            change = CHANGE_DELETE
            plan.changes.append(EntryChange(ref, None))
        else:
            change = CHANGE_NEW if old is None else (CHANGE_SAME if _same(old, payload) else CHANGE_EDIT)
            if change != CHANGE_SAME:
                plan.changes.append(EntryChange(ref, payload))
        preview.append({"Строка": line, "Изменение": change, NUMBER_COLUMN: ref.entry_id or "новый",
                        PASSPORT_COLUMN: cat.label(pid), **{f.column: show_field(f, (payload if not delete else old)
                                                                                  .get(f.key))
                                                            for f in register.fields}})
    if not plan.problems and not preview:
        plan.problems.append(InputProblem(file, "", f"в файле нет ни одной записи реестра «{register.title}»"))
    plan.preview = pd.DataFrame(preview)
    return plan


def _same(old: dict, new: dict) -> bool:
    return {k: val for k, val in old.items() if val not in (None, "")} == {
        k: val for k, val in new.items() if val not in (None, "")}


def _natural(register: Register, payload: dict) -> tuple:
    return tuple(" ".join(str(payload.get(k) or "").split()).lower() for k in register.natural_key)


def _parse_record(row: dict, line: int, file: str, register: Register, cat: Catalogue, plan: ChangePlan,
                  today: date, is_example: bool) -> tuple[str, str, dict, bool] | None:
    """One row as (passport, number, payload, delete); None when blank or wrong (then said)."""
    def bad(column: str, message: str) -> None:
        plan.problems.append(InputProblem(file, f"строка {line}, столбец «{column}»", message))

    cells = {c: " ".join(str(row.get(c, "")).split()) if c != "Меры" else str(row.get(c, "")).strip()
             for c in (NUMBER_COLUMN, PASSPORT_COLUMN, DELETE_COLUMN, *(f.column for f in register.fields))}
    if not any(cells[f.column] for f in register.fields) and not cells[NUMBER_COLUMN]:
        return None
    pid = cat.passport(cells[PASSPORT_COLUMN])
    if pid is None:
        bad(PASSPORT_COLUMN, unknown_passport(cells[PASSPORT_COLUMN]))
        return None
    delete_text = cells[DELETE_COLUMN]
    delete = bool(delete_text) and v.parse_yes_no(delete_text)
    if delete_text and delete is None:
        bad(DELETE_COLUMN, f"ожидается «{v.YES}» или «{v.NO}», получено «{short(delete_text, 40)}»")
        return None
    payload: dict = {}
    ok = True
    for f in register.fields:
        text = cells[f.column]
        if not text:
            if f.required and not delete:
                bad(f.column, "заполните этот столбец")
                ok = False
            continue
        try:
            value = _parse_field(f, text, pid, cat)
        except BadValue as exc:
            bad(f.column, str(exc))
            ok = False
            continue
        payload[f.key] = value
    if not ok:
        return None
    if not delete and (problem := _record_problem(register, payload, pid, cat, today)):
        bad(*problem)
        return None
    if not delete:
        payload = _with_defaults(register, payload, today, cat.passport_years(pid))
        payload["is_example"] = is_example
    return pid, cells[NUMBER_COLUMN], payload, bool(delete)


def _parse_field(f: Field, text: str, pid: str, cat: Catalogue) -> object:
    """A typed value of one cell; BadValue (Russian) when it is not one."""
    if len(text) > f.max_chars:
        raise BadValue(f"текст длиннее {f.max_chars} символов ({len(text)})")
    if f.kind == "text":
        return text
    if f.kind == "date":
        day = parse_date(text)
        period = cat.periods.get(pid)
        if day and period and not period[0] <= day <= period[1]:
            raise BadValue(f"дата {fmt_date(day)} вне срока паспорта больше чем на год "
                           f"(допустимо {fmt_date(period[0])}–{fmt_date(period[1])})")
        return day.isoformat() if day else None
    if f.kind in ("number", "year"):
        number = parse_number(text)
        if number is not None and number < 0:
            raise BadValue(f"значение не может быть отрицательным: {short(text, 40)}")
        if f.kind == "year" and number is not None and not (number.is_integer() and 1990 <= number <= 2100):
            raise BadValue(f"ожидается год, например 2024, получено «{short(text, 40)}»")
        if number is not None and number > v.INPUT_LIMITS.max_count:
            raise BadValue(f"{short(text, 40)} — слишком большое число, проверьте значение")
        return int(number) if f.kind == "year" and number is not None else number
    vocabulary = {"level": v.RISK_LEVELS, "risk_status": v.RISK_STATUSES, "direction": v.DIRECTIONS}.get(f.kind)
    if vocabulary is not None:
        code = vocabulary.parse(text)
        if code is None:
            raise BadValue(f"неизвестное значение «{short(text, 40)}»; допустимо: {', '.join(vocabulary.labels)}")
        return code
    if f.kind == "topic":
        allowed = [t for t in v.TOPICS if t.code != "funding" or f.key == "topic" and not f.required]
        code = v.parse_topic(text)
        if code not in {t.code for t in allowed}:
            raise BadValue(f"неизвестная тема «{short(text, 40)}»; допустимо: "
                           f"{', '.join(t.label for t in allowed)}")
        return code
    if f.kind == "yesno":
        answer = v.parse_yes_no(text)
        if answer is None:
            raise BadValue(f"ожидается «{v.YES}» или «{v.NO}», получено «{short(text, 40)}»")
        return answer
    raise ValueError(f.kind)


def _record_problem(register: Register, payload: dict, pid: str, cat: Catalogue,
                    today: date) -> tuple[str, str] | None:
    """A record whose fields contradict each other: (column, Russian message)."""
    if register.kind == "user_measure":
        years = cat.passport_years(pid)
        target, year = payload.get("target"), payload.get("target_year")
        if target is not None and year is None and not years:
            return register.field("target_year").column, "укажите год цели"
        if year is not None and years and year not in years:
            return (register.field("target_year").column,
                    f"год {year} вне срока паспорта ({min(years)}–{max(years)})")
        if year is not None and target is None:
            return register.field("target").column, "год цели указан, а цели нет: укажите цель или очистите год"
        unit = payload.get("unit")
        if target is not None and v.is_share(unit) and target > v.INPUT_LIMITS.max_share_pct:
            return register.field("target").column, "процент больше 100"
    if register.kind == "risk":
        identified, due = payload.get("identified"), payload.get("due")
        if identified and due and due < identified:
            return register.field("due").column, "срок раньше даты выявления"
        if identified and identified > today.isoformat():
            return register.field("identified").column, "риск не может быть выявлен позже сегодняшнего дня"
    return None


def _with_defaults(register: Register, payload: dict, today: date, years: list[int]) -> dict:
    """What a blank optional field means: a risk is open and identified today, a measure grows and is not
    cumulative, a target without a year is for the passport's last year."""
    out = dict(payload)
    if out.get("target") is not None and out.get("target_year") is None and years:
        out["target_year"] = max(years)
    if register.kind == "risk":
        out.setdefault("status", "open")
        out.setdefault("identified", today.isoformat())
    if register.kind == "user_measure":
        out.setdefault("direction", "up")
        out.setdefault("cumulative", False)
    return out



def user_measure_targets(store: FactStore, targets: pd.DataFrame) -> pd.DataFrame:
    """The targets of the passports with the user's own measures as the store holds them now (the model's copy
    may be older): one row per measure and year of its passport, no plan. The same rows as fact_target's
    user_measures (model/sql/contract/20_fact_target.sql), so a measure added a moment ago takes facts at once."""
    passport_targets = targets[targets["kind"] != "user_measure"]
    periods = passport_targets.drop_duplicates("passport_id").set_index("passport_id")
    rows = []
    for seq, (ref, payload) in enumerate(store.records("user_measure"), start=1):
        if ref.passport_id not in periods.index:
            continue
        p = periods.loc[ref.passport_id]
        for year in range(pd.Timestamp(p["passport_start"]).year, pd.Timestamp(p["passport_end"]).year + 1):
            level = bool(payload.get("cumulative"))
            rows.append({
                "passport_id": ref.passport_id, "kind": "user_measure", "section": "", "code": ref.entry_id,
                "measure": "", "year": year, "plan_value": None, "plan_date": None, "name": payload.get("name"),
                "unit": payload.get("unit"), "direction": payload.get("direction", "up"), "is_cumulative": level,
                "seq": seq, "series": f"user_measure:{ref.entry_id}", "accumulates": "level" if level else "flow",
                "base_value": None, "topic": payload.get("topic"), "role": None,
                **{c: p[c] for c in ("territory", "passport_start", "passport_end", "passport_label")
                   if c in periods.columns}})
    if not rows:
        return passport_targets
    return pd.concat([passport_targets, pd.DataFrame(rows)], ignore_index=True)


# ---- a register as a file and as the page's table -------------------------------------------------------
def register_rows(con: duckdb.DuckDBPyConnection, store: FactStore, kind: str, passport_id: str) -> pd.DataFrame:
    """The records of one register of a passport as the rows of its file (also the page's editor)."""
    return register_frame(REGISTERS[kind], store.records(kind, passport_id), labels_of(con))


def register_file(con: duckdb.DuckDBPyConnection, store: FactStore, kind: str, passport_id: str,
                  file_kind: str) -> bytes:
    """A register of a passport as a file to fill in and upload: 'csv' or 'xlsx'; an empty register gives the
    header and one example-free blank row's worth of columns."""
    frame = register_rows(con, store, kind, passport_id)
    register = REGISTERS[kind]
    if file_kind == "xlsx":
        numbers = tuple(f.column for f in register.fields if f.kind in ("number", "year"))
        return template_xlsx(frame, register.title, numbers)
    return template_csv(frame)


def register_columns(kind: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """For the page's editor: each column of a register with its kind and the labels a choice column offers."""
    choices = {"level": v.RISK_LEVELS.labels, "risk_status": v.RISK_STATUSES.labels,
               "direction": v.DIRECTIONS.labels, "yesno": (v.YES, v.NO),
               "topic": tuple(t.label for t in v.TOPICS)}
    return {f.column: (f.kind, choices.get(f.kind, ())) for f in REGISTERS[kind].fields}


def register_title(kind: str) -> str:
    return REGISTERS[kind].title


def edited_rows(kind: str, original: pd.DataFrame, edited: pd.DataFrame, passport_label: str) -> pd.DataFrame:
    """The rows of the page's register editor to check, as a file's rows: new rows, changed rows and rows ticked
    «Удалить» (indexed by the editor's row numbers, so problems name them); a new row is of the page's passport."""
    edited = edited.reset_index(drop=True).copy()
    edited.index = pd.RangeIndex(1, len(edited) + 1, name=ROW_INDEX)
    keep = [c for c in original.columns if c != DELETE_COLUMN]
    before = original.set_index(NUMBER_COLUMN)[keep[1:]] if len(original) else pd.DataFrame()
    rows = []
    for line, row in edited.iterrows():
        number = str(row.get(NUMBER_COLUMN) or "").strip()
        mark = row.get(DELETE_COLUMN)
        ticked = mark is not None and not (isinstance(mark, float) and pd.isna(mark)) and bool(mark)
        cells = {c: _cell(row.get(c)) for c in keep}
        cells[PASSPORT_COLUMN] = cells.get(PASSPORT_COLUMN) or passport_label
        if not number and not any(cells[c] for c in keep if c not in (NUMBER_COLUMN, PASSPORT_COLUMN)):
            continue  # a blank row the editor added
        same = number in before.index and all(cells[c] == _cell(before.loc[number, c]) for c in keep[1:])
        if same and not ticked:
            continue
        rows.append({**cells, DELETE_COLUMN: v.YES if ticked else "", ROW_INDEX: line})
    return pd.DataFrame(rows, columns=[*keep, DELETE_COLUMN, ROW_INDEX]).set_index(ROW_INDEX)


def _cell(value: object) -> str:
    """An editor cell as the text a file would hold (a date picked in the editor as 31.12.2024)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, date):
        return fmt_date(value)
    return str(value).strip()
