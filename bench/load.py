"""Load bench: one app server, many browser sessions at once. Not a test: prints figures.

Starts the app as ./run.sh does (on a given data folder, e.g. 2 000 synthetic passports from bench/synthetic.py),
then opens N headless Chromium pages at once, each going through the pages, and measures:
- time to first chart of each page view (navigation start → first Plotly chart drawn), median and p95;
- the server's CPU seconds per page view (its own process and children, from /proc — the browsers' CPU is not
  counted) and its resident memory;
- the same for one session alone, for comparison.

Run: .venv/bin/python bench/load.py [--data DIR] [--sessions 20] [--views 3]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
#: pages a session opens, in order (each has a chart for every passport)
VIEWS = ["internet", "funding", "plan", "indicators", "team", "training"]
CLOCK = os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its waited-for children, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / CLOCK


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _start(data: Path, facts: Path, db: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "COS_DATA_DIR": str(data), "COS_DB": str(db), "COS_FACTS_DB": str(facts),
           "BROWSER_PATH": CHROMIUM}
    subprocess.run([sys.executable, "-m", "loaders", "--data", str(data), "--db", str(db)], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port),
                             "--server.headless", "true"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                break
        except OSError:
            time.sleep(0.5)
    return proc, url


def _session(url: str, passport: str, views: list[str], first: list[float], times: list[float], errors: list[str],
             barrier: threading.Barrier) -> None:
    """One browser: its first visit (the app's scripts and styles downloaded, the session opened), then, once every
    session has made its first visit, the timed page views."""
    from playwright.sync_api import sync_playwright

    def view(page, path: str) -> float:
        started = time.perf_counter()
        page.goto(f"{url}/{path}?passport={passport}", timeout=180_000)
        page.wait_for_selector(".js-plotly-plot", timeout=180_000)
        return time.perf_counter() - started

    with sync_playwright() as p:
        browser = None
        try:  # a session that fails still passes both barriers, or every other session would wait for it
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ru-RU")
            first.append(view(page, views[-1]))
        except Exception as exc:  # noqa: BLE001 - a bench reports what failed and goes on
            errors.append(f"{passport}: {exc!s:.120}")
            page = None
        barrier.wait()  # every first visit made
        barrier.wait()  # the timed views start together
        try:
            for path in views if page is not None else []:
                times.append(view(page, path))
        except Exception as exc:  # noqa: BLE001
            errors.append(f"{passport}: {exc!s:.120}")
        finally:
            if browser is not None:
                browser.close()


def _quantiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    if not times:
        return float("nan"), float("nan")
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def _round(url: str, pid: int, passports: list[str], views: list[str]) -> dict[str, float]:
    """Every session's first visit together, then every session's timed views together; the server's CPU of each
    phase (its process only: the browsers run in their own)."""
    first: list[float] = []
    times: list[float] = []
    errors: list[str] = []
    barrier = threading.Barrier(len(passports) + 1)
    threads = [threading.Thread(target=_session, args=(url, p, views, first, times, errors, barrier))
               for p in passports]
    cpu0 = _cpu_seconds(pid)
    for t in threads:
        t.start()
    barrier.wait()  # every first visit made
    time.sleep(3)  # the rest of the first pages (tables, other charts) is sent after their first chart
    cpu1 = _cpu_seconds(pid)
    started = time.perf_counter()
    barrier.wait()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    time.sleep(3)
    cpu2 = _cpu_seconds(pid)
    for error in errors[:3]:
        print("ошибка:", error, file=sys.stderr)
    median, p95 = _quantiles(times)
    first_median, first_p95 = _quantiles(first)
    return {"sessions": len(passports), "views": len(times), "errors": len(errors),
            "first_median_s": first_median, "first_p95_s": first_p95,
            "first_cpu_s": (cpu1 - cpu0) / max(1, len(first)),
            "median_s": median, "p95_s": p95, "cpu_per_view_s": (cpu2 - cpu1) / max(1, len(times)),
            "wall_s": wall, "rss_mb": _rss_mb(pid)}


def main() -> None:
    parser = argparse.ArgumentParser(description="нагрузка: много сессий браузера на одном сервере")
    parser.add_argument("--data", default=str(ROOT / "data"), help="папка данных (passports/)")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--views", type=int, default=3, help="сколько страниц открывает каждая сессия")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cos-load-"))
    proc, url = _start(Path(args.data), tmp / "facts.sqlite", tmp / "cos.duckdb")
    try:
        names = sorted(p.name for p in (Path(args.data) / "passports").iterdir() if p.is_dir())
        views = VIEWS[: args.views]
        _round(url, proc.pid, names[:1], views)  # warm-up: first render of each page
        alone = _round(url, proc.pid, names[1:2] or names[:1], views)
        many = _round(url, proc.pid, [names[i % len(names)] for i in range(2, 2 + args.sessions)], views)
    finally:
        proc.terminate()
        proc.wait(10)
    lines = [f"Данные: {args.data} ({len(names)} паспортов); страницы: {', '.join(views)}; ядер: {os.cpu_count()}",
             "", "Первый заход — новый браузер открывает приложение (скачивает его скрипты) и первую страницу; "
             "просмотры — следующие страницы той же сессии. Время — от перехода до первого графика; CPU — только "
             "процесса сервера.", "",
             "| сессий | первый заход, медиана / p95, с | CPU сервера на первый заход, с | просмотров | ошибок "
             "| до первого графика, медиана, с | p95, с | CPU сервера на просмотр, с | память сервера, МБ |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in (alone, many):
        lines.append((f"| {r['sessions']} | {r['first_median_s']:.2f} / {r['first_p95_s']:.2f} "
                      f"| {r['first_cpu_s']:.3f} "
                      f"| {r['views']} | {r['errors']} | {r['median_s']:.2f} | {r['p95_s']:.2f} | "
                      f"{r['cpu_per_view_s']:.3f} | {r['rss_mb']:.0f} |").replace(".", ","))
    report = "\n".join(lines)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "load.md").write_text(report + "\n", encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
