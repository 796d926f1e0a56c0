"""Sign-in in a real browser: once the store has accounts, nothing is shown before sign-in; a viewer reads but has
no upload, editor or undo; a sign-in survives a reload and a shared link opens its view; five wrong passwords
lock; a change names the signed-in account in the journal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from accounts.accounts import Accounts
from domain.access import LOCKED_MESSAGE, WRONG_MESSAGE
from facts.service import FactsService
from facts.targets import fact_targets
from store.facts_store import FactStore
from tests.browser.test_browser import CHROMIUM, PAGES, _free_port, _wait_ready, browser, serve  # noqa: F401 - a fixture
from tests.helpers import model

pytestmark = pytest.mark.browser
PASSWORD = "длинный-пароль-1"
ACCOUNTS = [("admin", "admin", [], "Петров П. П."), ("ivanova", "editor", ["amur"], "Иванова А. А."),
            ("smirnov", "viewer", ["tomsk"], "Смирнов С. С."), ("locked.one", "viewer", [], ""),
            ("second", "viewer", [], "Второв В. В.")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app with accounts in its store and the example data loaded by the administrator."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium не установлен: ./test.sh ставит его из пакетов Debian")
    tmp = tmp_path_factory.mktemp("signin")
    store = FactStore(tmp / "facts.sqlite")
    accounts = Accounts(store)
    for login, role, passports, name in ACCOUNTS:
        accounts.add(login, role, passports, PASSWORD, name=name, by="тест")
    con = model()
    FactsService(store, fact_targets(con), account=accounts.get("admin")).load_examples()
    port = _free_port()
    env = {**os.environ, "COS_FACTS_DB": str(tmp / "facts.sqlite"), "COS_DB": str(tmp / "cos.duckdb")}
    env.pop("COS_FACTS_URL", None)
    env.pop("COS_ANONYMOUS_READ", None)
    for url in serve(env, port):
        yield url, store


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
    url, _store = server
    for path, _title, _chart in PAGES:
        page.goto(f"{url}/{path}?passport=amur")
        assert _heading(page) == "Вход в ЦОС-монитор", path
        assert page.get_by_label("Логин").count() == 1 and page.get_by_label("Пароль").count() == 1
        for hidden in ('.js-plotly-plot', '[data-testid="stDataFrame"]', '[data-testid="stMetric"]',
                       '[data-testid="stFileUploader"]', '[data-testid="stPageLink"]'):
            assert page.locator(hidden).count() == 0, (path, hidden)
        assert "Амурская" not in page.locator("body").inner_text()


def test_a_sign_in_survives_a_reload_and_a_shared_link_opens_its_view(server, page):
    url, _store = server
    page.goto(f"{url}/indicators?passport=amur")
    assert _heading(page) == "Вход в ЦОС-монитор"
    _sign_in(page, "ivanova")
    assert _heading(page) == "Показатели" and "passport=amur" in page.url
    assert "Иванова А. А. (ivanova)" in page.locator('[data-testid="stSidebar"]').inner_text()
    cookie = [c for c in page.context.cookies() if c["name"] == "cos_session"]
    assert cookie and PASSWORD not in cookie[0]["value"] and cookie[0]["sameSite"] == "Strict"
    page.reload()
    assert _heading(page) == "Показатели"
    page.get_by_role("button", name="Выйти").click()
    assert _heading(page) == "Вход в ЦОС-монитор"
    assert "Вы вышли" in page.locator("body").inner_text()
    page.reload()
    assert _heading(page) == "Вход в ЦОС-монитор"


def test_a_viewer_reads_only_her_passports_with_no_upload_editor_or_undo(server, page):
    url, _store = server
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


def test_five_wrong_passwords_lock_the_account(server, page):
    url, _store = server
    page.goto(url)
    _heading(page)
    for _ in range(4):
        _sign_in(page, "locked.one", "неверный-пароль")
        assert WRONG_MESSAGE in page.locator("body").inner_text()
    _sign_in(page, "locked.one", "неверный-пароль")
    assert LOCKED_MESSAGE in page.locator("body").inner_text()
    _sign_in(page, "locked.one", PASSWORD)
    assert LOCKED_MESSAGE in page.locator("body").inner_text()
    assert _heading(page) == "Вход в ЦОС-монитор"


def test_a_change_names_the_signed_in_account_in_the_journal(server, page, tmp_path):
    url, store = server
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
    page.get_by_role("tab", name="Журнал изменений").last.click()  # a rerun may still show the old tabs
    page.wait_for_timeout(1000)
    assert "Иванова А. А. (ivanova)" in page.locator("body").inner_text()  # the undo choice names the batch's author


def test_only_an_administrator_manages_users_and_unlocks(server, page):
    url, store = server
    accounts = Accounts(store)
    for _ in range(5):
        accounts.sign_in("second", "неверный-пароль")
    assert accounts.sign_in("second", PASSWORD).message == LOCKED_MESSAGE
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
    page.get_by_role("button", name="Снять блокировку").click()
    page.wait_for_selector("text=Блокировка снята", timeout=30_000)
    assert accounts.sign_in("second", PASSWORD).account is not None
    assert "Петров П. П. (admin)" in accounts.events()["Кто"].tolist()
