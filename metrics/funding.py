"""Money of the passports: by year, line and source, federal share, plan vs spent, printed vs computed totals.

Every function takes a DuckDB cursor first and returns a DataFrame; amounts are млн руб. as printed.
`section` is 'passport' (section 4 «Финансовое обеспечение») or 'additional' (Amur's «Дополнительные
материалы»). Nothing is corrected: where the document's own totals disagree, the difference is shown.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from domain.formatting import fmt_money, fmt_num, plural, years_label
from domain.vocabulary import (
    ALL_SOURCES,
    FUNDING_CHECKS,
    FUNDING_DETAILS,
    FUNDING_SECTIONS,
    FUNDING_SOURCES,
    MONEY_UNIT,
)
from metrics.sql_queries import run

SECTIONS = FUNDING_SECTIONS.codes
#: sources in the order the passports print them (and the order of stacked bars)
SOURCE_ORDER = FUNDING_SOURCES.codes
CHECK_RU = {t.code: t.label for t in FUNDING_CHECKS}
MONEY = MONEY_UNIT
OWN_ROW = "отдельная строка, не входит в сумму источников"


def source_label(source: str) -> str:
    """'federal' -> 'Федеральный бюджет'; 'all' -> 'Все источники'."""
    return ALL_SOURCES.label if source == ALL_SOURCES.code else FUNDING_SOURCES.label(source)


def sections(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...]) -> pd.DataFrame:
    """Which funding tables each passport prints money in: passport_id, section, first and last year, sum."""
    return run(con, "funding_sections", passport_ids=passport_ids)


def table_years(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str) -> pd.DataFrame:
    """The year columns each passport's table prints (also years it leaves empty or marks with «*»)."""
    return run(con, "funding_table_years", passport_ids=passport_ids, section=section)


def markers(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str) -> pd.DataFrame:
    """Lines that print a sign instead of a number in some years (Amur «*»: money given in the
    «Дополнительные материалы»), as printed: '2020: *; 2021: *'."""
    return run(con, "funding_markers", passport_ids=passport_ids, section=section)


def money_by_year_source(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str,
                         year_from: int, year_to: int) -> pd.DataFrame:
    """Money by passport, year and source: the sum of the printed source rows of every line."""
    return run(con, "money_by_year_source", passport_ids=passport_ids, section=section, year_from=year_from,
               year_to=year_to, source_order=SOURCE_ORDER)


def money_by_year(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str,
                  year_from: int, year_to: int) -> pd.DataFrame:
    """By passport and year: money computed from the sources, its federal part and share (%),
    and the «Всего по проекту» the document prints for that year (null where it prints none)."""
    return run(con, "money_by_year", passport_ids=passport_ids, section=section, year_from=year_from,
               year_to=year_to)


def money_by_line_source(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str,
                         year_from: int, year_to: int) -> pd.DataFrame:
    """Money by passport, funding line and source over the years chosen (source rows only)."""
    return run(con, "money_by_line_source", passport_ids=passport_ids, section=section, year_from=year_from,
               year_to=year_to, source_order=SOURCE_ORDER)


def money_by_line(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str,
                  year_from: int, year_to: int) -> pd.DataFrame:
    """By passport and funding line over the years chosen: the sum of its sources and the sum of the
    line totals the document prints for those years (null where the line prints no total)."""
    return run(con, "money_by_line", passport_ids=passport_ids, section=section, year_from=year_from,
               year_to=year_to)


def plan_vs_spent(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str, as_of: date,
                  year_from: int, year_to: int) -> pd.DataFrame:
    """Planned vs spent by passport, line, source and year as of a date (facts of kind 'funding').
    execution_pct = spent / planned × 100; null where nothing is entered or nothing was planned."""
    return run(con, "plan_vs_spent", as_of=as_of, passport_ids=passport_ids, section=section, year_from=year_from,
               year_to=year_to, source_order=SOURCE_ORDER)


def plan_vs_spent_by_year(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str,
                          as_of: date, year_from: int, year_to: int) -> pd.DataFrame:
    """By passport and year: planned, spent (sum of the facts entered), execution % = spent / planned,
    and how many of the year's planned line × source cells have a fact."""
    frame = plan_vs_spent(con, passport_ids, section, as_of, year_from, year_to)
    cols = ["passport_id", "year", "plan_mln_rub", "spent_mln_rub", "execution_pct", "cells_with_fact",
            "cells_planned", "is_example", "forecast_mln_rub"]
    if frame.empty:
        return pd.DataFrame(columns=cols)
    grouped = frame.groupby(["passport_id", "year"], as_index=False).agg(
        plan_mln_rub=("plan_mln_rub", "sum"),
        spent_mln_rub=("spent_mln_rub", lambda s: s.sum(min_count=1)),
        cells_with_fact=("spent_mln_rub", "count"),
        cells_planned=("plan_mln_rub", "size"),
        is_example=("is_example", "any"),
        forecast_mln_rub=("forecast_value", lambda s: s.sum(min_count=1)),
    )
    grouped["plan_mln_rub"] = grouped["plan_mln_rub"].astype(float)
    grouped["spent_mln_rub"] = grouped["spent_mln_rub"].astype(float)
    grouped["execution_pct"] = grouped["spent_mln_rub"] / grouped["plan_mln_rub"].where(
        grouped["plan_mln_rub"] > 0) * 100
    return grouped[cols]


def total_checks(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str,
                 year_from: int, year_to: int) -> pd.DataFrame:
    """Every total the document prints beside the same total computed from the numbers it sums, with the
    difference (printed − computed): per year in the range chosen, and the «Всего» column (year null)."""
    return run(con, "funding_total_checks", passport_ids=passport_ids, section=section, year_from=year_from,
               year_to=year_to)


def check_summary(checks: pd.DataFrame) -> pd.DataFrame:
    """One row per printed total that disagrees somewhere: in how many of its cells (years and «Всего»),
    the largest difference, and the source the gap equals (if any). Largest first."""
    cols = ["passport_id", "check_kind", "line_code", "source", "n_checks", "n_off", "max_abs_diff_mln_rub",
            "gap_source", "is_rounding"]
    if checks.empty:
        return pd.DataFrame(columns=cols)
    frame = checks.assign(off=~checks["is_match"].astype(bool), abs_diff=checks["difference_mln_rub"].abs(),
                          real_off=~checks["is_match"].astype(bool) & ~checks["is_rounding"].astype(bool))
    grouped = frame.groupby(["passport_id", "check_kind", "line_code", "source"], as_index=False, sort=False).agg(
        n_checks=("off", "size"), n_off=("off", "sum"), max_abs_diff_mln_rub=("abs_diff", "max"),
        gap_source=("gap_source", "first"), n_real=("real_off", "sum"))
    grouped["is_rounding"] = grouped["n_real"] == 0
    grouped = grouped[grouped["n_off"] > 0]
    return grouped.sort_values("max_abs_diff_mln_rub", ascending=False, kind="stable")[cols].reset_index(drop=True)


def details(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], section: str,
            year_from: int, year_to: int) -> pd.DataFrame:
    """The «в т.ч.» rows (and rows kept apart from the sources) beside the source row they detail."""
    return run(con, "funding_details", passport_ids=passport_ids, section=section, year_from=year_from,
               year_to=year_to)


# ---- tables as shown on the page and exported (Russian headers, same numbers as the charts) -------------

def year_source_table(by_year_source: pd.DataFrame, by_year: pd.DataFrame) -> pd.DataFrame:
    """One row per year: a column per source, the computed total, the printed «Всего по проекту», difference."""
    if by_year_source.empty:
        return pd.DataFrame(columns=["Год"])
    wide = by_year_source.pivot_table(index="year", columns="source", values="amount_mln_rub", aggfunc="sum")
    wide = wide[[s for s in SOURCE_ORDER if s in wide.columns]]
    wide.columns = [f"{source_label(s)}, {MONEY}" for s in wide.columns]
    totals = by_year.set_index("year")
    wide[f"Итого по источникам, {MONEY}"] = totals["computed_mln_rub"]
    wide[f"Напечатано «Всего по проекту», {MONEY}"] = totals["printed_total_mln_rub"]
    wide[f"Разница (напечатано − расчёт), {MONEY}"] = (
        totals["printed_total_mln_rub"] - totals["computed_mln_rub"]).round(2) + 0.0
    return wide.reset_index().rename(columns={"year": "Год"})


def line_source_table(by_line_source: pd.DataFrame, by_line: pd.DataFrame) -> pd.DataFrame:
    """One row per funding line: a column per source, the sum of sources, the printed line total, difference."""
    if by_line_source.empty:
        return pd.DataFrame(columns=["Строка", "Наименование"])
    wide = by_line_source.pivot_table(index=["line_seq", "line_code", "line_name"], columns="source",
                                      values="amount_mln_rub", aggfunc="sum").reset_index()
    cols = [s for s in SOURCE_ORDER if s in wide.columns]
    out = wide[["line_seq", "line_code", "line_name", *cols]].rename(
        columns={s: f"{source_label(s)}, {MONEY}" for s in cols})
    lines = by_line.set_index("line_code")
    out[f"Сумма источников, {MONEY}"] = out["line_code"].map(lines["computed_mln_rub"])
    out[f"Напечатанный итог строки, {MONEY}"] = out["line_code"].map(lines["printed_mln_rub"])
    out[f"Разница (напечатано − расчёт), {MONEY}"] = out["line_code"].map(lines["difference_mln_rub"])
    out = out.sort_values("line_seq").drop(columns="line_seq")
    return out.rename(columns={"line_code": "Строка", "line_name": "Наименование"}).reset_index(drop=True)


def share_table(by_year: pd.DataFrame) -> pd.DataFrame:
    """Federal share by year: federal money, all money (computed from sources) and the share in %."""
    out = by_year[by_year["computed_mln_rub"].notna()][["year", "federal_mln_rub", "computed_mln_rub",
                                                         "federal_share_pct"]]
    return out.rename(columns={"year": "Год", "federal_mln_rub": f"Федеральный бюджет, {MONEY}",
                               "computed_mln_rub": f"Все источники, {MONEY}",
                               "federal_share_pct": "Доля федерального бюджета, %"}).reset_index(drop=True)


def plan_spent_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Plan vs spent by line, source and year, as shown."""
    out = frame.assign(source=frame["source"].map(source_label))
    out = out[["year", "line_code", "line_name", "source", "plan_mln_rub", "spent_mln_rub", "execution_pct",
               "status", "fact_source"]]
    return out.rename(columns={
        "year": "Год", "line_code": "Строка", "line_name": "Наименование", "source": "Источник",
        "plan_mln_rub": f"План, {MONEY}", "spent_mln_rub": f"Исполнено, {MONEY}",
        "execution_pct": "Исполнение, %", "status": "Статус", "fact_source": "Источник факта"},
    ).reset_index(drop=True)


def plan_spent_year_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Plan vs spent by year, as charted."""
    out = frame[["year", "plan_mln_rub", "spent_mln_rub", "execution_pct", "cells_with_fact", "cells_planned"]]
    return out.rename(columns={
        "year": "Год", "plan_mln_rub": f"План, {MONEY}", "spent_mln_rub": f"Исполнено, {MONEY}",
        "execution_pct": "Исполнение, %", "cells_with_fact": "Ячеек с фактом",
        "cells_planned": "Ячеек плана"}).reset_index(drop=True)


def checks_table(frame: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """Printed vs computed totals, as shown: what is checked, row, source, year («Всего» for the column)."""
    out = pd.DataFrame({
        "Паспорт": frame["passport_id"].map(lambda p: (names or {}).get(p, p)),
        "Строка": frame["line_code"],
        "Проверка": frame["check_kind"].map(CHECK_RU),
        "Источник": frame["source"].map(source_label),
        "Год": frame["year"].map(lambda y: "Всего" if pd.isna(y) else str(int(y))),
        f"Напечатано, {MONEY}": frame["printed_mln_rub"].astype(float),
        f"Рассчитано, {MONEY}": frame["computed_mln_rub"].astype(float),
        f"Разница, {MONEY}": frame["difference_mln_rub"].astype(float),
        "Совпадает": frame["is_match"].astype(bool),
        "Разница равна источнику": frame["gap_source"].map(lambda v: source_label(v) if isinstance(v, str) else ""),
        "Наименование": frame["line_name"],
        "Строка в тексте паспорта": frame["line"],
    })
    return out.reset_index(drop=True)


def details_table(frame: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """«В т.ч.» rows as shown."""
    return pd.DataFrame({
        "Паспорт": frame["passport_id"].map(lambda p: (names or {}).get(p, p)),
        "Строка": frame["line_code"],
        "Наименование (как напечатано)": frame["line_name"],
        "Источник": frame["source"].map(source_label),
        "Вид": frame["detail"].map(lambda d: FUNDING_DETAILS.label(d, OWN_ROW)),
        "Год": frame["year"],
        f"Сумма, {MONEY}": frame["amount_mln_rub"],
        f"Строка источника, {MONEY}": frame["source_row_mln_rub"],
        "Строка в тексте паспорта": frame["line"],
    }).reset_index(drop=True)


# ---- words shown on the page (pure: DataFrame in, Russian text out) ----------------------------------------

DISAGREES = {
    "line": "итог строки не сходится с суммой её источников",
    "project": "не сходится с суммой по строкам",
    "row_sum": "графа «Всего» не сходится с суммой по годам",
}


def ru_number(value: object, decimals: int) -> str:
    """1234.5 -> '1 234,50'; empty -> '—' (all decimals kept, as the passports print money)."""
    return fmt_num(value, decimals, keep_zeros=True)


def printed_total_sentence(checks: pd.DataFrame, by_year: pd.DataFrame, computed: float, covers_all: bool) -> str:
    """The «Всего по проекту» the document prints for the years shown, and how it compares with the sources."""
    column = checks[(checks["check_kind"] == "project") & (checks["source"] == "all") & checks["year"].isna()]
    if covers_all and not column.empty:
        printed, where = float(column["printed_mln_rub"].iloc[0]), "графа «Всего»"
    else:
        printed, where = by_year["printed_total_mln_rub"].sum(min_count=1), "сумма напечатанного по годам"
    if pd.isna(printed):
        return "«Всего по проекту» за эти годы в документе не напечатано."
    diff = round(printed - computed, 2)
    verdict = ("совпадает с суммой источников" if diff == 0 else
               f"{'больше' if diff > 0 else 'меньше'} суммы источников на {fmt_money(abs(diff))}")
    return f"Напечатано «Всего по проекту» ({where}): {fmt_money(printed)} — {verdict}"


def markers_sentence(marks: pd.DataFrame, has_additional: bool) -> str:
    """«Строки 1.1, 1.2: в 2020–2024 вместо сумм напечатано «*» …» from markers like '2020: *; 2021: *'."""
    cells = [(int(y), sign.strip()) for text in marks["markers"] for y, sign in
             (part.split(":", 1) for part in str(text).split(";") if ":" in part)]
    signs = " ".join(sorted({sign for _, sign in cells}))
    lines = ", ".join(marks["line_code"].astype(str))
    where = (" По сноске паспорта финансовое обеспечение этих лет — в «Дополнительных материалах» "
             "(переключатель «Таблица финансирования» выше)." if has_additional else "")
    return (f"{'Строки' if len(marks) > 1 else 'Строка'} {lines}: в {years_label(sorted({y for y, _ in cells}))} "
            f"вместо сумм напечатано «{signs}».{where}")


def check_sentences(summary: pd.DataFrame, names: dict[str, str]) -> list[str]:
    """One sentence per printed total that disagrees by more than rounding, then one for the rounding ones."""
    out = []
    for row in summary[~summary["is_rounding"].astype(bool)].itertuples():
        what = "«Всего по проекту»" if row.line_code == "Всего" else f"строка {row.line_code}"
        if row.source != "all":
            what += f" ({source_label(row.source)})"
        gap = (f"; разница равна строке «{source_label(row.gap_source)}» — похоже, в итог строки она не "
               "включена" if isinstance(row.gap_source, str) else "")
        out.append(f"{names.get(row.passport_id, row.passport_id)}, {what}: {DISAGREES[row.check_kind]} "
                   f"в {row.n_off} из {row.n_checks} граф, до {fmt_money(row.max_abs_diff_mln_rub)}{gap}.")
    small = summary[summary["is_rounding"].astype(bool)]
    if len(small):
        n = int(small["n_off"].sum())
        out.append(f"Ещё {n} {plural(n, 'расхождение', 'расхождения', 'расхождений')} в последнем знаке (до "
                   f"{fmt_money(small['max_abs_diff_mln_rub'].max())}) — так бывает, когда слагаемые округлены.")
    return out
