"""Sign-in for the pages. Off while the facts store has no account (a fresh install, the tests); as soon as one
exists, every page asks «Логин» and «Пароль» first, unless read access without sign-in is switched on
(COS_ANONYMOUS_READ=1: read only). A sign-in lives in this browser session and in a cookie holding a signed,
expiring token (never the password), so a reload or a shared link opens its view without signing in again; it ends
after the idle time or at «Выйти». With single sign-on configured (`st.login`, docs/DEPLOY.md) the identity
provider's account is used instead, its role mapped from a claim.

The checks that matter are on the server (`facts.service` refuses what the account may not do); this
module only decides who is signed in and what the pages offer."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable

import streamlit as st

from accounts.accounts import TOKEN_MAX_HOURS, Accounts, SignIn
from domain.access import ROLES, Account, covers, may, refusal
from ui.model import get_model

COOKIE = "cos_session"
ANONYMOUS = Account(login="anonymous", role="viewer", name="без входа")
#: renew the cookie's token at most this often (each renewal restarts the idle time)
RENEW_AFTER_S = 60
_TOKEN = "auth_token"
_ACCOUNT = "auth_account"
_COOKIE_WRITE = "auth_cookie_write"


def app_accounts() -> Accounts:
    """The accounts of the app's facts store."""
    return Accounts(get_model().store)


def sign_in_required() -> bool:
    """Whether the app asks for sign-in: the store has accounts (or single sign-on is configured)."""
    return sso_configured() or app_accounts().exist()


def anonymous_read() -> bool:
    """Read access without sign-in (COS_ANONYMOUS_READ=1), off by default."""
    return os.environ.get("COS_ANONYMOUS_READ", "").strip() in ("1", "true", "yes", "да")


def current() -> Account | None:
    """The account this session acts for (None while sign-in is off)."""
    account = st.session_state.get(_ACCOUNT)
    return account if isinstance(account, Account) else None


def region_of(passport_id: str) -> str | None:
    """The passport's region code (for a list naming a whole region)."""
    return get_model().regions.get(passport_id)


def visible(passport_ids: Iterable[str]) -> list[str]:
    """The passports this session may see (all of them while sign-in is off)."""
    account = current()
    ids = list(passport_ids)
    if account is None or account.role != "viewer" or not account.passports:
        return ids
    return [p for p in ids if covers(account, p, region_of)]


def allows(action: str, passport_ids: Iterable[str]) -> bool:
    """Whether the pages offer an action (the facts service checks it again on the server)."""
    account = current()
    if account is None:
        return not sign_in_required()
    return may(account, action, passport_ids, region_of)


def why_not(action: str, passport_ids: Iterable[str], names: dict[str, str] | None = None) -> str | None:
    """Why the action is not offered, in Russian (None when it is)."""
    account = current()
    if account is None and not sign_in_required():
        return None
    return refusal(account, action, list(passport_ids), region_of, names)


def hidden_pages() -> frozenset[str]:
    """Addresses of pages not listed for this session: «Пользователи» for all but an administrator."""
    account = current()
    return frozenset() if account is not None and account.role == "admin" else frozenset({"users"})


# ---- the gate: before any page draws anything ------------------------------------------------------
def gate() -> Account | None:
    """The signed-in account, or the sign-in form and a stop. Sign-in off: None and nothing drawn."""
    if not sign_in_required():
        st.session_state.pop(_ACCOUNT, None)
        return None
    if sso_configured():
        return _sso_gate()
    accounts = app_accounts()
    token = st.session_state.get(_TOKEN) or st.context.cookies.get(COOKIE)
    account = accounts.account_of(token) if token else None
    if account is not None:
        st.session_state[_ACCOUNT] = account
        _keep_alive(accounts, token)
        return account
    st.session_state.pop(_ACCOUNT, None)
    st.session_state.pop(_TOKEN, None)
    if token:  # a token that no longer holds: expired, or the account changed
        _write_cookie(None)
    if anonymous_read() and not st.session_state.get("auth_wants_sign_in"):
        st.session_state[_ACCOUNT] = ANONYMOUS
        return ANONYMOUS
    _sign_in_form(accounts, expired=bool(token) and not st.session_state.get("auth_signed_out"))
    st.stop()


def _keep_alive(accounts: Accounts, token: str) -> None:
    """Restart the idle time now and then, and write the cookie when a new token was made."""
    if time.monotonic() - st.session_state.get("auth_renewed_at", 0.0) > RENEW_AFTER_S:
        renewed = accounts.renew_token(token)
        if renewed:
            st.session_state[_TOKEN] = renewed
            st.session_state[_COOKIE_WRITE] = renewed
        st.session_state["auth_renewed_at"] = time.monotonic()
    pending = st.session_state.pop(_COOKIE_WRITE, None)
    if pending:
        _write_cookie(pending)


def _sign_in_form(accounts: Accounts, expired: bool) -> None:
    column, _ = st.columns([3, 4])
    with column:
        _sign_in_fields(accounts, expired)


def _sign_in_fields(accounts: Accounts, expired: bool) -> None:
    st.title("Вход в ЦОС-монитор")
    if st.session_state.get("auth_signed_out"):
        st.info("Вы вышли из ЦОС-монитора.")
    elif expired:
        st.info("Сеанс закончился (долго не было действий, или учётную запись изменили): войдите снова.")
    st.caption("Паспорта проекта «Цифровая образовательная среда»: планы и факты, деньги, сроки, отчёты. "
               "Учётную запись выдаёт администратор.")
    with st.form("sign_in", border=True, enter_to_submit=True):
        login = st.text_input("Логин", key="sign_in_login", autocomplete="username")
        password = st.text_input("Пароль", type="password", key="sign_in_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button("Войти", type="primary")
    if submitted:
        result: SignIn = accounts.sign_in(login, password)
        if result.account is None:
            st.error(result.message, icon=":material/lock:")
            return
        token = accounts.issue_token(result.account)
        st.session_state[_TOKEN] = token
        st.session_state[_COOKIE_WRITE] = token
        st.session_state[_ACCOUNT] = result.account
        st.session_state.pop("sign_in_password", None)
        st.session_state.pop("auth_signed_out", None)
        st.session_state.pop("auth_wants_sign_in", None)
        st.rerun()


def sidebar() -> None:
    """Who is signed in and «Выйти» (nothing while sign-in is off)."""
    account = current()
    if account is None:
        return
    with st.sidebar:
        if account is ANONYMOUS:
            st.caption("Просмотр без входа: изменения недоступны.")
            if st.button("Войти", key="sign_in_from_anonymous"):
                st.session_state["auth_wants_sign_in"] = True
                st.rerun()
            return
        if sso_configured():
            st.caption(f"Вы вошли: **{_escape(account.shown)}**")
            st.button("Выйти", key="sign_out", icon=":material/logout:", on_click=st.logout)
            return
        st.caption(f"Вы вошли: **{_escape(account.shown)}** · {ROLES.label(account.role)}")
        if st.button("Выйти", key="sign_out", icon=":material/logout:"):
            sign_out()


def sign_out() -> None:
    """End the account's sign-in — this session and its tokens everywhere (a copied cookie stops working) —
    and delete the cookie; the sign-in form follows."""
    account = current()
    if account is not None and account is not ANONYMOUS:
        app_accounts().sign_out(account.login)
    for key in (_TOKEN, _ACCOUNT, "auth_renewed_at"):
        st.session_state.pop(key, None)
    st.session_state["auth_signed_out"] = True  # the voided cookie is deleted by the gate on the next run
    st.rerun()


def _write_cookie(token: str | None) -> None:
    """Set (or delete) the session cookie in the browser: SameSite=Strict, Secure over HTTPS, the token's lifetime.
    The token is ours (base64url and hex), never user text; it is passed as a JSON string literal."""
    age = TOKEN_MAX_HOURS * 3600 if token else 0
    value = json.dumps(token or "")
    st.html(f"""<script>
      (function () {{
        var secure = window.location.protocol === "https:" ? "; Secure" : "";
        document.cookie = "{COOKIE}=" + {value} + "; Path=/; Max-Age={age}; SameSite=Strict" + secure;
      }})();
    </script>""", unsafe_allow_javascript=True, width=1)


def _escape(text: str) -> str:
    """Markdown-safe text (a name typed by an administrator is still user text)."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~$" else ch for ch in text)


# ---- single sign-on (st.login, OIDC) -----------------------------------------------------------------
def sso_configured() -> bool:
    """Whether `.streamlit/secrets.toml` has an [auth] section (Streamlit's OIDC sign-in)."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file: Streamlit raises its own error class
        return False


def sso_account(claims: dict, config: dict) -> Account | None:
    """The account of an identity provider's user: login from `login_claim`, role and passports from the groups
    in `groups_claim` mapped by `[cos_sso.groups]` («группа» = "editor:amur,region:28" | "viewer" | "admin");
    the strongest mapped role wins. None when no group maps (no access)."""
    login = str(claims.get(config.get("login_claim", "preferred_username")) or claims.get("email") or "").lower()
    groups = claims.get(config.get("groups_claim", "groups")) or []
    if isinstance(groups, str):
        groups = [groups]
    mapping = dict(config.get("groups", {}))
    strength = {"viewer": 1, "editor": 2, "admin": 3}
    best: tuple[str, tuple[str, ...]] | None = None
    for group in groups:
        rule = mapping.get(group)
        if not rule:
            continue
        role, _, listed = str(rule).partition(":")
        passports = tuple(p.strip() for p in listed.split(",") if p.strip())
        if role not in strength:
            continue
        if best is None or strength[role] > strength[best[0]]:
            best = (role, passports)
        elif role == best[0]:
            best = (role, tuple(dict.fromkeys(best[1] + passports)))
    if not login or best is None:
        return None
    return Account(login=login, role=best[0], passports=best[1], name=str(claims.get("name") or ""))


def _sso_gate() -> Account | None:
    if not st.user.is_logged_in:
        st.title("Вход в ЦОС-монитор")
        st.caption("Вход через единую учётную запись ведомства.")
        st.button("Войти", type="primary", on_click=st.login)
        st.stop()
    config = dict(st.secrets.get("cos_sso", {}))
    account = sso_account(dict(st.user.to_dict()), config)
    if account is None:
        st.error("У вашей учётной записи нет доступа к ЦОС-монитору: обратитесь к администратору.")
        st.button("Выйти", on_click=st.logout)
        st.stop()
    st.session_state[_ACCOUNT] = account
    return account
