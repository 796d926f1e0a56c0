"""Real-browser tests: the app served by Streamlit, opened in headless Chromium through Playwright."""

from __future__ import annotations

import csv
import io
import os
import socket
import struct
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from facts.service import FactsService
from facts.targets import fact_targets
from store.facts_store import FactStore
from tests.helpers import model

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
#: (url path, page title, has a chart)
PAGES = [
    ("", "Обзор", False),  # the default page lives at the root
    ("portfolio", "Портфель", True),
    ("indicators", "Показатели", True),
    ("internet", "Интернет", True),
    ("it_cube", "IT-куб", True),
    ("training", "Кадры", True),
    ("funding", "Финансирование", True),
    ("plan", "План мероприятий", True),
    ("team", "Команда", True),
    ("risks", "Риски и события", True),
    ("quality", "Качество данных", False),
    ("facts", "Факты", False),
    ("reports", "Отчёты", False),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app started exactly as ./run.sh starts it (build the database, then serve), on a free port, with the
    example facts loaded into its own store."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium не установлен: ./test.sh ставит его из пакетов Debian")
    tmp = tmp_path_factory.mktemp("server")
    store = FactStore(tmp / "facts.sqlite")
    FactsService(store, fact_targets(model())).load_examples(author="Тестов Т.Т.")
    port = _free_port()
    env = {**os.environ, "COS_FACTS_DB": str(tmp / "facts.sqlite"), "COS_DB": str(tmp / "cos.duckdb"),
           "BROWSER_PATH": CHROMIUM}
    yield from serve(env, port)


def serve(env: dict, port: int, log: Path | None = None):
    """Build the database and serve the app as ./run.sh does; yields its URL, stops it after (what the server
    prints goes to `log` when given)."""
    subprocess.run([sys.executable, "-m", "loaders"], cwd=ROOT, env=env, check=True, capture_output=True)
    out = open(log, "w", encoding="utf-8") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port)], cwd=ROOT, env=env,
        stdout=out, stderr=subprocess.STDOUT if log else subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                break
        except OSError:
            time.sleep(0.5)
    yield url
    proc.terminate()
    proc.wait(10)
    if log:
        out.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000}, locale="ru-RU")
    pg = context.new_page()
    yield pg
    context.close()


def _wait_ready(pg, has_chart: bool) -> None:
    pg.wait_for_selector("h1", timeout=60_000)
    if has_chart:
        pg.wait_for_selector(".js-plotly-plot", timeout=60_000)
    pg.wait_for_timeout(500)
    assert pg.locator('[data-testid="stException"]').count() == 0, pg.locator(
        '[data-testid="stException"]').first.inner_text()


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def _download(pg, label: str) -> bytes:
    with pg.expect_download(timeout=60_000) as info:
        pg.get_by_role("button", name=label).first.click()
    return Path(info.value.path()).read_bytes()


def _csv_rows(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf"), "CSV для Excel должен начинаться с BOM"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _fits(pg, title: str, width: int) -> None:
    """Nothing runs off the main block sideways (columns stack, tables scroll inside)."""
    scroll, client = pg.evaluate("""() => { const m = document.querySelector(
        '[data-testid="stMainBlockContainer"]'); return [m.scrollWidth, m.clientWidth]; }""")
    assert scroll <= client, (title, width, scroll, client)
    assert pg.evaluate("document.documentElement.scrollWidth") <= width, (title, width)


def test_every_page_opens_from_the_navigation_and_fits_1280(server, browser):
    """Every page from the sidebar links, one passport, at 1280 px."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="ru-RU")
    page = context.new_page()
    try:
        page.goto(server)
        _wait_ready(page, False)
        for path, title, has_chart in PAGES:
            page.get_by_role("link", name=title, exact=True).first.click()
            if path:
                page.wait_for_url(f"**/{path}**", timeout=30_000)
            _wait_ready(page, has_chart)
            assert page.locator("h1").first.inner_text().strip() == title
            _fits(page, title, 1280)
            if os.environ.get("COS_SCREENSHOTS"):
                page.screenshot(path=str(ROOT / "docs" / "screens" / f"{path or 'overview'}_1280.png"),
                                full_page=True)
    finally:
        context.close()


def test_overview_csv_holds_the_passport_numbers(server, page):
    page.goto(f"{server}/?passport=amur&passport=tomsk")
    _wait_ready(page, False)
    rows = _csv_rows(_download(page, "CSV (Excel)"))
    money = {r["Территория"]: r["Финансирование за весь срок, млн руб."] for r in rows}
    assert money["Амурская область"] == "643,64"  # section 4 (39,75, 2019) + additional materials (603,89)
    assert money["Город Томск"] == "166,47"  # 11,08 + 60,70 + 94,69
    section4 = {r["Территория"]: r["Раздел 4, млн руб."] for r in rows}
    assert section4 == {"Амурская область": "39,75", "Город Томск": "166,47"}


@pytest.mark.parametrize("path,title,has_chart", [p for p in PAGES if p[2]])
def test_chart_downloads_png_and_csv(server, page, path, title, has_chart):
    page.goto(f"{server}/{path}?passport=amur")
    _wait_ready(page, True)
    png = _download(page, "PNG для слайда")
    assert _png_size(png) == (1920, 1080)
    rows = _csv_rows(_download(page, "CSV (Excel)"))
    assert rows, "CSV пуст"


def test_link_reproduces_the_view_and_survives_navigation(server, page):
    """Passports (by id; a territory name works too), years and as-of date come from the URL and stay in it
    while the user goes from page to page."""
    page.goto(f"{server}/?passport=Город+Томск&asof=2021-03-01&years=2019&years=2022")
    _wait_ready(page, False)
    page.get_by_role("heading", name="Город Томск").first.wait_for(timeout=30_000)
    assert page.get_by_role("heading", name="Амурская область").count() == 0
    page.wait_for_url("**passport=tomsk**", timeout=30_000)  # ids, not names, in the URL
    date_group = page.get_by_role("group", name="По состоянию на")
    assert date_group.inner_text().replace("\n", "").replace(" ", "") == "01.03.2021"
    for title, path in (("Интернет", "internet"), ("Финансирование", "funding"), ("План мероприятий", "plan")):
        page.get_by_role("link", name=title, exact=True).first.click()
        page.wait_for_url(f"**/{path}?**", timeout=30_000)
        _wait_ready(page, path != "plan")
        for part in ("passport=tomsk", "asof=2021-03-01", "years=2019", "years=2022"):
            assert part in page.url, (title, page.url)
    assert page.get_by_role("heading", name="Амурская область").count() == 0


def test_pages_fit_800_when_comparing_two_passports(server, browser):
    """At 800 px, with two passports side by side (the widest pages), nothing runs off sideways."""
    context = browser.new_context(viewport={"width": 800, "height": 1000}, locale="ru-RU")
    pg = context.new_page()
    try:
        for path, title, has_chart in PAGES:
            pg.goto(f"{server}/{path}?passport=amur&passport=tomsk")
            _wait_ready(pg, has_chart)
            _fits(pg, title, 800)
            if os.environ.get("COS_SCREENSHOTS"):
                pg.screenshot(path=str(ROOT / "docs" / "screens" / f"{path or 'overview'}_800.png"), full_page=True)
    finally:
        context.close()


def test_reports_page_makes_and_downloads_the_progress_report(server, page):
    """One click makes the report; its DOCX downloads and opens with the example mark (examples are loaded)."""
    from docx import Document

    page.goto(f"{server}/reports?passports=amur")
    _wait_ready(page, False)
    page.get_by_role("button", name="Сформировать отчёт").first.click()
    page.get_by_text("Отчёт готов").first.wait_for(timeout=60_000)
    data = _download(page, "DOCX")
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert doc.paragraphs[0].text.startswith("Отчёт о ходе реализации за")
    assert "ПРИМЕР" in text and "Показатели" in text
    book = _download(page, "XLSX")
    assert book[:2] == b"PK"


def test_undo_asks_for_confirmation_first(server, page):
    """The journal shows what a batch changed; the undo button works only after the user confirms."""
    page.goto(f"{server}/facts?passports=amur")
    _wait_ready(page, False)
    page.get_by_role("tab", name="Журнал изменений").click()
    button = page.get_by_role("button", name="Отменить пакет")
    button.wait_for(timeout=30_000)
    assert button.is_disabled()
    page.get_by_text("Да, отменить пакет").first.click()
    page.wait_for_timeout(1000)
    assert page.get_by_role("button", name="Отменить пакет").is_enabled()


def test_the_file_uploader_speaks_russian_to_screen_readers(server, page, tmp_path):
    """Streamlit names the uploader's parts in English («file upload», «Remove …», sizes «91.0B»): the page says
    them in Russian, as everything else."""
    page.goto(f"{server}/facts?passports=amur")
    _wait_ready(page, False)
    field = page.locator('[data-testid="stFileUploader"] input[type="file"]').first
    page.wait_for_timeout(500)
    label = field.get_attribute("aria-label")
    assert label != "file upload" and "XLSX" in label and "или" in label
    upload = tmp_path / "amur.csv"
    upload.write_bytes("Паспорт;Вид;Раздел;Код;Мера;Год;План;Факт;Источник\r\n".encode("cp1251"))
    field.set_input_files(str(upload))
    chip = page.locator('[data-testid="stFileChip"]').first
    chip.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    assert chip.get_attribute("aria-label").endswith("\u00a0Б")
    remove = page.locator('[data-testid="stFileChipDeleteBtn"] button').first
    assert remove.get_attribute("aria-label") == "Удалить файл amur.csv"
    visible = page.locator('[data-testid="stFileUploader"]').first.inner_text()
    assert "Upload" not in visible and "per file" not in visible


@pytest.mark.parametrize("address,note", [
    ("home", None),  # the overview's own address
    ("home?passport=tomsk", None),
    ("overview", "устарел"),  # an address of an earlier version
    ("no-such-page", "Страницы «/no-such-page» в приложении нет"),
])
def test_addresses_open_without_the_english_dialog(server, page, address, note):
    """The server redirects an address no page has before Streamlit could show «Page not found» in English; the
    overview says it in Russian; the overview's own address opens it with nothing to say."""
    page.goto(f"{server}/{address}")
    _wait_ready(page, False)
    page.wait_for_timeout(1500)  # Streamlit's dialog would come with the first script run
    assert page.locator("h1").first.inner_text().strip() == "Обзор"
    assert page.get_by_text("Page not found").count() == 0 and page.get_by_role("dialog").count() == 0
    notes = page.locator('[data-testid="stAlertContentInfo"]').all_inner_texts()
    if note is None:
        assert not any("Страницы «" in n or "устарел" in n for n in notes), notes
    else:
        assert any(note in n for n in notes), notes
    if address.startswith("home?"):
        page.get_by_role("heading", name="Город Томск").first.wait_for(timeout=30_000)


def test_the_sidebar_starts_folded_below_1000_and_the_filters_stay_reachable(server, browser):
    """At 800 px the page gets the whole width (the sidebar starts folded, nothing runs off sideways); the «>» at
    the top opens the menu with the filters. At 1280 px the sidebar is open."""
    for width, folded in ((800, True), (1280, False)):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="ru-RU")
        pg = context.new_page()
        try:
            pg.goto(f"{server}/indicators?passport=amur")
            _wait_ready(pg, True)
            sidebar = pg.locator('[data-testid="stSidebar"]')
            pg.wait_for_function(f"""() => document.querySelector('[data-testid="stSidebar"]')
                .getAttribute('data-collapsed') === '{str(folded).lower()}'""", timeout=10_000)
            _fits(pg, "Показатели", width)
            if folded:
                pg.locator('[data-testid="stExpandSidebarButton"]').click()
                pg.wait_for_function("""() => document.querySelector('[data-testid="stSidebar"]')
                    .getAttribute('data-collapsed') === 'false'""", timeout=10_000)
            assert sidebar.get_by_text("Паспорта", exact=True).first.is_visible()
            assert sidebar.get_by_role("link", name="Финансирование").first.is_visible()
        finally:
            context.close()
