"""The money of the passports as the funding page shows and exports it: tables with Russian headers holding the
same numbers as the charts, and the sentences that explain where the document's own totals disagree.

Pure: DataFrames of metrics.funding in, DataFrames and Russian text out. Amounts are млн руб. as printed.
"""

from __future__ import annotations

import pandas as pd

from domain.formatting import fmt_money, fmt_num, plural, years_label
from domain.vocabulary import ALL_SOURCES, FUNDING_CHECKS, FUNDING_DETAILS, FUNDING_SOURCES, MONEY_UNIT
from metrics.funding import SOURCE_ORDER

CHECK_RU = {t.code: t.label for t in FUNDING_CHECKS}
MONEY = MONEY_UNIT
OWN_ROW = "отдельная строка, не входит в сумму источников"


def source_label(source: str) -> str:
    """'federal' -> 'Федеральный бюджет'; 'all' -> 'Все источники'."""
    return ALL_SOURCES.label if source == ALL_SOURCES.code else FUNDING_SOURCES.label(source)


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
