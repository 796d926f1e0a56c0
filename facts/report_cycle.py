"""A report of a period as a stored thing: its state (черновик → на согласовании → утверждён, or возвращён на
доработку), its documents frozen as submitted, who did what and when with a comment. Stored as a record of the
facts store (kind «report», numbered by its period: «2024-12», «2024-Q4», «2024»), so every step is audited and
can be undone by the facts service like any other change; the documents are kept by their content's hash.

This module holds the rules of the states; facts.service checks rights and writes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from domain.monitoring import REPORT_STATES, deadline, report_kind
from domain.periods import Period
from store.records import Document, EntryRef

REPORT = "report"
MAILING = "mailing"
#: the one record of a passport's mailing list
MAILING_ID = "адреса"
#: which states an action may start from, and where it leads
TRANSITIONS = {"submit": (("draft", "returned"), "submitted"), "approve": (("submitted",), "approved"),
               "return": (("submitted",), "returned")}
MAX_COMMENT = 2000


class CycleError(ValueError):
    """A step the report's state does not allow (the message is Russian)."""


@dataclass(frozen=True)
class StoredReport:
    """A report as the store holds it; `documents` maps a format («pdf», «docx») to its document's hash."""

    passport_id: str
    period: Period
    state: str = "draft"
    documents: dict[str, str] = field(default_factory=dict)
    submitted_by: str | None = None
    submitted_at: str | None = None
    decided_by: str | None = None
    decided_at: str | None = None
    comment: str | None = None

    @property
    def ref(self) -> EntryRef:
        return report_ref(self.passport_id, self.period)

    @property
    def state_label(self) -> str:
        return REPORT_STATES.label(self.state)

    def payload(self) -> dict:
        return {"period": self.period.code, "kind": report_kind(self.period), "state": self.state,
                "deadline": deadline(self.period).isoformat(), "documents": dict(self.documents),
                "submitted_by": self.submitted_by, "submitted_at": self.submitted_at, "decided_by": self.decided_by,
                "decided_at": self.decided_at, "comment": self.comment}


def report_ref(passport_id: str, period: Period) -> EntryRef:
    return EntryRef(passport_id, REPORT, period.code)


def from_payload(passport_id: str, payload: dict | None, period: Period) -> StoredReport:
    """The report a stored payload describes (a draft when nothing is stored)."""
    if not payload:
        return StoredReport(passport_id, period)
    return StoredReport(passport_id, period, payload.get("state", "draft"), dict(payload.get("documents") or {}),
                        payload.get("submitted_by"), payload.get("submitted_at"), payload.get("decided_by"),
                        payload.get("decided_at"), payload.get("comment"))


def step(report: StoredReport, action: str, who: str, at: datetime, comment: str | None,
         documents: dict[str, str] | None = None) -> StoredReport:
    """The report after an action, or CycleError saying in Russian why the state does not allow it."""
    allowed, target = TRANSITIONS[action]
    if report.state not in allowed:
        raise CycleError(step_refusal(report, action))
    comment = " ".join((comment or "").split())[:MAX_COMMENT] or None
    if action == "return" and not comment:
        raise CycleError("укажите причину возврата на доработку: её увидит тот, кто готовит отчёт")
    stamp = at.isoformat(timespec="seconds")
    if action == "submit":
        return StoredReport(report.passport_id, report.period, target, dict(documents or {}), who, stamp, None, None,
                            comment)
    return StoredReport(report.passport_id, report.period, target, report.documents, report.submitted_by,
                        report.submitted_at, who, stamp, comment)


def step_refusal(report: StoredReport, action: str) -> str:
    """Why the report's state does not allow the step, in Russian."""
    what = f"отчёт за {report.period.label}"
    if action == "submit":
        return f"{what} уже {report.state_label}: сдать заново можно черновик или возвращённый на доработку"
    return f"{what} — {report.state_label}: утвердить или вернуть можно только отчёт на согласовании"


def document_of(name: str, mime: str, content: bytes) -> Document:
    """A file to keep, addressed by the sha256 of its content."""
    return Document(hashlib.sha256(content).hexdigest(), name, mime, content)
