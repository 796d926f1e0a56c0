"""The panel: one self-contained thing on a page, a slide or in a report — and the filters that choose it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from charts.style import mark_example
from domain.formatting import Column, fmt_date
from domain.vocabulary import EXAMPLE_SOURCE, FACTS_SOURCE, PASSPORT_SOURCE


@dataclass(frozen=True)
class Filters:
    """What every page is filtered by: passports (one or several to compare), years and the as-of date."""

    passport_ids: tuple[str, ...]
    year_from: int
    year_to: int
    as_of: date

    @property
    def years(self) -> tuple[int, int]:
        return (self.year_from, self.year_to)


@dataclass
class Metric:
    """A key number of a panel of cards: label, value as shown, an optional note and a link to its page."""

    label: str
    value: str
    note: str = ""
    help: str = ""
    page: str | None = None


@dataclass
class Panel:
    """A title, a figure (optional: some panels are tables or cards), the table of exactly the figure's numbers,
    notes, a source line and whether example facts are in it. `empty` is a sentence said instead of a panel
    that has nothing to show (a topic the passport lacks)."""

    key: str
    title: str
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None
    columns: dict[str, Column] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    source: str = PASSPORT_SOURCE
    has_examples: bool = False
    has_facts: bool = False
    empty: str | None = None
    metrics: list[Metric] = field(default_factory=list)
    passport_ids: tuple[str, ...] = ()
    subtitle: str = ""
    #: a heading the page groups panels under (the topic on «Показатели», the passport …)
    group: str = ""
    #: the figure a slide shows when it differs from the page's (a Gantt of many rows: the main rows only)
    slide_figure: go.Figure | None = None
    #: a colour per row of the table to tint it with ('' for none): a late report red, a near one amber
    row_colours: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.empty is not None

    @property
    def kind(self) -> str:
        if self.is_empty:
            return "note"
        if self.figure is not None:
            return "chart"
        if self.metrics:
            return "cards"
        if self.table is not None:
            return "table"
        return "text"


def source_line(has_facts: bool, has_examples: bool) -> str:
    """The footer of a panel: the passports, and where its facts come from (users or the example data)."""
    parts = [PASSPORT_SOURCE]
    if has_examples:
        parts.append(EXAMPLE_SOURCE)
    if has_facts:
        parts.append(FACTS_SOURCE)
    return "; ".join(parts)


def finish(panel: Panel, facts: pd.Series | None = None, examples: pd.Series | None = None) -> Panel:
    """Set what the panel's data hold (facts, example facts), its source line and the example mark."""
    if facts is not None:
        panel.has_facts = bool(facts.notna().any()) and not bool(
            examples is not None and examples.fillna(False).astype(bool)[facts.notna()].all())
    if examples is not None:
        panel.has_examples = bool(examples.fillna(False).astype(bool).any())
    panel.source = source_line(panel.has_facts, panel.has_examples)
    if panel.has_examples:
        for figure in (panel.figure, panel.slide_figure):
            if figure is not None:
                mark_example(figure)
    return panel


def subtitle(names: dict[str, str], f: Filters) -> str:
    """«<территория> · 2019–2024 · по состоянию на 30.11.2026»."""
    shown = [names.get(p, p) for p in f.passport_ids]
    who = ", ".join(shown) if len(shown) <= 3 else f"{', '.join(shown[:2])} и ещё {len(shown) - 2}"
    years = f"{f.year_from}–{f.year_to}" if f.year_from != f.year_to else str(f.year_from)
    return f"{who} · {years} · по состоянию на {fmt_date(f.as_of)}"
