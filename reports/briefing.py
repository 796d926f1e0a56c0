"""The briefing deck of one passport as of a date, made of the app's panels (python-pptx): a title slide, one slide
per panel — a native, editable PowerPoint chart where PowerPoint has the kind (reports/deck_charts.py), else the
panel's 16:9 slide picture, drawn by the process's one Chromium while the next panels are computed — and a closing
slide of what is overdue, at risk and who is overloaded. Also every panel as PNG and CSV in one ZIP."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from charts.png import render_later, slide_spec, start_renderer
from domain import vocabulary as v
from domain.formatting import fmt_date, fmt_int, fmt_pct, format_cell
from metrics import overview
from panels.base import Filters, Panel, source_line
from panels.funding import funding_panels
from panels.indicators import grid_panel
from panels.overview import overview_panels
from panels.plan import plan_panels
from panels.registers import risk_panels
from panels.team import team_panels
from panels.topics import topic_panels
from reports.asked_once import AskedOnce
from reports.deck_charts import NativeChart, add_chart, native_chart
from spreadsheets.writing import to_csv

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
EXAMPLE_FILL = RGBColor(0xFF, 0xF3, 0xCD)
EXAMPLE_TEXT = RGBColor(0x9A, 0x34, 0x12)
GREY = RGBColor(0x44, 0x44, 0x44)
TABLE_ROWS = 6
CARDS_PER_ROW = 3
#: panels (by a part of their key) the deck leaves to the app: the funding treemap repeats the lines chart
DECK_LEAVES_OUT = ("_tree_",)


@dataclass
class Deck:
    """A made deck: its bytes, how many slides, how many charts are native and how many images."""

    data: bytes
    slides: int
    native: int
    images: int
    has_examples: bool


def deck_panels(con: duckdb.DuckDBPyConnection, passport_id: str, as_of: date) -> tuple[Filters, list[Panel]]:
    """The panels of the deck, in the order of a meeting: where we are, the topics, money, plan, team, risks."""
    f = deck_filters(con, passport_id, as_of)
    return f, list(_panels_of(con, f))


def deck_filters(con: duckdb.DuckDBPyConnection, passport_id: str, as_of: date) -> Filters:
    """The deck's filters: the passport's whole term, as of the date (KeyError for an unknown passport)."""
    summary = overview.passport_summary(con, (passport_id,))
    if summary.empty:
        raise KeyError(passport_id)
    info = summary.iloc[0]
    return Filters((passport_id,), pd.Timestamp(info["start_date"]).year, pd.Timestamp(info["end_date"]).year, as_of)


def _panels_of(con: duckdb.DuckDBPyConnection, f: Filters) -> Iterator[Panel]:
    """The deck's panels one by one, as each is computed (the browser draws one while the next is computed)."""
    names = overview.passport_names(con)
    builders: list[Callable[[], list[Panel]]] = [
        lambda: overview_panels(con, f)[1:],  # the cards (the passports table is the title slide's)
        lambda: [grid_panel(con, f, names)],
        *(lambda code=t.code: topic_panels(con, f, code) for t in v.TOPICS if t.page is not None and t.roles),
        *(lambda s=s: funding_panels(con, f, s) for s in v.FUNDING_SECTIONS.codes),
        lambda: plan_panels(con, f),
        lambda: team_panels(con, f, only_overloaded=True),
        lambda: risk_panels(con, f),
    ]
    for build in builders:
        yield from (p for p in build() if on_slide(p))


def on_slide(panel: Panel) -> bool:
    """Whether a panel earns a slide: a chart or key numbers; of the tables only what is overdue (checks of the
    document, «в т.ч.» details and each person's rows stay in the app and the exports); the treemap repeats the
    lines chart."""
    if panel.is_empty or any(part in panel.key for part in DECK_LEAVES_OUT):
        return False
    if panel.figure is not None or panel.metrics:
        return True
    return panel.table is not None and len(panel.table) > 0 and "overdue" in panel.key


def _cut(text: object, limit: int = 60) -> str:
    """A long name cut at a word boundary, with «…»."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


# ---- slides --------------------------------------------------------------------------------------------------------
def _russian(run) -> None:
    run.font.language_id = MSO_LANGUAGE_ID.RUSSIAN


def _text(slide, left, top, width, height, text: str, size: int = 14, bold: bool = False,
          colour: RGBColor | None = None, align: PP_ALIGN | None = None):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if align is not None:
            para.alignment = align
        run = para.add_run()
        run.text = line
        run.font.size, run.font.bold = Pt(size), bold
        _russian(run)
        if colour is not None:
            run.font.color.rgb = colour
    return box


def _example_badge(slide) -> None:
    box = _text(slide, WIDTH - Inches(4.6), Inches(0.25), Inches(4.3), Inches(0.5), f"⚠ {v.EXAMPLE_MARK}", 16, True,
                EXAMPLE_TEXT)
    box.name = "example_mark"
    box.fill.solid()
    box.fill.fore_color.rgb = EXAMPLE_FILL
    box.line.color.rgb = EXAMPLE_TEXT


def _slide_number(slide, number: int) -> None:
    _text(slide, WIDTH - Inches(1.1), HEIGHT - Inches(0.5), Inches(0.8), Inches(0.35), str(number), 11, colour=GREY,
          align=PP_ALIGN.RIGHT).name = "slide number"


def _title_size(title: str, width_in: float) -> tuple[int, int]:
    """The largest title size (pt) from 26 down to 16 that fits the width in at most two lines, and the lines."""
    for size in (26, 22, 20, 18, 16):
        per_line = int(width_in * 72 / (size * 0.52))
        lines = -(-len(title) // per_line)
        if lines == 1 or (lines == 2 and size <= 20):
            return size, lines
    return 16, 2


def _frame(slide, panel: Panel, subtitle: str, examples: bool | None = None) -> Emu:
    """Title (one or two lines, sized to fit), subtitle below it, source line and the example mark of a slide drawn
    by python-pptx; returns where the content may start."""
    marked = panel.has_examples if examples is None else examples
    width = WIDTH - Inches(5.3 if marked else 1.0)
    size, lines = _title_size(panel.title, width / 914400)
    height = Pt(size * 1.25 * lines + 8)
    _text(slide, Inches(0.5), Inches(0.25), width, height, _cut(panel.title, 150), size, True).name = "title"
    top = Inches(0.25) + height + Inches(0.05)
    _text(slide, Inches(0.5), top, WIDTH - Inches(1), Inches(0.4), subtitle, 14, colour=GREY).name = "subtitle"
    _text(slide, Inches(0.5), HEIGHT - Inches(0.5), WIDTH - Inches(2), Inches(0.35), f"Источник: {panel.source}", 11,
          colour=GREY).name = "source"
    if marked:
        _example_badge(slide)
    return Emu(int(top + Inches(0.5)))


def key_numbers(panel: Panel) -> list[str]:
    """What a slide says beside its chart: the panel's key numbers, else its notes (at most three)."""
    if panel.metrics:
        return [f"{m.label}: {m.value}" for m in panel.metrics[:6]]
    return [_cut(n, 220) for n in panel.notes[:3]]


def _chart_slide(prs: Presentation, panel: Panel, subtitle: str, chart: NativeChart) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    top = _frame(slide, panel, subtitle)
    height = HEIGHT - top - Inches(0.7)
    add_chart(slide.shapes, chart, Inches(0.5), top, Inches(8.9), height).name = "chart"
    side = "\n".join(f"• {line}" for line in key_numbers(panel))
    if side:
        _text(slide, Inches(9.6), top, Inches(3.3), height, side, 13).name = "key numbers"


def _image_slide(prs: Presentation, png: bytes, panel: Panel) -> None:
    """The panel's 16:9 slide image over the whole slide: it carries its title, source line and example mark."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    picture = slide.shapes.add_picture(io.BytesIO(png), 0, 0, WIDTH, HEIGHT)
    picture.name = "chart image"
    mark = f" {v.EXAMPLE_MARK}." if panel.has_examples else ""
    picture._element.nvPicPr.cNvPr.set("descr", f"{panel.title}.{mark} Источник: {panel.source}")


def _cards_slide(prs: Presentation, panel: Panel, subtitle: str) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    top = _frame(slide, panel, subtitle)
    card_w, card_h = Inches(4.0), Inches(1.6)
    for i, metric in enumerate(panel.metrics[:9]):
        row, col = divmod(i, CARDS_PER_ROW)
        left, card_top = Inches(0.5) + col * (card_w + Inches(0.2)), top + row * (card_h + Inches(0.15))
        box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, card_top, card_w, card_h)
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor(0xF3, 0xF6, 0xFA)
        box.line.color.rgb = RGBColor(0xC8, 0xD3, 0xE0)
        frame = box.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for j, (text, size, bold) in enumerate(((metric.label, 13, False), (metric.value, 26, True),
                                                (metric.note, 11, False))):
            if not text:
                continue
            para = frame.paragraphs[0] if j == 0 else frame.add_paragraph()
            para.alignment = PP_ALIGN.LEFT
            run = para.add_run()
            run.text = _cut(text, 150)
            run.font.size, run.font.bold = Pt(size), bold
            run.font.color.rgb = RGBColor(0x11, 0x11, 0x11)
            _russian(run)


def _table_slide(prs: Presentation, panel: Panel, subtitle: str) -> None:
    from spreadsheets.writing import column_of

    slide = prs.slides.add_slide(prs.slide_layouts[6])
    top = _frame(slide, panel, subtitle)
    table = panel.table.head(TABLE_ROWS)
    columns = list(table.columns)[:7]
    specs = {c: column_of(panel.table, c, panel.columns) for c in columns}
    weights = [3.0 if not specs[c].is_number and specs[c].kind not in ("date", "yesno") and c != "Код" else 1.0
               for c in columns]
    total_w = WIDTH - Inches(1)
    shape = slide.shapes.add_table(len(table) + 1, len(columns), Inches(0.5), top, total_w,
                                   Inches(0.45) * (len(table) + 1))
    for j, weight in enumerate(weights):
        shape.table.columns[j].width = Emu(int(total_w * weight / sum(weights)))
    for j, name in enumerate(columns):
        shape.table.cell(0, j).text = str(name)
        spec = specs[name]
        for i, value in enumerate(table[name], start=1):
            text = format_cell(value, spec if spec.kind != "value" else spec.for_unit(None), "")
            shape.table.cell(i, j).text = _cut(text, 90)
    for row in shape.table.rows:
        for cell in row.cells:
            for para in cell.text_frame.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(11)
                    _russian(run)
    if len(panel.table) > TABLE_ROWS:
        _text(slide, Inches(0.5), HEIGHT - Inches(0.95), WIDTH - Inches(1), Inches(0.35),
              f"Показаны первые {TABLE_ROWS} из {len(panel.table)}; список целиком — на странице приложения и в архиве "
              "панелей (ZIP, CSV).", 11, colour=GREY).name = "more"


def _title_slide(prs: Presentation, title: str, territory: str, as_of: date, examples: bool) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, Inches(0.8), Inches(2.0), WIDTH - Inches(1.6), Inches(1.2), territory, 40, True).name = "title"
    _text(slide, Inches(0.8), Inches(3.3), WIDTH - Inches(1.6), Inches(1.4), title, 20)
    _text(slide, Inches(0.8), Inches(4.9), WIDTH - Inches(1.6), Inches(0.6), f"по состоянию на {fmt_date(as_of)}",
          24, True)
    _text(slide, Inches(0.8), HEIGHT - Inches(0.8), WIDTH - Inches(1.6), Inches(0.4),
          f"ЦОС-монитор · подготовлено {fmt_date(date.today())}", 12, colour=GREY)
    if examples:
        _example_badge(slide)


@dataclass
class Closing:
    """What the meeting must act on, and whether example facts are behind any of it."""

    lines: dict[str, list[str]]
    has_examples: bool


def closing_lines(con: duckdb.DuckDBPyConnection, f: Filters) -> Closing:
    """Overdue rows of the plan, series whose forecast falls short, overloaded people, open high and happened
    risks."""
    from metrics import activities, registers, team

    pid = f.passport_ids[0]
    plan = activities.activity_plan(con, pid, f.as_of, f.year_from, f.year_to)
    overdue = plan[plan["is_overdue"].fillna(False).astype(bool)].sort_values("overdue_days", ascending=False)
    at_risk = overview.forecast_at_risk(con, (pid,), f.as_of)
    facts_now = overview.facts_of_year(con, pid, f.as_of)
    workload = team.team_workload(con, pid, f.as_of, f.year_from, f.year_to)
    over = workload[workload["is_overloaded"]].sort_values("workload_pct", ascending=False)
    risks = registers.risks(con, (pid,))
    high = risks[(risks["is_open"] & (risks["rating"] == "high")) | (risks["status"] == "happened")]
    examples = bool(plan.loc[plan["fact_date"].notna() | plan["fact_status"].notna(), "is_example"].fillna(False)
                    .astype(bool).any()) or bool(high["is_example"].any())
    forecast_head = (f"Под риском к 31.12: {fmt_int(len(at_risk))}" if facts_now else
                     f"Прогноз на 31.12.{f.as_of.year} не построен")
    forecast_lines = ([f"{r.code} {_cut(r.name)}" for r in at_risk.head(5).itertuples()] if facts_now else
                      [f"нет фактов {f.as_of.year} г. на {fmt_date(f.as_of)}"])
    return Closing({
        f"Просрочено: {fmt_int(len(overdue))}": [f"{r.activity_key} {_cut(r.name, 55)} — {fmt_int(r.overdue_days)} дн."
                                                for r in overdue.head(5).itertuples()],
        forecast_head: forecast_lines,
        f"Перегружены: {fmt_int(len(over))}": [f"{r.person} — {fmt_pct(r.workload_pct)}" for r in
                                              over.head(5).itertuples()],
        f"Высокие открытые и наступившие риски: {fmt_int(len(high))}": [
            f"{r.risk_id} {_cut(r.title, 55)} ({r.status_label})" for r in high.head(5).itertuples()],
    }, examples)


def _closing_slide(prs: Presentation, closing: Closing, as_of: date) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    panel = Panel(key="closing", title=f"Что требует решений на {fmt_date(as_of)}",
                  source=source_line(True, closing.has_examples), has_examples=closing.has_examples)
    top = _frame(slide, panel, "просрочки, прогноз, перегрузка, риски")
    col_w = (WIDTH - Inches(1.4)) / 2
    box_h = (HEIGHT - top - Inches(0.8)) / 2
    for i, (head, items) in enumerate(closing.lines.items()):
        row, col = divmod(i, 2)
        body = "\n".join(f"• {x}" for x in items) or "• нет"
        box = _text(slide, Inches(0.5) + col * (col_w + Inches(0.4)), top + row * (box_h + Inches(0.1)), col_w,
                    box_h, f"{head}\n{body}", 13)
        box.text_frame.paragraphs[0].runs[0].font.bold = True
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(15)


def _drawn(panel: Panel, subtitle: str) -> Future | None:
    """The panel's slide picture, handed to the browser now (drawn while the next panels are computed)."""
    figure = panel.slide_figure or panel.figure
    if figure is None:
        return None
    return render_later(slide_spec(figure, panel.title, panel.subtitle or subtitle, panel.source, panel.has_examples))


def make_deck(con: duckdb.DuckDBPyConnection, passport_id: str, as_of: date) -> Deck:
    """The deck as .pptx bytes."""
    start_renderer()  # the browser starts while the panels are computed (a running one is kept)
    con = AskedOnce(con)  # the panels ask some of the same questions
    f = deck_filters(con, passport_id, as_of)
    names = overview.passport_names(con)
    subtitle = f"{names.get(passport_id, passport_id)} · по состоянию на {fmt_date(as_of)}"
    plans: list[tuple[Panel, NativeChart | None, Future | None]] = []
    for panel in _panels_of(con, f):
        figure = panel.slide_figure or panel.figure
        chart = native_chart(figure) if figure is not None else None
        plans.append((panel, chart, _drawn(panel, subtitle) if chart is None else None))
    summary = overview.passport_summary(con, (passport_id,)).iloc[0]
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.author = "ЦОС-монитор"
    prs.core_properties.language = "ru-RU"
    closing = closing_lines(con, f)
    examples = any(p.has_examples for p, _, _ in plans) or closing.has_examples
    _title_slide(prs, str(summary["title"]), names.get(passport_id, passport_id), as_of, examples)
    for panel, chart, picture in plans:
        if chart is not None:
            _chart_slide(prs, panel, panel.subtitle or subtitle, chart)
        elif picture is not None:
            _image_slide(prs, picture.result(), panel)
        elif panel.metrics:
            _cards_slide(prs, panel, subtitle)
        else:
            _table_slide(prs, panel, subtitle)
    _closing_slide(prs, closing, as_of)
    for number, slide in enumerate(prs.slides, start=1):
        if number > 1:
            _slide_number(slide, number)
    buf = io.BytesIO()
    prs.save(buf)
    native = sum(1 for _, chart, _ in plans if chart is not None)
    images = sum(1 for _, _, picture in plans if picture is not None)
    return Deck(buf.getvalue(), len(prs.slides), native, images, examples)


def make_zip(con: duckdb.DuckDBPyConnection, passport_id: str, as_of: date) -> tuple[bytes, bool]:
    """Every panel of the deck as a 16:9 PNG (where it has a chart) and a CSV of its numbers, in one ZIP; and
    whether example facts are in it."""
    start_renderer()
    con = AskedOnce(con)
    f = deck_filters(con, passport_id, as_of)
    names = overview.passport_names(con)
    subtitle = f"{names.get(passport_id, passport_id)} · по состоянию на {fmt_date(as_of)}"
    panels = [(panel, _drawn(panel, subtitle)) for panel in _panels_of(con, f)]
    # the tables are written while the browser draws
    tables = [to_csv(p.table, p.columns) if p.table is not None and len(p.table) else None for p, _ in panels]
    examples = any(p.has_examples for p, _ in panels)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, ((panel, picture), table) in enumerate(zip(panels, tables, strict=True), start=1):
            stem = f"{n:02d}_{panel.key}"
            if picture is not None:
                archive.writestr(f"{stem}.png", picture.result())
            if table is not None:
                archive.writestr(f"{stem}.csv", table)
        archive.writestr("README.txt", _zip_readme([p for p, _ in panels], names.get(passport_id, passport_id),
                                                   as_of, examples).encode("utf-8-sig"))
    return buf.getvalue(), examples


def _zip_readme(panels: list[Panel], territory: str, as_of: date, examples: bool) -> str:
    lines = [f"ЦОС-монитор: {territory}, по состоянию на {fmt_date(as_of)}.", "",
             "Файлы: NN_ключ.png — слайд 1920×1080, NN_ключ.csv — числа того же графика или таблицы "
             "(Excel: UTF-8, «;», десятичная запятая).", ""]
    if examples:
        lines += [f"ВНИМАНИЕ: {v.EXAMPLE_MARK}. В части панелей есть факты из примера данных (столбец «Пример»).", ""]
    lines += [f"{n:02d} {p.title} — {p.source}" for n, p in enumerate(panels, start=1)]
    return "\r\n".join(lines)

