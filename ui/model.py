"""The model as the pages use it: one per server process, panels and lookups cached by the facts version."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from domain.access import Account
from facts.service import FactsService
from metrics.quality import materialize_in_background
from model.live import Model
from model.opening import ModelError
from panels.base import Filters, Panel
from store.records import StoreError


@st.cache_resource(show_spinner="Загрузка данных паспортов…")
def _open_model() -> Model:
    model = Model()
    # the quality findings of every passport (quality page, portfolio): computed once, in the background,
    # so that the first visitor of those pages does not wait for 2 000 passports' checks
    materialize_in_background(model.cursor())
    return model


def get_model() -> Model:
    """One model per server process: the built database read in place, facts followed live. A missing or stale
    database stops the page with a Russian message naming the command that builds it."""
    try:
        return _open_model()
    except (ModelError, StoreError) as exc:
        st.error(f"Данные не загружены: {exc.message}", icon=":material/error:")
        st.stop()


def reload_model() -> None:
    """Forget the opened model and everything cached from it: the next page opens the database built anew (a new
    passport saved on «Паспорта»)."""
    _open_model.clear()
    _cached.clear()
    _cached_panels.clear()


def facts_service(account: Account | None, origin: str) -> FactsService:
    """The facts service over the model's passports and store, acting for the account (None: sign-in off); the
    journal names where the changes came from."""
    return FactsService.of_model(get_model(), account, origin)


def query(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a metrics function with a cursor; cached by its arguments and the facts version."""
    version = get_model().refresh_facts()
    return _cached(f"{fn.__module__}.{fn.__qualname__}", version, args, tuple(sorted(kwargs.items())), fn)


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(name: str, version: int, args: tuple, kwargs: tuple, _fn: Callable[..., Any]) -> Any:
    """Cache key: the function's name, the facts version and the arguments (the function itself is not hashed)."""
    return _fn(get_model().cursor(), *args, **dict(kwargs))


def panels(builder: Callable[..., list[Panel]], f: Filters, **options: Any) -> list[Panel]:
    """The panels of a builder for the filters; built once per distinct input and facts version (figures are kept
    as objects: plotly's validation makes big figures slow to rebuild, and pages only read them)."""
    version = get_model().refresh_facts()
    return _cached_panels(f"{builder.__module__}.{builder.__qualname__}", version, f,
                          tuple(sorted(options.items())), builder)


@st.cache_resource(show_spinner="Считаю…", max_entries=256)
def _cached_panels(name: str, version: int, f: Filters, options: tuple,
                   _builder: Callable[..., list[Panel]]) -> list[Panel]:
    return _builder(get_model().cursor(), f, **dict(options))
