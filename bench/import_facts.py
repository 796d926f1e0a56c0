"""Benchmark: importing a 10 000-row facts file (CSV, Windows-1251, ';', decimal commas).

The two passports have 465 things that can carry a fact, so a real 10 000-row file is the template
repeated: the first 465 rows are stored, the rest are reported as repeats. Measured: read + validate of
all 10 000 rows (the rejection path), the import of the 465 unique rows, and a 10 000-fact save.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from domain.keys import FactKey  # noqa: E402
from facts.service import FactsService  # noqa: E402
from facts.targets import fact_targets  # noqa: E402
from facts.template import template_frame  # noqa: E402
from model.build import build_database  # noqa: E402
from model.opening import open_model  # noqa: E402
from store.facts_store import FactStore  # noqa: E402
from store.records import FactChange, FactValue  # noqa: E402


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="cos-import-"))
    build_database(ROOT / "data", tmp / "cos.duckdb", facts=pd.DataFrame())
    con = open_model(tmp / "cos.duckdb", pd.DataFrame())
    targets = fact_targets(con)
    frame = pd.concat([template_frame(con, "amur"), template_frame(con, "tomsk")], ignore_index=True)
    frame["Факт"] = ["01.01.2020" if k == "контрольная точка" else "1,5" for k in frame["Вид"]]
    frame["Источник"] = "отчёт"
    big = pd.concat([frame] * (10_000 // len(frame) + 1), ignore_index=True).head(10_000)
    raw = big.to_csv(index=False, sep=";").encode("cp1251", errors="replace")
    store = FactStore(tmp / "facts.sqlite")
    service = FactsService(store, targets)

    t = time.perf_counter()
    plan = service.check_file(raw, "big.csv")
    reject_s = time.perf_counter() - t
    unique = frame.to_csv(index=False, sep=";").encode("cp1251", errors="replace")
    t = time.perf_counter()
    ok = service.check_file(unique, "unique.csv")
    service.save(ok, author="Замер")
    import_s = time.perf_counter() - t
    changes = [FactChange(FactKey("amur", "indicator", "", f"x{i}", "", 2020, date(2020, 12, 31)),
                          FactValue(fact_value=i, source="s")) for i in range(10_000)]
    t = time.perf_counter()
    FactStore(tmp / "big.sqlite").apply(changes, who="Замер")  # the store alone, without validation
    save_s = time.perf_counter() - t
    print(f"10 000 строк: чтение и проверка {reject_s:.2f} с, отклонено с {len(plan.problems)} замечаниями о повторах")
    print(f"{len(ok.changes)} уникальных строк: проверка и сохранение {import_s:.2f} с")
    print(f"сохранение 10 000 фактов одним пакетом с журналом: {save_s:.2f} с")


if __name__ == "__main__":
    main()
