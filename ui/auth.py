"""Sign-in for the pages. Off while the installation has no accounts (a fresh install, most tests); as soon as one
exists, every page asks «Логин» and «Пароль» first, unless read access without sign-in is switched on
(COS_ANONYMOUS_READ=1: read only). It fails closed: once the installation has a signing key, or with
COS_REQUIRE_SIGN_IN=1, a store that is missing, out of reach or without accounts shows a Russian page and nothing
else (accounts.requirement).

A sign-in is a session kept in the facts store; the browser keeps its signed token in an HttpOnly cookie set by the
server (serve.py), so no script of the page can read it; a reload or a shared link opens its view without signing
in again. It ends after the idle time, at «Выйти», or when the account changes. With single sign-on configured
(`st.login`, docs/DEPLOY.md) the identity provider's account is used instead, its role mapped from a claim.

The checks that matter are on the server (`facts.service` refuses what the account may not do); this module only
decides who is signed in and what the pages offer."""

from __future__ import annotations

import ipaddress
import json
import os
from collections.abc import Iterable

import streamlit as st

from accounts.accounts import Accounts
from accounts.requirement import SignInRequirement, sign_in_requirement
from accounts.sign_in import COOKIE, SESSION_ROUTE, Issued, SignIn, SignIns
from domain.access import ROLES, Account, covers, may, refusal
from ui.model import get_model

ANONYMOUS = Account(login="anonymous", role="viewer", name="без входа")
_TOKEN = "auth_token"
_ACCOUNT = "auth_account"
_COOKIE_SET = "auth_cookie_set"


def app_accounts() -> Accounts:
    """The accounts of the app's facts store; changes are logged with this browser's address."""
    return Accounts(get_model().store, client=client_address())


def sign_ins() -> SignIns:
    """Sign-in and sessions over the app's facts store."""
    return SignIns(get_model().store)


def requirement() -> SignInRequirement:
    """Whether this app signs people in, and whether it must refuse to open at all (fails closed)."""
    return sign_in_requirement(get_model().store)


def sign_in_required() -> bool:
    """Whether the app asks for sign-in: the installation has accounts or a key, or single sign-on is configured."""
    return sso_configured() or requirement().required


def client_address() -> str:
    """The browser's address for the sign-in log and the throttling: the connection's, or the header a trusted
    proxy sets (COS_CLIENT_IP_HEADER, e.g. X-Real-IP); empty on the server's own machine."""
    header = os.environ.get("COS_CLIENT_IP_HEADER", "").strip()
    value = st.context.headers.get(header) if header else None
    address = value.split(",")[0].strip() if value else (st.context.ip_address or "")
    try:  # one address one way: «::ffff:10.0.0.1» is 10.0.0.1
        parsed = ipaddress.ip_address(address)
        mapped = getattr(parsed, "ipv4_mapped", None)
        return str(mapped or parsed)
    except ValueError:
        return address[:100]


def origin() -> str:
    """Where this session's changes come from, for the facts journal."""
    return f"приложение ({client_address() or 'этот компьютер'})"


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
    if account is None or account.role not in ("viewer", "head") or not account.passports:
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
    """The signed-in account, or the sign-in form and a stop; a page naming the store and a stop when the app must
    not open (sign-in required, store without accounts). Sign-in off: None and nothing drawn."""
    if sso_configured():
        return _sso_gate()
    needed = requirement()
    if needed.refusal:
        st.title("ЦОС-монитор закрыт")
        st.error(f"Приложение не открыто: {needed.refusal}.", icon=":material/lock:")
        st.caption("Так приложение защищает данные, когда хранилище фактов не то или недоступно: без учётных "
                   "записей вход проверить не с чем. Настройки — в docs/DEPLOY.md («Вход»).")
        st.stop()
    if not needed.required:
        st.session_state.pop(_ACCOUNT, None)
        return None
    desk = sign_ins()
    token = st.session_state.get(_TOKEN) or st.context.cookies.get(COOKIE)
    account = desk.account_of(token) if token else None
    if account is not None:
        st.session_state[_ACCOUNT] = account
        _set_cookie_once()
        return account
    st.session_state.pop(_ACCOUNT, None)
    st.session_state.pop(_TOKEN, None)
    if token and st.context.cookies.get(COOKIE):  # a cookie that no longer holds: ended or expired
        _cookie_script(None)
    if anonymous_read() and not st.session_state.get("auth_wants_sign_in"):
        st.session_state[_ACCOUNT] = ANONYMOUS
        return ANONYMOUS
    _sign_in_form(desk, expired=bool(token) and not st.session_state.get("auth_signed_out"))
    st.stop()


def _sign_in_form(desk: SignIns, expired: bool) -> None:
    column, _ = st.columns([3, 4])
    with column:
        _sign_in_fields(desk, expired)


def _sign_in_fields(desk: SignIns, expired: bool) -> None:
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
        result: SignIn = desk.sign_in(login, password, client_address())
        if result.account is None:
            st.error(result.message, icon=":material/lock:")
            return
        issued = desk.open_session(result.account, client_address())
        st.session_state[_TOKEN] = issued.token
        st.session_state[_COOKIE_SET] = issued
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
    """End the account's sign-in — this session and its sessions everywhere (a copied cookie too) — and delete the
    cookie; the sign-in form follows."""
    account = current()
    if account is not None and account is not ANONYMOUS:
        sign_ins().sign_out(account.login, client_address())
    for key in (_TOKEN, _ACCOUNT, _COOKIE_SET):
        st.session_state.pop(key, None)
    st.session_state["auth_signed_out"] = True  # the ended cookie is deleted by the gate on the next run
    st.rerun()


def _set_cookie_once() -> None:
    """After a sign-in, the page asks the server once to keep the token in an HttpOnly cookie."""
    issued = st.session_state.pop(_COOKIE_SET, None)
    if isinstance(issued, Issued):
        _cookie_script(issued)


def _cookie_script(issued: Issued | None) -> None:
    """A request of this page to the server's session route: set the cookie for a new sign-in (its token and
    one-time ticket) or delete it. The values are ours (base64url and hex), passed as JSON literals; a script of
    the page never sees the cookie itself (HttpOnly)."""
    body = json.dumps({"token": issued.token, "ticket": issued.ticket} if issued else {})
    method = json.dumps("POST" if issued else "DELETE")
    st.html(f"""<script>
      fetch({json.dumps(SESSION_ROUTE)}, {{method: {method}, credentials: "same-origin",
        headers: {{"Content-Type": "application/json"}}, body: {json.dumps(body)}}});
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
    in `groups_claim` mapped by `[cos_sso.groups]` («группа» = "editor:amur,region:28" | "head:amur" | "viewer" |
    "admin");
    the strongest mapped role wins. None when no group maps (no access)."""
    login = str(claims.get(config.get("login_claim", "preferred_username")) or claims.get("email") or "").lower()
    groups = claims.get(config.get("groups_claim", "groups")) or []
    if isinstance(groups, str):
        groups = [groups]
    mapping = dict(config.get("groups", {}))
    strength = {"viewer": 1, "head": 2, "editor": 3, "admin": 4}
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
