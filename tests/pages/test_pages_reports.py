"""The pages «Отчёты» and «Риски и события», and the registers' tabs of «Факты», run as the app runs them."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
from docx import Document

from domain import paths
from store.facts_store import FactStore
from tests.helpers import page_text, rerun, run_page


def test_reports_page_makes_the_progress_report_in_one_click():
    at = run_page("reports", ("tomsk",), report_kind="year", report_year=2023)
    assert "Отчёт о ходе реализации" in page_text(at)
    at.button(key="make_progress").click()
    rerun(at)
    docx, xlsx, pdf = at.session_state["made_progress"][1]
    assert docx.name == "progress_tomsk_2023.docx" and xlsx.name.endswith(".xlsx")
    assert pdf.name == "progress_tomsk_2023.pdf" and pdf.data.startswith(b"%PDF")
    assert Document(io.BytesIO(docx.data)).paragraphs[0].text == "Отчёт о ходе реализации за 2023 год"
    assert "Показатели" in openpyxl.load_workbook(io.BytesIO(xlsx.data)).sheetnames
    assert any("отчёт о ходе реализации за 2023 год" in s.value for s in at.success)


def test_risks_page_without_risks_says_where_they_are_entered():
    at = run_page("risks", ("amur", "tomsk"), asof=date(2023, 9, 30))
    text = page_text(at)
    assert "Риски не внесены" in text and "«Факты»" in text and "События не внесены" in text


def test_a_risk_saved_through_the_service_shows_on_the_risks_page():
    from facts.service import FactsService
    from facts.targets import fact_targets
    from tests.helpers import model

    service = FactsService(FactStore(paths.FACTS_PATH), fact_targets(model()))
    raw = "Паспорт;Риск;Вероятность;Влияние;Срок\r\ntomsk;Риск <b>срыва</b> сроков;высокая;средняя;01.03.2023\r\n"
    saved = service.save(service.check_entries_file(raw.encode(), "r.csv", "risk"), author="Сидорова О.П.")
    try:
        at = run_page("risks", ("tomsk",), asof=date(2023, 9, 30))
        text = page_text(at)
        assert "Открытых рисков: 1" in text and "Срок мер прошёл: 1" in text
        assert "Риск <b>срыва</b> сроков" in text  # shown as typed, as text, never as HTML
        facts_page = run_page("facts", ("tomsk",), who="Сидорова О.П.")
        assert "Риск <b>срыва</b> сроков" in page_text(facts_page)
    finally:
        service.undo(saved.batch_id, author="Сидорова О.П.")
