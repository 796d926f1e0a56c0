"""The HTML shell every page of the app loads (Streamlit's index.html), adjusted by the web server (serve.py):
`lang="ru"`, so that screen readers, the browser's spell-checker and hyphenation read the pages as Russian from
the first byte (ui/style.py sets it again after Streamlit's scripts ran, for servers started without serve.py).

Tried and dropped: preloading the chart, table and filter scripts from the shell (`modulepreload` and an early
import of plotly). Measured with bench/first_chart.py it changed nothing — the browser queues them behind
Streamlit's own scripts on its six connections to the server."""

from __future__ import annotations


def adjust_shell(html: bytes) -> bytes:
    """Streamlit's index.html in Russian (unchanged when it is not that page)."""
    if b"</head>" not in html or b'<div id="root">' not in html:
        return html
    return html.replace(b'<html lang="en">', b'<html lang="ru">', 1)
