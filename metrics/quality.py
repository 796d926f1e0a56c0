"""Data-quality report: the contradictions the passports print (view quality_finding) as a frame and as text."""

from __future__ import annotations

import logging
import threading

import duckdb
import pandas as pd

from domain.formatting import fmt_int
from domain.spreadsheet import guard_text
from domain.vocabulary import QUALITY_CHECKS
from domain.vocabulary import SEVERITIES as SEVERITY_TERMS
from metrics.sql_queries import query_text, run, run_rows

SEVERITIES = SEVERITY_TERMS.codes
SEVERITY_RU = {t.code: t.note for t in SEVERITY_TERMS}
SECTION_RU = {
    "indicators": "показатели", "results": "результаты", "funding": "финансирование",
    "participants": "участники", "activities": "план мероприятий",
}
COLUMNS = ["passport_id", "severity", "section", "check_id", "code", "year", "message", "line", "lines"]

_log = logging.getLogger(__name__)
_MATERIALIZING = threading.Lock()


def materialize_findings(con: duckdb.DuckDBPyConnection) -> None:
    """Compute every passport's findings once for this model (table quality_finding_all); later calls return at
    once (no lock once the table is there). The app starts it in the background when it opens the model."""
    if _materialized(con):
        return
    with _MATERIALIZING:
        con.execute(query_text("quality_materialize"))


def _materialized(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(run_rows(con, "quality_materialized")[0][0])


def materialize_in_background(con: duckdb.DuckDBPyConnection) -> None:
    """The same in a thread of its own; a failure is logged in Russian (a page asking for the findings later
    computes them itself and shows its own error)."""
    def work() -> None:
        try:
            materialize_findings(con)
        except Exception as exc:  # noqa: BLE001 - a background thread has no page to show it on
            _log.warning("замечания качества не посчитаны заранее (%s): их посчитает первая страница, которой они "
                         "нужны", type(exc).__name__)

    threading.Thread(target=work, name="quality-findings", daemon=True).start()


def quality_findings(con: duckdb.DuckDBPyConnection, passport_id: str | tuple[str, ...] | None = None) -> pd.DataFrame:
    """Every finding (of one passport, of several, or of all), errors first, then in document order."""
    materialize_findings(con)
    ids = [passport_id] if isinstance(passport_id, str) else (None if passport_id is None else list(passport_id))
    frame = run(con, "quality_findings", passport_ids=ids)
    frame["lines"] = [[int(x) for x in v] if v is not None else [] for v in frame["lines"]]
    return frame[COLUMNS]


def has_errors(findings: pd.DataFrame) -> bool:
    """True when at least one finding is an error (the CLI then exits non-zero)."""
    return bool((findings["severity"] == "error").any()) if len(findings) else False


def severity_counts(findings: pd.DataFrame) -> dict[str, int]:
    """Number of findings per severity, every severity present (zero when none)."""
    counts = findings["severity"].value_counts() if len(findings) else pd.Series(dtype=int)
    return {s: int(counts.get(s, 0)) for s in SEVERITIES}


def other_lines(row: pd.Series) -> list[int]:
    """The lines of a finding besides its own `line` (other rows, totals, blocks of the same contradiction)."""
    lines = row.get("lines")
    return [x for x in (lines if lines is not None else []) if x != row["line"]]


def format_finding(row: pd.Series) -> str:
    """One line: «стр. 247 · финансирование · funding_line_sum · Строка 1.2, 2019: … [также стр. 255, 256]»."""
    line = f"стр. {int(row['line'])}" if pd.notna(row["line"]) else "стр. —"
    section = SECTION_RU.get(row["section"], row["section"])
    others = other_lines(row)
    also = f" [также стр. {', '.join(map(str, others))}]" if others else ""
    return f"{line} · {section} · {row['check_id']} · {row['message']}{also}"


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


#: check_id -> its Russian name (domain.vocabulary.QUALITY_CHECKS)
CHECK_RU = {t.code: t.label for t in QUALITY_CHECKS}


def findings_table(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...],
                   severities: tuple[str, ...]) -> pd.DataFrame:
    """Findings of the chosen passports and severities with Russian column names, for the page and exports."""
    frame = quality_findings(con, tuple(passport_ids))
    return russian_table(frame[frame["severity"].isin(severities)])


def russian_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Findings (quality_findings) with Russian column names and labels."""
    return pd.DataFrame({
        "Паспорт": frame["passport_id"],
        "Важность": frame["severity"].map(SEVERITY_TERMS.label),
        "Раздел": frame["section"].map(SECTION_RU).fillna(frame["section"]),
        "Проверка": frame["check_id"].map(CHECK_RU).fillna(frame["check_id"]),
        "Код": frame["code"],
        "Год": frame["year"].astype("Int64"),
        "Что не так": frame["message"],
        "Строка паспорта": frame["line"].astype("Int64"),
        "Все строки": [", ".join(map(str, lines)) for lines in frame["lines"]],
    })


def passport_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every passport's id, sorted."""
    return [pid for (pid,) in run_rows(con, "passport_ids")]


def _counts(counts: dict[str, int]) -> str:
    return (f"ошибок {fmt_int(counts['error'])}, предупреждений {fmt_int(counts['warning'])}, "
            f"сведений {fmt_int(counts['info'])}")


def format_summary(findings: pd.DataFrame, passports: int, top: int = 10) -> str:
    """The short report: totals, a line per check and severity (findings, passports), and the passports with
    the most errors — never a line per finding."""
    with_any = findings["passport_id"].nunique() if len(findings) else 0
    with_errors = findings.loc[findings["severity"] == "error", "passport_id"].nunique() if len(findings) else 0
    out = [f"Проверено паспортов: {fmt_int(passports)}; с замечаниями: {fmt_int(with_any)}, "
           f"с ошибками: {fmt_int(with_errors)}.",
           f"Замечаний: {fmt_int(len(findings))} — {_counts(severity_counts(findings))}."]
    if not len(findings):
        return "\n".join(out) + "\n"
    out += ["", "По проверкам (замечаний / паспортов):"]
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    groups = findings.groupby(["severity", "check_id"]).agg(n=("passport_id", "size"),
                                                           passports=("passport_id", "nunique")).reset_index()
    groups = groups.sort_values(["severity", "n"], key=lambda c: c.map(rank) if c.name == "severity" else -c)
    for row in groups.itertuples():
        name = CHECK_RU.get(row.check_id, row.check_id)
        out.append(f"  {SEVERITY_TERMS.label(row.severity)} · {name} ({row.check_id}): {fmt_int(row.n)} / "
                   f"{fmt_int(row.passports)}")
    per = (findings.assign(one=1).pivot_table(index="passport_id", columns="severity", values="one",
                                              aggfunc="sum", fill_value=0)
           .reindex(columns=SEVERITIES, fill_value=0))
    per = per.sort_values(list(SEVERITIES), ascending=False).head(top)
    out += ["", f"Больше всего замечаний (первые {len(per)}):"]
    out += [f"  {pid}: {_counts(dict(row))}" for pid, row in per.iterrows()]
    out += ["", "Замечания паспорта со строками: --passport ID; все замечания таблицей: --format csv."]
    return "\n".join(out) + "\n"


def findings_csv(table: pd.DataFrame) -> str:
    """The findings table as CSV for Excel with Russian settings (';'), every text a spreadsheet would run as a
    formula guarded (domain.spreadsheet)."""
    guarded = table.copy()
    for col in guarded.columns:
        if guarded[col].dtype == object or pd.api.types.is_string_dtype(guarded[col]):
            guarded[col] = guarded[col].map(guard_text)
    return guarded.to_csv(index=False, sep=";", lineterminator="\r\n")
