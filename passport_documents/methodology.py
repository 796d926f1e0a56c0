"""Приложение № 2 «Методика расчета» → methodology.yaml; a passport without it keeps the methodology footnotes of
its indicator table (one entry per indicator whose footnote speaks of the methodology)."""

from __future__ import annotations

import re

from passport_documents.document import Document
from passport_documents.form import Section
from passport_documents.review import Review
from passport_documents.tables import is_footnote, is_header, is_sub_header
from passport_documents.words import SUPERSCRIPTS, clean, code_of, is_code, join_fragments, number

_FIELDS = ("method", "base_indicators", "data_source", "responsible", "aggregation", "timing", "extra")


def read_methodology(doc: Document, section: Section, review: Review) -> list[dict]:
    """The rows of the methodology appendix: an indicator-name heading, then its numbered row."""
    out: list[dict] = []
    pending: dict | None = None
    started = False
    for n in range(section.start + 1, section.end + 1):
        line = doc.line(n)
        cells = list(line.cells) + [""] * 8
        if is_header(line.cells):
            started = True
            continue
        if not started or not line.text.strip() or is_footnote(line.text) or is_sub_header(line.cells):
            continue
        first = cells[0].strip()
        if is_code(first):
            out.append({"number": code_of(first), "indicator_name": clean(pending["text"]) if pending else None,
                        **dict(zip(_FIELDS, cells[1:8], strict=True)), "line": pending["line"] if pending else n})
            pending = None
        elif first:
            pending = {"text": join_fragments(pending["text"], first), "line": pending["line"]} if pending \
                else {"text": first, "line": n}
        elif out and pending is None:
            for key, value in zip(_FIELDS, cells[1:8], strict=True):
                if value.strip():
                    out[-1][key] = join_fragments(out[-1][key], value)
        else:
            review.not_placed("methodology", n, line.text)
    for row in out:
        for key in _FIELDS:
            row[key] = clean(row[key])
        if row["base_indicators"] is not None and number(row["base_indicators"]) is not None:
            row["base_indicators"] = number(row["base_indicators"])
    review.count("methodology", f"методик показателей: {len(out)}")
    return out


def footnote_methodology(doc: Document, section: Section, indicators: list[dict], sources: dict[int, list[int]],
                         review: Review) -> list[dict]:
    """Without the appendix: the footnotes under the indicator table that speak of the methodology, one entry per
    indicator marking them (number = the indicator's code)."""
    notes: dict[str, tuple[int, str]] = {}
    for n in range(section.start, section.end + 1):
        m = re.match(rf"^([{SUPERSCRIPTS}]+)\s+(.*)$", doc.line(n).text)
        if m:
            notes[m.group(1)] = (n, m.group(2).strip())
    digit = {ch: str(i) for i, ch in enumerate(SUPERSCRIPTS)}
    out = []
    for ind in indicators:
        if not ind["code"]:
            continue
        raw = " ".join(doc.line(n).text for n in sources.get(ind["line"], [ind["line"]]))
        marks = []
        for braced, sup in re.findall(rf"\^\{{([\d\s]+)\}}|([{SUPERSCRIPTS}]+)", raw):
            marks += braced.split() if braced else ["".join(digit[ch] for ch in sup)]
        method, extra, line = None, [], None
        for mark in marks:
            key = "".join(SUPERSCRIPTS[int(d)] for d in mark)
            if key not in notes:
                continue
            at, text = notes[key]
            if "етодик" in text and method is None:
                method, line = text, at
            else:
                extra.append(text)
        if method is None:
            continue
        out.append({"number": ind["code"], "indicator_name": ind["name"], "method": method, "base_indicators": None,
                    "data_source": None, "responsible": None, "aggregation": None, "timing": None,
                    "extra": " ".join(extra) or None, "line": line})
    review.count("methodology", f"приложения с методикой нет; методик из сносок к показателям: {len(out)}")
    if out:
        review.guess("methodology", 0, "методика взята из сносок таблицы показателей (приложения нет)", len(out))
    return out
