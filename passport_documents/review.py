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
