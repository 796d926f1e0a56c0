"""`python -m reports send-due` against a real SMTP server started here on 127.0.0.1 (aiosmtpd), the messages read
back: reminders of a near deadline to the passport's editor, a notice of a missed one to its editor and head, the
approved report with its frozen PDF to the mailing list; each message once (a second run sends nothing); a refused
address and an unreachable server are said, tried again and given up after three runs."""

from __future__ import annotations

import email
import os
import socket
import subprocess
import sys
from datetime import date

import pytest
from aiosmtpd.controller import Controller

from accounts.accounts import Accounts
from accounts.keys import SigningKey
from domain.periods import Period
from facts.service import FactsService
from facts.targets import fact_targets
from model.opening import passport_regions
from reports.cycle import submit
from reports.mail import MAX_ATTEMPTS, SmtpSettings, due_messages, send_due
from store.facts_store import FactStore
from tests.helpers import ROOT, built, model

PASSWORD = "длинный-пароль-1"
REFUSED = "nobody@bad.example"


class Mailbox:
    """An SMTP server's handler that keeps every message and refuses one address."""

    def __init__(self):
        self.messages: list[email.message.Message] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's name
        if address == REFUSED:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    box = Mailbox()
    port = _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, SmtpSettings("127.0.0.1", port, "cos-monitor@minobr.example")
    controller.stop()


@pytest.fixture
def setup(tmp_path):
    store = FactStore(tmp_path / "facts.sqlite")
    people = Accounts(store, keys=SigningKey(tmp_path / ".cos-secret"))
    people.add("ivanova", "editor", ["amur"], PASSWORD, name="Иванова А. А.", by="тест", email="ivanova@amur.example")
    people.add("head", "head", ["amur"], PASSWORD, name="Сидоров С. С.", by="тест", email="head@amur.example")
    people.add("tomsk.ed", "editor", ["tomsk"], PASSWORD, by="тест", email="ed@tomsk.example")
    people.add("admin", "admin", [], PASSWORD, name="Петров П. П.", by="тест", email="admin@minobr.example")
    con = model()

    def service(login: str) -> FactsService:
        return FactsService(store, fact_targets(con), account=people.get(login),
                            region_of=passport_regions(con).get)
    return store, service


def test_a_near_deadline_reminds_the_editor_once(setup, smtp):
    store, service = setup
    box, settings = smtp
    as_of = date(2025, 1, 8)  # the December report is due 10.01.2025
    first = send_due(model(store), service("admin"), as_of, settings=settings)
    december = [m for m in box.messages if "за декабрь 2024 г." in m["Subject"]]
    assert {m["To"] for m in december} == {"ivanova@amur.example", "ed@tomsk.example"}
    amur = next(m for m in december if m["To"] == "ivanova@amur.example")
    assert amur["Subject"] == "Напоминание: ежемесячный отчёт «Амурская область» за декабрь 2024 г. — срок 10.01.2025"
    body = amur.get_content()
    assert "Здравствуйте, Иванова А. А.!" in body and "осталось 2 рабочих дня" in body
    assert len(first.sent) == len(box.messages) and not first.failed
    again = send_due(model(store), service("admin"), as_of, settings=settings)
    assert again.sent == [] and again.skipped == len(first.sent) and len(box.messages) == len(first.sent)


def test_a_missed_deadline_is_told_to_the_editor_and_the_head(setup, smtp):
    store, service = setup
    box, settings = smtp
    outcome = send_due(model(store), service("admin"), date(2025, 1, 13), settings=settings)
    late = [m for m in box.messages if m["Subject"].startswith("Срок прошёл") and "за декабрь 2024" in m["Subject"]]
    assert {m["To"] for m in late} >= {"ivanova@amur.example", "head@amur.example", "ed@tomsk.example"}
    assert not any("2019" in m["Subject"] for m in box.messages)  # not every old report at once
    assert not outcome.failed


def test_an_approved_report_goes_with_its_frozen_pdf_to_the_mailing_list(setup, smtp, tmp_path):
    store, service = setup
    box, settings = smtp
    con = model(store)
    service("admin").set_mailing("amur", ["minobr@amur.example", "office@amur.example"])
    submit(con, service("ivanova"), "amur", Period.parse("2024-12"))
    service("head").approve_report("amur", Period.parse("2024-12"))
    report = service("head").report("amur", Period.parse("2024-12"))
    frozen = store.document(report.documents["pdf"]).content
    send_due(model(store), service("admin"), date.today(), settings=settings)
    approved = [m for m in box.messages if m["Subject"].startswith("Утверждён")]
    assert {m["To"] for m in approved} == {"minobr@amur.example", "office@amur.example"}
    attachment = next(approved[0].iter_attachments())
    assert attachment.get_filename() == "progress_amur_2024-12.pdf" and attachment.get_content() == frozen
    pdf = tmp_path / "sent.pdf"
    pdf.write_bytes(attachment.get_content())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Отчёт о ходе реализации за декабрь 2024 г." in text and "Амурская область" in text


def test_a_refused_address_is_said_tried_again_and_given_up(setup, smtp):
    store, service = setup
    box, settings = smtp
    service("admin").set_mailing("amur", [REFUSED])
    submit(model(store), service("ivanova"), "amur", Period.parse("2024-12"))
    service("head").approve_report("amur", Period.parse("2024-12"))
    for attempt in range(1, MAX_ATTEMPTS + 2):
        outcome = send_due(model(store), service("admin"), date.today(), settings=settings)
        if attempt <= MAX_ATTEMPTS:
            assert [m.recipient for m, _ in outcome.failed] == [REFUSED]
            assert "адрес отклонён сервером (550" in outcome.failed[0][1]
        else:
            assert not outcome.failed and [m.recipient for m in outcome.given_up] == [REFUSED]
    assert not box.messages


def test_an_unreachable_server_is_said_in_russian_and_nothing_is_lost(setup, tmp_path):
    store, _service = setup
    env = {**os.environ, "COS_FACTS_DB": str(tmp_path / "facts.sqlite"), "COS_DB": str(built()),
           "COS_SECRET_FILE": str(tmp_path / ".cos-secret"), "COS_SMTP_URL": f"smtp://127.0.0.1:{_free_port()}",
           "COS_SMTP_FROM": "cos@minobr.example"}
    env.pop("COS_FACTS_URL", None)
    args = [sys.executable, "-m", "reports", "send-due", "--as-of", "2025-01-08", "--user", "admin"]
    dry = subprocess.run([*args, "--dry-run"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=180)
    assert dry.returncode == 0 and "Писем к отправке:" in dry.stdout and "ivanova@amur.example" in dry.stdout
    run = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env, timeout=180)
    assert run.returncode == 1 and "НЕ отправлено" in run.stdout and "почтовый сервер smtp://127.0.0.1" in run.stdout
    assert "Traceback" not in run.stderr
    assert store.mail_record(due_messages(model(store), _service("admin"), date(2025, 1, 8))[0].key).outcome == \
        "failed"
    unset = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=180,
                           env={k: v for k, v in env.items() if k != "COS_SMTP_URL"})
    assert unset.returncode == 1 and "COS_SMTP_URL" in unset.stderr

