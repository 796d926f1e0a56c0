"""The progress report as files: a Word document (python-docx; real headings, tables with a repeated header row,
landscape pages) and an Excel workbook (one sheet per section, real numbers and dates)."""

from __future__ import annotations

import io

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from charts.export import Sheet, column_of, to_xlsx_book
from domain.formatting import fmt_date, format_cell
from domain.vocabulary import EXAMPLE_MARK
from reports.progress import ProgressReport, Section

FONT = "Arial"
EXAMPLE_COLOUR = RGBColor(0x9A, 0x34, 0x12)


def title_lines(report: ProgressReport) -> list[tuple[str, str]]:
    """What the report is about: passport, territory, period, as of, made on."""
    p = report.period
    return [("Паспорт", report.title), ("Территория", report.territory),
            ("Период", f"{p.label} ({fmt_date(p.start)}–{fmt_date(p.end)})"),
            ("По состоянию на", fmt_date(report.as_of)), ("Дата формирования", fmt_date(report.made_on)),
            ("Источник", report.source)]


def example_sentence(report: ProgressReport) -> str | None:
    if not report.has_examples:
        return None
    return (f"{EXAMPLE_MARK}: в отчёте есть факты из примера данных (столбец «Пример» = «Да»). Не используйте "
            "их как официальные.")


def cell_texts(section: Section) -> pd.DataFrame:
    """The section's table as the report prints it: numbers and dates the Russian way, a share as «42 %»."""
    table = section.table
    out = pd.DataFrame(index=table.index)
    for name in table.columns:
        spec = column_of(table, name, section.columns)
        units = table[spec.unit_col] if spec.kind == "value" and spec.unit_col in table else None
        out[name] = [format_cell(x, spec.for_unit(units.iloc[i]) if units is not None else spec, "")
                     for i, x in enumerate(table[name])]
    return out.reset_index(drop=True)


# ---- Word --------------------------------------------------------------------------------------------------------
def to_docx(report: ProgressReport) -> bytes:
    """The report as a .docx: a title block, then one Heading 1 per section with its summary, table and notes."""
    doc = Document()
    _page_setup(doc)
    doc.add_heading(report.heading, level=0)
    for label, value in title_lines(report):
        para = doc.add_paragraph()
        para.add_run(f"{label}: ").bold = True
        para.add_run(value)
    if (sentence := example_sentence(report)) is not None:
        run = doc.add_paragraph().add_run(f"⚠ {sentence}")
        run.bold, run.font.color.rgb = True, EXAMPLE_COLOUR
    for section in report.sections:
        doc.add_heading(section.title, level=1)
        if section.empty:
            doc.add_paragraph(section.empty)
            continue
        for line in section.summary:
            doc.add_paragraph(line)
        if len(section.table):
            _table(doc, cell_texts(section), section)
        for note in section.notes:
            doc.add_paragraph(note, style="List Bullet")
    footer = doc.sections[0].footer.paragraphs[0]
    footer.text = f"{report.heading} · {report.territory} · по состоянию на {fmt_date(report.as_of)}"
    footer.runs[0].font.size = Pt(8)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _page_setup(doc: Document) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def _table(doc: Document, shown: pd.DataFrame, section: Section) -> None:
    table = doc.add_table(rows=1, cols=len(shown.columns), style="Table Grid")
    header = table.rows[0]
    _repeat_header(header)
    for cell, name in zip(header.cells, shown.columns, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(str(name))
        run.bold, run.font.size = True, Pt(8)
    numeric = [column_of(section.table, c, section.columns).is_number for c in shown.columns]
    for values in shown.itertuples(index=False):
        cells = table.add_row().cells
        for cell, value, right in zip(cells, values, numeric, strict=True):
            para = cell.paragraphs[0]
            para.add_run(str(value)).font.size = Pt(8)
            if right:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _repeat_header(row) -> None:
    """The header row repeats on every page the table spans."""
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


# ---- Excel -------------------------------------------------------------------------------------------------------
def to_xlsx(report: ProgressReport) -> bytes:
    """The report as a workbook: a title sheet, then one sheet per section (title row, table, summary below)."""
    lines = title_lines(report)
    if (sentence := example_sentence(report)) is not None:
        lines.append(("Внимание", sentence))
    sheets = [Sheet("Отчёт", pd.DataFrame(lines, columns=["", report.heading]))]
    for section in report.sections:
        title = f"{section.title} — {report.territory}, {report.period.label}, на {fmt_date(report.as_of)}"
        notes = [section.empty] if section.empty else [*section.summary, *section.notes]
        sheets.append(Sheet(section.title, section.table, title, section.columns, notes))
    return to_xlsx_book(sheets)
