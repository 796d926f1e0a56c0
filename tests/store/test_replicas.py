"""Two app servers on one PostgreSQL facts store: a save in one is seen by the other after its refresh, and
saves made by both at once lose nothing — every fact, every audit row, every register number is there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import built

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 15


class Replica:
    """An app server's model in a process of its own (tests/replica.py), driven line by line."""

    def __init__(self, env: dict[str, str]):
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.replica"], cwd=ROOT, env=env, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def answer(self) -> dict:
        line = self.proc.stdout.readline()
        assert line, self.proc.stderr.read()
        return json.loads(line)

    def send(self, **command) -> None:
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()

    def ask(self, **command) -> dict:
        self.send(**command)
        return self.answer()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.send(op="quit")
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def test_two_app_servers_share_one_postgresql_store(pg_stores):
    where = pg_stores.location()
    env = {**os.environ, **pg_stores.env(where), "COS_DB": str(built()), "COS_AUTHOR": "Тестов Т.Т."}
    env.pop("COS_FACTS_DB", None)
    replicas = [Replica(env), Replica(env)]
    try:
        a, b = replicas
        assert a.answer()["ready"] and b.answer()["ready"]
        # a save in one server is seen by the other at its next refresh, without a restart
        assert b.ask(op="facts")["facts"] == []
        a.ask(op="burst", tag="A", year=2020, n=1, at=0)
        seen = b.ask(op="facts")
        assert [f[:2] for f in seen["facts"]] == [["1.1", 2020], ["1.1", 2023]] and seen["version"] == 3

        # both save at once: facts of their own, the same fact, new risks
        start = time.time() + 1.0
        a.send(op="burst", tag="A", year=2021, n=ROUNDS, at=start)
        b.send(op="burst", tag="B", year=2022, n=ROUNDS, at=start)
        batches = a.answer()["saved"] + b.answer()["saved"]
        assert None not in batches and len(set(batches)) == 6 * ROUNDS

        store = pg_stores.open(where)
        facts = store.facts()
        years = facts.groupby("year").size().to_dict()
        assert years == {2020: 1, 2021: ROUNDS, 2022: ROUNDS, 2023: 1}
        log = store.audit_log(10_000)
        assert len(log) == 3 + 6 * ROUNDS and store.version() == 3 + 6 * ROUNDS
        assert set(log["batch_id"]) >= set(batches)
        # the two really saved at the same time: their batches interleave in the log
        who = log.sort_values("audit_id")["who"].iloc[3:]
        assert (who != who.shift()).sum() > ROUNDS, who.tolist()
        # the fact both wrote: every write audited, each one's old value the value it replaced
        shared = log[(log["year"] == 2023) & (log["kind"] == "indicator")].sort_values("audit_id")
        assert len(shared) == 1 + 2 * ROUNDS
        assert (shared["old_json"].iloc[1:].tolist() == shared["new_json"].iloc[:-1].tolist())
        assert json.loads(shared["new_json"].iloc[-1])["fact_value"] == facts.query("year == 2023")[
            "fact_value"].iloc[0]
        # register numbers: one per risk, none repeated
        risks = store.entries("risk")
        assert sorted(risks["entry_id"], key=lambda e: int(e.split("-")[1])) == [
            f"Р-{i}" for i in range(1, 2 + 2 * ROUNDS)]
        # and both servers now show all of it
        for replica in replicas:
            shown = replica.ask(op="facts")
            assert shown["version"] == store.version() and len(shown["facts"]) == len(facts)
    finally:
        for replica in replicas:
            replica.stop()
