"""The classroom window's desk: the open assignment's work, and every change to it as one operation of the library
(taking hand-ins in, a grade, a comment, "reviewed"). It holds no widgets and no rules, and shares the desk's
library and its one undo history: it follows the library's change records, whichever window made them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QObject, Signal

from desktop_app.application.changes import Changes
from desktop_app.core.assignments import TEACHER
from desktop_app.i18n import _
from desktop_app.ui.attempts import Attempts

if TYPE_CHECKING:
    from desktop_app.application.class_list import NameCheck
    from desktop_app.application.classroom import IntakeResult
    from desktop_app.application.printing import FeedbackBatch
    from desktop_app.classroom.intake import Incoming, IntakeReport
    from desktop_app.classroom.review import AssignmentWork
    from desktop_app.core.class_list import ClassList
    from desktop_app.ui.desk import Desk


class ClassroomDesk(QObject):
    workChanged = Signal(object)  # AssignmentWork or None: the whole roster changed
    submissionChanged = Signal(object)  # one Submission's review changed (grade, comment, reviewed)
    assignmentsChanged = Signal()  # assignments were made, changed or removed (the list at the top)
    problem = Signal(str)
    notice = Signal(str)

    def __init__(self, main_desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = main_desk.library
        self.signals = main_desk.signals
        self.attempts = Attempts(self.problem.emit, self.notice.emit, self)
        self.work: AssignmentWork | None = None
        self.signals.changed.connect(self._on_changes)

    # --- reading -----------------------------------------------------------------------------------
    def assignment_list(self):
        return self.library.assignments.summaries(role=TEACHER)

    def open_assignment(self, assignment_id: int | None) -> None:
        if assignment_id is None:
            self.work = None
        else:
            try:
                self.work = self.library.classroom.work(assignment_id)
            except LookupError as exc:
                self.work = None
                self.problem.emit(str(exc))
        self.workChanged.emit(self.work)

    def reload(self) -> None:
        self.open_assignment(self.work.assignment.id if self.work else None)

    def report_error(self, message: str) -> None:
        self.problem.emit(message)

    def assignment_for(self, paths: Sequence[Path]) -> int | None:
        return self.library.classroom.assignment_for(paths)

    def _on_changes(self, changes: Changes) -> None:
        if changes.assignments:
            self.assignmentsChanged.emit()
        if self.work is None:
            return
        assignment_id = self.work.assignment.id
        if changes.touches_assignment(assignment_id) or self.work.article.id in changes.key_changed:
            gone = self.library.assignments.get(assignment_id) is None
            self.open_assignment(None if gone else assignment_id)
            return
        for submission_id in changes.submissions:
            if self.work.submission(submission_id) is None:
                continue
            stored = self.library.classroom.submission(submission_id)
            if stored is not None:
                self.work.replace_submission(stored)
                self.submissionChanged.emit(stored)

    # --- taking submissions in ---------------------------------------------------------------------
    def examine(self, paths: Sequence[Path]) -> IntakeReport:
        if self.work is None:
            raise LookupError(_("Choose an assignment first."))
        return self.library.classroom.examine(self.work.assignment.id, paths)

    def take_in(self, report: IntakeReport, keep_new: Callable[[Incoming], bool]) -> IntakeResult | None:
        """Stores the ready files, and each clash the teacher answered with "the new one"; each file is one
        transaction, and the whole batch is one undo step."""
        assignment_id = self.work.assignment.id
        return self.attempts.run(lambda: self.library.classroom.take_in(assignment_id, report, keep_new))

    # --- the class list: each an operation ---------------------------------------------------------
    def set_class_list(self, class_list: ClassList) -> int | None:
        """Saves the open assignment's class list; how many hand-ins it matched by name, or None on failure."""
        assignment_id = self.work.assignment.id
        return self.attempts.run(lambda: self.library.class_list.set_list(assignment_id, class_list))

    def name_check(self, answered: bool = False) -> NameCheck | None:
        """The hand-ins to ask about (application.class_list.ClassListOps.matching)."""
        assignment_id = self.work.assignment.id
        return self.attempts.run(lambda: self.library.class_list.matching(assignment_id, answered))

    def link_names(self, links: Mapping[int, int | None]) -> bool:
        """The teacher's answers (hand-in id -> member id or None) as one step; False when refused."""
        assignment_id = self.work.assignment.id

        def link() -> bool:
            self.library.class_list.link_many(assignment_id, links)
            return True

        return bool(self.attempts.run(link))

    # --- review: each an operation -----------------------------------------------------------------
    def set_grade(self, submission_id: int, grade: str) -> None:
        self.attempts.run(lambda: self.library.review.set_grade(submission_id, grade), key=("grade", submission_id))

    def set_comment(self, submission_id: int, text: str) -> None:
        self.attempts.run(lambda: self.library.review.set_comment(submission_id, text),
                          key=("comment", submission_id))

    def set_mark_comment(self, submission_id: int, ref, text: str) -> None:
        self.attempts.run(lambda: self.library.review.set_mark_comment(submission_id, ref, text),
                          key=("mark_comment", submission_id, tuple(ref)))

    def set_note_rating(self, submission_id: int, mark_id: int, rating: int | None) -> None:
        self.attempts.run(lambda: self.library.review.set_note_rating(submission_id, mark_id, rating))

    def set_reviewed(self, submission_id: int, reviewed: bool) -> None:
        self.attempts.run(lambda: self.library.review.set_reviewed(submission_id, reviewed))

    # --- exports -----------------------------------------------------------------------------------
    def export_gradebook(self, path: Path) -> Path:
        return self.library.printing.gradebook(self.work.assignment.id, path)

    def feedback_batch(self, folder: Path, paper: str = "a4", only: Sequence[int] | None = None) -> FeedbackBatch:
        return self.library.printing.feedback_batch(self.work.assignment.id, folder, paper, only)

    def feedback_book(self, path: Path, paper: str = "a4") -> FeedbackBatch:
        return self.library.printing.feedback_book(self.work.assignment.id, path, paper)

    def export_class_summary(self, path: Path, hide_names: bool, paper: str = "a4") -> Path:
        return self.library.printing.class_summary(self.work.assignment.id, path, hide_names, paper)
