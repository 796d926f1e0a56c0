"""Problems of an input in Russian: which file, where in it, what is wrong. Every reader raises them the same way
(passport YAML, facts and register files, passport documents), and the pages and command lines print them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputProblem:
    """One problem in an input file: the file, the place inside it and a Russian message."""

    file: str
    place: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.place}" if self.place else self.file
        return f"{where}: {self.message}"


class InputError(Exception):
    """Raised when input files are rejected; carries every problem found."""

    def __init__(self, problems: list[InputProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
