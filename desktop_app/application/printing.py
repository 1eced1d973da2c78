"""Printing: what goes on a worksheet, an annotated copy or a key, and a class's feedback sheets, gradebook and
summary. The desk, the classroom window and the command line all prepare their PDFs here, so they print the
same thing for the same choice.

A class's feedback sheets take seconds, so the window writes them in the background. ``FeedbackBatch`` holds
the assignment still while it runs: its jobs are a snapshot read at the start, and every change to the
assignment (a grade, an import, an undo) is refused until the batch ends, so the sheets and the library agree.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.classroom.exports import Cancelled
from desktop_app.core.marks import KEY_LAYER, OWN_LAYER
from desktop_app.core.text import file_slug
from desktop_app.i18n import _
from desktop_app.storage.marks import MarkService

__all__ = ["Cancelled", "FeedbackBatch", "FeedbackBook", "PreparedJob", "PrintOps"]

if TYPE_CHECKING:
    from desktop_app.application.library import Library
    from desktop_app.exporters.pdf import PdfJob, PdfKind


@dataclass(frozen=True)
class PreparedJob:
    job: PdfJob
    notice: str = ""  # something the teacher should know about what will be printed
    suggested_name: str = ""


class PrintOps:
    def __init__(self, library: Library) -> None:
        self.lib = library

    # --- one article's PDFs ------------------------------------------------------------------------
    def _key_marks(self, article_id: int) -> tuple[str, list]:
        """The marks an answer key prints: the stored key layer when there is one, else the desk's own marks
        (a teacher who marked the article to make a key prints it like this)."""
        marks = MarkService(self.lib.db)
        key = marks.list_for(article_id, KEY_LAYER)
        return (KEY_LAYER, key) if key else (OWN_LAYER, marks.list_for(article_id, OWN_LAYER))

    def key_source(self, article_id: int) -> tuple[str, int]:
        """Which layer an answer key of this article prints ("key" or "own"), and how many marks it has."""
        layer, marks = self._key_marks(article_id)
        return layer, len(marks)

    def prepare(self, article_id: int, kind: PdfKind, *, paper: str = "a4", marked_by: str = "") -> PreparedJob:
        """Reads the article and the right layer of marks into a PdfJob (LookupError for a missing article)."""
        from desktop_app.exporters.pdf import PdfJob, PdfKind

        article = self.lib.articles.get(article_id)
        if article is None:
            raise LookupError(_("There is no article {number}. `lede list` shows the articles and their "
                                "numbers.").format(number=article_id))
        categories = self.lib.categories_for(article_id)
        notice = ""
        marks: list = []
        if kind is PdfKind.ANNOTATED:
            marks = MarkService(self.lib.db).list_for(article_id, OWN_LAYER)
            if not marks:
                notice = _("This article has no marks yet, so the copy shows the article and an empty table.")
        elif kind is PdfKind.KEY:
            layer, marks = self._key_marks(article_id)
            if layer == OWN_LAYER:
                notice = (_("This article has no stored answer key, so the key is printed from the marks made in "
                            "the desk.") if marks else
                          _("This article has no answer key and no marks yet: the key will be empty."))
        instructions, minimums = "", {}
        if kind is PdfKind.BLANK:
            # A worksheet of an assignment prints its instructions and "find at least" counts: the student's copy
            # on this article, else the newest assignment made from it.
            assignments = self.lib.assignments.for_article(article_id)
            chosen = next((a for a in assignments if a.role == "student"), assignments[0] if assignments else None)
            if chosen is not None:
                instructions, minimums = chosen.instructions, dict(chosen.minimums)
        job = PdfJob(kind, article, categories, marks, paper=paper, marked_by=marked_by, instructions=instructions,
                     minimums=minimums)
        name = file_slug(article.details.title or f"article-{article_id}", 60, "article")
        return PreparedJob(job, notice, f"{name}-{kind.value}.pdf")

    # --- a class's exports -------------------------------------------------------------------------
    def gradebook(self, assignment_id: int, path: Path) -> Path:
        from desktop_app.exporters.gradebook import write_gradebook

        work = self.lib.classroom.work(assignment_id)
        return write_gradebook(Path(path), work.gradebook_rows(), work.category_names())

    def feedback_book(self, assignment_id: int, path: Path, paper: str = "a4") -> FeedbackBatch:
        """Every student's feedback sheet in one PDF, each starting on an odd page (for duplex printing): a batch
        like feedback_batch's, read now, written by ``run``."""
        work = self.lib.classroom.work(assignment_id)
        if not work.submissions:
            raise LookupError(_("There are no hand-ins to print feedback for yet."))
        jobs = [(work.feedback_job(sub.stored_id, paper), Path(path)) for sub in work.submissions]
        return FeedbackBook(self.lib, assignment_id, work.assignment.title, jobs)

    def class_summary(self, assignment_id: int, path: Path, hide_names: bool, paper: str = "a4") -> Path:
        from desktop_app.exporters.pdf.class_summary import write_class_summary

        work = self.lib.classroom.work(assignment_id)
        return write_class_summary(work.class_summary_job(hide_names=hide_names, paper=paper), Path(path))

    def feedback_batch(self, assignment_id: int, folder: Path, paper: str = "a4",
                       only: Sequence[int] | None = None) -> FeedbackBatch:
        """The feedback sheets of the assignment's hand-ins (or of ``only`` these), read now: a snapshot."""
        from desktop_app.classroom.exports import feedback_file_names

        work = self.lib.classroom.work(assignment_id)
        # Named over the whole class, so a sheet printed alone gets the name it has in a full batch.
        names = feedback_file_names(work.submissions, work.assignment.title)
        jobs = [(work.feedback_job(sub.stored_id, paper), Path(folder) / names[sub.stored_id])
                for sub in work.submissions if only is None or sub.id in only]
        return FeedbackBatch(self.lib, assignment_id, work.assignment.title, jobs)


class FeedbackBatch:
    """Feedback sheets to write, read from the library when the batch was made. ``run`` may be called on a worker
    thread: it touches no database and no Qt. While it runs (``start`` to ``finish``) the assignment is held."""

    def __init__(self, lib: Library, assignment_id: int, title: str, jobs: list) -> None:
        self.lib, self.assignment_id, self.title, self.jobs = lib, assignment_id, title, jobs
        self.cancelled = threading.Event()
        self._release: Callable[[], None] | None = None

    def __len__(self) -> int:
        return len(self.jobs)

    def start(self) -> None:
        self.lib.check_free([self.assignment_id])
        self._release = self.lib.hold(self.assignment_id, _(
            "Feedback PDFs for “{title}” are being written. Changes to this assignment wait until they are done (or "
            "Cancel them).").format(title=self.title))

    def finish(self) -> None:
        if self._release is not None:
            self._release()
            self._release = None

    def run(self, progress: Callable[[int, int], None] | None = None) -> list[Path]:
        """Writes the sheets; raises Cancelled when ``cancelled`` was set, PdfExportError when one fails."""
        from desktop_app.classroom.exports import write_feedback_batch

        return write_feedback_batch(self.jobs, progress, cancelled=self.cancelled)

    def write_all(self, progress: Callable[[int, int], None] | None = None) -> list[Path]:
        """start, run and finish in one go (the command line, tests)."""
        self.start()
        try:
            return self.run(progress)
        finally:
            self.finish()


class FeedbackBook(FeedbackBatch):
    """The class's sheets as one PDF (every ``jobs`` path is the book's): written whole or not at all."""

    def run(self, progress: Callable[[int, int], None] | None = None) -> list[Path]:
        from desktop_app.exporters.pdf.feedback import write_feedback_book

        if self.cancelled.is_set():
            raise Cancelled([])
        path = write_feedback_book([job for job, _ in self.jobs], self.jobs[0][1])
        if progress:
            progress(len(self.jobs), len(self.jobs))
        return [path]
