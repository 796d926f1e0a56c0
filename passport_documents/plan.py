"""Приложение № 1 «План мероприятий» → activities.yaml: blocks (results of the plan), control points and activities,
and for each block the section-3 results it delivers — found by subject, year and numbers, a guess to check."""

from __future__ import annotations

from domain.topic_rules import subject, target_topic
from passport_documents.document import Document
from passport_documents.form import Section
from passport_documents.review import Review
from passport_documents.tables import rows
from passport_documents.targets import quantities
from passport_documents.words import clean, code_of, depth, is_code


def read_plan(doc: Document, section: Section, results: list[dict], review: Review) -> dict:
    """activities.yaml of the document."""
    start = next((n for n in range(section.start, section.end + 1) if doc.line(n).cell(0).startswith("№ п/п")),
                 section.start)
    out: list[dict] = []
    block = None
    for row in rows(doc, start, section.end):
        printed = row.cell(0).strip()
        if not is_code(printed):
            review.not_placed("plan", row.line, doc.line(row.line).text)
            continue
        code = code_of(printed)
        name = clean(row.cell(1)) or ""
        level = depth(code)
        if level == 1:
            kind, block = "result", code
        elif level == 2 or name.lower().startswith("контрольная точка"):
            kind = "control_point"
        else:
            kind = "activity"
        entry = {"code": code, "code_printed": printed, "kind": kind, "result_code": block or code.split(".")[0],
                 "name": name, "start": clean(row.cell(2)), "end": clean(row.cell(3)),
                 "responsible": clean(row.cell(4)), "document": clean(row.cell(5)),
                 "control_level": clean(row.cell(6))}
        if kind == "result":
            entry["delivers"] = []
        entry["line"] = row.line
        out.append(entry)
    _deliveries([a for a in out if a["kind"] == "result"], [r for r in results if r["code"]], review)
    points = sum(1 for a in out if a["kind"] == "control_point")
    review.count("plan", f"блоков: {sum(1 for a in out if a['kind'] == 'result')}, контрольных точек: {points}, "
                         f"мероприятий: {sum(1 for a in out if a['kind'] == 'activity')}")
    return {"activities": out}


def _facts(text: str, targets: list[dict] | None = None) -> tuple[set[str], set[float], set[tuple[str, float]]]:
    """What a text is about (topics), the numbers it states and its (measure, value) pairs: a result's own
    targets, or the quantities of a block's name; the subject its words name when it states no number."""
    if targets is None:
        found = [(q.measure, q.value) for q in quantities(text) if q.measure]
    else:
        found = [(t["measure"], float(t["value"])) for t in targets
                 if not t["measure"].startswith(("federal_", "regional_"))]
    if not found:
        topic = subject(text)
        return ({topic} if topic else set()), set(), set()
    return {target_topic(m)[0] for m, _ in found}, {value for _, value in found}, set(found)


def _year(date: str | None) -> int | None:
    return int(date[-4:]) if date and len(date) >= 4 and date[-4:].isdigit() else None


def _deliveries(blocks: list[dict], results: list[dict], review: Review) -> None:
    """For each topic, blocks and results about it are paired in document order so that the pairs share as much
    as they can (a year, the numbers); a result left over goes to the block of its topic that delivers a result
    with the same numbers. Every pair is a guess."""
    block_facts = {b["line"]: _facts(b["name"]) for b in blocks}
    result_facts = {r["line"]: _facts(r["text"] or "", r["targets"]) for r in results}
    topics = sorted({t for facts in block_facts.values() for t in facts[0]})
    paired: dict[int, list[dict]] = {b["line"]: [] for b in blocks}
    taken: set[int] = set()
    for topic in topics:
        bs = [b for b in blocks if topic in block_facts[b["line"]][0] and not paired[b["line"]]]
        rs = [r for r in results if topic in result_facts[r["line"]][0] and r["line"] not in taken]
        for b, r in _align(bs, rs, block_facts, result_facts):
            paired[b["line"]].append(r)
            taken.add(r["line"])
        for r in rs:
            if r["line"] in taken:
                continue
            same = next((b for b in bs if result_facts[r["line"]][2] and any(
                result_facts[x["line"]][2] == result_facts[r["line"]][2] for x in paired[b["line"]])), None)
            if same is not None:
                paired[same["line"]].append(r)
                taken.add(r["line"])
    for b in blocks:
        chosen = sorted(paired[b["line"]], key=lambda r: r["line"])
        b["delivers"] = [{"result": r["code"], "line": r["line"]} for r in chosen]
        review.guess("plan", b["line"], f"блок {b['code']} даёт результаты раздела 3 (по теме, году и числам)",
                     ", ".join(r["code"] for r in chosen) or "ни одного")


def _score(block: dict, result: dict, block_facts: dict, result_facts: dict) -> int:
    same_year = _year(block["end"]) is not None and _year(block["end"]) == _year(result["deadline"])
    numbers = len(block_facts[block["line"]][1] & result_facts[result["line"]][1])
    measures = len({m for m, _ in block_facts[block["line"]][2]} & {m for m, _ in result_facts[result["line"]][2]})
    return 1 + int(same_year) + numbers + measures


def _align(blocks: list[dict], results: list[dict], block_facts: dict, result_facts: dict) -> list[tuple]:
    """Order-keeping pairs of blocks and results with the largest total score (a sequence alignment)."""
    n, m = len(blocks), len(results)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1],
                             _score(blocks[i], results[j], block_facts, result_facts) + best[i + 1][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        here = _score(blocks[i], results[j], block_facts, result_facts) + best[i + 1][j + 1]
        if best[i][j] == here:
            pairs.append((blocks[i], results[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs
