"""The article set for print: its lines, the marks on each line, and where pages may break.

``ArticleLayout`` sets the article once (see ``lines.py``) in the column every sheet shares, sorts the marks
onto the lines they touch and gives each its lane, and knows the height of every row it prints. An excerpt
(the feedback sheet) prints only the lines its marks touch, with context either side. A page never breaks
with fewer than two lines of a paragraph (or of an excerpt's stretch) on either side of it (``good_cut``).
The flowable that draws it is in ``article_flow.py``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Protocol

from desktop_app.core.categories import Category
from desktop_app.core.spans import assign_lanes
from desktop_app.exporters.pdf.cues import LANE_GAP
from desktop_app.exporters.pdf.fonts import FontChoice
from desktop_app.exporters.pdf.lines import LineBreaker, PrintedLine
from desktop_app.exporters.pdf.margin_notes import MarginNotes, NoteRequest
from desktop_app.exporters.pdf.sizes import NORMAL, PrintSizes

TINT_ALPHA = 0.26
BADGE_ROOM = 8.5  # above the letters, where badges sit (at normal size)
LINE_NUMBER_EVERY = 5
MISSED_GREY = "#666666"
ELISION = 9.0  # the height of the dotted rule that stands for lines an excerpt leaves out
MIN_LINES_AT_BREAK = 2  # of one paragraph, on each side of a page break

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
    bonus: bool = False  # a bonus key mark: its badge has a dashed outline
    note: str | None = None  # for the margin, when the layout puts notes there (None: this mark has none to put)


class LineDecoration(Protocol):
    """Paints under one printed line before its marks and text (and may write in the notes margin)."""

    def draw_line(self, canvas, layout: ArticleLayout, index: int, x: float, baseline: float) -> None: ...


@dataclass(frozen=True)
class ArticleLook:
    """How the article is set: its font, the print size, and the room between lines (at normal size)."""

    font: FontChoice
    sizes: PrintSizes = NORMAL
    spacing: float = 7.0  # empty space between lines, for pens as well as eyes
    paragraph_spacing: float = 5.0
    # A right-to-left sheet: the line numbers on the right of the column and the notes margin on its left.
    # The article's own lines keep their direction (an English article on a Hebrew worksheet runs left to right).
    mirrored: bool = False

    @property
    def size(self) -> float:
        return self.sizes.article

    @property
    def gutter(self) -> float:
        return self.sizes.gutter

    # The article's column is the same on every kind of sheet and both papers, so it breaks into the same
    # lines everywhere: "line 14" on a student's paper worksheet is line 14 on the answer key. What the
    # page has beyond it is a margin for notes (a student's, or a teacher's), set off by a faint rule.
    @property
    def text_width(self) -> float:
        return self.sizes.article_column

    @property
    def line_gap(self) -> float:
        return self.sizes(self.spacing)

    @property
    def paragraph_gap(self) -> float:
        return self.sizes(self.paragraph_spacing)

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
    """The article set into lines for one text width, with its marks sorted onto the lines they touch.

    ``rows`` are the lines printed, in order: all of them, or for an excerpt those near a mark. The
    flowable counts in rows; a row's line is ``lines[rows[p]]``."""

    def __init__(self, text: str, rtl: bool, look: ArticleLook, width: float, marks: list[DrawnMark],
                 decoration: LineDecoration | None = None, *, margin_notes: bool = False,
                 excerpt_context: int | None = None) -> None:
        self.look = look
        self.decoration = decoration
        self.text_width = min(look.text_width, width - look.gutter)
        self.notes_margin = width - look.gutter - self.text_width
        # Where things are across the frame, from its left: the column of text, its line numbers' edge nearest
        # the text, and the notes margin (which starts a little away from the column, after a faint rule).
        self.text_x = self.notes_margin if look.mirrored else look.gutter
        self.margin_rule_x = self.text_x - look.sizes(10) if look.mirrored else \
            look.gutter + self.text_width + look.sizes(10)
        self.margin_x = 0.0 if look.mirrored else self.margin_rule_x + look.sizes(6)
        self.breaker = LineBreaker(look.font, look.size, self.text_width)
        self.lines = _set_lines(self.breaker, text, rtl)
        self.marks = sorted(marks, key=lambda m: (m.start, -m.end))
        lanes = assign_lanes([(m.start, m.end) for m in self.marks])
        self.lane = {id(m): lane for m, lane in zip(self.marks, lanes, strict=True)}
        self.on_line: list[list[DrawnMark]] = [[] for _ in self.lines]
        self._sort_onto_lines()
        # Every line keeps room for a badge once the article has any mark: even spacing reads calmer than
        # lines that jump apart wherever a mark begins.
        self.badge_room = look.sizes(BADGE_ROOM) if self.marks else 0.0
        self.rows = self._excerpt(excerpt_context) if excerpt_context is not None else list(range(len(self.lines)))
        self.elided_before = {p for p, i in enumerate(self.rows) if i != (self.rows[p - 1] + 1 if p else 0)}
        self.elision = look.sizes(ELISION)
        # Worked out once: every piece the flowable is split into at a page break reads its rows' heights.
        self.heights = [self.line_height(i) + (self.elision if p in self.elided_before else 0.0)
                        for p, i in enumerate(self.rows)]
        self._paragraph_runs()
        self.group_start, self.group_end = _stretches(len(self.rows), self.elided_before)
        self.notes = self._margin_notes() if margin_notes else None

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

    def _excerpt(self, context: int) -> list[int]:
        keep: set[int] = set()
        for i, marks in enumerate(self.on_line):
            if marks:
                keep.update(range(max(0, i - context), min(len(self.lines), i + context + 1)))
        return sorted(keep)

    def _paragraph_runs(self) -> None:
        """For each row, the first and one-past-last row of its run: its paragraph's lines printed one after
        another (an excerpt may print a paragraph in pieces)."""
        starts = {p for p, i in enumerate(self.rows) if p in self.elided_before or self.lines[i].gap_before}
        self.run_start, self.run_end = _stretches(len(self.rows), starts)

    def _margin_notes(self) -> MarginNotes:
        row_of_line = {i: p for p, i in enumerate(self.rows)}
        starts = [line.start for line in self.lines]
        requests = []
        for m in self.marks:
            if m.note is None:
                continue
            line = max(0, bisect_right(starts, m.start) - 1)
            if line in row_of_line:
                requests.append(NoteRequest(m, row_of_line[line], m.badge, m.note, m.bonus))
        margin = self.notes_margin - self.look.sizes(16)
        return MarginNotes(requests, margin, self.look.sizes, mirrored=self.look.mirrored)

    def in_margin(self, mark: DrawnMark) -> bool:
        """True when ``mark``'s note was printed in the margin beside its line (known once it is drawn)."""
        return self.notes is not None and self.notes.in_margin(mark)

    def line_height(self, i: int) -> float:
        look = self.look
        marks = self.on_line[i]
        lanes = 1 + max((self.lane[id(m)] for m in marks), default=0) if marks else 0
        return self.badge_room + look.ascent + look.descent + look.line_gap \
            + max(0, lanes - 1) * look.sizes(LANE_GAP) + (look.paragraph_gap if self.lines[i].gap_before else 0.0)

    def good_cut(self, cut: int) -> int:
        """Where to break the page at or before row ``cut``: at least two lines of a paragraph (and of an
        excerpt's stretch) on each side; 0 when there is no such place."""
        while True:
            moved = self._keep_lines(cut)
            if moved == cut:
                return cut
            cut = moved

    def _keep_lines(self, cut: int) -> int:
        """Moves ``cut`` back until it leaves two lines of a paragraph on each side (and of an excerpt's
        stretch of lines: a line of context alone at the foot of a page says nothing)."""
        for starts, ends in ((self.run_start, self.run_end), (self.group_start, self.group_end)):
            if 0 < cut < len(self.rows) and starts[cut] == starts[cut - 1]:
                start, end = starts[cut], ends[cut]
                if end - cut < MIN_LINES_AT_BREAK:
                    cut = end - MIN_LINES_AT_BREAK
                if cut - start < MIN_LINES_AT_BREAK:
                    cut = start
        return cut


def _stretches(count: int, starts: set[int]) -> tuple[list[int], list[int]]:
    """For each of ``count`` rows, the first row of its stretch and one past its last, where stretches begin
    at row 0 and at each row in ``starts``."""
    first: list[int] = []
    for p in range(count):
        first.append(p if p == 0 or p in starts else first[p - 1])
    end = [0] * count
    for p in range(count - 1, -1, -1):
        end[p] = p + 1 if p == count - 1 or p + 1 in starts else end[p + 1]
    return first, end
