"""User text in a table cell, set by Lede's own line breaker (lines.py) and drawn line by line.

A table measures each row's cells, measures them again when it splits at a page break, and again to draw
them; for a ReportLab Paragraph each time is a full pass of its line breaking, and that was the most costly
part of a class's feedback sheets. ``TextBlock`` sets its text once per width and keeps the lines: the same
greedy breaking on the fonts' advance widths that sets the article, with the same bidi and Arabic joining, so
a cell of Hebrew or Arabic reads right as well. An optional bold label ("Your note:") opens the first line.
It does not split: it is for table cells, whose rows never split either (see rows.rows_table for the rows too
tall for a page, which are printed full width as Paragraphs).
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop_app.exporters.pdf.fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD, FontChoice, choose_article_font
from desktop_app.exporters.pdf.lines import LineBreaker, PrintedLine, paragraph_is_rtl, sheet_rtl, visual_text
from desktop_app.exporters.pdf.styles import style

_BREAKERS: dict[tuple[FontChoice, float, float], LineBreaker] = {}


def _breaker(font: FontChoice, size: float, width: float) -> LineBreaker:
    """One breaker per font, size and width: their cache of character widths is what makes them quick."""
    key = (font, size, round(width, 2))
    found = _BREAKERS.get(key)
    if found is None:
        if len(_BREAKERS) > 64:
            _BREAKERS.clear()
        found = _BREAKERS[key] = LineBreaker(font, size, width)
    return found


class TextBlock(Flowable):
    """``text`` in the font and size of the paragraph style ``style_name``, after an optional bold ``label``."""

    def __init__(self, text: str, style_name: str = "cell", label: str = "") -> None:
        super().__init__()
        st = style(style_name)
        self.text = text
        self.size, self.leading = st.fontSize, st.leading
        serif = st.fontName in (SERIF, SERIF_BOLD)
        # DejaVu Serif has no Hebrew or Arabic: such text is set in the sans, as in a Paragraph (styles.para).
        self.font = choose_article_font(text) if serif else FontChoice(SANS, SANS_BOLD)
        self.rtl = paragraph_is_rtl(text)
        # On a right-to-left sheet every line is flush right (the text keeps its own direction) and the label,
        # Lede's own, is set right to left.
        self.flush_right = sheet_rtl()
        self.label = visual_text(label, True if self.flush_right else None) if label else ""
        # A label opens the first line; before right-to-left text, or on a right-to-left sheet, it has a line of
        # its own.
        self.own_line = self.rtl or self.flush_right
        self.label_width = stringWidth(self.label + " ", SANS_BOLD, self.size) if label else 0.0
        self._set_for: float | None = None
        self._lines: list[PrintedLine] = []

    def _set(self, width: float) -> list[PrintedLine]:
        if self._set_for != width:
            indent = self.label_width if self.label and not self.own_line else 0.0
            self._lines = _breaker(self.font, self.size, max(width, 10.0)).lines(self.text, self.rtl, indent)
            self._set_for = width
        return self._lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        lines = len(self._set(avail_width)) or 1
        if self.label and self.own_line:
            lines += 1
        self.width, self.height = avail_width, lines * self.leading
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        lines = self._set(self.width)
        baseline = self.height - self.size
        c.setFillColorRGB(0, 0, 0)
        indent = 0.0
        if self.label:
            c.setFont(SANS_BOLD, self.size)
            if self.flush_right:
                c.drawRightString(self.width, baseline, self.label)
            else:
                c.drawString(0, baseline, self.label)
            if self.own_line:
                baseline -= self.leading
            else:
                indent = self.label_width
        c.setFont(self.font.name, self.size)
        for n, line in enumerate(lines):
            x = self.width - line.width if line.rtl or self.flush_right else (indent if n == 0 else 0.0)
            c.drawString(x, baseline, line.visual)
            baseline -= self.leading
