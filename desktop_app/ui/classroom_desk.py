"""The classroom window's desk: the open assignment's work, and every change to it as one undoable command
and one transaction (importing a batch of submissions, a grade, a comment, "reviewed"). It holds no widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop_app.core.assignments import Submission
from desktop_app.ui.commands import DeskCommand

if TYPE_CHECKING:
    from desktop_app.classroom.intake import Incoming, IntakeReport
    from desktop_app.classroom.review import AssignmentWork
    from desktop_app.storage.database import Database

REVIEW_TYPING_ID = 2001  # consecutive typing in one comment or grade merges into one undo step


@dataclass(frozen=True)
class IntakeResult:
    added: list[Submission]
    replaced: int
    kept: int  # clashes where the teacher kept the earlier submission
    refused: list  # Refusal
    unchanged: int


class ClassroomDesk(QObject):
    workChanged = Signal(object)  # AssignmentWork or None: the whole roster changed
    submissionChanged = Signal(object)  # one Submission's review changed (grade, comment, reviewed)
    problem = Signal(str)

    def __init__(self, db: "Database", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(300)
        self.work: "AssignmentWork | None" = None

    # --- reading -----------------------------------------------------------------------------------
    def assignment_list(self):
        from desktop_app.core.assignments import TEACHER
        from desktop_app.storage.assignments import AssignmentService

        return AssignmentService(self.db).list(role=TEACHER)

    def open_assignment(self, assignment_id: int | None) -> None:
        from desktop_app.classroom.review import AssignmentWork

        if assignment_id is None:
            self.work = None
        else:
            try:
                self.work = AssignmentWork.load(self.db, assignment_id)
            except LookupError as exc:
                self.work = None
                self.problem.emit(str(exc))
        self.workChanged.emit(self.work)

    def report_error(self, message: str) -> None:
        self.problem.emit(message)

    def reload(self) -> None:
        self.open_assignment(self.work.assignment.id if self.work else None)

    def assignment_for(self, paths: Sequence[Path]) -> int | None:
        """The teacher's assignment most of the readable hand-ins among ``paths`` were made for, if it is here:
        files dropped on Lede go to their own assignment, whichever one the window shows."""
        from collections import Counter

        from desktop_app.classroom.intake import MAX_FILES_PER_IMPORT, submission_paths
        from desktop_app.core.assignments import TEACHER
        from desktop_app.exchange.errors import ExchangeError
        from desktop_app.exchange.submission import read_submission
        from desktop_app.storage.assignments import AssignmentService

        uids: Counter[str] = Counter()
        for path in submission_paths(paths)[:MAX_FILES_PER_IMPORT]:
            try:
                uids[read_submission(path, path.name).assignment_uid] += 1
            except ExchangeError:
                continue
        service = AssignmentService(self.db)
        for uid, _count in uids.most_common():
            found = service.by_uid(uid, TEACHER)
            if found is not None:
                return found.id
        return None

    # --- taking submissions in ---------------------------------------------------------------------
    def examine(self, paths: Sequence[Path]) -> "IntakeReport":
        from desktop_app.classroom.intake import examine

        if self.work is None:
            raise LookupError("Choose an assignment first.")
        return examine(self.db, self.work.assignment, self.work.article.text, paths)

    def take_in(self, report: "IntakeReport", keep_new: Callable[["Incoming"], bool]) -> IntakeResult:
        """Stores the ready files, and each clash the teacher answered with "the new one"; each file is one
        transaction, and the whole batch is one undo step."""
        from desktop_app.classroom.intake import store
        from desktop_app.storage.submissions import SubmissionSnapshot

        work = self.work
        added, snapshots, refused = [], [], list(report.refused)
        kept = 0
        for incoming in report.ready + report.clashes:
            replace = incoming.existing is not None
            if replace and not keep_new(incoming):
                kept += 1
                continue
            try:
                if replace:
                    # Kept for undo: the submission the new file replaces comes back with its review.
                    snapshots.append(SubmissionSnapshot(incoming.existing))
                added.append(store(self.db, work.assignment, incoming, replace_existing=replace))
            except Exception as exc:  # noqa: BLE001 - one file failing must not stop the others
                from desktop_app.classroom.intake import Refusal

                refused.append(Refusal(incoming.path, f"{incoming.path.name} could not be stored: {exc}. "
                                                      "Nothing of it was saved; try again."))
        if added:
            self.undo_stack.push(ImportSubmissionsCommand(self, [s.id for s in added], snapshots))
            self.reload()
        return IntakeResult(added, len(snapshots), kept, refused, len(report.unchanged))

    def remove_submissions(self, ids: Sequence[int]):
        from desktop_app.storage.submissions import SubmissionService

        snapshots = SubmissionService(self.db).remove(ids)
        self.reload()
        return snapshots

    def restore_submissions(self, snapshots) -> None:
        from desktop_app.storage.submissions import SubmissionService

        if snapshots:
            SubmissionService(self.db).restore(snapshots)
        self.reload()

    # --- review: each a command --------------------------------------------------------------------
    def set_grade(self, submission_id: int, grade: str) -> None:
        self._review(submission_id, "grade", None, grade.strip(), "Change grade")

    def set_comment(self, submission_id: int, text: str) -> None:
        self._review(submission_id, "comment", None, text, "Edit overall comment")

    def set_mark_comment(self, submission_id: int, ref, text: str) -> None:
        self._review(submission_id, "mark_comment", ref, text, "Comment on a mark")

    def set_reviewed(self, submission_id: int, reviewed: bool) -> None:
        self._review(submission_id, "reviewed", None, reviewed,
                     "Mark as reviewed" if reviewed else "Mark as not reviewed")

    def _current_value(self, sub: Submission, what: str, ref):
        if what == "grade":
            return sub.grade
        if what == "comment":
            return sub.comment
        if what == "mark_comment":
            return sub.mark_comments.get(ref, "")
        return sub.reviewed

    def _review(self, submission_id: int, what: str, ref, value, label: str) -> None:
        sub = self.work.submission(submission_id) if self.work else None
        if sub is None:
            return
        before = self._current_value(sub, what, ref)
        if before == value:
            return
        try:
            self.write_review(submission_id, what, ref, value)
        except Exception as exc:  # noqa: BLE001 - a database error must never lose the window
            self.problem.emit(f"Lede could not save this: {exc}. Nothing was changed; try again.")
            return
        self.undo_stack.push(ReviewCommand(self, submission_id, what, ref, before, value, label))

    def write_review(self, submission_id: int, what: str, ref, value) -> Submission:
        from desktop_app.storage.submissions import SubmissionService

        service = SubmissionService(self.db)
        if what == "grade":
            stored = service.set_grade(submission_id, value)
        elif what == "comment":
            stored = service.set_comment(submission_id, value)
        elif what == "mark_comment":
            stored = service.set_mark_comment(submission_id, ref, value)
        else:
            stored = service.set_reviewed(submission_id, datetime.now(timezone.utc) if value else None)
        if self.work is not None:
            self.work.replace_submission(stored)
        self.submissionChanged.emit(stored)
        return stored

    # --- exports -----------------------------------------------------------------------------------
    def export_gradebook(self, path: Path) -> Path:
        from desktop_app.exporters.gradebook import write_gradebook

        return write_gradebook(path, self.work.gradebook_rows(), self.work.category_names())

    def export_feedback(self, folder: Path, paper: str = "a4", only: Sequence[int] | None = None,
                        progress: Callable[[int, int], None] | None = None) -> list[Path]:
        from desktop_app.classroom.exports import write_feedback_batch
        from desktop_app.exporters.pdf.feedback import feedback_file_name

        jobs = [(self.work.feedback_job(sub.id, paper),
                 Path(folder) / feedback_file_name(sub.student_name, self.work.assignment.title))
                for sub in self.work.submissions if only is None or sub.id in only]
        return write_feedback_batch(jobs, progress)

    def export_class_summary(self, path: Path, hide_names: bool, paper: str = "a4") -> Path:
        from desktop_app.exporters.pdf.class_summary import write_class_summary

        return write_class_summary(self.work.class_summary_job(hide_names=hide_names, paper=paper), path)


class ClassroomCommand(DeskCommand):
    """As on the desk: the first redo was done before the push (errors reported first), and a later undo or
    redo that fails is reported through ClassroomDesk.report_error and made obsolete."""


class ImportSubmissionsCommand(ClassroomCommand):
    def __init__(self, desk: ClassroomDesk, ids: list[int], replaced: list) -> None:
        n = len(ids)
        super().__init__(desk, f"Import {n} submission{'s' if n != 1 else ''}")
        self.ids, self.replaced, self.added = ids, replaced, []

    def apply(self) -> None:
        self.desk.remove_submissions([s.submission.id for s in self.replaced])
        self.desk.restore_submissions(self.added)

    def revert(self) -> None:
        self.added = self.desk.remove_submissions(self.ids)
        self.desk.restore_submissions(self.replaced)


class ReviewCommand(ClassroomCommand):
    def __init__(self, desk: ClassroomDesk, submission_id: int, what: str, ref, before, after, label: str) -> None:
        super().__init__(desk, label)
        self.submission_id, self.what, self.ref, self.before, self.after = submission_id, what, ref, before, after

    def id(self) -> int:
        return REVIEW_TYPING_ID if self.what in ("grade", "comment", "mark_comment") else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ReviewCommand) or (other.submission_id, other.what, other.ref) != (
                self.submission_id, self.what, self.ref):
            return False
        self.after = other.after
        return True

    def apply(self) -> None:
        self.desk.write_review(self.submission_id, self.what, self.ref, self.after)

    def revert(self) -> None:
        self.desk.write_review(self.submission_id, self.what, self.ref, self.before)

