"""The class summary's heat map: each stretch of the article shaded by how many students marked it, in five
steps of one blue, with the margin naming, per line, the most students on any of its words and what most of
them marked those words as; and the scale that says what each step stands for.
"""

from __future__ import annotations

import math

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop_app.core.categories import CategorySet
from desktop_app.core.class_view import Stretch
from desktop_app.exporters.pdf.annotated import category_of
from desktop_app.exporters.pdf.article_layout import ArticleLayout
from desktop_app.exporters.pdf.fonts import SANS, SANS_BOLD, safe_text
from desktop_app.exporters.pdf.lines import own_line, sheet_rtl
from desktop_app.exporters.pdf.sizes import current
from desktop_app.exporters.pdf.styles import GREY
from desktop_app.i18n import _, pgettext

# Five steps of one blue, light to dark: their greys step evenly too, and black letters stay readable on
# the darkest (a projector washes colours out; a laser printer keeps only the grey).
HEAT = tuple(HexColor(h) for h in ("#d9e6f4", "#b3cde9", "#8cb3dc", "#6797cd", "#437bbd"))
MARGIN_FROM_STEP = 2  # the margin names only lines where more than a fifth of the class marked the same words


def heat_step(students: int, class_size: int) -> int:
    """1..5: the share of the class that marked a stretch, in fifths, rounded up (one student of thirty
    still shows)."""
    if students <= 0 or class_size <= 0:
        return 0
    return max(1, min(5, math.ceil(5 * students / class_size - 1e-9)))


def step_range(step: int, class_size: int) -> tuple[int, int] | None:
    """The student counts drawn at ``step``, or None when no count lands on it (a class of three)."""
    counts = [n for n in range(1, class_size + 1) if heat_step(n, class_size) == step]
    return (counts[0], counts[-1]) if counts else None


# --- the heat map ----------------------------------------------------------------------------------------
class HeatMap:
    """Tints each stretch of the article by how many students marked it, and writes in the margin, per line,
    the most students on any of its words and what most of them marked those words as."""

    def __init__(self, stretches: tuple[Stretch, ...], class_size: int, categories: CategorySet) -> None:
        self.stretches = sorted(stretches, key=lambda s: s.start)
        self.class_size = class_size
        self.categories = categories
        self.sizes = current()
        self._on_line: list[list[Stretch]] | None = None

    def _sort_onto_lines(self, layout: ArticleLayout) -> list[list[Stretch]]:
        on_line: list[list[Stretch]] = [[] for _ in layout.lines]
        first = 0
        lines = layout.lines
        for s in self.stretches:
            while first < len(lines) and lines[first].end <= s.start:
                first += 1
            i = first
            while i < len(lines) and lines[i].start < s.end:
                if lines[i].end > s.start:
                    on_line[i].append(s)
                i += 1
        return on_line

    def draw_line(self, canvas, layout: ArticleLayout, index: int, x: float, baseline: float) -> None:
        if self._on_line is None:
            self._on_line = self._sort_onto_lines(layout)
        stretches = self._on_line[index]
        if not stretches:
            return
        line = layout.breaker.place(layout.lines[index])
        look = layout.look
        canvas.saveState()
        for s in stretches:
            step = heat_step(s.students, self.class_size)
            if not step:
                continue
            canvas.setFillColor(HEAT[step - 1])
            for x0, x1 in line.intervals(s.start, s.end):
                canvas.rect(x + x0, baseline - look.descent - 1.2, x1 - x0, look.ascent + look.descent + 2.4,
                            stroke=0, fill=1)
        peak = max(stretches, key=lambda s: s.students)
        if heat_step(peak.students, self.class_size) >= MARGIN_FROM_STEP:
            self._margin(canvas, layout, peak, baseline)
        canvas.restoreState()

    def _margin(self, canvas, layout: ArticleLayout, peak: Stretch, baseline: float) -> None:
        sizes = self.sizes
        if layout.notes_margin < sizes(50):
            return
        mirrored = layout.look.mirrored
        # The swatch next to the article, the words after it: on the margin's left, or its right when mirrored.
        left = layout.margin_rule_x - sizes(6) - sizes(8) if mirrored else layout.look.gutter + layout.text_width \
            + sizes(16)
        step = heat_step(peak.students, self.class_size)
        canvas.setFillColor(HEAT[step - 1])
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.4)
        canvas.rect(left, baseline - 1, sizes(8), sizes(8), stroke=1, fill=1)
        most = max(peak.counts.items(), key=lambda kv: (kv[1], -self._order(kv[0])))[0] if peak.counts else ""
        name = category_of(self.categories, most).name if most else ""
        # Translators: in the heat map's margin: how many students marked these words, and what most of them
        # marked them as ("12 · Source").
        text = pgettext("heat map margin", "{students} · {category}").format(students=peak.students, category=name) \
            if name else str(peak.students)
        room = layout.notes_margin - sizes(34)
        text = safe_text(text)
        size = sizes.table
        while len(text) > 3 and stringWidth(text, SANS_BOLD, size) > room:
            text = text[:-2].rstrip() + "…"
        canvas.setFillColor(HexColor("#000000"))
        canvas.setFont(SANS_BOLD, size)
        if mirrored:
            canvas.drawRightString(left - sizes(4), baseline, own_line(text))
        else:
            canvas.drawString(left + sizes(12), baseline, own_line(text))

    def _order(self, key: str) -> int:
        return self.categories.index(key) if key in self.categories else len(self.categories)


class HeatScale(Flowable):
    """The legend of the heat map: a swatch per step with the number of students it stands for."""

    def __init__(self, class_size: int, width: float) -> None:
        super().__init__()
        self.class_size = class_size
        self.sizes = current()
        self.rtl = sheet_rtl()
        self.width, self.height = width, self.sizes(17)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, sizes = self.canv, self.sizes
        size = sizes.table
        c.setFont(SANS_BOLD, size)
        c.setFillColor(HexColor("#000000"))
        # Left to right, or right to left on a right-to-left sheet: ``at`` turns a distance from the start of
        # the line and a width into the x where that piece is drawn.
        def at(offset: float, piece_width: float) -> float:
            return self.width - offset - piece_width if self.rtl else offset

        label = own_line(_("Students who marked it:"))
        c.drawString(at(0, stringWidth(label, SANS_BOLD, size)), sizes(4), label)
        x = stringWidth(label, SANS_BOLD, size) + sizes(8)
        c.setFont(SANS, size)
        for step in range(1, 6):
            span = step_range(step, self.class_size)
            if span is None:
                continue
            text = str(span[0]) if span[0] == span[1] else f"{span[0]}–{span[1]}"
            c.setFillColor(HEAT[step - 1])
            c.setStrokeColor(GREY)
            c.setLineWidth(0.4)
            c.rect(at(x, sizes(22)), sizes(1), sizes(22), sizes(11), stroke=1, fill=1)
            c.setFillColor(HexColor("#000000"))
            c.drawString(at(x + sizes(26), stringWidth(text, SANS, size)), sizes(4), text)
            x += sizes(26) + stringWidth(text, SANS, size) + sizes(12)
        # Translators: the end of the heat map's scale, after the swatches and their counts ("… 25–30 of 30").
        total = own_line(pgettext("heat map scale", "of {count}").format(count=self.class_size))
        c.drawString(at(x, stringWidth(total, SANS, size)), sizes(4), total)
