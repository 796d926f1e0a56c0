"""Section 5 «Участники» → participants.yaml: people by block, with their workload as printed."""

from __future__ import annotations

from passport_documents.document import Document
from passport_documents.form import Section
from passport_documents.review import Review
from passport_documents.tables import rows
from passport_documents.words import clean, code_of, is_code, number


def read_participants(doc: Document, section: Section, review: Review) -> dict:
    """participants.yaml of the document: a row without a number under a heading row of one cell is a block."""
    out: list[dict] = []
    block = block_line = None
    for row in rows(doc, section.start + 1, section.end):
        if len(row.cells) == 1:
            review.not_placed("participants", row.line, doc.line(row.line).text)
            continue
        first = row.cell(0).strip()
        if first and not is_code(first):
            block, block_line = clean(first), row.line
            continue
        cell = row.cell(5).strip()
        workload = number(cell) if cell else None
        out.append({
            "number": code_of(first) if first else None, "number_printed": first or None,
            "block": block, "block_line": block_line,
            "role": clean(row.cell(1)), "person": clean(row.cell(2)), "position": clean(row.cell(3)),
            "supervisor": clean(row.cell(4)), "workload_pct": workload,
            "workload_printed": cell if cell and workload is None else None, "line": row.line,
        })
    blocks = len({p["block_line"] for p in out})
    review.count("participants", f"участников: {len(out)} в блоках: {blocks}")
    return {"participants": out}
