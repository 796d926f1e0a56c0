"""Row-by-row validation of facts in Russian, and the preview of what saving them would change.

Rows come as text (spreadsheets.reading, or the page's editor) and leave as a `ChangePlan`; numbers and dates are
read by spreadsheets.values and shown by domain.formatting. Nothing here writes: `facts.service` saves a plan only
when it has no problems.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from domain import vocabulary as v
from domain.formatting import fmt_date, fmt_num, plain_number
from domain.keys import FactKey, default_reporting_date
from domain.limits import LIMITS
from domain.problems import InputProblem
from facts.layout import REQUIRED
from facts.plan import CHANGE_DELETE, CHANGE_EDIT, CHANGE_NEW, CHANGE_SAME, ChangePlan
from facts.targets import Catalogue, unknown_passport
from facts.template import measure_cell
from spreadsheets.cells import ROW_INDEX
from spreadsheets.values import BadValue, parse_date, parse_number, short
from store.facts_store import FactStore
from store.records import FactChange, FactValue

EDITABLE = ("Отчётная дата", "Факт", "Статус", "Комментарий", "Причина отклонения", "Меры", "Источник")
#: a value this many times its plan is asked about before it is saved
PLAN_MULTIPLE_WARNING = 3
#: a share that moves more than this many points in a year is asked about
SHARE_JUMP_WARNING = 50
NO_FACTS = "в файле нет ни одного факта: заполните столбец «Факт» (для контрольных точек — дату выполнения)"


def plan_import(frame: pd.DataFrame, file: str, targets: pd.DataFrame, store: FactStore,
                default_source: str | None = None, is_example: bool = False,
                today: date | None = None, require_facts: bool = True) -> ChangePlan:
    """Validate every row against the passports; build the changes and the preview.

    A row whose «Факт» (and, for control points, «Статус») is empty is not a fact and is skipped; a file without
    any fact is refused (require_facts) — nothing to save is not a save.
    Rows are numbered as Excel numbers them: the frame's index when a reader named it «Строка», else from 2.
    A row without «Отчётная дата» reports on the earlier of 31.12 of its year and today; if its value is the
    same as the newest report of that target, nothing changes. Any problem anywhere means the plan must not
    be applied: the caller stores nothing.
    """
    plan = ChangePlan(file=file)
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        plan.problems.append(InputProblem(file, "заголовок", "нет столбцов: " + ", ".join(f"«{c}»" for c in missing)
                                          + ". Скачайте шаблон и заполните его столбец «Факт»."))
        return plan
    cat = Catalogue.of(targets, frame["Паспорт"] if "Паспорт" in frame.columns else None)
    today = today or date.today()
    seen: dict[FactKey, int] = {}
    rows: list[tuple[FactKey, FactValue, int, bool]] = []
    # row 1 is the header, as Excel numbers rows
    lines = [int(i) for i in frame.index] if frame.index.name == ROW_INDEX else range(2, len(frame) + 2)
    has_facts = False
    for line, row in zip(lines, frame.to_dict("records"), strict=True):
        if len(plan.problems) >= LIMITS.problems:
            plan.problems.append(InputProblem(file, "", f"проверка остановлена после {LIMITS.problems} ошибок"))
            break
        has_facts = has_facts or bool(str(row.get("Факт", "")).strip() or str(row.get("Статус", "")).strip())
        parsed = _parse_row(row, line, file, cat, plan, default_source, is_example, today)
        if parsed is None:
            continue
        key, value, dated = parsed
        if key in seen:
            plan.problems.append(InputProblem(file, f"строка {line}, столбец «Код»",
                                              f"повтор: та же запись уже в строке {seen[key]}"))
            continue
        seen[key] = line
        rows.append((key, value, line, dated))
    if require_facts and not has_facts and not plan.problems:
        plan.problems.append(InputProblem(file, "", NO_FACTS))
    if plan.problems:
        return plan
    _preview(plan, rows, store, cat)
    plan.warnings = check_plausible(rows, cat, store, today)
    return plan


def check_plausible(rows: list[tuple[FactKey, FactValue, int, bool]], cat: Catalogue, store: FactStore,
                    today: date) -> list[InputProblem]:
    """What looks unlikely — asked about in the preview, never refused: a running total below last year's, a value
    several times its plan, a share that jumps by more than half, a finished period short of plan with no reason."""
    stored = store.facts()
    previous: dict[tuple, float] = {}
    if len(stored):
        real = stored[stored["is_example"] == 0].sort_values("reporting_date")
        for r in real.itertuples(index=False):
            if r.fact_value is not None and not pd.isna(r.fact_value):
                previous[(r.passport_id, r.kind, r.section, r.code, r.measure, int(r.year))] = float(r.fact_value)
    series_last: dict[tuple, float] = {}
    for target_key, value in previous.items():
        target = cat.known.get(target_key)
        if target is not None:
            series_last[(target_key[0], target_key[1], target.series, target_key[5])] = value
    for key, value, _line, _dated in rows:
        if value.fact_value is not None:
            target = cat.known[key.target]
            series_last[(key.passport_id, key.kind, target.series, key.year)] = value.fact_value
    out = []
    for key, value, line, _dated in rows:
        if value.fact_value is None:
            continue
        target = cat.known[key.target]

        def ask(column: str, message: str, _line: int = line) -> None:
            out.append(InputProblem("", f"строка {_line}, столбец «{column}»", message))

        fact, plan = value.fact_value, target.plan_value
        last = series_last.get((key.passport_id, key.kind, target.series, key.year - 1))
        shown = plain_number(fact)
        if target.accumulates == "level" and last is not None and fact < last and target.direction != "down":
            ask("Факт", f"{shown} меньше, чем год назад ({plain_number(last)}), а значение копится нарастающим "
                        "итогом: проверьте год и значение")
        if plan is not None and not pd.isna(plan) and plan > 0 and fact > PLAN_MULTIPLE_WARNING * plan:
            ask("Факт", f"{shown} больше плана ({plain_number(plan)}) в {fact / plan:.0f} раз: проверьте "
                        "единицы и значение")
        if v.is_share(target.unit) and last is not None and abs(fact - last) > SHARE_JUMP_WARNING:
            ask("Факт", f"доля изменилась за год на {abs(fact - last):.0f} п. п. ({plain_number(last)} → {shown}): "
                        "проверьте значение")
        period_over = key.reporting_date is not None and key.reporting_date >= date(key.year, 12, 31)
        short = plan is not None and not pd.isna(plan) and (fact > plan if target.direction == "down" else fact < plan)
        if period_over and short and not value.reason:
            ask("Причина отклонения", f"год {key.year} закончился, факт {shown} не достиг плана "
                                      f"({plain_number(plan)}): укажите причину отклонения и принятые меры")
    return out


def _parse_row(row: dict, line: int, file: str, cat: Catalogue, plan: ChangePlan, default_source: str | None,
               is_example: bool, today: date) -> tuple[FactKey, FactValue, bool] | None:
    """One row as (key, value, reporting date given); None when it holds no fact or is wrong (then said)."""
    def bad(column: str, message: str) -> None:
        plan.problems.append(InputProblem(file, f"строка {line}, столбец «{column}»", message))

    fact_text = str(row.get("Факт", "")).strip()
    status_text = str(row.get("Статус", "")).strip()
    if not fact_text and not status_text:
        said = [c for c in ("Причина отклонения", "Меры") if str(row.get(c, "")).strip()]
        if said:
            bad(said[0], "в строке нет факта: причина и меры хранятся вместе с фактом — заполните «Факт» "
                         "(для контрольной точки — дату или статус) или очистите этот столбец")
        return None
    pid = cat.passport(row.get("Паспорт", ""))
    if pid is None:
        bad("Паспорт", unknown_passport(row.get("Паспорт", "")))
        return None
    kind = v.FACT_KINDS.parse(row.get("Вид", ""))
    if kind is None:
        bad("Вид", f"неизвестный вид «{row.get('Вид', '')}»; допустимо: {', '.join(v.FACT_KINDS.labels)}")
        return None
    section = ""
    if kind == "funding":
        section_text = str(row.get("Раздел", "")).strip()
        section = v.FUNDING_SECTIONS.parse(section_text) if section_text else "passport"
        if section is None:
            bad("Раздел", f"неизвестный раздел «{section_text}»; допустимо: паспорт, доп. материалы")
            return None
    code = str(row.get("Код", "")).strip()
    if kind != "control_point":  # "1.1." and "1.1" are one indicator; activity keys are taken as they are
        code = code.rstrip(".")
    measure = str(row.get("Мера", "")).strip()
    if kind == "funding":
        measure = v.FUNDING_SOURCES.parse(measure) or measure
    elif kind == "result":
        measure = v.parse_measure(measure) or measure
    if kind == "user_measure" and (pid, kind, section, code) not in cat.codes:
        code = cat.own_measures.get((pid, " ".join(code.split()).lower()), code)
    if (pid, kind, section, code) not in cat.codes:
        bad("Код", f"в паспорте «{cat.label(pid)}» нет кода «{code}» вида «{v.FACT_KINDS.label(kind)}»")
        return None
    key_years = cat.years.get((pid, kind, section, code, measure))
    if key_years is None:
        options = sorted({m for (p, k, s, c, m) in cat.years if (p, k, s, c) == (pid, kind, section, code)})
        bad("Мера", f"для кода «{code}» нет меры «{measure}»; есть: {', '.join(o or '(пусто)' for o in options)}")
        return None
    year_text = str(row.get("Год", "")).strip()
    try:
        year_number = parse_number(year_text)
    except BadValue:
        bad("Год", f"ожидается год числом, получено «{short(year_text, 40)}»")
        return None
    if year_number is not None and not float(year_number).is_integer():
        bad("Год", f"год — целое число, получено «{short(year_text, 40)}»")
        return None
    year = 0 if year_number is None else int(year_number)  # no year: a control point without a deadline year
    if year not in key_years:
        planned = ", ".join(map(str, sorted(key_years)))
        bad("Год", f"укажите год: план «{code}» есть на {planned}" if year_number is None else
            f"год {short(year, 40)} вне паспорта для «{code}»: план есть на {planned}")
        return None
    target = cat.known[(pid, kind, section, code, measure, year)]
    try:
        reported = parse_date(str(row.get("Отчётная дата", "") or ""))
    except BadValue as exc:
        bad("Отчётная дата", str(exc))
        return None
    if reported and (problem := _outside_period(reported, pid, cat)):
        bad("Отчётная дата", problem)
        return None
    value = FactValue(comment=str(row.get("Комментарий", "")).strip() or None,
                      source=str(row.get("Источник", "")).strip() or default_source,
                      reason=str(row.get("Причина отклонения", "")).strip() or None,
                      measures=str(row.get("Меры", "")).strip() or None)
    if kind == "control_point":
        try:
            actual = parse_date(fact_text)
        except BadValue as exc:
            bad("Факт", str(exc))
            return None
        if actual and (problem := _outside_period(actual, pid, cat)):
            bad("Факт", problem)
            return None
        status = v.CONTROL_FACT_STATUSES.parse(status_text) if status_text else None
        if status_text and status is None:
            bad("Статус", f"неизвестный статус «{status_text}»; допустимо: "
                          f"{', '.join(v.CONTROL_FACT_STATUSES.labels)}")
            return None
        value.fact_date = actual.isoformat() if actual else None
        value.fact_status = status or ("done" if actual else None)
    else:
        try:
            number = parse_number(fact_text)
        except BadValue as exc:
            bad("Факт", str(exc))
            return None
        if number is None:
            return None
        if problem := _impossible(number, fact_text, kind, target.unit):
            bad("Факт", problem)
            return None
        value.fact_value = number
    if not value.source:
        bad("Источник", "укажите источник факта (отчёт, номер приказа, ссылка)")
        return None
    key = FactKey(pid, kind, section, code, measure, year, reported or default_reporting_date(year, today),
                  is_example)
    return key, value, reported is not None


def _impossible(number: float, text: str, kind: str, unit: object) -> str | None:
    """Why a number cannot be a fact of its measure (negative, a share over 100, money or a count too large)."""
    limits = v.INPUT_LIMITS
    if number < 0:
        return f"значение не может быть отрицательным: {short(text, 40)}"
    if v.is_share(unit):
        return f"процент больше 100: {short(text, 40)}" if number > limits.max_share_pct else None
    if kind == "funding" or str(unit or "").strip() == v.MONEY_UNIT:
        if number > limits.max_money_mln_rub:
            return (f"{short(text, 40)} млн руб. — больше {fmt_num(limits.max_money_mln_rub, 0)} млн руб.: "
                    "так не бывает, "
                    "проверьте значение и единицы (суммы — в млн руб.)")
        return None
    if number > limits.max_count:
        return f"{short(text, 40)} — больше {fmt_num(limits.max_count, 0)}: так не бывает, проверьте значение"
    return None


def _outside_period(day: date, pid: str, cat: Catalogue) -> str | None:
    """Why a date cannot be a fact's: more than a year before the passport starts or after it ends."""
    period = cat.periods.get(pid)
    if period is None or period[0] <= day <= period[1]:
        return None
    return (f"дата {fmt_date(day)} вне срока паспорта «{pid}» больше чем на год "
            f"(допустимо {fmt_date(period[0])}–{fmt_date(period[1])})")



def _preview(plan: ChangePlan, rows: list[tuple[FactKey, FactValue, int, bool]], store: FactStore,
             cat: Catalogue) -> None:
    current = store.get([k for k, _, _, _ in rows])
    preview = []
    for key, value, line, dated in rows:
        old = current.get(key)
        if old is None and not dated:
            # no reporting date given: the same value as the newest report is no new report
            latest = store.latest(key)
            if latest is not None and _same(latest[1], value):
                key, old = latest
        change = CHANGE_NEW if old is None else (CHANGE_SAME if _same(old, value) else CHANGE_EDIT)
        if change != CHANGE_SAME:
            plan.changes.append(FactChange(key, value))
        preview.append(_preview_row(line, change, key, old, value, cat.label(key.passport_id)))
    plan.preview = pd.DataFrame(preview)


def _preview_row(line: int | None, change: str, key: FactKey, old: FactValue | None,
                 new: FactValue | None, passport: str | None = None) -> dict:
    """One row of the preview, in Russian: the passport by its territory, the measure by its label."""
    either = new or old
    return {"Строка": line, "Изменение": change, "Паспорт": passport or key.passport_id,
            "Вид": v.FACT_KINDS.label(key.kind), "Код": key.code, "Мера": measure_cell(key.kind, key.measure),
            "Год": key.year, "Отчётная дата": fmt_date(key.reporting_date),
            "Было": show_value(old, key.kind), "Стало": show_value(new, key.kind),
            "Причина отклонения": either.reason if either else None, "Источник": either.source if either else None}


def _same(a: FactValue, b: FactValue) -> bool:
    return a == b


def show_value(value: FactValue | None, kind: str) -> str:
    """A fact as the user reads it: «3,5», or «15.04.2019 выполнено» for a control point."""
    if value is None:
        return ""
    if kind == "control_point":
        shown = fmt_date(value.fact_date, "") if value.fact_date else ""
        return f"{shown} {v.CONTROL_FACT_STATUSES.label(value.fact_status, '')}".strip()
    return plain_number(value.fact_value)


def plan_edits(original: pd.DataFrame, edited: pd.DataFrame, file: str, targets: pd.DataFrame, store: FactStore,
               default_source: str | None = None, today: date | None = None) -> ChangePlan:
    """The in-app editor: validate the edited template rows like an import; a cleared «Факт» where a
    fact existed becomes a deletion of its newest report (also previewed and audited)."""
    columns = [c for c in EDITABLE if c in edited.columns]
    changed = edited[(edited[columns].astype(str) != original[columns].astype(str)).any(axis=1)]
    plan = plan_import(changed.reset_index(drop=True), file, targets, store, default_source=default_source,
                       today=today, require_facts=False)
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
    cat = Catalogue.of(targets, cleared["Паспорт"])
    extra = []
    for row in cleared.to_dict("records"):
        kind = v.FACT_KINDS.parse(row["Вид"])
        section = (v.FUNDING_SECTIONS.parse(row.get("Раздел", "")) or "passport") if kind == "funding" else ""
        measure = str(row["Мера"])
        if kind == "funding":
            measure = v.FUNDING_SOURCES.parse(measure) or measure
        elif kind == "result":
            measure = v.parse_measure(measure) or measure
        pid = cat.passport(row["Паспорт"]) or str(row["Паспорт"])
        probe = FactKey(pid, kind, section, str(row["Код"]), measure, int(row["Год"] or 0), date.min)
        latest = store.latest(probe)
        if latest is not None:
            key, old = latest
            plan.changes.append(FactChange(key, None))
            extra.append(_preview_row(None, CHANGE_DELETE, key, old, None, cat.label(key.passport_id)))
    if extra:
        plan.preview = pd.concat([plan.preview, pd.DataFrame(extra)], ignore_index=True)
    return plan
