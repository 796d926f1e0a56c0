"""The report of a period as the facts service keeps it: its state and history, the steps (submit with the frozen
documents, approve, return) each checked against the account's right and the report's state, and the passport's
mailing list of approved reports. A part of `FactsService` (it writes through the service's one commit)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime

import pandas as pd

from accounts.rules import AccountError, check_email
from domain.formatting import fmt_date
from domain.monitoring import REPORT_STATES
from domain.periods import Period
from facts.outcomes import RULE_OF_ACTION, FactsError, Saved, check_author
from facts.report_cycle import (
    MAILING,
    MAILING_ID,
    TRANSITIONS,
    CycleError,
    StoredReport,
    from_payload,
    report_ref,
    step,
    step_refusal,
)
from store.records import Document, EntryChange, EntryRef


class ReportSteps:
    """The report methods of FactsService (self is the service: store, account, refusal, targets, _commit)."""

    def report(self, passport_id: str, period: Period) -> StoredReport:
        """The report of a period as stored (a draft when nothing is)."""
        return from_payload(passport_id, self.store.entry(report_ref(passport_id, period)), period)

    def report_history(self, passport_id: str, period: Period) -> pd.DataFrame:
        """Every step of the report of a period, oldest first: when, who, from where, the state it left and the one
        it reached, the comment."""
        log = self.store.entry_history(report_ref(passport_id, period))
        rows = []
        for r in log.itertuples(index=False):
            old, new = (json.loads(x) if isinstance(x, str) and x else {} for x in (r.old_json, r.new_json))
            rows.append({"at": r.at, "who": r.who, "origin": r.origin, "action": r.action,
                         "from_state": old.get("state", "draft"), "to_state": new.get("state", "draft"),
                         "comment": new.get("comment") if r.action != "undo" else r.note, "batch_id": r.batch_id})
        return pd.DataFrame(rows, columns=["at", "who", "origin", "action", "from_state", "to_state", "comment",
                                           "batch_id"])

    def submit_report(self, passport_id: str, period: Period, documents: Iterable[Document], *,
                      author: str | None = None, comment: str | None = None) -> Saved:
        """Submit the report of a period with its documents, frozen as they are now (later fact changes do not
        alter them): editors of the passport and administrators; from a draft or a returned report."""
        files = list(documents)
        kinds = {doc.name.rsplit(".", 1)[-1].lower(): doc.document_hash for doc in files}
        return self._report_step(passport_id, period, "submit", author, comment, files, kinds)

    def approve_report(self, passport_id: str, period: Period, *, author: str | None = None,
                       comment: str | None = None) -> Saved:
        """Approve a submitted report: the passport's head of project («руководитель проекта») or an
        administrator."""
        return self._report_step(passport_id, period, "approve", author, comment)

    def return_report(self, passport_id: str, period: Period, *, author: str | None = None,
                      reason: str | None = None) -> Saved:
        """Return a submitted report for rework, with the reason (required): the head of project or an
        administrator."""
        return self._report_step(passport_id, period, "return", author, reason)

    def check_report_step(self, passport_id: str, period: Period, action: str) -> StoredReport:
        """The report as stored, when this account may take the step (submit, approve, return) now; FactsError
        saying in Russian why not otherwise (the period outside the passport, the right, the report's state)."""
        span = self._span(passport_id)
        if period.end < span[0] or period.start > span[1]:
            raise FactsError(f"период «{period.label}» вне срока паспорта ({fmt_date(span[0])}–{fmt_date(span[1])})")
        reason = self.refusal(RULE_OF_ACTION[action], [passport_id])
        if reason:
            raise FactsError(f"ничего не сохранено: {reason}")
        report = self.report(passport_id, period)
        if report.state not in TRANSITIONS[action][0]:
            raise FactsError(step_refusal(report, action))
        return report

    def _report_step(self, passport_id: str, period: Period, action: str, author: str | None,
                     comment: str | None, files: list[Document] | None = None,
                     kinds: dict[str, str] | None = None) -> Saved:
        report = self.check_report_step(passport_id, period, action)
        who = self.account.shown if self.account is not None else check_author(author)
        try:
            after = step(report, action, who, datetime.now(), comment, kinds)
        except CycleError as exc:
            raise FactsError(str(exc)) from None
        return self._commit([EntryChange(after.ref, after.payload())], author, f"{period.label}: "
                            f"{REPORT_STATES.label(after.state)}", action, documents=files or ())

    def _span(self, passport_id: str) -> tuple[date, date]:
        """The first and last day of a passport's term (FactsError when the model has no such passport)."""
        targets = self.targets([passport_id])
        rows = targets[targets["passport_id"] == passport_id].head(1)
        if rows.empty:
            raise FactsError(f"паспорта «{passport_id}» нет в модели")
        return pd.Timestamp(rows["passport_start"].iloc[0]).date(), pd.Timestamp(rows["passport_end"].iloc[0]).date()

    # ---- who receives the approved reports of a passport ---------------------------------------------
    def mailing(self, passport_id: str) -> list[str]:
        """The addresses the approved reports of a passport are sent to."""
        payload = self.store.entry(EntryRef(passport_id, MAILING, MAILING_ID)) or {}
        return list(payload.get("addresses", []))

    def set_mailing(self, passport_id: str, addresses: Iterable[str], *, author: str | None = None) -> Saved:
        """The passport's mailing list of approved reports (administrators), each address checked; an empty list
        removes it."""
        checked = []
        for address in addresses:
            try:
                email = check_email(address)
            except AccountError as exc:
                raise FactsError(exc.message) from None
            if email and email.lower() not in {a.lower() for a in checked}:
                checked.append(email)
        ref = EntryRef(passport_id, MAILING, MAILING_ID)
        change = EntryChange(ref, {"addresses": checked} if checked else None)
        if self.store.entry(ref) == change.payload:
            return Saved(None, 0)
        return self._commit([change], author, "адреса рассылки отчётов", "save", rule="mailing")
