"""The blank worksheet: the article for pen and paper, with the legend of pen marks and tables to fill in."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from desktop_app.core.articles import Article
from desktop_app.core.categories import CategorySet
from desktop_app.exporters.pdf.parts import (article_flow, article_heading, heading, heading_before_long, legend,
                                             ruled_table)
from desktop_app.exporters.pdf.styles import GREY, para, table_style

INSTRUCTIONS = (
    "Read the whole article once before you mark anything.",
    "Read it again with a pen. Mark each passage with the pen mark from the key below, write its letter in "
    "the margin, and a few words on why.",
    "Fill in the tables at the end. “Line” is the number in the article’s left margin.",
)


def name_lines(width: float) -> Table:
    """Name / Class / Date, with lines to write on."""
    table = Table([["Name", "", "Class", "", "Date", ""]],
                  colWidths=[32, width * 0.46 - 32, 32, width * 0.22 - 32, 30, width * 0.32 - 30],
                  rowHeights=[20])
    table.setStyle(table_style(
        ("FONT", (0, 0), (-1, -1), "LedeSans-Bold", 9),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, 0), 0.6, GREY),
        ("LINEBELOW", (3, 0), (3, 0), 0.6, GREY),
        ("LINEBELOW", (5, 0), (5, 0), 0.6, GREY),
        ("RIGHTPADDING", (1, 0), (-1, -1), 10),
    ))
    return table


def blank_story(article: Article, categories: CategorySet, width: float) -> list[Flowable]:
    story: list[Flowable] = [name_lines(width), Spacer(1, 10)]
    story += article_heading(article, width)
    story.append(heading("What to do", "h3"))
    for n, line in enumerate(INSTRUCTIONS, 1):
        story.append(para(f"{n}. {line}", "body", width=width))
    story.append(Spacer(1, 6))
    story.append(legend(categories, width, for_pen=True))
    story.append(Spacer(1, 10))
    story += heading_before_long("The article")
    story.append(article_flow(article, width, [], line_gap=10.0))
    story.append(CondPageBreak(200))
    story.append(heading("What you found"))
    for n, cat in enumerate(categories, 1):
        section = cat.worksheet_section
        story.append(KeepTogether([
            heading(f"{n}. {cat.name} ({cat.letter})", "h3"),
            para(section.prompt, "prompt", width=width),
            ruled_table(list(section.columns), section.rows, width),
        ]))
    story.append(KeepTogether([
        heading("Looking at the whole article", "h3"),
        para("Whose voice is missing from this article? What would you ask them, and how could you find out "
             "if the article is fair?", "prompt", width=width),
        ruled_table(["Your answer"], 4, width, first_column=width),
    ]))
    return story
