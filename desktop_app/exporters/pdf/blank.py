"""The blank worksheet: the article for pen and paper, with the legend of pen marks and tables to fill in.

Printed for an assignment, it also carries the teacher's instructions and what the assignment asks for at
least ("Source: find at least 3"), and each category's table has a ruled row for every mark asked for. The
pen-mark key is repeated above the footer of every page (see page.PageFurniture.pen_key), so a student on
page 3 need not turn back to page 1 to know which line means what.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from desktop_app.core.articles import Article
from desktop_app.core.categories import Category, CategorySet
from desktop_app.exporters.pdf.fonts import SANS_BOLD
from desktop_app.exporters.pdf.lines import isolated, sheet_rtl
from desktop_app.exporters.pdf.parts import (article_flow, article_heading, heading, heading_before_long, legend,
                                             ruled_table)
from desktop_app.exporters.pdf.sizes import current
from desktop_app.exporters.pdf.styles import GREY, para, sheet_table
from desktop_app.i18n import N_, _, ngettext, pgettext

INSTRUCTIONS = (
    N_("Read the whole article once before you mark anything."),
    N_("Read it again with a pen. Mark each passage with the pen mark from the key below, write its letter in "
       "the margin, and a few words on why."),
    N_("Fill in the tables at the end. “Line” is the number in the article’s left margin."),
)
# On a right-to-left sheet the line numbers are in the article's right margin (article_layout.ArticleLook).
INSTRUCTION_RTL = N_("Fill in the tables at the end. “Line” is the number in the article’s right margin.")
CLOSING_ROWS = 4


def name_lines(width: float) -> Table:
    """Name / Class / Date, with lines to write on."""
    sizes = current()
    # Translators: the labels of the lines a student writes their name, class and date on (a worksheet's top).
    labels = [pgettext("worksheet line", "Name"), pgettext("worksheet line", "Class"),
              pgettext("worksheet line", "Date")]
    label = max([sizes(36)] + [stringWidth(t, SANS_BOLD, sizes.body) + sizes(6) for t in labels])
    return sheet_table(
        [[labels[0], "", labels[1], "", labels[2], ""]],
        [label, width * 0.46 - label, label, width * 0.22 - label, label, width * 0.32 - label],
        ("FONT", (0, 0), (-1, -1), SANS_BOLD, sizes.body),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, 0), 0.6, GREY),
        ("LINEBELOW", (3, 0), (3, 0), 0.6, GREY),
        ("LINEBELOW", (5, 0), (5, 0), 0.6, GREY),
        ("RIGHTPADDING", (1, 0), (-1, -1), 10),
        rowHeights=[sizes(22)])


def minimum_sentence(category: Category, count: int) -> str:
    return ngettext("{category} ({letter}): find at least {count}.", "{category} ({letter}): find at least {count}.",
                    count).format(category=isolated(category.name), letter=category.letter, count=count)


def _find_at_least(count: int) -> str:
    """The sentence after a category's prompt when the assignment asks for a least number of marks."""
    return ngettext("Find at least {count}.", "Find at least {count}.", count).format(count=count)


def _assignment_part(categories: CategorySet, width: float, instructions: str,
                     minimums: Mapping[str, int]) -> list[Flowable]:
    """The teacher's instructions and the least each category asks for, as the assignment set them."""
    wanted = [(cat, int(minimums.get(cat.key, 0))) for cat in categories if int(minimums.get(cat.key, 0)) > 0]
    if not instructions.strip() and not wanted:
        return []
    out: list[Flowable] = [heading(_("Your teacher’s instructions"), "h3")]
    if instructions.strip():
        out.append(para(instructions.strip(), "body", width=width, data=True))
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
    story.append(heading(_("What to do"), "h3"))
    steps = INSTRUCTIONS[:-1] + ((INSTRUCTION_RTL,) if sheet_rtl() else INSTRUCTIONS[-1:])
    for n, line in enumerate(steps, 1):
        # Translators: a numbered step of the worksheet's instructions ("1. Read the whole article…").
        story.append(para(_("{number}. {step}").format(number=n, step=_(line)), "body", width=width))
    story.append(Spacer(1, sizes(6)))
    story.append(legend(categories, width, for_pen=True))
    story.append(Spacer(1, sizes(10)))
    story += heading_before_long(_("The article"))
    story.append(article_flow(article, width, [], line_gap=10.0))
    story.append(CondPageBreak(sizes(200)))
    story.append(heading(_("What you found")))
    sections: list[list[Flowable]] = []
    for n, cat in enumerate(categories, 1):
        section = cat.worksheet_section
        wanted = int(minimums.get(cat.key, 0))
        prompt = f"{section.prompt} {_find_at_least(wanted)}" if wanted else section.prompt
        sections.append([
            # Translators: the heading of a category's part of the worksheet ("1. Source (S)").
            heading(_("{number}. {category} ({letter})").format(number=n, category=isolated(cat.name),
                                                                letter=cat.letter), "h3"),
            para(prompt, "prompt", width=width),
            ruled_table(list(section.columns), max(section.rows, wanted), width),
        ])
    closing = [
        heading(_("Looking at the whole article"), "h3"),
        para(_("Whose voice is missing from this article? What would you ask them, and how could you find out "
               "if the article is fair?"), "prompt", width=width),
        ruled_table([_("Your answer")], CLOSING_ROWS, width, first_column=width),
    ]
    # The closing box goes with the last section: alone on a last page it looks left over, and is easily lost.
    if sections:
        sections[-1] += closing
    else:
        sections.append(closing)
    story += [KeepTogether(items) for items in sections]
    return story
