"""Each mark's note in the right margin, beside the line its mark starts on (annotated copy, answer key).

Notes are placed page by page, as each page's piece of the article is drawn: a note is set in the margin's
width and placed level with its line, or just below the note before it, and it fits when it ends within
``WINDOW_LINES`` lines of its own (so it still reads as that line's note) and on the same page. One that
does not fit leaves a pointer ("S3 see table") and its mark goes to the table after the article, which is
made once the article is drawn (``parts.Later``) and so knows which notes found room.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics

from desktop_app.exporters.pdf.cues import colour, ink
from desktop_app.exporters.pdf.fonts import SANS, SANS_BOLD, FontChoice
from desktop_app.exporters.pdf.lines import LineBreaker, PrintedLine, own_line
from desktop_app.exporters.pdf.sizes import PrintSizes
from desktop_app.i18n import N_, _

WINDOW_LINES = 4  # a note ends beside its own line or the next three, or it goes to the table
# Translators: in the margin beside a mark's badge, when its note is too long for the margin ("S3 see table").
SEE_TABLE = N_("see table")
NO_NOTE = N_("(no note)")
MIN_MARGIN = 90.0  # points of margin (at normal size) below which no note is put there at all


@dataclass(frozen=True)
class NoteRequest:
    """A note that asks for the margin: its badge, its text, and the row its mark starts on."""

    key: object  # the caller's handle on the mark (the DrawnMark itself)
    row: int
    badge: str
    text: str
    bonus: bool = False


class MarginNotes:
    """The notes that ask for the margin, and which of them have been printed there so far."""

    def __init__(self, requests: Sequence[NoteRequest], width: float, sizes: PrintSizes, *,
                 mirrored: bool = False) -> None:
        """``mirrored``: the margin is left of the article (a right-to-left sheet): each badge on the margin's
        right, next to the article, and its note flush right before it."""
        self.sizes = sizes
        self.mirrored = mirrored
        self.size = sizes.table
        self.leading = sizes.table * 1.2
        self.badge_width = pdfmetrics.stringWidth("S88", SANS_BOLD, sizes.badge) + sizes(6)
        self.text_width = width - self.badge_width
        self.usable = width >= sizes(MIN_MARGIN)
        self.by_row: dict[int, list[NoteRequest]] = {}
        for request in requests:
            self.by_row.setdefault(request.row, []).append(request)
        self._breaker = LineBreaker(FontChoice(SANS, SANS_BOLD), self.size, max(self.text_width, 20.0))
        self._in_margin: set[int] = set()

    def in_margin(self, key: object) -> bool:
        """True when the note of the mark ``key`` has been printed in the margin (not in the table)."""
        return id(key) in self._in_margin

    def draw_piece(self, canvas, x: float, first_row: int, heights: Sequence[float], piece_top: float) -> None:
        """Places and draws the notes of one page's piece of the article: rows ``first_row`` on, of
        ``heights``, the first row's top at ``piece_top`` on the page."""
        if not self.usable:
            return
        tops, y = [], 0.0
        for h in heights:
            tops.append(y)
            y += h
        gap = self.sizes(3)
        below = -gap
        for offset in range(len(heights)):
            for request in self.by_row.get(first_row + offset, ()):
                last = min(len(heights), offset + WINDOW_LINES) - 1
                window_bottom = tops[last] + heights[last]
                top = max(tops[offset] + self.sizes(1), below + gap)
                lines = self._breaker.lines(request.text or _(NO_NOTE), rtl=False)
                height = len(lines) * self.leading
                if top + height > window_bottom:
                    lines, height = [], self.leading  # the pointer to the table: one line
                    if top + height > window_bottom:
                        continue  # crowded out altogether: the table has it
                self._draw_note(canvas, request, lines, x, piece_top - top)
                if lines:
                    self._in_margin.add(id(request.key))
                below = top + height

    def _draw_note(self, canvas, request: NoteRequest, lines: list[PrintedLine], x: float, top: float) -> None:
        sizes = self.sizes
        badge_size = sizes.badge
        w = pdfmetrics.stringWidth(request.badge, SANS_BOLD, badge_size) + sizes(2.6)
        baseline = top - self.size * 0.9
        badge_x, text_x = (x + self.text_width + self.badge_width - w, x) if self.mirrored else \
            (x, x + self.badge_width)
        canvas.saveState()
        canvas.setLineWidth(0.8 if request.bonus else 0.6)
        canvas.setStrokeColor(ink("#333333"))
        if request.bonus:
            canvas.setDash(1.6, 1.2)
        canvas.setFillColor(colour("#ffffff"))
        canvas.roundRect(badge_x, baseline - sizes(1.2), w, badge_size + sizes(1.6), 1.2, stroke=1, fill=1)
        canvas.setFillColor(colour("#000000"))
        canvas.setFont(SANS_BOLD, badge_size)
        canvas.drawString(badge_x + sizes(1.3), baseline, request.badge)
        canvas.setFont(SANS, self.size)
        if not lines:
            pointer = own_line(_(SEE_TABLE))
            if self.mirrored:
                canvas.drawRightString(text_x + self.text_width, baseline, pointer)
            else:
                canvas.drawString(text_x, baseline, pointer)
        for line in lines:
            left = text_x + (self.text_width - line.width if line.rtl or self.mirrored else 0.0)
            canvas.drawString(left, baseline, line.visual)
            baseline -= self.leading
        canvas.restoreState()
