"""What an import read and what a person must look at: per section the counts, every line that found no place,
every guess («проверьте») and every error (an error stops the import: nothing is written)."""

from __future__ import annotations

from dataclasses import dataclass, field

SECTIONS = {
    "basics": "1. Основные положения",
    "indicators": "2. Цель и показатели",
    "results": "3. Результаты",
    "funding": "4. Финансовое обеспечение",
    "participants": "5. Участники",
    "additional": "6. Дополнительные материалы",
    "plan": "План мероприятий",
    "methodology": "Методика расчёта показателей",
}


@dataclass(frozen=True)
class Note:
    """One thing said about a section: at a line of the document (0: the document as a whole), in Russian."""

    section: str
    line: int
    message: str
    value: str = ""


@dataclass
class Review:
    """The review of one document, section by section."""

    document: str
    counts: dict[str, str] = field(default_factory=dict)
    unplaced: list[Note] = field(default_factory=list)
    guesses: list[Note] = field(default_factory=list)
    errors: list[Note] = field(default_factory=list)

    def count(self, section: str, text: str) -> None:
        self.counts[section] = text

    def not_placed(self, section: str, line: int, text: str) -> None:
        self.unplaced.append(Note(section, line, "строка не отнесена ни к одной записи", text))

    def guess(self, section: str, line: int, message: str, value: object = "") -> None:
        self.guesses.append(Note(section, line, message, "" if value is None else str(value)))

    def error(self, section: str, line: int, message: str) -> None:
        self.errors.append(Note(section, line, message))

    @property
    def ok(self) -> bool:
        return not self.errors

    def of(self, section: str) -> dict[str, list[Note]]:
        """The notes of one section by kind."""
        return {kind: [n for n in notes if n.section == section] for kind, notes in
                (("errors", self.errors), ("unplaced", self.unplaced), ("guesses", self.guesses))}


def _line(document, number: int) -> str:
    if document is None or not number:
        return ""
    text = " | ".join(c.strip() for c in document.line(number).cells if c.strip())
    return text if len(text) <= 160 else text[:157] + "…"


def as_text(review: Review, document=None, changed: list | None = None, exists: bool = False) -> str:
    """The review for a terminal, in Russian: per section what was read, errors, lines without a place and every
    guess marked «проверьте» with its line; then what changes against the stored passport."""
    out = [f"Обзор импорта: {review.document}"]
    for key, title in SECTIONS.items():
        notes = review.of(key)
        if key not in review.counts and not any(notes.values()):
            continue
        out.append(f"\n{title}: {review.counts.get(key, 'не прочитан')}")
        for note in notes["errors"]:
            out.append(f"  ОШИБКА{f' (строка {note.line})' if note.line else ''}: {note.message}")
        for note in notes["unplaced"]:
            out.append(f"  не размещена строка {note.line}: {_line(document, note.line) or note.value}")
        for note in notes["guesses"]:
            where = f"строка {note.line}: " if note.line else ""
            value = f" — {note.value}" if note.value else ""
            out.append(f"  проверьте: {where}{note.message}{value}")
    if exists:
        out.append(f"\nИзменения против записанного паспорта: {len(changed or [])}")
        for change in (changed or [])[:200]:
            out.append(f"  {change.file}: {change.place}: {change.old!r} → {change.new!r}")
    return "\n".join(out)
