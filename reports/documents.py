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

from domain.formatting import fmt_date, format_cell
from domain.vocabulary import EXAMPLE_MARK
from reports.progress import ProgressReport, Section
from spreadsheets.writing import Sheet, column_of, to_xlsx_book

FONT = "Arial"
EXAMPLE_COLOUR = RGBColor(0x9A, 0x34, 0x12)


def title_lines(report: ProgressReport) -> list[tuple[str, str]]:
    """What the report is about: passport, territory, period, as of, made on."""
    p = report.period
    return [("Документ", report.title), ("Территория", report.territory),
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
    mark = f"{EXAMPLE_MARK} · " if report.has_examples else ""
    footer.text = f"{mark}{report.heading} · {report.territory} · по состоянию на {fmt_date(report.as_of)}"
    footer.runs[0].font.size = Pt(8)
    if report.has_examples:
        footer.runs[0].font.color.rgb = EXAMPLE_COLOUR
    _page_number(footer)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _page_setup(doc: Document) -> None:
    """A4 landscape, Arial 10, Russian as the language of every style (spelling is checked as Russian), headings
    kept with what follows them, the author the app (not the library)."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for style in doc.styles:
        element = getattr(style, "element", None)
        if element is None or style.type != 1:  # paragraph styles
            continue
        props = element.get_or_add_rPr()
        for old in props.findall(qn("w:lang")):
            props.remove(old)
        lang = OxmlElement("w:lang")
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attr), "ru-RU")
        props.append(lang)
        if style.name.startswith(("Heading", "Title")):
            style.paragraph_format.keep_with_next = True
    doc.core_properties.author = "ЦОС-монитор"
    doc.core_properties.language = "ru-RU"


def _page_number(paragraph) -> None:
    """«стр. N из M» at the end of the footer line."""
    paragraph.add_run(" · стр. ").font.size = Pt(8)
    for field in ("PAGE", None, "NUMPAGES"):
        if field is None:
            paragraph.add_run(" из ").font.size = Pt(8)
            continue
        run = paragraph.add_run()
        run.font.size = Pt(8)
        for kind, text in (("begin", None), (None, field), ("end", None)):
            if kind:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run._r.append(char)
            else:
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._r.append(instr)


#: the width of the text of a landscape A4 page with 1,5 cm margins
TEXT_WIDTH_CM = 26.7
#: narrow columns by name (cm); numbers and dates get NUMBER_CM and DATE_CM, the texts share what is left
NARROW_CM = {"Код": 1.4, "Номер": 1.3, "Ед. изм.": 1.6, "Пример": 1.6, "Статус": 1.9, "Уровень": 1.9,
             "Вероятность": 2.1, "Влияние": 2.0, "Оценка": 1.5, "Источник": 2.4, "Срок прошёл": 1.6}
NUMBER_CM, DATE_CM = 1.8, 2.0
#: the texts a reader reads first get twice the room of the other texts
MAIN_TEXTS = ("Показатель", "Результат", "Контрольная точка", "Риск", "Наименование", "Мера")


def column_widths(section: Section, names: list[str]) -> list[float]:
    """Widths (cm) that fill the page: narrow columns fixed, the texts sharing the rest by weight."""
    fixed: dict[str, float] = {}
    for name in names:
        spec = column_of(section.table, name, section.columns)
        if name in NARROW_CM:
            fixed[name] = NARROW_CM[name]
        elif spec.kind == "date":
            fixed[name] = DATE_CM
        elif spec.is_number:
            fixed[name] = NUMBER_CM
    texts = [n for n in names if n not in fixed]
    weights = {n: 2.0 if n in MAIN_TEXTS else 1.0 for n in texts}
    room = max(TEXT_WIDTH_CM - sum(fixed.values()), 2.5 * len(texts))
    total = sum(weights.values()) or 1.0
    return [fixed[n] if n in fixed else room * weights[n] / total for n in names]


def _table(doc: Document, shown: pd.DataFrame, section: Section) -> None:
    names = [str(c) for c in shown.columns]
    widths = [Cm(w) for w in column_widths(section, names)]
    table = doc.add_table(rows=1, cols=len(names), style="Table Grid")
    table.autofit = False
    _fixed_layout(table)
    for column, width in zip(table.columns, widths, strict=True):  # the grid, which Word and LibreOffice read
        column.width = width
    header = table.rows[0]
    _row_flags(header, header=True)
    for cell, name, width in zip(header.cells, names, widths, strict=True):
        cell.width = width
        cell.text = ""
        run = cell.paragraphs[0].add_run(name)
        run.bold, run.font.size = True, Pt(8)
    numeric = [column_of(section.table, c, section.columns).is_number for c in names]
    for values in shown.itertuples(index=False):
        row = table.add_row()
        _row_flags(row)
        for cell, value, right, width in zip(row.cells, values, numeric, widths, strict=True):
            cell.width = width
            para = cell.paragraphs[0]
            para.add_run(str(value)).font.size = Pt(8)
            if right:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _fixed_layout(table) -> None:
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)


def _row_flags(row, header: bool = False) -> None:
    """A row never splits across pages; the header row repeats on every page the table spans."""
    props = row._tr.get_or_add_trPr()
    keep = OxmlElement("w:cantSplit")
    keep.set(qn("w:val"), "true")
    props.append(keep)
    if header:
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
    mark = f"{EXAMPLE_MARK}! " if report.has_examples else ""
    for section in report.sections:
        title = f"{mark}{section.title} — {report.territory}, {report.period.label}, на {fmt_date(report.as_of)}"
        notes = [section.empty] if section.empty else [*section.summary, *section.notes]
        sheets.append(Sheet(section.title, section.table, title, section.columns, notes))
    return to_xlsx_book(sheets)
