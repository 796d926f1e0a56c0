"""A panel's figure as a native, editable PowerPoint chart (python-pptx) where PowerPoint has its kind: bars
(grouped or stacked, standing or lying), lines, and standing bars with lines or markers over them — PowerPoint's
combo chart, two plots on the same axes. Numbers written on the figure at a category (a stacked bar's total) become
labels of the chart. What needs a picture gets None: a heatmap, a Gantt over dates, a forecast drawn inside a
year."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import plotly.graph_objects as go
from pptx.chart.data import CategoryChartData
from pptx.chart.xmlwriter import ChartXmlWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE, MSO_PATTERN_TYPE
from pptx.oxml import parse_xml
from pptx.util import Emu, Pt

#: more series than this are not readable as a PowerPoint chart
MAX_SERIES = 12
#: the values the figure writes on its bars (or points) are written when there are at most this many
MAX_LABELS = 24
#: the hidden series that carries the numbers the figure writes at a category (it has no legend entry)
LABELS_NAME = "Подписи"
_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_DASHES = {"dash": MSO_LINE_DASH_STYLE.DASH, "dot": MSO_LINE_DASH_STYLE.ROUND_DOT,
           "dashdot": MSO_LINE_DASH_STYLE.DASH_DOT, "longdash": MSO_LINE_DASH_STYLE.LONG_DASH}
_MARKERS = {"circle": XL_MARKER_STYLE.CIRCLE, "diamond": XL_MARKER_STYLE.DIAMOND, "square": XL_MARKER_STYLE.SQUARE,
            "triangle-up": XL_MARKER_STYLE.TRIANGLE, "x": XL_MARKER_STYLE.X, "cross": XL_MARKER_STYLE.PLUS,
            "star": XL_MARKER_STYLE.STAR, "line-ew": XL_MARKER_STYLE.DASH}
#: plotly's hatches of bars (plan series told apart without another colour)
_PATTERNS = {"/": MSO_PATTERN_TYPE.WIDE_UPWARD_DIAGONAL, "\\": MSO_PATTERN_TYPE.WIDE_DOWNWARD_DIAGONAL,
             "x": MSO_PATTERN_TYPE.DIAGONAL_CROSS, "+": MSO_PATTERN_TYPE.SMALL_GRID, ".": MSO_PATTERN_TYPE.PERCENT_20,
             "-": MSO_PATTERN_TYPE.HORIZONTAL, "|": MSO_PATTERN_TYPE.VERTICAL}


@dataclass(frozen=True)
class Look:
    """How a series is drawn: its colour; a bar's hatch (pattern and its colour) and outline; a line's dashes,
    whether the line itself is drawn (else markers alone), its marker (size in points, hollow or filled) and whether
    its values are written at the points."""

    colour: str | None = None
    hatch: MSO_PATTERN_TYPE | None = None
    hatch_colour: str | None = None
    edge: str | None = None
    line: bool = True
    dash: MSO_LINE_DASH_STYLE | None = None
    marker: XL_MARKER_STYLE | None = None
    marker_size: int | None = None
    hollow: bool = False
    labels: bool = False


@dataclass
class NativeChart:
    """A figure as PowerPoint draws it: the chart kind, its data and how each series looks, whether its values are
    percentages (0–100 %), the value axis title, whether the bars lie; the last `lines` series of the data are lines
    over the bars (a combo chart), and `notes` are texts written above categories (by their index)."""

    kind: XL_CHART_TYPE
    data: CategoryChartData
    looks: list[Look]
    percent: bool
    axis_title: str
    horizontal: bool
    lines: int = 0
    notes: dict[int, str] = field(default_factory=dict)

    @property
    def shown_series(self) -> int:
        """How many series the legend names (the notes' carrier is not one of them)."""
        return len(self.data._series) - (1 if self.notes else 0)


def native_chart(fig: go.Figure) -> NativeChart | None:
    """The figure as a PowerPoint chart, or None when it needs a picture."""
    if any(t.type not in ("bar", "scatter") for t in fig.data):
        return None
    traces = [t for t in fig.data if any(x is not None and not pd.isna(x) for x in _values(t)[1])]  # drawn
    bars = [t for t in traces if t.type == "bar"]
    lines = [t for t in traces if t.type == "scatter"]
    if not traces or len(traces) > MAX_SERIES or any(getattr(t, "base", None) is not None for t in bars):
        return None
    sides = {t.orientation == "h" for t in bars}
    if len(sides) > 1:
        return None
    horizontal = sides.pop() if sides else False
    if bars and lines:  # lines over bars: over standing bars only, one point a category (no segment inside a year)
        if horizontal or not all(_one_point_per_category(t) and _draws_points(t) for t in lines):
            return None
    elif lines and not all("lines" in (t.mode or "lines") for t in lines):
        return None
    categories = _categories([*bars, *lines])
    notes = _notes(fig, categories)
    if categories is None or notes is None or (notes and (horizontal or not bars)):
        return None
    value_axis = fig.layout.xaxis if horizontal else fig.layout.yaxis
    percent = "%" in _axis_words(value_axis)
    data = CategoryChartData(number_format='#,##0.0" %"' if percent else "#,##0.##")
    data.categories = [_category(c) for c in categories]
    for t in [*bars, *lines]:
        cats, vals = _values(t)
        by_cat = dict(zip(cats, vals, strict=False))
        data.add_series(_plain(t.name or "Значение"), [None if pd.isna(by_cat.get(c, None)) else float(by_cat[c])
                                                       for c in categories])
    looks = [_bar_look(t) for t in bars] + [_line_look(t) for t in lines]
    if notes:  # the texts ride on a series of their own, at the height the figure writes them
        data.add_series(LABELS_NAME, [float(notes[c][0]) if c in notes else None for c in categories])
        looks.append(Look(line=False, marker=XL_MARKER_STYLE.NONE))
    title = value_axis.title.text if value_axis.title and value_axis.title.text else ""
    return NativeChart(_kind(fig, bars, horizontal), data, looks, percent, _plain(title), horizontal,
                       lines=len(lines) + (1 if notes else 0) if bars else 0,
                       notes={categories.index(c): text for c, (_, text) in notes.items()})


def add_chart(shapes, chart: NativeChart, left: Emu, top: Emu, width: Emu, height: Emu):
    """Draw the chart on a slide's shapes: legend below when there are several series, the value axis from 0 (to
    100 % for shares), values written where they stay readable, the figure's colours, dashes and markers."""
    graphic = shapes.add_chart(chart.kind, left, top, width, height, chart.data)
    if chart.lines:
        _lines_over_bars(graphic.chart, chart)
    plot = graphic.chart
    plot.has_title = False  # the slide's title names it
    plot.font.size = Pt(14)
    several = chart.shown_series > 1
    plot.has_legend = several
    if several:
        plot.legend.position, plot.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
        plot.legend.font.size = Pt(13)
        if chart.notes:
            _hide_legend_entry(plot, len(chart.data._series) - 1)
    axis = plot.value_axis
    axis.minimum_scale = 0
    values = [x for series in chart.data._series for x in series.values if x is not None]
    if chart.percent and values and max(values) <= 100:
        axis.maximum_scale = 100
    axis.tick_labels.number_format = '0" %"' if chart.percent else "#,##0"
    axis.tick_labels.number_format_is_linked = False
    if chart.axis_title:
        axis.has_title = True
        axis.axis_title.text_frame.text = chart.axis_title
        axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
    if chart.horizontal:  # the first category on top, as on the page
        plot.category_axis.reverse_order = True
    drawn = [(s, chart.kind == XL_CHART_TYPE.LINE_MARKERS or n > 0) for n, p in enumerate(plot.plots)
             for s in p.series]  # (series, drawn as a line): the bars' plot comes first
    # values are written where the figure writes them, while they stay readable
    written = len(chart.data.categories) * sum(look.labels for look in chart.looks) <= MAX_LABELS
    for (series, as_line), look in zip(drawn, chart.looks, strict=True):
        _paint(series, look, as_line)
        if look.labels and written:
            _number_labels(series.data_labels, chart.percent, above=as_line)
    if chart.notes:
        _write_notes(drawn[-1][0], chart.notes)
    return graphic


# ---- reading the figure --------------------------------------------------------------------------------------------
def _values(trace) -> tuple[list, list]:
    horizontal = getattr(trace, "orientation", None) == "h"
    cats, vals = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
    return list(cats if cats is not None else []), list(vals if vals is not None else [])


def _axis_words(axis) -> str:
    title = axis.title.text if axis.title and axis.title.text else ""
    return f"{title} {axis.ticksuffix or ''}"


def _draws_points(trace) -> bool:
    mode = trace.mode or "lines"
    return "lines" in mode or "markers" in mode


def _one_point_per_category(trace) -> bool:
    cats, _ = _values(trace)
    return None not in cats and len(set(cats)) == len(cats)


def _categories(traces: list) -> list | None:
    """Every category of the traces, in order (numbers sorted); None when the axis holds dates."""
    categories: list = []
    for t in traces:
        cats, _ = _values(t)
        if any(isinstance(c, (date, pd.Timestamp)) or (isinstance(c, str) and _DATE.match(c)) for c in cats):
            return None
        categories += [c for c in cats if c not in categories]
    if all(isinstance(c, (int, float)) for c in categories):
        categories = sorted(categories)
    return categories


def _notes(fig: go.Figure, categories: list | None) -> dict | None:
    """Texts the figure writes at a category and a value ({category: (value, text)}); None when one stands
    elsewhere (the chart could not show it). Notes placed on the paper (a line's caption) are not the data's."""
    notes = {}
    for note in fig.layout.annotations:
        if note.xref not in (None, "x") or note.yref not in (None, "y"):
            continue
        if categories is None or note.x not in categories or note.x in notes or note.y is None:
            return None
        notes[note.x] = (note.y, _plain(note.text))
    return notes


def _kind(fig: go.Figure, bars: list, horizontal: bool) -> XL_CHART_TYPE:
    if not bars:
        return XL_CHART_TYPE.LINE_MARKERS
    stacked = fig.layout.barmode in ("stack", "relative")
    if horizontal:
        return XL_CHART_TYPE.BAR_STACKED if stacked else XL_CHART_TYPE.BAR_CLUSTERED
    return XL_CHART_TYPE.COLUMN_STACKED if stacked else XL_CHART_TYPE.COLUMN_CLUSTERED


def _hex(colour: object) -> str | None:
    return colour if isinstance(colour, str) and colour.startswith("#") else None


def _writes_values(trace) -> bool:
    return trace.text is not None or bool(trace.texttemplate)


def _bar_look(trace) -> Look:
    pattern = trace.marker.pattern
    hatch = _PATTERNS.get(pattern.shape) if isinstance(pattern.shape, str) else None
    return Look(colour=_hex(trace.marker.color), hatch=hatch, hatch_colour=_hex(pattern.fgcolor) if hatch else None,
                edge=_hex(trace.marker.line.color), labels=_writes_values(trace))


def _line_look(trace) -> Look:
    mode = trace.mode or "lines"
    symbol = trace.marker.symbol if isinstance(trace.marker.symbol, str) else None
    hollow = bool(symbol and symbol.endswith("-open"))
    shape = symbol.removesuffix("-open") if symbol else "circle"
    size = trace.marker.size if isinstance(trace.marker.size, (int, float)) else None
    return Look(colour=_hex(trace.line.color) or _hex(trace.marker.color), line="lines" in mode,
                dash=_DASHES.get(trace.line.dash or ""),
                marker=_MARKERS.get(shape, XL_MARKER_STYLE.CIRCLE) if "markers" in mode else XL_MARKER_STYLE.NONE,
                # the slide picture is 1920 px over 13⅓ in: a pixel is half a point
                marker_size=min(72, max(5, round(size / 2))) if size and "markers" in mode else None,
                hollow=hollow, labels="text" in mode and _writes_values(trace))


def _category(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _plain(str(value))


def _plain(text: object) -> str:
    """Plotly's markup (<b>, <br>, &amp;) as plain text for PowerPoint."""
    return html.unescape(re.sub(r"<br\s*/?>", " ", re.sub(r"</?(b|i|span)[^>]*>", "", str(text))))


# ---- drawing -------------------------------------------------------------------------------------------------------
def _lines_over_bars(chart, native: NativeChart) -> None:
    """Move the last series from the bar plot into a line plot on the same axes. python-pptx draws one kind per
    chart; the line plot is written by python-pptx's own writer from the same data (same series numbers, same cells
    of the embedded workbook) and set beside the bars."""
    bars = chart._chartSpace.chart.plotArea.xpath("c:barChart")[0]
    written = parse_xml(ChartXmlWriter(XL_CHART_TYPE.LINE_MARKERS, native.data).xml.encode("utf-8"))
    lines = written.xpath(".//c:lineChart")[0]
    first_line = len(native.data._series) - native.lines
    for ser in bars.xpath("c:ser")[first_line:]:
        bars.remove(ser)
    for ser in lines.xpath("c:ser")[:first_line]:
        lines.remove(ser)
    for mine, theirs in zip(lines.xpath("c:axId"), bars.xpath("c:axId"), strict=True):
        mine.set("val", theirs.get("val"))
    bars.addnext(lines)


def _hide_legend_entry(plot, index: int) -> None:
    """No legend entry for the series (the notes' carrier): PowerPoint's <c:legendEntry> with <c:delete>."""
    legend = plot._chartSpace.chart.legend
    entry = parse_xml(f'<c:legendEntry xmlns:c="{legend.nsmap["c"]}"><c:idx val="{index}"/>'
                      '<c:delete val="1"/></c:legendEntry>')
    legend.legendPos.addnext(entry)


def _number_labels(labels, percent: bool, above: bool) -> None:
    labels.show_value = True
    labels.number_format = '0.0" %"' if percent else "#,##0.##"
    labels.number_format_is_linked = False
    labels.font.size = Pt(11)
    if above:
        labels.position = XL_LABEL_POSITION.ABOVE


def _paint(series, look: Look, as_line: bool) -> None:
    colour = _rgb(look.colour)
    if not as_line:
        fill = series.format.fill
        if look.hatch is not None and look.hatch_colour and colour is not None:
            fill.patterned()
            fill.pattern = look.hatch
            fill.fore_color.rgb, fill.back_color.rgb = _rgb(look.hatch_colour), colour
        elif colour is not None:
            fill.solid()
            fill.fore_color.rgb = colour
        if look.edge:
            series.format.line.color.rgb = _rgb(look.edge)
        return
    line = series.format.line
    if not look.line:
        line.fill.background()
    elif colour is not None:
        line.color.rgb = colour
    if look.dash is not None:
        line.dash_style = look.dash
    if look.marker is not None:
        series.marker.style = look.marker
    if look.marker_size is not None:
        series.marker.size = look.marker_size
    if colour is not None and look.marker not in (None, XL_MARKER_STYLE.NONE):
        series.marker.format.line.color.rgb = colour
        if look.hollow:
            series.marker.format.fill.background()
        else:
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = colour


def _rgb(colour: str | None) -> RGBColor | None:
    return RGBColor.from_string(colour[1:7].upper()) if colour else None


def _write_notes(series, notes: dict[int, str]) -> None:
    """The figure's texts above their categories, as the labels of the notes' carrier."""
    for index, text in notes.items():
        label = series.points[index].data_label
        label.position = XL_LABEL_POSITION.ABOVE
        label.text_frame.text = text
        label.text_frame.paragraphs[0].runs[0].font.size = Pt(11)
