"""Pieces several worksheets share: the article's heading, the legend of pen marks, and the article itself."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from desktop_app.core.articles import Article
from desktop_app.core.categories import CategorySet
from desktop_app.exporters.pdf.article_flow import ArticleFlowable
from desktop_app.exporters.pdf.article_layout import ArticleLayout, ArticleLook, DrawnMark, LineDecoration
from desktop_app.exporters.pdf.cues import colour, draw_cue_sample, pen_instruction
from desktop_app.exporters.pdf.fonts import SANS, SANS_BOLD, choose_article_font
from desktop_app.exporters.pdf.lines import own_line, sheet_rtl
from desktop_app.exporters.pdf.sizes import current, printing_at
from desktop_app.exporters.pdf.styles import GREY, RULE, para, sheet_table, style
from desktop_app.i18n import _, ngettext, pgettext


def article_heading(article: Article, width: float) -> list[Flowable]:
    """Title, then outlet · author · date: what a student needs to cite the article."""
    d = article.details
    byline = " · ".join(p for p in (d.outlet, d.author, d.published) if p.strip())
    out: list[Flowable] = [para(d.title, "title", width=width, data=True) if d.title
                           else para(_("Untitled article"), "title", width=width)]
    if byline:
        out.append(para(byline, "byline", width=width, data=True))
    if d.url:
        out.append(para(d.url, "small", width=width, data=True))
    out.append(Spacer(1, current()(6)))
    return out


class CueSample(Flowable):
    """A word with the category's cue drawn on it, as the legend shows it."""

    def __init__(self, cue: str, hex_colour: str, letter: str, tinted: bool, fill: str = "") -> None:
        super().__init__()
        self.cue, self.hex_colour, self.letter, self.tinted = cue, hex_colour, letter, tinted
        self.fill = fill or hex_colour  # the tint's own colour (Category.fill), when it is not the line's
        self.sizes = current()
        self.rtl = sheet_rtl()
        # Translators: the word a pen mark is drawn on in a legend (a box around it, a line under it).
        self.word = own_line(pgettext("sample word under a pen mark", "word"))
        sizes = self.sizes
        # As wide as the word, its letter and the gaps need: a translated word may be longer than "word".
        needed = sizes(4) + stringWidth(self.word, SANS, sizes.table) + sizes(5) \
            + stringWidth(letter, SANS_BOLD, sizes.table) + sizes(4)
        self.width, self.height = max(sizes(44), needed), sizes(14)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, sizes = self.canv, self.sizes
        word, size = self.word, sizes.table
        w = c.stringWidth(word, SANS, size)
        letter_width = c.stringWidth(self.letter, SANS_BOLD, size)
        x, baseline = sizes(4), sizes(4.5)
        if self.rtl:  # the word against the right edge, its letter to its left
            x = self.width - sizes(4) - w
        if self.tinted:
            c.setFillColor(colour(self.fill, 0.26))
            c.rect(x, baseline - size * 0.24, w, size, stroke=0, fill=1)
        c.setFillColor(colour("#000000"))
        c.setFont(SANS, size)
        c.drawString(x, baseline, word)
        draw_cue_sample(c, self.cue, x, baseline, w, size * 0.75, self.hex_colour)
        c.setFont(SANS_BOLD, size)
        c.drawString(x - sizes(5) - letter_width if self.rtl else x + w + sizes(5), baseline, self.letter)


class BadgeSample(Flowable):
    """A badge as the article draws it, for a legend: solid outline (required) or dashed (bonus), or the
    dark badge of a key passage a student missed."""

    def __init__(self, label: str, dashed: bool = False, dark: bool = False) -> None:
        super().__init__()
        self.label, self.dashed, self.dark = label, dashed, dark
        self.sizes = current()
        self.rtl = sheet_rtl()
        self.width, self.height = self.sizes(44), self.sizes(14)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, sizes = self.canv, self.sizes
        size = sizes.badge
        w = c.stringWidth(self.label, SANS_BOLD, size) + sizes(2.6)
        left = self.width - sizes(4) - w if self.rtl else sizes(4)
        c.saveState()
        c.setLineWidth(0.8 if self.dashed else 0.6)
        if self.dashed:
            c.setDash(1.6, 1.2)
        c.setStrokeColor(colour("#333333"))
        c.setFillColor(colour("#4d4d4d" if self.dark else "#ffffff"))
        c.roundRect(left, sizes(3), w, size + sizes(1.6), 1.2, stroke=1, fill=1)
        c.setFillColor(colour("#ffffff" if self.dark else "#000000"))
        c.setFont(SANS_BOLD, size)
        c.drawString(left + sizes(1.3), sizes(3) + sizes(1.5), self.label)
        c.restoreState()


def legend(categories: CategorySet, width: float, *, for_pen: bool, counts: dict[str, int] | None = None) -> Table:
    """One row per category: its cue drawn on a word, its name and letter, and either what to do with a pen
    (blank worksheet) or how many marks it has (annotated copies)."""
    sizes = current()
    name_width = sizes(100)
    samples = [CueSample(cat.cue, cat.colour, cat.letter, tinted=not for_pen, fill=cat.fill) for cat in categories]
    sample_width = max([sizes(50)] + [sample.width + sizes(6) for sample in samples])
    fixed = sample_width + name_width
    rows = []
    for cat, sample in zip(categories, samples, strict=True):
        if for_pen:
            detail = pen_instruction(cat.cue, cat.letter)
        else:
            n = (counts or {}).get(cat.key, 0)
            detail = ngettext("{count} mark.", "{count} marks.", n).format(count=n)
        detail = f"{detail} {cat.question}" if cat.question else detail  # two sentences, one after the other
        rows.append([sample, para(cat.name, "cell_head", width=name_width), para(detail, "cell", width=width - fixed)])
    return sheet_table(
        rows, [sample_width, name_width, width - fixed],
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    )


def article_flow(article: Article, width: float, marks: list[DrawnMark], *, line_gap: float = 7.0,
                 decoration: LineDecoration | None = None, margin_notes: bool = False,
                 excerpt_context: int | None = None) -> ArticleFlowable:
    """The article at the print size in force; ``line_gap`` at normal size (it grows with large print).
    ``margin_notes``: each mark's ``note`` beside its line; ``excerpt_context``: only the lines the marks
    touch, with this many lines either side."""
    look = ArticleLook(font=choose_article_font(article.text), sizes=current(), spacing=line_gap,
                       mirrored=sheet_rtl())
    layout = ArticleLayout(article.text, article.direction == "rtl", look, width, marks, decoration,
                           margin_notes=margin_notes, excerpt_context=excerpt_context)
    return ArticleFlowable(layout)


class Later(Flowable):
    """Flowables made only when the layout reaches this point, after everything before it is drawn: the
    annotated copy's table of notes that found no room in the margin is known only then. Made at the
    print size in force when this was made."""

    def __init__(self, make: Callable[[], list[Flowable]]) -> None:
        super().__init__()
        self.make: Callable[[], list[Flowable]] | None = make
        self.sizes = current()
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.make is not None:
            with printing_at(self.sizes):
                made = self.make()
            self.make = None
            # What ReportLab's own DocIf does: the frame puts these next in the story.
            self.canv._doctemplate.frame.add_generated_content(*made)  # type: ignore[attr-defined]
        return 0, 0

    def draw(self) -> None:
        pass


def heading(text: str, level: str = "h2") -> Paragraph:
    return para(text, level)


def heading_before_long(text: str, level: str = "h3") -> list[Flowable]:
    """A heading for something that may run over pages (the article, a long table). Not keepWithNext:
    ReportLab would then move the heading and everything after it to a fresh page, leaving this one
    half empty; a conditional page break keeps the heading from being stranded at the foot of a page."""
    return [CondPageBreak(current()(90)), para(text, f"{level}_free")]


CELL_PADDING = 6  # ReportLab's default left and right padding of a table cell, which the sheets keep


def ruled_table(header: list[str], rows: int, width: float, first_column: float | None = None,
                row_height: float = 24) -> Table:
    """An empty table to fill in by hand: a header row, then ruled rows tall enough for handwriting
    (``row_height`` and ``first_column`` at normal size; large print leaves bigger rows for bigger writing)."""
    sizes = current()
    if first_column is None:
        # The line-number column: narrow, but never narrower than its header in the language in force ("Line"
        # fits 34 pt; the Hebrew "שורה" broke over two lines), with the cell's padding either side and the 4 pt
        # the right-to-left line breaker keeps spare (styles._visual_lines).
        head = style("cell_head")
        first_column = max(sizes(34), stringWidth(header[0], head.fontName, head.fontSize) + 2 * CELL_PADDING + 5)
    row_height = sizes(row_height)
    rest = (width - first_column) / max(1, len(header) - 1)
    widths = [first_column] + [rest] * (len(header) - 1)
    data = [[para(h, "cell_head") for h in header]] + [[""] * len(header) for _ in range(rows)]
    return sheet_table(
        data, widths,
        ("BACKGROUND", (0, 0), (-1, 0), HexColor("#eeeeee")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, GREY),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.3, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, GREY),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        rowHeights=[None] + [row_height] * rows, repeatRows=1)
