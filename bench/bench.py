"""Benchmark: server render time of every page (AppTest) against an empty Streamlit page in the same
run, DB build time, PNG export time (one chart, all charts of a page). Not a test: prints figures.

A render is one fresh AppTest session running the page once (the page opened through app.py's router
with the passport chosen), median of --repeat runs after a warm-up; the empty page is measured the
same way. Facts: the example facts, so charts carry plan and fact.

With --data DIR (e.g. 2 000 synthetic passports of bench/synthetic.py) the pages are measured on that folder's
passports without facts (the examples name the two real passports), and each page is also opened for passports
no session has opened yet («первый показ»: nothing of that passport cached). Reports are measured on the real
passports only.

Run: .venv/bin/python bench/bench.py [--repeat 7] [--data DIR]
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

from charts import png  # noqa: E402
from domain.paths import DB_PATH, FACTS_PATH  # noqa: E402
from facts.service import FactsService  # noqa: E402
from facts.targets import fact_targets  # noqa: E402
from model.build import build_database  # noqa: E402
from model.opening import open_model  # noqa: E402
from store.facts_store import FactStore  # noqa: E402

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
    from reports.files import briefing_file, progress_file
    from store.facts_store import FactStore as Store

    con = open_model(DB_PATH, Store(FACTS_PATH))
    out = []
    for pid in ("amur", "tomsk"):
        for kind in ("docx", "xlsx", "pdf"):
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


def _sample_passports(n_cold: int) -> tuple[list[tuple[str, ...]], list[str]]:
    """The passports measured warm (a regional one, a municipal one, both together) and n_cold others opened once
    each per page (for the first-render figures)."""
    con = open_model(DB_PATH, pd.DataFrame())
    rows = con.execute("select passport_id, level from passport order by passport_id").fetchall()
    regional = next((p for p, level in rows if level == "regional"), rows[0][0])
    municipal = next((p for p, level in rows if level == "municipal"), rows[-1][0])
    warm = [(regional,), (municipal,), (regional, municipal)]
    others = [p for p, _ in rows if p not in (regional, municipal)]
    step = max(1, len(others) // max(1, n_cold * len(PAGES)))
    return warm, others[::step]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--data", default=str(ROOT / "data"), help="папка данных (passports/)")
    args = parser.parse_args()
    data = Path(args.data)
    real = data.resolve() == (ROOT / "data").resolve()
    os.environ["COS_DATA_DIR"] = str(data)
    t = time.perf_counter()
    build_database(data, DB_PATH, facts=pd.DataFrame())
    cold_build_ms = (time.perf_counter() - t) * 1000
    examples_ms = None
    if real:
        con = open_model(DB_PATH, pd.DataFrame())
        t = time.perf_counter()  # as the page's button does it: the targets of the passports each file names
        FactsService(FactStore(FACTS_PATH), lambda cells: fact_targets(con, named_by=cells)).load_examples(
            author="Замер")
        examples_ms = (time.perf_counter() - t) * 1000
    warm, unseen = _sample_passports(3)
    empty = _TMP / "empty.py"
    empty.write_text(EMPTY_PAGE, encoding="utf-8")
    count = open_model(DB_PATH, pd.DataFrame()).execute("select count(*) from passport").fetchall()[0][0]
    lines = [f"Данные: {data} ({count} паспортов); факты: {'пример' if real else 'нет'}; ядер: {os.cpu_count()}", "",
             "| что | медиана, мс | × пустой страницы | первый показ паспорта, мс | × пустой |",
             "| --- | ---: | ---: | ---: | ---: |"]
    empty_ms = _median_ms(_empty, args.repeat)
    _page("quality", warm[0])  # the model opened and its quality findings computed, as a running server has them
    lines.append(f"| пустая страница Streamlit | {empty_ms:.0f} | 1,0 | | |")
    for name in PAGES:
        firsts = []
        for pid in unseen[:3]:  # none with the two real passports: each is opened warm below
            t = time.perf_counter()
            _page(name, (pid,))
            firsts.append((time.perf_counter() - t) * 1000)
        unseen = unseen[3:]
        first = f"{statistics.median(firsts):.0f} | {statistics.median(firsts) / empty_ms:.1f}" if firsts else "— | —"
        for passports in warm:
            ms = _median_ms(lambda n=name, p=passports: _page(n, p), args.repeat)
            label = " + ".join(passports)
            # the first-render figure is the page's (three passports never opened before), on each of its rows
            lines.append(f"| страница {name} ({label}) | {ms:.0f} | {ms / empty_ms:.1f} | {first} |".replace(".", ","))
    lines.append(f"| сборка базы с нуля (без запуска интерпретатора) | {cold_build_ms:.0f} | | | |")
    if examples_ms is not None:
        lines.append(f"| загрузка примера фактов (кнопка на странице «Факты») | {examples_ms:.0f} | | | |")
    if not real:
        _finish(lines, "latest_scale.md")
        return
    build_ms = _median_ms(lambda: build_database(data, _TMP / "b.duckdb", facts=pd.DataFrame()), 5)
    lines.append(f"| сборка базы (без запуска интерпретатора, паспорта из кеша) | {build_ms:.0f} | | | |")

    at = _page("funding", warm[0])
    figs = [pio.from_json(c.proto.spec) for c in at.get("plotly_chart")]
    t = time.perf_counter()
    png.to_png(figs[0], "Проверка", "Амурская область", "бенчмарк")
    cold = (time.perf_counter() - t) * 1000
    one = _median_ms(lambda: png.to_png(figs[0], "Проверка", "Амурская область", "бенчмарк"), 5)
    t = time.perf_counter()
    png.to_pngs(figs)
    all_ms = (time.perf_counter() - t) * 1000
    lines.append(f"| PNG одного графика, первый (запуск Chromium) | {cold:.0f} | | | |")
    lines.append(f"| PNG одного графика, следующие | {one:.0f} | | | |")
    lines.append(f"| PNG всех графиков страницы «Финансирование» ({len(figs)} шт.) | {all_ms:.0f} | | | |")
    lines += [line + " | |" for line in _reports(args.repeat)]
    _finish(lines, "latest.md")


def _finish(lines: list[str], name: str) -> None:
    report = "\n".join(lines)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / name).write_text(report + "\n", encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
