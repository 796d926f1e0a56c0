"""Whether the app signs people in, decided so that it fails closed: once this installation has had accounts (its
signing key exists) or COS_REQUIRE_SIGN_IN=1 is set, a store that is missing, out of reach or without accounts
does not open the app to anyone — a wrong COS_FACTS_DB path, a restore to another place or a fresh PostgreSQL
schema shows a Russian page naming the store and the setting instead. A fresh install (no key, no accounts, no
setting) opens without sign-in, as before."""

from __future__ import annotations

import os
from dataclasses import dataclass

from accounts.keys import SigningKey
from accounts.rules import AccountError
from store.facts_store import FactStore
from store.records import StoreError

REQUIRE_VARIABLE = "COS_REQUIRE_SIGN_IN"


@dataclass(frozen=True)
class SignInRequirement:
    """What the app does about sign-in: `required`, and `refusal` — why it must not open at all (None: it may)."""

    required: bool
    refusal: str | None
    store: str
    why: str

    def summary(self) -> str:
        """The line the server prints at start."""
        state = ("ОТКАЗ: " + (self.refusal or "")) if self.refusal else (
            f"вход обязателен ({self.why})" if self.required else "вход выключен (учётных записей нет)")
        return f"ЦОС-монитор: хранилище фактов — {self.store}; {state}"


def sign_in_requirement(store: FactStore, keys: SigningKey | None = None) -> SignInRequirement:
    """Read the setting, the key and the store; make the key when the store has accounts but the key is missing."""
    keys = keys or SigningKey.configured()
    reasons = []
    if os.environ.get(REQUIRE_VARIABLE, "").strip() in ("1", "true", "yes", "да"):
        reasons.append(f"задано {REQUIRE_VARIABLE}=1")
    if keys.exists():
        reasons.append(f"у установки есть ключ входа: {keys.where}")
    try:
        has_accounts = store.has_accounts()
    except StoreError as exc:
        reason = "; ".join(reasons) or "учётные записи не проверить"
        return SignInRequirement(True, f"{exc.message}. Приложение не откроется, пока хранилище недоступно "
                                       f"({reason})", store.identity, reason)
    missing = store.path is not None and not store.path.exists()
    if has_accounts:
        try:
            keys.ensure()
        except AccountError as exc:
            return SignInRequirement(True, exc.message, store.identity, "в хранилище есть учётные записи")
        return SignInRequirement(True, None, store.identity, "; ".join(reasons) or "в хранилище есть учётные записи")
    if not reasons:
        return SignInRequirement(False, None, store.identity, "")
    what = "не найдено" if missing else "не содержит ни одной учётной записи"
    why = "; ".join(reasons)
    return SignInRequirement(True, (
        f"вход обязателен ({why}), а хранилище фактов {store.identity} {what}. Проверьте, то ли хранилище указано "
        "(COS_FACTS_DB или COS_FACTS_URL), или создайте администратора: python -m loaders users add ЛОГИН "
        "--role admin"), store.identity, why)
