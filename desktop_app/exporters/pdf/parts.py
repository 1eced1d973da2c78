"""Pieces several worksheets share: the article's heading, the legend of pen marks, and the article itself."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from desktop_app.core.articles import Article
from desktop_app.core.categories import CategorySet
from desktop_app.exporters.pdf.article_flow import (ArticleFlowable, ArticleLayout, ArticleLook, DrawnMark,
                                                    LineDecoration)
from desktop_app.exporters.pdf.cues import PEN_INSTRUCTIONS, colour, draw_cue_sample
from desktop_app.exporters.pdf.fonts import SANS, SANS_BOLD, choose_article_font
from desktop_app.exporters.pdf.styles import GREY, RULE, para, table_style


def article_heading(article: Article, width: float) -> list[Flowable]:
    """Title, then outlet · author · date: what a student needs to cite the article."""
    d = article.details
    byline = " · ".join(p for p in (d.outlet, d.author, d.published) if p.strip())
    out: list[Flowable] = [para(d.title or "Untitled article", "title", width=width)]
    if byline:
        out.append(para(byline, "byline", width=width))
    if d.url:
        out.append(para(d.url, "small", width=width))
    out.append(Spacer(1, 6))
    return out


class CueSample(Flowable):
    """A word with the category's cue drawn on it, as the legend shows it."""

    def __init__(self, cue: str, hex_colour: str, letter: str, tinted: bool) -> None:
        super().__init__()
        self.cue, self.hex_colour, self.letter, self.tinted = cue, hex_colour, letter, tinted
        self.width, self.height = 44, 14

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        word = "word"
        w = c.stringWidth(word, SANS, 9)
        x, baseline = 4, 4.5
        if self.tinted:
            c.setFillColor(colour(self.hex_colour, 0.26))
            c.rect(x, baseline - 2.2, w, 9, stroke=0, fill=1)
        c.setFillColor(colour("#000000"))
        c.setFont(SANS, 9)
        c.drawString(x, baseline, word)
        draw_cue_sample(c, self.cue, x, baseline, w, 6.8, self.hex_colour)
        c.setFont(SANS_BOLD, 8)
        c.drawString(x + w + 6, baseline, self.letter)


def legend(categories: CategorySet, width: float, *, for_pen: bool, counts: dict[str, int] | None = None) -> Table:
    """One row per category: its cue drawn on a word, its name and letter, and either what to do with a pen
    (blank worksheet) or how many marks it has (annotated copies)."""
    rows = []
    for cat in categories:
        what = PEN_INSTRUCTIONS.get(cat.cue, cat.cue)
        if for_pen:
            detail = f"{what[0].upper()}{what[1:]} and write {cat.letter} in the margin. {cat.question}"
        else:
            n = (counts or {}).get(cat.key, 0)
            detail = f"{n} mark{'s' if n != 1 else ''}. {cat.question}"
        rows.append([CueSample(cat.cue, cat.colour, cat.letter, tinted=not for_pen),
                     para(cat.name, "cell_head"), para(detail, "cell", width=width - 150)])
    table = Table(rows, colWidths=[50, 100, width - 150])
    table.setStyle(table_style(
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ))
    return table


def article_flow(article: Article, width: float, marks: list[DrawnMark], *, line_gap: float = 7.0,
                 size: float = 11.0, decoration: LineDecoration | None = None) -> ArticleFlowable:
    look = ArticleLook(font=choose_article_font(article.text), size=size, line_gap=line_gap)
    layout = ArticleLayout(article.text, article.direction == "rtl", look, width, marks, decoration)
    return ArticleFlowable(layout)


def heading(text: str, level: str = "h2") -> Paragraph:
    return para(text, level)


def heading_before_long(text: str, level: str = "h3") -> list[Flowable]:
    """A heading for something that may run over pages (the article, a long table). Not keepWithNext:
    ReportLab would then move the heading and everything after it to a fresh page, leaving this one
    half empty; a conditional page break keeps the heading from being stranded at the foot of a page."""
    return [CondPageBreak(90), para(text, f"{level}_free")]


def ruled_table(header: list[str], rows: int, width: float, first_column: float = 34,
                row_height: float = 24) -> Table:
    """An empty table to fill in by hand: a header row, then ruled rows tall enough for handwriting."""
    rest = (width - first_column) / max(1, len(header) - 1)
    widths = [first_column] + [rest] * (len(header) - 1)
    data = [[para(h, "cell_head") for h in header]] + [[""] * len(header) for _ in range(rows)]
    table = Table(data, colWidths=widths, rowHeights=[None] + [row_height] * rows, repeatRows=1)
    table.setStyle(table_style(
        ("BACKGROUND", (0, 0), (-1, 0), HexColor("#eeeeee")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, GREY),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.3, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, GREY),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
    ))
    return table
