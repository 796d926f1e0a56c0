"""What facts can be entered for: the fact targets of the model (every key that can carry a fact, with its plan),
how files name passports, and the lookups a file's rows are checked against (`Catalogue`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import duckdb
import pandas as pd

from domain import vocabulary as v
from model.queries import run, run_rows
from spreadsheets.values import short


def fact_targets(con: duckdb.DuckDBPyConnection, passport_id: str | None = None,
                 passport_ids: list[str] | None = None, named_by: Iterable[object] | None = None) -> pd.DataFrame:
    """Every key that can carry a fact (of one passport, of passport_ids, or of the passports the «Паспорт»
    cells named_by name), with its plan (from the fact_target view), the passport's territory and period, and
    how the passport is named in files (passport_label)."""
    if named_by is not None:
        passport_ids = [*(passport_ids or []), *passports_named(con, named_by)]
    ids = None if passport_ids is None else list(passport_ids)
    targets = run(con, "fact_targets", passport_id=passport_id, passport_ids=ids, kind_order=list(v.FACT_KINDS.codes))
    labels = passport_labels(_names(con))
    targets["passport_label"] = targets["passport_id"].map(labels)
    return targets


def name_key(text: object) -> str:
    """How a name in a file cell is compared: spaces collapsed, any case."""
    return " ".join(str(text or "").split()).lower()


def passports_named(con: duckdb.DuckDBPyConnection, cells: Iterable[object]) -> list[str]:
    """The passports «Паспорт» cells may name — by id, by territory (every passport of that name, so that an
    ambiguous name is still reported as such) or as «territory (id)»; a cell naming none names nothing."""
    wanted: set[str] = set()
    for cell in set(cells):
        text = name_key(cell)
        wanted.add(text)
        if text.endswith(")") and " (" in text:
            name, _, pid = text[:-1].rpartition(" (")
            wanted.update((name, pid))
    wanted.discard("")
    return [pid for pid, territory in _names(con) if pid.lower() in wanted or str(territory).lower() in wanted]


def passport_labels(rows: list[tuple[str, str]]) -> dict[str, str]:
    """How a passport is named in files: its territory, or «territory (id)» where two passports share a name."""
    counts: dict[str, int] = {}
    for _pid, name in rows:
        counts[name] = counts.get(name, 0) + 1
    return {pid: name if counts[name] == 1 else f"{name} ({pid})" for pid, name in rows}


@dataclass
class Catalogue:
    """Lookups over fact_target: what exists, with which measures and years."""

    known: dict[tuple, object]
    codes: set[tuple]
    years: dict[tuple, list[int]]
    passports: set[str]
    #: the dates a fact of each passport may carry: its period widened by INPUT_LIMITS.date_margin_years
    periods: dict[str, tuple[date, date]]
    #: how a file may name a passport (its id, its territory if no other passport has it, «territory (id)»)
    names: dict[str, str] = field(default_factory=dict)
    #: how the template names each passport
    labels: dict[str, str] = field(default_factory=dict)
    #: the first and last year of each passport
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: the user's own measures by passport and name (lower case): a file may name one instead of its number
    own_measures: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def of(cls, targets: pd.DataFrame, cells: Iterable[object] | None = None) -> Catalogue:
        """The lookups of the targets. With `cells` (the «Паспорт» cells of a file) the lookups of codes, years
        and measures cover only the passports those cells name — a file's cost follows the file, not the 2 000
        passports; how passports are named and their periods are read off one row per passport."""
        periods, names, labels, spans = {}, {}, {}, {}
        margin = v.INPUT_LIMITS.date_margin_years
        firsts = targets.drop_duplicates("passport_id")
        for pid, label in zip(firsts["passport_id"], firsts.get("passport_label", [None] * len(firsts)),
                              strict=True):
            names[pid.lower()] = pid
            if isinstance(label, str):
                labels[pid] = label
                names[label.lower()] = pid
                names[label.rsplit(" (", 1)[0].lower()] = pid if " (" not in label else ""
        if "passport_start" in targets and "passport_end" in targets:
            dated = targets[targets["passport_start"].notna() & targets["passport_end"].notna()]
            for r in dated.drop_duplicates("passport_id").itertuples(index=False):
                start, end = _day(r.passport_start), _day(r.passport_end)
                if start and end:
                    periods[r.passport_id] = (_shift(start, -margin), _shift(end, margin))
                    spans[r.passport_id] = (start.year, end.year)
        if cells is not None:
            named = {names.get(name_key(c)) for c in set(cells)} - {None, ""}
            targets = targets[targets["passport_id"].isin(named)]
        known, codes, years = {}, set(), {}
        for r in targets.itertuples(index=False):
            known[(r.passport_id, r.kind, r.section, r.code, r.measure, int(r.year))] = r
            codes.add((r.passport_id, r.kind, r.section, r.code))
            years.setdefault((r.passport_id, r.kind, r.section, r.code, r.measure), []).append(int(r.year))
        own = {(r.passport_id, " ".join(str(r.name).split()).lower()): r.code
               for r in targets[targets["kind"] == "user_measure"].itertuples(index=False)}
        return cls(known, codes, years, set(firsts["passport_id"]), periods, names, labels, spans, own)

    def passport_years(self, passport_id: str) -> list[int]:
        """The years of the passport's period (empty when the period is not known)."""
        span = self.spans.get(passport_id)
        return list(range(span[0], span[1] + 1)) if span else []

    def label(self, passport_id: str) -> str:
        """How files and previews name the passport."""
        if passport_id in self.labels:  # found at once: a preview asks once per row
            return self.labels[passport_id]
        names = [n for n, pid in self.names.items() if pid == passport_id and n != passport_id.lower()]
        return names[0] if names else passport_id

    def passport(self, text: object) -> str | None:
        """The passport a cell names: its id, its territory (when no other passport has it), «territory (id)»."""
        return self.names.get(name_key(text)) or None


def unknown_passport(cell: object) -> str:
    """The message for a «Паспорт» cell that names no passport (or a territory two passports share)."""
    return (f"неизвестный паспорт «{short(cell, 40)}»: нет паспорта с таким кодом или названием территории (или так "
            "названы два паспорта) — впишите его, как в столбце «Паспорт» шаблона фактов")


def _day(value: object) -> date | None:
    """A date from the targets frame (date, Timestamp, NaT or None)."""
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def _shift(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)




def labels_of(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """How files name every passport of the model (passport_labels)."""
    return passport_labels(_names(con))


def _names(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(passport_id, territory) of every passport."""
    return [(pid, territory) for pid, territory, *_ in run_rows(con, "passports")]
