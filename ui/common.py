"""Shared Streamlit pieces: cached model, filters bound to the URL, cached metric calls, exports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts import export
from domain.vocabulary import EXAMPLE_LABEL, FACTS_SOURCE, PASSPORT_SOURCE
from loaders.model import ModelError
from metrics import overview
from metrics.db import Model

SOURCE_LINE = f"{PASSPORT_SOURCE}; {FACTS_SOURCE}"


@st.cache_resource(show_spinner="Загрузка данных паспортов…")
def _open_model() -> Model:
    return Model()


def get_model() -> Model:
    """One model per server process: the built database read in place, facts followed live. A missing or stale
    database stops the page with a Russian message naming the command that builds it."""
    try:
        return _open_model()
    except ModelError as exc:
        st.error(f"Данные не загружены: {exc.message}", icon="⛔")
        st.stop()


def query(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a metrics function with a cursor; cached by its arguments and the facts version."""
    version = get_model().refresh_facts()
    return _cached(f"{fn.__module__}.{fn.__qualname__}", version, args, tuple(sorted(kwargs.items())), fn)


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(name: str, version: int, args: tuple, kwargs: tuple, _fn: Callable[..., Any]) -> Any:
    """Cache key: the function's name, the facts version and the arguments (the function itself is not hashed)."""
    return _fn(get_model().cursor(), *args, **dict(kwargs))

def figure(builder: Callable[..., go.Figure], *args: Any, **kwargs: Any) -> go.Figure:
    """Build a chart once per distinct input: plotly's validation makes big figures slow to rebuild."""
    return _cached_figure(f"{builder.__module__}.{builder.__qualname__}", args, tuple(sorted(kwargs.items())),
                          builder)


# cache_resource keeps the figure object itself (cache_data would unpickle, and so re-validate, it on every
# rerun); pages only read figures, and exports copy them before adding slide titles
@st.cache_resource(show_spinner=False, max_entries=256)
def _cached_figure(name: str, args: tuple, kwargs: tuple, _builder: Callable[..., go.Figure]) -> go.Figure:
    return _builder(*args, **dict(kwargs))


@dataclass(frozen=True)
class Filters:
    """What every page is filtered by (all of it lives in the URL)."""

    passport_ids: tuple[str, ...]
    year_from: int
    year_to: int
    as_of: date

    @property
    def years(self) -> tuple[int, int]:
        return (self.year_from, self.year_to)


def passport_names() -> dict[str, str]:
    frame = query(overview.passports)
    return dict(zip(frame["passport_id"], frame["territory"], strict=True))


def filters(allow_both: bool = True) -> Filters:
    """Sidebar filters: passport (or both), year range and the as-of date, bound to query params."""
    names = passport_names()
    options = list(names) + (["both"] if allow_both and len(names) > 1 else [])
    labels = {**names, "both": "Оба паспорта рядом"}
    # a bound radio keeps its label in the URL (?passport=Город+Томск); accept the id too (?passport=tomsk)
    raw = st.query_params.get("passport")
    if raw in options and "passport" not in st.session_state:
        st.session_state["passport"] = raw
    with st.sidebar:
        choice = st.radio("Паспорт", options, format_func=lambda o: labels.get(o, o), key="passport",
                          bind="query-params")
        years = query(overview.year_bounds)
        y0, y1 = int(years["year_min"].iloc[0]), int(years["year_max"].iloc[0])
        year_from, year_to = st.select_slider("Годы", options=list(range(y0, y1 + 1)), value=(y0, y1),
                                              key="years", bind="query-params")
        as_of = st.date_input("По состоянию на", value=date.today(), key="asof", bind="query-params",
                              format="DD.MM.YYYY")
    chosen = tuple(names) if choice == "both" else (choice or options[0],)
    return Filters(passport_ids=chosen, year_from=int(year_from), year_to=int(year_to), as_of=as_of)


def passport_label(f: Filters) -> str:
    names = passport_names()
    return " и ".join(names.get(p, p) for p in f.passport_ids)


def example_note(frame: pd.DataFrame, column: str = "is_example") -> None:
    """Say so when any fact shown is an example, not official data."""
    if column in frame.columns and frame[column].fillna(False).astype(bool).any():
        st.warning(f"Часть фактов — {EXAMPLE_LABEL}. Загруженные пользователями факты всегда заменяют пример.",
                   icon="⚠️")


def export_buttons(key: str, title: str, table: pd.DataFrame, f: Filters,
                   fig: go.Figure | None = None) -> None:
    """PNG / CSV / XLSX of one chart or table; the files are built only when a button is pressed."""
    stem = f"{key}_{'_'.join(f.passport_ids)}_{f.as_of:%Y%m%d}"
    cols = st.columns(3 if fig is not None else 2)
    i = 0
    if fig is not None:
        cols[i].download_button(
            "PNG для слайда", data=lambda: export.to_png(fig, title, passport_label(f), f.as_of, SOURCE_LINE),
            file_name=f"{stem}.png", mime="image/png", key=f"png_{key}", on_click="ignore", icon=":material/image:")
        i += 1
    cols[i].download_button(
        "CSV (Excel)", data=lambda: export.to_csv(table), file_name=f"{stem}.csv", mime="text/csv",
        key=f"csv_{key}", on_click="ignore", icon=":material/table:")
    cols[i + 1].download_button(
        "XLSX", data=lambda: export.to_xlsx(table, title=f"{title} — {passport_label(f)}, на {f.as_of:%d.%m.%Y}"),
        file_name=f"{stem}.xlsx", key=f"xlsx_{key}", on_click="ignore", icon=":material/grid_on:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def empty_state(message: str) -> None:
    """A sentence instead of an empty or misleading chart."""
    st.info(message, icon="ℹ️")
