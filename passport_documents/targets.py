"""Quantitative targets read from a result's words: each number with the word after it («400 детей», «4 %»,
«2 тыс. работников») and «все / во всех …» (a share of 100 %), its measure named by the vocabulary's rules
(domain.topic_rules) from that word and its clause. Years, dates and document or school numbers are not quantities;
a quantity no rule names (a speed «100 Мб/с», «всех категорий граждан») is not a target."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.topic_rules import measure_of

_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_NOT_QUANTITY = re.compile(
    rf"\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|№\s*\d+|\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}"
    r"|(?<!\d)(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*(?:год\w*|г\.|г(?!\w))")
_NUMBER = re.compile(r"(?<![\d,])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:,\d+)?)(?!\d)\s*(тыс\.|тысяч\w*)?\s*(%)?")
_EVERY = re.compile(r"(?<!\w)(?:во\s+)?(?:все|всех|всеми)\s+", re.IGNORECASE)
#: where one clause ends: «;», or a full stop after a word and before a capital
_CLAUSE_END = re.compile(r";|(?<=[а-яёa-z»)]{2})\.(?=\s+[А-ЯЁ])")


@dataclass(frozen=True)
class Quantity:
    """A quantity a text states: its value, whether it is a share, the measure the rules give it (None: no rule
    fits) and the clause it was read from (the quote)."""

    value: float
    share: bool
    measure: str | None
    quote: str


def _clauses(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in _CLAUSE_END.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def _quote(text: str, start: int, end: int, at: int) -> str:
    """The words a number was read from: the part of its clause between commas (outside brackets) that holds it,
    with the next part when it is only a word or two."""
    clause = text[start:end]
    parts, depth, begin = [], 0, 0
    for i, ch in enumerate(clause):
        depth += ch == "(" or -(ch == ")")
        if ch == "," and depth <= 0:
            parts.append((begin, i))
            begin = i + 1
    parts.append((begin, len(clause)))
    index = next(i for i, (a, b) in enumerate(parts) if a <= at - start <= b)
    a, b = parts[index]
    if len(clause[a:b].split()) < 4 and index + 1 < len(parts):
        b = parts[index + 1][1]
    return re.sub(r"^[\s–—•-]+", "", clause[a:b]).strip().rstrip(",.;")


def quantities(text: str | None) -> list[Quantity]:
    """Every quantity of a text, in order."""
    if not text:
        return []
    masked = _NOT_QUANTITY.sub(lambda m: " " * len(m.group()), text)
    found: list[tuple[int, Quantity]] = []
    clauses = _clauses(text)

    def clause_at(pos: int) -> tuple[int, int]:
        return next(((a, b) for a, b in clauses if a <= pos <= b), (0, len(text)))

    for m in _NUMBER.finditer(masked):
        value = float(re.sub(r"\s", "", m.group(1)).replace(",", "."))
        if m.group(2):
            value *= 1000
        share = bool(m.group(3))
        after = " ".join(masked[m.end():m.end() + 80].split()[:2]) if share else (masked[m.end():].split() or [""])[0]
        start, end = clause_at(m.start())
        clause = text[start:end]
        found.append((m.start(), Quantity(value, share, measure_of(after, clause, share),
                                          _quote(text, start, end, m.start()))))
    for m in _EVERY.finditer(masked):
        after = " ".join(masked[m.end():m.end() + 80].split()[:2])
        start, end = clause_at(m.start())
        found.append((m.start(), Quantity(100.0, True, measure_of(after, text[start:end], True),
                                          _quote(text, start, end, m.start()))))
    return [q for _, q in sorted(found, key=lambda pair: pair[0])]


def targets_of(texts: list[tuple[str, str | None]], prefix: str = "") -> list[tuple[str, Quantity]]:
    """The targets of a result from its texts in order ((field, text)): each named quantity once — a quantity of
    the same measure and value as one read before (the characteristic repeating the text) is not read again."""
    seen: set[tuple[str, float]] = set()
    out: list[tuple[str, Quantity]] = []
    for field, text in texts:
        for q in quantities(text):
            if q.measure is None or (q.measure, q.value) in seen:
                continue
            seen.add((q.measure, q.value))
            out.append((field, Quantity(q.value, q.share, prefix + q.measure, q.quote)))
    return out
