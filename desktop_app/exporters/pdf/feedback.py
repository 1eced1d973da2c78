"""The feedback sheet a teacher hands back to one student, and a class's sheets as one book.

A sheet: page 1 has the grade and points, the teacher's comment and the counts per category; then the lines of
the article the student marked; then their marks, each with their own note beside the teacher's comment on it
and the note's rating (see feedback_front and feedback_sheet). The key passages the student missed, with the
key's notes, are printed only once the teacher releases the key (``show_missed_key``). A typical hand-in fits
two or three pages, an empty one a single page; the student's name is in the header of every page.

The book (``write_feedback_book``) is the class's sheets in one PDF for one print job, each starting on a
right-hand page (a blank page put in where needed), so the stack comes out of a two-sided printer ready to
hand out.

Key marks are numbered K1, K2, ... in reading order over the key marks in play, the same on every student's
sheet and on the class summary, so "K7" means one passage in the whole class discussion.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable, PageBreak, Spacer
from reportlab.platypus.doctemplate import LayoutError

from desktop_app.core.articles import Article
from desktop_app.core.assignments import Assignment, Submission
from desktop_app.core.categories import CategorySet
from desktop_app.core.marks import Mark
from desktop_app.core.matching import Comparison
from desktop_app.core.text import file_slug
from desktop_app.exporters.pdf import check_paper, layout_failed, write_atomically
from desktop_app.exporters.pdf.feedback_front import article_part, front
from desktop_app.exporters.pdf.feedback_sheet import FeedbackSheet, mark_tables
from desktop_app.exporters.pdf.fonts import register_fonts
from desktop_app.exporters.pdf.page import PageFurniture, SheetStart, document, furnished_canvas
from desktop_app.exporters.pdf.sizes import printing_at, sizes_for
from desktop_app.i18n import _


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
    # The teacher has released the key to the student: the key passages they missed are drawn and listed
    # with the key's notes (and the key's note on each passage they found). Otherwise only how many.
    show_missed_key: bool = False
    # The teacher's rating of each note, by the student mark's id: 0 missing or wrong, 1 partly, 2 sound.
    note_ratings: Mapping[int, int] = field(default_factory=dict)
    # The share of the points that is for reasoning, 0 to 1 (0.4 = 40 %), and the reasoning points this
    # student got (None: not worked out yet). Printed as "Reasoning: x of y" when the share is above 0.
    reasoning_weight: float = 0.0
    reasoning_points: float | None = None
    # The hand-in's points with the reasoning in them (core.reasoning), as the roster and the gradebook show them;
    # None: the comparison's points (finding alone).
    points: float | None = None
    large_print: bool = False  # body 14 pt and everything with it

    def __post_init__(self) -> None:
        check_paper(self.paper)


def render_feedback(job: FeedbackJob) -> bytes:
    buffer = io.BytesIO()
    _build(job, buffer)
    return buffer.getvalue()


def write_feedback(job: FeedbackJob, path: str | os.PathLike) -> Path:
    return write_atomically(path, lambda out: _build(job, out))


def write_feedback_book(jobs: Sequence[FeedbackJob], path: str | os.PathLike) -> Path:
    """The sheets of ``jobs`` in one PDF, in the order given, each starting on an odd page."""
    if not jobs:
        raise ValueError("a feedback book needs at least one sheet")
    if len({job.paper for job in jobs}) > 1:
        raise ValueError("the sheets of one feedback book must all be on the same paper")
    return write_atomically(path, lambda out: _build_book(jobs, out))


def render_feedback_book(jobs: Sequence[FeedbackJob]) -> bytes:
    buffer = io.BytesIO()
    _build_book(jobs, buffer)
    return buffer.getvalue()


def feedback_file_name(student_name: str, assignment_title: str) -> str:
    """'ana-garcia-eastgate-library-feedback.pdf': sorts by student in a folder, and says what it is."""
    parts = [file_slug(student_name, 40, "student"), file_slug(assignment_title, 50), "feedback"]
    return "-".join(p for p in parts if p) + ".pdf"


def _furniture(job: FeedbackJob) -> PageFurniture:
    title = job.assignment.title or job.article.details.title or _("Assignment")
    return PageFurniture(kind_label=_("Feedback"), article_title=title, made_on=job.made_on, title_in_label=True,
                         person=job.submission.student_name or _("Unnamed student"), sizes=sizes_for(job.large_print))


def _build(job: FeedbackJob, out) -> None:
    register_fonts()
    furniture = _furniture(job)
    doc = document(out, job.paper, furniture, subject=_("Feedback on a media-literacy assignment"))
    with printing_at(furniture.sizes):
        story = feedback_story(job, doc.width, doc.height)
    _lay_out(doc, story, furniture, "feedback sheet")


def _build_book(jobs: Sequence[FeedbackJob], out) -> None:
    register_fonts()
    first = _furniture(jobs[0])
    title = jobs[0].assignment.title or jobs[0].article.details.title or _("Assignment")
    doc = document(out, jobs[0].paper, first, subject=_("Feedback sheets of a media-literacy assignment"),
                   # Translators: the title of the PDF of a class's feedback sheets ("Feedback: Eastgate library").
                   title=_("Feedback: {title}").format(title=title))
    story: list[Flowable] = []
    for n, job in enumerate(jobs):
        furniture = _furniture(job)
        with printing_at(furniture.sizes):
            story.append(SheetStart(n, furniture, furniture.person))
            story += feedback_story(job, doc.width, doc.height)
        if n < len(jobs) - 1:
            story.append(PageBreak())
    _lay_out(doc, story, first, "feedback book", duplex=True)


def _lay_out(doc, story: list[Flowable], furniture: PageFurniture, what: str, duplex: bool = False) -> None:
    """``what``: the sheet's key in pdf.LAYOUT_FAILED, for the message when ReportLab cannot fit a piece."""
    try:
        doc.build(story, canvasmaker=furnished_canvas(furniture, duplex=duplex))
    except LayoutError as exc:
        raise layout_failed(what, exc) from exc


def feedback_story(job: FeedbackJob, width: float, page_height: float) -> list[Flowable]:
    """One student's sheet, at the print size in force (see sizes.printing_at)."""
    sheet = FeedbackSheet(job)
    story = front(sheet, width)
    story.append(Spacer(1, 6))
    story += article_part(sheet, width)  # sets the lines the tables refer to
    story += mark_tables(sheet, width, page_height)
    return story
