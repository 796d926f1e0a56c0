"""The progress report as a PDF (fpdf2): A4 landscape, DejaVu fonts embedded (Cyrillic everywhere, nothing left to
the reader's machine), the same title block, sections, tables and notes as the Word document; a table that runs over
a page repeats its header row; every page says what the report is and its number."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF, FontFace
from fpdf.enums import TableCellFillMode

from domain.formatting import fmt_date
from domain.vocabulary import EXAMPLE_MARK
from reports.documents import cell_texts, column_widths, example_sentence, title_lines
from reports.progress import ProgressReport, ReportError, Section
from spreadsheets.writing import column_of

#: Debian's fonts-dejavu-core (installed by scripts/setup.sh): DejaVu Sans covers Cyrillic
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = "DejaVu"
PAGE_MM = (297.0, 210.0)
MARGIN_MM = 12.0
EXAMPLE_RGB = (0x9A, 0x34, 0x12)


class _Pdf(FPDF):
    """Pages with the report's footer: what it is, the example mark when there are example facts, the page."""

    def __init__(self, footer: str, example: bool):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.footer_text, self.example = footer, example

    def footer(self) -> None:
        self.set_y(-9)
        self.set_font(FONT, size=7)
        if self.example:
            self.set_text_color(*EXAMPLE_RGB)
        self.cell(0, 4, f"{self.footer_text} · стр. {self.page_no()} из {{nb}}", align="L")
        self.set_text_color(0, 0, 0)


def _fonts(pdf: FPDF) -> None:
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if not regular.exists() or not bold.exists():
        raise ReportError(f"для PDF нужен шрифт DejaVu ({regular}): установите пакет fonts-dejavu-core "
                          "(./run.sh и ./test.sh ставят его сами)")
    pdf.add_font(FONT, "", str(regular))
    pdf.add_font(FONT, "B", str(bold))


def to_pdf(report: ProgressReport) -> bytes:
    """The report as a .pdf: a title block, then each section with its summary, table and notes."""
    mark = f"{EXAMPLE_MARK} · " if report.has_examples else ""
    pdf = _Pdf(f"{mark}{report.heading} · {report.territory} · по состоянию на {fmt_date(report.as_of)}",
               report.has_examples)
    _fonts(pdf)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=14)
    pdf.set_title(report.heading)
    pdf.set_author("ЦОС-монитор")
    pdf.set_lang("ru-RU")
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 8, report.heading, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for label, value in title_lines(report):
        pdf.set_font(FONT, "B", 10)
        pdf.write(5, f"{label}: ")
        pdf.set_font(FONT, "", 10)
        pdf.write(5, value)
        pdf.ln(6)
    if (sentence := example_sentence(report)) is not None:
        pdf.set_text_color(*EXAMPLE_RGB)
        pdf.set_font(FONT, "B", 10)
        pdf.multi_cell(0, 5, f"⚠ {sentence}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    for section in report.sections:
        _section(pdf, section)
    return bytes(pdf.output())


def _section(pdf: FPDF, section: Section) -> None:
    pdf.ln(4)
    if pdf.will_page_break(30):  # a heading is kept with what follows it
        pdf.add_page()
    pdf.set_font(FONT, "B", 13)
    pdf.multi_cell(0, 7, section.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9.5)
    if section.empty:
        pdf.multi_cell(0, 5, section.empty, new_x="LMARGIN", new_y="NEXT")
        return
    for line in section.summary:
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    if len(section.table):
        pdf.ln(1)
        _table(pdf, section)
    for note in section.notes:
        pdf.multi_cell(0, 4.5, f"• {note}", new_x="LMARGIN", new_y="NEXT")


def _table(pdf: FPDF, section: Section) -> None:
    shown = cell_texts(section)
    names = [str(c) for c in shown.columns]
    widths = column_widths(section, names)


    numeric = [column_of(section.table, c, section.columns).is_number for c in names]
    pdf.set_font(FONT, "", 7.5)
    with pdf.table(col_widths=widths, width=PAGE_MM[0] - 2 * MARGIN_MM, text_align="LEFT", line_height=3.6,
                   repeat_headings=1, headings_style=FontFace(emphasis="BOLD", size_pt=6.8, fill_color=(235, 238, 242)),
                   cell_fill_color=(250, 250, 250), cell_fill_mode=TableCellFillMode.ROWS,
                   padding=0.8) as table:
        table.row(names)
        for values in shown.itertuples(index=False):
            row = table.row()
            for value, right in zip(values, numeric, strict=True):
                row.cell(str(value), align="RIGHT" if right else "LEFT")
