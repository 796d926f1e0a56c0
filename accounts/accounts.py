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
from store.facts_store import FactStore
from store.records import AccountEvent, AccountRow

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
        return self.store.has_accounts()

    def get(self, login: str) -> Account | None:
        """The account of a login (None when there is none)."""
        row = self._row(login)
        return None if row is None else _account(row)

    def table(self) -> pd.DataFrame:
        """Every account for `users list` and the admin: no hashes."""
        now = _now()
        return pd.DataFrame([{
            "Логин": r.login, "Имя": r.name, "Роль": ROLES.label(r.role), "Паспорта": ", ".join(r.passports) or "все",
            "Активна": yes_no(r.active),
            "Блокировка": (f"до {fmt_datetime(datetime.fromisoformat(r.locked_until))}"
                           if r.locked_until and datetime.fromisoformat(r.locked_until) > now else ""),
        } for r in self.store.accounts()], columns=["Логин", "Имя", "Роль", "Паспорта", "Активна", "Блокировка"])

    def events(self, limit: int = 200) -> pd.DataFrame:
        """The newest account events first (who signed in, who was locked, who changed whom)."""
        return pd.DataFrame([{"Когда": fmt_datetime(datetime.fromisoformat(e.at)), "Логин": e.login,
                              "Событие": EVENT_LABELS.get(e.event, e.event), "Кто": e.by_whom,
                              "Подробности": e.detail}
                             for e in self.store.account_events(limit)],
                            columns=["Когда", "Логин", "Событие", "Кто", "Подробности"])

    def _row(self, login: str) -> AccountRow | None:
        return self.store.account((login or "").strip().lower())

    # ---- changing (the operator's command line) ---------------------------------------------------
    def add(self, login: str, role: str, passports: Iterable[str], password: str, *, name: str = "",
            by: str, known: Iterable[str] | None = None) -> Account:
        """A new account; refused when the login is taken."""
        login = check_login(login)
        role, entries = check_role(role, passports, known)
        name = " ".join(name.split())[:MAX_NAME]
        digest = _HASHER.hash(check_password(password))
        event = AccountEvent(_now().isoformat(), login, "created", by, _role_text(role, entries))
        if not self.store.add_account(AccountRow(login, name, role, tuple(entries), True, digest), event):
            raise AccountError(f"учётная запись «{login}» уже есть")
        return Account(login, role, tuple(entries), name)

    def set_role(self, login: str, role: str, passports: Iterable[str], *, by: str,
                 known: Iterable[str] | None = None) -> None:
        """A new role and passport list; the account's open sessions end (their tokens stop working)."""
        role, entries = check_role(role, passports, known)
        self._update(login, "role_changed", by, _role_text(role, entries), role=role, passports=entries,
                     end_sessions=True)

    def set_active(self, login: str, active: bool, *, by: str) -> None:
        """Disable (sessions end at once) or enable an account."""
        self._update(login, "enabled" if active else "disabled", by, active=active, end_sessions=True)

    def unlock(self, login: str, *, by: str) -> None:
        """Lift a lock after wrong passwords."""
        self._update(login, "unlocked", by, unlock=True)

    def sign_out(self, login: str) -> None:
        """«Выйти»: every token of the account stops working (a copied cookie too)."""
        self._update(login, "signed_out", "выход", end_sessions=True)

    def reset_password(self, login: str, password: str, *, by: str) -> None:
        """A new password (also lifts a lock); the account's open sessions end."""
        digest = _HASHER.hash(check_password(password))
        self._update(login, "password_reset", by, password_hash=digest, unlock=True, end_sessions=True)

    def _update(self, login: str, event: str, by: str, detail: str = "", **changes) -> None:
        login = (login or "").strip().lower()
        if not self.store.change_account(login, AccountEvent(_now().isoformat(), login, event, by, detail), **changes):
            raise AccountError(f"учётной записи «{login}» нет")

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
            self.store.log_account_event(AccountEvent(at, login or "—", "unknown_login", "вход"))
            return SignIn(None, WRONG_MESSAGE)
        locked = row.locked_until is not None and now < datetime.fromisoformat(row.locked_until)
        checked = False if locked else _verify(row.password_hash, password)

        def decide(failures: int, locked_until: str | None):
            state = LoginState(failures, datetime.fromisoformat(locked_until) if locked_until else None)
            ok, after = after_attempt(state, checked, now, self.policy)
            events = [*after.events, *(["refused_disabled"] if ok and not row.active else [])]
            return after.failures, after.locked_until.isoformat() if after.locked_until else None, events, (ok, after)

        ok, after = self.store.sign_in_attempt(login, at, decide, "вход")
        if "refused_locked" in after.events or "locked" in after.events:
            return SignIn(None, LOCKED_MESSAGE)
        if not ok:
            return SignIn(None, WRONG_MESSAGE)
        if not row.active:
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
        return self._token({"l": account.login, "v": row.token_version, "s": int(now.timestamp()),
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
        return _account(row) if row is not None and row.active else None

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
        if row is None or row.token_version != int(claims["v"]):
            return None
        return claims

    def _token(self, claims: dict) -> str:
        body = base64.urlsafe_b64encode(json.dumps(claims, separators=(",", ":")).encode()).rstrip(b"=").decode()
        return body + "." + hmac.new(self._secret(), body.encode("ascii"), hashlib.sha256).hexdigest()

    def _secret(self) -> bytes:
        """The store's signing key: made once, kept in the store, so every app server checks the same tokens."""
        secret = self.store.setting("token_secret") or self.store.keep_setting("token_secret", secrets.token_hex(32))
        return bytes.fromhex(secret)


def _verify(digest: str, password: str) -> bool:
    try:
        return _HASHER.verify(digest, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _account(row: AccountRow) -> Account:
    return Account(login=row.login, role=row.role, passports=row.passports, name=row.name, active=row.active)


def _role_text(role: str, entries: list[str]) -> str:
    return f"{ROLES.label(role)}: {', '.join(entries) or 'все паспорта'}"


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
