"""Who may do what: roles, the passports an account covers, and the rule for every action — pure functions the
facts service, the command line and the pages all ask (a hidden button is not a permission)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from domain.terms import Term, Terms

ROLES = Terms("role", [
    Term("viewer", "просмотр", note="читает все паспорта или только перечисленные"),
    Term("editor", "редактор", note="вносит факты, риски, события и свои меры своих паспортов; отменяет их пакеты"),
    Term("admin", "администратор", note="все паспорта, пример данных, отмена любого пакета, пользователи"),
])
ACTIONS = Terms("access_action", [
    Term("view", "просмотр"),
    Term("change", "изменение фактов и реестров"),
    Term("undo", "отмена пакета"),
    Term("examples", "загрузка и удаление примера"),
    Term("users", "управление пользователями"),
    Term("passports", "загрузка паспортов"),
])
#: a passport list entry naming a whole region: «region:70» covers the region's passport and its municipalities
REGION_PREFIX = "region:"


@dataclass(frozen=True)
class LockPolicy:
    """Wrong passwords in a row that lock an account, and for how long; an idle session ends after idle_minutes."""

    attempts: int = 5
    lock_minutes: int = 15
    idle_minutes: int = 120


LOCK = LockPolicy()


@dataclass(frozen=True)
class Account:
    """A signed-in person: login, name shown in the journal, role, the passports the role applies to (ids or
    «region:NN»; an empty list means every passport for a viewer and none for an editor)."""

    login: str
    role: str
    passports: tuple[str, ...] = ()
    name: str = ""
    active: bool = True

    @property
    def shown(self) -> str:
        """How the journal names the account: «Иванова А.А. (ivanova)» or the login."""
        return f"{self.name} ({self.login})" if self.name else self.login


#: the region code of a passport (None when the passport names none)
RegionOf = Callable[[str], str | None]


def covers(account: Account, passport_id: str, region_of: RegionOf) -> bool:
    """Whether the account's passport list names this passport, or its region."""
    region = region_of(passport_id)
    return any(entry == passport_id or (region is not None and entry == f"{REGION_PREFIX}{region}")
               for entry in account.passports)


def may(account: Account | None, action: str, passport_ids: Iterable[str], region_of: RegionOf) -> bool:
    """The one rule: may this account do this action to these passports? No account — nothing (sign-in is the
    caller's to require or waive); a disabled account — nothing."""
    if account is None or not account.active:
        return False
    if account.role == "admin":
        return True
    ids = list(passport_ids)
    if action == "view":
        if account.role == "viewer" and account.passports:
            return all(covers(account, p, region_of) for p in ids)
        return True
    if action in ("change", "undo"):
        return account.role == "editor" and bool(ids) and all(covers(account, p, region_of) for p in ids)
    return False


def refusal(account: Account | None, action: str, passport_ids: Iterable[str], region_of: RegionOf,
            names: dict[str, str] | None = None) -> str | None:
    """Why the action is refused, in Russian (None when it is allowed)."""
    if may(account, action, passport_ids, region_of):
        return None
    if account is None:
        return "войдите в систему: изменения вносят только пользователи с учётной записью"
    if not account.active:
        return f"учётная запись «{account.login}» отключена"
    what = ACTIONS.label(action)
    outside = [p for p in passport_ids if not covers(account, p, region_of)]
    if account.role == "viewer" or action in ("examples", "users", "passports"):
        return f"у роли «{ROLES.label(account.role)}» нет права: {what}"
    shown = ", ".join((names or {}).get(p, p) for p in outside[:3]) + ("…" if len(outside) > 3 else "")
    return f"у «{account.login}» нет права на {what} паспорта: {shown}"


@dataclass
class LoginState:
    """What the store keeps about an account's sign-ins: wrong passwords in a row, and until when it is locked."""

    failures: int = 0
    locked_until: datetime | None = None
    events: list[str] = field(default_factory=list)


def after_attempt(state: LoginState, password_ok: bool, now: datetime,
                  policy: LockPolicy = LOCK) -> tuple[bool, LoginState]:
    """Whether a sign-in succeeds, and the state after it: a locked account refuses even the right password until
    the lock ends; the policy's number of wrong passwords in a row locks it for its minutes."""
    if state.locked_until is not None and now < state.locked_until:
        return False, LoginState(state.failures, state.locked_until, ["refused_locked"])
    if password_ok:
        return True, LoginState(0, None, ["signed_in"])
    failures = state.failures + 1  # a lock resets the count: after it ends, the count starts again
    if failures >= policy.attempts:
        return False, LoginState(0, now + timedelta(minutes=policy.lock_minutes), ["wrong_password", "locked"])
    return False, LoginState(failures, None, ["wrong_password"])


LOCKED_MESSAGE = f"Учётная запись заблокирована на {LOCK.lock_minutes} минут"
WRONG_MESSAGE = "Неверный логин или пароль"
