"""The page every worksheet is printed on: paper, margins, running header, "page X of Y" and the date.

"Page X of Y" needs the page count before the first page is finished, so the canvas keeps each page's state
and draws the header and footer on all of them at the end (ReportLab's usual two-step recipe).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from desktop_app import APP_NAME, __version__
from desktop_app.exporters.pdf.fonts import SANS, SANS_BOLD, safe_text
from desktop_app.exporters.pdf.lines import visual_text
from desktop_app.exporters.pdf.styles import GREY, RULE

PAPER = {"a4": A4, "letter": LETTER}
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 16 * mm, 20 * mm, 17 * mm


@dataclass(frozen=True)
class PageFurniture:
    """What is printed on every page around the content."""

    kind_label: str  # "Worksheet", "Annotated copy", "Answer key"
    article_title: str
    made_on: date
    teacher_copy: bool = False
    # "Lede · Feedback · Eastgate library": the title is part of the label (the classroom kinds), not set
    # apart after a gap (the worksheets, whose title is the article's).
    title_in_label: bool = False


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def english_date(day: date) -> str:
    """'25 November 2026'. Not strftime's %B: Qt sets the process locale, and a French lab computer would
    print 'novembre' in the middle of an English sheet."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _shorten(text: str, font: str, size: float, width: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = " ".join(text.split())
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def furnished_canvas(furniture: PageFurniture):
    """A Canvas class that adds ``furniture`` to every page once the page count is known."""

    class FurnishedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            # Otherwise every page starts in Helvetica, which then appears in the PDF as a font that is
            # not embedded (even though no text uses it).
            kwargs["initialFontName"] = SANS
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # the page-count recipe needs ReportLab's own

        def save(self) -> None:
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                self._furnish(total)
                super().showPage()
            super().save()

        def _furnish(self, total: int) -> None:
            width, height = self._pagesize  # type: ignore[attr-defined]
            right = width - MARGIN_X
            made = english_date(furniture.made_on)
            self.saveState()
            # Header: what this is, and for which article; the teacher copy says so on every page.
            y = height - MARGIN_TOP + 7 * mm
            label_width = 0.0
            if furniture.teacher_copy:
                label = "TEACHER COPY"
                self.setFont(SANS_BOLD, 9)
                label_width = self.stringWidth(label, SANS_BOLD, 9) + 8
                self.setLineWidth(1.2)
                self.rect(right - label_width, y - 3, label_width, 13, stroke=1, fill=0)
                self.drawRightString(right - 4, y + 0.5, label)
                label_width += 8
            self.setFont(SANS_BOLD, 8)
            self.setFillColor(GREY)
            kind = f"{APP_NAME} · {furniture.kind_label}" + (" · " if furniture.title_in_label else "")
            self.drawString(MARGIN_X, y, kind)
            kind_width = self.stringWidth(kind, SANS_BOLD, 8) + (0 if furniture.title_in_label else 10)
            self.setFont(SANS, 8)
            title = _shorten(safe_text(furniture.article_title), SANS, 8, right - MARGIN_X - kind_width - label_width)
            self.drawString(MARGIN_X + kind_width, y, visual_text(title))
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, y - 4, right, y - 4)
            # Footer: page X of Y in the middle, the date it was made on the right.
            y = MARGIN_BOTTOM - 9 * mm
            self.line(MARGIN_X, y + 10, right, y + 10)
            self.setFont(SANS, 8)
            self.drawCentredString(width / 2, y, f"Page {self._pageNumber} of {total}")  # type: ignore[attr-defined]
            self.drawRightString(right, y, f"Made {made}")
            self.drawString(MARGIN_X, y, f"{APP_NAME} {__version__}")
            self.restoreState()

    return FurnishedCanvas


def document(target, paper: str, furniture: PageFurniture, subject: str) -> BaseDocTemplate:
    size = PAPER[paper]
    doc = BaseDocTemplate(target, pagesize=size, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                          topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
                          title=safe_text(furniture.article_title) or furniture.kind_label,
                          author=APP_NAME, subject=subject, creator=f"{APP_NAME} {__version__}")
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="content",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    return doc
