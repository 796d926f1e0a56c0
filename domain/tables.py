"""The vocabulary as rows for SQL: `vocab_term`, `vocab_measure`, `vocab_topic_role`, `metric_settings` and
`report_deadline` (every reporting period with its deadline on the working-day calendar).

The loader writes these tables into every model it opens, so a status label, a source name or a tolerance
that SQL uses comes from domain.vocabulary and nowhere else.
"""

from __future__ import annotations

from dataclasses import asdict

from domain import monitoring as m
from domain import vocabulary as v

ALL_TERMS = (
    v.FACT_KINDS, v.ACTIVITY_KINDS, v.PLAN_STATUSES, v.ACTIVITY_STATUSES, v.CONTROL_FACT_STATUSES,
    v.FUNDING_SOURCES, v.FUNDING_SECTIONS, v.FUNDING_DETAILS, v.PASSPORT_LEVELS, v.DIRECTIONS, v.ACCUMULATES,
    v.QUOTED_LEVELS, v.SEVERITIES, v.AUDIT_ACTIONS, v.UNITS, v.QUALITY_CHECKS, v.FUNDING_CHECKS,
    v.ENTRY_KINDS, v.RISK_LEVELS, v.RISK_RATINGS, v.RISK_STATUSES,
    *v.OTHER_LEVEL_PHRASES.values(), m.REPORT_KINDS, m.REPORT_STATES, m.DEADLINE_MARKS,
)


def vocab_term_rows() -> list[dict]:
    """Every term of every vocabulary: vocabulary, code, label, colour, ord."""
    rows = [dict(vocabulary=name, code=code, label=label, colour=colour, ord=ord_)
            for terms in ALL_TERMS for name, code, label, colour, ord_ in terms.rows()]
    for term in (v.TOTAL_SOURCE, v.ALL_SOURCES):
        rows.append(dict(vocabulary="funding_source", code=term.code, label=term.label, colour="", ord=99))
    return rows


def vocab_measure_rows() -> list[dict]:
    """Measures of result targets: measure, label, unit, quoted (federal | regional | null), is_share."""
    return [dict(measure=m.code, label=m.label, unit=m.unit, quoted=m.quoted, is_share=v.is_share(m.unit))
            for m in v.MEASURES]


def vocab_topic_role_rows() -> list[dict]:
    """Topics and their roles: topic, topic_label, page, topic_ord, role, role_label, axis, is_share, role_ord."""
    rows = []
    for t_ord, t in enumerate(v.TOPICS):
        for r_ord, r in enumerate(t.roles or (None,)):
            rows.append(dict(topic=t.code, topic_label=t.label, page=t.page, topic_ord=t_ord,
                             role=r.code if r else None, role_label=r.label if r else None,
                             axis=r.axis if r else None, is_share=bool(r and r.share), role_ord=r_ord))
    return rows


def metric_settings_row() -> dict:
    """One row of thresholds and tolerances (domain.vocabulary.THRESHOLDS and QUALITY_THRESHOLDS)."""
    return asdict(v.THRESHOLDS) | asdict(v.QUALITY_THRESHOLDS)


TABLES = {
    "vocab_term": vocab_term_rows,
    "vocab_measure": vocab_measure_rows,
    "vocab_topic_role": vocab_topic_role_rows,
    "metric_settings": lambda: [metric_settings_row()],
    "report_deadline": m.deadline_rows,
}
