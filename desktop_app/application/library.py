"""The library: one database, its one undo history, and every use case of Lede as a call.

A window, the command line and the tests all hold the same kind of object and call the same operations:
``library.marks.add(...)``, ``library.classroom.take_in(...)``, ``library.undo()``. Each operation runs as one
transaction (retried while another program keeps the database busy), records one step in the history, and
tells every subscriber what changed (application.changes.Changes). Windows subscribe and refresh; they never
call each other, so the desk and the classroom window can share one history without knowing of each other.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import TypeVar

from desktop_app.application.changes import Changes
from desktop_app.application.errors import AssignmentHeld, LedeError, LibraryBusy, SaveFailed
from desktop_app.application.history import History, Step
from desktop_app.core.categories import CategorySet
from desktop_app.i18n import N_, _
from desktop_app.storage.database import BUSY_TIMEOUT_MS, Database, is_busy
from desktop_app.storage.faults import explain, where_of

T = TypeVar("T")

RETRIES = 4  # quick retries for the busy errors SQLite returns at once (a stale snapshot); waits are its own
BUSY_MESSAGE = N_("Another Lede window is saving to this library right now, so this change could not be saved yet. "
                "Nothing is lost: it is tried again in a moment.")



class Library:
    def __init__(self, db: Database, standard_categories: CategorySet) -> None:
        from desktop_app.application.articles import ArticleOps
        from desktop_app.application.assignments import AssignmentOps
        from desktop_app.application.class_list import ClassListOps
        from desktop_app.application.classroom import ClassroomOps
        from desktop_app.application.feedback_files import FeedbackFileOps
        from desktop_app.application.marking import MarkOps
        from desktop_app.application.printing import PrintOps
        from desktop_app.application.removed import RemovedOps
        from desktop_app.application.review import ReviewOps
        from desktop_app.application.student import StudentOps

        self.db = db
        self.standard_categories = standard_categories
        self.history = History(self.run)
        self._subscribers: list[Callable[[Changes], None]] = []
        self._holds: dict[int, str] = {}
        self.articles = ArticleOps(self)
        self.marks = MarkOps(self)
        self.assignments = AssignmentOps(self)
        self.student = StudentOps(self)
        self.classroom = ClassroomOps(self)
        self.review = ReviewOps(self)
        self.removed = RemovedOps(self)
        self.printing = PrintOps(self)
        self.class_list = ClassListOps(self)
        self.feedback_files = FeedbackFileOps(self)
        from desktop_app.application.suggestions import SuggestionOps
        self.suggestions = SuggestionOps(self)

    # --- telling the windows -----------------------------------------------------------------------
    def subscribe(self, callback: Callable[[Changes], None]) -> Callable[[], None]:
        """``callback(changes)`` after every operation, undo and redo; returns a function that stops it."""
        self._subscribers.append(callback)
        return lambda: self._subscribers.remove(callback) if callback in self._subscribers else None

    def emit(self, changes: Changes) -> None:
        for callback in list(self._subscribers):
            callback(changes)

    # --- running a change --------------------------------------------------------------------------
    def run(self, work: Callable[[], T]) -> T:
        """Runs ``work`` (one transaction) and returns its result. A database kept busy by another program is
        tried again a few times; if it stays busy, LibraryBusy. Any other database failure (a full disk, a
        read-only folder) becomes SaveFailed with one sentence. The person's own mistakes (ValueError,
        LookupError with a message for them) pass through as they are."""
        from sqlalchemy.exc import SQLAlchemyError

        pause = 0.05
        for attempt in range(RETRIES):
            started = time.monotonic()
            try:
                return work()
            except (LedeError, ValueError, LookupError):
                raise
            except SQLAlchemyError as exc:
                if not is_busy(exc):
                    raise SaveFailed(explain(exc, where_of(self.db.url))) from exc
                waited = time.monotonic() - started >= BUSY_TIMEOUT_MS / 1000 * 0.9
                if waited or attempt == RETRIES - 1:
                    raise LibraryBusy(_(BUSY_MESSAGE)) from exc
                time.sleep(pause)
                pause *= 2
        raise AssertionError("unreachable")

    def record(self, step: Step, changes: Changes) -> None:
        """An operation that has done its change records the step and tells the windows."""
        self.history.push(step)
        self.emit(changes)

    def undo(self) -> Changes:
        step = self.history.next_undo()
        if step is not None:
            self.check_free(step.assignment_ids)
        changes = self.history.undo()
        self.emit(changes)
        return changes

    def redo(self) -> Changes:
        step = self.history.next_redo()
        if step is not None:
            self.check_free(step.assignment_ids)
        changes = self.history.redo()
        self.emit(changes)
        return changes

    # --- holding an assignment still while it is printed -------------------------------------------
    def hold(self, assignment_id: int, reason: str) -> Callable[[], None]:
        """Refuses every change to the assignment (and undo of one) until the returned function is called. A
        batch of feedback PDFs works on a snapshot; this keeps the snapshot true while it is written."""
        self._holds[assignment_id] = reason

        def release() -> None:
            self._holds.pop(assignment_id, None)

        return release

    def check_free(self, assignment_ids: Iterable[int | None]) -> None:
        for assignment_id in assignment_ids:
            if assignment_id in self._holds:
                raise AssignmentHeld(self._holds[assignment_id])

    def held(self, assignment_id: int) -> bool:
        return assignment_id in self._holds

    # --- the rules every window shares -------------------------------------------------------------
    def categories_for(self, article_id: int | None) -> CategorySet:
        """The categories in play on an article: a student's assignment brings the teacher's choice; a teacher's
        article has the standard ones plus her own from any assignment on it (so the key can use them, and
        printing names them rather than calling them "Other")."""
        if article_id is None:
            return self.standard_categories
        from desktop_app.core.assignments import STUDENT

        assignments = self.assignments.for_article(article_id)
        student = next((a for a in assignments if a.role == STUDENT), None)
        if student is not None:
            return student.category_set
        own = {c.key: c for a in assignments for c in a.categories if c.key not in self.standard_categories}
        return CategorySet(list(self.standard_categories) + list(own.values())) if own else self.standard_categories

    def close(self) -> None:
        self.db.dispose()
