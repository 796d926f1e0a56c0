"""Section 4 «Финансовое обеспечение» and the money table of «Дополнительные материалы» → funding.yaml: every printed
row in document order, its role (heading, line, source, detail, totals) and source read off its name."""

from __future__ import annotations

import re

from passport_documents.document import Document
from passport_documents.form import Section
from passport_documents.review import Review
from passport_documents.tables import header_years, rows
from passport_documents.words import clean, code_of, depth, is_code, money, parent_code, year_cells

#: a row's name -> (kind, source, detail); tried in order, the first that matches names it
_LABELS = (
    (r"^бюджеты государственных внебюджетных фондов", "source", "state_funds", None),
    (r"^(из них )?межбюджетные трансферты", "detail", "regional", "transfers_to_municipal"),
    (r"^бюджеты муниципальных образований", "detail", "regional", "municipal_own"),
    (r"^консолидированн\w* бюджеты муниципальных образований", "source", "municipal", None),
    (r"^консолидированн\w* бюджет", "source", "regional", None),
    (r"^бюджет (субъекта|\w+ской области|\w+ского края|республики)", "own", "regional", "own_budget"),
    (r"^федеральн\w* бюджет", "source", "federal", None),
    (r"^внебюджетные источники", "source", "extrabudgetary", None),
)
_TOTAL = re.compile(r"^Всего по \w+ проекту", re.IGNORECASE)


def _label(name: str) -> tuple[str, str, str | None] | None:
    text = (name or "").strip().lower()
    return next(((k, s, d) for pattern, k, s, d in _LABELS if re.match(pattern, text)), None)


def _starts_row(cells: list[str]) -> bool:
    name = clean(cells[1] if len(cells) > 1 else "") or ""
    return _label(name) is not None or bool(_TOTAL.match(name))


def _amounts(cells: list[str], years: list[int]) -> tuple[dict, float | None, dict]:
    """Right-aligned: the last cell is «Всего», the len(years) cells before it the years (a row printed with a
    column fewer — a page that lost «Всего» — reads its years from the third cell on)."""
    wanted = len(years) + 1
    values = cells[-wanted:] if len(cells) - wanted >= 2 else (cells[2:] + [""] * wanted)[:wanted]
    amounts, markers = year_cells(years, values[:-1], money)
    last = values[-1].strip()
    total = money(last) if last else None
    if last and total is None:
        markers["total"] = last
    return amounts, total, markers


def _entry(section: str, row, years: list[int]) -> tuple[str | None, str, dict]:
    """A printed row's code (None when it prints none), its name and its funding.yaml entry, its role not yet set."""
    first = row.cell(0).strip()
    printed, name = (first, clean(row.cell(1))) if is_code(first) else (None, clean(first or row.cell(1)))
    code = code_of(printed) if printed else None
    amounts, total, markers = _amounts(row.cells, years)
    entry = {"section": section, "line_code": code, "parent_line_code": None, "line_name": name or "", "role": None,
             "source": None, "detail": None, "kbk": None, "amounts": amounts, "total": total, "markers": markers,
             "line": row.line}
    return code, name or "", entry


def read_passport_table(doc: Document, section: Section, review: Review) -> tuple[list[dict], list[int]]:
    """The rows of section 4 and its year columns."""
    years = header_years(doc, section.start, section.end)
    out: list[dict] = []
    in_total = False
    line_code = None
    last_source: dict | None = None
    for row in rows(doc, section.start + 1, section.end, _starts_row):
        if len([c for c in row.cells if c.strip()]) <= 1 and len(row.cells) == 1:
            review.not_placed("funding", row.line, doc.line(row.line).text)
            continue
        code, name, entry = _entry("passport", row, years)
        label = _label(name)
        if _TOTAL.match(name):
            in_total, last_source = True, None
            entry["role"] = "project_total"
        elif label is not None:
            kind, source, detail = label
            if kind == "own":
                kind = "detail" if last_source is not None and last_source["source"] == "regional" else "source"
                detail = detail if kind == "detail" else None
            if kind == "source":
                last_source = entry
                parent = line_code
            else:
                parent = (last_source or {}).get("line_code") or line_code
            entry.update(role=("project_total_" if in_total else "") + kind, source=source, detail=detail,
                         parent_line_code=None if in_total else parent)
        elif code is None:
            entry["role"] = "heading"
        elif depth(code) == 1:
            printed_nothing = not entry["amounts"] and not entry["markers"] and entry["total"] is None
            entry["role"] = "heading" if printed_nothing else "line"
        else:
            entry.update(role="line", parent_line_code=parent_code(code))
            line_code, last_source = code, None
        out.append(entry)
    return out, years


def read_additional_table(doc: Document, section: Section, review: Review) -> tuple[list[dict], list[int]]:
    """The money table of «Дополнительные материалы»: lines with their budget code (КБК), their sources and
    «из них межбюджетные трансферты», and the project's total."""
    years = header_years(doc, section.start, section.end)
    out: list[dict] = []
    in_total = False
    line_code, last_source = None, None
    for row in rows(doc, section.start + 1, section.end, _starts_row):
        first = row.cell(0).strip()
        if not first and not row.cell(1).strip():
            continue
        if len(row.cells) < len(years) + 1:
            review.not_placed("additional", row.line, doc.line(row.line).text)
            continue
        code, name, entry = _entry("additional", row, years)
        label = _label(name)
        if code is not None:
            entry.update(role="line", kbk=clean(row.cell(2)))
            line_code, in_total = code, False
        elif _TOTAL.match(name):
            entry["role"] = "project_total"
            in_total, line_code = True, None
        elif name.lower().startswith("из них межбюджетные трансферты"):
            detail = "transfers_to_municipal" if last_source == "regional" else "transfers_to_budget"
            entry.update(role="project_total_detail" if in_total else "detail", source=last_source, detail=detail,
                         parent_line_code=line_code)
            review.guess("additional", row.line, "«из них межбюджетные трансферты» отнесены к источнику строкой выше",
                         f"{last_source}: {detail}")
        elif label is not None:
            last_source = label[1]
            entry.update(role="project_total_source" if in_total else "source", source=label[1],
                         parent_line_code=line_code)
        else:
            review.not_placed("additional", row.line, doc.line(row.line).text)
            continue
        out.append(entry)
    return out, years


def read_funding(doc: Document, section: Section, additional: Section | None, review: Review) -> dict:
    """funding.yaml of the document."""
    passport_rows, years = read_passport_table(doc, section, review)
    extra_rows, extra_years = read_additional_table(doc, additional, review) if additional else ([], [])
    for key, found, yrs in (("funding", passport_rows, years), ("additional", extra_rows, extra_years)):
        if found:
            lines = sum(1 for r in found if r["role"] == "line")
            sources = len({r["source"] for r in found if r["source"]})
            cells = sum(len(r["amounts"]) for r in found)
            review.count(key, f"строк финансирования: {lines} × источников: {sources} × годы {yrs[0]}–{yrs[-1]}; "
                              f"всего строк таблицы: {len(found)}, сумм: {cells}")
    return {"years": {"passport": years, "additional": extra_years}, "rows": passport_rows + extra_rows}
