"""Signing in: the password checked against its argon2 hash with growing delays after wrong ones (per login and
address, per address, per login — never a lock an attacker could renew), a session kept in the store under the hash
of a random id, and the signed token a browser keeps in an HttpOnly cookie.

An unknown login answers exactly like a wrong password: the same message, the same argon2 check, the same delays.
A token is good while its session holds: it ends after the idle time, at the session's maximum age, at «Выйти»,
when the account's role, password or state changes, and for everyone when the signing key is rotated. Nothing
here returns or logs a password, a hash or a session id.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from accounts.accounts import HASHER, account_of_row, now
from accounts.keys import SigningKey
from domain.access import (
    BUSY_MESSAGE,
    SESSIONS,
    THROTTLE,
    WRONG_MESSAGE,
    Account,
    SessionPolicy,
    ThrottlePolicy,
    throttle_message,
)
from store.facts_store import FactStore
from store.records import AccountEvent, SessionRow

#: the cookie that keeps a browser's token (HttpOnly, set by the server's route, never by a page's script)
COOKIE = "cos_session"
#: the server's route that sets that cookie for a new sign-in and deletes it (serve.py)
SESSION_ROUTE = "/_cos/session"
#: how a sign-in without an address (the server's own machine) is counted
LOCAL = "этот компьютер"
#: the one-time ticket a page exchanges for its cookie is good for this long
TICKET_SECONDS = 120
#: a session's last view is written at most this often (every page view would be a write)
TOUCH_EVERY_S = 60
#: how long a sign-in waits for a free password check before it is refused as «busy»
CHECK_WAIT_S = 15
_CHECKS: dict[int, threading.BoundedSemaphore] = {}
_CHECKS_LOCK = threading.Lock()


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in: the account when it succeeded, else the Russian message to show."""

    account: Account | None
    message: str = ""


@dataclass(frozen=True)
class Issued:
    """A new sign-in: the token its browser keeps, and the one-time ticket that page exchanges for the cookie."""

    token: str
    ticket: str



@cache
def _dummy_hash() -> str:
    """A hash to verify against when the login is unknown, so that an unknown login takes as long as a wrong
    password; made at the first sign-in, not at import (every command that imports the package paid ~0,5 s)."""
    return HASHER.hash(secrets.token_urlsafe(16))

def sessions_from_env() -> SessionPolicy:
    """The session policy with the idle time of COS_SESSION_IDLE_MINUTES (5 to 1440 minutes; 120 when not set)."""
    text = os.environ.get("COS_SESSION_IDLE_MINUTES", "").strip()
    minutes = int(text) if text.isdigit() else SESSIONS.idle_minutes
    return SessionPolicy(min(max(minutes, 5), 1440), SESSIONS.max_hours)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def _checks(limit: int) -> threading.BoundedSemaphore:
    """The process's gate of password checks (each argon2 check takes 64 MiB)."""
    with _CHECKS_LOCK:
        return _CHECKS.setdefault(limit, threading.BoundedSemaphore(limit))


class SignIns:
    """Sign-in and sessions over one facts store."""

    def __init__(self, store: FactStore, *, keys: SigningKey | None = None, sessions: SessionPolicy | None = None,
                 throttle: ThrottlePolicy = THROTTLE):
        self.store = store
        self.keys = keys or SigningKey.configured()
        self.sessions = sessions or sessions_from_env()
        self.throttle = throttle

    # ---- the password ----------------------------------------------------------------------------
    def sign_in(self, login: str, password: str, client: str = "", at: datetime | None = None) -> SignIn:
        """Check a login and password from a client address. Too many recent failures make it wait (answered at
        once, without checking the password); every check is recorded with the address."""
        at = at or now()
        login = (login or "").strip().lower()[:60] or "—"
        client = (client or LOCAL)[:100]
        wait = self.wait(login, client, at)
        if wait > 0:
            self.store.log_account_event(AccountEvent(at.isoformat(), login, "throttled", "вход",
                                                      f"ещё {max(1, round(wait))} с", client))
            return SignIn(None, throttle_message(wait))
        gate = _checks(self.throttle.concurrent_checks)
        if not gate.acquire(timeout=CHECK_WAIT_S):
            self.store.log_account_event(AccountEvent(at.isoformat(), login, "busy", "вход", "", client))
            return SignIn(None, BUSY_MESSAGE)
        try:
            row = self.store.account(login)
            right = _verify(row.password_hash if row else _dummy_hash(), password) and row is not None
        finally:
            gate.release()
        if row is None:
            event = "unknown_login"
        elif not right:
            event = "wrong_password"
        else:
            event = "signed_in" if row.active else "refused_disabled"
        ok = right and row.active
        self.store.record_attempt(login, client, ok, AccountEvent(at.isoformat(), login, event, "вход", "", client))
        if right and not row.active:
            return SignIn(None, "Учётная запись отключена: обратитесь к администратору")
        return SignIn(account_of_row(row)) if ok else SignIn(None, WRONG_MESSAGE)

    def wait(self, login: str, client: str, at: datetime) -> float:
        """Seconds the next attempt of this login from this address must still wait (0: it may go now)."""
        rules = ((self.throttle.login_at_client, {"login": login, "client": client}, True),
                 (self.throttle.client, {"client": client}, False),
                 (self.throttle.login, {"login": login}, True))
        wait = 0.0
        for rule, key, after_success in rules:
            since = (at - timedelta(minutes=rule.window_minutes)).isoformat()
            count, last = self.store.failures(since, after_success=after_success, **key)
            if last is not None:
                ready = datetime.fromisoformat(last) + timedelta(seconds=rule.wait(count))
                wait = max(wait, (ready - at).total_seconds())
        return wait

    # ---- sessions and tokens -----------------------------------------------------------------------
    def open_session(self, account: Account, client: str = "", at: datetime | None = None) -> Issued:
        """A new session of a signed-in account: its signed token, and a one-time ticket for the cookie."""
        at = at or now()
        session_id, ticket = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        stamp = at.isoformat()
        self.store.open_session(SessionRow(_hash(session_id), account.login, stamp, stamp, None, client or LOCAL),
                                _hash(ticket), (at + timedelta(seconds=TICKET_SECONDS)).isoformat())
        ends = int((at + timedelta(hours=self.sessions.max_hours)).timestamp())
        return Issued(self._sign({"i": session_id, "e": ends}), ticket)

    def account_of(self, token: str | None, at: datetime | None = None) -> Account | None:
        """The account a token names while its session holds (signature, age, idle time, not ended, account
        active); the session's idle time starts again."""
        if not token:
            return None
        at = at or now()
        claims = self._claims(token, at)
        if claims is None:
            return None
        session = self.store.session(_hash(claims["i"]))
        if session is None or session.ended_at is not None:
            return None
        seen = datetime.fromisoformat(session.last_seen)
        if at - seen > timedelta(minutes=self.sessions.idle_minutes):
            return None
        row = self.store.account(session.login)
        if row is None or not row.active:
            return None
        if (at - seen).total_seconds() > TOUCH_EVERY_S:
            self.store.touch_session(session.session_hash, at.isoformat())
        return account_of_row(row)

    def cookie_token(self, token: str, ticket: str, at: datetime | None = None) -> str | None:
        """The token to set as the HttpOnly cookie, when the page that signed in presents it with its one-time
        ticket (None otherwise: a token without its ticket, a used or late ticket, another session's ticket)."""
        at = at or now()
        claims = self._claims(token, at)
        if claims is None:
            return None
        session = self.store.redeem_ticket(_hash(ticket), at.isoformat())
        if session is None or session.session_hash != _hash(claims["i"]):
            return None
        return token

    def sign_out(self, login: str, client: str = "") -> None:
        """«Выйти»: every session of the account ends (a copied cookie too)."""
        self.store.end_sessions(AccountEvent(now().isoformat(), login, "signed_out", "выход", "", client),
                                login=login)

    def rotate_key(self, by: str, client: str = "") -> None:
        """A new signing key: every session of everyone ends."""
        self.keys.rotate()
        self.store.end_sessions(AccountEvent(now().isoformat(), "—", "key_rotated", by, "", client))

    def max_age_seconds(self) -> int:
        """How long a browser keeps the cookie."""
        return self.sessions.max_hours * 3600

    def _claims(self, token: str, at: datetime) -> dict | None:
        try:
            body, signature = token.split(".", 1)
            expected = hmac.new(self.keys.load(), body.encode("ascii"), hashlib.sha256).hexdigest()
            if not hmac.compare_digest(expected, signature):
                return None
            claims = json.loads(base64.urlsafe_b64decode(body.encode("ascii") + b"=" * (-len(body) % 4)))
            if not isinstance(claims, dict) or int(claims["e"]) <= at.timestamp() or not isinstance(claims["i"], str):
                return None
        except (ValueError, KeyError, TypeError, UnicodeError):
            return None
        return claims

    def _sign(self, claims: dict) -> str:
        body = base64.urlsafe_b64encode(json.dumps(claims, separators=(",", ":")).encode()).rstrip(b"=").decode()
        return body + "." + hmac.new(self.keys.ensure(), body.encode("ascii"), hashlib.sha256).hexdigest()


def _verify(digest: str, password: str) -> bool:
    try:
        return HASHER.verify(digest, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
