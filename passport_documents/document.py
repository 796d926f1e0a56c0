"""What every reader of a passport file produces: numbered lines of cells, as the text extract of the documents has
them (a table row — its cells, tab-separated in a text; a paragraph — one cell)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    """One line of the document: its number (1-based, as a reviewer finds it) and its cells."""

    number: int
    cells: tuple[str, ...]

    @property
    def text(self) -> str:
        """The line as the text extract prints it: cells joined by tabs."""
        return "\t".join(self.cells)

    def cell(self, index: int) -> str:
        """The cell at a position ('' past the end)."""
        return self.cells[index] if 0 <= index < len(self.cells) else ""


@dataclass
class Document:
    """A whole passport document: its file name, its format and its lines in reading order."""

    name: str
    kind: str  # text | docx | pdf
    lines: list[Line] = field(default_factory=list)

    def line(self, number: int) -> Line:
        """The line with this number (numbers run without gaps from 1)."""
        return self.lines[number - 1]

    def find(self, test, start: int = 1) -> int | None:
        """The number of the first line from `start` on whose text passes `test`; None when there is none."""
        for line in self.lines[start - 1:]:
            if test(line.text):
                return line.number
        return None


def from_text(name: str, kind: str, text: str) -> Document:
    """Lines of a text extract: one line per text line, cells split at tabs."""
    return Document(name, kind, [Line(i, tuple(raw.split("\t"))) for i, raw in enumerate(text.split("\n"), 1)])
