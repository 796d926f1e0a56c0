"""«Отчёт о ходе реализации» of one passport for one reporting period, as of the period's last day: its sections as
tables (what DOCX and XLSX are written from). Every number is the passport's plan or a dated, sourced fact."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb
import pandas as pd

from domain import vocabulary as v
from domain.formatting import (
    DATE,
    MONEY,
    TEXT,
    YESNO,
    Column,
    count_of,
    fmt_date,
    fmt_int,
    fmt_money,
    fmt_num,
    fmt_pct,
    percent,
    value_by_unit,
)
from domain.periods import Period
from metrics import activities, funding, overview, progress, registers
from panels.base import source_line

NO_REASON = "не указана"
UNIT = "Ед. изм."
TARGET_COLUMNS: dict[str, Column] = {
    "План на год": value_by_unit(UNIT, 1), "Факт": value_by_unit(UNIT, 1), "Достижение, %": percent(1),
    "Отчётная дата": DATE, "Прогноз на 31.12": value_by_unit(UNIT, 1), "Пример": YESNO, "Код": TEXT}
CONTROL_COLUMNS: dict[str, Column] = {"Срок": DATE, "Выполнено": DATE, "Дней просрочки": Column("int", 0),
                                      "Пример": YESNO, "Код": TEXT}
MONEY_COLUMNS: dict[str, Column] = {"План на год, млн руб.": MONEY, "Исполнено, млн руб.": MONEY,
                                    "Исполнение, %": percent(1)}
RISK_COLUMNS: dict[str, Column] = {"Выявлен": DATE, "Срок": DATE, "Пример": YESNO, "Номер": TEXT,
                                   "Срок прошёл": YESNO}
PLURALS = {"Показатель": ("показателя", "показателей"), "Результат": ("результата", "результатов")}
SECTION_TITLES = ("Показатели", "Результаты", "Контрольные точки", "Финансирование", "Риски", "Прогноз")


class ReportError(ValueError):
    """A report that cannot be made (unknown passport, a period outside the passport); the message is Russian."""


@dataclass
class Section:
    """One section of the report: a heading, sentences that sum it up, a table and notes under it."""

    title: str
    summary: list[str] = field(default_factory=list)
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    columns: dict[str, Column] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    empty: str | None = None


@dataclass
class ProgressReport:
    """The whole report: who, which period, as of when, made on which day, its sections and where its facts come
    from (the example mark when any example fact is in it)."""

    passport_id: str
    territory: str
    title: str
    period: Period
    as_of: date
    made_on: date
    sections: list[Section]
    has_examples: bool
    has_facts: bool

    @property
    def heading(self) -> str:
        return f"Отчёт о ходе реализации за {self.period.label}"

    @property
    def source(self) -> str:
        return source_line(self.has_facts, self.has_examples)


def progress_report(con: duckdb.DuckDBPyConnection, passport_id: str, period: Period,
                    made_on: date | None = None) -> ProgressReport:
    """The report of a passport for a period, as of the period's last day."""
    summary = overview.passport_summary(con, (passport_id,))
    if summary.empty:
        known = ", ".join(overview.passport_names(con))
        raise ReportError(f"паспорт «{passport_id}» не найден; есть: {known}")
    info = summary.iloc[0]
    start, end = pd.Timestamp(info["start_date"]).year, pd.Timestamp(info["end_date"]).year
    if not start <= period.year <= end:
        raise ReportError(f"период {period.label} вне срока паспорта ({start}–{end} гг.)")
    as_of = period.end
    targets = progress.targets(con, passport_id, period.year, as_of)
    examples: list[bool] = list(targets.loc[targets["fact_value"].notna(), "is_example"])
    sections = [
        _targets_section("Показатели", targets[targets["kind"] == "indicator"], period, "Показатель"),
        _targets_section("Результаты", targets[targets["kind"] == "result"], period, "Результат"),
        _control_points_section(con, passport_id, period, examples),
        _money_section(con, passport_id, period, examples),
        _risks_section(con, passport_id, as_of, examples),
        _forecast_section(targets, period),
    ]
    own = _own_section(con, passport_id, period, examples)
    if own is not None:
        sections.append(own)
    return ProgressReport(passport_id, str(info["territory"]), str(info["title"]), period, as_of,
                          made_on or date.today(), sections, any(examples), not all(examples) if examples else False)


# ---- sections ------------------------------------------------------------------------------------------------
def _short(text: object, limit: int = 70) -> str:
    """A long name cut at a word boundary."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _reason(row: pd.Series) -> str:
    """The reason given for a deviation; «не указана» where a finished year fell short without one."""
    if isinstance(row["fact_reason"], str) and row["fact_reason"].strip():
        return row["fact_reason"]
    return NO_REASON if row["status_code"] in ("at_risk", "not_achieved") else ""


def _status_counts(rows: pd.DataFrame) -> str:
    counts = rows["status_code"].value_counts()
    parts = [f"{v.PLAN_STATUSES.label(code).lower()}: {int(counts[code])}" for code in v.PLAN_STATUSES.codes
             if code in counts]
    return "; ".join(parts)


def _targets_section(title: str, rows: pd.DataFrame, period: Period, what: str) -> Section:
    forms = (what.lower(), *PLURALS[what])
    if rows.empty:
        return Section(title, empty=f"На {period.year} год в паспорте нет {forms[2]} с числовым планом.")
    name = rows["name"].where(rows["kind"] == "indicator",
                              rows["measure_label"].fillna(rows["measure"]) + " — " + rows["name"].astype(str))
    table = pd.DataFrame({
        "Код": rows["code_printed"], what: name, UNIT: rows["unit"], "План на год": rows["plan_value"],
        "Факт": rows["fact_value"], "Отчётная дата": rows["reporting_date"], "Достижение, %": rows["achievement_pct"],
        "Статус": rows["status"], "Причина отклонения": [_reason(r) for _, r in rows.iterrows()],
        "Меры": rows["fact_measures"], "Источник": rows["fact_source"],
        "Пример": rows["is_example"].where(rows["fact_value"].notna())})
    noun = count_of(len(rows), *forms)
    summary = [f"{noun} с планом на {period.year} год; {_status_counts(rows)}."]
    if not period.is_year_end:
        summary.append(f"План года сравнивается с фактом нарастающим итогом на {fmt_date(period.end)}; до конца года "
                       "недостигнутое — «в работе», а не срыв.")
    missing = int((table["Причина отклонения"] == NO_REASON).sum())
    notes = [f"Причина отклонения не указана: {missing} — её вносят в шаблоне фактов."] if missing else []
    return Section(title, summary, table, TARGET_COLUMNS, notes)


def _control_points_section(con: duckdb.DuckDBPyConnection, pid: str, period: Period, examples: list[bool]) -> Section:
    """Control points due in the period, and those due earlier still not done on its last day."""
    plan = activities.activity_plan(con, pid, period.end, period.year - 10, period.year)
    cps = plan[plan["kind"] == "control_point"]
    end = pd.to_datetime(cps["end_date"])
    in_period = end.between(pd.Timestamp(period.start), pd.Timestamp(period.end))
    earlier_open = (end < pd.Timestamp(period.start)) & cps["is_overdue"].fillna(False).astype(bool)
    rows = cps[in_period | earlier_open]
    if rows.empty:
        return Section("Контрольные точки", empty=f"Контрольных точек со сроком в периоде ({period.label}) и "
                                                  "просроченных раньше нет.")
    examples += list(rows.loc[rows["fact_date"].notna() | rows["fact_status"].notna(), "is_example"].fillna(False))
    table = pd.DataFrame({
        "Код": rows["activity_key"], "Контрольная точка": rows["name"], "Срок": rows["end_date"],
        "Выполнено": rows["fact_date"], "Статус": rows["status"],
        "Дней просрочки": rows["overdue_days"].where(rows["is_overdue"].fillna(False).astype(bool)),
        "Ответственные": rows["responsible_persons"], "Комментарий": rows["fact_comment"],
        "Пример": rows["is_example"].fillna(False).astype(bool)}).reset_index(drop=True)
    counts = rows["status_code"].value_counts()
    due = int(in_period.sum())
    parts = [f"{v.ACTIVITY_STATUSES.label(c).lower()}: {int(counts[c])}" for c in v.ACTIVITY_STATUSES.codes
             if c in counts]
    summary = [f"Со сроком в периоде — {due}; просрочено раньше и не выполнено — {int((earlier_open).sum())}. "
               f"На {fmt_date(period.end)}: {'; '.join(parts)}."]
    overdue = rows[rows["is_overdue"].fillna(False).astype(bool)].sort_values("overdue_days", ascending=False)
    if len(overdue):
        summary.append("Дольше всех просрочены: " + "; ".join(
            f"{r.activity_key} — {fmt_int(r.overdue_days)} дн." for r in overdue.head(3).itertuples()))
    return Section("Контрольные точки", summary, table, CONTROL_COLUMNS)


def _money_section(con: duckdb.DuckDBPyConnection, pid: str, period: Period, examples: list[bool]) -> Section:
    """Money of the year by source: planned, spent by the period's last day (facts of kind «финансирование»)."""
    frames = []
    for section in v.FUNDING_SECTIONS.codes:
        part = funding.plan_vs_spent(con, (pid,), section, period.end, period.year, period.year)
        if len(part):
            frames.append(part.assign(section=section))
            break  # the passport's own table when it has the year, else the additional materials
    if not frames:
        return Section("Финансирование", empty=f"Паспорт не планирует денег на {period.year} год.")
    money = pd.concat(frames)
    examples += list(money.loc[money["spent_mln_rub"].notna(), "is_example"])
    by_source = money.groupby("source", sort=False).agg(plan=("plan_mln_rub", "sum"),
                                                        spent=("spent_mln_rub", lambda s: s.sum(min_count=1)))
    by_source = by_source.reindex([s for s in v.FUNDING_SOURCES.codes if s in by_source.index])
    total_plan, total_spent = by_source["plan"].sum(), by_source["spent"].sum(min_count=1)
    table = pd.DataFrame({
        "Источник": [v.FUNDING_SOURCES.label(s) for s in by_source.index] + [v.TOTAL_SOURCE.label],
        "План на год, млн руб.": [*by_source["plan"], total_plan],
        "Исполнено, млн руб.": [*by_source["spent"], total_spent],
        "Исполнение, %": [*(by_source["spent"] / by_source["plan"] * 100).where(by_source["plan"] > 0),
                          total_spent / total_plan * 100 if total_plan and pd.notna(total_spent) else None]})
    where = v.FUNDING_SECTIONS[money["section"].iloc[0]].note
    spent = (f"{fmt_money(total_spent)} ({fmt_pct(total_spent / total_plan * 100, 1)})."
             if pd.notna(total_spent) and total_plan else "факты не внесены.")
    summary = [f"На {period.year} год запланировано {fmt_money(total_plan)} ({where}); исполнено на "
               f"{fmt_date(period.end)} — {spent}"]
    lines = money[money["spent_mln_rub"].notna() & (money["execution_pct"] < 100)]
    notes = [f"{r.line_code}. {_short(r.line_name)} — {v.FUNDING_SOURCES.label(r.source).lower()}: исполнено "
             f"{fmt_money(r.spent_mln_rub)} из {fmt_money(r.plan_mln_rub)} ({fmt_pct(r.execution_pct, 1)})"
             for r in lines.itertuples()][:10]
    if notes:
        summary.append(f"Исполнено меньше плана по строкам ({len(lines)}):")
    return Section("Финансирование", summary, table, MONEY_COLUMNS, notes)


def _risks_section(con: duckdb.DuckDBPyConnection, pid: str, as_of: date, examples: list[bool]) -> Section:
    risks = registers.risks(con, (pid,))
    known = risks[risks["identified_on"].isna() | (pd.to_datetime(risks["identified_on"]) <= pd.Timestamp(as_of))]
    if known.empty:
        later = len(risks)
        return Section("Риски", empty=f"На {fmt_date(as_of)} выявленных рисков нет" + (
            f" (в реестре — {later}, выявлены позже)." if later else
            "; реестр рисков пуст (ведётся на странице «Факты»)."))
    examples += list(known["is_example"])
    late = known["is_open"] & known["due_on"].notna() & (pd.to_datetime(known["due_on"]) < pd.Timestamp(as_of))
    table = pd.DataFrame({
        "Номер": known["risk_id"], "Риск": known["title"], "Вероятность": known["probability"].map(v.RISK_LEVELS.label),
        "Влияние": known["impact"].map(v.RISK_LEVELS.label), "Уровень": known["rating_label"],
        "Статус": known["status_label"], "Ответственный": known["owner"], "Меры": known["measures"],
        "Выявлен": known["identified_on"], "Срок": known["due_on"], "Срок прошёл": late,
        "Пример": known["is_example"]})
    open_ = known[known["is_open"]]
    happened = known[known["status"] == "happened"]
    summary = [f"Открытых рисков — {len(open_)}, из них высоких — {int((open_['rating'] == 'high').sum())}; "
               f"наступило — {len(happened)}; всего в реестре на {fmt_date(as_of)} — {len(known)}."]
    if late.any():
        summary.append("Срок мер прошёл: " + ", ".join(f"{r.risk_id} (срок {fmt_date(r.due_on)})"
                                                       for r in known[late].itertuples()) + ".")
    notes = ["Статус риска — текущий, по реестру: история статусов не ведётся."]
    return Section("Риски", summary, table, RISK_COLUMNS, notes)


def _forecast_section(targets: pd.DataFrame, period: Period) -> Section:
    if period.is_year_end:
        counts = targets["status_code"].value_counts()
        below = int(counts.get("at_risk", 0) + counts.get("not_achieved", 0))
        return Section("Прогноз", summary=[
            f"Период заканчивается 31.12: {period.year} год завершён, прогноз не нужен. Ниже плана по итогам года — "
            f"{below} (в пределах допуска, «риск», — {int(counts.get('at_risk', 0))}; «не достигнут» — "
            f"{int(counts.get('not_achieved', 0))}); без факта — {int(counts.get('no_data', 0))}. Причины — в "
            "разделах «Показатели» и «Результаты»."])
    rows = targets[targets["forecast_value"].notna()]
    if rows.empty:
        return Section("Прогноз", empty=f"Нет фактов {period.year} года, по которым можно построить прогноз.")
    table = pd.DataFrame({
        "Код": rows["code_printed"], "Наименование": rows["name"], UNIT: rows["unit"],
        "План на год": rows["plan_value"], "Факт": rows["fact_value"], "Отчётная дата": rows["reporting_date"],
        "Прогноз на 31.12": rows["forecast_value"],
        "Оценка": ["ниже плана" if s else "план будет выполнен" for s in rows["forecast_short"].fillna(False)]})
    short = int(rows["forecast_short"].fillna(False).sum())
    summary = [f"Линейный прогноз на 31.12.{period.year} по темпу с начала года до отчётной даты: ниже плана — "
               f"{short} из {len(rows)}."]
    return Section("Прогноз", summary, table, TARGET_COLUMNS)


def _own_section(con: duckdb.DuckDBPyConnection, pid: str, period: Period, examples: list[bool]) -> Section | None:
    """The user's own measures and the events of the period; None when there are none."""
    own = registers.user_measure_facts(con, (pid,), None, period.end, period.year, period.year)
    events = registers.events(con, (pid,), None, period.end)
    events = events[pd.to_datetime(events["event_date"]) >= pd.Timestamp(period.start)]
    if own.empty and events.empty:
        return None
    examples += list(own.loc[own["fact_value"].notna(), "is_example"]) + list(events["is_example"])
    target = v.USER_TARGET.capitalize()
    goals = [f"{fmt_num(t)} к {int(y)} г." if pd.notna(t) and pd.notna(y) else ""
             for t, y in zip(own["final_target"], own["target_year"], strict=True)]
    table = pd.DataFrame({"Мера": own["name"], UNIT: own["unit"], "Факт": own["fact_value"],
                          "Отчётная дата": own["reporting_date"], target: goals,
                          "Источник": own["fact_source"], "Пример": own["is_example"].where(own["fact_value"].notna())})
    notes = [f"{fmt_date(e.event_date)} — {e.title}" + (f" ({e.place})" if e.place else "")
             for e in events.itertuples()]
    summary = [f"Меры, которых нет в паспорте, — их ведут пользователи; «{v.USER_TARGET}» — не план паспорта."]
    if notes:
        summary.append(f"События периода ({len(notes)}) — под таблицей.")
    return Section("Свои меры и события", summary, table,
                   {"Факт": value_by_unit(UNIT, 1), "Отчётная дата": DATE, "Пример": YESNO}, notes)
