"""One app server's model in its own process, driven by JSON lines on stdin (tests/store/test_replicas.py).

It opens the model exactly as the app does (`model.live.Model`: the built file, the configured facts store —
COS_FACTS_URL here) and saves through the same facts service the «Факты» page uses. Commands, one per line:
  {"op": "facts"}                          -> {"version": v, "facts": [[code, year, reporting_date, value], ...]}
  {"op": "burst", "tag": "A", "year": 2021, "n": 20, "at": epoch}
      from the moment `at`: n saves of one fact each (its own reporting date), each followed by a save of the
      fact both replicas write and a new risk -> {"saved": [batch ids]}
  {"op": "quit"}
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date, timedelta

import pandas as pd

from domain.keys import FactKey
from facts.service import FactsService
from model.live import Model
from store.records import FactChange, FactValue

#: the fact both replicas write in every round: the later write wins, both are audited
SHARED = FactKey("amur", "indicator", "", "1.1", "", 2023, date(2023, 12, 31))


def _facts(model: Model) -> dict:
    version = model.refresh_facts()
    rows = model.cursor().execute("select code, year, cast(reporting_date as varchar), fact_value from stg_fact "
                                  "order by all").fetchall()
    return {"version": version, "facts": [list(r) for r in rows]}


def _burst(model: Model, tag: str, year: int, n: int, at: float) -> dict:
    service = FactsService.of_model(model)
    time.sleep(max(0.0, at - time.time()))
    saved = []
    for i in range(n):
        key = FactKey("amur", "indicator", "", "1.1", "", year, date(year, 1, 1) + timedelta(days=i))
        saved.append(service.set([FactChange(key, FactValue(fact_value=i, source=f"реплика {tag}"))],
                                 author=f"Реплика {tag}").batch_id)
        # a value no other write of the test gives (n ≤ 15, year 2020–2022)
        shared = FactValue(fact_value=30 * (year - 2020) + 2 * i + (tag == "B"), source=f"реплика {tag}")
        saved.append(service.set([FactChange(SHARED, shared)], author=f"Реплика {tag}").batch_id)
        risk = pd.DataFrame([{"Паспорт": "amur", "Риск": f"Риск реплики {tag} № {i} ({year})", "Вероятность": "низкая",
                              "Влияние": "низкая", "Дата выявления": "01.03.2023"}])
        plan = service.check_entries_frame(risk, f"риски {tag}", "risk")
        saved.append(service.save(plan, author=f"Реплика {tag}").batch_id)
    return {"saved": saved}


def main() -> None:
    model = Model()
    print(json.dumps({"ready": True, "version": model.facts_version}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        if command["op"] == "quit":
            break
        if command["op"] == "facts":
            answer = _facts(model)
        else:
            answer = _burst(model, command["tag"], command["year"], command["n"], command["at"])
        print(json.dumps(answer, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
