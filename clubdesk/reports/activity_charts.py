"""The charts of the activity report, drawn with reportlab's graphics in the reports' look.

Bars only: a bar chart reads at a glance on paper and survives a black-and-white print
better than a pie. Numbers on axes and above bars use the reader's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from clubdesk.i18n import current_language
from clubdesk.reports.flowables import ACCENT, MUTED, RULE
from clubdesk.reports.fonts import FONT, register_fonts
from clubdesk.reports.formatting import abridged, format_number

SECOND = colors.HexColor("#7FA3CC")  # the second series: a lighter navy, still grey in print
LABEL_SIZE = 7.5
BAR_LABEL_SIZE = 6.5
# More characters than a label's room can hold: cut first, so that measuring a label of any
# length takes a few steps.
LABEL_CHARACTERS = 120
_SHORT_MONTHS = {
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
           "oct.", "nov.", "déc."),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
           "Dec"),
}

Number = int | float | Decimal


def month_labels(months: Sequence[str]) -> list[str]:
    """"2025-03" as "mars" (or "mars 25" when the months span more than one year)."""
    names = _SHORT_MONTHS["fr" if current_language() == "fr" else "en"]
    years = {month[:4] for month in months}
    labels = []
    for month in months:
        name = names[int(month[5:7]) - 1]
        labels.append(f"{name} {month[2:4]}" if len(years) > 1 else name)
    return labels


def _axis_number(value: float) -> str:
    return format_number(value)


def _nice_max(values: Sequence[float]) -> float:
    """The top of the value axis: a little above the largest bar, and never zero."""
    top = max(values, default=0.0)
    return top * 1.12 if top > 0 else 1.0


def _style_axes(chart: VerticalBarChart | HorizontalBarChart, top: float) -> None:
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName = FONT
        labels.fontSize = LABEL_SIZE
        labels.fillColor = MUTED
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.labelTextFormat = _axis_number
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.valueAxis.strokeColor = RULE
    chart.categoryAxis.strokeColor = MUTED
    if isinstance(chart, VerticalBarChart):
        chart.categoryAxis.tickDown = 0
    else:
        chart.categoryAxis.tickLeft = 0
    chart.bars.strokeColor = None
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = BAR_LABEL_SIZE
    chart.barLabels.fillColor = colors.black


def month_bars(months: Sequence[str], series: Sequence[Sequence[Number]],
               names: Sequence[str], width: float, height: float = 62 * mm,
               decimals: int = 0) -> Drawing:
    """Bars by month, one colour a series, each bar with its value above it."""
    register_fonts()
    data = [[float(value) for value in values] for values in series]
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    legend_room = 7 * mm if len(series) > 1 else 0
    chart.x, chart.y = 11 * mm, 8 * mm
    chart.width, chart.height = width - chart.x - 2 * mm, height - chart.y - 4 * mm - legend_room
    chart.data = data
    chart.categoryAxis.categoryNames = month_labels(months)
    _style_axes(chart, _nice_max([v for values in data for v in values]))
    chart.categoryAxis.labels.dy = -2
    chart.groupSpacing = 6 if len(series) > 1 else 8
    chart.barSpacing = 1
    for index, colour in enumerate((ACCENT, SECOND)[:len(series)]):
        chart.bars[index].fillColor = colour
    chart.barLabelFormat = lambda value: format_number(value, decimals) if value else ""
    chart.barLabels.nudge = 5
    drawing.add(chart)
    if len(series) > 1:
        legend = Legend()
        legend.fontName, legend.fontSize = FONT, LABEL_SIZE
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.deltax = 60 + max(stringWidth(name, FONT, LABEL_SIZE) for name in names)
        legend.dx = legend.dy = 7
        legend.x, legend.y = chart.x + 2, height - 2 * mm
        legend.colorNamePairs = list(zip((ACCENT, SECOND), names, strict=False))
        legend.strokeColor = None
        drawing.add(legend)
    return drawing


def ranked_bars(labels: Sequence[str], values: Sequence[Number], width: float,
                decimals: int = 0, most: int = 12, other: str = "") -> Drawing:
    """Horizontal bars, largest on top; beyond ``most`` labels the rest add up as ``other``."""
    register_fonts()
    pairs = sorted(zip(labels, (float(v) for v in values), strict=True),
                   key=lambda pair: -pair[1])
    if len(pairs) > most:
        pairs = [*pairs[:most - 1], (other, sum(value for _label, value in pairs[most - 1:]))]
    names = [_shortened(label, 55 * mm) for label, _value in pairs]
    room = max((stringWidth(name, FONT, LABEL_SIZE) for name in names), default=0) + 3 * mm
    bar = 5.2 * mm
    height = max(len(pairs), 1) * bar + 10 * mm
    drawing = Drawing(width, height)
    if not pairs:
        return drawing
    chart = HorizontalBarChart()
    chart.x, chart.y = room, 7 * mm
    chart.width, chart.height = width - room - 12 * mm, len(pairs) * bar
    chart.data = [[value for _label, value in reversed(pairs)]]
    chart.categoryAxis.categoryNames = list(reversed(names))
    _style_axes(chart, _nice_max([value for _label, value in pairs]))
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.categoryAxis.labels.fillColor = colors.black
    chart.bars[0].fillColor = ACCENT
    chart.barSpacing = 0
    chart.groupSpacing = 1.6 * mm
    chart.barLabelFormat = lambda value: format_number(value, decimals)
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def _shortened(text: str, room: float) -> str:
    """``text`` on one line, cut with an ellipsis to fit ``room`` (a chart label never
    wraps: a line break would stack its lines over the bars)."""
    text = abridged(text, LABEL_CHARACTERS)
    if stringWidth(text, FONT, LABEL_SIZE) <= room:
        return text
    text = text.removesuffix("…")
    while text and stringWidth(text + "…", FONT, LABEL_SIZE) > room:
        text = text[:-1]
    return text.rstrip() + "…"

