"""Section 3 «Результаты» → results.yaml: results with deadline, text, characteristic, the result of the level above
they serve (a «Результат федерального проекта» row, or a regional result quoted in the cell), and the quantitative
targets their words state."""

from __future__ import annotations

import re

from domain.topic_rules import FLOW_ROLES, target_topic
from domain.vocabulary import MEASURE_BY_CODE
from passport_documents.document import Document
from passport_documents.form import Section
from passport_documents.review import Review
from passport_documents.tables import rows
from passport_documents.targets import targets_of
from passport_documents.words import clean, code_of, is_code, is_date, parent_code

#: the label that opens a row (or a cell) quoting the result of the level above, and the prefix of its measures
_QUOTED = {"федерального": "federal_", "регионального": "regional_"}
_QUOTED_LABEL = re.compile(r"Результат (федерального|регионального) проекта:")


def _split_quoted(text: str) -> dict:
    """A quoted result: its text, its characteristic and its deadline («Срок: 31.12.2019»)."""
    m = re.search(r"Результат (?:федерального|регионального) проекта:\s*(.*?)\s*"
                  r"(?:Характеристика результата (?:федерального|регионального) проекта:|$)", text)
    result = m.group(1).lstrip(". ").strip() if m else text
    c = re.search(r"Характеристика результата (?:федерального|регионального) проекта:\s*(.*?)\s*(?:Срок\s*:[^:]*)?$",
                  text)
    d = re.search(r"Срок\s*:?\s*(\d{2}\.\d{2}\.(\d{4}))", text)
    return {"result": result, "characteristic": c.group(1).strip() if c else None,
            "year": int(d.group(2)) if d else None}


def _split_combined(text: str, after_label: int) -> tuple[str, tuple[str, str | None, str | None] | None]:
    """A cell quoting the result of the level above and then stating the passport's own: the quoted part, and the
    own result's text, characteristic and deadline («Срок: 31.12.2024»)."""
    parts = re.split(r"\s*Результат (?:муниципального|регионального) проекта:\s*", text[after_label:], maxsplit=1)
    if len(parts) != 2:
        return text, None
    own, _, tail = parts[1].partition(" Характеристика результата муниципального проекта: ")
    if not tail:
        own, _, tail = parts[1].partition(" Характеристика результата регионального проекта: ")
    characteristic, _, when = tail.rpartition(" Срок: ")
    if not characteristic:
        characteristic, when = tail, ""
    return text[:after_label] + parts[0], (own, characteristic or None, when.strip() or None)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def read_results(doc: Document, section: Section, review: Review) -> dict:
    """results.yaml of the document."""
    found = rows(doc, section.start + 1, section.end)
    out: list[dict] = []
    quoted: dict | None = None
    pending: list = []
    for i, row in enumerate(found):
        printed = row.cell(0).strip()
        text = clean(row.cell(1)) or ""
        if len(row.cells) == 1:
            review.not_placed("results", row.line, doc.line(row.line).text)
            continue
        if not is_code(printed):
            out.append({"code": None, "code_printed": None, "parent": None, "federal_result": None,
                        "text": clean(" ".join(row.cells)), "deadline": None, "deadline_printed": None,
                        "characteristic": None, "targets": [], "line": row.line})
            continue
        code = code_of(printed)
        label = _QUOTED_LABEL.match(text)
        combined = len(re.findall(r"Результат (?:федерального|регионального|муниципального) проекта:", text)) > 1
        if label and not combined and not row.cell(2).strip():
            quoted = {"code": code, "line": row.line, "prefix": _QUOTED[label.group(1)], **_split_quoted(text)}
            pending = targets_of([("federal_result", quoted["result"]),
                                  ("federal_characteristic", quoted["characteristic"])], quoted["prefix"])
            continue
        following = found[i + 1] if i + 1 < len(found) else None
        if "." not in code and not row.cell(2).strip() and following is not None \
                and code_of(following.cell(0)) == code and _QUOTED_LABEL.match(clean(following.cell(1)) or ""):
            review.not_placed("results", row.line, doc.line(row.line).text)
            review.guess("results", row.line, f"строка {printed} — задача, под которой стоит результат "
                                              "федерального проекта с тем же номером: не результат, не записана")
            continue
        deadline = clean(row.cell(2))
        characteristic = clean(row.cell(3))
        own_quoted = None
        if label and combined:  # the result of the level above quoted in the cell, then the passport's own one
            quoted_part, own = _split_combined(text, label.end())
            if own is not None:
                own_quoted = quoted_part
                text, characteristic, when = own
                deadline = when or deadline
        year = int(deadline[-4:]) if is_date(deadline) else None
        targets = [(f, q, year) for f, q in targets_of([("text", text), ("characteristic", characteristic)])]
        if own_quoted:
            prefix = _QUOTED[label.group(1)]
            targets += [(f, q, year) for f, q in targets_of([("federal_result", own_quoted)], prefix)]
        if quoted is not None and pending:
            targets += [(f, q, quoted["year"]) for f, q in pending]
            pending = []
        entry = {
            "code": code, "code_printed": printed,
            "parent": quoted["code"] if quoted else parent_code(code),
            "federal_result": quoted["result"] if quoted else own_quoted,
            "federal_characteristic": quoted["characteristic"] if quoted else None,
            "federal_line": quoted["line"] if quoted else None,
            "text": text, "deadline": deadline if is_date(deadline) else None,
            "deadline_printed": None if not deadline or is_date(deadline) else deadline,
            "characteristic": characteristic, "targets": [], "line": row.line,
        }
        for field, q, when in targets:
            if q.measure not in MEASURE_BY_CODE:
                review.guess("results", row.line, f"результат {code}: у уровня выше нет меры «{q.measure}» — "
                                                  "число не записано", q.quote)
                continue
            entry["targets"].append({"measure": q.measure, "year": when, "value": _number(q.value),
                                     "share": q.share, "field": field, "quote": q.quote})
        out.append(entry)
    _series(out, review)
    coded = [r for r in out if r["code"]]
    n_targets = sum(len(r["targets"]) for r in coded)
    review.count("results", f"результатов: {len(coded)}, целей в числах: {n_targets}")
    return {"results": out}


def _series(results: list[dict], review: Review) -> None:
    """Each target's topic, role, series and whether it accumulates: a share is a level; a count is a running
    total when the series of its measure grows over the years (never falls, ends higher), otherwise a yearly flow."""
    by_measure: dict[str, list[tuple[int, float]]] = {}
    for r in results:
        for t in r["targets"]:
            by_measure.setdefault(t["measure"], []).append((t["year"] or 0, t["value"]))
    for r in results:
        kept = []
        for t in r["targets"]:
            topic = target_topic(t["measure"])
            values = [v for _, v in sorted(by_measure[t["measure"]])]
            years = {y for y, _ in by_measure[t["measure"]]}
            steady = all(a <= b for a, b in zip(values, values[1:], strict=False))
            grows = len(years) > 1 and steady and values[-1] > values[0]
            cumulative = t["share"] or (grows and topic not in FLOW_ROLES)
            kept.append({"measure": t["measure"], "year": t["year"], "value": t["value"], "cumulative": cumulative,
                         "topic": topic[0], "role": topic[1], "series": t["measure"],
                         "accumulates": "level" if cumulative else "flow", "quote": t["quote"]})
            review.guess("results", r["line"],
                         f"результат {r['code']}: {'доля' if t['share'] else 'количество'} «{t['measure']}» "
                         f"{t['year']} = {t['value']} ({'нарастающим итогом' if cumulative else 'за год'}; "
                         f"тема {topic[0]} / {topic[1]})", t["quote"])
        r["targets"] = kept
