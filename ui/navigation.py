"""The app's navigation, in Russian only: the pages (ui/addresses.py) grouped in the sidebar, and addresses no page
has that land on the overview with a Russian note instead of Streamlit's English «page not found» (the server
redirects them before the page loads, see serve.py; what reaches Streamlit anyway is noted here too)."""

from __future__ import annotations

from urllib.parse import urlparse

import streamlit as st

from ui.addresses import MOVED_PARAM, OLD_ADDRESSES, PAGES, UNKNOWN_PARAM

MOVED_KEY = "moved_from"


def _moved(path: str, target: str):
    def page() -> None:
        st.session_state[MOVED_KEY] = path
        st.switch_page(target)
    page.__name__ = f"moved_{path}"
    return page


def _page(address) -> st.Page:
    return st.Page(address.script, title=address.title, icon=address.icon, url_path=address.url_path,
                   default=address.default)


def groups() -> dict[str, list[st.Page]]:
    """The pages by menu group, in menu order."""
    out: dict[str, list[st.Page]] = {}
    for address in PAGES:
        out.setdefault(address.group, []).append(_page(address))
    return out


def pages() -> list[st.Page]:
    """Every page, plus hidden ones for the old addresses."""
    every = [p for group in groups().values() for p in group]
    every += [st.Page(_moved(path, target), title="Обзор", url_path=path) for path, target in OLD_ADDRESSES.items()]
    return every


def note_unknown_address() -> None:
    """An address no page answers to — redirected by the server with `?nopage=` (or an old one with `?moved=`), or
    reaching Streamlit directly: the overview says it in Russian."""
    for param, mark in ((UNKNOWN_PARAM, "?"), (MOVED_PARAM, "")):
        if param in st.query_params:
            st.session_state[MOVED_KEY] = mark + str(st.query_params[param])[:80]
            del st.query_params[param]
            return
    known = {p.url_path for p in PAGES} | set(OLD_ADDRESSES) | {""}
    try:
        path = urlparse(st.context.url or "").path.strip("/")
    except (AttributeError, ValueError):
        return
    if path and path.split("/")[-1] not in known:
        st.session_state[MOVED_KEY] = f"?{path}"


def sidebar(hidden: frozenset[str] = frozenset()) -> None:
    """The page links, grouped, in the sidebar (Streamlit's own navigation is hidden); pages whose address is in
    `hidden` are not listed (they still refuse on their own)."""
    with st.sidebar:
        for group, members in groups().items():
            st.caption(group)
            for page in members:
                if page.url_path not in hidden:
                    st.page_link(page, label=page.title, icon=page.icon)


def moved_note() -> None:
    """Say so on the page when the user came by an old or unknown address."""
    path = st.session_state.pop(MOVED_KEY, None)
    if path and path.startswith("?"):
        st.info(f"Страницы «/{path[1:]}» в приложении нет — открыт обзор. Страницы — в меню слева.",
                icon=":material/info:")
    elif path:
        st.info(f"Адрес «/{path}» устарел: обзор теперь открывается по основному адресу приложения. "
                "Обновите закладку.", icon=":material/info:")
