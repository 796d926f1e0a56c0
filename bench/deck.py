"""Benchmark of the briefing deck: this tree against another (an older commit's worktree), side by side in one run.

Rows: the command line's deck (`python -m reports briefing`, whole process) for both real passports as .pptx and as
.zip; the deck made inside a running process as the app's «Отчёты» page makes it (the first one starts the browser,
the next ones find it warm); one panel's «PNG для слайда» (the first of a process, then a warm one). The two trees
run in turn (this, other, this, other …), each row --repeat times; the table gives medians in seconds. Both trees
read their own built database and the same facts store of the example facts. Not a test: prints figures.

Run: .venv/bin/python bench/deck.py --vs /tmp/old-main [--repeat 3]
(make the other tree with `git worktree add /tmp/old-main main` and link its .venv; build its database first)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.formatting import fmt_int, fmt_num  # noqa: E402

AS_OF = "30.09.2023"
PASSPORTS = ("amur", "tomsk")

#: run inside a tree: the deck made three times in one process (the app's way); the first starts the browser
IN_PROCESS = """
import json, time
from datetime import date
from domain import paths
from model.opening import open_model
from reports.files import briefing_file
from store.location import open_store
con = open_model(paths.DB_PATH, open_store(None))
times = []
for _ in range(3):
    t = time.perf_counter()
    briefing_file(con, "amur", date(2023, 9, 30), "pptx")
    times.append(time.perf_counter() - t)
print(json.dumps({"first": times[0], "warm": sorted(times[1:])[0]}))
"""

#: run inside a tree: one chart panel's slide PNG, the process's first and then a warm one
ONE_PNG = """
import json, time
from datetime import date
from charts.png import to_png
from domain import paths
from model.opening import open_model
from reports.briefing import deck_panels
from store.location import open_store
con = open_model(paths.DB_PATH, open_store(None))
_, panels = deck_panels(con, "amur", date(2023, 9, 30))
panel = next(p for p in panels if p.figure is not None)
times = []
for _ in range(3):
    t = time.perf_counter()
    to_png(panel.figure, panel.title, "Амурская область", panel.source, panel.has_examples)
    times.append(time.perf_counter() - t)
print(json.dumps({"first": times[0], "warm": sorted(times[1:])[0]}))
"""


def _facts_store(folder: Path) -> Path:
    """A facts store with the example facts, made by this tree (both trees read the same)."""
    from facts.service import FactsService
    from facts.targets import fact_targets
    from model.opening import open_model
    from store.facts_store import FactStore

    path = folder / "facts.sqlite"
    store = FactStore(path)
    FactsService(store, fact_targets(open_model(ROOT / "data" / "cos.duckdb", store))).load_examples(author="bench")
    return path


def _run(tree: Path, args: list[str], env: dict[str, str]) -> tuple[float, str]:
    t = time.perf_counter()
    done = subprocess.run([str(tree / ".venv" / "bin" / "python"), *args], cwd=tree, env=env, capture_output=True,
                          text=True, timeout=600)
    wall = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"{tree}: {' '.join(args)} failed:\n{done.stderr}")
    return wall, done.stdout


def _rows(out: Path) -> dict[str, list]:
    """Each row's arguments and what to read of the output: None for the whole process's wall time, or a key of
    the printed JSON."""
    rows: dict[str, list] = {}
    for pid in PASSPORTS:
        for kind in ("pptx", "zip"):
            cli = ["-m", "reports", "briefing", "--passport", pid, "--as-of", AS_OF, "--out", str(out / f"d.{kind}")]
            rows[f"Презентация из командной строки, {pid}, .{kind} (весь процесс)"] = [cli, None]
    rows["Презентация в процессе приложения, amur: первая (запуск браузера)"] = [["-c", IN_PROCESS], "first"]
    rows["Презентация в процессе приложения, amur: следующая"] = [["-c", IN_PROCESS], "warm"]
    rows["PNG для слайда, одна панель: первая в процессе"] = [["-c", ONE_PNG], "first"]
    rows["PNG для слайда, одна панель: следующая"] = [["-c", ONE_PNG], "warm"]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vs", required=True, type=Path, help="the other tree (a worktree of the old commit)")
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()
    trees = {"эта ветка": ROOT, "сравнение": opts.vs.resolve()}
    work = Path(tempfile.mkdtemp(prefix="cos-deck-bench-"))
    env = {**os.environ, "COS_FACTS_DB": str(_facts_store(work))}
    results: dict[tuple[str, str], list[float]] = {}
    started = os.getloadavg()
    # each command is run once per tree (JSON rows share their run), trees in turn, --repeat rounds
    commands: dict[tuple, list[tuple[str, str | None]]] = {}
    for name, (args, key) in _rows(work).items():
        commands.setdefault(tuple(args), []).append((name, key))
    for _ in range(opts.repeat):
        for args, names in commands.items():
            for tree_name, tree in trees.items():
                wall, stdout = _run(tree, list(args), env)
                measured = json.loads(stdout) if names[0][1] is not None else {}
                for name, key in names:
                    results.setdefault((name, tree_name), []).append(wall if key is None else measured[key])
    ended = os.getloadavg()
    print(f"Медианы {fmt_int(opts.repeat)} прогонов, с; ветки по очереди; load average в начале "
          f"{fmt_num(started[0])}, в конце {fmt_num(ended[0])}.\n")
    print(f"| Что | {' | '.join(trees)} | отношение |")
    print("|---|" + "---:|" * (len(trees) + 1))
    for name in _rows(work):
        mine, other = (statistics.median(results[(name, t)]) for t in trees)
        print(f"| {name} | {fmt_num(mine, 2, keep_zeros=True)} | {fmt_num(other, 2, keep_zeros=True)} | "
              f"{fmt_num(mine / other, 2, keep_zeros=True)} |")


if __name__ == "__main__":
    main()
