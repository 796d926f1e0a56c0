"""Benchmark at scale: N synthetic passports (bench/synthetic.py) in a temporary folder, then
- the cold build (`python -m loaders`, no cache), the rebuild with nothing changed and after one passport changed;
- `python -m metrics quality` (the summary) on the built database;
- the check of a 10 000-row facts file (templates of as many passports as it takes) as the app makes it (the
  targets of the passports the file names only) and, for comparison, over every passport's targets.
Times are wall-clock of the command (interpreter start included) and the build's own figure; memory is the peak
of the sum of the resident sets of the command and its workers, sampled every 50 ms. Writes
bench/results/scale.md (appending a section per N) and prints the same.

Run: .venv/bin/python bench/scale.py --n 2 --n 2000
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results" / "scale.md"
ROWS = 10_000


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmRSS:"))
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(c) for c in f.read().split()]
        except (OSError, StopIteration):
            pass
    return total


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """(seconds, peak bytes of the process tree, stdout) of a command."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.05)
    out, err = proc.communicate()
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)}: {proc.returncode}\n{err}")
    return time.perf_counter() - started, peak, out


def _build_seconds(out: str) -> str:
    m = re.search(r"за ([\d\s\u00a0,]+) с", out)
    return m.group(1).strip() if m else "?"


def _import(db: Path, facts: Path) -> dict[str, float | int]:
    """Check a 10 000-row facts file against the model: the targets query, the check narrowed to the file's
    passports, the check over every passport."""
    import pandas as pd

    from facts import targets as facts_targets
    from facts.service import FactsService
    from facts.targets import fact_targets
    from facts.template import template_frame
    from model.opening import open_model
    from store.facts_store import FactStore

    con = open_model(db, pd.DataFrame())
    t = time.perf_counter()
    targets = fact_targets(con)
    query_s = time.perf_counter() - t
    parts, n = [], 0
    for (pid,) in con.execute("select passport_id from passport order by 1").fetchall():
        parts.append(template_frame(con, pid))
        n += len(parts[-1])
        if n >= ROWS:
            break
    frame = pd.concat(parts, ignore_index=True)
    frame = pd.concat([frame] * (ROWS // len(frame) + 1), ignore_index=True).head(ROWS)  # repeats when few
    frame["Факт"] = ["01.01.2020" if k == "контрольная точка" else "1,5" for k in frame["Вид"]]
    frame["Источник"] = "отчёт"
    raw = frame.to_csv(index=False, sep=";").encode("cp1251", errors="replace")
    # as the app does it: the model gives the targets of the passports the file names (Model.service)
    service = FactsService(FactStore(facts), lambda cells: fact_targets(con, named_by=cells))
    t = time.perf_counter()
    plan = service.check_file(raw, "facts.csv")
    narrow_s = time.perf_counter() - t
    # as before: every passport's targets read, then the whole catalogue built
    whole_of = facts_targets.Catalogue.of.__func__
    narrowed = facts_targets.Catalogue.of
    facts_targets.Catalogue.of = classmethod(lambda cls, t, cells=None: whole_of(cls, t))
    try:
        t = time.perf_counter()
        FactsService(FactStore(facts), fact_targets(con)).check_file(raw, "facts.csv")
        whole_s = time.perf_counter() - t
    finally:
        facts_targets.Catalogue.of = narrowed
    con.close()
    return {"targets": len(targets), "passports": len(parts), "query_s": query_s, "narrow_s": narrow_s,
            "whole_s": whole_s, "changes": len(plan.changes), "problems": len(plan.problems)}


def _calendar(db: Path) -> dict[str, float | int]:
    """The report calendar of every passport and the portfolio (which counts late reports) in an open model."""
    import pandas as pd

    from metrics.monitoring import report_calendar
    from metrics.portfolio import portfolio
    from metrics.quality import materialize_findings
    from model.opening import open_model

    con = open_model(db, pd.DataFrame())
    day = datetime(2025, 1, 8).date()
    report_calendar(con, None, day)  # first run: the macro and the tables warm
    t = time.perf_counter()
    rows = len(report_calendar(con, None, day))
    query_s = time.perf_counter() - t
    t = time.perf_counter()
    materialize_findings(con)
    findings_s = time.perf_counter() - t
    t = time.perf_counter()
    portfolio(con, day, 2019, 2024)
    portfolio_s = time.perf_counter() - t
    con.close()
    return {"rows": rows, "query_s": query_s, "portfolio_s": portfolio_s, "findings_s": findings_s}


def _mb(n: int) -> str:
    return f"{n / 2**20:,.0f} МБ".replace(",", " ")


def _n(x: int) -> str:
    return f"{x:,}".replace(",", " ")


def _s(x: float) -> str:
    return f"{x:.2f}".replace(".", ",")


def measure(n: int) -> list[str]:
    from synthetic import generate  # this folder (bench/bench.py hides the package name "bench")

    tmp = Path(tempfile.mkdtemp(prefix=f"cos-scale-{n}-"))
    try:
        generate(tmp, n)
        db = tmp / "cos.duckdb"
        env = {**os.environ, "COS_FACTS_DB": str(tmp / "facts.sqlite"), "PYTHONPATH": str(ROOT)}
        env.pop("COS_FACTS_URL", None)
        build = [sys.executable, "-m", "loaders", "--data", str(tmp), "--db", str(db)]
        cold = run(build, env)
        same = run(build, env)
        folder = sorted((tmp / "passports").iterdir())[-1]
        with (folder / "funding.yaml").open("a", encoding="utf-8") as f:
            f.write("# changed\n")
        one = run(build, env)
        quality = run([sys.executable, "-m", "metrics", "quality", "--db", str(db)], env)
        imp = _import(db, tmp / "facts.sqlite")
        calendar = run([sys.executable, "-m", "reports", "--db", str(db), "calendar", "--as-of", "2025-01-08",
                        "--format", "csv", "--out", str(tmp / "calendar.csv")], env)
        cal = _calendar(db)
        lines = [
            f"## {n} паспортов — {datetime.now():%d.%m.%Y %H:%M}, ядер: {os.cpu_count()}, "
            f"{platform.processor() or platform.machine()}, Python {platform.python_version()}",
            "",
            "| что | время, с | пик памяти (процесс и его рабочие) |",
            "| --- | ---: | ---: |",
            f"| сборка с нуля (`python -m loaders`; в её сводке {_build_seconds(cold[2])} с) | {_s(cold[0])} | "
            f"{_mb(cold[1])} |",
            f"| пересборка, ничего не изменено ({_build_seconds(same[2])} с) | {_s(same[0])} | {_mb(same[1])} |",
            f"| пересборка после изменения одного паспорта ({_build_seconds(one[2])} с) | {_s(one[0])} | "
            f"{_mb(one[1])} |",
            f"| `python -m metrics quality` (сводка, {_n(len(quality[2].encode()))} байт) | {_s(quality[0])} | "
            f"{_mb(quality[1])} |",
            f"| запрос целей фактов (`fact_targets`, {_n(imp['targets'])} строк) | {_s(imp['query_s'])} | |",
            f"| проверка файла из {_n(ROWS)} строк ({imp['passports']} паспортов; изменений {_n(imp['changes'])}, "
            f"ошибок {imp['problems']}) — цели только паспортов файла, как в приложении | {_s(imp['narrow_s'])} | |",
            f"| то же с целями всех паспортов (как до сужения) | {_s(imp['whole_s'])} | |",
            f"| календарь отчётов всех паспортов на 08.01.2025 (`python -m reports calendar --format csv`, "
            f"{_n(cal['rows'])} строк) | {_s(calendar[0])} | {_mb(calendar[1])} |",
            f"| то же в процессе приложения: запрос `report_calendar` | {_s(cal['query_s'])} | |",
            f"| находки качества, первый раз за процесс (`materialize_findings`) | {_s(cal['findings_s'])} | |",
            f"| портфель: отчёт за период и просроченные отчёты (`portfolio`) | {_s(cal['portfolio_s'])} | |",
            "",
        ]
        return lines
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    from domain.cli import RussianParser

    parser = RussianParser(prog="python bench/scale.py",
                           description="Замер сборки, качества и импорта на N паспортах")
    parser.add_argument("--n", type=int, action="append", help="сколько паспортов (можно несколько раз)")
    args = parser.parse_args(argv)
    lines = [line for n in (args.n or [2, 2000]) for line in measure(n)]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
