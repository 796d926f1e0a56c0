"""The one plan type of every change of facts and registers: what a file, the page's editor, an undo or the
example data would change — checked, previewed, and saved by the facts service only when it has no problems."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from domain.problems import InputProblem
from store.records import Change

CHANGE_NEW, CHANGE_EDIT, CHANGE_SAME, CHANGE_DELETE = "новый", "изменён", "без изменений", "удалён"


@dataclass
class ChangePlan:
    """What a check found: the changes to apply (facts or register records), a preview table in Russian, the
    problems (any problem: nothing may be saved), notes, and warnings — what looks unlikely and is asked about
    before saving, never refused. `subject` names what changes in the journal («реестр «Риски»»; a file's own name
    when empty)."""

    file: str
    changes: list[Change] = field(default_factory=list)
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: list[InputProblem] = field(default_factory=list)
    #: what the user should know although nothing is wrong (the sheet read, hidden sheets left out)
    notes: list[str] = field(default_factory=list)
    warnings: list[InputProblem] = field(default_factory=list)
    subject: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        """How many rows of the preview are new, changed, unchanged and deleted."""
        names = (CHANGE_NEW, CHANGE_EDIT, CHANGE_SAME, CHANGE_DELETE)
        if self.preview.empty:
            return dict.fromkeys(names, 0)
        vc = self.preview["Изменение"].value_counts()
        return {k: int(vc.get(k, 0)) for k in names}

