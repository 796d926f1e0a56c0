"""The monitoring cycle's steps that need the documents: a report is submitted with its progress report of the
period, made now and frozen (PDF and DOCX, kept in the store by their hash), so later changes of facts do not alter
what was submitted. Approving and returning change only the state (facts.service)."""

from __future__ import annotations

import duckdb

from domain.periods import Period
from facts.outcomes import Saved
from facts.report_cycle import StoredReport, document_of
from facts.service import FactsService
from reports.files import progress_file
from store.records import Document

#: the formats a submitted report is frozen in (the PDF is what the mail sends)
SUBMITTED_KINDS = ("pdf", "docx")


def submission_documents(con: duckdb.DuckDBPyConnection, passport_id: str, period: Period) -> list[Document]:
    """The progress report of the period as it stands now, in every submitted format."""
    out = []
    for kind in SUBMITTED_KINDS:
        made = progress_file(con, passport_id, period, kind)
        out.append(document_of(made.name, made.mime, made.data))
    return out


def submit(con: duckdb.DuckDBPyConnection, service: FactsService, passport_id: str, period: Period, *,
           author: str | None = None, comment: str | None = None) -> Saved:
    """Submit the report of a period for approval with its documents made now (the rights and the state are checked
    before anything is made)."""
    service.check_report_step(passport_id, period, "submit")
    return service.submit_report(passport_id, period, submission_documents(con, passport_id, period),
                                 author=author, comment=comment)


def frozen_document(service: FactsService, report: StoredReport, kind: str) -> Document | None:
    """A submitted report's document of a format, as it was submitted (None when there is none)."""
    document_hash = report.documents.get(kind)
    return service.store.document(document_hash) if document_hash else None
