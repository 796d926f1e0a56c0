"""An ordered list of domain terms (code, Russian label, colour): the shape every vocabulary entry takes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One word of the domain: a stable code (stored, in URLs and SQL), its Russian label and colour."""

    code: str
    label: str
    colour: str = ""
    note: str = ""


class Terms:
    """Terms in display order, looked up by code; labels are what users read, codes what is stored."""

    def __init__(self, name: str, terms: list[Term] | tuple[Term, ...], aliases: dict[str, str] | None = None):
        self.name = name
        self._terms = tuple(terms)
        self._by_code = {t.code: t for t in self._terms}
        if len(self._by_code) != len(self._terms):
            raise ValueError(f"{name}: повтор кода")
        # what a user may type instead of the code: the label, the code, aliases; case-insensitive
        self._lookup = {t.code.lower(): t.code for t in self._terms}
        self._lookup |= {t.label.lower(): t.code for t in self._terms}
        self._lookup |= {k.lower(): v for k, v in (aliases or {}).items()}

    def __iter__(self) -> Iterator[Term]:
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __getitem__(self, code: str) -> Term:
        return self._by_code[code]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self._terms)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(t.label for t in self._terms)

    def label(self, code: object, default: str | None = None) -> str:
        """The Russian label of a code; the default (or the code itself) when unknown."""
        term = self._by_code.get(code) if isinstance(code, str) else None
        if term is not None:
            return term.label
        return default if default is not None else ("" if code is None else str(code))

    def colour(self, code: str, default: str = "#bdbdbd") -> str:
        term = self._by_code.get(code)
        return term.colour if term and term.colour else default

    def order(self, code: str) -> int:
        """Position in display order; unknown codes go last."""
        return self.codes.index(code) if code in self._by_code else len(self._terms)

    def parse(self, text: object) -> str | None:
        """A code from what a user typed (code, Russian label or alias, any case); None when unknown."""
        if text is None:
            return None
        return self._lookup.get(str(text).strip().lower())

    def rows(self) -> list[tuple[str, str, str, str, int]]:
        """(vocabulary, code, label, colour, order) rows: how SQL gets the vocabulary."""
        return [(self.name, t.code, t.label, t.colour, i) for i, t in enumerate(self._terms)]
