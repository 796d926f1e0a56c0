"""Facts in and out: the template (CSV/XLSX), reading a filled file as Excel in Russia writes it,
row-by-row validation in Russian, and the preview of what an import would change."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from loaders.errors import InputProblem
from loaders.facts_store import FactChange, FactKey, FactStore, FactValue

MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_IMPORT_ROWS = 200_000

KIND_RU = {"indicator": "показатель", "result": "результат", "funding": "финансирование",
           "control_point": "контрольная точка"}
KIND_FROM_RU = {v: k for k, v in KIND_RU.items()} | {"мероприятие": "control_point", "результат": "result"}
SECTION_RU = {"passport": "паспорт", "additional": "доп. материалы", "": ""}
SECTION_FROM_RU = {"паспорт": "passport", "passport": "passport", "доп. материалы": "additional",
                   "дополнительные материалы": "additional", "additional": "additional", "": ""}
SOURCE_FROM_RU = {"федеральный бюджет": "federal", "федеральный": "federal",
                  "региональный бюджет": "regional", "региональный": "regional",
                  "муниципальный бюджет": "municipal", "муниципальный": "municipal",
                  "внебюджетные источники": "extrabudgetary", "внебюджетный": "extrabudgetary"}
CONTROL_STATUSES = ("выполнено", "не выполнено", "отменено")

#: template columns in order; the required ones must be present in an uploaded file
COLUMNS = ["Паспорт", "Вид", "Раздел", "Код", "Наименование", "Мера", "Ед. изм.", "Год", "Накопительно",
           "План", "Факт", "Статус", "Комментарий", "Источник"]
REQUIRED = ["Паспорт", "Вид", "Код", "Мера", "Год", "Факт"]
_ALIASES = {"вид": "Вид", "паспорт": "Паспорт", "код": "Код", "мера": "Мера", "год": "Год", "факт": "Факт",
            "план": "План", "источник": "Источник", "раздел": "Раздел", "статус": "Статус",
            "комментарий": "Комментарий", "наименование": "Наименование", "ед. изм.": "Ед. изм.",
            "единица": "Ед. изм.", "накопительно": "Накопительно"}


# ---- the catalogue of what can have a fact ------------------------------------------------------
def fact_targets(con: duckdb.DuckDBPyConnection, passport_id: str | None = None) -> pd.DataFrame:
    """Every key that can carry a fact, with its plan (from the fact_target view)."""
    sql = ("select * from fact_target where (? is null or passport_id = ?) order by passport_id, "
           "list_position(['indicator', 'result', 'funding', 'control_point'], kind), section, seq, year")
    return con.execute(sql, [passport_id, passport_id]).df()


def _fmt_number(value: float | None) -> str:
    if value is None or pd.isna(value):
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _fmt_date(value) -> str:
    if value is None or pd.isna(value):
        return ""
    return pd.Timestamp(value).strftime("%d.%m.%Y")


def template_frame(con: duckdb.DuckDBPyConnection, passport_id: str, store: FactStore | None = None) -> pd.DataFrame:
    """The template of one passport: one row per thing that can have a fact, plans filled in,
    current real facts filled in where they exist (so the file doubles as a correction form)."""
    targets = fact_targets(con, passport_id)
    if targets.empty:
        raise KeyError(f"паспорт «{passport_id}» не найден")
    current = store.facts() if store else pd.DataFrame()
    if not current.empty:
        current = current[(current["is_example"] == 0) & (current["passport_id"] == passport_id)]
    facts = {
        (r.kind, r.section, r.code, r.measure, int(r.year)): r for r in current.itertuples(index=False)
    } if not current.empty else {}
    rows = []
    for t in targets.itertuples(index=False):
        fact = facts.get((t.kind, t.section, t.code, t.measure, int(t.year)))
        is_cp = t.kind == "control_point"
        rows.append({
            "Паспорт": t.passport_id,
            "Вид": KIND_RU[t.kind],
            "Раздел": SECTION_RU.get(t.section, t.section),
            "Код": t.code,
            "Наименование": t.name,
            "Мера": t.measure,
            "Ед. изм.": "дата" if is_cp else (t.unit or ""),
            "Год": int(t.year) if t.year else "",
            "Накопительно": "да" if t.is_cumulative else "",
            "План": _fmt_date(t.plan_date) if is_cp else _fmt_number(t.plan_value),
            "Факт": (_fmt_date(fact.fact_date) if is_cp else _fmt_number(fact.fact_value)) if fact else "",
            "Статус": (fact.fact_status or "") if fact else "",
            "Комментарий": (fact.comment or "") if fact else "",
            "Источник": (fact.source or "") if fact else "",
        })
    return pd.DataFrame(rows, columns=COLUMNS)


def template_csv(frame: pd.DataFrame) -> bytes:
    """CSV as Excel with Russian settings opens it: UTF-8 with BOM, ';' separator, decimal comma."""
    return frame.to_csv(index=False, sep=";").encode("utf-8-sig")


def template_xlsx(frame: pd.DataFrame) -> bytes:
    """The template as an Excel workbook with numbers as numbers and readable column widths."""
    out = frame.copy()
    for col in ("План", "Факт"):
        out[col] = [_excel_value(v) for v in out[col]]
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        out.to_excel(writer, index=False, sheet_name="Факты")
        sheet = writer.sheets["Факты"]
        widths = {"A": 10, "B": 18, "C": 14, "D": 10, "E": 60, "F": 22, "G": 10, "H": 8, "I": 12, "J": 12,
                  "K": 12, "L": 14, "M": 30, "N": 40}
        for letter, width in widths.items():
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "A2"
    return buf.getvalue()


def _excel_value(text: str):
    if text in ("", None):
        return None
    try:
        return float(str(text).replace(",", "."))
    except ValueError:
        return text


# ---- reading an uploaded file -------------------------------------------------------------------
def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("cp1251", raw, 0, 1, "не удалось определить кодировку")


def _sniff_separator(text: str) -> str:
    head = text.splitlines()[0] if text else ""
    counts = {sep: head.count(sep) for sep in (";", "\t", ",")}
    return max(counts, key=counts.get) if any(counts.values()) else ";"


def read_table(raw: bytes, name: str) -> pd.DataFrame:
    """A filled template as strings: XLSX, or CSV in UTF-8 (with/without BOM) or Windows-1251,
    separated by ';', ',' or tab. Raises ValueError with a Russian message."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ValueError(f"файл слишком большой: {len(raw) // 1024 // 1024} МБ при пределе "
                         f"{MAX_IMPORT_BYTES // 1024 // 1024} МБ")
    if raw[:2] == b"PK" or name.lower().endswith(".xlsx"):
        try:
            frame = pd.read_excel(io.BytesIO(raw), dtype=object, engine="openpyxl")
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook
            raise ValueError(f"не удалось прочитать файл Excel: {exc}") from None
        frame = frame.map(_cell_to_text)
    else:
        try:
            text = _decode(raw)
        except UnicodeDecodeError:
            raise ValueError("кодировка не распознана: сохраните файл как CSV (UTF-8 или Windows-1251)") from None
        sep = _sniff_separator(text)
        try:
            frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                                quoting=csv.QUOTE_MINIMAL, skip_blank_lines=True)
        except pd.errors.ParserError as exc:
            raise ValueError(f"не удалось разобрать CSV: {exc}") from None
    if len(frame) > MAX_IMPORT_ROWS:
        raise ValueError(f"слишком много строк: {len(frame)} при пределе {MAX_IMPORT_ROWS}")
    frame.columns = [_canonical_column(c) for c in frame.columns]
    return frame.fillna("")


def _cell_to_text(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _canonical_column(name) -> str:
    text = str(name).strip().lstrip("\ufeff")
    return _ALIASES.get(text.lower(), text)


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


def parse_number(text: str) -> float | None:
    """'1 280' / '12,5' / '42 %' / '1.5' -> float; '' -> None; anything else raises ValueError."""
    cleaned = _SPACES.sub("", str(text)).rstrip("%")
    if cleaned == "":
        return None
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", cleaned):
        raise ValueError(text)
    return float(cleaned)


def parse_date(text: str) -> date | None:
    """'31.12.2024' or '2024-12-31' -> date; '' -> None; otherwise ValueError."""
    text = str(text).strip()
    if not text:
        return None
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d.%m.%y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


# ---- validation and preview ---------------------------------------------------------------------
@dataclass
class ImportPlan:
    """What a file would change: changes to apply, a preview table, and the problems (if any)."""

    file: str
    changes: list[FactChange] = field(default_factory=list)
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        if self.preview.empty:
            return {"новый": 0, "изменён": 0, "без изменений": 0}
        vc = self.preview["Изменение"].value_counts()
        return {k: int(vc.get(k, 0)) for k in ("новый", "изменён", "без изменений")}


def _is_percent(unit: str | None, measure: str) -> bool:
    unit_text = unit if isinstance(unit, str) else ""
    return unit_text.lower().startswith("процент") or measure.endswith("_pct")


def plan_import(frame: pd.DataFrame, file: str, targets: pd.DataFrame, store: FactStore,
                default_source: str | None = None, is_example: bool = False) -> ImportPlan:
    """Validate every row against the passports; build the changes and the preview.

    A row whose «Факт» (and, for control points, «Статус») is empty is not a fact and is skipped.
    Any problem anywhere means the plan must not be applied: the caller stores nothing.
    """
    plan = ImportPlan(file=file)
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        plan.problems.append(InputProblem(file, "заголовок", "нет столбцов: " + ", ".join(f"«{c}»" for c in missing)
                                          + ". Скачайте шаблон и заполните его столбец «Факт»."))
        return plan
    known = {(r.passport_id, r.kind, r.section, r.code, r.measure, int(r.year)): r
             for r in targets.itertuples(index=False)}
    by_code = {(r.passport_id, r.kind, r.section, r.code) for r in targets.itertuples(index=False)}
    passports = set(targets["passport_id"])
    years: dict[tuple, list[int]] = {}
    for r in targets.itertuples(index=False):
        years.setdefault((r.passport_id, r.kind, r.section, r.code, r.measure), []).append(int(r.year))
    seen: dict[tuple, int] = {}
    rows: list[tuple[FactKey, FactValue, int]] = []

    for idx, row in enumerate(frame.to_dict("records")):
        line = idx + 2  # row 1 is the header, as Excel numbers rows
        def bad(column: str, message: str, _line: int = line) -> None:
            plan.problems.append(InputProblem(file, f"строка {_line}, столбец «{column}»", message))

        fact_text = str(row.get("Факт", "")).strip()
        status_text = str(row.get("Статус", "")).strip().lower()
        if not fact_text and not status_text:
            continue
        pid = str(row.get("Паспорт", "")).strip().lower()
        if pid not in passports:
            bad("Паспорт", f"неизвестный паспорт «{row.get('Паспорт', '')}»; есть: {', '.join(sorted(passports))}")
            continue
        kind = KIND_FROM_RU.get(str(row.get("Вид", "")).strip().lower())
        if kind is None:
            bad("Вид", f"неизвестный вид «{row.get('Вид', '')}»; допустимо: {', '.join(KIND_RU.values())}")
            continue
        section = SECTION_FROM_RU.get(str(row.get("Раздел", "")).strip().lower())
        if kind == "funding" and section in (None, ""):
            section = "passport" if section == "" else None
        if section is None:
            bad("Раздел", f"неизвестный раздел «{row.get('Раздел', '')}»; допустимо: паспорт, доп. материалы")
            continue
        if kind != "funding":
            section = ""
        code = str(row.get("Код", "")).strip()
        if kind != "control_point":  # "1.1." and "1.1" are one indicator; activity keys are taken as they are
            code = code.rstrip(".")
        measure = str(row.get("Мера", "")).strip()
        if kind == "funding":
            measure = SOURCE_FROM_RU.get(measure.lower(), measure)
        if (pid, kind, section, code) not in by_code:
            bad("Код", f"в паспорте «{pid}» нет кода «{code}» вида «{KIND_RU[kind]}»")
            continue
        key_years = years.get((pid, kind, section, code, measure))
        if key_years is None:
            options = sorted({m for (p, k, s, c, m) in years if (p, k, s, c) == (pid, kind, section, code)})
            bad("Мера", f"для кода «{code}» нет меры «{measure}»; есть: {', '.join(o or '(пусто)' for o in options)}")
            continue
        try:
            year = int(parse_number(str(row.get("Год", ""))) or 0)
        except ValueError:
            bad("Год", f"ожидается год числом, получено «{row.get('Год')}»")
            continue
        if year not in key_years:
            bad("Год", f"год {year} вне паспорта для «{code}»: план есть на {', '.join(map(str, sorted(key_years)))}")
            continue
        target = known[(pid, kind, section, code, measure, year)]
        value = FactValue(comment=str(row.get("Комментарий", "")).strip() or None,
                          source=str(row.get("Источник", "")).strip() or default_source)
        if kind == "control_point":
            try:
                actual = parse_date(fact_text)
            except ValueError:
                bad("Факт", f"ожидается дата ДД.ММ.ГГГГ, получено «{fact_text}»")
                continue
            if status_text and status_text not in CONTROL_STATUSES:
                bad("Статус", f"неизвестный статус «{status_text}»; допустимо: {', '.join(CONTROL_STATUSES)}")
                continue
            value.fact_date = actual.isoformat() if actual else None
            value.fact_status = status_text or ("выполнено" if actual else None)
        else:
            try:
                number = parse_number(fact_text)
            except ValueError:
                bad("Факт", f"ожидается число, получено «{fact_text}»")
                continue
            if number is None:
                continue
            if number < 0:
                bad("Факт", f"значение не может быть отрицательным: {fact_text}")
                continue
            if _is_percent(target.unit, measure) and number > 100:
                bad("Факт", f"процент больше 100: {fact_text}")
                continue
            value.fact_value = number
        if not value.source:
            bad("Источник", "укажите источник факта (отчёт, номер приказа, ссылка)")
            continue
        key = FactKey(pid, kind, code, section, measure, year, is_example)
        if key in seen:
            bad("Код", f"повтор: та же запись уже в строке {seen[key]}")
            continue
        seen[key] = line
        rows.append((key, value, line))

    if plan.problems:
        return plan
    current = store.get([k for k, _, _ in rows])
    preview = []
    for key, value, line in rows:
        old = current.get(key)
        change = "новый" if old is None else ("без изменений" if _same(old, value) else "изменён")
        if change != "без изменений":
            plan.changes.append(FactChange(key, value))
        preview.append({"Строка": line, "Изменение": change, "Паспорт": key.passport_id, "Вид": KIND_RU[key.kind],
                        "Код": key.code, "Мера": key.measure, "Год": key.year,
                        "Было": show_value(old, key.kind), "Стало": show_value(value, key.kind),
                        "Источник": value.source})
    plan.preview = pd.DataFrame(preview)
    return plan


def _same(a: FactValue, b: FactValue) -> bool:
    return (a.fact_value, a.fact_date, a.fact_status, a.comment, a.source) == (
        b.fact_value, b.fact_date, b.fact_status, b.comment, b.source)


def show_value(value: FactValue | None, kind: str) -> str:
    """A fact as the user reads it: «3,5», or «15.04.2019 выполнено» for a control point."""
    if value is None:
        return ""
    if kind == "control_point":
        shown = _fmt_date(value.fact_date) if value.fact_date else ""
        return f"{shown} {value.fact_status or ''}".strip()
    return _fmt_number(value.fact_value)


def plan_import_file(path: Path, targets: pd.DataFrame, store: FactStore, default_source: str | None = None,
                     is_example: bool = False) -> ImportPlan:
    """Read and validate a file on disk (CLI and 'load example facts')."""
    try:
        frame = read_table(path.read_bytes(), path.name)
    except (ValueError, OSError) as exc:
        return ImportPlan(file=str(path), problems=[InputProblem(str(path), "", str(exc))])
    return plan_import(frame, str(path), targets, store, default_source=default_source, is_example=is_example)


def plan_edits(original: pd.DataFrame, edited: pd.DataFrame, file: str, targets: pd.DataFrame, store: FactStore,
               default_source: str | None = None) -> ImportPlan:
    """The in-app editor: validate the edited template rows like an import; a cleared «Факт» where a
    fact existed becomes a deletion (also previewed and audited)."""
    changed = edited[(edited[["Факт", "Статус", "Комментарий", "Источник"]].astype(str)
                      != original[["Факт", "Статус", "Комментарий", "Источник"]].astype(str)).any(axis=1)]
    plan = plan_import(changed.reset_index(drop=True), file, targets, store, default_source=default_source)
    if not plan.ok:
        # row numbers of the editor, not of the changed subset
        index_map = {i + 2: int(ix) + 1 for i, ix in enumerate(changed.index)}
        for n, problem in enumerate(plan.problems):
            m = re.match(r"строка (\d+)(.*)", problem.place)
            if m:
                plan.problems[n] = InputProblem(problem.file, f"строка {index_map[int(m.group(1))]}{m.group(2)}",
                                                problem.message)
        return plan
    blank = lambda col: changed[col].astype(str).str.strip() == ""  # noqa: E731
    cleared = changed[blank("Факт") & blank("Статус")]
    for row in cleared.to_dict("records"):
        kind = KIND_FROM_RU.get(str(row["Вид"]).lower())
        section = SECTION_FROM_RU.get(str(row.get("Раздел", "")).lower(), "") if kind == "funding" else ""
        key = FactKey(str(row["Паспорт"]), kind, str(row["Код"]), section, str(row["Мера"]), int(row["Год"] or 0))
        old = store.get([key]).get(key)
        if old is not None:
            plan.changes.append(FactChange(key, None))
            extra = pd.DataFrame([{"Строка": None, "Изменение": "удалён", "Паспорт": key.passport_id,
                                   "Вид": row["Вид"], "Код": key.code, "Мера": key.measure, "Год": key.year,
                                   "Было": show_value(old, kind), "Стало": "", "Источник": old.source}])
            plan.preview = pd.concat([plan.preview, extra], ignore_index=True)
    return plan
