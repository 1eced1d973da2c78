"""The article as a ReportLab flowable: numbered lines, and each mark drawn under, around and over its words.

The article is set into ``PrintedLine``s once (see ``lines.py``); the flowable only stacks them and splits
between lines at a page break, so a mark that crosses the break is drawn on both pages, line by line, and the
line numbers run on across pages.

Drawing order per line: whatever a ``LineDecoration`` paints (the class summary's heat map), translucent tints
(overlaps come out darker, as on screen), the text, the cue lines (each mark in its own lane below the baseline,
so nested marks stay apart), then the numbered badges.

A mark is drawn one of two ways. A ``MARKED`` passage is someone's mark: tint, cue and badge in its category's
colour. A ``MISSED`` passage is a key mark a student did not find (the feedback sheet): no tint, a grey dashed
outline and a dark badge with white letters, so it stands apart from every category in colour and in grey.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from desktop_app.core.categories import Category
from desktop_app.core.spans import assign_lanes
from desktop_app.exporters.pdf.cues import LANE_GAP, colour, draw_box, draw_underline, ink
from desktop_app.exporters.pdf.fonts import SANS, SANS_BOLD, FontChoice
from desktop_app.exporters.pdf.lines import LineBreaker, PrintedLine
from desktop_app.exporters.pdf.styles import GREY, RULE

TINT_ALPHA = 0.26
BADGE_SIZE = 5.4
BADGE_ROOM = 7.5  # above the letters, where badges sit
LINE_NUMBER_EVERY = 5
MISSED_GREY = "#666666"

MARKED = "marked"  # someone's mark: the category's tint, cue and badge
MISSED = "missed"  # a key passage the student did not mark: grey dashed outline, dark badge


@dataclass(frozen=True, slots=True)
class DrawnMark:
    """A mark as the page draws it: where, which category, and the badge that ties it to the table."""

    start: int
    end: int
    category: Category
    badge: str  # e.g. "S3": the category letter and the mark's number in the table
    kind: str = MARKED


class LineDecoration(Protocol):
    """Paints under one printed line before its marks and text (and may write in the notes margin)."""

    def draw_line(self, canvas, layout: ArticleLayout, index: int, x: float, baseline: float) -> None: ...


@dataclass(frozen=True)
class ArticleLook:
    font: FontChoice
    size: float = 11.0
    gutter: float = 26.0  # left of the text: line numbers
    # The article's column is the same on every kind of sheet and both papers, so it breaks into the same
    # lines everywhere: "line 14" on a student's paper worksheet is line 14 on the answer key. What the
    # page has beyond it is a margin for notes (a student's, or a teacher's), set off by a faint rule.
    text_width: float = 329.0
    line_gap: float = 7.0  # empty space between lines, for pens as well as eyes
    paragraph_gap: float = 5.0

    @property
    def ascent(self) -> float:
        return self.size * 0.76

    @property
    def descent(self) -> float:
        return self.size * 0.24


_SET: dict[tuple, list[PrintedLine]] = {}
_SET_KEPT = 4


def _set_lines(breaker: LineBreaker, text: str, rtl: bool) -> list[PrintedLine]:
    """The article's lines, set once per text and column and then reused: a class's thirty feedback sheets
    all print the same article, and setting it is a fifth of each sheet's time. The lines are shared, never
    changed but for the character positions ``place`` fills in, which depend only on the font and size."""
    key = (text, rtl, breaker.font, breaker.size, breaker.width)
    lines = _SET.get(key)
    if lines is None:
        lines = breaker.lines(text, rtl)
        if len(_SET) >= _SET_KEPT:
            _SET.pop(next(iter(_SET)))
        _SET[key] = lines
    return lines


class ArticleLayout:
    """The article set into lines for one text width, with its marks sorted onto the lines they touch."""

    def __init__(self, text: str, rtl: bool, look: ArticleLook, width: float, marks: list[DrawnMark],
                 decoration: LineDecoration | None = None) -> None:
        self.look = look
        self.decoration = decoration
        self.text_width = min(look.text_width, width - look.gutter)
        self.notes_margin = width - look.gutter - self.text_width
        self.breaker = LineBreaker(look.font, look.size, self.text_width)
        self.lines = _set_lines(self.breaker, text, rtl)
        self.marks = sorted(marks, key=lambda m: (m.start, -m.end))
        lanes = assign_lanes([(m.start, m.end) for m in self.marks])
        self.lane = {id(m): lane for m, lane in zip(self.marks, lanes, strict=True)}
        self.on_line: list[list[DrawnMark]] = [[] for _ in self.lines]
        self._sort_onto_lines()
        # Every line keeps room for a badge once the article has any mark: even spacing reads calmer than
        # lines that jump apart wherever a mark begins.
        self.badge_room = BADGE_ROOM if self.marks else 0.0
        # Worked out once: every piece the flowable is split into at a page break reads its lines' heights.
        self.heights = [self.line_height(i) for i in range(len(self.lines))]

    def _sort_onto_lines(self) -> None:
        # Marks and lines are both in text order: walk them together instead of testing every pair.
        first = 0
        for mark in self.marks:
            while first < len(self.lines) and self.lines[first].end <= mark.start:
                first += 1
            i = first
            while i < len(self.lines) and self.lines[i].start < mark.end:
                if self.lines[i].end > mark.start:
                    self.on_line[i].append(mark)
                i += 1

    def line_height(self, i: int) -> float:
        look = self.look
        marks = self.on_line[i]
        lanes = 1 + max((self.lane[id(m)] for m in marks), default=0) if marks else 0
        return self.badge_room + look.ascent + look.descent + look.line_gap \
            + max(0, lanes - 1) * LANE_GAP + (look.paragraph_gap if self.lines[i].gap_before else 0.0)


class ArticleFlowable(Flowable):
    """Lines ``first``..``last`` of an ``ArticleLayout``; splits into two flowables at a page break."""

    def __init__(self, layout: ArticleLayout, first: int = 0, last: int | None = None) -> None:
        super().__init__()
        self.layout = layout
        self.first = first
        self.last = len(layout.lines) if last is None else last
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
        cut = self.first + count
        return [ArticleFlowable(self.layout, self.first, cut), ArticleFlowable(self.layout, cut, self.last)]

    def draw(self) -> None:
        c = self.canv
        layout, look = self.layout, self.layout.look
        top = self.height
        if layout.notes_margin > 40:
            x = look.gutter + layout.text_width + 10
            c.saveState()
            c.setStrokeColor(RULE)
            c.setLineWidth(0.4)
            c.setDash(1, 2)
            c.line(x, 0, x, self.height)
            c.restoreState()
        for offset, i in enumerate(range(self.first, self.last)):
            line = layout.lines[i]
            h = self._heights[offset]
            marks = layout.on_line[i]
            gap = look.paragraph_gap if line.gap_before else 0.0
            baseline = top - gap - layout.badge_room - look.ascent - look.line_gap / 2
            x = look.gutter + (layout.text_width - line.width if line.rtl else 0.0)
            if line.number % LINE_NUMBER_EVERY == 0:
                c.setFont(SANS, 7)
                c.setFillColor(GREY)
                c.drawRightString(look.gutter - 8, baseline, str(line.number))
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
                self._draw_badges(line, marks, x, baseline)
            top -= h

    def _draw_tints(self, line: PrintedLine, marks: list[DrawnMark], x: float, baseline: float) -> None:
        c, look = self.canv, self.layout.look
        c.saveState()
        for mark in marks:
            if mark.kind == MISSED:
                continue  # an outline only: a missed passage is not the student's, so it gets no colour
            c.setFillColor(colour(mark.category.colour, TINT_ALPHA))
            for x0, x1 in line.intervals(mark.start, mark.end):
                c.rect(x + x0, baseline - look.descent, x1 - x0, look.ascent + look.descent, stroke=0, fill=1)
        c.restoreState()

    def _draw_cues(self, line: PrintedLine, marks: list[DrawnMark], x: float, baseline: float) -> None:
        look = self.layout.look
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
                             baseline - look.descent - 0.6 - lane * LANE_GAP,
                             baseline + look.ascent + 0.8 + inset,
                             MISSED_GREY if missed else mark.category.colour,
                             open_left=before, open_right=after)
                    if missed:
                        self.canv.restoreState()
                else:
                    draw_underline(self.canv, mark.category.cue, x + x0, x + x1,
                                   baseline - 2.4 - lane * LANE_GAP, mark.category.colour)

    def _draw_badges(self, line: PrintedLine, marks: list[DrawnMark], x: float, baseline: float) -> None:
        c, look = self.canv, self.layout.look
        taken: list[tuple[float, float]] = []
        y = baseline + look.ascent + 1.4
        for mark in marks:
            if not line.start <= mark.start < line.end:
                continue  # the badge sits where the mark begins
            first = line.intervals(mark.start, mark.start + 1) or line.intervals(mark.start, mark.end)
            if not first:
                continue
            w = pdfmetrics.stringWidth(mark.badge, SANS_BOLD, BADGE_SIZE) + 2.6
            left = x + (first[0][1] - w if line.rtl else first[0][0])
            while any(left < b and a < left + w for a, b in taken):
                left = left - w - 0.8 if line.rtl else left + w + 0.8  # two marks start here: side by side
            taken.append((left, left + w))
            missed = mark.kind == MISSED
            c.saveState()
            c.setFillColor(colour("#4d4d4d" if missed else "#ffffff"))
            c.setStrokeColor(colour("#4d4d4d") if missed else ink(mark.category.colour))
            c.setLineWidth(0.6)
            c.roundRect(left, y, w, BADGE_SIZE + 1.2, 1.2, stroke=1, fill=1)
            c.setFillColor(colour("#ffffff" if missed else "#000000"))
            c.setFont(SANS_BOLD, BADGE_SIZE)
            c.drawString(left + 1.3, y + 1.35, mark.badge)
            c.restoreState()
