"""Moving the facts store between backends (`python -m loaders copy-facts --from …`): facts, registers and the
audit log arrive as they were, so undo and register numbering go on; a store that is not empty is never
overwritten."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest

from facts.service import FactsService
from facts.targets import fact_targets
from store.records import FactChange, FactValue
from tests.helpers import fact_key, model

ROOT = Path(__file__).resolve().parents[2]


def _copy(source: str, target: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("COS_FACTS_URL", "COS_FACTS_DB")}
    env["COS_FACTS_URL" if "://" in target else "COS_FACTS_DB"] = target  # the target as the app would name it
    return subprocess.run([sys.executable, "-m", "loaders", "copy-facts", "--from", source], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)


@pytest.mark.parametrize("direction", ["sqlite-to-postgresql", "postgresql-to-sqlite"])
def test_a_store_moves_whole_and_goes_on_where_it_was(direction, pg_stores, tmp_path):
    file, server = str(tmp_path / "facts.sqlite"), pg_stores.location()
    source, target = (file, server) if direction == "sqlite-to-postgresql" else (server, file)
    service = FactsService(pg_stores.open(source), fact_targets(model()))
    service.load_examples(author="Тестов Т.Т.")
    k = fact_key("amur", "indicator", "1.1", 2022)
    service.set([FactChange(k, FactValue(40, source="отчёт", reason="нет линий"))], author="Иванова А.А.")
    second = service.set([FactChange(k, FactValue(45, source="уточнение"))], author="Петров П.П.")
    before = service.store

    run = _copy(source, target)
    assert run.returncode == 0, run.stderr
    assert "Скопировано" in run.stdout and "строк журнала" in run.stdout
    assert urlsplit(server).password not in run.stdout + run.stderr and "cos:***@" in run.stdout
    after = pg_stores.open(target)
    for read in ("facts", "entries", "audit_log"):
        pd.testing.assert_frame_equal(getattr(after, read)(), getattr(before, read)(), check_dtype=False)
    assert after.version() > before.version()

    # it goes on: an old batch undoes, new rows number after the copied ones, register numbers do not repeat
    moved = FactsService(after, fact_targets(model()))
    moved.undo(second.batch_id, author="Тестов Т.Т.")
    assert after.get([k])[k] == FactValue(40, source="отчёт", reason="нет линий")
    log = after.audit_log(10_000)
    assert log["audit_id"].iloc[0] == before.audit_log(1)["audit_id"].iloc[0] + 1
    risks = pd.DataFrame([{"Паспорт": "amur", "Риск": "Новый риск после переезда", "Вероятность": "низкая",
                           "Влияние": "низкая", "Дата выявления": "01.03.2023"}])
    moved.save(moved.check_entries_frame(risks, "r.csv", "risk"), author="Тестов Т.Т.")
    numbers = after.entries("risk").query("passport_id == 'amur'")["entry_id"]
    assert numbers.is_unique and len(numbers) == len(before.entries("risk").query("passport_id == 'amur'")) + 1

    again = _copy(source, target)  # the target is not empty now
    assert again.returncode == 2 and "только в пустое хранилище" in again.stderr
    assert len(after.audit_log(10_000)) == len(log) + 1
