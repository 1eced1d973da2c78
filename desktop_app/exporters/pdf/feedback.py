"""The feedback sheet a teacher hands back to one student: their grade and the teacher's comment, their marks
on the article beside the key passages they missed, and three tables (found, missed, their other marks) with
the key's notes and the teacher's comments. This module lays out the pages; feedback_sheet says what the sheet
calls each mark and writes the tables.

Key marks are numbered K1, K2, ... in reading order over the key marks in play, the same on every student's
sheet and on the class summary, so "K7" means one passage in the whole class discussion.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table
from reportlab.platypus.doctemplate import LayoutError

from desktop_app.core.articles import Article
from desktop_app.core.assignments import Assignment, Submission
from desktop_app.core.categories import CategorySet
from desktop_app.core.marks import Mark
from desktop_app.core.matching import Comparison
from desktop_app.core.text import file_slug
from desktop_app.exporters.pdf import PdfExportError, check_paper, write_atomically
from desktop_app.exporters.pdf.article_flow import MISSED, DrawnMark
from desktop_app.exporters.pdf.cues import colour, draw_box
from desktop_app.exporters.pdf.feedback_sheet import FeedbackSheet, mark_tables
from desktop_app.exporters.pdf.fonts import SANS, SANS_BOLD, register_fonts, safe_text
from desktop_app.exporters.pdf.lines import visual_text
from desktop_app.exporters.pdf.page import (
    PageFurniture,
    document,
    english_date,
    furnished_canvas,
)
from desktop_app.exporters.pdf.parts import (
    article_flow,
    article_heading,
    heading_before_long,
    legend,
)
from desktop_app.exporters.pdf.styles import GREY, RULE, para, table_style

LEGEND_WITH_KEY = ("Your marks are drawn in their category's colour; ✓ found, + extra (not in the key); "
                   "grey K-badges are key passages you missed.")
LEGEND_WITHOUT_KEY = "Your marks are drawn in their category's colour."


@dataclass(frozen=True)
class FeedbackJob:
    assignment: Assignment
    article: Article
    categories: CategorySet
    submission: Submission
    comparison: Comparison
    key: Sequence[Mark]
    late: bool = False
    paper: str = "a4"
    made_on: date = field(default_factory=date.today)

    def __post_init__(self) -> None:
        check_paper(self.paper)


def render_feedback(job: FeedbackJob) -> bytes:
    buffer = io.BytesIO()
    _build(job, buffer)
    return buffer.getvalue()


def write_feedback(job: FeedbackJob, path: str | os.PathLike) -> Path:
    return write_atomically(path, lambda out: _build(job, out))


def feedback_file_name(student_name: str, assignment_title: str) -> str:
    """'ana-garcia-eastgate-library-feedback.pdf': sorts by student in a folder, and says what it is."""
    parts = [file_slug(student_name, 40, "student"), file_slug(assignment_title, 50), "feedback"]
    return "-".join(p for p in parts if p) + ".pdf"


def _build(job: FeedbackJob, out) -> None:
    register_fonts()
    title = job.assignment.title or job.article.details.title or "Assignment"
    furniture = PageFurniture(kind_label="Feedback", article_title=title, made_on=job.made_on,
                              title_in_label=True)
    doc = document(out, job.paper, furniture, subject="Feedback on a media-literacy assignment")
    story = feedback_story(job, doc.width, doc.height)
    try:
        doc.build(story, canvasmaker=furnished_canvas(furniture))
    except LayoutError as exc:
        raise PdfExportError(f"Lede could not fit part of this feedback sheet on a page ({exc}). "
                             "Try the other paper size, and please report it with the article.") from exc


# --- small words for page 1 ------------------------------------------------------------------------
def _number(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def _when(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone()  # the teacher's clock: the due date is shown the same way
    return f"{english_date(moment.date())} at {moment:%H:%M}"


# --- page 1 ----------------------------------------------------------------------------------------
class GradeBox(Flowable):
    """The teacher's grade, large, with the points under it. Drawn, not a Paragraph: the grade is the
    teacher's free text, and a box of fixed size keeps page 1 steady whatever it says."""

    def __init__(self, grade: str, points: str, width: float = 118, height: float = 70) -> None:
        super().__init__()
        self.grade, self.points = safe_text(" ".join(grade.split())), points
        self.width, self.height = width, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(GREY)
        c.setLineWidth(1)
        c.roundRect(0, 0, self.width, self.height, 4, stroke=1, fill=0)
        c.setFillColor(GREY)
        c.setFont(SANS, 7.5)
        c.drawCentredString(self.width / 2, self.height - 11, "Grade")
        c.setFillColor(colour("#000000"))
        grade = self.grade or "—"
        size = 26.0
        room = self.width - 10
        while size > 11 and stringWidth(grade, SANS_BOLD, size) > room:
            size -= 1
        while len(grade) > 1 and stringWidth(grade, SANS_BOLD, size) > room:
            grade = grade[:-2].rstrip() + "…"
        c.setFont(SANS_BOLD, size)
        c.drawCentredString(self.width / 2, self.height / 2 - size * 0.3 + 2, visual_text(grade))
        if self.points:
            c.setFont(SANS_BOLD, 10)
            c.drawCentredString(self.width / 2, 8, self.points)
        c.restoreState()


def _front(sheet: FeedbackSheet, width: float) -> list[Flowable]:
    job, cmp = sheet.job, sheet.job.comparison
    sub = job.submission
    left = width - 130
    facts: list[Flowable] = [para(sub.student_name or "Unnamed student", "title", width=left),
                             para(job.assignment.title or "Assignment", "h3", width=left)]
    d = job.article.details
    facts.append(para(" · ".join(p for p in (d.title, d.outlet) if p.strip()) or "Untitled article", "byline",
                      width=left))
    handed = f"Handed in on {_when(sub.handed_in_at)}" if sub.handed_in_at else "Handed in (no time recorded)"
    if job.late:
        due = f" (due {_when(job.assignment.due_at)})" if job.assignment.due_at else ""
        facts.append(para(f"{handed}{due}", "body", width=left, bold_prefix="LATE ·"))
    else:
        facts.append(para(handed, "body", width=left))
    if cmp.has_key:
        facts.append(Spacer(1, 3))
        facts.append(para(_found_sentence(cmp), "body", width=left))
    points = f"{_number(cmp.points)} / {_number(cmp.total)} points" if cmp.has_key else ""
    top = Table([[facts, GradeBox(sub.grade, points)]], colWidths=[width - 124, 124])
    top.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0)))
    out: list[Flowable] = [top, Spacer(1, 8)]
    if sub.comment.strip():
        box = Table([[para("Your teacher’s comment", "cell_head")], [para(sub.comment.strip(), "body",
                                                                            width=width - 16)]],
                    colWidths=[width])
        box.setStyle(table_style(("BOX", (0, 0), (-1, -1), 0.8, GREY),
                                 ("BACKGROUND", (0, 0), (-1, 0), HexColor("#eeeeee")),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8)))
        out += [box, Spacer(1, 8)]
    out.append(KeepTogether([para("By category", "h3"), _category_table(sheet, width)]))
    return out


def _found_sentence(cmp: Comparison) -> str:
    bonus_total = sum(s.bonus for s in cmp.per_category.values())
    text = f"You found {cmp.required_found} of the {cmp.required_total} passages the key asks for"
    if bonus_total:
        text += f", and {cmp.bonus_found} of {bonus_total} bonus passages"
    made = len(cmp.matches) + len(cmp.extra)
    if not made:
        return text + ". You handed in no marks."
    extra = len(cmp.extra)
    return text + (f". You made {made} mark{'s' if made != 1 else ''}; {extra} of them "
                   f"{'is' if extra == 1 else 'are'} not in the key.")


def _category_table(sheet: FeedbackSheet, width: float) -> Table:
    cmp = sheet.job.comparison
    marks_of: dict[str, int] = {}
    for m in sheet.ordered:
        marks_of[m.category] = marks_of.get(m.category, 0) + 1
    keys = list(cmp.per_category) or list(sheet.categories.keys)
    keys += sorted(set(marks_of) - set(keys))
    if cmp.has_key:
        header = ["Category", "Found / required", "Bonus found", "Your marks", "Extra (not in the key)"]
    else:
        header = ["Category", "Your marks"]
    rows: list[list] = [[para(h, "cell_head") for h in header]]
    for key in keys:
        name = sheet.category(key).name
        score = cmp.per_category.get(key)
        if not cmp.has_key:
            rows.append([name, str(marks_of.get(key, 0))])
        elif score is None:  # a category not in play: all its marks are extra
            rows.append([name, "—", "—", str(marks_of.get(key, 0)), str(marks_of.get(key, 0))])
        else:
            bonus = f"{score.bonus_found} / {score.bonus}" if score.bonus else "—"
            rows.append([name, f"{score.found} / {score.required}", bonus, str(score.marked), str(score.extra)])
    if cmp.has_key:
        bonus_total = sum(s.bonus for s in cmp.per_category.values())
        rows.append(["Total", f"{cmp.required_found} / {cmp.required_total}",
                     f"{cmp.bonus_found} / {bonus_total}" if bonus_total else "—",
                     str(len(sheet.ordered)), str(len(cmp.extra))])
    else:
        rows.append(["Total", str(len(sheet.ordered))])
    first = 130
    table = Table(rows, colWidths=[first] + [min(90, (width - first) / (len(header) - 1))] * (len(header) - 1),
                  hAlign="LEFT")
    table.setStyle(table_style(
        ("FONT", (0, 1), (-1, -1), SANS, 8.5),
        ("FONT", (0, -1), (-1, -1), SANS_BOLD, 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, GREY),
        ("BOX", (0, 0), (-1, -1), 0.6, GREY),
    ))
    return table


# --- the article --------------------------------------------------------------------------------------
class MissedSample(Flowable):
    """The legend's picture of a missed key passage: a word in a grey dashed outline with a dark K badge."""

    def __init__(self) -> None:
        super().__init__()
        self.width, self.height = 50, 18

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        word, x, baseline = "word", 4, 4.5
        w = c.stringWidth(word, SANS, 9)
        c.setFillColor(colour("#000000"))
        c.setFont(SANS, 9)
        c.drawString(x, baseline, word)
        c.saveState()
        c.setDash(2.2, 1.6)
        draw_box(c, x - 1.5, x + w + 1.5, baseline - 2.5, baseline + 8, "#666666")
        c.restoreState()
        c.setFillColor(colour("#4d4d4d"))
        c.roundRect(x + w + 5, baseline + 1, 12, 7, 1.2, stroke=0, fill=1)
        c.setFillColor(colour("#ffffff"))
        c.setFont(SANS_BOLD, 5.4)
        c.drawString(x + w + 6.3, baseline + 2.4, "K3")


def _article(sheet: FeedbackSheet, width: float) -> list[Flowable]:
    job = sheet.job
    cmp = job.comparison
    drawn = [DrawnMark(m.start, m.end, sheet.category(m.category), sheet.badge(m)) for m in sheet.ordered]
    drawn += [DrawnMark(k.start, k.end, sheet.category(k.category), sheet.key_badge(k), kind=MISSED)
              for k in cmp.missed]
    counts: dict[str, int] = {}
    for m in sheet.ordered:
        counts[m.category] = counts.get(m.category, 0) + 1
    out: list[Flowable] = heading_before_long("Your marks on the article", "h2")
    out += article_heading(job.article, width)
    out.append(legend(job.categories, width, for_pen=False, counts=counts))
    if cmp.has_key:
        row = Table([[MissedSample(), para("Missed", "cell_head"),
                      para(f"{len(cmp.missed)} key passage{'s' if len(cmp.missed) != 1 else ''} you did not "
                           "mark (the tables below say what each one is).", "cell", width=width - 150)]],
                    colWidths=[50, 100, width - 150])
        row.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                                 ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)))
        out.append(row)
    out.append(Spacer(1, 4))
    out.append(para(LEGEND_WITH_KEY if cmp.has_key else LEGEND_WITHOUT_KEY, "body", width=width))
    out.append(Spacer(1, 8))
    flow = article_flow(job.article, width, drawn)
    sheet.use_lines(flow.layout.lines)
    out.append(flow)
    return out


def feedback_story(job: FeedbackJob, width: float, page_height: float) -> list[Flowable]:
    sheet = FeedbackSheet(job)
    story = _front(sheet, width)
    story.append(Spacer(1, 6))
    story += _article(sheet, width)  # sets the lines the tables refer to
    story += mark_tables(sheet, width, page_height)
    return story
