"""Quantitative result targets (section 3) against facts: internet, IT-куб, trained staff.

Every function takes a cursor and bound parameters and returns a DataFrame; the Russian labels of the
measures live here so pages, charts and exports say the same thing.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from domain.formatting import fmt_num, fmt_pct
from domain.vocabulary import MEASURES, QUOTED_LEVELS

#: what each measure counts, as a chart or table says it
MEASURE_LABELS = {m.code: m.label for m in MEASURES}
#: how a quoted target of the level above is named
LEVEL_LABELS = {t.code: t.label for t in QUOTED_LEVELS}


def measure_plan_fact(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], as_of: date,
                      measures: tuple[str, ...], year_from: int, year_to: int) -> pd.DataFrame:
    """The passport's own targets of the given measures against facts, one row per passport, measure and year.

    Where two results target a measure in the same year their codes are listed in `result_codes` and the
    line with a fact (else the highest target) is shown.
    """
    return con.execute(
        """
        select * exclude (target_level) from measure_plan_fact_asof(?)
        where target_level = 'own' and list_contains(?, passport_id) and list_contains(?, measure)
          and year between ? and ?
        order by passport_id, measure, year
        """,
        [as_of, list(passport_ids), list(measures), year_from, year_to],
    ).df()


def quoted_targets(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], measures: tuple[str, ...],
                   year_from: int, year_to: int) -> pd.DataFrame:
    """Targets of the level above quoted in the passport for the given (own) measures: federal or regional.

    `base_measure` is the passport's own measure they compare with; `target_level` is federal | regional.
    """
    return con.execute(
        """
        select passport_id, measure, base_measure, target_level, year, plan_value as target_value,
               is_cumulative, result_codes, quote
        from measure_plan_fact_asof(current_date)
        where target_level <> 'own' and list_contains(?, passport_id) and list_contains(?, base_measure)
          and year between ? and ?
        order by passport_id, base_measure, target_level, year
        """,
        [list(passport_ids), list(measures), year_from, year_to],
    ).df()


def share_of_quoted(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...], as_of: date,
                    measures: tuple[str, ...], year_from: int, year_to: int,
                    level: str = "federal") -> pd.DataFrame:
    """The passport's plan and fact as a share of the quoted target of the level above, by year.

    E.g. Amur plans 1 IT-куб in 2019 against a federal 20: plan_share_pct = 5. Only years where both the
    passport's target and the quoted one are printed.
    """
    return con.execute(
        """
        with targets as (select * from measure_plan_fact_asof(?)),
        own as (select * from targets where target_level = 'own'),
        quoted as (select * from targets where target_level = ?),
        final as (
            select o.passport_id, o.measure, o.year, o.plan_value, o.fact_value, q.plan_value as quoted_value,
                   round(o.plan_value / nullif(q.plan_value, 0) * 100, 1) as plan_share_pct,
                   round(o.fact_value / nullif(q.plan_value, 0) * 100, 1) as fact_share_pct,
                   o.is_example
            from own o
            join quoted q on q.passport_id = o.passport_id and q.base_measure = o.measure and q.year = o.year
            where list_contains(?, o.passport_id) and list_contains(?, o.measure) and o.year between ? and ?
        )
        select * from final order by passport_id, measure, year
        """,
        [as_of, level, list(passport_ids), list(measures), year_from, year_to],
    ).df()


def results_without_target(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...],
                           words: tuple[str, ...]) -> pd.DataFrame:
    """Results whose text holds every one of the words (case-insensitive) but states no number to count.

    Used to say what a passport promises where it plans no quantity (e.g. the retraining of managers).
    """
    return con.execute(
        """
        with results as (select * from result),
        targets as (select distinct passport_id, result_code from result_target),
        final as (
            select r.passport_id, r.result_code, r.deadline, r.deadline_printed, r.result_text, r.seq
            from results r
            anti join targets t using (passport_id, result_code)
            where list_contains(?, r.passport_id)
              and len(list_filter(?, lambda w: r.result_text not ilike '%' || w || '%')) = 0
        )
        select * from final order by passport_id, seq
        """,
        [list(passport_ids), list(words)],
    ).df()


def plan_fact_table(frame: pd.DataFrame, series_col: str = "series") -> pd.DataFrame:
    """The numbers of a plan/fact chart with Russian column names (numbers stay numbers for CSV/XLSX).

    frame: series, year, plan_value, fact_value and optionally achievement_pct, status, is_example.
    """
    out = pd.DataFrame({
        "Ряд": frame[series_col],
        "Год": frame["year"].astype(int),
        "План": frame["plan_value"],
        "Факт": frame["fact_value"],
    })
    if "achievement_pct" in frame:
        out["Достижение, %"] = frame["achievement_pct"]
    if "status" in frame:
        out["Статус"] = frame["status"].fillna("—")
    if "is_example" in frame:
        out["Пример"] = frame["is_example"].fillna(False).astype(bool)
    return out.reset_index(drop=True)


def quoted_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Quoted targets of the level above with Russian column names."""
    return pd.DataFrame({
        "Ряд": frame["target_level"].map(LEVEL_LABELS),
        "Год": frame["year"].astype(int),
        "Значение": frame["target_value"],
        "Результат паспорта": frame["result_codes"],
        "Как напечатано": frame["quote"],
    }).reset_index(drop=True)


def series_frame(indicators: pd.DataFrame | None = None,
                 measures: pd.DataFrame | None = None) -> pd.DataFrame:
    """One long frame for a plan/fact chart: indicator rows (section 2) and result-target rows (section 3).

    Each source becomes its own series: «Показатель 1.1» per indicator code, «Цель результата» per measure
    (with the measure's label when several measures are given). Rows without a numeric plan are dropped.
    """
    cols = ["passport_id", "series", "source", "year", "plan_value", "fact_value", "achievement_pct",
            "status", "is_example"]
    parts: list[pd.DataFrame] = []
    if indicators is not None and len(indicators):
        ind = indicators[indicators["plan_value"].notna()].copy()
        ind["series"] = "Показатель " + ind["indicator_code"].astype(str)
        ind["source"] = "indicator"
        parts.append(ind)
    if measures is not None and len(measures):
        res = measures[measures["plan_value"].notna()].copy()
        several = res["measure"].nunique() > 1
        res["series"] = [f"Цель результата: {MEASURE_LABELS.get(m, m)}" if several else "Цель результата"
                         for m in res["measure"]]
        res["source"] = "result"
        parts.append(res)
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat([p.reindex(columns=cols) for p in parts], ignore_index=True)
    out["year"] = out["year"].astype(int)
    out["is_example"] = out["is_example"].astype("boolean").fillna(False).astype(bool)
    return out


def reference_frame(quoted: pd.DataFrame) -> pd.DataFrame:
    """Quoted targets as chart reference lines: label («Федеральный результат» …), year, value."""
    if quoted is None or quoted.empty:
        return pd.DataFrame(columns=["label", "year", "value"])
    return pd.DataFrame({
        "label": quoted["target_level"].map(LEVEL_LABELS),
        "year": quoted["year"].astype(int),
        "value": quoted["target_value"],
    }).reset_index(drop=True)


def chart_table(series: pd.DataFrame, reference: pd.DataFrame | None = None) -> pd.DataFrame:
    """Exactly the numbers of a plan/fact chart: its series and, as their own rows, the reference targets
    (e.g. «Федеральный результат», whose value is the plan of the level above, without facts)."""
    table = plan_fact_table(series)
    if reference is not None and len(reference):
        ref = pd.DataFrame({"Ряд": reference["label"], "Год": reference["year"].astype(int),
                            "План": reference["value"], "Факт": float("nan")})
        table = pd.concat([table, ref.reindex(columns=table.columns)], ignore_index=True)
        if "Статус" in table:
            table["Статус"] = table["Статус"].fillna("—")
        if "Пример" in table:
            table["Пример"] = table["Пример"].astype("boolean").fillna(False).astype(bool)
    return table


def display_table(table: pd.DataFrame, percent: bool | pd.Series = False) -> pd.DataFrame:
    """The same table as text the Russian way for the screen: 1 234,5 · 42 % · «пример» marks."""
    out = table.copy()
    is_pct = percent if isinstance(percent, pd.Series) else pd.Series(percent, index=out.index)
    for col in ("План", "Факт", "Значение"):
        if col in out:
            out[col] = [fmt_pct(v, 1) if p else fmt_num(v, 1) for v, p in zip(out[col], is_pct, strict=True)]
    for col in [c for c in out.columns if c.endswith(", %")]:
        out[col] = [fmt_pct(v, 1) for v in out[col]]
    if "Пример" in out:
        out["Пример"] = out["Пример"].map({True: "пример", False: ""})
    return out
