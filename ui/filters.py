"""The filters every page shares — passports (one, or several to compare), years and the as-of date — drawn once
in the app's entrypoint so that they, and the URL that carries them, survive navigation between pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import streamlit as st

from metrics import overview
from panels.base import Filters
from ui import auth
from ui.model import get_model, query

PASSPORT_PARAM = "passport"
#: passports the picker lists at most (the region's, matching the search)
PICKER_LIMIT = 60
DEFAULT_ZONE = "Europe/Moscow"
_STATE = "filters"


def passport_names() -> dict[str, str]:
    """passport_id -> territory, in id order: the passports this session may see."""
    names = get_model().passport_names  # read once per model: a page asks for the names once per panel
    shown = auth.visible(names)
    return dict(names) if len(shown) == len(names) else {pid: names[pid] for pid in shown}


def allowed_passports() -> tuple[str, ...] | None:
    """The passports a viewer's list names (None: every passport)."""
    frame = query(overview.passports)
    shown = auth.visible(frame["passport_id"].tolist())
    return None if len(shown) == len(frame) else tuple(shown)


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


def passport_label(row: Any) -> str:
    """How the picker names a passport: «<территория> · <регион>» for a municipality, «<территория> (регион)»."""
    territory, region, level = row.territory, row.region, row.level
    if level == "regional":
        return f"{territory} (регион)"
    return f"{territory} · {region}" if isinstance(region, str) and region else str(territory)


def _picker(names: dict[str, str]) -> list[str]:
    """Region, a search box when there are many passports, and the passports to show: the list sent to the browser
    is the region's passports matching the search (at most PICKER_LIMIT), never all 2 000."""
    n_passports, n_regions = query(overview.passport_count)
    region = None
    if n_regions > 1:
        regions = query(overview.regions)
        region = st.selectbox("Регион", [None, *regions["region"]], key="region", bind="query-params",
                              format_func=lambda r: r or "все регионы",
                              help="Сужает список паспортов до региона и его муниципалитетов.")
    search = None
    if n_passports > PICKER_LIMIT:
        search = st.text_input("Найти паспорт", key="passport_search", placeholder="например, Томск или Белогорск",
                               help="Часть названия территории или региона")
    options = query(overview.passport_options, region, search, tuple(st.session_state["passports"]), PICKER_LIMIT,
                    allowed_passports())
    labels = {r.passport_id: passport_label(r) for r in options.itertuples(index=False)}
    shown = len(options) - len([p for p in st.session_state["passports"] if p in labels])
    help_text = "Один паспорт — его страницы; несколько — сравнение на тех же графиках."
    if n_passports > PICKER_LIMIT:
        help_text += f" Показаны до {PICKER_LIMIT} паспортов, подходящих под поиск и регион."
    chosen = st.multiselect("Паспорта", list(labels), format_func=lambda p: labels.get(p, names.get(p, p)),
                            key="passports", placeholder="выберите паспорт", help=help_text)
    if search and shown <= 0:
        st.caption("Ничего не найдено: проверьте название или выберите «все регионы».")
    return chosen


def sidebar() -> Filters:
    """Draw the shared filters in the sidebar and remember them for the page that runs next."""
    names = passport_names()
    ids = list(names)
    if not ids:
        st.error("Вашей учётной записи не назначено ни одного паспорта из загруженных: обратитесь к администратору.")
        st.stop()
    if "passports" not in st.session_state or not set(st.session_state["passports"]) <= set(names):
        st.session_state["passports"] = _from_url(names) or ids[:1]
    with st.sidebar:
        chosen = _picker(names)
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
