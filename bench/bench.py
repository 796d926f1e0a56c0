"""Benchmark: server render time of every page (AppTest) against an empty Streamlit page in the same
run, DB build time, PNG export time (one chart, all charts of a page). Not a test: prints figures.

A render is one fresh AppTest session running the page once (the page opened through app.py's router
with the passport chosen), median of --repeat runs after a warm-up; the empty page is measured the
same way. Facts: the example facts, so charts carry plan and fact.

Run: .venv/bin/python bench/bench.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_TMP = Path(tempfile.mkdtemp(prefix="cos-bench-"))
os.environ.setdefault("COS_FACTS_DB", str(_TMP / "facts.sqlite"))
os.environ.setdefault("COS_DB", str(_TMP / "cos.duckdb"))
os.chdir(ROOT)

import pandas as pd  # noqa: E402
import plotly.io as pio  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from charts import export  # noqa: E402
from loaders.build import build_database  # noqa: E402
from loaders.facts_service import FactsService  # noqa: E402
from loaders.facts_store import FactStore  # noqa: E402
from loaders.facts_template import fact_targets  # noqa: E402
from loaders.model import open_model  # noqa: E402
from loaders.paths import DB_PATH, FACTS_PATH  # noqa: E402

PAGES = ["overview", "portfolio", "indicators", "internet", "it_cube", "training", "funding", "plan", "team", "risks",
         "quality", "facts", "reports"]
EMPTY_PAGE = "import streamlit as st\n\nst.title('Пусто')\n"


def _median_ms(fn, repeat: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def _page(name: str, passports: tuple[str, ...]) -> AppTest:
    """A fresh session opening the page through the router with the passports chosen, run once."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["passports"] = list(passports)
    if name != "overview":  # the overview is the default page, at the root
        at.switch_page(f"app_pages/{name}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def _empty() -> AppTest:
    return AppTest.from_file(str(_TMP / "empty.py"), default_timeout=60).run()


def _reports(repeat: int) -> list[str]:
    """The progress report and the briefing deck: in the server's process (Chromium running) and as a command
    (a fresh interpreter and Chromium each time)."""
    import subprocess
    from datetime import date

    from domain.periods import Period
    from loaders.facts_store import FactStore as Store
    from reports.files import briefing_file, progress_file

    con = open_model(DB_PATH, Store(FACTS_PATH))
    out = []
    for pid in ("amur", "tomsk"):
        for kind in ("docx", "xlsx"):
            ms = _median_ms(lambda p=pid, k=kind: progress_file(con, p, Period.parse("2023-Q3"), k), repeat)
            out.append(f"| отчёт о ходе реализации {kind.upper()} ({pid}, 2023-Q3) | {ms:.0f} | |")
        ms = _median_ms(lambda p=pid: briefing_file(con, p, date(2023, 9, 30), "pptx"), 3)
        out.append(f"| презентация PPTX ({pid}), Chromium уже запущен | {ms:.0f} | |")
        ms = _median_ms(lambda p=pid: briefing_file(con, p, date(2023, 9, 30), "zip"), 3)
        out.append(f"| архив панелей ZIP ({pid}) | {ms:.0f} | |")
        for args, what in ((["progress", "--passport", pid, "--period", "2023-Q3", "--out", str(_TMP / "r.docx")],
                            "python -m reports progress … .docx"),
                           (["briefing", "--passport", pid, "--as-of", "30.09.2023", "--out", str(_TMP / "d.pptx")],
                            "python -m reports briefing … .pptx")):
            def run(a=args) -> None:
                subprocess.run([sys.executable, "-m", "reports", *a], cwd=ROOT, check=True, capture_output=True)
            ms = _median_ms(run, 3)
            out.append(f"| {what} ({pid}), с запуском интерпретатора и Chromium | {ms:.0f} | |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    build_database(ROOT / "data", DB_PATH, facts=pd.DataFrame())
    targets = fact_targets(open_model(DB_PATH, pd.DataFrame()))
    FactsService(FactStore(FACTS_PATH), targets).load_examples(author="Замер")
    empty = _TMP / "empty.py"
    empty.write_text(EMPTY_PAGE, encoding="utf-8")
    lines = ["| что | медиана, мс | × пустой страницы |", "| --- | ---: | ---: |"]
    empty_ms = _median_ms(_empty, args.repeat)
    lines.append(f"| пустая страница Streamlit | {empty_ms:.0f} | 1,0 |")
    for name in PAGES:
        for passports in (("amur",), ("tomsk",), ("amur", "tomsk")):
            ms = _median_ms(lambda n=name, p=passports: _page(n, p), args.repeat)
            label = " + ".join(passports)
            lines.append(f"| страница {name} ({label}) | {ms:.0f} | {ms / empty_ms:.1f} |".replace(".", ","))
    build_ms = _median_ms(lambda: build_database(ROOT / "data", _TMP / "b.duckdb", facts=pd.DataFrame()), 5)
    lines.append(f"| сборка базы (python -m loaders, без запуска интерпретатора) | {build_ms:.0f} | |")

    at = _page("funding", ("amur",))
    figs = [pio.from_json(c.proto.spec) for c in at.get("plotly_chart")]
    t = time.perf_counter()
    export.to_png(figs[0], "Проверка", "Амурская область", "бенчмарк")
    cold = (time.perf_counter() - t) * 1000
    one = _median_ms(lambda: export.to_png(figs[0], "Проверка", "Амурская область", "бенчмарк"), 5)
    t = time.perf_counter()
    export.to_pngs(figs)
    all_ms = (time.perf_counter() - t) * 1000
    lines.append(f"| PNG одного графика, первый (запуск Chromium) | {cold:.0f} | |")
    lines.append(f"| PNG одного графика, следующие | {one:.0f} | |")
    lines.append(f"| PNG всех графиков страницы «Финансирование» ({len(figs)} шт.) | {all_ms:.0f} | |")
    lines += _reports(args.repeat)
    report = "\n".join(lines)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.md").write_text(report + "\n", encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
