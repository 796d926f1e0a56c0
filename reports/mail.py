"""`python -m reports send-due`: the monitoring cycle by e-mail, each message once — a reminder to the people of a
passport when a report's deadline is near (3 working days or fewer), a notice the first days after a deadline was
missed, and the approved report (its frozen PDF attached) to the passport's mailing list.

SMTP comes from COS_SMTP_URL (`smtp://host:port`, `smtp://host:587?starttls=1`, `smtps://user:password@host:465`)
and COS_SMTP_FROM. Every message sent or tried is recorded in the facts store, so a second run the same day sends
nothing again; a refused address or an unreachable server is reported, tried again on the next runs and given up
after MAX_ATTEMPTS. Meant for cron or a systemd timer (docs/DEPLOY.md)."""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

import duckdb
import pandas as pd

from domain.access import Account, covers
from domain.formatting import count_of, fmt_date
from domain.monitoring import REPORT_KINDS
from domain.periods import Period
from domain.working_days import working_days_between
from facts.report_cycle import from_payload, report_ref
from facts.service import FactsService
from metrics.monitoring import report_calendar
from metrics.overview import passport_names
from model.opening import passport_regions
from store.records import AccountRow, Document, MailRecord

#: a message not sent after this many runs is given up (and said so)
MAX_ATTEMPTS = 3
#: a missed deadline is told about on the runs of this many days after it (not for every old report)
OVERDUE_DAYS = 7
#: an approved report goes to the mailing list when it was approved this recently
APPROVED_DAYS = 30
SMTP_TIMEOUT_S = 20


class MailError(ValueError):
    """The mail cannot go at all (no or a wrong setting); the message is Russian."""


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how messages are sent: host, port, SSL from the start (smtps) or STARTTLS, user and password."""

    host: str
    port: int
    sender: str
    implicit_tls: bool = False
    starttls: bool = False
    user: str | None = None
    password: str | None = None

    @property
    def shown(self) -> str:
        """The server as messages name it (never the password)."""
        return f"{'smtps' if self.implicit_tls else 'smtp'}://{self.host}:{self.port}"

    @classmethod
    def from_env(cls) -> SmtpSettings:
        url = os.environ.get("COS_SMTP_URL", "").strip()
        sender = os.environ.get("COS_SMTP_FROM", "").strip()
        if not url:
            raise MailError("почтовый сервер не задан: укажите COS_SMTP_URL (smtp://сервер:порт) и COS_SMTP_FROM")
        if not sender or "@" not in sender:
            raise MailError("не задан адрес отправителя: COS_SMTP_FROM=cos-monitor@ведомство.рф")
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise MailError("COS_SMTP_URL должен быть вида smtp://сервер:порт или smtps://пользователь:пароль@сервер")
        try:
            port = parts.port or (465 if parts.scheme == "smtps" else 25)
        except ValueError:
            raise MailError("в COS_SMTP_URL неверный порт") from None
        options = parse_qs(parts.query)
        return cls(parts.hostname, port, sender, parts.scheme == "smtps",
                   options.get("starttls", ["0"])[0] in ("1", "true", "yes"),
                   unquote(parts.username) if parts.username else None,
                   unquote(parts.password) if parts.password else None)


@dataclass(frozen=True)
class Message:
    """One message to one address; `key` makes it go once."""

    key: str
    recipient: str
    subject: str
    body: str
    attachment: Document | None = None


@dataclass
class Outcome:
    """What a run did: sent, already sent before, given up, and what failed (with the reason, in Russian)."""

    sent: list[Message] = field(default_factory=list)
    skipped: int = 0
    given_up: list[Message] = field(default_factory=list)
    failed: list[tuple[Message, str]] = field(default_factory=list)

    def lines(self, dry_run: bool) -> list[str]:
        verb = "к отправке" if dry_run else "отправлено"
        out = [f"Писем {verb}: {len(self.sent)}; уже отправлены раньше: {self.skipped}."]
        out += [f"  {'будет' if dry_run else 'отправлено'}: {m.recipient} — {m.subject}" for m in self.sent]
        out += [f"  НЕ отправлено: {m.recipient} — {m.subject}: {why}" for m, why in self.failed]
        out += [f"  брошено после {MAX_ATTEMPTS} попыток: {m.recipient} — {m.subject}" for m in self.given_up]
        return out


def due_messages(con: duckdb.DuckDBPyConnection, service: FactsService, as_of: date,
                 app_url: str | None = None) -> list[Message]:
    """Every message the day calls for: reminders of near deadlines and notices of missed ones to the people of
    each passport (its editors and heads of project with an address), approved reports to its mailing list."""
    names = passport_names(con)
    regions = passport_regions(con)
    people = [a for a in service.store.accounts() if a.active and a.email and a.role in ("editor", "head")]
    calendar = report_calendar(con, None, as_of)
    out: list[Message] = []
    for row in calendar.itertuples(index=False):
        due = pd.Timestamp(row.deadline).date()
        territory = names.get(row.passport_id, row.passport_id)
        what = f"{REPORT_KINDS.label(row.kind)} отчёт «{territory}» за {row.period_label}"
        link = f"\n\nОткрыть: {app_url.rstrip('/')}/reports?passport={row.passport_id}" if app_url else ""
        if row.mark == "soon":
            left = count_of(working_days_between(as_of, due), "рабочий день", "рабочих дня", "рабочих дней")
            subject = f"Напоминание: {what} — срок {fmt_date(due)}"
            body = f"Срок сдачи: {fmt_date(due)} (осталось {left}). Состояние: {row.state_label}.{link}"
            kind, roles = "reminder", ("editor",)
        elif row.mark == "late" and (as_of - due).days <= OVERDUE_DAYS:
            subject = f"Срок прошёл: {what} не сдан (срок {fmt_date(due)})"
            body = f"Срок сдачи {fmt_date(due)} прошёл. Состояние: {row.state_label}.{link}"
            kind, roles = "overdue", ("editor", "head")
        else:
            continue
        for person in people:
            if person.role in roles and covers(_as_account(person), row.passport_id, regions.get):
                out.append(Message(f"{kind}|{row.passport_id}|{row.period_code}|{person.email.lower()}",
                                   person.email, subject, _letter(person.name or person.login, body)))
    approved = calendar[(calendar["state"] == "approved") & calendar["decided_at"].notna()]
    for row in approved.itertuples(index=False):
        decided = pd.Timestamp(row.decided_at).date()
        addresses = service.mailing(row.passport_id)
        if not addresses or not 0 <= (as_of - decided).days <= APPROVED_DAYS:
            continue
        period = Period.parse(row.period_code)
        report = from_payload(row.passport_id, service.store.entry(report_ref(row.passport_id, period)), period)
        pdf = service.store.document(report.documents["pdf"]) if "pdf" in report.documents else None
        territory = names.get(row.passport_id, row.passport_id)
        subject = f"Утверждён: {REPORT_KINDS.label(row.kind)} отчёт «{territory}» за {row.period_label}"
        body = (f"Отчёт утверждён {fmt_date(decided)} ({row.decided_by}). Отчёт в том виде, в каком его сдали, — во "
                "вложении (PDF).")
        for address in addresses:
            out.append(Message(f"approved|{row.passport_id}|{row.period_code}|{address.lower()}", address, subject,
                               _letter("коллеги", body), pdf))
    return out


def send_due(con: duckdb.DuckDBPyConnection, service: FactsService, as_of: date, *, dry_run: bool = False,
             settings: SmtpSettings | None = None, app_url: str | None = None) -> Outcome:
    """Send what the day calls for and has not gone yet; record every message sent or tried."""
    outcome = Outcome()
    pending = []
    for message in due_messages(con, service, as_of, app_url):
        record = service.store.mail_record(message.key)
        if record is not None and record.outcome == "sent":
            outcome.skipped += 1
        elif record is not None and record.attempts >= MAX_ATTEMPTS:
            outcome.given_up.append(message)
        else:
            pending.append(message)
    if dry_run or not pending:
        outcome.sent = pending if dry_run else []
        return outcome
    settings = settings or SmtpSettings.from_env()
    try:
        with _connect(settings) as smtp:
            for message in pending:
                _send_one(smtp, settings, message, service, outcome)
    except (OSError, smtplib.SMTPException) as exc:
        reason = f"почтовый сервер {settings.shown} недоступен ({type(exc).__name__})"
        for message in pending:
            if message not in outcome.sent and all(m is not message for m, _ in outcome.failed):
                _record(service, message, "failed", reason)
                outcome.failed.append((message, reason))
    return outcome


def _send_one(smtp: smtplib.SMTP, settings: SmtpSettings, message: Message, service: FactsService,
              outcome: Outcome) -> None:
    email = EmailMessage()
    email["From"], email["To"], email["Subject"] = settings.sender, message.recipient, message.subject
    email.set_content(message.body)
    if message.attachment is not None:
        email.add_attachment(message.attachment.content, maintype="application", subtype="pdf",
                             filename=message.attachment.name)
    try:
        refused = smtp.send_message(email)
    except smtplib.SMTPRecipientsRefused as exc:
        refused = exc.recipients
    if refused:
        code, text = next(iter(refused.values()))
        said = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        reason = f"адрес отклонён сервером ({code} {said})"
        _record(service, message, "refused", reason)
        outcome.failed.append((message, reason))
        return
    _record(service, message, "sent", None)
    outcome.sent.append(message)


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if settings.implicit_tls:
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=SMTP_TIMEOUT_S, context=context)
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT_S)
        if settings.starttls:
            smtp.starttls(context=context)
    if settings.user:
        smtp.login(settings.user, settings.password or "")
    return smtp


def _record(service: FactsService, message: Message, outcome: str, detail: str | None) -> None:
    now = datetime.now().isoformat(timespec="seconds")
    service.store.record_mail(MailRecord(message.key, message.recipient, message.subject, outcome, 1, now, now,
                                         detail))


def _as_account(row: AccountRow) -> Account:
    return Account(login=row.login, role=row.role, passports=row.passports, name=row.name, active=row.active)


def _letter(whom: str, body: str) -> str:
    return (f"Здравствуйте, {whom}!\n\n{body}\n\n— ЦОС-монитор (письмо отправлено автоматически; отвечать на него не "
            "нужно)")
