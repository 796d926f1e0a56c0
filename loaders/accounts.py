"""Accounts in the facts store (SQLite or PostgreSQL, whichever is configured): people, their roles and passports,
argon2 password hashes (never the password), sign-in with the lock after wrong passwords, signed expiring tokens
that keep a sign-in across page reloads, and an audit of every change and lock.

The rules of who may do what are `domain.access`; this module only keeps and checks the accounts. Nothing here
logs or returns a password or a hash to a caller outside it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from domain.access import (
    LOCK,
    LOCKED_MESSAGE,
    REGION_PREFIX,
    ROLES,
    WRONG_MESSAGE,
    Account,
    LockPolicy,
    LoginState,
    after_attempt,
    may,
)
from domain.formatting import fmt_datetime, yes_no
from loaders.facts_store import FactStore

LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")
MIN_PASSWORD = 10
MAX_PASSWORD = 200
MAX_NAME = 100
#: how long a token is good for at most, even for a session that keeps working
TOKEN_MAX_HOURS = 12
_HASHER = PasswordHasher()
#: a hash to verify against when the login is unknown, so that an unknown login takes as long as a wrong password
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))
EVENT_LABELS = {
    "created": "создана", "role_changed": "изменены роль или паспорта", "disabled": "отключена",
    "enabled": "включена", "unlocked": "разблокирована", "password_reset": "пароль сменён",
    "signed_in": "вход", "signed_out": "выход", "wrong_password": "неверный пароль",
    "locked": f"заблокирована на {LOCK.lock_minutes} минут",
    "refused_locked": "вход при блокировке отклонён", "refused_disabled": "вход отключённой записи отклонён",
    "unknown_login": "вход с неизвестным логином",
}


class AccountError(ValueError):
    """A refused account operation; the message is Russian."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in: the account when it succeeded, else the Russian message to show."""

    account: Account | None
    message: str = ""


def _now() -> datetime:
    """The server's local time, as the facts' journal keeps it (tokens compare its epoch seconds)."""
    return datetime.now().replace(microsecond=0)


def check_login(login: str) -> str:
    """A login as stored: lower-case Latin letters, digits, «.», «_», «-», 2–40 characters."""
    login = (login or "").strip().lower()
    if not LOGIN_PATTERN.fullmatch(login):
        raise AccountError("логин — от 2 до 40 латинских букв, цифр и знаков «.», «_», «-», начинается с буквы "
                           "или цифры")
    return login


def check_password(password: str) -> str:
    """A new password: at least MIN_PASSWORD characters, not only digits."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"пароль короче {MIN_PASSWORD} символов")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"пароль длиннее {MAX_PASSWORD} символов")
    if password.isdigit():
        raise AccountError("пароль только из цифр: добавьте буквы")
    return password


def check_role(role: str, passports: Iterable[str], known: Iterable[str] | None = None) -> tuple[str, list[str]]:
    """A role and its passport list: known passport ids or «region:NN»; an editor needs at least one."""
    if role not in ROLES:
        raise AccountError(f"роль «{role}» неизвестна: {', '.join(ROLES.codes)}")
    entries = list(dict.fromkeys(p.strip() for p in passports if p.strip()))
    known_ids = set(known) if known is not None else None
    for entry in entries:
        if entry.startswith(REGION_PREFIX):
            if not entry[len(REGION_PREFIX):].isdigit():
                raise AccountError(f"«{entry}»: после «{REGION_PREFIX}» — код региона цифрами, например region:28")
        elif known_ids is not None and entry not in known_ids:
            raise AccountError(f"паспорта «{entry}» нет в модели")
    if role == "editor" and not entries:
        raise AccountError("редактору нужен хотя бы один паспорт (--passport ID или region:КОД)")
    if role == "admin" and entries:
        raise AccountError("администратору паспорта не назначаются: у него все")
    return role, entries


def policy_from_env() -> LockPolicy:
    """The lock policy with the idle time of COS_SESSION_IDLE_MINUTES (5 to 1440 minutes; 120 when not set)."""
    text = os.environ.get("COS_SESSION_IDLE_MINUTES", "").strip()
    minutes = int(text) if text.isdigit() else LOCK.idle_minutes
    return LockPolicy(LOCK.attempts, LOCK.lock_minutes, min(max(minutes, 5), 1440))


class Accounts:
    """The accounts of one facts store."""

    def __init__(self, store: FactStore, policy: LockPolicy | None = None):
        self.store = store
        self.policy = policy or policy_from_env()

    # ---- reading --------------------------------------------------------------------------------
    def exist(self) -> bool:
        """Whether any account exists: then the app requires sign-in and the command line --user."""
        with self.store.account_reader() as con:
            return con is not None and con.execute("select 1 from account limit 1").fetchone() is not None

    def get(self, login: str) -> Account | None:
        """The account of a login (None when there is none)."""
        row = self._row(login)
        return None if row is None else _account(row)

    def table(self) -> pd.DataFrame:
        """Every account for `users list` and the admin: no hashes."""
        with self.store.account_reader() as con:
            rows = [] if con is None else con.execute(
                "select login, name, role, passports, active, failures, locked_until from account order by login"
            ).fetchall()
        now = _now()
        return pd.DataFrame([{
            "Логин": r[0], "Имя": r[1], "Роль": ROLES.label(r[2]), "Паспорта": ", ".join(json.loads(r[3])) or "все",
            "Активна": yes_no(r[4]),
            "Блокировка": (f"до {fmt_datetime(datetime.fromisoformat(r[6]))}"
                           if r[6] and datetime.fromisoformat(r[6]) > now else ""),
        } for r in rows], columns=["Логин", "Имя", "Роль", "Паспорта", "Активна", "Блокировка"])

    def events(self, limit: int = 200) -> pd.DataFrame:
        """The newest account events first (who signed in, who was locked, who changed whom)."""
        with self.store.account_reader() as con:
            rows = [] if con is None else con.execute(
                "select at, login, event, by_whom, detail from account_event order by event_id desc limit ?",
                [limit]).fetchall()
        return pd.DataFrame([{"Когда": fmt_datetime(datetime.fromisoformat(r[0])), "Логин": r[1],
                              "Событие": EVENT_LABELS.get(r[2], r[2]), "Кто": r[3], "Подробности": r[4] or ""}
                             for r in rows], columns=["Когда", "Логин", "Событие", "Кто", "Подробности"])

    def _row(self, login: str) -> tuple | None:
        with self.store.account_reader() as con:
            if con is None:
                return None
            return con.execute("select login, name, role, passports, active, password_hash, failures, "
                               "locked_until, token_version from account where login = ?",
                               [(login or "").strip().lower()]).fetchone()

    # ---- changing (the operator's command line) ---------------------------------------------------
    def add(self, login: str, role: str, passports: Iterable[str], password: str, *, name: str = "",
            by: str, known: Iterable[str] | None = None) -> Account:
        """A new account; refused when the login is taken."""
        login = check_login(login)
        role, entries = check_role(role, passports, known)
        name = " ".join(name.split())[:MAX_NAME]
        digest = _HASHER.hash(check_password(password))
        at = _now().isoformat()
        with self.store.account_transaction() as con:
            if con.execute("select 1 from account where login = ?", [login]).fetchone():
                raise AccountError(f"учётная запись «{login}» уже есть")
            con.execute("insert into account (login, name, role, passports, password_hash, active, failures, "
                        "token_version, created_at, changed_at) values (?, ?, ?, ?, ?, 1, 0, 0, ?, ?)",
                        [login, name, role, json.dumps(entries), digest, at, at])
            _event(con, at, login, "created", by, _role_text(role, entries))
        return Account(login, role, tuple(entries), name)

    def set_role(self, login: str, role: str, passports: Iterable[str], *, by: str,
                 known: Iterable[str] | None = None) -> None:
        """A new role and passport list; the account's open sessions end (their tokens stop working)."""
        role, entries = check_role(role, passports, known)
        self._update(login, "role = ?, passports = ?, token_version = token_version + 1",
                     [role, json.dumps(entries)], "role_changed", by, _role_text(role, entries))

    def set_active(self, login: str, active: bool, *, by: str) -> None:
        """Disable (sessions end at once) or enable an account."""
        self._update(login, "active = ?, token_version = token_version + 1", [1 if active else 0],
                     "enabled" if active else "disabled", by)

    def unlock(self, login: str, *, by: str) -> None:
        """Lift a lock after wrong passwords."""
        self._update(login, "failures = 0, locked_until = null", [], "unlocked", by)

    def sign_out(self, login: str) -> None:
        """«Выйти»: every token of the account stops working (a copied cookie too)."""
        self._update(login, "token_version = token_version + 1", [], "signed_out", "выход")

    def reset_password(self, login: str, password: str, *, by: str) -> None:
        """A new password (also lifts a lock); the account's open sessions end."""
        digest = _HASHER.hash(check_password(password))
        self._update(login, "password_hash = ?, failures = 0, locked_until = null, token_version = token_version + 1",
                     [digest], "password_reset", by)

    def _update(self, login: str, assignments: str, params: list, event: str, by: str, detail: str = "") -> None:
        login = (login or "").strip().lower()
        at = _now().isoformat()
        with self.store.account_transaction() as con:
            if not con.execute("select 1 from account where login = ?", [login]).fetchone():
                raise AccountError(f"учётной записи «{login}» нет")
            con.execute(f"update account set {assignments}, changed_at = ? where login = ?",  # noqa: S608 - code
                        [*params, at, login])
            _event(con, at, login, event, by, detail)

    # ---- signing in ------------------------------------------------------------------------------
    def sign_in(self, login: str, password: str, now: datetime | None = None) -> SignIn:
        """Check a login and password: five wrong in a row lock the account for 15 minutes, a locked account
        refuses even the right password until the lock ends; every attempt is audited."""
        now = now or _now()
        login = (login or "").strip().lower()[:60]
        row = self._row(login)
        at = now.isoformat()
        if row is None:
            _verify(_DUMMY_HASH, password)
            with self.store.account_transaction() as con:
                _event(con, at, login or "—", "unknown_login", "вход", "")
            return SignIn(None, WRONG_MESSAGE)
        state = LoginState(int(row[6]), datetime.fromisoformat(row[7]) if row[7] else None)
        locked = state.locked_until is not None and now < state.locked_until
        ok = False if locked else _verify(row[5], password)
        with self.store.account_transaction() as con:
            current = con.execute("select failures, locked_until from account where login = ?", [login]).fetchone()
            state = LoginState(int(current[0]), datetime.fromisoformat(current[1]) if current[1] else None)
            ok, after = after_attempt(state, ok, now, self.policy)
            con.execute("update account set failures = ?, locked_until = ? where login = ?",
                        [after.failures, after.locked_until.isoformat() if after.locked_until else None, login])
            for event in after.events:
                _event(con, at, login, event, "вход", "")
            if ok and not row[4]:
                _event(con, at, login, "refused_disabled", "вход", "")
        if "refused_locked" in after.events or "locked" in after.events:
            return SignIn(None, LOCKED_MESSAGE)
        if not ok:
            return SignIn(None, WRONG_MESSAGE)
        if not row[4]:
            return SignIn(None, "Учётная запись отключена: обратитесь к администратору")
        return SignIn(_account(row))

    # ---- tokens: a sign-in that survives a reload --------------------------------------------------
    def issue_token(self, account: Account, now: datetime | None = None) -> str:
        """A signed token naming the account, good for the idle time (renewed while the person works) and never
        past TOKEN_MAX_HOURS from the sign-in; a role change, disabling or a new password voids it."""
        now = now or _now()
        row = self._row(account.login)
        if row is None:
            raise AccountError(f"учётной записи «{account.login}» нет")
        return self._token({"l": account.login, "v": int(row[8]), "s": int(now.timestamp()),
                            "e": int((now + timedelta(minutes=self.policy.idle_minutes)).timestamp())})

    def renew_token(self, token: str, now: datetime | None = None) -> str | None:
        """The same sign-in with its idle time restarted (None when the token no longer holds)."""
        now = now or _now()
        claims = self._claims(token, now)
        if claims is None:
            return None
        limit = claims["s"] + TOKEN_MAX_HOURS * 3600
        claims["e"] = min(limit, int((now + timedelta(minutes=self.policy.idle_minutes)).timestamp()))
        return self._token(claims)

    def account_of(self, token: str | None, now: datetime | None = None) -> Account | None:
        """The account a token names, when its signature, time and version hold and the account is active."""
        if not token:
            return None
        claims = self._claims(token, now or _now())
        if claims is None:
            return None
        row = self._row(claims["l"])
        return _account(row) if row is not None and row[4] else None

    def _claims(self, token: str, now: datetime) -> dict | None:
        try:
            body, signature = token.split(".", 1)
            expected = hmac.new(self._secret(), body.encode("ascii"), hashlib.sha256).hexdigest()
            if not hmac.compare_digest(expected, signature):
                return None
            claims = json.loads(base64.urlsafe_b64decode(body.encode("ascii") + b"=" * (-len(body) % 4)))
            if not isinstance(claims, dict) or int(claims["e"]) < now.timestamp():
                return None
            if int(claims["s"]) + TOKEN_MAX_HOURS * 3600 < now.timestamp():
                return None
        except (ValueError, KeyError, TypeError, UnicodeError):
            return None
        row = self._row(str(claims["l"]))
        if row is None or int(row[8]) != int(claims["v"]):
            return None
        return claims

    def _token(self, claims: dict) -> str:
        body = base64.urlsafe_b64encode(json.dumps(claims, separators=(",", ":")).encode()).rstrip(b"=").decode()
        return body + "." + hmac.new(self._secret(), body.encode("ascii"), hashlib.sha256).hexdigest()

    def _secret(self) -> bytes:
        """The store's signing key: made once, kept in the store, so every app server checks the same tokens."""
        with self.store.account_reader() as con:
            row = None if con is None else con.execute(
                "select value from setting where key = 'token_secret'").fetchone()
        if row is None:
            with self.store.account_transaction() as con:
                con.execute("insert into setting (key, value) values ('token_secret', ?) on conflict (key) do nothing",
                            [secrets.token_hex(32)])
                row = con.execute("select value from setting where key = 'token_secret'").fetchone()
        return bytes.fromhex(row[0])


def _verify(digest: str, password: str) -> bool:
    try:
        return _HASHER.verify(digest, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _account(row: tuple) -> Account:
    return Account(login=row[0], role=row[2], passports=tuple(json.loads(row[3])), name=row[1] or "",
                   active=bool(row[4]))


def _role_text(role: str, entries: list[str]) -> str:
    return f"{ROLES.label(role)}: {', '.join(entries) or 'все паспорта'}"


def _event(con, at: str, login: str, event: str, by: str, detail: str = "") -> None:
    con.execute("insert into account_event (at, login, event, by_whom, detail) values (?, ?, ?, ?, ?)",
                [at, login, event, by, detail])


class AccountAdmin:
    """The accounts as an administrator of the app changes them: every change checks the actor's role first (a page
    that hides its buttons is not a permission) and names the actor in the account log."""

    def __init__(self, accounts: Accounts, actor: Account | None):
        if actor is None or not may(actor, "users", [], lambda _p: None):
            raise AccountError("управлять пользователями может только администратор")
        self.accounts = accounts
        self.by = actor.shown
        self.actor = actor

    def add(self, login: str, role: str, passports: Iterable[str], password: str, name: str = "",
            known: Iterable[str] | None = None) -> Account:
        return self.accounts.add(login, role, passports, password, name=name, by=self.by, known=known)

    def set_role(self, login: str, role: str, passports: Iterable[str], known: Iterable[str] | None = None) -> None:
        self._not_self(login, "сменить свою роль")
        self.accounts.set_role(login, role, passports, by=self.by, known=known)

    def set_active(self, login: str, active: bool) -> None:
        if not active:
            self._not_self(login, "отключить свою запись")
        self.accounts.set_active(login, active, by=self.by)

    def unlock(self, login: str) -> None:
        self.accounts.unlock(login, by=self.by)

    def reset_password(self, login: str, password: str) -> None:
        self.accounts.reset_password(login, password, by=self.by)

    def _not_self(self, login: str, what: str) -> None:
        """An administrator does not lock themselves out from the page (the server's command line still can)."""
        if login.strip().lower() == self.actor.login:
            raise AccountError(f"нельзя {what} на странице: это делает другой администратор или оператор сервера")
