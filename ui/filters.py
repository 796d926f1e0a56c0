"""The filters every page shares — passports (one, or several to compare), years and the as-of date — drawn once
in the app's entrypoint so that they, and the URL that carries them, survive navigation between pages."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import streamlit as st

from metrics import overview
from panels.base import Filters
from ui.model import query

PASSPORT_PARAM = "passport"
DEFAULT_ZONE = "Europe/Moscow"
_STATE = "filters"


def passport_names() -> dict[str, str]:
    """passport_id -> territory, in id order."""
    frame = query(overview.passports)
    return dict(zip(frame["passport_id"], frame["territory"], strict=True))


def _from_url(names: dict[str, str]) -> list[str]:
    """Passports named in the URL: ?passport=ID (several for a comparison); a territory name works too."""
    by_name = {name: pid for pid, name in names.items()}
    chosen = []
    for value in st.query_params.get_all(PASSPORT_PARAM):
        pid = value if value in names else by_name.get(value)
        if pid and pid not in chosen:
            chosen.append(pid)
    return chosen


def today_in(passport_id: str) -> date:
    """Today where the passport's territory is (its time zone), not on the server."""
    frame = query(overview.passports)
    zones = dict(zip(frame["passport_id"], frame["timezone"], strict=True))
    return datetime.now(ZoneInfo(zones.get(passport_id) or DEFAULT_ZONE)).date()


def sidebar() -> Filters:
    """Draw the shared filters in the sidebar and remember them for the page that runs next."""
    names = passport_names()
    ids = list(names)
    if "passports" not in st.session_state:
        st.session_state["passports"] = _from_url(names) or ids[:1]
    with st.sidebar:
        chosen = st.multiselect("Паспорта", ids, format_func=lambda p: names.get(p, p), key="passports",
                                placeholder="выберите паспорт",
                                help="Один паспорт — его страницы; несколько — сравнение на тех же графиках.")
        years = query(overview.year_bounds)
        y0, y1 = int(years["year_min"].iloc[0]), int(years["year_max"].iloc[0])
        year_from, year_to = st.select_slider("Годы", options=list(range(y0, y1 + 1)), value=(y0, y1),
                                              key="years", bind="query-params")
        chosen = [p for p in chosen if p in names] or ids[:1]
        as_of = st.date_input("По состоянию на", value=today_in(chosen[0]), key="asof", bind="query-params",
                              format="DD.MM.YYYY", help="По умолчанию — сегодня по времени территории паспорта.")
    st.query_params[PASSPORT_PARAM] = chosen  # ids, not names: names repeat across municipalities
    f = Filters(passport_ids=tuple(chosen), year_from=int(year_from), year_to=int(year_to), as_of=as_of)
    st.session_state[_STATE] = f
    return f


def current() -> Filters:
    """The filters the entrypoint drew for this run (a page run on its own draws them itself)."""
    f = st.session_state.get(_STATE)
    return f if isinstance(f, Filters) else sidebar()
