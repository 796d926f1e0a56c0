"""What the facts service answers: a refused change (FactsError, in Russian), what a save did (Saved), the author
of a change when no account signs it, and the rule of domain.access each kind of batch is checked against."""

from __future__ import annotations

import os
from dataclasses import dataclass

from domain.problems import InputError, InputProblem
from store.records import StoreError

MAX_AUTHOR_CHARS = 100

#: what a refused change raises (pages show its Russian problems): a refused input, an unreachable store
ChangeRefused = (InputError, StoreError)


class FactsError(InputError):
    """A change refused before anything was written (the message is Russian)."""

    def __init__(self, message: str, place: str = ""):
        super().__init__([InputProblem("факты", place, message)])
        self.message = message


@dataclass(frozen=True)
class Saved:
    """What a save did: the batch (to undo it), how many facts changed."""

    batch_id: str | None
    changed: int


def check_author(author: str | None) -> str:
    """The author as given (or COS_AUTHOR for scripts): a non-empty name of a person, at most 100 characters.
    Never the operating-system account: a change names the person who makes it."""
    name = " ".join(str(author or os.environ.get("COS_AUTHOR", "")).split())
    if not name:
        raise FactsError("укажите, кто вносит изменения (фамилия и инициалы)")
    if len(name) > MAX_AUTHOR_CHARS:
        raise FactsError(f"имя автора длиннее {MAX_AUTHOR_CHARS} символов")
    return name


#: the rule of domain.access each kind of batch is checked against
RULE_OF_ACTION = {"save": "change", "undo": "undo", "example": "examples", "submit": "submit",
                   "approve": "approve", "return": "approve"}
