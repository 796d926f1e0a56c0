"""Panel of «Качество данных»: the contradictions the signed passports print, found by the quality checks."""

from __future__ import annotations

import duckdb
import pandas as pd

from domain import vocabulary as v
from domain.formatting import INT, YEAR, fmt_int
from metrics import overview, quality
from panels.base import Filters, Metric, Panel, subtitle

SECTION_RU = {
    "indicators": "показатели", "results": "результаты", "funding": "финансирование",
    "participants": "участники", "activities": "план мероприятий",
}


def quality_panels(con: duckdb.DuckDBPyConnection, f: Filters,
                   severities: tuple[str, ...] = ("error", "warning")) -> list[Panel]:
    """Counts by severity, then the findings of the chosen severities with the line of the document."""
    names = overview.passport_names(con)
    every = findings_table(con, f.passport_ids, tuple(v.SEVERITIES.codes))
    every["Паспорт"] = every["Паспорт"].map(lambda p: names.get(p, p))
    counts = every["Важность"].value_counts()
    cards = Panel(key="quality_counts", title="Замечания по важности", passport_ids=f.passport_ids, metrics=[
        Metric(t.note, fmt_int(counts.get(t.label, 0))) for t in v.SEVERITIES])
    chosen = every[every["Важность"].isin([v.SEVERITIES.label(s) for s in severities])].reset_index(drop=True)
    title = "Противоречия в тексте паспорта"
    if not severities:
        table = Panel(key="quality", title=title, empty="Выберите хотя бы один уровень важности.")
    elif chosen.empty:
        table = Panel(key="quality", title=title, empty="Замечаний этого уровня нет.")
    else:
        table = Panel(key="quality", title=title, table=chosen, columns={"Год": YEAR, "Строка паспорта": INT},
                      subtitle=subtitle(names, f), passport_ids=f.passport_ids,
                      notes=["То же из командной строки: `python -m metrics quality` (код выхода 1, если есть "
                             "ошибки). «Строка паспорта» — номер строки в исходном тексте документа."])
    return [cards, table]


#: check_id -> its Russian name (domain.vocabulary.QUALITY_CHECKS)
CHECK_RU = {t.code: t.label for t in v.QUALITY_CHECKS}


def findings_table(con: duckdb.DuckDBPyConnection, passport_ids: tuple[str, ...],
                   severities: tuple[str, ...]) -> pd.DataFrame:
    """Findings of the chosen passports and severities with Russian column names, for the page and exports."""
    frame = quality.quality_findings(con, tuple(passport_ids))
    return russian_table(frame[frame["severity"].isin(severities)])


def russian_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Findings (quality_findings) with Russian column names and labels."""
    return pd.DataFrame({
        "Паспорт": frame["passport_id"],
        "Важность": frame["severity"].map(v.SEVERITIES.label),
        "Раздел": frame["section"].map(SECTION_RU).fillna(frame["section"]),
        "Проверка": frame["check_id"].map(CHECK_RU).fillna(frame["check_id"]),
        "Код": frame["code"],
        "Год": frame["year"].astype("Int64"),
        "Что не так": frame["message"],
        "Строка паспорта": frame["line"].astype("Int64"),
        "Все строки": [", ".join(map(str, lines)) for lines in frame["lines"]],
    })
