"""Data-quality report: the contradictions the passports print (view quality_finding) as a frame and as text."""

from __future__ import annotations

import duckdb
import pandas as pd

from domain.vocabulary import SEVERITIES as SEVERITY_TERMS
from metrics.sql_queries import run

SEVERITIES = SEVERITY_TERMS.codes
SEVERITY_RU = {t.code: t.note for t in SEVERITY_TERMS}
SECTION_RU = {
    "indicators": "показатели", "results": "результаты", "funding": "финансирование",
    "participants": "участники", "activities": "план мероприятий",
}
COLUMNS = ["passport_id", "severity", "section", "check_id", "code", "year", "message", "line"]

def quality_findings(con: duckdb.DuckDBPyConnection, passport_id: str | tuple[str, ...] | None = None) -> pd.DataFrame:
    """Every finding (of one passport, of several, or of all), errors first, then in document order."""
    ids = [passport_id] if isinstance(passport_id, str) else (None if passport_id is None else list(passport_id))
    frame = run(con, "quality_findings", passport_ids=ids)
    return frame[[c for c in frame.columns if c in COLUMNS] + [c for c in frame.columns if c not in COLUMNS]]


def has_errors(findings: pd.DataFrame) -> bool:
    """True when at least one finding is an error (the CLI then exits non-zero)."""
    return bool((findings["severity"] == "error").any()) if len(findings) else False


def severity_counts(findings: pd.DataFrame) -> dict[str, int]:
    """Number of findings per severity, every severity present (zero when none)."""
    counts = findings["severity"].value_counts() if len(findings) else pd.Series(dtype=int)
    return {s: int(counts.get(s, 0)) for s in SEVERITIES}


def format_finding(row: pd.Series) -> str:
    """One line: «стр. 247 · финансирование · funding_line_sum · Строка 1.2, 2019: …»."""
    line = f"стр. {int(row['line'])}" if pd.notna(row["line"]) else "стр. —"
    section = SECTION_RU.get(row["section"], row["section"])
    return f"{line} · {section} · {row['check_id']} · {row['message']}"


def format_report(findings: pd.DataFrame, passport_ids: list[str] | None = None) -> str:
    """The text report, grouped by passport and severity; passports without findings are named too."""
    ids = list(dict.fromkeys([*(passport_ids or []), *findings["passport_id"].tolist()]))
    if not ids:
        return "Замечаний нет.\n"
    out: list[str] = []
    for pid in ids:
        rows = findings[findings["passport_id"] == pid]
        counts = severity_counts(rows)
        out.append(f"Паспорт {pid}: ошибок {counts['error']}, предупреждений {counts['warning']}, "
                   f"сведений {counts['info']}")
        if not len(rows):
            out.append("  Замечаний нет.")
        for severity in SEVERITIES:
            part = rows[rows["severity"] == severity]
            if len(part):
                out.append(f"  {SEVERITY_RU[severity]} ({len(part)}):")
                out.extend(f"    {format_finding(r)}" for _, r in part.iterrows())
        out.append("")
    return "\n".join(out)


CHECK_RU = {
    "funding_line_sum": "строка ≠ сумме источников",
    "funding_total_lines": "«Всего по проекту» ≠ сумме строк",
    "funding_total_sources": "«Всего по проекту» ≠ сумме источников",
    "funding_source_sum": "итог по источнику ≠ сумме по строкам",
    "funding_detail_exceeds": "«в т.ч.» больше целого",
    "funding_year_sum": "«Всего» ≠ сумме по годам",
    "activity_end_before_start": "окончание раньше начала",
    "activity_date_invalid": "дата не распознана",
    "activity_outside_period": "дата вне срока проекта",
    "activity_after_parent": "позже своей контрольной точки / результата",
    "duplicate_code": "код повторяется",
    "activity_numbering": "разрыв или сбой нумерации",
    "activity_no_control_point": "нет контрольной точки",
    "target_cumulative_falls": "накопительная цель убывает",
    "target_conflict": "два разных значения одной цели",
    "indicator_year_missing": "у показателя пропущен год",
    "pct_count_mismatch": "процент ≠ количеству",
    "workload_over_100": "занятость больше 100 %",
    "target_vs_indicator": "результат ≠ плану показателя",
    "plan_vs_target": "план мероприятий ≠ результату",
}


def findings_table(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...],
                   severities: tuple[str, ...]) -> pd.DataFrame:
    """Findings of the chosen passports and severities with Russian column names, for the page and exports."""
    frame = quality_findings(con, tuple(passport_ids))
    frame = frame[frame["severity"].isin(severities)]
    return pd.DataFrame({
        "Паспорт": frame["passport_id"],
        "Важность": frame["severity"].map(SEVERITY_TERMS.label),
        "Раздел": frame["section"].map(SECTION_RU).fillna(frame["section"]),
        "Проверка": frame["check_id"].map(CHECK_RU).fillna(frame["check_id"]),
        "Код": frame["code"],
        "Год": frame["year"].astype("Int64"),
        "Что не так": frame["message"],
        "Строка паспорта": frame["line"].astype("Int64"),
    })
