"""Example facts from data/examples/: imported as examples (is_example), never as real facts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders import paths
from loaders.facts_io import ImportPlan, plan_import_file
from loaders.facts_store import FactChange, FactKey, FactStore


def load_examples(store: FactStore, targets: pd.DataFrame, who: str | None = None,
                  folder: Path | None = None) -> ImportPlan:
    """Validate every example file and, if all pass, store them in one batch as example facts."""
    combined = ImportPlan(file=str(folder or paths.EXAMPLES_DIR))
    for path in sorted((folder or paths.EXAMPLES_DIR).glob("facts_*.csv")):
        plan = plan_import_file(path, targets, store, default_source="пример", is_example=True)
        combined.problems.extend(plan.problems)
        combined.changes.extend(plan.changes)
    if combined.ok and combined.changes:
        store.apply(combined.changes, who=who, note="загрузка примера", action="example")
    return combined


def drop_examples(store: FactStore, who: str | None = None) -> int:
    """Delete every example fact (audited, undoable); returns how many."""
    facts = store.facts()
    examples = facts[facts["is_example"] == 1]
    changes = [FactChange(FactKey(r.passport_id, r.kind, r.code, r.section, r.measure, int(r.year), True), None)
               for r in examples.itertuples(index=False)]
    if changes:
        store.apply(changes, who=who, note="удаление примера", action="example")
    return len(changes)
