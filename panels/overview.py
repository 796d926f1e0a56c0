"""Panels of «Обзор»: the chosen passports at a glance, and per passport the cards that answer «where are we»:
indicators by status, every topic with a page (plan and fact of the same year), money over the project's whole
life and where it is printed, what is at risk by the year-end forecast, what is overdue and who is overloaded."""

from __future__ import annotations

import duckdb
import pandas as pd

from domain import vocabulary as v
from domain.formatting import DATE, INT, MONEY, TEXT, fmt_date, fmt_int, fmt_money, fmt_value, years_label
from metrics import funding, overview, registers
from metrics.topics import topic_series
from panels.base import Filters, Metric, Panel, finish, subtitle

SUMMARY_COLUMNS = {"Начало": DATE, "Окончание": DATE, "Показателей": INT, "Результатов": INT, "Мероприятий": INT,
                   "Финансирование за весь срок, млн руб.": MONEY, "Раздел 4, млн руб.": MONEY,
                   "Доп. материалы, млн руб.": MONEY, "Паспорт": TEXT}


def summary_panel(con: duckdb.DuckDBPyConnection, f: Filters, money: pd.DataFrame) -> Panel:
    """The chosen passports: territory, level, period, what they hold, and their money over the whole period."""
    summary = overview.passport_summary(con, f.passport_ids)
    by_section = money.pivot_table(index="passport_id", columns="section", values="amount_mln_rub", aggfunc="sum")
    section_sum = {s: summary["passport_id"].map(by_section[s]) if s in by_section else None
                   for s in v.FUNDING_SECTIONS.codes}
    total = sum(x.fillna(0) for x in section_sum.values() if x is not None)
    table = pd.DataFrame({
        "Территория": summary["territory"], "Паспорт": summary["title"],
        "Уровень": summary["level"].map(v.PASSPORT_LEVELS.label),
        "Начало": summary["start_date"], "Окончание": summary["end_date"],
        "Показателей": summary["indicator_count"], "Результатов": summary["result_count"],
        "Мероприятий": summary["activity_count"],
        "Финансирование за весь срок, млн руб.": total,
        "Раздел 4, млн руб.": section_sum["passport"],
        "Доп. материалы, млн руб.": section_sum["additional"],
    })
    return Panel(key="passports", title="Паспорта проекта", table=table, columns=SUMMARY_COLUMNS,
                 passport_ids=f.passport_ids, subtitle=subtitle(overview.passport_names(con), f),
                 notes=["Финансирование — сумма строк источников, как напечатано: раздел 4 «Финансовое обеспечение» "
                        "и, где они есть, «Дополнительные материалы» паспорта (другие годы проекта)."])


def _card_year(rows: pd.DataFrame, f: Filters) -> int:
    """The year a topic card speaks of: the latest with a fact up to the as-of year, else the as-of year (or the
    nearest planned year in the range)."""
    with_fact = rows[rows["fact_value"].notna() & (rows["year"] <= f.as_of.year)]
    if len(with_fact):
        return int(with_fact["year"].max())
    years = sorted(rows["year"].unique())
    past = [y for y in years if y <= max(f.as_of.year, years[0])]
    return int(past[-1] if past else years[0])


def topic_cards(con: duckdb.DuckDBPyConnection, pid: str, f: Filters) -> list[Metric]:
    """For every topic with a page of its own: plan and fact of its first planned role, of one year."""
    out = []
    every = topic_series(con, (pid,), f.as_of, None, f.year_from, f.year_to)  # one query, not one per topic
    for topic in v.TOPICS:
        if topic.page is None or not topic.roles:
            continue
        series = every[(every["topic"] == topic.code) & every["plan_value"].notna()]
        role = next((r for r in topic.roles if r.code in set(series["role"])), None)
        if role is None:
            out.append(Metric(topic.label, "—", note=f"не планируется в {years_label(f.years)} гг.", page=topic.page))
            continue
        rows = series[series["role"] == role.code]
        year = _card_year(rows, f)
        row = rows[rows["year"] == year].sort_values(["fact_value", "plan_value"], na_position="last").iloc[-1]
        out.append(Metric(f"{topic.label}: план на {year}", fmt_value(row["plan_value"], role.share, 1),
                          note=f"{role.label}. Факт на {year}: "
                               f"{fmt_value(row['fact_value'], role.share, 1, 'нет данных')}",
                          page=topic.page))
    return out


def passport_cards(con: duckdb.DuckDBPyConnection, pid: str, f: Filters, names: dict[str, str],
                   money: pd.DataFrame) -> Panel:
    territory = names.get(pid, pid)
    counts = overview.status_counts(con, (pid,), f.as_of, f.year_from, f.year_to)
    by = dict(zip(counts["status_code"], counts["n"], strict=True))
    begun = years_label((f.year_from, min(f.year_to, max(f.year_from, f.as_of.year))))
    metrics = [Metric("Показатели: достигнуто", fmt_int(by.get("achieved", 0)), page="indicators",
                      note=f"риск: {by.get('at_risk', 0)} · не достигнуты: {by.get('not_achieved', 0)} · "
                           f"нет данных: {by.get('no_data', 0)} · в работе: {by.get('in_progress', 0)}",
                      help=f"Показатель × год за {begun} на {fmt_date(f.as_of)}")]
    metrics += topic_cards(con, pid, f)
    own = money[money["passport_id"] == pid].sort_values("section", key=lambda c: c.map(v.FUNDING_SECTIONS.order))
    if len(own):
        parts = "; ".join(f"{v.FUNDING_SECTIONS[r.section].note}: {fmt_money(r.amount_mln_rub)} "
                          f"({years_label((int(r.year_min), int(r.year_max)))})" for r in own.itertuples())
        metrics.append(Metric("Деньги за весь срок, млн руб.", fmt_money(own["amount_mln_rub"].sum(), unit=False),
                              note=parts,
                              page="funding"))
    at_risk = overview.forecast_at_risk(con, (pid,), f.as_of)
    if overview.facts_of_year(con, pid, f.as_of):
        metrics.append(Metric("Под риском к 31.12", fmt_int(len(at_risk)), page="indicators",
                              note="прогноз на 31.12 ниже плана" if len(at_risk) else
                              "нет рядов с прогнозом ниже плана",
                              help="; ".join(f"{r.code} {str(r.name)[:60]}" for r in at_risk.itertuples()) or None))
    else:
        metrics.append(Metric("Под риском к 31.12", "—", page="indicators",
                              note=f"прогноз не построен: нет фактов {f.as_of.year} г. на {fmt_date(f.as_of)}"))
    overdue = overview.overdue_counts(con, (pid,), f.as_of)
    n_overdue = int(overdue["overdue"].iloc[0]) if len(overdue) else 0
    longest = f", дольше всех — {fmt_int(overdue['max_overdue_days'].iloc[0])} дн." if n_overdue else ""
    metrics.append(Metric("Просрочено в плане", fmt_int(n_overdue), page="plan",
                          note=f"на {fmt_date(f.as_of)}{longest}"))
    load = overview.overload_counts(con, (pid,))
    n_over = int(load["overloaded"].iloc[0]) if len(load) else 0
    metrics.append(Metric("Перегружены, человек", fmt_int(n_over), page="team",
                          note=(f"занятость выше {fmt_int(v.THRESHOLDS.overload_pct)} %; больше всех — "
                                f"{load['busiest'].iloc[0]}") if n_over else "перегрузки нет"))
    risks = registers.risks(con, (pid,))
    open_risks = risks[risks["is_open"]]
    high = int((open_risks["rating"] == "high").sum())
    metrics.append(Metric("Открытые риски", fmt_int(len(open_risks)), page="risks",
                          note=(f"высоких: {high}" if len(open_risks) else
                                "реестр рисков пуст" if risks.empty else "открытых рисков нет")))
    panel = Panel(key=f"overview_{pid}", title=territory, metrics=metrics, passport_ids=(pid,))
    every = topic_series(con, (pid,), f.as_of, None, f.year_from, f.year_to)
    series = every[every["topic"].isin([t.code for t in v.TOPICS if t.page is not None and t.roles])]
    return finish(panel, series["fact_value"], series["is_example"])


def overview_panels(con: duckdb.DuckDBPyConnection, f: Filters) -> list[Panel]:
    """The passports table, then the cards of each chosen passport."""
    names = overview.passport_names(con)
    money = funding.sections(con, f.passport_ids)
    return [summary_panel(con, f, money), *(passport_cards(con, pid, f, names, money) for pid in f.passport_ids)]
