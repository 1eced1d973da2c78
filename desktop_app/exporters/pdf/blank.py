"""The blank worksheet: the article for pen and paper, with the legend of pen marks and tables to fill in.

Printed for an assignment, it also carries the teacher's instructions and what the assignment asks for at
least ("Source: find at least 3"), and each category's table has a ruled row for every mark asked for. The
pen-mark key is repeated above the footer of every page (see page.PageFurniture.pen_key), so a student on
page 3 need not turn back to page 1 to know which line means what.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from desktop_app.core.articles import Article
from desktop_app.core.categories import Category, CategorySet
from desktop_app.exporters.pdf.fonts import SANS_BOLD
from desktop_app.exporters.pdf.parts import (article_flow, article_heading, heading, heading_before_long, legend,
                                             ruled_table)
from desktop_app.exporters.pdf.sizes import current
from desktop_app.exporters.pdf.styles import GREY, para, table_style

INSTRUCTIONS = (
    "Read the whole article once before you mark anything.",
    "Read it again with a pen. Mark each passage with the pen mark from the key below, write its letter in "
    "the margin, and a few words on why.",
    "Fill in the tables at the end. “Line” is the number in the article’s left margin.",
)
CLOSING_ROWS = 4


def name_lines(width: float) -> Table:
    """Name / Class / Date, with lines to write on."""
    sizes = current()
    label = sizes(36)
    table = Table([["Name", "", "Class", "", "Date", ""]],
                  colWidths=[label, width * 0.46 - label, label, width * 0.22 - label, label, width * 0.32 - label],
                  rowHeights=[sizes(22)])
    table.setStyle(table_style(
        ("FONT", (0, 0), (-1, -1), SANS_BOLD, sizes.body),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, 0), 0.6, GREY),
        ("LINEBELOW", (3, 0), (3, 0), 0.6, GREY),
        ("LINEBELOW", (5, 0), (5, 0), 0.6, GREY),
        ("RIGHTPADDING", (1, 0), (-1, -1), 10),
    ))
    return table


def minimum_sentence(category: Category, count: int) -> str:
    return f"{category.name} ({category.letter}): find at least {count}."


def _assignment_part(categories: CategorySet, width: float, instructions: str,
                     minimums: Mapping[str, int]) -> list[Flowable]:
    """The teacher's instructions and the least each category asks for, as the assignment set them."""
    wanted = [(cat, int(minimums.get(cat.key, 0))) for cat in categories if int(minimums.get(cat.key, 0)) > 0]
    if not instructions.strip() and not wanted:
        return []
    out: list[Flowable] = [heading("Your teacher’s instructions", "h3")]
    if instructions.strip():
        out.append(para(instructions.strip(), "body", width=width))
    if wanted:
        out.append(Spacer(1, current()(3)))
        out += [para(f"• {minimum_sentence(cat, n)}", "body", width=width) for cat, n in wanted]
    return out


def blank_story(article: Article, categories: CategorySet, width: float, *, instructions: str = "",
                minimums: Mapping[str, int] | None = None) -> list[Flowable]:
    sizes = current()
    minimums = minimums or {}
    story: list[Flowable] = [name_lines(width), Spacer(1, sizes(10))]
    story += article_heading(article, width)
    story += _assignment_part(categories, width, instructions, minimums)
    story.append(heading("What to do", "h3"))
    for n, line in enumerate(INSTRUCTIONS, 1):
        story.append(para(f"{n}. {line}", "body", width=width))
    story.append(Spacer(1, sizes(6)))
    story.append(legend(categories, width, for_pen=True))
    story.append(Spacer(1, sizes(10)))
    story += heading_before_long("The article")
    story.append(article_flow(article, width, [], line_gap=10.0))
    story.append(CondPageBreak(sizes(200)))
    story.append(heading("What you found"))
    sections: list[list[Flowable]] = []
    for n, cat in enumerate(categories, 1):
        section = cat.worksheet_section
        wanted = int(minimums.get(cat.key, 0))
        prompt = f"{section.prompt} Find at least {wanted}." if wanted else section.prompt
        sections.append([
            heading(f"{n}. {cat.name} ({cat.letter})", "h3"),
            para(prompt, "prompt", width=width),
            ruled_table(list(section.columns), max(section.rows, wanted), width),
        ])
    closing = [
        heading("Looking at the whole article", "h3"),
        para("Whose voice is missing from this article? What would you ask them, and how could you find out "
             "if the article is fair?", "prompt", width=width),
        ruled_table(["Your answer"], CLOSING_ROWS, width, first_column=width),
    ]
    # The closing box goes with the last section: alone on a last page it looks left over, and is easily lost.
    if sections:
        sections[-1] += closing
    else:
        sections.append(closing)
    story += [KeepTogether(items) for items in sections]
    return story
