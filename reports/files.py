"""Reports as files to download or write: name, type, bytes and whether example facts are in them — the one entry
for the command line and the page «Отчёты»."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from domain.formatting import count_of
from domain.periods import Period
from metrics import overview
from reports.briefing import make_deck, make_zip
from reports.progress import ReportError, progress_report

MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "zip": "application/zip", "pdf": "application/pdf"}
#: the formats of the progress report
PROGRESS_KINDS = ("docx", "xlsx", "pdf")


@dataclass(frozen=True)
class ReportFile:
    """A made report: its bytes, a file name, its type, whether it holds example facts, what it is in words."""

    data: bytes
    name: str
    mime: str
    has_examples: bool
    summary: str = ""


def _known(con: duckdb.DuckDBPyConnection, passport_id: str) -> None:
    names = overview.passport_names(con)
    if passport_id not in names:
        raise ReportError(f"паспорт «{passport_id}» не найден; есть: {', '.join(names)}")


def progress_file(con: duckdb.DuckDBPyConnection, passport_id: str, period: Period, kind: str) -> ReportFile:
    """«Отчёт о ходе реализации» for the period as .docx, .xlsx or .pdf."""
    from reports.documents import to_docx, to_xlsx  # Word and the PDF fonts load only for this report
    from reports.pdf import to_pdf

    _known(con, passport_id)
    report = progress_report(con, passport_id, period)
    data = {"docx": to_docx, "xlsx": to_xlsx, "pdf": to_pdf}[kind](report)
    return ReportFile(data, f"progress_{passport_id}_{period.code}.{kind}", MIME[kind], report.has_examples,
                      f"разделов: {len(report.sections)}")


def briefing_file(con: duckdb.DuckDBPyConnection, passport_id: str, as_of: date, kind: str) -> ReportFile:
    """The briefing deck as .pptx, or every panel as PNG and CSV in a .zip."""
    _known(con, passport_id)
    stem = f"briefing_{passport_id}_{as_of:%Y%m%d}"
    if kind == "zip":
        data, examples = make_zip(con, passport_id, as_of)
        return ReportFile(data, f"{stem}.zip", MIME["zip"], examples, "панели в PNG и CSV")
    deck = make_deck(con, passport_id, as_of)
    summary = (f"{count_of(deck.slides, 'слайд', 'слайда', 'слайдов')}; графиков PowerPoint — {deck.native}, "
               f"картинок — {deck.images}")
    return ReportFile(deck.data, f"{stem}.pptx", MIME["pptx"], deck.has_examples, summary)
