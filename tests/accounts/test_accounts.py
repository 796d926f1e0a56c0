"""Accounts in the facts store (both backends): argon2 hashes, throttled sign-in (growing delays per login and
address, never a lock-out an attacker renews; unknown logins answered like known ones), sessions kept in the store
under the hash of their id and tokens signed by a key that is never in the store, the log of every account event
with its address; the facts service and the command line apply the roles to every change."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from datetime import datetime, timedelta

import pytest

from accounts.accounts import Accounts
from accounts.keys import SigningKey
from accounts.rules import AccountError
from accounts.sign_in import SignIns
from domain.access import THROTTLE, WRONG_MESSAGE
from facts.outcomes import FactsError
from facts.service import FactsService
from facts.targets import fact_targets
from model.opening import passport_regions
from store.facts_store import FactStore
from store.records import FactChange, FactValue
from tests.helpers import ROOT, built, fact_key, model

PASSWORD = "длинный-пароль-1"
REGIONS = {"amur": "28", "tomsk": "70"}
T0 = datetime(2026, 11, 30, 10, 0)


@pytest.fixture(scope="module")
def con():
    return model()


@pytest.fixture
def key(tmp_path) -> SigningKey:
    return SigningKey(tmp_path / "key" / ".cos-secret")


@pytest.fixture
def accounts(store, key) -> Accounts:
    made = Accounts(store, keys=key)
    made.add("admin", "admin", [], PASSWORD, name="Петров П. П.", by="тест")
    made.add("ivanova", "editor", ["amur"], PASSWORD, name="Иванова А. А.", by="тест")
    made.add("tomsk.ed", "editor", ["region:70"], PASSWORD, by="тест")
    made.add("smirnov", "viewer", ["tomsk"], PASSWORD, by="тест")
    return made


@pytest.fixture
def desk(store, key, accounts) -> SignIns:
    return SignIns(store, keys=key)


def _service(store, con, login: str | None) -> FactsService:
    account = Accounts(store).get(login) if login else None
    return FactsService(store, fact_targets(con), account=account, region_of=passport_regions(con).get)


def _fact(pid: str, code: str, value: float) -> FactChange:
    return FactChange(fact_key(pid, "indicator", code, 2019), FactValue(fact_value=value, source="отчёт"))


# ---- the accounts themselves ------------------------------------------------------------------------
def test_the_password_is_hashed_and_never_stored(store, accounts, key):
    digest = store.account("ivanova").password_hash
    assert digest.startswith("$argon2id$") and PASSWORD not in digest
    assert "password_hash" not in accounts.table().columns and PASSWORD not in accounts.table().to_csv()
    path = getattr(store, "path", None)
    if path is not None and path.exists():
        assert PASSWORD.encode() not in path.read_bytes()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # the store: its owner only
    assert stat.S_IMODE(key.path.stat().st_mode) == 0o600 and key.path.parent != getattr(path, "parent", None)


def test_wrong_passwords_slow_the_next_attempt_down_instead_of_locking(desk):
    rule = THROTTLE.login_at_client
    for n in range(rule.free):
        assert desk.sign_in("ivanova", "не тот пароль", "10.0.0.1", T0 + timedelta(seconds=n)).message == WRONG_MESSAGE
    assert desk.sign_in("ivanova", "не тот пароль", "10.0.0.1", T0 + timedelta(seconds=10)).message == WRONG_MESSAGE
    waiting = desk.sign_in("ivanova", PASSWORD, "10.0.0.1", T0 + timedelta(seconds=10))
    assert waiting.account is None and waiting.message.startswith("Слишком много неудачных попыток входа")
    after = T0 + timedelta(seconds=10 + rule.wait(rule.free + 1) + 1)
    assert desk.sign_in("ivanova", PASSWORD, "10.0.0.1", after).account.login == "ivanova"
    events = Accounts(desk.store).events().query("Кто == 'вход'")
    assert set(events["Откуда"]) == {"10.0.0.1"} and "вход отложен: много неудачных попыток" in set(events["Событие"])


def test_a_thousand_wrong_sign_ins_from_one_address_do_not_lock_the_owner_out_at_another(desk):
    at = T0
    for _ in range(1000):
        desk.sign_in("ivanova", "перебор-паролей", "203.0.113.9", at)
        at += timedelta(milliseconds=500)
    assert desk.sign_in("ivanova", PASSWORD, "203.0.113.9", at).account is None  # the attacker still waits
    owner = desk.sign_in("ivanova", PASSWORD, "10.1.2.3", at + timedelta(seconds=THROTTLE.login.cap_s))
    assert owner.account is not None and owner.account.login == "ivanova"


def test_an_unknown_login_is_answered_like_a_known_one(desk):
    known, unknown = [], []
    for n in range(THROTTLE.login_at_client.free + 2):
        at = T0 + timedelta(seconds=n)
        started = time.perf_counter()
        known.append(desk.sign_in("ivanova", "не тот пароль", "10.0.0.7", at).message)
        middle = time.perf_counter()
        unknown.append(desk.sign_in("nobody", "не тот пароль", "10.0.0.8", at).message)
        if n < THROTTLE.login_at_client.free:  # both ran a real argon2 check
            assert abs((middle - started) - (time.perf_counter() - middle)) < 0.5
    assert known == unknown  # the same message, the same delays


def test_unlock_forgets_the_wrong_passwords_and_is_audited(desk, accounts):
    for _ in range(8):
        desk.sign_in("ivanova", "не тот пароль", "10.0.0.1", T0)
    assert desk.sign_in("ivanova", PASSWORD, "10.0.0.1", T0 + timedelta(seconds=1)).account is None
    accounts.unlock("ivanova", by="оператор сервера")
    assert desk.sign_in("ivanova", PASSWORD, "10.0.0.1", T0 + timedelta(seconds=1)).account is not None
    log = accounts.events()
    assert ((log["Событие"] == "сброшены неудачные попытки входа") & (log["Кто"] == "оператор сервера")).any()


def test_a_right_sign_in_resets_the_count_of_its_login(desk):
    for n in range(THROTTLE.login_at_client.free):
        desk.sign_in("ivanova", "не тот пароль", "10.0.0.1", T0 + timedelta(seconds=n))
    assert desk.sign_in("ivanova", PASSWORD, "10.0.0.1", T0 + timedelta(seconds=5)).account is not None
    assert desk.sign_in("ivanova", "не тот пароль", "10.0.0.1", T0 + timedelta(seconds=6)).message == WRONG_MESSAGE


def test_unknown_and_disabled_accounts_get_no_sign_in(desk, accounts):
    assert desk.sign_in("nobody", PASSWORD).message == WRONG_MESSAGE
    accounts.set_active("smirnov", False, by="тест")
    assert desk.sign_in("smirnov", PASSWORD).account is None
    assert accounts.get("smirnov").active is False


@pytest.mark.parametrize("change", ["role", "disable", "password", "sign_out", "rotate"])
def test_a_session_holds_until_the_account_or_the_key_changes(desk, accounts, change):
    account = desk.sign_in("ivanova", PASSWORD).account
    token = desk.open_session(account, "10.0.0.1").token
    assert desk.account_of(token).login == "ivanova"
    {"role": lambda: accounts.set_role("ivanova", "viewer", [], by="тест"),
     "disable": lambda: accounts.set_active("ivanova", False, by="тест"),
     "password": lambda: accounts.reset_password("ivanova", "другой-пароль-2", by="тест"),
     "sign_out": lambda: desk.sign_out("ivanova"),
     "rotate": lambda: desk.rotate_key("оператор сервера")}[change]()
    assert desk.account_of(token) is None


def test_a_session_ends_when_idle_and_at_its_age(desk, accounts):
    account = accounts.get("ivanova")
    token = desk.open_session(account, at=T0).token
    assert desk.account_of(token, T0 + timedelta(minutes=desk.sessions.idle_minutes - 1)).login == "ivanova"
    assert desk.account_of(token, T0 + timedelta(minutes=2 * desk.sessions.idle_minutes - 3)).login == "ivanova"
    assert desk.account_of(token, T0 + timedelta(minutes=4 * desk.sessions.idle_minutes)) is None  # idle
    later = desk.open_session(account, at=T0).token
    for hour in range(1, desk.sessions.max_hours + 2):  # kept busy, yet not past its age
        seen = desk.account_of(later, T0 + timedelta(hours=hour))
        assert (seen is not None) == (hour < desk.sessions.max_hours), hour


def test_a_token_cannot_be_forged_from_a_copy_of_the_store(stores, desk, accounts, tmp_path):
    """A copy of the store (copy-facts, a backup, pg_dump) holds no key and no session id: nothing signs in."""
    token = desk.open_session(accounts.get("admin")).token
    copy = stores.open()
    FactsService(copy).copy_from(desk.store)
    thief = SignIns(copy, keys=SigningKey(tmp_path / "thief.key"))  # the copy's server makes its own key
    assert thief.account_of(token) is None
    minted = thief.open_session(accounts.get("admin")).token  # what a thief's own server can sign
    assert thief.account_of(minted).login == "admin" and desk.account_of(minted) is None
    body, signature = token.split(".")
    assert desk.account_of(body + "." + "0" * len(signature)) is None
    assert desk.account_of("garbage") is None and desk.account_of(body + ".00") is None
    rows = copy.rows()[1]
    assert "session" not in rows and "setting" not in rows


def test_the_cookie_ticket_is_one_time_and_bound_to_its_session(desk, accounts):
    account = accounts.get("ivanova")
    first, second = desk.open_session(account), desk.open_session(account)
    assert desk.cookie_token(first.token, second.ticket) is None  # another session's ticket
    assert desk.cookie_token(first.token, first.ticket) == first.token
    assert desk.cookie_token(first.token, first.ticket) is None  # used up
    late = desk.open_session(account, at=T0)
    assert desk.cookie_token(late.token, late.ticket, T0 + timedelta(minutes=5)) is None


@pytest.mark.parametrize(("args", "message"), [
    (("x", "editor", ["amur"], PASSWORD), "логин"),
    (("petrov", "editor", [], PASSWORD), "хотя бы один паспорт"),
    (("petrov", "boss", [], PASSWORD), "роль «boss» неизвестна"),
    (("petrov", "viewer", ["region:x"], PASSWORD), "код региона"),
    (("petrov", "viewer", [], "123"), "пароль короче"),
    (("petrov", "viewer", [], "1234567890123"), "только из цифр"),
    (("petrov", "viewer", [], "aaaaaaaaaa"), "легко подобрать"),
    (("petrov", "viewer", [], "qwertyuiop1"), "легко подобрать"),
    (("petrov", "viewer", [], "пароль-пароль"), "легко подобрать"),
    (("petrov", "viewer", [], "petrov-petrov-1"), "легко подобрать"),
    (("petrov", "viewer", [], PASSWORD, "", "почта"), "не адрес электронной почты"),
    (("ivanova", "viewer", [], PASSWORD), "уже есть"),
])
def test_bad_accounts_are_refused_in_russian(store, accounts, args, message):
    login, role, passports, password, *rest = args
    with pytest.raises(AccountError, match=message):
        accounts.add(login, role, passports, password, by="тест", **({"email": rest[1]} if rest else {}))


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
    env = {**os.environ, "COS_FACTS_DB": str(facts), "COS_DB": str(built()),
           "COS_SECRET_FILE": str(tmp_path / "keys" / ".cos-secret")}
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
    log = FactStore(facts).audit_log()
    assert log["who"].tolist() == ["Иванова А. А. (ivanova)"]
    assert log["origin"].iloc[0].startswith("командная строка (") and "@" in log["origin"].iloc[0]
    batch = log["batch_id"].iloc[0]
    assert stat.S_IMODE((tmp_path / "keys" / ".cos-secret").stat().st_mode) == 0o600
    template = tmp_path / "template.xlsx"
    assert _cli(["facts-template", "--passport", "amur", "--out", str(template), "--user", "ivanova"],
                env).returncode == 0
    assert stat.S_IMODE(template.stat().st_mode) == 0o600
    assert _cli(["users", "disable", "ivanova"], env).returncode == 0
    disabled = _cli(["undo", batch, "--user", "ivanova"], env)
    assert disabled.returncode == 2 and "отключена" in disabled.stderr
    events = _cli(["users", "events"], env).stdout
    assert "отключена" in events and "создана" in events and "командная строка (" in events
    rotated = _cli(["users", "rotate-key"], env)
    assert rotated.returncode == 0 and "все сеансы закрыты" in rotated.stdout


def test_exports_carry_no_account_names(tmp_path):
    """A report made after an editor's changes names no account (the journal is the only place that does)."""
    import io
    import zipfile

    from domain.periods import Period
    from reports.files import progress_file

    store = FactStore(tmp_path / "facts.sqlite")
    accounts = Accounts(store, keys=SigningKey(tmp_path / ".cos-secret"))
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
