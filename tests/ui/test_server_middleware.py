"""The web server's own layers (serve.py): static files from memory, addresses that no page has, the Russian
shell. Driven through ASGI with a small app that answers like Streamlit's static route."""

from __future__ import annotations

import asyncio
import gzip

import pytest

from ui.addresses import MOVED_PARAM, UNKNOWN_PARAM, redirect_of
from ui.page_shell import adjust_shell
from ui.static_cache import StaticCache

SCRIPT = ("console.log('ЦОС');\n" * 2000).encode()


class FileServer:
    """Answers `/static/…` as Streamlit does (200, in 64 KB pieces, with an ETag) and counts what it served."""

    def __init__(self):
        self.served = 0

    async def __call__(self, scope, receive, send):
        self.served += 1
        if not scope["path"].endswith(".js"):
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b"no"})
            return
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-type", b"application/javascript"), (b"content-length", str(len(SCRIPT)).encode()),
            (b"etag", b'"abc"')]})
        for at in range(0, len(SCRIPT), 65536):
            await send({"type": "http.response.body", "body": SCRIPT[at:at + 65536],
                        "more_body": at + 65536 < len(SCRIPT)})


def _get(app, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[bytes, bytes], bytes]:
    """One GET through the ASGI app (and the compression of a first answer, in a worker thread, done)."""

    async def run():
        answer = await _answer(app, path, headers or {})
        await asyncio.sleep(0.2)
        return answer

    return asyncio.run(run())


def test_a_static_script_is_served_from_memory_compressed_after_the_first_time():
    files = FileServer()
    cache = StaticCache(files)

    async def twice():
        first = await _answer(cache, "/static/js/main.1.js", {"accept-encoding": "gzip"})
        await asyncio.sleep(0.5)
        second = await _answer(cache, "/static/js/main.1.js", {"accept-encoding": "gzip, br"})
        plain = await _answer(cache, "/static/js/main.1.js", {})
        again = await _answer(cache, "/static/js/main.1.js", {"if-none-match": '"abc"'})
        return first, second, plain, again

    first, second, plain, again = asyncio.run(twice())
    assert first[0] == 200 and first[2] == SCRIPT and files.served == 1
    status, headers, body = second
    assert status == 200 and headers[b"content-encoding"] == b"gzip" and gzip.decompress(body) == SCRIPT
    assert len(body) < len(SCRIPT) / 10 and headers[b"content-length"] == str(len(body)).encode()
    assert headers[b"etag"] == b'"abc"' and headers[b"vary"] == b"Accept-Encoding"
    assert plain[2] == SCRIPT and b"content-encoding" not in plain[1]
    assert again[0] == 304 and again[2] == b""
    assert files.served == 1 and cache.size == len(SCRIPT) + len(body)


async def _answer(app, path: str, headers: dict[str, str]) -> tuple[int, dict[bytes, bytes], bytes]:
    """Status, headers and the whole body of one GET."""
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "query_string": b"",
             "headers": [(k.encode(), v.encode()) for k, v in headers.items()]}
    await app(scope, receive, send)
    return sent[0]["status"], dict(sent[0]["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


def test_what_is_not_a_whole_static_file_passes_untouched_and_is_not_kept():
    files = FileServer()
    cache = StaticCache(files)
    assert _get(cache, "/static/js/missing.css")[0] == 404
    assert _get(cache, "/static/js/missing.css")[0] == 404
    assert _get(cache, "/_stcore/health")[0] == 404
    assert files.served == 3 and not cache.files


def test_the_cache_keeps_within_its_size():
    files = FileServer()
    cache = StaticCache(files, max_bytes=len(SCRIPT) * 5)
    for n in range(6):
        _get(cache, f"/static/js/part{n}.js", {"accept-encoding": "gzip"})
    assert cache.size <= cache.max_bytes and "/static/js/part0.js" not in cache.files
    assert "/static/js/part5.js" in cache.files


@pytest.mark.parametrize("path,query,target", [
    ("/home", "", "/"),
    ("/home", "passport=tomsk", "/?passport=tomsk"),
    ("/no-such-page", "", f"/?{UNKNOWN_PARAM}=no-such-page"),
    ("/overview", "", f"/?{MOVED_PARAM}=overview"),
    ("/indicators", "passport=amur", None),
    ("/", "", None),
    ("/_stcore/health", "", None),
    ("/static/js/main.js", "", None),
    ("/favicon.png", "", None),
])
def test_addresses_no_page_has_go_to_the_overview(path, query, target):
    assert redirect_of(path, query) == target


def test_the_shell_says_russian_and_nothing_else_changes():
    shell = b'<!doctype html><html lang="en"><head><title>x</title></head><body><div id="root"></div></body></html>'
    assert adjust_shell(shell) == shell.replace(b'lang="en"', b'lang="ru"')
    other = b"<html lang=\"en\"><head></head><body>not the app</body></html>"
    assert adjust_shell(other) == other
