"""The page every sheet is printed on: paper, margins, running header, "page X of Y" and the date.

"Page X of Y" needs the page count before the first page is finished, so the canvas keeps each page's state
and draws the header and footer on all of them at the end (ReportLab's usual two-step recipe). The same
recipe lets one PDF hold several sheets (a class's feedback book): a ``SheetStart`` at the head of each
sheet's story says whose pages follow, each sheet counts its own pages, and for two-sided printing a blank
page is put in wherever a sheet would otherwise start on the back of the one before.

The running header carries the sheet's kind and title on the left and, when the sheet is someone's, their
name on the right: a dropped stack of feedback sheets sorts back by any page. The answer key has a black
banner for a header and a pale diagonal watermark under every page's text, so it cannot pass for a student
copy on a photocopier. A blank worksheet repeats its pen-mark key above the footer of every page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from desktop_app import APP_NAME, __version__
from desktop_app.core.categories import CategorySet
from desktop_app.exporters.pdf.cues import draw_cue_sample
from desktop_app.exporters.pdf.fonts import SANS, SANS_BOLD, safe_text
from desktop_app.exporters.pdf.lines import isolated, own_line, sheet_rtl, visual_text
from desktop_app.exporters.pdf.sizes import NORMAL, PrintSizes
from desktop_app.exporters.pdf.styles import RULE
from desktop_app.i18n import N_, _, language, pgettext
from desktop_app.i18n.formats import current_locale, format_date
from desktop_app.resources import resource_path

PAPER = {"a4": A4, "letter": LETTER}
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 16 * mm, 20 * mm, 17 * mm
FURNITURE_INK = HexColor("#333333")
KEY_BANNER = N_("ANSWER KEY · TEACHER COPY")
WATERMARK = N_("ANSWER KEY — TEACHER COPY")
WATERMARK_SHADE = 222  # of 255: pale enough that black text over it reads, dark enough to photocopy
BLANK_BACK = N_("This page is left blank: the next sheet starts overleaf.")


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
    person: str = ""  # whose sheet this is (a student, whoever marked it): on the right of every header
    sizes: PrintSizes = NORMAL
    pen_key: CategorySet | None = None  # a blank worksheet's pen marks, repeated above every footer
    rtl: bool = field(default_factory=sheet_rtl)  # a right-to-left language: the furniture mirrored

    @property
    def key_rows(self) -> list[list]:
        """The pen-mark key laid out in rows that fit the narrower paper."""
        if not self.pen_key:
            return []
        room = min(size[0] for size in PAPER.values()) - 2 * MARGIN_X
        rows: list[list] = [[]]
        used = 0.0
        for cat in self.pen_key:
            w = _key_item_width(cat, self.sizes)
            if rows[-1] and used + w > room:
                rows.append([])
                used = 0.0
            rows[-1].append(cat)
            used += w
        return rows

    @property
    def bottom_room(self) -> float:
        """How much higher the content must stop above the footer to leave room for the pen-mark key."""
        rows = len(self.key_rows)
        return rows * self.sizes(13) + self.sizes(6) if rows else 0.0


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def english_date(day: date) -> str:
    """'25 November 2026'. Not strftime's %B: Qt sets the process locale, and a French lab computer would
    print 'novembre' in the middle of an English sheet."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def sheet_date(day: date) -> str:
    """A date as the sheets print it (made on, handed in, due), its month spelled out so that no class reads
    3/4 as 4/3: in English '25 November 2026', which reads the same in every English-speaking classroom;
    in another language its own long form (desktop_app.i18n.formats): '25 de noviembre de 2026'."""
    if language() in ("en", "pseudo"):
        return english_date(day)
    return format_date(day, "long")


def sheet_time(moment: datetime) -> str:
    """A time of day as the sheets print it: '14:05' in English (a school day in 24 hours, no AM/PM to
    misread); the language's own short form otherwise."""
    if language() in ("en", "pseudo"):
        return f"{moment:%H:%M}"
    from desktop_app.i18n.formats import babel_dates

    return babel_dates().format_time(moment, "short", locale=current_locale())


def _shorten(text: str, font: str, size: float, width: float) -> str:
    """One line of user text fitted to ``width`` (cut with "…") and in visual order."""
    text = " ".join(text.split())
    if stringWidth(text, font, size) > width:
        while text and stringWidth(text + "…", font, size) > width:
            text = text[:-1]
        text = text.rstrip() + "…"
    return visual_text(text)


def _key_item_width(cat, sizes: PrintSizes) -> float:
    return _sample_room(sizes) + stringWidth(_key_item(cat), SANS_BOLD, sizes.table) + sizes(14)


def _sample_room(sizes: PrintSizes) -> float:
    """Room for the sample word a pen mark is drawn on, before the mark's letter and name."""
    return max(sizes(34), stringWidth(_sample_word(), SANS, sizes.table) + sizes(10))


def _key_item(cat) -> str:
    """'S Source': a pen mark's letter and its category, in visual order."""
    return visual_text(safe_text(f"{cat.letter} {cat.name}"), True if sheet_rtl() else None)


def _sample_word() -> str:
    # Translators: the word a pen mark is drawn on in the worksheet's key (a box around it, a line under it).
    return own_line(pgettext("sample word under a pen mark", "word"))


class SheetStart(Flowable):
    """Put at the head of a sheet's story in a PDF of several sheets: the pages from here on are this
    sheet's (its header, its page count) and the PDF's outline gets an entry for it."""

    def __init__(self, number: int, furniture: PageFurniture, outline: str) -> None:
        super().__init__()
        self.number, self.furniture, self.outline = number, furniture, outline
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.lede_sheet = (self.number, self.furniture)  # type: ignore[attr-defined]  # FurnishedCanvas
        key = f"sheet-{self.number}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(safe_text(self.outline) or _("Sheet {number}").format(number=self.number), key,
                                  level=0)


def furnished_canvas(furniture: PageFurniture, *, duplex: bool = False):
    """A Canvas class that adds ``furniture`` to every page once the page count is known. With several
    sheets in one PDF (see ``SheetStart``) each has its own; ``duplex`` starts each on a right-hand page."""

    class FurnishedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            # Otherwise every page starts in Helvetica, which then appears in the PDF as a font that is
            # not embedded (even though no text uses it).
            kwargs["initialFontName"] = SANS
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict] = []
            self.lede_sheet: tuple[int, PageFurniture] = (0, furniture)

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # the page-count recipe needs ReportLab's own

        def save(self) -> None:
            pages_of = Counter(state["lede_sheet"][0] for state in self._saved_pages)
            printed, previous, number = 0, None, 0
            for state in self._saved_pages:
                sheet, sheet_furniture = state["lede_sheet"]
                if sheet != previous:
                    if duplex and printed % 2:
                        self._blank_back(sheet_furniture)
                        printed += 1
                    previous, number = sheet, 0
                number += 1
                self.__dict__.update(state)
                draw_furniture(self, sheet_furniture, number, pages_of[sheet])
                super().showPage()
                printed += 1
            super().save()

        def _blank_back(self, next_furniture: PageFurniture) -> None:
            width, height = self._pagesize  # type: ignore[attr-defined]
            self.setFont(SANS, next_furniture.sizes.furniture)
            self.setFillColor(FURNITURE_INK)
            self.drawCentredString(width / 2, height / 2, own_line(_(BLANK_BACK)))
            super().showPage()

    return FurnishedCanvas


def draw_furniture(c: Canvas, furniture: PageFurniture, number: int, total: int) -> None:
    width, height = c._pagesize  # type: ignore[attr-defined]
    sizes = furniture.sizes
    size = sizes.furniture
    right = width - MARGIN_X
    c.saveState()
    y = height - MARGIN_TOP + 7 * mm
    rtl = furniture.rtl
    # The start of a line is the left margin, or the right one on a right-to-left sheet: the kind and title
    # start there, the person's name is at the other end (as the footer's version and date are).
    start, end = (right, MARGIN_X) if rtl else (MARGIN_X, right)
    if furniture.teacher_copy:
        _key_banner(c, furniture, y, width)
    else:
        person_width = 0.0
        if furniture.person.strip():
            person = _shorten(safe_text(furniture.person), SANS_BOLD, sizes(10), (right - MARGIN_X) * 0.4)
            c.setFont(SANS_BOLD, sizes(10))
            c.setFillColor(HexColor("#000000"))
            _draw_end(c, rtl, end, y, person)
            person_width = stringWidth(person, SANS_BOLD, sizes(10)) + sizes(12)
        c.setFont(SANS_BOLD, size)
        c.setFillColor(FURNITURE_INK)
        kind = f"{APP_NAME} · {furniture.kind_label}"
        if rtl:  # the separator before the title drawn on its own: on the left whatever the label's letters
            kind = own_line(kind)
            _draw_start(c, rtl, start, y, kind)
            if furniture.title_in_label:
                _draw_start(c, rtl, start - stringWidth(kind, SANS_BOLD, size), y, " · ")
                kind += " · "
        else:
            kind += " · " if furniture.title_in_label else ""
            _draw_start(c, rtl, start, y, kind)
        kind_width = stringWidth(kind, SANS_BOLD, size) + (0 if furniture.title_in_label else sizes(10))
        c.setFont(SANS, size)
        room = right - MARGIN_X - kind_width - person_width
        title = _shorten(safe_text(furniture.article_title), SANS, size, room)
        _draw_start(c, rtl, start - kind_width if rtl else start + kind_width, y, title)
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(MARGIN_X, y - sizes(4), right, y - sizes(4))
    # Footer: page X of Y in the middle, the date it was made on the right.
    y = MARGIN_BOTTOM - 9 * mm
    c.line(MARGIN_X, y + size + sizes(2), right, y + size + sizes(2))
    c.setFont(SANS, size)
    c.setFillColor(FURNITURE_INK)
    c.drawCentredString(width / 2, y, own_line(_("Page {number} of {total}").format(number=number, total=total)))
    # Translators: the footer of every sheet: the day it was printed ("Made 25 November 2026").
    _draw_end(c, rtl, end, y, own_line(_("Made {date}").format(date=isolated(sheet_date(furniture.made_on)))))
    _draw_start(c, rtl, start, y, f"{APP_NAME} {__version__}")
    if furniture.pen_key:
        _pen_key(c, furniture, y + size + sizes(6))
    c.restoreState()


def _draw_start(c: Canvas, rtl: bool, x: float, y: float, text: str) -> None:
    """``text`` starting at ``x``: to its right, or on a right-to-left sheet to its left."""
    if rtl:
        c.drawRightString(x, y, text)
    else:
        c.drawString(x, y, text)


def _draw_end(c: Canvas, rtl: bool, x: float, y: float, text: str) -> None:
    """``text`` ending at ``x``, the far end of the line: the right margin, or the left on a right-to-left sheet."""
    _draw_start(c, not rtl, x, y, text)


def _key_banner(c: Canvas, furniture: PageFurniture, y: float, width: float) -> None:
    """A black bar across the head of the page, white letters: no student copy has one."""
    sizes = furniture.sizes
    right = width - MARGIN_X
    rtl = furniture.rtl
    c.setFillColor(HexColor("#000000"))
    c.rect(MARGIN_X, y - sizes(4.5), right - MARGIN_X, sizes(16), stroke=0, fill=1)
    c.setFillColor(HexColor("#ffffff"))
    c.setFont(SANS_BOLD, sizes(10))
    banner = own_line(_(KEY_BANNER))
    _draw_start(c, rtl, right - sizes(5) if rtl else MARGIN_X + sizes(5), y, banner)
    used = stringWidth(banner, SANS_BOLD, sizes(10)) + sizes(20)
    c.setFont(SANS, sizes.furniture)
    title = _shorten(safe_text(furniture.article_title), SANS, sizes.furniture, right - MARGIN_X - used - sizes(5))
    _draw_end(c, rtl, MARGIN_X + sizes(5) if rtl else right - sizes(5), y, title)


def draw_watermark(c: Canvas, furniture: PageFurniture) -> None:
    """The answer key's diagonal watermark, drawn first on each page so the text and marks lie over it.

    A picture of the words, not text: as text, its letters would land in the page's text layer among the
    article's words (a copy and paste, a screen reader and pdftotext would all read "KE Y" mid-sentence)."""
    width, height = c._pagesize  # type: ignore[attr-defined]
    size = 44.0
    words = own_line(_(WATERMARK))
    length = stringWidth(words, SANS_BOLD, size)
    room = (width ** 2 + height ** 2) ** 0.5 * 0.8
    if length > room:
        size, length = size * room / length, room
    c.saveState()
    c.translate(width / 2, height / 2)
    c.rotate(54 if height > width else 36)
    c.drawImage(_watermark_picture(words), -length / 2, -size * 0.5, length, size * 1.2)
    c.restoreState()


@cache
def _watermark_picture(words: str) -> ImageReader:
    """The watermark's ``words`` (in visual order: Pillow draws them as given) in pale grey on white, at 150 dpi
    for a 44 pt size (drawn scaled to fit)."""
    from PIL import Image, ImageDraw, ImageFont  # Pillow: ReportLab's own dependency for pictures

    scale = 150 / 72
    font = ImageFont.truetype(str(resource_path("fonts", "DejaVuSans-Bold.ttf")), round(44 * scale))
    left, top, right, bottom = font.getbbox(words)
    height = round(44 * 1.2 * scale)
    picture = Image.new("L", (int(right - left), height), 255)
    ImageDraw.Draw(picture).text((-left, (height - (bottom - top)) / 2 - top), words, font=font,
                                 fill=WATERMARK_SHADE)
    return ImageReader(picture)


def _pen_key(c: Canvas, furniture: PageFurniture, top: float) -> None:
    """The pen marks of the blank worksheet, one sample word each, in rows just above the footer."""
    sizes = furniture.sizes
    size = sizes.table
    rows = furniture.key_rows
    y = top + (len(rows) - 1) * sizes(13)
    word = _sample_word()
    w = stringWidth(word, SANS, size)
    page_width = c._pagesize[0]  # type: ignore[attr-defined]
    for row in rows:
        x = page_width - MARGIN_X if furniture.rtl else MARGIN_X  # where the row starts
        for cat in row:
            item = _key_item_width(cat, sizes)
            left = x - item if furniture.rtl else x  # the item's own left edge
            word_x = x - sizes(2) - w if furniture.rtl else x + sizes(2)
            c.setFillColor(HexColor("#000000"))
            c.setFont(SANS, size)
            c.drawString(word_x, y, word)
            draw_cue_sample(c, cat.cue, word_x, y, w, size * 0.75, cat.colour)
            c.setFont(SANS_BOLD, size)
            if furniture.rtl:
                c.drawRightString(x - _sample_room(sizes), y, _key_item(cat))
            else:
                c.drawString(left + _sample_room(sizes), y, _key_item(cat))
            x = left if furniture.rtl else x + item
        y -= sizes(13)


def document(target, paper: str, furniture: PageFurniture, subject: str, title: str = "") -> BaseDocTemplate:
    size = PAPER[paper]
    bottom = MARGIN_BOTTOM + furniture.bottom_room
    doc = BaseDocTemplate(target, pagesize=size, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                          topMargin=MARGIN_TOP, bottomMargin=bottom,
                          title=title or safe_text(furniture.article_title) or furniture.kind_label,
                          author=APP_NAME, subject=subject, creator=f"{APP_NAME} {__version__}")
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="content",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    under = (lambda canvas, _doc: draw_watermark(canvas, furniture)) if furniture.teacher_copy else None
    template = PageTemplate(id="page", frames=[frame], onPage=under) if under else \
        PageTemplate(id="page", frames=[frame])
    doc.addPageTemplates([template])
    return doc
