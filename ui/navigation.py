"""The app's navigation, in Russian only: the pages grouped in the sidebar, and old addresses that land on the
overview with a note instead of Streamlit's English «page not found»."""

from __future__ import annotations

from urllib.parse import urlparse

import streamlit as st

MOVED_KEY = "moved_from"
#: addresses of earlier versions of the app and where they live now
OLD_ADDRESSES = {"overview": "app_pages/overview.py"}


def _moved(path: str, target: str):
    def page() -> None:
        st.session_state[MOVED_KEY] = path
        st.switch_page(target)
    page.__name__ = f"moved_{path}"
    return page


def pages(groups: dict[str, list[st.Page]]) -> list[st.Page]:
    """Every page, plus hidden ones for the old addresses."""
    every = [p for group in groups.values() for p in group]
    every += [st.Page(_moved(path, target), title="Обзор", url_path=path) for path, target in OLD_ADDRESSES.items()]
    return every


def note_unknown_address(groups: dict[str, list[st.Page]]) -> None:
    """An address no page answers to: Streamlit opens the overview (with its own English notice); say it in
    Russian too."""
    known = {p.url_path for group in groups.values() for p in group} | set(OLD_ADDRESSES) | {""}
    try:
        path = urlparse(st.context.url or "").path.strip("/")
    except (AttributeError, ValueError):
        return
    if path and path.split("/")[-1] not in known:
        st.session_state[MOVED_KEY] = f"?{path}"


def sidebar(groups: dict[str, list[st.Page]], hidden: frozenset[str] = frozenset()) -> None:
    """The page links, grouped, in the sidebar (Streamlit's own navigation is hidden); pages whose address is in
    `hidden` are not listed (they still refuse on their own)."""
    with st.sidebar:
        for group, members in groups.items():
            st.caption(group)
            for page in members:
                if page.url_path not in hidden:
                    st.page_link(page, label=page.title, icon=page.icon)


def moved_note() -> None:
    """Say so on the page when the user came by an old address."""
    path = st.session_state.pop(MOVED_KEY, None)
    if path and path.startswith("?"):
        st.info(f"Страницы «/{path[1:]}» в приложении нет — открыт обзор. Страницы — в меню слева.",
                icon=":material/info:")
    elif path:
        st.info(f"Адрес «/{path}» устарел: обзор теперь открывается по основному адресу приложения. "
                "Обновите закладку.", icon=":material/info:")
