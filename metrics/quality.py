"""The contradictions the passports print (view quality_finding): every passport's findings computed once per
model, and read by passport."""

from __future__ import annotations

import logging
import threading

import duckdb
import pandas as pd

from domain.vocabulary import SEVERITIES as SEVERITY_TERMS
from model.queries import query_text, run, run_rows

SEVERITIES = SEVERITY_TERMS.codes
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


def passport_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every passport's id, sorted."""
    return [pid for (pid,) in run_rows(con, "passport_ids")]
