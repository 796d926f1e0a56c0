"""Streamlit's scripts and styles served from memory, compressed once (ASGI middleware of serve.py).

A browser opening the app for the first time downloads ~10 МБ of Streamlit's JavaScript (plotly.js alone is 4,7 МБ).
Streamlit reads each file from disk in 64 КБ pieces through a thread pool and sends it uncompressed: the profile of
a new session's page view (py-spy, bench/first_chart.py) showed three fifths of the server's CPU in that, and on a
real network the uncompressed plotly.js is most of the wait. Here the first answer for a file (whatever Streamlit
answers, with its checks and headers) is kept, compressed once with gzip, and every later request is answered from
memory in one piece — compressed for a browser that accepts it, with `If-None-Match` answered by 304. The files
under `/static/` have their content hash in the name and never change while the server runs."""

from __future__ import annotations

import asyncio
import gzip
from collections import OrderedDict
from dataclasses import dataclass

#: what is kept in memory at most (Streamlit's static files are ~25 МБ, compressed ~7 МБ)
MAX_BYTES = 96 * 2**20
#: types worth compressing (fonts and images are compressed already)
COMPRESSIBLE = (b"application/javascript", b"text/", b"application/json", b"image/svg+xml")
PREFIX = "/static/"
_DROPPED = {b"content-length", b"content-encoding", b"vary", b"accept-ranges", b"date", b"server"}


@dataclass(frozen=True)
class Kept:
    """One static file's answer: its headers (without length and encoding), body, and body compressed (or None)."""

    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    compressed: bytes | None
    etag: bytes | None

    @property
    def size(self) -> int:
        return len(self.body) + len(self.compressed or b"")


def keep(headers: list[tuple[bytes, bytes]], body: bytes) -> Kept:
    """What to keep of an answer: the headers that stay true for every later answer, the body and its gzip."""
    named = {name.lower(): value for name, value in headers}
    kind = named.get(b"content-type", b"")
    compressed = None
    if kind.startswith(COMPRESSIBLE) and len(body) > 1024:
        packed = gzip.compress(body, compresslevel=6, mtime=0)
        compressed = packed if len(packed) < len(body) else None
    kept = tuple((name, value) for name, value in headers if name.lower() not in _DROPPED)
    return Kept(kept, body, compressed, named.get(b"etag"))


class StaticCache:
    """ASGI middleware: GET and HEAD of `/static/…` answered from memory after the first time."""

    def __init__(self, app, max_bytes: int = MAX_BYTES):
        self.app = app
        self.max_bytes = max_bytes
        self.files: OrderedDict[str, Kept] = OrderedDict()
        self.size = 0

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or not path.startswith(PREFIX) or \
                scope.get("query_string"):
            await self.app(scope, receive, send)
            return
        kept = self.files.get(path)
        if kept is not None:
            self.files.move_to_end(path)
            await self._answer(kept, scope, send)
            return
        if scope["method"] == "HEAD":
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, self._keeping(path, send))

    def _keeping(self, path: str, send):
        """The `send` of a first answer: passes it on and, when it is a whole 200, keeps it."""
        start: dict | None = None
        parts: list[bytes] = []

        async def keeping_send(message):
            nonlocal start
            if message["type"] == "http.response.start":
                named = {name.lower() for name, _ in message.get("headers", [])}
                start = message if message.get("status") == 200 and b"content-encoding" not in named else None
            elif message["type"] == "http.response.body" and start is not None:
                parts.append(message.get("body", b""))
                if not message.get("more_body"):
                    # compressed in a worker thread after the answer went, kept when done
                    job = asyncio.get_running_loop().run_in_executor(None, keep, list(start.get("headers", [])),
                                                                     b"".join(parts))
                    job.add_done_callback(lambda done: done.exception() or self._store(path, done.result()))
            await send(message)

        return keeping_send

    def _store(self, path: str, kept: Kept) -> None:
        if kept.size > self.max_bytes // 4:
            return
        earlier = self.files.pop(path, None)  # two first requests at once: the second replaces the first
        if earlier is not None:
            self.size -= earlier.size
        self.files[path] = kept
        self.size += kept.size
        while self.size > self.max_bytes and self.files:
            _, old = self.files.popitem(last=False)
            self.size -= old.size

    @staticmethod
    async def _answer(kept: Kept, scope, send) -> None:
        request = {name.lower(): value for name, value in scope.get("headers", [])}
        headers = list(kept.headers)
        if kept.compressed is not None:
            headers.append((b"vary", b"Accept-Encoding"))
        if kept.etag is not None and request.get(b"if-none-match") == kept.etag:
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        body = kept.body
        if kept.compressed is not None and b"gzip" in request.get(b"accept-encoding", b""):
            body = kept.compressed
            headers.append((b"content-encoding", b"gzip"))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
