"""The monitoring cycle on both store backends: a report of a period goes черновик → на согласовании → утверждён (or
is returned with its reason and submitted again), each role may take only its steps, the documents stay as
submitted when facts change later, every step is audited and can be undone; the calendar's marks in SQL equal the
rules in Python; the command line does the same with --user."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pandas as pd
import pytest

from accounts.accounts import Accounts
from accounts.keys import SigningKey
from domain.monitoring import mark
from domain.periods import Period
from facts.outcomes import FactsError
from facts.service import FactsService
from facts.targets import fact_targets
from metrics.monitoring import report_calendar
from model.opening import passport_regions
from reports.cycle import frozen_document, submission_documents, submit
from store.facts_store import FactStore
from store.records import FactChange, FactValue
from tests.helpers import ROOT, built, fact_key, model

PASSWORD = "длинный-пароль-1"
DECEMBER = Period.parse("2024-12")


@pytest.fixture
def people(store, tmp_path) -> Accounts:
    made = Accounts(store, keys=SigningKey(tmp_path / ".cos-secret"))
    made.add("admin", "admin", [], PASSWORD, name="Петров П. П.", by="тест")
    made.add("ivanova", "editor", ["amur"], PASSWORD, name="Иванова А. А.", by="тест")
    made.add("tomsk.ed", "editor", ["tomsk"], PASSWORD, by="тест")
    made.add("head", "head", ["amur"], PASSWORD, name="Сидоров С. С.", by="тест")
    made.add("smirnov", "viewer", [], PASSWORD, by="тест")
    return made


@pytest.fixture(scope="module")
def con():
    return model()


def _as(store, con, login: str | None) -> FactsService:
    account = Accounts(store).get(login) if login else None
    return FactsService(store, fact_targets(con), account=account, region_of=passport_regions(con).get)


def test_a_report_is_submitted_approved_and_its_documents_stay_as_submitted(store, people, con):
    editor, head = _as(store, con, "ivanova"), _as(store, con, "head")
    assert editor.report("amur", DECEMBER).state == "draft"
    saved = submit(con, editor, "amur", DECEMBER, comment="первый вариант")
    report = editor.report("amur", DECEMBER)
    assert report.state == "submitted" and report.submitted_by == "Иванова А. А. (ivanova)"
    assert set(report.documents) == {"pdf", "docx"} and saved.batch_id
    pdf = frozen_document(editor, report, "pdf").content
    editor.set([FactChange(fact_key("amur", "indicator", "1.1", 2024, reported=date(2024, 12, 31)),
                           FactValue(97.0, source="отчёт"))])
    later = model(store)  # the facts changed: a report made now differs, the submitted one does not
    assert frozen_document(editor, editor.report("amur", DECEMBER), "pdf").content == pdf
    assert submission_documents(later, "amur", DECEMBER)[0].document_hash != report.documents["pdf"]
    head.approve_report("amur", DECEMBER, comment="согласовано")
    approved = head.report("amur", DECEMBER)
    assert approved.state == "approved" and approved.decided_by == "Сидоров С. С. (head)"
    assert approved.documents == report.documents
    history = head.report_history("amur", DECEMBER)
    assert history[["action", "from_state", "to_state"]].values.tolist() == [
        ["submit", "draft", "submitted"], ["approve", "submitted", "approved"]]
    assert history["comment"].tolist() == ["первый вариант", "согласовано"]


def test_a_returned_report_needs_a_reason_and_is_submitted_again(store, people, con):
    editor, head = _as(store, con, "ivanova"), _as(store, con, "head")
    submit(con, editor, "amur", DECEMBER)
    with pytest.raises(FactsError, match="укажите причину возврата"):
        head.return_report("amur", DECEMBER)
    head.return_report("amur", DECEMBER, reason="нет причин отклонения по показателю 1.1")
    returned = editor.report("amur", DECEMBER)
    assert returned.state == "returned" and returned.comment == "нет причин отклонения по показателю 1.1"
    with pytest.raises(FactsError, match="только отчёт на согласовании"):
        head.approve_report("amur", DECEMBER)
    submit(con, editor, "amur", DECEMBER, comment="исправлено")
    assert editor.report("amur", DECEMBER).state == "submitted"


@pytest.mark.parametrize(("login", "action", "words"), [
    (None, "submit", "войдите"),
    ("smirnov", "submit", "нет права"),
    ("tomsk.ed", "submit", "нет права на сдача отчёта на согласование паспорта"),
    ("head", "submit", "нет права"),
    ("ivanova", "approve", "нет права"),
    ("smirnov", "approve", "нет права"),
])
def test_each_role_takes_only_its_steps(store, people, con, login, action, words):
    if action == "approve":
        submit(con, _as(store, con, "ivanova"), "amur", DECEMBER)
    before = len(store.audit_log())
    with pytest.raises(FactsError, match=words):
        if action == "submit":
            submit(con, _as(store, con, login), "amur", DECEMBER)
        else:
            _as(store, con, login).approve_report("amur", DECEMBER)
    assert len(store.audit_log()) == before and store.document("0" * 64) is None


def test_an_administrator_takes_every_step_and_an_approval_is_undone_by_those_who_approve(store, people, con):
    admin, editor, head = _as(store, con, "admin"), _as(store, con, "ivanova"), _as(store, con, "head")
    submit(con, admin, "amur", DECEMBER)
    approval = admin.approve_report("amur", DECEMBER)
    with pytest.raises(FactsError, match="нет права"):
        editor.undo(approval.batch_id)  # an editor may not undo an approval
    submission = admin.report_history("amur", DECEMBER)["batch_id"].iloc[0]
    with pytest.raises(FactsError, match="не последний шаг отчёта"):
        admin.undo(submission)  # the submission is under the approval: undoing it would skip a state
    head.undo(approval.batch_id)
    assert head.report("amur", DECEMBER).state == "submitted"
    assert head.report_history("amur", DECEMBER)["action"].tolist()[-1] == "undo"
    editor.undo(submission)  # now it is the last step
    assert editor.report("amur", DECEMBER).state == "draft"


def test_a_period_outside_the_passport_is_refused(store, people, con):
    with pytest.raises(FactsError, match="вне срока паспорта"):
        _as(store, con, "ivanova").approve_report("amur", Period.parse("2030-01"))


@pytest.mark.parametrize("as_of", [date(2024, 12, 20), date(2025, 1, 3), date(2025, 1, 13), date(2025, 1, 21),
                                   date(2022, 4, 6), date(2026, 12, 7)])
def test_the_calendar_marks_in_sql_are_the_rules_in_python(store, people, con, as_of):
    submit(con, _as(store, con, "ivanova"), "amur", DECEMBER)
    calendar = report_calendar(model(store), None, as_of)
    assert len(calendar) and set(calendar["passport_id"]) == {"amur", "tomsk"}
    for row in calendar.itertuples(index=False):
        assert row.mark == mark(Period.parse(row.period_code), row.state, as_of), row.period_code
    december = calendar[(calendar["passport_id"] == "amur") & (calendar["period_code"] == "2024-12")].iloc[0]
    assert pd.Timestamp(december.deadline).date() == date(2025, 1, 10) and december.state == "submitted"


def _cli(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reports", *args], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=180)


def test_the_command_line_takes_the_steps_with_the_accounts_rights(tmp_path):
    import os

    facts = tmp_path / "facts.sqlite"
    key = tmp_path / ".cos-secret"
    people = Accounts(FactStore(facts), keys=SigningKey(key))
    people.add("ivanova", "editor", ["amur"], PASSWORD, name="Иванова А. А.", by="тест")
    people.add("head", "head", ["amur"], PASSWORD, by="тест")
    env = {**os.environ, "COS_FACTS_DB": str(facts), "COS_DB": str(built()), "COS_SECRET_FILE": str(key)}
    env.pop("COS_FACTS_URL", None)
    calendar = _cli(["calendar", "--passport", "amur", "--as-of", "08.01.2025"], env)
    assert calendar.returncode == 0 and "декабрь 2024 г. 10.01.2025" in calendar.stdout
    assert "скоро срок" in calendar.stdout and "просрочен" in calendar.stdout
    csv = _cli(["calendar", "--format", "csv", "--as-of", "2025-01-08"], env)
    assert csv.stdout.splitlines()[0].startswith("Паспорт;Отчёт;Период;Срок;Состояние")
    refused = _cli(["approve", "--passport", "amur", "--period", "2024-12", "--user", "ivanova"], env)
    assert refused.returncode == 1 and "нет права" in refused.stderr
    no_user = _cli(["submit", "--passport", "amur", "--period", "2024-12"], env)
    assert no_user.returncode == 1 and "--user" in no_user.stderr
    submitted = _cli(["submit", "--passport", "amur", "--period", "2024-12", "--user", "ivanova"], env)
    assert submitted.returncode == 0 and "на согласовании" in submitted.stdout, submitted.stderr
    returned = _cli(["return", "--passport", "amur", "--period", "2024-12", "--user", "head", "--comment",
                     "добавьте причины"], env)
    assert returned.returncode == 0 and "возвращён на доработку" in returned.stdout
    log = FactStore(facts).audit_log()
    assert set(log["origin"]) == {log["origin"].iloc[0]} and log["origin"].iloc[0].startswith("командная строка")
