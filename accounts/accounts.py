"""Accounts in the facts store (SQLite or PostgreSQL, whichever is configured): people, their roles, passports and
e-mail addresses, argon2 password hashes (never the password), and the log of every change. Signing in, sessions
and throttling are accounts.sign_in.

The rules of who may do what are `domain.access`; this module only keeps the accounts. Nothing here logs or
returns a password or a hash to a caller outside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import pandas as pd
from argon2 import PasswordHasher

from accounts.keys import SigningKey
from accounts.rules import MAX_NAME, AccountError, check_email, check_login, check_password, check_role
from domain.access import ROLES, Account, may
from domain.formatting import fmt_datetime, yes_no
from store.facts_store import FactStore
from store.records import AccountEvent, AccountRow

HASHER = PasswordHasher()
EVENT_LABELS = {
    "created": "создана", "role_changed": "изменены роль или паспорта", "disabled": "отключена",
    "enabled": "включена", "unlocked": "сброшены неудачные попытки входа", "password_reset": "пароль сменён",
    "email_changed": "изменён адрес почты", "signed_in": "вход", "signed_out": "выход",
    "wrong_password": "неверный пароль", "throttled": "вход отложен: много неудачных попыток",
    "busy": "вход отложен: сервер занят", "refused_disabled": "вход отключённой записи отклонён",
    "unknown_login": "вход с неизвестным логином", "key_rotated": "новый ключ входа: все сеансы закрыты",
}


def now() -> datetime:
    """The server's local time, as the facts' journal keeps it."""
    return datetime.now().replace(microsecond=0)


def account_of_row(row: AccountRow) -> Account:
    """The account as the rules of access see it."""
    return Account(login=row.login, role=row.role, passports=row.passports, name=row.name, active=row.active)


def _role_text(role: str, entries: list[str]) -> str:
    return f"{ROLES.label(role)}: {', '.join(entries) or 'все паспорта'}"


class Accounts:
    """The accounts of one facts store. `client` names where a change comes from in the log (the operator's
    command line, or the address of the administrator's browser); `keys` is the signing key, made with the first
    account so that the installation from then on signs people in."""

    def __init__(self, store: FactStore, *, client: str = "", keys: SigningKey | None = None):
        self.store = store
        self.client = client
        self.keys = keys or SigningKey.configured()

    # ---- reading --------------------------------------------------------------------------------
    def exist(self) -> bool:
        """Whether any account exists: then the app requires sign-in and the command line --user."""
        return self.store.has_accounts()

    def get(self, login: str) -> Account | None:
        """The account of a login (None when there is none)."""
        row = self.store.account((login or "").strip().lower())
        return None if row is None else account_of_row(row)

    def email(self, login: str) -> str | None:
        """The account's e-mail address (None when it has none)."""
        row = self.store.account((login or "").strip().lower())
        return None if row is None else row.email

    def table(self) -> pd.DataFrame:
        """Every account for `users list` and the admin: no hashes."""
        return pd.DataFrame([{
            "Логин": r.login, "Имя": r.name, "Роль": ROLES.label(r.role), "Паспорта": ", ".join(r.passports) or "все",
            "Почта": r.email or "", "Активна": yes_no(r.active),
        } for r in self.store.accounts()], columns=["Логин", "Имя", "Роль", "Паспорта", "Почта", "Активна"])

    def events(self, limit: int = 200) -> pd.DataFrame:
        """The newest account events first (who signed in from where, who was refused, who changed whom)."""
        return pd.DataFrame([{"Когда": fmt_datetime(datetime.fromisoformat(e.at)), "Логин": e.login,
                              "Событие": EVENT_LABELS.get(e.event, e.event), "Кто": e.by_whom,
                              "Откуда": e.client, "Подробности": e.detail}
                             for e in self.store.account_events(limit)],
                            columns=["Когда", "Логин", "Событие", "Кто", "Откуда", "Подробности"])

    # ---- changing (the operator's command line, the administrator's page) ---------------------------
    def add(self, login: str, role: str, passports: Iterable[str], password: str, *, name: str = "",
            by: str, known: Iterable[str] | None = None, email: str = "") -> Account:
        """A new account; refused when the login is taken. The first one makes the signing key."""
        login = check_login(login)
        role, entries = check_role(role, passports, known)
        name = " ".join(name.split())[:MAX_NAME]
        digest = HASHER.hash(check_password(password, login, name))
        email = check_email(email)
        self.keys.ensure()
        event = AccountEvent(now().isoformat(), login, "created", by, _role_text(role, entries), self.client)
        if not self.store.add_account(AccountRow(login, name, role, tuple(entries), True, digest, email or None),
                                      event):
            raise AccountError(f"учётная запись «{login}» уже есть")
        return Account(login, role, tuple(entries), name)

    def set_role(self, login: str, role: str, passports: Iterable[str], *, by: str,
                 known: Iterable[str] | None = None) -> None:
        """A new role and passport list; the account's sign-ins end."""
        role, entries = check_role(role, passports, known)
        self._update(login, "role_changed", by, _role_text(role, entries), role=role, passports=entries,
                     end_sessions=True)

    def set_active(self, login: str, active: bool, *, by: str) -> None:
        """Disable (its sign-ins end at once) or enable an account."""
        self._update(login, "enabled" if active else "disabled", by, active=active, end_sessions=True)

    def unlock(self, login: str, *, by: str) -> None:
        """Forget the login's wrong passwords: its sign-in is no longer slowed down."""
        self._update(login, "unlocked", by, unlock=True)

    def reset_password(self, login: str, password: str, *, by: str) -> None:
        """A new password (its wrong ones forgotten); the account's sign-ins end."""
        row = self.store.account((login or "").strip().lower())
        digest = HASHER.hash(check_password(password, login, row.name if row else ""))
        self._update(login, "password_reset", by, password_hash=digest, unlock=True, end_sessions=True)

    def set_email(self, login: str, email: str, *, by: str) -> None:
        """The address reminders and approved reports go to ('' removes it)."""
        email = check_email(email)
        self._update(login, "email_changed", by, email or "адрес удалён", email=email)

    def _update(self, login: str, event: str, by: str, detail: str = "", **changes) -> None:
        login = (login or "").strip().lower()
        record = AccountEvent(now().isoformat(), login, event, by, detail, self.client)
        if not self.store.change_account(login, record, **changes):
            raise AccountError(f"учётной записи «{login}» нет")


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

    def set_email(self, login: str, email: str) -> None:
        self.accounts.set_email(login, email, by=self.by)

    def _not_self(self, login: str, what: str) -> None:
        """An administrator does not lock themselves out from the page (the server's command line still can)."""
        if login.strip().lower() == self.actor.login:
            raise AccountError(f"нельзя {what} на странице: это делает другой администратор или оператор сервера")
