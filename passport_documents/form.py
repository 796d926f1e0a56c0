"""Where the standard form's sections are in a document: each starts at its heading, ends where the next begins."""

from __future__ import annotations

import re
from dataclasses import dataclass

from passport_documents.document import Document

#: section -> the heading that opens it (a line of one cell); «appendix» lines only end the section above them
HEADINGS = (
    ("basics", re.compile(r"^1\.\s*Основные положения")),
    ("indicators", re.compile(r"^2\.\s*Цель и показатели")),
    ("results", re.compile(r"^3\.\s*Результаты")),
    ("funding", re.compile(r"^4\.\s*Финансовое обеспечение")),
    ("participants", re.compile(r"^5\.\s*Участники")),
    ("additional", re.compile(r"^6\.\s*Дополнительные материалы")),
    ("appendix", re.compile(r"^ПРИЛОЖЕНИЕ\s*№", re.IGNORECASE)),
    ("plan", re.compile(r"^ПЛАН МЕРОПРИЯТИЙ", re.IGNORECASE)),
    ("methodology", re.compile(r"^МЕТОДИКА", re.IGNORECASE)),
)
REQUIRED = ("basics", "indicators", "results", "funding", "participants", "plan")


@dataclass(frozen=True)
class Section:
    """A section's heading line and its last line."""

    key: str
    start: int
    end: int


def sections(doc: Document) -> dict[str, Section]:
    """Every section found, by key (the first heading of each kind counts)."""
    starts: list[tuple[int, str]] = []
    seen: set[str] = set()
    for line in doc.lines:
        if len([c for c in line.cells if c.strip()]) != 1:
            continue
        text = line.text.strip()
        for key, pattern in HEADINGS:
            if pattern.match(text) and (key == "appendix" or key not in seen):
                starts.append((line.number, key))
                seen.add(key)
                break
    found: dict[str, Section] = {}
    for i, (start, key) in enumerate(starts):
        following = starts[i + 1][0] if i + 1 < len(starts) else len(doc.lines) + 1
        if key != "appendix":
            found[key] = Section(key, start, following - 1)
    return found


def level_of(doc: Document, before: int) -> str | None:
    """regional or municipal, from the title above section 1 («ПАСПОРТ регионального проекта …»)."""
    for line in doc.lines[:before]:
        text = line.text.strip().lower()
        if text.startswith("регионального проекта"):
            return "regional"
        if text.startswith("муниципального проекта"):
            return "municipal"
    return None


def title_of(doc: Document, before: int) -> tuple[str | None, int | None]:
    """«Паспорт регионального проекта «…»» from the three title lines, and the line of «ПАСПОРТ»."""
    lines = [line for line in doc.lines[:before] if line.text.strip()]
    for i, line in enumerate(lines):
        if line.text.strip().upper() == "ПАСПОРТ" and i + 2 < len(lines):
            return f"Паспорт {lines[i + 1].text.strip()} {lines[i + 2].text.strip()}", line.number
    return None, None
