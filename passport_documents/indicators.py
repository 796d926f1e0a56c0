"""Section 2 «Цель и показатели» → indicators.yaml, with each indicator's topic and role by the vocabulary's rules."""

from __future__ import annotations

import re

from domain.topic_rules import indicator_topic
from passport_documents.document import Document
from passport_documents.form import Section
from passport_documents.review import Review
from passport_documents.tables import Row, header_years, merge, pieces
from passport_documents.words import clean, code_of, is_code, number, parent_code, year_cells

_UNIT = re.compile(r"[,\s]\s*(процент|человек|единиц[аы]?|тыс(?:\.|яча) человек)\s*$")


def _orphans(found: list[Row]) -> set[int]:
    """Rests of cut rows that belong to no row here: the row below them details a row that is not in the table
    (its beginning was lost with a page), so they cannot be the end of the row above."""
    codes: set[str] = set()
    lost = set()
    for i, piece in enumerate(found):
        if piece.continues:
            following = next((p for p in found[i + 1:] if not p.continues), None)
            code = code_of(following.cell(0)) if following and is_code(following.cell(0)) else None
            if code and parent_code(code) and parent_code(code) not in codes:
                lost.add(piece.line)
        elif is_code(piece.cell(0)):
            codes.add(code_of(piece.cell(0)))
    return lost


def read_indicators(doc: Document, section: Section, review: Review,
                    named: list[str]) -> tuple[dict, dict[int, list[int]]]:
    """indicators.yaml and, for each indicator, the lines it was read from. `named`: indicator names printed
    elsewhere in the passport (the methodology), to find a row whose beginning a page lost."""
    table = next((n for n in range(section.start, section.end + 1) if doc.line(n).cell(0).startswith("№ п/п")),
                 None)
    if table is None:
        review.error("indicators", section.start, "в разделе 2 нет таблицы показателей («№ п/п …»)")
        return {"years": [], "indicators": []}, {}
    years = header_years(doc, table, section.end)
    found = pieces(doc, table, section.end)
    lost = _orphans(found)
    hints: dict[str, str] = {}
    for piece in found:
        if piece.line in lost:
            review.not_placed("indicators", piece.line, doc.line(piece.line).text)
            fragment = clean(" ".join(piece.cells)) or ""
            following = next((p for p in found if p.line > piece.line and not p.continues), None)
            if following is not None and fragment:
                whole = next((n for n in named if n and fragment.rstrip(":,. ") in n), None)
                if whole:
                    hints[parent_code(code_of(following.cell(0))) or ""] = whole
    rows = merge([p for p in found if p.line not in lost])
    out, units, names, sources = [], {}, {}, {}
    for row in rows:
        sources[row.line] = row.lines
        printed = row.cell(0).strip()
        if len([c for c in row.cells if c.strip()]) == 1 and not is_code(printed) and len(row.cells) == 1:
            review.not_placed("indicators", row.line, doc.line(row.line).text)
            continue
        if not is_code(printed):
            out.append({"code": None, "code_printed": None, "parent": None, "name": clean(" ".join(row.cells)),
                        "type": None, "unit": None, "direction": None, "base_value": None, "base_date": None,
                        "plan": {}, "plan_printed": {}, "line": row.line})
            continue
        code = code_of(printed)
        if code != printed.rstrip("."):
            review.guess("indicators", row.line, f"код «{printed}» прочитан как «{code}» (буква вместо цифры)", code)
        name = clean(row.cell(1)) or ""
        parent = parent_code(code)
        m = _UNIT.search(name)
        unit = m.group(1) if m else units.get(parent)
        units[code], names[code] = unit, name
        plan, plan_printed = year_cells(years, row.cells[5:5 + len(years)], number)
        kind = clean(row.cell(2))
        entry = {"code": code, "code_printed": printed, "parent": parent, "name": name,
                 "type": kind.lower() if kind else None, "unit": unit, "direction": "up"}
        parent_name = names.get(parent) or hints.get(parent)
        topic = indicator_topic(name, parent_name)
        if topic is not None:
            entry.update(topic=topic[0], role=topic[1], series=f"ind-{code}", accumulates="level")
            how = "по названию строки, которой он подчинён" if indicator_topic(name) is None else "по названию"
            if parent in hints and parent not in names:
                how = "по названию показателя в методике, конец которого остался на разрыве страницы"
            review.guess("indicators", row.line, f"показатель {code}: тема и роль {how}; ряд ind-{code}, уровень",
                         f"{topic[0]} / {topic[1]}")
        elif plan:
            review.guess("indicators", row.line, f"показатель {code}: тема не распознана — укажите topic и role", "")
        base = clean(row.cell(3))
        entry.update({"base_value": number(base) if base else None, "base_date": clean(row.cell(4)),
                      "plan": plan, "plan_printed": plan_printed, "line": row.line})
        out.append(entry)
    coded = [i for i in out if i["code"]]
    review.count("indicators", f"показателей: {len(coded)} × годы {years[0] if years else '—'}–"
                               f"{years[-1] if years else '—'}; значений плана: "
                               f"{sum(len(i['plan']) for i in coded)}")
    return {"years": years, "indicators": out}, sources
