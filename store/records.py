"""What the facts store holds and hands back, the same for every backend: a fact's value, a change of a fact or of a
register record, an account and an account event, and the store's Russian error."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date

from domain.keys import FACT_KEY_FIELDS, FactKey
from domain.problems import InputProblem
from domain.vocabulary import CONTROL_FACT_STATUSES

VALUE_FIELDS = ("fact_value", "fact_date", "fact_status", "comment", "source", "reason", "measures")
FACT_FIELDS = (*FACT_KEY_FIELDS, *VALUE_FIELDS, "entered_by", "entered_at", "first_entered_at")
ENTRY_FIELDS = ("passport_id", "kind", "entry_id", "payload", "entered_by", "entered_at", "first_entered_at")
AUDIT_FIELDS = ("audit_id", "batch_id", "action", "at", "who", *FACT_KEY_FIELDS, "old_json", "new_json", "source",
                "note", "origin")
ACCOUNT_FIELDS = ("login", "name", "role", "passports", "password_hash", "active", "email", "created_at",
                  "changed_at")
ACCOUNT_EVENT_FIELDS = ("event_id", "at", "login", "event", "by_whom", "detail", "client")
DOCUMENT_FIELDS = ("document_hash", "name", "mime", "content", "created_at")
MAIL_FIELDS = ("message_key", "recipients", "subject", "outcome", "attempts", "first_at", "last_at", "detail")
#: every column of the tables a copy of the store carries (facts, registers and reports, the audit log with its
#: numbers, the reports' frozen documents, the mail sent, accounts and their log) — never the signed-in sessions or
#: the sign-in attempts, and no key: a copy signs nobody in
COPY_FIELDS = {"fact": FACT_FIELDS, "entry": ENTRY_FIELDS, "audit": AUDIT_FIELDS, "account": ACCOUNT_FIELDS,
               "account_event": ACCOUNT_EVENT_FIELDS, "report_document": DOCUMENT_FIELDS, "mail_log": MAIL_FIELDS}
#: tables whose rows carry their own numbers in a copy (an identity column on PostgreSQL)
NUMBERED = {"audit": "audit_id", "account_event": "event_id"}
KEY_COLUMNS = ", ".join(FACT_KEY_FIELDS)


@dataclass
class FactValue:
    """The fact itself: a number (indicator/result/funding) or a date and status (control point), with the
    reason for a deviation and the measures taken."""

    fact_value: float | None = None
    fact_date: str | None = None  # ISO date
    fact_status: str | None = None
    comment: str | None = None
    source: str | None = None
    reason: str | None = None
    measures: str | None = None


@dataclass
class FactChange:
    """Set (value given) or delete (value None) one fact."""

    key: FactKey
    value: FactValue | None
    note: str | None = field(default=None)


@dataclass(frozen=True)
class EntryRef:
    """A record of a register: a risk, an event or a measure of the user's own, of one passport."""

    passport_id: str
    kind: str
    entry_id: str


@dataclass
class EntryChange:
    """Set (payload given) or delete (None) one register record."""

    ref: EntryRef
    payload: dict | None
    note: str | None = field(default=None)


Change = FactChange | EntryChange


@dataclass(frozen=True)
class Document:
    """A file kept as it was made (a report as submitted), addressed by the sha256 of its content."""

    document_hash: str
    name: str
    mime: str
    content: bytes


@dataclass(frozen=True)
class MailRecord:
    """A message sent (or tried) once: its key, to whom, what, how it went and how many times it was tried."""

    message_key: str
    recipients: str
    subject: str
    outcome: str
    attempts: int
    first_at: str
    last_at: str
    detail: str | None = None


@dataclass(frozen=True)
class AccountRow:
    """An account as stored: the passports as a tuple, the password only as its argon2 hash."""

    login: str
    name: str
    role: str
    passports: tuple[str, ...]
    active: bool
    password_hash: str
    email: str | None = None


@dataclass(frozen=True)
class AccountEvent:
    """One line of the accounts' log: when, whose account, what happened, who did it, details, and from where
    (the browser's address, or «командная строка (пользователь@машина)»)."""

    at: str
    login: str
    event: str
    by_whom: str
    detail: str = ""
    client: str = ""


@dataclass(frozen=True)
class SessionRow:
    """A signed-in browser as stored: the hash of its random id (never the id), whose it is, when it began and was
    last seen, when it ended (None while it holds) and from where."""

    session_hash: str
    login: str
    created_at: str
    last_seen: str
    ended_at: str | None
    client: str | None


class StoreError(Exception):
    """The facts store cannot be reached or refused the operation; the message is Russian and never holds a
    password. Like a refused file it carries `problems`, so the facts page shows it the same way."""

    def __init__(self, store: str, message: str):
        self.message = f"хранилище фактов {store}: {message}"
        self.problems = [InputProblem("хранилище фактов", store, message)]
        super().__init__(self.message)


def key_params(key: FactKey) -> list:
    """The key as stored: the reporting date as ISO text, the example flag as 0/1."""
    if key.reporting_date is None:
        raise ValueError("у факта нет отчётной даты")
    return [key.passport_id, key.kind, key.section, key.code, key.measure, int(key.year),
            key.reporting_date.isoformat(), int(key.is_example)]


def key_from_row(row: tuple) -> FactKey:
    """A key from the eight key columns of a stored row."""
    pid, kind, section, code, measure, year, rdate, is_ex = row
    return FactKey(pid, kind, section, code, measure, int(year), date.fromisoformat(rdate), bool(is_ex))


def value_json(value: FactValue | None) -> str | None:
    """A value as the audit log keeps it."""
    return None if value is None else json.dumps(asdict(value), ensure_ascii=False)


def value_from_json(text: str | None) -> FactValue | None:
    """A value from the audit log; a control-point status written as a word by the first release becomes its code."""
    if not text:
        return None
    value = FactValue(**json.loads(text))
    if value.fact_status and value.fact_status not in CONTROL_FACT_STATUSES:
        value.fact_status = CONTROL_FACT_STATUSES.parse(value.fact_status) or value.fact_status
    return value


def payload_json(payload: dict | None) -> str | None:
    """A register record as stored and audited: keys sorted, Cyrillic kept."""
    return None if payload is None else json.dumps(payload, ensure_ascii=False, sort_keys=True)


def payload_from_json(text: str | None) -> dict | None:
    return None if not text else json.loads(text)
