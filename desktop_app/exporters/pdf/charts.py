"""The class summary's charts, drawn with ReportLab graphics: found against the key per category, the spread
of points, and the key passages most students missed.

Every chart must read on a black-and-white printer and a washed-out projector: bars that are compared are
told apart by fill against outline, not by hue, and every number a teacher would read out is printed on
its bar. Every label is set in the embedded sans (ReportLab's default, Helvetica, would not be embedded).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.exporters.pdf.cues import ink
from desktop_app.exporters.pdf.fonts import SANS, SANS_BOLD, safe_text
from desktop_app.exporters.pdf.lines import own_line, sheet_rtl, visual_text
from desktop_app.exporters.pdf.sizes import current
from desktop_app.i18n import _, pgettext
from desktop_app.i18n.formats import format_number

INK = HexColor("#000000")
AXIS = HexColor("#555555")
KEY_FILL = white
KEY_EDGE = HexColor("#555555")
BAR = HexColor("#3b3b3b")
# At normal print size: chart labels at least 8 pt, as everything on a sheet a class photocopies (sizes.py).
TITLE_SIZE, LABEL_SIZE = 10.0, 8.0


@dataclass(frozen=True, slots=True)
class CategoryBar:
    name: str
    colour: str  # the category's, "#RRGGBB"
    found: float  # required key passages found, on average per student
    key: int  # required key passages in the key


def _fit(text: str, size: float, width: float, font: str = SANS) -> str:
    """A one-line label: shortened to ``width`` and in visual order (a String draws no markup and no bidi)."""
    text = " ".join(safe_text(text, font).split())
    if stringWidth(text, font, size) > width:
        while text and stringWidth(text + "…", font, size) > width:
            text = text[:-1]
        text = text.rstrip() + "…"
    return visual_text(text)


def _label() -> float:
    return current()(LABEL_SIZE)


def _drawing(width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    # Otherwise the drawing starts in Helvetica, which ends up in the PDF as a font that is not embedded.
    d.initialFontName, d.initialFontSize = SANS, _label()
    return d


def _two_lines(text: str, size: float, width: float) -> str:
    """A category name under its bars: on two lines where it is two words or more, each fitted to ``width``."""
    words = " ".join(text.split()).split(" ")
    if len(words) == 1 or stringWidth(" ".join(words), SANS, size) <= width:
        return _fit(" ".join(words), size, width)
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return _fit(" ".join(words[:best]), size, width) + "\n" + _fit(" ".join(words[best:]), size, width)


def _title(drawing: Drawing, text: str, y: float) -> None:
    """A chart's title, at its start: its left, or its right on a right-to-left sheet."""
    rtl = sheet_rtl()
    drawing.add(String(drawing.width if rtl else 0, y, own_line(text), fontName=SANS_BOLD,
                       fontSize=current()(TITLE_SIZE), fillColor=INK, textAnchor="end" if rtl else "start"))


def _mirror_vertical(chart: VerticalBarChart) -> None:
    """On a right-to-left sheet: the first category on the right, the value axis and its numbers on the right."""
    if not sheet_rtl():
        return
    chart.categoryAxis.reverseDirection = 1
    chart.valueAxis.joinAxisMode = "right"
    chart.valueAxis.labels.boxAnchor = "w"
    chart.valueAxis.labels.dx = 5
    chart.valueAxis.tickLeft, chart.valueAxis.tickRight = 0, 5


def _value_axis(axis, top: float) -> None:
    """Whole-number steps (students and passages are counted, not measured), about five of them."""
    step = max(1, math.ceil(top / 5))
    axis.valueMin = 0
    axis.valueMax = max(step, math.ceil(top / step) * step)
    axis.valueStep = step
    axis.labels.fontName = SANS
    axis.labels.fontSize = _label()
    axis.strokeColor = AXIS
    axis.strokeWidth = 0.5
    axis.visibleGrid = True
    axis.gridStrokeColor = HexColor("#d0d0d0")
    axis.gridStrokeWidth = 0.4
    axis.labelTextFormat = _number


def _number(x: float) -> str:
    """A number on a chart: at most one decimal, none when whole ('2.5', '3'; '2,5' in Spanish)."""
    rounded = round(x, 1)
    return format_number(int(rounded) if rounded == int(rounded) else rounded)


def _of(part: object, whole: object) -> str:
    return pgettext("count", "{part} of {whole}").format(part=part, whole=whole)


def found_against_key(bars: Sequence[CategoryBar], width: float, height: float = 180) -> Drawing:
    """Grouped bars per category: the key's count as an outline, the class's average found filled in the
    category's colour (darkened to print as a clear grey), with both numbers on the bars."""
    sizes = current()
    label = _label()
    height = sizes(height)
    d = _drawing(width, height)
    _title(d, _("Found, on average, against the key"), height - sizes(TITLE_SIZE))
    chart = VerticalBarChart()
    chart.x, chart.y = (sizes(6) if sheet_rtl() else sizes(24)), sizes(38)
    chart.width, chart.height = width - sizes(30), height - sizes(38) - sizes(40)
    chart.data = [[b.key for b in bars], [round(b.found, 1) for b in bars]]
    room = max(20.0, chart.width / max(1, len(bars)) + sizes(4))  # a name may reach into the gap between groups
    chart.categoryAxis.categoryNames = [_two_lines(b.name, label, room) for b in bars]
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = label
    chart.categoryAxis.labels.leading = label * 1.15
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.strokeColor = AXIS
    chart.categoryAxis.strokeWidth = 0.5
    _value_axis(chart.valueAxis, max([b.key for b in bars] + [b.found for b in bars] + [1]))
    chart.barSpacing = 1.5
    chart.groupSpacing = 8
    chart.bars.strokeWidth = 0.6
    chart.bars[0].fillColor = KEY_FILL
    chart.bars[0].strokeColor = KEY_EDGE
    chart.bars[0].strokeDashArray = (2, 1.5)
    chart.bars[1].strokeColor = INK
    for i, b in enumerate(bars):
        chart.bars[(1, i)].fillColor = ink(b.colour)
    chart.barLabelFormat = _number
    chart.barLabels.fontName = SANS
    chart.barLabels.fontSize = label
    chart.barLabels.nudge = sizes(5)
    chart.barLabels.boxAnchor = "s"
    _mirror_vertical(chart)
    d.add(chart)
    _swatch_legend(d, [(_("In the key (required)"), KEY_FILL, KEY_EDGE, True),
                       (_("Found, average per student (filled)"), BAR, INK, False)],
                   y=height - sizes(TITLE_SIZE) - sizes(15), width=width)
    return d


def _swatch_legend(d: Drawing, items: list[tuple[str, Color, Color, bool]], y: float, width: float) -> None:
    """The swatches and their words, on one line or, when that is too narrow, one under the other."""
    sizes, label = current(), _label()
    rtl = sheet_rtl()
    x = 0.0  # from the start of the line: the left, or the right on a right-to-left sheet
    for text, fill, edge, dashed in items:
        text = own_line(text)
        w = sizes(12) + stringWidth(text, SANS, label) + sizes(14)
        if x and x + w > width:
            x, y = 0.0, y - label * 1.3
        swatch_x = width - x - sizes(9) if rtl else x
        d.add(Rect(swatch_x, y, sizes(9), sizes(7), fillColor=fill, strokeColor=edge, strokeWidth=0.6,
                   strokeDashArray=(2, 1.5) if dashed else None))
        d.add(String(width - x - sizes(12) if rtl else x + sizes(12), y + sizes(0.8), text, fontName=SANS,
                     fontSize=label, fillColor=INK, textAnchor="end" if rtl else "start"))
        x += w


def points_histogram(scores: Sequence[float], total: float, width: float, height: float = 180) -> Drawing:
    """How many students got how many points, in ten equal bins from 0 to the total (the last bin holds the
    full marks too)."""
    sizes = current()
    label = _label()
    height = sizes(height)
    d = _drawing(width, height)
    _title(d, _("Points: how many students got how many"), height - sizes(TITLE_SIZE))
    bins = 10
    size = total / bins if total > 0 else 1.0
    counts = [0] * bins
    for s in scores:
        counts[min(bins - 1, max(0, int(s / size + 1e-9)))] += 1
    chart = VerticalBarChart()
    chart.x, chart.y = (sizes(6) if sheet_rtl() else sizes(24)), sizes(40)
    chart.width, chart.height = width - sizes(30), height - sizes(40) - sizes(26)
    chart.data = [counts]
    chart.categoryAxis.categoryNames = [f"{_number(i * size)}–{_number((i + 1) * size)}" for i in range(bins)]
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = label
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.categoryAxis.labels.angle = 35
    chart.categoryAxis.strokeColor = AXIS
    chart.categoryAxis.strokeWidth = 0.5
    _value_axis(chart.valueAxis, max(counts + [1]))
    chart.barSpacing = 0
    chart.groupSpacing = 3
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = INK
    chart.bars.strokeWidth = 0.5
    chart.barLabelFormat = lambda n: str(int(n)) if n else ""
    chart.barLabels.fontName = SANS
    chart.barLabels.fontSize = label
    chart.barLabels.nudge = sizes(5)
    chart.barLabels.boxAnchor = "s"
    _mirror_vertical(chart)
    d.add(chart)
    return d


def most_missed(labels: Sequence[str], missed: Sequence[int], students: int, width: float) -> Drawing:
    """Horizontal bars, most missed at the top: how many students missed each key passage, labelled with
    the passage's badge and the start of its words."""
    sizes = current()
    label = _label()
    rows = max(1, len(labels))
    row_height = sizes(16)
    height = rows * row_height + sizes(54)
    d = _drawing(width, height)
    _title(d, _("Key passages most students missed"), height - sizes(TITLE_SIZE))
    label_width = min(sizes(250), width * 0.45)
    rtl = sheet_rtl()
    chart = HorizontalBarChart()
    # The passages' labels beside the bars' start: on the left, or on the right with the bars growing leftwards.
    chart.x, chart.y = (sizes(50) if rtl else label_width + sizes(6)), sizes(28)
    chart.width, chart.height = width - label_width - sizes(56), rows * row_height  # room for "12 of 30" at the end
    # The chart draws its first category at the bottom: reversed, the most missed comes out on top.
    chart.data = [list(reversed(missed))]
    chart.categoryAxis.categoryNames = [_fit(t, label, label_width - 4) for t in reversed(labels)]
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = label
    chart.categoryAxis.labels.boxAnchor = "w" if rtl else "e"
    chart.categoryAxis.labels.dx = 3 if rtl else -3
    chart.categoryAxis.strokeColor = AXIS
    chart.categoryAxis.strokeWidth = 0.5
    _value_axis(chart.valueAxis, max(students, 1))
    chart.barSpacing = 0
    chart.groupSpacing = 4
    chart.bars[0].fillColor = HexColor("#4d4d4d")
    chart.bars[0].strokeColor = INK
    chart.bars.strokeWidth = 0.5
    chart.barLabelFormat = lambda n: own_line(_of(int(n), students))
    chart.barLabels.fontName = SANS
    chart.barLabels.fontSize = label
    chart.barLabels.boxAnchor = "w"  # the far end of the bar: ReportLab turns it round for bars drawn leftwards
    chart.barLabels.nudge = sizes(8)
    if rtl:
        chart.valueAxis.reverseDirection = 1
        chart.categoryAxis.joinAxisMode = "right"
    d.add(chart)
    # Translators: under the chart of key passages most missed: what its bars count.
    d.add(String(chart.x + chart.width / 2, sizes(2), own_line(_("students who missed it")), fontName=SANS,
                 fontSize=label, fillColor=INK, textAnchor="middle"))
    return d
