"""Who may do what: roles, the passports an account covers, and the rule for every action — pure functions the
facts service, the command line and the pages all ask (a hidden button is not a permission)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from domain.terms import Term, Terms

ROLES = Terms("role", [
    Term("viewer", "просмотр", note="читает все паспорта или только перечисленные"),
    Term("editor", "редактор", note="вносит факты, риски, события и свои меры своих паспортов; отменяет их пакеты; "
                                    "сдаёт отчёты на согласование"),
    Term("head", "руководитель проекта", note="читает, утверждает или возвращает на доработку отчёты своих "
                                              "паспортов"),
    Term("admin", "администратор", note="все паспорта, пример данных, отмена любого пакета, пользователи, "
                                        "отчёты и рассылка"),
])
ACTIONS = Terms("access_action", [
    Term("view", "просмотр"),
    Term("change", "изменение фактов и реестров"),
    Term("undo", "отмена пакета"),
    Term("examples", "загрузка и удаление примера"),
    Term("users", "управление пользователями"),
    Term("submit", "сдача отчёта на согласование"),
    Term("approve", "утверждение и возврат отчёта"),
    Term("mailing", "адреса рассылки отчётов"),
    Term("passports", "загрузка паспортов"),
])
#: a passport list entry naming a whole region: «region:70» covers the region's passport and its municipalities
REGION_PREFIX = "region:"


@dataclass(frozen=True)
class SessionPolicy:
    """How long a sign-in lasts: it ends after idle_minutes without a page view, and never later than max_hours
    after the sign-in (COS_SESSION_IDLE_MINUTES changes the idle time, 5 to 1440 minutes)."""

    idle_minutes: int = 120
    max_hours: int = 12


SESSIONS = SessionPolicy()


@dataclass(frozen=True)
class Throttle:
    """Growing delays after wrong passwords for one key (a login from one address, one address, one login from
    anywhere): `free` failures cost nothing, then each makes the next attempt wait twice as long, from `first_s`
    up to `cap_s` seconds. Failures older than `window_minutes` no longer count."""

    free: int
    first_s: float
    cap_s: float
    window_minutes: int = 60

    def wait(self, failures: int) -> float:
        """Seconds the next attempt must wait after the last failure, given the failures counted."""
        if failures <= self.free:
            return 0.0
        return min(self.cap_s, self.first_s * 2 ** (failures - self.free - 1))


@dataclass(frozen=True)
class ThrottlePolicy:
    """Sign-in throttling instead of a lock an attacker could renew: a login tried from one address slows down
    fast; one address trying many logins slows down after a few more; a login tried from everywhere slows by a few
    seconds at most — never a lock-out of its owner at another address. A success resets the counts of its login
    (at that address and everywhere); the address's own count only ages out."""

    login_at_client: Throttle = Throttle(free=3, first_s=2, cap_s=300)
    client: Throttle = Throttle(free=10, first_s=2, cap_s=900)
    login: Throttle = Throttle(free=20, first_s=1, cap_s=5)
    #: password checks (argon2, 64 MiB each) run at once in one server process; more wait or are refused
    concurrent_checks: int = 2


THROTTLE = ThrottlePolicy()


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
        if account.role in ("viewer", "head") and account.passports:
            return all(covers(account, p, region_of) for p in ids)
        return True
    own = bool(ids) and all(covers(account, p, region_of) for p in ids)
    if action in ("change", "undo", "submit"):
        return account.role == "editor" and own
    if action == "approve":
        return account.role == "head" and own
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
    if account.role == "viewer" or action in ("examples", "users", "mailing", "passports") or (
            action == "approve" and account.role != "head") or (action != "approve" and account.role == "head"):
        return f"у роли «{ROLES.label(account.role)}» нет права: {what}"
    shown = ", ".join((names or {}).get(p, p) for p in outside[:3]) + ("…" if len(outside) > 3 else "")
    return f"у «{account.login}» нет права на {what} паспорта: {shown}"


def throttle_message(seconds: float) -> str:
    """What a throttled sign-in answers (the same for every login, known or not)."""
    return f"Слишком много неудачных попыток входа: повторите через {max(1, round(seconds))} с"


BUSY_MESSAGE = "Сервер занят проверкой входов: повторите через минуту"
WRONG_MESSAGE = "Неверный логин или пароль"
