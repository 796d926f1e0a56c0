"""Sign-in in a real browser: once the store has accounts, nothing is shown before sign-in; a viewer reads but has
no upload, editor or undo; a sign-in survives a reload and a shared link opens its view, its cookie set by the server
where no script reads it; wrong passwords slow sign-in down until an administrator resets them; a change names the
signed-in account and the browser's origin in the journal; a store without accounts keeps the app closed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from accounts.accounts import Accounts
from accounts.keys import SigningKey
from accounts.sign_in import SignIns
from domain.access import WRONG_MESSAGE
from facts.service import FactsService
from facts.targets import fact_targets
from store.facts_store import FactStore
from tests.browser.test_browser import CHROMIUM, PAGES, _free_port, _wait_ready, browser, serve  # noqa: F401 - a fixture
from tests.helpers import model

pytestmark = pytest.mark.browser
#: the address the served app sees for the test's browser
BROWSER = "127.0.0.1"
PASSWORD = "длинный-пароль-1"
ACCOUNTS = [("admin", "admin", [], "Петров П. П."), ("ivanova", "editor", ["amur"], "Иванова А. А."),
            ("smirnov", "viewer", ["tomsk"], "Смирнов С. С."), ("locked.one", "viewer", [], ""),
            ("second", "viewer", [], "Второв В. В."), ("head.amur", "head", ["amur"], "Сидоров С. С.")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app with accounts in its store and the example data loaded by the administrator."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium не установлен: ./test.sh ставит его из пакетов Debian")
    tmp = tmp_path_factory.mktemp("signin")
    store = FactStore(tmp / "facts.sqlite")
    accounts = Accounts(store, keys=SigningKey(tmp / ".cos-secret"))
    for login, role, passports, name in ACCOUNTS:
        accounts.add(login, role, passports, PASSWORD, name=name, by="тест")
    con = model()
    FactsService(store, fact_targets(con), account=accounts.get("admin")).load_examples()
    port = _free_port()
    env = {**os.environ, "COS_FACTS_DB": str(tmp / "facts.sqlite"), "COS_DB": str(tmp / "cos.duckdb"),
           "COS_SECRET_FILE": str(tmp / ".cos-secret")}
    env.pop("COS_FACTS_URL", None)
    env.pop("COS_ANONYMOUS_READ", None)
    for url in serve(env, port):
        yield url, store, SignIns(store, keys=accounts.keys)


@pytest.fixture
def page(browser):  # noqa: F811 - the browser fixture imported above
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 1000}, locale="ru-RU")
    pg = context.new_page()
    yield pg
    context.close()


def _heading(pg) -> str:
    pg.wait_for_selector("h1", timeout=60_000)
    pg.wait_for_timeout(700)
    return pg.locator("h1").first.inner_text()


def _sign_in(pg, login: str, password: str = PASSWORD) -> None:
    pg.get_by_label("Логин").fill(login)
    pg.get_by_label("Пароль").fill(password)
    pg.get_by_role("button", name="Войти").click()
    pg.wait_for_timeout(2500)


def test_anonymous_sees_the_sign_in_page_and_no_data_on_every_page(server, page):
    url, *_rest = server
    for path, _title, _chart in PAGES:
        page.goto(f"{url}/{path}?passport=amur")
        assert _heading(page) == "Вход в ЦОС-монитор", path
        assert page.get_by_label("Логин").count() == 1 and page.get_by_label("Пароль").count() == 1
        for hidden in ('.js-plotly-plot', '[data-testid="stDataFrame"]', '[data-testid="stMetric"]',
                       '[data-testid="stFileUploader"]', '[data-testid="stPageLink"]'):
            assert page.locator(hidden).count() == 0, (path, hidden)
        assert "Амурская" not in page.locator("body").inner_text()


def test_a_sign_in_survives_a_reload_and_a_shared_link_opens_its_view(server, page):
    url, *_rest = server
    page.goto(f"{url}/indicators?passport=amur")
    assert _heading(page) == "Вход в ЦОС-монитор"
    _sign_in(page, "ivanova")
    assert _heading(page) == "Показатели" and "passport=amur" in page.url
    assert "Иванова А. А. (ivanova)" in page.locator('[data-testid="stSidebar"]').inner_text()
    cookie = [c for c in page.context.cookies() if c["name"] == "cos_session"]
    assert cookie and PASSWORD not in cookie[0]["value"] and cookie[0]["sameSite"] == "Strict"
    assert cookie[0]["httpOnly"] and "cos_session" not in page.evaluate("document.cookie")  # no script reads it
    page.reload()
    assert _heading(page) == "Показатели"
    page.get_by_role("button", name="Выйти").click()
    assert _heading(page) == "Вход в ЦОС-монитор"
    assert "Вы вышли" in page.locator("body").inner_text()
    page.reload()
    assert _heading(page) == "Вход в ЦОС-монитор"


def test_a_viewer_reads_only_her_passports_with_no_upload_editor_or_undo(server, page):
    url, *_rest = server
    page.goto(f"{url}/facts?passport=amur")
    _heading(page)
    _sign_in(page, "smirnov")
    assert _heading(page) == "Факты"
    body = page.locator("body").inner_text()
    assert "Только просмотр" in body and "Город Томск" in body
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    for label in ("Проверить и сохранить правки", "Проверить и сохранить", "Отменить пакет", "Загрузить пример",
                  "Удалить пример", "Подтвердить и сохранить"):
        assert page.get_by_role("button", name=label, exact=True).count() == 0, label
    page.get_by_role("tab", name="Журнал изменений").last.click()  # a rerun may still show the old tabs
    page.wait_for_timeout(800)
    assert "Отменять пакеты может редактор" in page.locator("body").inner_text()
    page.goto(f"{url}/indicators?passport=amur")  # another passport by its link: not shown
    _wait_ready(page, True)
    assert "Амурская" not in page.locator('[data-testid="stSidebar"]').inner_text()


def test_wrong_passwords_slow_the_sign_in_down(server, page):
    url, _store, desk = server
    page.goto(url)
    _heading(page)
    _sign_in(page, "locked.one", "неверный-пароль")
    assert WRONG_MESSAGE in page.locator("body").inner_text()
    for _ in range(6):  # a burst of guesses from the browser's address
        desk.sign_in("locked.one", "неверный-пароль", BROWSER)
    _sign_in(page, "locked.one", PASSWORD)
    assert "Слишком много неудачных попыток входа: повторите через" in page.locator("body").inner_text()
    assert _heading(page) == "Вход в ЦОС-монитор"


def test_a_change_names_the_signed_in_account_in_the_journal(server, page, tmp_path):
    url, store, _desk = server
    page.goto(f"{url}/facts?passport=amur")
    _heading(page)
    _sign_in(page, "ivanova")
    assert _heading(page) == "Факты"
    assert page.get_by_label("Кто вносит (фамилия и инициалы)").count() == 0  # the account is the author
    upload = tmp_path / "amur.csv"
    upload.write_bytes(("Паспорт;Вид;Раздел;Код;Мера;Год;План;Факт;Источник\r\n"
                        "amur;показатель;;1.1;;2019;;3,9;отчёт\r\n").encode("cp1251"))
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(upload))
    page.get_by_role("button", name="Подтвердить и сохранить").click()
    page.wait_for_selector("text=Сохранено", timeout=60_000)
    assert store.audit_log()["who"].iloc[0] == "Иванова А. А. (ivanova)"
    assert store.audit_log()["origin"].iloc[0] == f"приложение ({BROWSER})"
    page.get_by_role("tab", name="Журнал изменений").last.click()  # a rerun may still show the old tabs
    page.wait_for_timeout(1000)
    assert "Иванова А. А. (ivanova)" in page.locator("body").inner_text()  # the undo choice names the batch's author


def test_only_an_administrator_manages_users_and_resets_wrong_passwords(server, page):
    url, store, desk = server
    accounts = Accounts(store, keys=desk.keys)
    for _ in range(8):
        desk.sign_in("second", "неверный-пароль", "10.9.9.9")
    assert desk.sign_in("second", PASSWORD, "10.9.9.9").message.startswith("Слишком много неудачных попыток")
    page.goto(f"{url}/users")
    _heading(page)
    _sign_in(page, "ivanova")
    assert "Страница для администраторов" in page.locator("body").inner_text()
    assert page.get_by_role("link", name="Пользователи").count() == 0
    page.get_by_role("button", name="Выйти").click()
    _heading(page)
    _sign_in(page, "admin")
    assert _heading(page) == "Пользователи"
    assert page.get_by_role("link", name="Пользователи").count() == 1
    page.get_by_role("tab", name="Изменить запись").click()
    page.get_by_label("Учётная запись").click()
    page.get_by_role("option", name="second").click()
    page.wait_for_timeout(800)
    page.get_by_role("button", name="Сбросить неудачные входы").click()
    page.wait_for_selector("text=Неудачные входы сброшены", timeout=30_000)
    assert desk.sign_in("second", PASSWORD, "10.9.9.9").account is not None
    assert "Петров П. П. (admin)" in accounts.events()["Кто"].tolist()


def test_a_store_without_accounts_keeps_the_app_closed(tmp_path, browser):  # noqa: F811 - the browser fixture
    """The signing key says this installation signs people in; a store at a wrong path has no accounts: the app
    shows only a Russian page naming the store and the setting, and says at start which store it uses."""
    key = SigningKey(tmp_path / ".cos-secret")
    key.ensure()
    wrong = tmp_path / "typo" / "facts.sqlite"
    log = tmp_path / "server.log"
    env = {**os.environ, "COS_FACTS_DB": str(wrong), "COS_DB": str(tmp_path / "cos.duckdb"),
           "COS_SECRET_FILE": str(key.path)}
    env.pop("COS_FACTS_URL", None)
    for url in serve(env, _free_port(), log=log):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
        page = context.new_page()
        page.goto(f"{url}/indicators?passport=amur")
        assert _heading(page) == "ЦОС-монитор закрыт"
        body = page.locator("body").inner_text()
        assert str(wrong) in body and str(key.path) in body and "не найдено" in body
        assert page.get_by_label("Логин").count() == 0 and page.locator(".js-plotly-plot").count() == 0
        context.close()
    assert f"хранилище фактов — {wrong}; ОТКАЗ" in log.read_text(encoding="utf-8")


def test_a_report_goes_from_draft_to_approval_with_each_role_pressing_its_own_buttons(server, page):
    """The editor submits the report of the period just due, the head of project approves it; the frozen PDF
    downloads; a viewer of another passport does not see this one."""
    url, store, _desk = server
    page.goto(f"{url}/reports?passport=amur")
    _heading(page)
    _sign_in(page, "ivanova")
    page.get_by_text("Календарь отчётов").first.wait_for(timeout=60_000)
    assert "Отчёт за период: сдача и утверждение" in page.locator("body").inner_text()
    page.get_by_role("button", name="Сдать на согласование").click()
    page.get_by_text("Отчёт сдан на согласование").first.wait_for(timeout=90_000)
    # the success note is drawn first; the rest of the page follows in the same run
    page.get_by_text("Утвердить или вернуть отчёт может руководитель проекта").first.wait_for(timeout=60_000)
    assert "на согласовании" in page.locator("body").inner_text()
    assert page.get_by_role("button", name="Утвердить").count() == 0
    page.get_by_role("button", name="Выйти").click()
    _heading(page)
    _sign_in(page, "head.amur")
    page.get_by_role("button", name="Утвердить").wait_for(timeout=60_000)
    assert page.get_by_role("button", name="Сдать на согласование").count() == 0
    page.get_by_role("button", name="Утвердить").click()
    page.get_by_text("Отчёт утверждён").first.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Сданный PDF").click()
    assert Path(info.value.path()).read_bytes()[:4] == b"%PDF"
    log = store.audit_log()
    assert {"submit", "approve"} <= set(log["action"]) and "Сидоров С. С. (head.amur)" in set(log["who"])
