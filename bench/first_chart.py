"""Time to first chart in a real browser, against the floor, and the server's CPU per page view. Not a test.

Each view is a NEW browser session (a fresh Chromium context: no cookies, no cached scripts), as when a manager opens
a link from an e-mail: navigation start → the page's first plotly chart (or, on a page whose first panel is a table,
its first table) drawn. The floor is bench/floor_page.py — a Streamlit page with one plotly chart and nothing else —
opened the same way, in the same run, alternating with the pages, so the machine's load touches both alike. Goals are
ratios to the floor (README «Скорость»).

The server's CPU per view is read from /proc for the app's server process only (the browser runs in its own): from
navigation start until the page's script run has ended. «Первый показ» — the first view of a page after the server
started (nothing of that page cached); «повторный» — the median of the later views (new sessions, cache warm).

With --old DIR (a checkout of an earlier commit, e.g. `git worktree add /tmp/cos-old HEAD~1`) the same views are
made against that version's server too, alternating, on the same database: side by side in one run.

Run: .venv/bin/python bench/first_chart.py [--data DIR] [--repeat 5] [--old DIR] [--pages home,indicators,…]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
CLOCK = os.sysconf("SC_CLK_TCK")
#: what counts as the first chart or table drawn
FIRST = ".js-plotly-plot .main-svg, [data-testid='stDataFrame'] canvas, [data-testid='stTable'] table"
#: the issue's goals, × the floor
GOALS = {"home": 1.2, "indicators": 1.3, "funding": 1.3, "internet": 1.3, "plan": 1.3, "portfolio": 1.3}
TITLES = {"home": "Обзор", "portfolio": "Портфель", "indicators": "Показатели", "funding": "Финансирование",
          "internet": "Интернет", "plan": "План мероприятий", "it_cube": "IT-куб", "training": "Кадры",
          "team": "Команда", "risks": "Риски и события", "quality": "Качество данных", "reports": "Отчёты"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / CLOCK


@dataclass
class Server:
    """A running Streamlit server: its process, address and script."""

    name: str
    proc: subprocess.Popen
    url: str

    @classmethod
    def start(cls, name: str, root: Path, script: str, env: dict[str, str]) -> Server:
        port = _free_port()
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
                                 "--server.headless", "true"], cwd=root, env={**env, "PYTHONPATH": str(root)},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        for _ in range(240):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        return cls(name, proc, url)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(20)


@dataclass
class Views:
    """Seconds to first chart and server CPU seconds of the views of one page on one server."""

    first_chart: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


def _view(browser, server: Server, path: str, width: int) -> tuple[float, float]:
    """One view in a new browser session: seconds to the first chart or table, the server's CPU seconds of it."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ru-RU")
    page = context.new_page()
    cpu0 = _cpu_seconds(server.proc.pid)
    started = time.perf_counter()
    page.goto(f"{server.url}/{path}", timeout=180_000)
    page.wait_for_selector(FIRST, state="visible", timeout=180_000)
    seconds = time.perf_counter() - started
    # the script run ends when Streamlit's «running» mark goes; then the server has nothing left to send
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=180_000)
    page.wait_for_timeout(300)
    cpu = _cpu_seconds(server.proc.pid) - cpu0
    context.close()
    return seconds, cpu


def _median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def _s(x: float, digits: int = 2) -> str:
    return f"{x:.{digits}f}".replace(".", ",")


def measure(args: argparse.Namespace) -> list[str]:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="cos-first-chart-"))
    data = Path(args.data)
    env = {**os.environ, "COS_DATA_DIR": str(data), "COS_DB": str(tmp / "cos.duckdb"),
           "COS_FACTS_DB": str(tmp / "facts.sqlite"), "COS_SECRET_FILE": str(tmp / "no-secret"),
           "BROWSER_PATH": CHROMIUM}
    env.pop("COS_FACTS_URL", None)
    subprocess.run([sys.executable, "-m", "loaders", "--data", str(data), "--db", env["COS_DB"]], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    old_env = {**env, "COS_DB": str(tmp / "old.duckdb"), "COS_FACTS_DB": str(tmp / "old-facts.sqlite")}
    if args.old:  # the earlier version builds its own database (its tables may differ) from the same passports
        subprocess.run([sys.executable, "-m", "loaders", "--data", str(data), "--db", old_env["COS_DB"]],
                       cwd=args.old, env={**old_env, "PYTHONPATH": args.old}, check=True, capture_output=True)
    passports = sorted(p.name for p in (data / "passports").iterdir() if p.is_dir())
    one = "amur" if "amur" in passports else passports[0]
    pages = args.pages.split(",")
    paths = {p: (f"{p}?passport={one}" if p not in ("home", "portfolio") else
                 ("home?" + "&".join(f"passport={x}" for x in passports[:2]) if p == "home" else p))
             for p in pages}
    servers = [Server.start("floor", ROOT, "bench/floor_page.py", env),
               Server.start("new", ROOT, "serve.py", env)]
    if args.old:
        servers.append(Server.start("old", Path(args.old), "serve.py", old_env))
    floor = Views()
    first: dict[tuple[str, str], tuple[float, float]] = {}
    later: dict[tuple[str, str], Views] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            _view(browser, servers[0], "", args.width)  # the browser itself started and warm
            for r in range(args.repeat + 1):
                for page in pages:
                    for server in servers[1:]:
                        seconds, cpu = _view(browser, server, paths[page], args.width)
                        if r == 0:
                            first[(server.name, page)] = (seconds, cpu)
                        else:
                            views = later.setdefault((server.name, page), Views())
                            views.first_chart.append(seconds)
                            views.cpu.append(cpu)
                    seconds, cpu = _view(browser, servers[0], "", args.width)
                    if r > 0:
                        floor.first_chart.append(seconds)
                        floor.cpu.append(cpu)
            browser.close()
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    base = _median(floor.first_chart)
    load = os.getloadavg()
    lines = [f"## До первого графика — {datetime.now():%d.%m.%Y %H:%M}, {len(passports)} паспортов, ширина "
             f"{args.width} пикселей, ядер: {os.cpu_count()}, нагрузка {_s(load[0])}",
             "", f"Пол — страница с одним графиком plotly: {_s(base)} с (медиана {len(floor.first_chart)} заходов), "
             f"CPU сервера на просмотр {_s(_median(floor.cpu), 3)} с. Каждый заход — новая сессия браузера.", ""]
    names = [s.name for s in servers[1:]]
    head = "| страница | цель | " + " | ".join(
        f"{'сейчас' if n == 'new' else 'было'}: до графика, с (× пола) | CPU сервера: первый / повторный, с"
        for n in names) + " |"
    lines += [head, "| --- | ---: |" + " ---: | ---: |" * len(names)]
    for page in pages:
        cells = []
        for name in names:
            views = later[(name, page)]
            seconds = _median(views.first_chart)
            cells.append(f"{_s(seconds)} ({_s(seconds / base)}×)")
            cells.append(f"{_s(first[(name, page)][1], 3)} / {_s(_median(views.cpu), 3)}")
        goal = f"≤ {_s(GOALS[page], 1)}×" if page in GOALS else ""
        lines.append(f"| {TITLES.get(page, page)} | {goal} | " + " | ".join(cells) + " |")
    return lines + [""]


def main() -> int:
    parser = argparse.ArgumentParser(description="до первого графика в браузере против пола; CPU сервера на просмотр")
    parser.add_argument("--data", default=str(ROOT / "data"), help="папка данных (passports/)")
    parser.add_argument("--repeat", type=int, default=5, help="сколько заходов на страницу после первого")
    parser.add_argument("--old", help="папка с прежней версией приложения: замер бок о бок")
    parser.add_argument("--pages", default="home,indicators,funding,internet,plan,portfolio")
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args()
    lines = measure(args)
    out = ROOT / "bench" / "results" / "first_chart.md"
    out.parent.mkdir(exist_ok=True)
    with out.open("a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
