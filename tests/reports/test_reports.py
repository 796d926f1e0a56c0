"""The progress report (DOCX, XLSX), the briefing deck (PPTX) and the panels' ZIP: opened with python-docx,
openpyxl, python-pptx and zipfile and read as a manager would — headings, tables, the reasons given, the example
mark exactly when examples are in, the right report for a quarter and a month."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from pptx import Presentation

from domain.periods import Period, PeriodError, latest_closed
from domain.vocabulary import EXAMPLE_MARK
from facts.service import FactsService
from facts.targets import fact_targets
from reports.__main__ import main as reports_main
from reports.briefing import deck_panels, make_deck, make_zip
from reports.documents import to_docx, to_xlsx
from reports.files import progress_file
from reports.progress import SECTION_TITLES, ReportError, progress_report
from store.facts_store import FactStore
from store.records import FactChange, FactValue
from tests.helpers import built, fact_key, model

REASON = "подрядчик сорвал сроки строительства линий связи в 14 сельских школах"


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    """A model with the example data loaded (facts with quarterly reports and reasons, risks, events, measures)."""
    store = FactStore(tmp_path_factory.mktemp("examples") / "facts.sqlite")
    FactsService(store, fact_targets(model())).load_examples(author="Тестов Т.Т.")
    return model(store)


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """A model with two real (non-example) facts of Amur, one short of plan with its reason."""
    store = FactStore(tmp_path_factory.mktemp("real") / "facts.sqlite")
    FactsService(store, fact_targets(model())).set([
        FactChange(fact_key("amur", "indicator", "1.1", 2022), FactValue(58.0, source="отчёт № 12",
                                                                        reason="нет линий связи", measures="ВОЛС")),
        FactChange(fact_key("amur", "indicator", "1.1", 2022, reported=date(2022, 6, 30)),
                   FactValue(41.0, source="отчёт за II квартал")),
    ], author="Иванова А.А.")
    return model(store)


def _docx_text(data: bytes) -> tuple[list[tuple[str, str]], str]:
    doc = Document(io.BytesIO(data))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return headings, "\n".join([p.text for p in doc.paragraphs] + cells)


# ---- periods -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "start", "end", "label"), [
    ("2021", date(2021, 1, 1), date(2021, 12, 31), "2021 год"),
    ("2021-Q3", date(2021, 7, 1), date(2021, 9, 30), "III квартал 2021 г."),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "февраль 2024 г."),
])
def test_periods(text, start, end, label):
    p = Period.parse(text)
    assert (p.start, p.end, p.label, p.code) == (start, end, label, text)


@pytest.mark.parametrize("text", ["21", "2021-Q0", "2021-13", "2021/3", "квартал"])
def test_a_wrong_period_is_refused_in_russian(text):
    with pytest.raises(PeriodError, match="период|квартал|месяц"):
        Period.parse(text)


@given(st.dates(date(2019, 1, 1), date(2030, 12, 31)), st.sampled_from(["year", "quarter", "month"]))
def test_the_latest_closed_period_has_ended_and_the_next_has_not(today, kind):
    p = latest_closed(today, kind)
    assert p.end < today
    assert Period.parse(p.code) == p
    after = date.fromordinal(p.end.toordinal() + 1)
    assert latest_closed(after, kind) == p or after > today


# ---- progress report -----------------------------------------------------------------------------------------------
def test_progress_docx_has_the_sections_as_word_headings_and_the_facts_of_the_quarter(examples):
    report = progress_report(examples, "amur", Period.parse("2021-Q3"), made_on=date(2021, 10, 5))
    headings, text = _docx_text(to_docx(report))
    assert headings[0] == ("Title", "Отчёт о ходе реализации за III квартал 2021 г.")
    assert [h for style, h in headings if style == "Heading 1"][:6] == list(SECTION_TITLES)
    assert "Амурская область" in text and "По состоянию на: 30.09.2021" in text and "05.10.2021" in text
    # the quarter's report of indicator 1.1: 36,4 % on 30.09.2021 against the year's plan of 44 %, in progress
    row = report.sections[0].table.set_index("Код").loc["1.1."]
    assert (row["Факт"], row["План на год"], row["Статус"]) == (36.4, 44.0, "в работе")
    assert row["Отчётная дата"] == pd.Timestamp(2021, 9, 30)
    assert "36,4\u00a0%" in text and "30.09.2021" in text
    assert EXAMPLE_MARK in text  # example facts are in it


def test_a_month_takes_the_newest_report_on_or_before_its_last_day(examples):
    august = progress_report(examples, "amur", Period.parse("2021-08"))
    row = august.sections[0].table.set_index("Код").loc["1.1."]
    assert (row["Факт"], row["Отчётная дата"]) == (31.9, pd.Timestamp(2021, 6, 30))  # the June report
    september = progress_report(examples, "amur", Period.parse("2021-09"))
    assert september.sections[0].table.set_index("Код").loc["1.1.", "Факт"] == 36.4


def test_the_year_report_gives_the_reason_for_a_deviation(examples):
    report = progress_report(examples, "amur", Period.parse("2021"))
    row = report.sections[0].table.set_index("Код").loc["1.1."]
    assert (row["Факт"], row["Статус"]) == (39.8, "риск")  # 90,5 % of 44: at or above the risk threshold of 85 %
    _, text = _docx_text(to_docx(report))
    assert REASON in text
    assert "претензия подрядчику" in text  # the measures taken
    forecast = report.sections[SECTION_TITLES.index("Прогноз")]
    assert "2021 год завершён" in forecast.summary[0]


def test_a_shortfall_without_a_reason_says_so(examples):
    report = progress_report(examples, "amur", Period.parse("2022"))
    table = report.sections[0].table
    assert "не указана" in set(table["Причина отклонения"])


def test_control_points_money_and_risks_of_the_period(examples):
    report = progress_report(examples, "amur", Period.parse("2021-Q4"))
    sections = {s.title: s for s in report.sections}
    money = sections["Финансирование"].table.set_index("Источник")
    # 2021 money is printed in the additional materials: federal 86,26 (lines 1–… summed), total 92,38
    assert money.loc["Итого", "План на год, млн руб."] == pytest.approx(92.38)
    assert money.loc["Федеральный бюджет", "Исполнено, млн руб."] == pytest.approx(63.89 + 0, abs=30)
    risks = sections["Риски"].table
    assert list(risks["Номер"]) == ["Р-2", "Р-3"]  # Р-1 was identified in March 2022
    cps = sections["Контрольные точки"].table
    assert {"Срок", "Выполнено", "Статус", "Дней просрочки"} <= set(cps.columns)


def test_no_example_mark_when_only_real_facts(real):
    report = progress_report(real, "amur", Period.parse("2022-Q2"))
    assert not report.has_examples and report.has_facts
    row = report.sections[0].table.set_index("Код").loc["1.1."]
    assert (row["Факт"], row["Отчётная дата"]) == (41.0, pd.Timestamp(2022, 6, 30))
    headings, text = _docx_text(to_docx(report))
    assert EXAMPLE_MARK not in text and "ПРИМЕР" not in text
    year = progress_report(real, "amur", Period.parse("2022"))
    _, text = _docx_text(to_docx(year))
    assert "нет линий связи" in text and "ВОЛС" in text


def test_progress_xlsx_has_a_sheet_per_section_with_real_numbers_and_dates(examples):
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(progress_report(examples, "amur", Period.parse("2021-Q3")))))
    assert book.sheetnames[:7] == ["Отчёт", *SECTION_TITLES]
    sheet = book["Показатели"]
    header = [c.value for c in sheet[3]]
    row = next(r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] == "1.1.")
    assert row[header.index("Факт")] == 36.4 and isinstance(row[header.index("Факт")], float)
    assert row[header.index("Отчётная дата")] == datetime(2021, 9, 30)
    assert "ПРИМЕР" in " ".join(str(c.value) for c in book["Отчёт"]["B"] if c.value)


def test_a_report_outside_the_passport_or_of_an_unknown_passport_is_refused(examples):
    with pytest.raises(ReportError, match="вне срока паспорта"):
        progress_report(examples, "amur", Period.parse("2031"))
    with pytest.raises(ReportError, match="не найден"):
        progress_file(examples, "mars", Period.parse("2021"), "docx")


# ---- briefing deck and ZIP -----------------------------------------------------------------------------------------
def test_the_deck_has_a_slide_per_panel_with_a_chart_or_picture_and_the_example_mark(examples):
    as_of = date(2023, 9, 30)
    _, panels = deck_panels(examples, "amur", as_of)
    deck = make_deck(examples, "amur", as_of)
    prs = Presentation(io.BytesIO(deck.data))
    slides = list(prs.slides)
    assert len(slides) == len(panels) + 2 == deck.slides
    title_text = " ".join(s.text_frame.text for s in slides[0].shapes if s.has_text_frame)
    assert "Амурская область" in title_text and "по состоянию на 30.09.2023" in title_text
    for panel, slide in zip(panels, slides[1:-1], strict=True):
        kinds = {s.shape_type for s in slide.shapes}
        has_chart = any(s.has_chart for s in slide.shapes if hasattr(s, "has_chart"))
        has_picture = any(s.name == "chart image" for s in slide.shapes)
        if panel.figure is not None or panel.slide_figure is not None:
            assert has_chart or has_picture, (panel.key, kinds)
        marked = any(s.name == "example_mark" for s in slide.shapes)
        if has_picture:  # the image carries the mark itself (tested on the figure); its description says so
            picture = next(s for s in slide.shapes if s.name == "chart image")
            described = EXAMPLE_MARK in picture._element.nvPicPr.cNvPr.get("descr")
            assert described == panel.has_examples and not marked, panel.key
        else:
            assert marked == panel.has_examples, panel.key
    assert deck.native >= 3 and deck.images >= 3
    closing = " ".join(s.text_frame.text for s in slides[-1].shapes if s.has_text_frame)
    assert "Просрочено" in closing and "Перегружены" in closing and "31.12" in closing


def test_the_deck_of_plans_only_has_no_example_mark(con):
    deck = make_deck(con, "tomsk", date(2023, 9, 30))
    prs = Presentation(io.BytesIO(deck.data))
    assert not deck.has_examples
    assert not any(s.name == "example_mark" for slide in prs.slides for s in slide.shapes)
    assert not any(EXAMPLE_MARK in (s._element.nvPicPr.cNvPr.get("descr") or "") for slide in prs.slides
                   for s in slide.shapes if s.name == "chart image")
    native = [s for slide in prs.slides for s in slide.shapes if getattr(s, "has_chart", False)]
    assert native and all(len(s.chart.plots[0].categories) > 0 for s in native)


def test_the_zip_holds_every_panel_as_png_and_csv(examples):
    data, has_examples = make_zip(examples, "tomsk", date(2023, 9, 30))
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    pngs = [n for n in names if n.endswith(".png")]
    assert has_examples and pngs and all(archive.read(n)[:8] == b"\x89PNG\r\n\x1a\n" for n in pngs)
    assert {n[:-4] for n in pngs} <= {n[:-4] for n in names if n.endswith(".csv")}
    readme = archive.read("README.txt").decode("utf-8-sig")
    assert EXAMPLE_MARK in readme


# ---- command line --------------------------------------------------------------------------------------------------
def test_the_command_line_writes_the_report_or_says_why_not(tmp_path, capsys, monkeypatch):
    store = tmp_path / "facts.sqlite"
    db = str(built())
    out = tmp_path / "r.docx"
    code = reports_main(["--db", db, "--facts", str(store), "progress", "--passport", "tomsk", "--period", "2023",
                         "--out", str(out)])
    assert code == 0 and Document(str(out)).paragraphs[0].text.startswith("Отчёт о ходе реализации за 2023 год")
    cases = [
        (["progress", "--passport", "tomsk", "--period", "2023-Q5", "--out", str(tmp_path / "x.docx")], 1,
         "квартал 5 не существует"),
        (["progress", "--passport", "mars", "--period", "2023", "--out", str(tmp_path / "x.docx")], 1,
         "паспорт «mars» не найден"),
        (["progress", "--passport", "tomsk", "--period", "2023", "--out", str(tmp_path / "x.odt")], 1,
         ".docx, .xlsx или .pdf"),
        (["briefing", "--passport", "tomsk", "--as-of", "31.02.2023", "--out", str(tmp_path / "x.pptx")], 1,
         "не распознана"),
    ]
    for args, expected, words in cases:
        assert reports_main(["--db", db, "--facts", str(store), *args]) == expected
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err, err
    assert not (tmp_path / "x.docx").exists() and not (tmp_path / "x.pptx").exists()
    assert not (tmp_path / "x.odt").exists()
    with pytest.raises(SystemExit) as exit_:
        reports_main(["progress", "--passport", "tomsk"])
    assert exit_.value.code == 2 and "не хватает аргументов" in capsys.readouterr().err
