"""Person names normalised to «Фамилия И.О.»: «А.В.Фролов», «А.В. Фролов» and «Фролов А.В.» are one person."""

from __future__ import annotations

import re
from functools import lru_cache

_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_INITIAL = r"[А-ЯЁ]\.?"
_PERSON = re.compile(
    rf"(?P<i1>[А-ЯЁ])\.\s*(?:(?P<i2>[А-ЯЁ])\.\s*)?(?P<s1>{_SURNAME})"  # И.О. Фамилия
    rf"|(?P<s2>{_SURNAME})\s+(?P<j1>[А-ЯЁ])\.\s*(?:(?P<j2>[А-ЯЁ])\.?)?"  # Фамилия И.О.
)
_INITIAL_RE = re.compile(_INITIAL)


def _format(surname: str, first: str, middle: str | None) -> str:
    return f"{surname} {first}.{middle + '.' if middle else ''}"


def split_persons(text: str | None) -> list[str]:
    """All persons named in a cell, each as «Фамилия И.О.», in order, without repeats.

    A cell that names nobody in a recognisable form is returned whole (stripped),
    so no printed name is ever dropped.
    """
    return list(persons_in(text))


@lru_cache(maxsize=4096)
def persons_in(text: str | None) -> tuple[str, ...]:
    """split_persons as a tuple, remembered: a passport names the same few people in hundreds of cells."""
    if not text or not text.strip():
        return ()
    found: list[str] = []
    for m in _PERSON.finditer(text):
        if m.group("s1"):
            name = _format(m.group("s1"), m.group("i1"), m.group("i2"))
        else:
            name = _format(m.group("s2"), m.group("j1"), m.group("j2"))
        if name not in found:
            found.append(name)
    if not found:
        return (" ".join(text.split()).strip(" ,;"),)
    return tuple(found)


def normalise_person(text: str) -> str:
    """One person as «Фамилия И.О.»; the first one when the cell names several."""
    persons = persons_in(text)
    return persons[0] if persons else ""
