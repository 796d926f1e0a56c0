"""First use under load: a brand-new facts store saved to by several processes at once loses nothing (SQLite: a
new file; PostgreSQL: a database without the tables)."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from domain.keys import FactKey
from store.location import open_store
from store.records import FactChange, FactValue
from tests.helpers import built

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 8


def _first_save(where: str, i: int, barrier, results) -> None:
    try:
        barrier.wait(30)
        store = open_store(where)
        store.version()  # a reader first, as the app does, while others create the schema
        year = 2019 + i % 6
        store.apply([FactChange(FactKey("amur", "indicator", "", f"1.{i}", "", year, date(year, 12, 31)),
                                FactValue(fact_value=i, source="s"))], who=f"процесс {i}")
        results.put("ok")
    except Exception as exc:  # noqa: BLE001 - reported to the test
        results.put(repr(exc))


def test_parallel_first_saves_of_a_brand_new_store_all_land(stores):
    for _trial in range(3):
        where = stores.location()
        barrier, results = multiprocessing.Barrier(PROCESSES), multiprocessing.Queue()
        procs = [multiprocessing.Process(target=_first_save, args=(where, i, barrier, results))
                 for i in range(PROCESSES)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        outcomes = [results.get(timeout=5) for _ in procs]
        assert outcomes == ["ok"] * PROCESSES
        store = stores.open(where)
        assert store.version() == PROCESSES and len(store.facts()) == PROCESSES


def test_parallel_first_imports_from_the_command_line(tmp_path, stores):
    where = stores.location()
    env = {**os.environ, **stores.env(where), "COS_DB": str(built()), "COS_AUTHOR": "Тестов Т.Т."}
    runs = []
    for year in range(2019, 2023):
        f = tmp_path / f"{year}.csv"
        f.write_text(f"Паспорт;Вид;Код;Мера;Год;Факт;Источник\namur;показатель;1.1;;{year};3;отчёт\n",
                     encoding="utf-8")
        runs.append(subprocess.Popen([sys.executable, "-m", "loaders", "import-facts", str(f)], cwd=ROOT, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    outs = [(r.wait(60), r.stderr.read()) for r in runs]
    assert [code for code, _ in outs] == [0] * 4, outs
    assert sorted(stores.open(where).facts()["year"]) == [2019, 2020, 2021, 2022]
