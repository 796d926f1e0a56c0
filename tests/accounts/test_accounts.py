"""Accounts in the facts store (both backends): argon2 hashes, the lock after five wrong passwords, signed tokens,
the audit of every account event; the facts service and the command line apply the roles to every change."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from accounts.accounts import AccountError, Accounts
from domain.access import LOCKED_MESSAGE, WRONG_MESSAGE
from facts.service import FactsError, FactsService
from facts.targets import fact_targets
from model.opening import passport_regions
from store.facts_store import FactStore
from store.records import FactChange, FactValue
from tests.helpers import ROOT, built, fact_key, model

PASSWORD = "длинный-пароль-1"
REGIONS = {"amur": "28", "tomsk": "70"}


@pytest.fixture(scope="module")
def con():
    return model()


@pytest.fixture
def accounts(store) -> Accounts:
    made = Accounts(store)
    made.add("admin", "admin", [], PASSWORD, name="Петров П. П.", by="тест")
    made.add("ivanova", "editor", ["amur"], PASSWORD, name="Иванова А. А.", by="тест")
    made.add("tomsk.ed", "editor", ["region:70"], PASSWORD, by="тест")
    made.add("smirnov", "viewer", ["tomsk"], PASSWORD, by="тест")
    return made


def _service(store, con, login: str | None) -> FactsService:
    account = Accounts(store).get(login) if login else None
    return FactsService(store, fact_targets(con), account=account, region_of=passport_regions(con).get)


def _fact(pid: str, code: str, value: float) -> FactChange:
    return FactChange(fact_key(pid, "indicator", code, 2019), FactValue(fact_value=value, source="отчёт"))


# ---- the accounts themselves ------------------------------------------------------------------------
def test_the_password_is_hashed_and_never_stored(store, accounts):
    digest = store.account("ivanova").password_hash
    assert digest.startswith("$argon2id$") and PASSWORD not in digest
    assert "password_hash" not in accounts.table().columns and PASSWORD not in accounts.table().to_csv()
    path = getattr(store, "path", None)
    if path is not None and path.exists():
        assert PASSWORD.encode() not in path.read_bytes()


def test_five_wrong_passwords_lock_for_15_minutes_even_the_right_one(store, accounts):
    now = datetime(2026, 11, 30, 10, 0)
    for attempt in range(4):
        assert accounts.sign_in("ivanova", "не тот", now + timedelta(seconds=attempt)).message == WRONG_MESSAGE
    assert accounts.sign_in("ivanova", "не тот", now).message == LOCKED_MESSAGE
    assert LOCKED_MESSAGE == "Учётная запись заблокирована на 15 минут"
    assert accounts.sign_in("ivanova", PASSWORD, now + timedelta(minutes=14)).message == LOCKED_MESSAGE
    assert accounts.sign_in("ivanova", PASSWORD, now + timedelta(minutes=16)).account.login == "ivanova"
    events = accounts.events()["Событие"].tolist()
    assert "заблокирована на 15 минут" in events and "вход при блокировке отклонён" in events


def test_unlock_lifts_the_lock_and_is_audited(store, accounts):
    now = datetime.now()
    for _ in range(5):
        accounts.sign_in("ivanova", "не тот", now)
    assert accounts.table().set_index("Логин").loc["ivanova", "Блокировка"].startswith("до ")
    accounts.unlock("ivanova", by="оператор сервера")
    assert accounts.sign_in("ivanova", PASSWORD).account is not None
    log = accounts.events()
    assert ((log["Событие"] == "разблокирована") & (log["Кто"] == "оператор сервера")).any()


def test_a_right_sign_in_resets_the_count(store, accounts):
    now = datetime(2026, 11, 30, 10, 0)
    for _ in range(4):
        accounts.sign_in("ivanova", "не тот", now)
    assert accounts.sign_in("ivanova", PASSWORD, now).account is not None
    assert accounts.sign_in("ivanova", "не тот", now).message == WRONG_MESSAGE


def test_unknown_and_disabled_accounts_get_no_sign_in(store, accounts):
    assert accounts.sign_in("nobody", PASSWORD).message == WRONG_MESSAGE
    accounts.set_active("smirnov", False, by="тест")
    assert accounts.sign_in("smirnov", PASSWORD).account is None
    assert accounts.get("smirnov").active is False


@pytest.mark.parametrize("change", ["role", "disable", "password", "sign_out"])
def test_a_token_holds_until_the_account_changes(store, accounts, change):
    account = accounts.sign_in("ivanova", PASSWORD).account
    token = accounts.issue_token(account)
    assert accounts.account_of(token).login == "ivanova"
    assert accounts.account_of(accounts.renew_token(token)).login == "ivanova"
    {"role": lambda: accounts.set_role("ivanova", "viewer", [], by="тест"),
     "disable": lambda: accounts.set_active("ivanova", False, by="тест"),
     "password": lambda: accounts.reset_password("ivanova", "другой-пароль-2", by="тест"),
     "sign_out": lambda: accounts.sign_out("ivanova")}[change]()
    assert accounts.account_of(token) is None


def test_a_token_expires_and_cannot_be_forged(store, accounts):
    account = accounts.get("ivanova")
    now = datetime.now().replace(microsecond=0)
    token = accounts.issue_token(account, now)
    assert accounts.account_of(token, now + timedelta(minutes=accounts.policy.idle_minutes + 1)) is None
    body, signature = token.split(".")
    forged = accounts._token({"l": "admin", "v": 0, "s": int(now.timestamp()), "e": int(now.timestamp()) + 600})
    assert accounts.account_of(forged).login == "admin"  # only the store's own key signs
    assert accounts.account_of(forged.split(".")[0] + "." + signature) is None
    assert accounts.account_of("garbage") is None and accounts.account_of(body + ".00") is None


@pytest.mark.parametrize(("args", "message"), [
    (("x", "editor", ["amur"], PASSWORD), "логин"),
    (("petrov", "editor", [], PASSWORD), "хотя бы один паспорт"),
    (("petrov", "boss", [], PASSWORD), "роль «boss» неизвестна"),
    (("petrov", "viewer", ["region:x"], PASSWORD), "код региона"),
    (("petrov", "viewer", [], "123"), "пароль короче"),
    (("petrov", "viewer", [], "1234567890123"), "только из цифр"),
    (("ivanova", "viewer", [], PASSWORD), "уже есть"),
])
def test_bad_accounts_are_refused_in_russian(store, accounts, args, message):
    with pytest.raises(AccountError, match=message):
        accounts.add(*args, by="тест")


# ---- the facts service applies the roles (no page needed to get around) ------------------------------
def test_without_accounts_sign_in_is_off(store, con):
    service = FactsService(store, fact_targets(con))
    assert not service.sign_in_required()
    assert service.set([_fact("amur", "1.1", 3)], author="Тестов Т. Т.").changed == 1


def test_an_editor_changes_only_her_passports_and_is_named_in_the_journal(store, accounts, con):
    service = _service(store, con, "ivanova")
    saved = service.set([_fact("amur", "1.1", 3)])
    assert store.audit_log()["who"].iloc[0] == "Иванова А. А. (ivanova)"
    with pytest.raises(FactsError, match="нет права на изменение фактов и реестров паспорта: tomsk"):
        service.set([_fact("tomsk", "1", 41)])
    with pytest.raises(FactsError, match="нет права"):
        service.set([_fact("amur", "1.1", 4), _fact("tomsk", "1", 41)])  # one foreign row refuses the whole batch
    assert len(store.audit_log()) == 1
    assert _service(store, con, "ivanova").undo(saved.batch_id).changed == 1


def test_a_region_list_covers_its_municipalities(store, accounts, con):
    assert _service(store, con, "tomsk.ed").set([_fact("tomsk", "1", 41)]).changed == 1
    with pytest.raises(FactsError):
        _service(store, con, "tomsk.ed").set([_fact("amur", "1.1", 3)])


def test_undo_of_another_passport_batch_is_refused(store, accounts, con):
    saved = _service(store, con, "admin").set([_fact("tomsk", "1", 41)])
    with pytest.raises(FactsError, match="нет права на отмена пакета"):
        _service(store, con, "ivanova").undo(saved.batch_id)
    assert _service(store, con, "admin").undo(saved.batch_id).changed == 1


@pytest.mark.parametrize("login", [None, "smirnov", "ivanova"])
def test_only_an_admin_loads_the_examples(store, accounts, con, login):
    with pytest.raises(FactsError):
        _service(store, con, login).load_examples()
    assert store.facts().empty


def test_a_viewer_and_nobody_change_nothing_once_accounts_exist(store, accounts, con):
    for login in (None, "smirnov"):
        with pytest.raises(FactsError):
            _service(store, con, login).set([_fact("tomsk", "1", 41)], author="Кто-то")
    assert store.facts().empty and store.audit_log().empty


# ---- the command line -----------------------------------------------------------------------------------
def _cli(args: list[str], env: dict, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaders", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def test_users_command_line_and_import_rights(tmp_path):
    facts = tmp_path / "facts.sqlite"
    env = {**os.environ, "COS_FACTS_DB": str(facts), "COS_DB": str(built())}
    env.pop("COS_FACTS_URL", None)
    added = _cli(["users", "add", "ivanova", "--role", "editor", "--passport", "amur", "--name", "Иванова А. А."],
                 env, PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    assert "создана: редактор, паспорта: amur" in added.stdout and PASSWORD not in added.stdout + added.stderr
    unknown = _cli(["users", "add", "petrov", "--role", "editor", "--passport", "kazan"], env, PASSWORD + "\n")
    assert unknown.returncode == 2 and "паспорта «kazan» нет в модели" in unknown.stderr
    listed = _cli(["users", "list"], env)
    assert "ivanova" in listed.stdout and "редактор" in listed.stdout and "argon2" not in listed.stdout
    good, foreign = tmp_path / "amur.csv", tmp_path / "tomsk.csv"
    header = "Паспорт;Вид;Раздел;Код;Мера;Год;План;Факт;Источник\r\n"
    good.write_bytes((header + "amur;показатель;;1.1;;2019;;3,9;отчёт\r\n").encode("cp1251"))
    foreign.write_bytes((header + "tomsk;показатель;;1;;2019;;41;отчёт\r\n").encode("cp1251"))
    no_user = _cli(["import-facts", str(good)], env)
    assert no_user.returncode == 2 and "укажите --user" in no_user.stderr
    who = _cli(["import-facts", str(good), "--who", "Иванова"], env)
    assert who.returncode == 2 and "--who не принимается" in who.stderr
    refused = _cli(["import-facts", str(foreign), "--user", "ivanova"], env)
    assert refused.returncode == 1 and "нет права" in refused.stderr
    stored = _cli(["import-facts", str(good), "--user", "ivanova"], env)
    assert stored.returncode == 0, stored.stderr
    assert FactStore(facts).audit_log()["who"].tolist() == ["Иванова А. А. (ivanova)"]
    batch = FactStore(facts).audit_log()["batch_id"].iloc[0]
    assert _cli(["users", "disable", "ivanova"], env).returncode == 0
    disabled = _cli(["undo", batch, "--user", "ivanova"], env)
    assert disabled.returncode == 2 and "отключена" in disabled.stderr
    events = _cli(["users", "events"], env).stdout
    assert "отключена" in events and "создана" in events


def test_exports_carry_no_account_names(tmp_path):
    """A report made after an editor's changes names no account (the journal is the only place that does)."""
    import io
    import zipfile

    from domain.periods import Period
    from reports.files import progress_file

    store = FactStore(tmp_path / "facts.sqlite")
    accounts = Accounts(store)
    accounts.add("ivanova", "editor", ["amur"], PASSWORD, name="Иванова А. А.", by="тест")
    con = model()
    service = FactsService(store, fact_targets(con), account=accounts.get("ivanova"),
                           region_of=passport_regions(con).get)
    service.set([_fact("amur", "1.1", 3)])
    with_facts = model(store)
    for kind in ("docx", "xlsx"):
        data = progress_file(with_facts, "amur", Period.parse("2019"), kind).data
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            text = "".join(archive.read(n).decode("utf-8", "ignore") for n in archive.namelist())
        assert "ivanova" not in text and "Иванова" not in text and "argon2" not in text, kind


@pytest.mark.parametrize(("groups", "role", "passports"), [
    (["cos-admins"], "admin", ()),
    (["cos-amur", "cos-tomsk"], "editor", ("amur", "region:70")),
    (["cos-readers", "cos-amur"], "editor", ("amur",)),
    (["cos-readers"], "viewer", ()),
    (["someone-else"], None, None),
])
def test_single_sign_on_maps_groups_to_roles(groups, role, passports):
    from ui.auth import sso_account

    config = {"login_claim": "preferred_username", "groups_claim": "groups",
              "groups": {"cos-admins": "admin", "cos-amur": "editor:amur", "cos-tomsk": "editor:region:70",
                         "cos-readers": "viewer"}}
    account = sso_account({"preferred_username": "Ivanova", "name": "Иванова А. А.", "groups": groups}, config)
    if role is None:
        assert account is None
    else:
        assert (account.login, account.role, account.passports) == ("ivanova", role, passports)


@pytest.mark.parametrize("login", [None, "smirnov", "ivanova"])
def test_only_an_administrator_manages_accounts_even_without_the_page(store, accounts, login):
    from accounts.accounts import AccountAdmin

    with pytest.raises(AccountError, match="только администратор"):
        AccountAdmin(accounts, accounts.get(login) if login else None)


def test_an_administrator_cannot_lock_himself_out_from_the_page(store, accounts):
    from accounts.accounts import AccountAdmin

    admin = AccountAdmin(accounts, accounts.get("admin"))
    with pytest.raises(AccountError, match="нельзя"):
        admin.set_active("admin", False)
    admin.set_role("ivanova", "editor", ["amur", "region:70"])
    assert accounts.get("ivanova").passports == ("amur", "region:70")
    assert accounts.events()["Кто"].iloc[0] == "Петров П. П. (admin)"
