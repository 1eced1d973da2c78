"""The class summary a teacher projects or prints for the class discussion: how the class did (points,
agreement, charts), where on the article the class marked (a heat map over the text), and the key passages
most missed, the extra passages many marked, and pairs of submissions that look alike.

``hide_names`` (the default) puts "Student 3" wherever a name would be: the sheet goes on a projector.
Key passages carry the same K-numbers as on each student's feedback sheet (reading order over the key).
"""

from __future__ import annotations

import io
import math
import os
import re
import statistics
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table
from reportlab.platypus.doctemplate import LayoutError

from desktop_app.core.articles import Article
from desktop_app.core.assignments import Assignment
from desktop_app.core.categories import Category, CategorySet
from desktop_app.core.class_view import ClassView, anonymous_names
from desktop_app.core.marks import Mark
from desktop_app.core.matching import reading_order
from desktop_app.exporters.pdf import check_paper, layout_failed, write_atomically
from desktop_app.exporters.pdf.annotated import category_of
from desktop_app.exporters.pdf.charts import (
    CategoryBar,
    found_against_key,
    most_missed,
    points_histogram,
)
from desktop_app.exporters.pdf.fonts import register_fonts
from desktop_app.exporters.pdf.heat_map import HeatMap, HeatScale
from desktop_app.exporters.pdf.lines import isolated, sheet_rtl
from desktop_app.exporters.pdf.page import PageFurniture, document, furnished_canvas
from desktop_app.exporters.pdf.parts import (
    article_flow,
    article_heading,
    heading_before_long,
)
from desktop_app.exporters.pdf.rows import (Text, category_cell, columns, line_header, number_header, quote_cell,
                                            quoted, rows_table, short_quote)
from desktop_app.exporters.pdf.sizes import current, printing_at, sizes_for
from desktop_app.exporters.pdf.styles import GREY, RULE, para, sheet_table
from desktop_app.i18n import _, ngettext, pgettext
from desktop_app.i18n.formats import format_number, format_percent
CHART_ROWS = 12  # most-missed key passages in the chart; the table lists them all

MAX_SIMILAR_ROWS = 20  # pairs of alike hand-ins printed; the rest are counted


@dataclass(frozen=True)
class ClassSummaryJob:
    assignment: Assignment
    article: Article
    categories: CategorySet
    view: ClassView
    hide_names: bool = True
    paper: str = "a4"
    made_on: date = field(default_factory=date.today)
    large_print: bool = False  # body 14 pt and everything with it

    def __post_init__(self) -> None:
        check_paper(self.paper)


def render_class_summary(job: ClassSummaryJob) -> bytes:
    buffer = io.BytesIO()
    _build(job, buffer)
    return buffer.getvalue()


def write_class_summary(job: ClassSummaryJob, path: str | os.PathLike) -> Path:
    return write_atomically(path, lambda out: _build(job, out))


def _build(job: ClassSummaryJob, out) -> None:
    register_fonts()
    title = job.assignment.title or job.article.details.title or _("Assignment")
    sizes = sizes_for(job.large_print)
    furniture = PageFurniture(kind_label=_("Class summary"), article_title=title, made_on=job.made_on,
                              title_in_label=True, sizes=sizes)
    doc = document(out, job.paper, furniture, subject=_("Class summary of a media-literacy assignment"))
    with printing_at(sizes):
        story = class_summary_story(job, doc.width, doc.height)
    try:
        with printing_at(sizes):
            doc.build(story, canvasmaker=furnished_canvas(furniture))
    except LayoutError as exc:
        raise layout_failed("class summary", exc) from exc


# --- the sheet -------------------------------------------------------------------------------------------
class _Summary:
    def __init__(self, job: ClassSummaryJob) -> None:
        self.job = job
        self.view = job.view
        self.size = len(job.view.students)
        keys = sorted((t.key for t in job.view.key_marks), key=reading_order)
        self._badge = {id(k): f"K{n}" for n, k in enumerate(keys, 1)}
        self.alias = anonymous_names(job.view.students) if job.hide_names else {}
        self._lines: list = []
        self._line_starts: list[int] = []

    @property
    def has_key(self) -> bool:
        return bool(self.view.key_marks)

    def badge(self, key: Mark) -> str:
        return self._badge.get(id(key), "K")

    def name(self, student: str) -> str:
        return self.alias.get(student, _("Student")) if self.job.hide_names else student

    def hide(self, text: str) -> str:
        """Free text that might hold a name (a reason sentence): every name replaced by its alias, the
        longest first so "Ana" does not eat into "Anastasia". Names shown are isolated (lines.isolated), so a
        Hebrew name does not pull the sentence's numbers into its run."""
        names = sorted((n for n in self.job.view.students if n.strip()), key=len, reverse=True)
        if not self.job.hide_names:
            return re.sub("|".join(re.escape(n) for n in names), lambda m: isolated(m.group()), text) if names \
                else text
        for real in sorted(self.alias, key=len, reverse=True):
            if real.strip():
                text = text.replace(real, self.alias[real])
        return text

    def category(self, key: str) -> Category:
        return category_of(self.job.categories, key)

    def use_lines(self, lines: list) -> None:
        self._lines, self._line_starts = lines, [line.start for line in lines]

    def line(self, start: int) -> str:
        i = bisect_right(self._line_starts, start) - 1
        return str(self._lines[max(0, i)].number) if self._lines else ""


def _number(x: float) -> str:
    """A mean, a median or an average as a person reads it: at most one decimal ('7.5', '10'; '7,5')."""
    return format_number(round(x, 1) if round(x, 1) != int(round(x, 1)) else int(round(x, 1)))


def _alpha(alpha: float) -> str:
    return format_number(alpha, 2)


def _agreement(alpha: float | None) -> str:
    if alpha is None:
        return "—"
    if alpha >= 0.8:
        return _("{alpha} (the class largely agrees)").format(alpha=_alpha(alpha))
    if alpha >= 0.667:
        return _("{alpha} (the class partly agrees)").format(alpha=_alpha(alpha))
    if alpha >= 0:
        return _("{alpha} (the class marked quite differently)").format(alpha=_alpha(alpha))
    return _("{alpha} (less agreement than chance)").format(alpha=_alpha(alpha))


def _of(part: object, whole: object) -> str:
    # Translators: a count out of a whole, in a table cell ("3 of 25": found by 3 of the 25 students).
    return pgettext("count", "{part} of {whole}").format(part=part, whole=whole)


def _front(s: _Summary, width: float) -> list[Flowable]:
    job, view = s.job, s.view
    d = job.article.details
    title = job.assignment.title
    byline = " · ".join(p for p in (d.title, d.outlet) if p.strip())
    out: list[Flowable] = [para(_("Class summary"), "title", width=width),
                           para(title, "h3", width=width, data=True) if title else
                           para(_("Assignment"), "h3", width=width),
                           para(byline, "byline", width=width, data=True) if byline else
                           para(_("Untitled article"), "byline", width=width), Spacer(1, 6)]
    if not s.size:
        return out + [para(_("No submissions yet: import the students' files first."), "body", width=width)]
    scores = list(view.scores)
    # Translators: points out of the total, in a table cell ("7.5 / 10").
    points = (pgettext("points", "{points} / {total}").format(points=_number(statistics.fmean(scores)),
                                                              total=_number(view.total)),
              pgettext("points", "{points} / {total}").format(points=_number(statistics.median(scores)),
                                                              total=_number(view.total))) \
        if s.has_key else ("—", "—")
    rows = [[_("Students"), str(s.size)], [_("Mean points"), points[0]], [_("Median points"), points[1]],
            [_("Agreement (Krippendorff’s α)"), _agreement(view.alpha)]]
    label = current()(170)
    facts = sheet_table([[para(k, "cell_head"), para(v, "cell")] for k, v in rows], [label, width - label],
                        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE), ("BOX", (0, 0), (-1, -1), 0.6, GREY),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), hAlign="LEFT")
    out += [facts, Spacer(1, 3),
            para(_("Agreement is how much the class agrees with itself: 1 = everyone marked the same words the "
                   "same way, 0 = no more than chance. It is worked out word by word over the whole article."),
                 "small", width=width), Spacer(1, 10)]
    if not s.has_key:
        return out + [para(_("This assignment has no answer key, so there is nothing found or missed to chart. "
                             "The heat map below shows where the class marked."), "body", width=width)]
    bars = [CategoryBar(s.category(t.category).name, s.category(t.category).colour, t.found / s.size, t.key)
            for t in view.categories]
    if current().large:  # side by side, large labels would crowd: one chart under the other, full width
        out += [found_against_key(bars, width), Spacer(1, current()(8)),
                points_histogram(scores, view.total, width), Spacer(1, current()(12))]
    else:
        left = (width - 12) * 0.56  # five category names under grouped bars need more room than ten bins
        right = width - 12 - left
        charts = sheet_table([[found_against_key(bars, left), points_histogram(scores, view.total, right)]],
                             [left + 12, right],
                             ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("VALIGN", (0, 0), (-1, -1), "TOP"))
        out += [charts, Spacer(1, 12)]
    missed = [t for t in view.key_marks if t.missed_by][:CHART_ROWS]
    if missed:
        labels = [f"{s.badge(t.key)} {quoted(short_quote(t.key.quote, 60))}" for t in missed]
        out.append(most_missed(labels, [len(t.missed_by) for t in missed], s.size, width))
    else:
        out.append(para(_("Every student found every key passage."), "body", width=width))
    out += [Spacer(1, 10), KeepTogether([para(_("By category"), "h3"), _category_table(s, width)])]
    return out


def _category_table(s: _Summary, width: float) -> Table:
    view = s.view
    header = [_("Category"), _("Required in the key"), _("Found, average per student"),
              _("Marks made (all students)"), _("Agreement (α)")]
    rows: list[list] = [[para(h, "cell_head") for h in header]]
    for t in view.categories:
        alpha = view.alpha_per_category.get(t.category)
        rows.append([s.category(t.category).name, str(t.key), _of(_number(t.found / s.size), t.key),
                     str(t.marked), "—" if alpha is None else _alpha(alpha)])
    first = current()(110)
    return sheet_table(
        rows, [first] + [(width - first) / 4] * 4,
        ("BACKGROUND", (0, 0), (-1, 0), HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, GREY),
        hAlign="LEFT")


def _heat(s: _Summary, width: float) -> list[Flowable]:
    job = s.job
    out = [CondPageBreak(current()(300))] + heading_before_long(_("Where the class marked"), "h2")
    if sheet_rtl():  # the notes margin is left of the article (article_layout.ArticleLook)
        explained = _("Each stretch of the article is shaded by how many students marked it, as anything: the "
                      "darker, the more students. Where more than a fifth of the class marked the same words, "
                      "the left margin says how many students did and what most of them marked those words as.")
    else:
        explained = _("Each stretch of the article is shaded by how many students marked it, as anything: the "
                      "darker, the more students. Where more than a fifth of the class marked the same words, "
                      "the right margin says how many students did and what most of them marked those words as.")
    out.append(para(explained, "body", width=width))
    out += [Spacer(1, 4), HeatScale(s.size, width), Spacer(1, 8)]
    out += article_heading(job.article, width)
    flow = article_flow(job.article, width, [], decoration=HeatMap(s.view.stretches, s.size, job.categories))
    s.use_lines(flow.layout.lines)
    return out + [flow]


def _tables(s: _Summary, width: float, page_height: float) -> list[Flowable]:
    view = s.view
    out: list[Flowable] = []
    if s.has_key:
        out += heading_before_long(_("Key passages, most missed first"), "h2")
        missed = [t for t in view.key_marks if t.missed_by]
        if missed:
            sizes = current()
            widths = columns(width, [sizes(34), sizes(34), "1", sizes(72), sizes(60), sizes(64)])
            rows = [[s.badge(t.key), s.line(t.key.start), quote_cell(t.key.quote, 300),
                     category_cell(s.category(t.key.category)),
                     pgettext("key mark", "Bonus") if t.key.bonus else pgettext("key mark", "Required"),
                     _of(len(t.found_by), s.size)] for t in missed]
            out += rows_table([number_header(), line_header(), _("Passage"), _("Category"), _("Counts as"),
                               _("Found by")], widths, rows, width, page_height, line_column=1)
        else:
            out.append(para(_("Every student found every key passage."), "body", width=width))

    out += heading_before_long(_("Passages many marked that the key does not list"), "h2")
    if view.common_extras:
        sizes = current()
        widths = columns(width, [sizes(34), "1", sizes(90), sizes(64)])
        rows = [[s.line(e.start), quote_cell(e.quote, 300), category_cell(s.category(e.category)),
                 _of(len(e.students), s.size)] for e in view.common_extras]
        out += rows_table([line_header(), _("Passage"), _("Marked as"), _("Students")], widths, rows, width,
                          page_height, line_column=0)
    else:
        out.append(para(_("No passage outside the key was marked by two or more students."), "body", width=width))

    out += heading_before_long(_("Submissions that look alike"), "h2")
    if view.similar:
        out.append(para(_("Pairs whose marks or notes are nearly the same. Worth a look, not proof of copying: "
                          "students who worked together, or a passage everyone agrees on, can look alike."),
                        "body", width=width))
        sizes = current()
        widths = columns(width, [sizes(100), sizes(100), sizes(60), sizes(56), "1"])
        shown = view.similar[:MAX_SIMILAR_ROWS]
        rows = [[Text(s.name(p.first)), Text(s.name(p.second)), format_percent(math.floor(p.similarity * 100) / 100),
                 str(p.shared_notes), Text(s.hide(p.reason))] for p in shown]
        out += rows_table([_("Student"), _("Student"), _("Marks alike"), _("Same notes"), _("Why flagged")], widths,
                          rows, width, page_height)
        if len(view.similar) > len(shown):
            # A class whose notes follow one template flags nearly every pair; pages of them help nobody.
            more = len(view.similar) - len(shown)
            out.append(para(ngettext("…and {count} more pair, less alike than these. So many usually means the "
                                     "class shared a template or worked together; the classroom window lists "
                                     "them all.",
                                     "…and {count} more pairs, less alike than these. So many usually means the "
                                     "class shared a template or worked together; the classroom window lists "
                                     "them all.", more).format(count=more), "body", width=width))
    else:
        out.append(para(_("No two submissions look alike."), "body", width=width))
    return out


def class_summary_story(job: ClassSummaryJob, width: float, page_height: float) -> list[Flowable]:
    s = _Summary(job)
    story = _front(s, width)
    if s.size or s.view.stretches:
        story += _heat(s, width)  # sets the lines the tables refer to
        story += _tables(s, width, page_height)
    return story
