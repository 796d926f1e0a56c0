"""The progress report as a PDF: it opens with pdftotext and holds the report's Russian text, its fonts are embedded,
and a table that runs over pages repeats its header row on each."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pandas as pd
import pytest

from domain.periods import Period
from reports.files import progress_file
from reports.pdf import to_pdf
from reports.progress import ProgressReport, Section, progress_report
from tests.helpers import model


def _pdftotext(tmp_path, data: bytes, *pages: str) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", *pages, "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def amur_2021() -> bytes:
    return progress_file(model(), "amur", Period.parse("2021"), "pdf").data


def test_the_pdf_holds_the_reports_russian_text(amur_2021, tmp_path):
    text = _pdftotext(tmp_path, amur_2021)
    for words in ("Отчёт о ходе реализации за 2021 год", "Амурская область", "Показатели", "Контрольные точки",
                  "Финансирование", "По состоянию на: 31.12.2021", "стр. 1 из"):
        assert words in text, words


def test_the_fonts_are_embedded(amur_2021, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(amur_2021)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = [line.split() for line in fonts[2:]]
    assert rows and all("DejaVu" in row[0] and row[-5] == "yes" for row in rows), fonts  # emb = yes


def test_a_long_table_repeats_its_header_on_every_page(tmp_path):
    table = pd.DataFrame({"Код": [f"1.{i}" for i in range(90)], "Заголовок-столбца": ["строка плана"] * 90,
                          "Срок": [date(2024, 12, 31)] * 90})
    report = ProgressReport("x", "Тестовая область", "Паспорт", Period.parse("2024"), date(2024, 12, 31),
                            date(2024, 12, 31), [Section("Длинный раздел", table=table)], False, False)
    data = to_pdf(report)
    pages = int(re.search(rb"/Count (\d+)", data).group(1))
    assert pages >= 3
    for page in range(2, pages + 1):
        assert "Заголовок-столбца" in _pdftotext(tmp_path, data, "-f", str(page), "-l", str(page)), page


def test_the_example_mark_is_on_every_page(tmp_path):
    from facts.service import FactsService
    from facts.targets import fact_targets
    from store.facts_store import FactStore

    store = FactStore(tmp_path / "facts.sqlite")
    FactsService(store, fact_targets(model())).load_examples(author="Тестов Т.Т.")
    report = progress_report(model(store), "amur", Period.parse("2021-Q3"))
    assert report.has_examples
    text = _pdftotext(tmp_path, to_pdf(report))
    assert text.count("ПРИМЕР") >= text.count("стр. ") >= 1
