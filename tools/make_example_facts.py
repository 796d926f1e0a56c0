"""Generate data/examples/facts_<id>.csv: plausible SAMPLE facts (not official data), deterministic.

Run: python tools/make_example_facts.py. The app labels these «пример — не официальные данные».
"""

from __future__ import annotations

import random
import sys
from datetime import timedelta
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain import paths  # noqa: E402
from domain.vocabulary import CONTROL_FACT_STATUSES, EXAMPLE_LABEL, is_share  # noqa: E402
from facts.template import template_csv, template_frame  # noqa: E402
from model.opening import open_model  # noqa: E402


def _fill(frame: pd.DataFrame, rng: random.Random) -> pd.DataFrame:
    out = frame.copy()
    for i, row in out.iterrows():
        if rng.random() < 0.12:  # some facts are simply not reported
            continue
        if row["Вид"] == "контрольная точка":
            if not row["План"]:
                continue
            planned = pd.to_datetime(row["План"], format="%d.%m.%Y")
            if rng.random() < 0.1:
                out.at[i, "Статус"] = CONTROL_FACT_STATUSES.label("not_done")
            else:
                out.at[i, "Факт"] = (planned + timedelta(days=rng.randint(-25, 45))).strftime("%d.%m.%Y")
                out.at[i, "Статус"] = CONTROL_FACT_STATUSES.label("done")
        else:
            plan = float(str(row["План"]).replace(",", ".") or 0)
            if row["Вид"] == "финансирование":
                value = round(plan * rng.uniform(0.82, 1.0), 2)
            else:
                value = plan * rng.uniform(0.8, 1.12)
                if is_share(row["Ед. изм."]):
                    value = min(100.0, round(value, 1))
                else:
                    value = float(round(value))
            out.at[i, "Факт"] = f"{value:g}".replace(".", ",")
        out.at[i, "Источник"] = EXAMPLE_LABEL
    return out


def main() -> None:
    con = open_model(paths.DB_PATH, pd.DataFrame())  # python -m loaders first
    for pid in con.execute("select passport_id from passport order by 1").fetchall():
        frame = template_frame(con, pid[0])
        filled = _fill(frame, random.Random(f"example-{pid[0]}"))
        filled = filled[(filled["Факт"] != "") | (filled["Статус"] != "")]
        target = paths.EXAMPLES_DIR / f"facts_{pid[0]}.csv"
        target.write_bytes(template_csv(filled))
        print(f"{target}: {len(filled)} строк")


if __name__ == "__main__":
    main()
