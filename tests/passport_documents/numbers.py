"""Every number a model holds of its passports, as sorted rows: what the curated passports' model held when the
importer replaced the converters (curated_numbers.json) and what an imported passport's model must hold too."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

CURATED = Path(__file__).with_name("curated_numbers.json")
#: name -> query; every column is a number, a code, a date or a choice the model keys on (no free text)
QUERIES = {
    "indicator": "select passport_id, indicator_code, base_value, base_date::varchar, unit, topic, role, series, "
                 "accumulates from indicator where indicator_code is not null",
    "indicator_plan": "select passport_id, indicator_code, year, plan_value, plan_printed from indicator_plan",
    "result": "select passport_id, result_code, parent_code, deadline::varchar from result",
    "result_target": "select passport_id, result_code, measure, year, target_value, is_cumulative, topic, role, "
                     "series, accumulates from result_target",
    "funding": "select passport_id, section, line_code, source, total_of, budget_line_code, year, amount_mln_rub "
               "from funding",
    "funding_detail": "select passport_id, section, line_code, parent_line_code, detail, year, amount_mln_rub "
                      "from funding_detail",
    "activity": "select passport_id, activity_key, kind, result_code, start_date::varchar, end_date::varchar "
                "from activity",
    "activity_delivers": "select passport_id, block_code, result_code from activity_delivers",
    "participant": "select passport_id, number, block, person, workload_pct from participant",
    "quality_finding": "select passport_id, check_id, severity, code, year from quality_finding",
    "quality_finding_lines": "select passport_id, check_id, code, year, line, lines::varchar from quality_finding",
}


def _value(v):
    return round(v, 6) if isinstance(v, float) else v


def model_numbers(con: duckdb.DuckDBPyConnection, with_lines: bool = True) -> dict[str, list[list]]:
    """The rows of every query, sorted; without the document's line numbers when `with_lines` is False (a PDF
    numbers its lines its own way)."""
    out = {}
    for name, sql in QUERIES.items():
        if name.endswith("_lines") and not with_lines:
            continue
        rows = [[_value(v) for v in row] for row in con.execute(sql).fetchall()]
        out[name] = sorted(rows, key=lambda r: json.dumps(r, ensure_ascii=False, default=str))
    return out


def curated() -> dict[str, list[list]]:
    return json.loads(CURATED.read_text(encoding="utf-8"))
