"""The web server of ЦОС-монитор: Streamlit's app (app.py, the pages) and what a page cannot do by itself — the
sign-in cookie set by the server as HttpOnly (POST and DELETE /_cos/session), and headers on every answer that keep
other sites from framing the app. `./run.sh` starts it: `streamlit run serve.py`. At start it prints which facts
store it uses and whether sign-in is on (and refuses to serve pages when it must, see accounts/requirement.py)."""

from __future__ import annotations

import json
from contextlib import asynccontextmanager
from functools import cache

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from accounts.requirement import sign_in_requirement
from accounts.sign_in import COOKIE, SESSION_ROUTE, SignIns
from store.facts_store import FactStore
from store.location import open_store
from ui.addresses import redirect_of
from ui.page_shell import adjust_shell
from ui.static_cache import StaticCache

#: headers of every HTTP answer: no framing by other sites (clickjacking), no type sniffing, no referrer abroad
SECURITY_HEADERS = [(b"content-security-policy", b"frame-ancestors 'self'"), (b"x-frame-options", b"SAMEORIGIN"),
                    (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]
MAX_BODY = 4096


@cache
def _store() -> FactStore:
    return open_store()


def _same_origin(request: Request) -> bool:
    """A request the app's own page made: JSON, and an Origin that is this server's (a form of another site can
    send neither)."""
    origin = request.headers.get("origin", "")
    host = request.headers.get("host", "")
    return bool(host) and origin.split("://", 1)[-1] == host and \
        request.headers.get("content-type", "").startswith("application/json")


def _cookie(value: str, max_age: int, secure: bool) -> str:
    return (f"{COOKIE}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict"
            + ("; Secure" if secure else ""))


async def session_cookie(request: Request) -> Response:
    """POST {token, ticket}: the page that just signed in gets its token as an HttpOnly cookie (the ticket is
    one-time and short-lived, and must belong to the token's session); DELETE: the cookie goes."""
    if not _same_origin(request):
        return Response(status_code=403)
    secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "") == "https"
    response = Response(status_code=204)
    if request.method == "DELETE":
        response.headers.append("set-cookie", _cookie("", 0, secure))
        return response
    body = await request.body()
    if len(body) > MAX_BODY:
        return Response(status_code=413)
    try:
        sent = json.loads(body)
        token, ticket = str(sent["token"]), str(sent["ticket"])
    except (ValueError, KeyError, TypeError):
        return Response(status_code=400)
    desk = SignIns(_store())
    cookie_token = await run_in_threadpool(desk.cookie_token, token, ticket)
    if cookie_token is None:
        return Response(status_code=403)
    response.headers.append("set-cookie", _cookie(cookie_token, desk.max_age_seconds(), secure))
    return response


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP answer (web sockets pass untouched)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                names = {name.lower() for name, _ in message["headers"]}
                message["headers"] += [h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        await self.app(scope, receive, with_headers)


class KnownAddresses:
    """ASGI middleware: a browser asking for an address no page has (or the default page's own `/home`) is sent to
    the app's root before the page loads — Streamlit would open the overview under an English «Page not found»
    dialog; the overview says it in Russian instead (ui/addresses.py decides)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            target = redirect_of(scope["path"], scope.get("query_string", b"").decode("latin-1"))
            if target is not None:
                await RedirectResponse(target, status_code=302)(scope, receive, send)
                return
        await self.app(scope, receive, send)


class PageShell:
    """ASGI middleware: the HTML shell of the pages (Streamlit's index.html) in Russian (ui/page_shell.py); every
    other answer passes untouched."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(("/_stcore", "/static",
                                                                                             "/media", "/_cos")):
            await self.app(scope, receive, send)
            return
        start: dict | None = None
        chunks: list[bytes] = []

        async def buffered(message):
            nonlocal start
            if message["type"] == "http.response.start":
                headers = {name.lower(): value for name, value in message.get("headers", [])}
                if headers.get(b"content-type", b"").startswith(b"text/html") and \
                        b"content-encoding" not in headers:
                    start = message
                    return
                await send(message)
            elif start is not None and message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    body = adjust_shell(b"".join(chunks))
                    start["headers"] = [(n, v) for n, v in start.get("headers", []) if n.lower() != b"content-length"]
                    start["headers"].append((b"content-length", str(len(body)).encode()))
                    await send(start)
                    await send({"type": "http.response.body", "body": body})
            else:
                await send(message)

        await self.app(scope, receive, buffered)


@asynccontextmanager
async def lifespan(_app):
    """Say at start which store this server uses and whether it signs people in."""
    print(sign_in_requirement(_store()).summary(), flush=True)
    yield None


app = st.App("app.py", routes=[Route(SESSION_ROUTE, session_cookie, methods=["POST", "DELETE"])],
             middleware=[Middleware(SecurityHeaders), Middleware(KnownAddresses), Middleware(PageShell),
                         Middleware(StaticCache)], lifespan=lifespan)
