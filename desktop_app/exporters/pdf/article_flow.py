"""The article as a ReportLab flowable: numbered lines, and each mark drawn under, around and over its words.

The article is set into ``PrintedLine``s once (see ``lines.py``, ``article_layout.py``); the flowable only
stacks them and splits between lines at a page break, where the layout says a page may break (two lines of a
paragraph on each side), so a mark that crosses the break is drawn on both pages, line by line, with its badge
again on the second, and the line numbers run on across pages. Notes in the margin are placed as each page's
piece is drawn (``margin_notes.py``).

Drawing order per line: whatever a ``LineDecoration`` paints (the class summary's heat map), translucent tints
(overlaps come out darker, as on screen), the text, the cue lines (each mark in its own lane below the baseline,
so nested marks stay apart), then the numbered badges.

An excerpt (the feedback sheet) shows only the lines its marks touch, with a line of context either side; a
dotted rule stands for the lines left out, and the line numbers stay the article's.

A mark is drawn one of two ways. A ``MARKED`` passage is someone's mark: tint, cue and badge in its category's
colour. A ``MISSED`` passage is a key mark a student did not find (the feedback sheet): no tint, a grey dashed
outline and a dark badge with white letters, so it stands apart from every category in colour and in grey.
A bonus key mark (the answer key) has a dashed badge outline.
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from desktop_app.exporters.pdf.article_layout import (
    LINE_NUMBER_EVERY,
    MISSED,
    MISSED_GREY,
    TINT_ALPHA,
    ArticleLayout,
    DrawnMark,
)
from desktop_app.exporters.pdf.cues import LANE_GAP, colour, draw_box, draw_underline, ink
from desktop_app.exporters.pdf.fonts import SANS, SANS_BOLD
from desktop_app.exporters.pdf.lines import PrintedLine
from desktop_app.exporters.pdf.styles import RULE


class ArticleFlowable(Flowable):
    """Rows ``first``..``last`` of an ``ArticleLayout``; splits into two flowables at a page break."""

    def __init__(self, layout: ArticleLayout, first: int = 0, last: int | None = None) -> None:
        super().__init__()
        self.layout = layout
        self.first = first
        self.last = len(layout.rows) if last is None else last
        self._heights = layout.heights[self.first:self.last]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, sum(self._heights)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        used, count = 0.0, 0
        for h in self._heights:
            if used + h > avail_height:
                break
            used, count = used + h, count + 1
        if count == 0 or count == len(self._heights):
            return [] if count == 0 else [self]
        cut = self.layout.good_cut(self.first + count)
        if cut <= self.first:
            if not self._at_top_of_frame():
                return []  # all of it to the next page, where there is room to break well
            cut = self.first + count  # a fresh page and still no good place: break where the page ends
        return [ArticleFlowable(self.layout, self.first, cut), ArticleFlowable(self.layout, cut, self.last)]

    def _at_top_of_frame(self) -> bool:
        """True when nothing is above this piece on its page (or when split outside a document)."""
        frame = getattr(getattr(getattr(self, "canv", None), "_doctemplate", None), "frame", None)
        return bool(getattr(frame, "_atTop", True))

    def draw(self) -> None:
        c = self.canv
        layout, look = self.layout, self.layout.look
        sizes = look.sizes
        top = self.height
        if layout.notes_margin > sizes(40):
            c.saveState()
            c.setStrokeColor(RULE)
            c.setLineWidth(0.4)
            c.setDash(1, 2)
            c.line(layout.margin_rule_x, 0, layout.margin_rule_x, self.height)
            c.restoreState()
        if layout.notes is not None:
            layout.notes.draw_piece(c, layout.margin_x, self.first, self._heights, top)
        for offset, p in enumerate(range(self.first, self.last)):
            i = layout.rows[p]
            line = layout.lines[i]
            h = self._heights[offset]
            marks = layout.on_line[i]
            elided = p in layout.elided_before
            if elided:
                self._draw_elision(top - layout.elision / 2)
            gap = (look.paragraph_gap if line.gap_before else 0.0) + (layout.elision if elided else 0.0)
            baseline = top - gap - layout.badge_room - look.ascent - look.line_gap / 2
            x = layout.text_x + (layout.text_width - line.width if line.rtl else 0.0)
            excerpt_start = (elided or p == 0) and len(layout.rows) < len(layout.lines)
            if line.number % LINE_NUMBER_EVERY == 0 or excerpt_start:  # an excerpt numbers each stretch too
                c.setFont(SANS, sizes.line_number)
                c.setFillColor(colour("#000000"))  # black: a grey number fades on a photocopy
                if look.mirrored:  # on the right of the column, as a right-to-left reader looks for them
                    c.drawString(layout.text_x + layout.text_width + sizes(8), baseline, str(line.number))
                else:
                    c.drawRightString(look.gutter - sizes(8), baseline, str(line.number))
            if layout.decoration is not None:
                layout.decoration.draw_line(c, layout, i, x, baseline)
            if marks:
                layout.breaker.place(line)
                self._draw_tints(line, marks, x, baseline)
            c.setFillColor(colour("#000000"))
            c.setFont(look.font.name, look.size)
            c.drawString(x, baseline, line.visual)
            if marks:
                self._draw_cues(line, marks, x, baseline)
                self._draw_badges(line, marks, x, baseline, continued=offset == 0 and p > 0 and not elided)
            top -= h

    def _draw_elision(self, y: float) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(colour("#555555"))
        c.setLineWidth(0.8)
        c.setLineCap(1)
        c.setDash(0.1, 3)
        c.line(self.layout.text_x, y, self.layout.text_x + self.layout.text_width, y)
        c.restoreState()

    def _draw_tints(self, line: PrintedLine, marks: list[DrawnMark], x: float, baseline: float) -> None:
        c, look = self.canv, self.layout.look
        c.saveState()
        for mark in marks:
            if mark.kind == MISSED:
                continue  # an outline only: a missed passage is not the student's, so it gets no colour
            c.setFillColor(colour(mark.category.fill, TINT_ALPHA))
            for x0, x1 in line.intervals(mark.start, mark.end):
                c.rect(x + x0, baseline - look.descent, x1 - x0, look.ascent + look.descent, stroke=0, fill=1)
        c.restoreState()

    def _draw_cues(self, line: PrintedLine, marks: list[DrawnMark], x: float, baseline: float) -> None:
        look = self.layout.look
        lane_gap = look.sizes(LANE_GAP)
        for mark in marks:
            lane = self.layout.lane[id(mark)]
            spans = line.intervals(mark.start, mark.end)
            for n, (x0, x1) in enumerate(spans):
                if mark.kind == MISSED or mark.category.cue == "box":
                    # Open on the side where the mark runs on to the previous or next line.
                    continues_before = mark.start < line.start and n == 0
                    continues_after = mark.end > line.end and n == len(spans) - 1
                    before, after = (continues_after, continues_before) if line.rtl else \
                        (continues_before, continues_after)
                    inset = lane * 0.9
                    missed = mark.kind == MISSED
                    if missed:
                        self.canv.saveState()
                        self.canv.setDash(2.2, 1.6)
                    draw_box(self.canv, x + x0 - 0.8, x + x1 + 0.8,
                             baseline - look.descent - 0.6 - lane * lane_gap,
                             baseline + look.ascent + 0.8 + inset,
                             MISSED_GREY if missed else mark.category.colour,
                             open_left=before, open_right=after)
                    if missed:
                        self.canv.restoreState()
                else:
                    draw_underline(self.canv, mark.category.cue, x + x0, x + x1,
                                   baseline - 2.4 - lane * lane_gap, mark.category.colour)

    def _draw_badges(self, line: PrintedLine, marks: list[DrawnMark], x: float, baseline: float,
                     continued: bool) -> None:
        """The badge where each mark begins; on the first line of a page, also for a mark carried over from
        the page before ("…S3"), so the reader need not turn back to know what it is."""
        look = self.layout.look
        size = look.sizes.badge
        taken: list[tuple[float, float]] = []
        y = baseline + look.ascent + look.sizes(1.4)
        for mark in marks:
            label = mark.badge
            if not line.start <= mark.start < line.end:
                if not (continued and mark.start < line.start):
                    continue
                label = "…" + label
                first = line.intervals(line.start, mark.end)[:1] if not line.rtl else \
                    line.intervals(line.start, mark.end)[-1:]
            else:
                first = line.intervals(mark.start, mark.start + 1) or line.intervals(mark.start, mark.end)
            if not first:
                continue
            w = pdfmetrics.stringWidth(label, SANS_BOLD, size) + look.sizes(2.6)
            left = x + (first[0][1] - w if line.rtl else first[0][0])
            while any(left < b and a < left + w for a, b in taken):
                left = left - w - 0.8 if line.rtl else left + w + 0.8  # two marks start here: side by side
            taken.append((left, left + w))
            self._draw_badge(mark, label, left, y, w)

    def _draw_badge(self, mark: DrawnMark, label: str, left: float, y: float, w: float) -> None:
        c, sizes = self.canv, self.layout.look.sizes
        size = sizes.badge
        missed = mark.kind == MISSED
        c.saveState()
        c.setFillColor(colour("#4d4d4d" if missed else "#ffffff"))
        c.setStrokeColor(colour("#4d4d4d") if missed else ink(mark.category.colour))
        c.setLineWidth(0.8 if mark.bonus else 0.6)
        if mark.bonus:
            c.setDash(1.6, 1.2)
        c.roundRect(left, y, w, size + sizes(1.6), 1.2, stroke=1, fill=1)
        c.setFillColor(colour("#ffffff" if missed else "#000000"))
        c.setFont(SANS_BOLD, size)
        c.drawString(left + sizes(1.3), y + sizes(1.5), label)
        c.restoreState()
