"""«Паспорта» in a real browser: upload a passport document, read the review, save — the new passport is on
«Обзор». The server works on its own copy of the data folder."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.browser.test_browser import CHROMIUM, _free_port, _wait_ready, browser, serve  # noqa: F401 - fixture
from tests.helpers import DATA

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("passports_page")
    shutil.copytree(DATA / "passports" / "amur", tmp / "data" / "passports" / "amur")
    env = {**os.environ, "COS_DATA_DIR": str(tmp / "data"), "COS_FACTS_DB": str(tmp / "facts.sqlite"),
           "COS_DB": str(tmp / "cos.duckdb"), "BROWSER_PATH": CHROMIUM}
    yield from serve(env, _free_port())


def test_upload_review_save_and_the_passport_is_on_the_overview(server, browser):  # noqa: F811 - fixture
    page = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ru-RU").new_page()
    try:
        page.goto(f"{server}/passports")
        _wait_ready(page, False)
        page.locator('input[type="file"]').set_input_files(str(DATA / "sources" / "tomsk.txt"))
        page.get_by_label("Идентификатор паспорта (имя папки)").fill("tomsk_city")
        page.get_by_label("Идентификатор паспорта (имя папки)").press("Enter")
        page.get_by_text("Документ прочитан").first.wait_for(timeout=60_000)
        page.get_by_text("3. Результаты — результатов: 28").first.wait_for(timeout=30_000)
        page.get_by_role("button", name="Сохранить паспорт").click()
        page.get_by_text("сохранён, база собрана").first.wait_for(timeout=120_000)
        page.goto(f"{server}/?passport=tomsk_city")
        _wait_ready(page, False)
        page.get_by_role("heading", name="Город Томск").first.wait_for(timeout=60_000)
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.context.close()
