"""Assignments at the desk: what the window calls to make and hand out an assignment (teacher), and to open a
pack, work on it and hand it in (student). It holds no widgets and no rules: each call is one operation of the
library (application.assignments, application.student), and it follows the library's changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop_app.application.changes import Changes
from desktop_app.core.assignments import STUDENT, TEACHER, Assignment, Progress, hand_in_gaps, progress
from desktop_app.core.marks import OWN_LAYER
from desktop_app.i18n import _

if TYPE_CHECKING:
    from desktop_app.application.feedback_files import FeedbackOpening, ReceivedFeedback
    from desktop_app.application.student import HandIn, PackOpening
    from desktop_app.core.feedback import PlacedFeedback
    from desktop_app.storage.rowsets import Loss
    from desktop_app.ui.desk import Desk


class AssignmentDesk(QObject):
    changed = Signal()  # the open article's assignment (or its progress) changed

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent or desk)
        self.desk = desk
        self.current: Assignment | None = None  # the student's copy on the open article, if any
        self.teacher_assignments: list[Assignment] = []  # the teacher's assignments on the open article
        self.feedback: ReceivedFeedback | None = None  # the teacher's feedback kept on the student's copy
        self._placed: PlacedFeedback | None = None  # the feedback laid on the marks as they are (made on demand)
        desk.articleOpened.connect(lambda _article: self.reload())
        desk.marks.subscribe(self._on_marks)
        desk.storageOpened.connect(self._follow_library)
        if desk.storage_open:
            self._follow_library()

    def _follow_library(self) -> None:
        self.desk.signals.changed.connect(self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        mine = {a.id for a in self.teacher_assignments} | ({self.current.id} if self.current else set())
        article = self.desk.article
        if mine & changes.assignments or (article is not None and article.id in changes.articles):
            self.reload()

    def _on_marks(self, *_event) -> None:
        if self.current is not None:
            self._placed = None  # a mark moved, came or went: lay the feedback on the marks again when asked
            self.changed.emit()

    @property
    def library(self):
        return self.desk.library

    def reload(self) -> None:
        article = self.desk.article
        found = self.library.assignments.for_article(article.id) if article is not None and self.desk.storage_open \
            else []
        self.current = next((a for a in found if a.role == STUDENT), None)
        self.teacher_assignments = [a for a in found if a.role == TEACHER]
        self.feedback = self.library.feedback_files.on_copy(self.current.stored_id) if self.current else None
        self._placed = None
        self.changed.emit()

    # --- the teacher's feedback on the student's copy --------------------------------------------
    def placed_feedback(self) -> PlacedFeedback | None:
        """The feedback laid on the copy's marks as they are now (None without feedback)."""
        if self.feedback is None:
            return None
        if self._placed is None:
            self._placed = self.feedback.placed(m for m in self.desk.marks if m.layer == OWN_LAYER)
        return self._placed

    def read_feedback(self, path: Path) -> FeedbackOpening:
        """Reads a feedback file and finds the student's own copy it is on; changes nothing (ExchangeError for a
        bad or edited file, NotInLibrary when this library has no copy of that student's work)."""
        return self.library.feedback_files.read(Path(path))

    def receive_feedback(self, opening: FeedbackOpening) -> ReceivedFeedback | None:
        """Keeps the feedback on its copy (one undoable step) and opens that copy on the desk."""
        received = self.desk.attempts.run(lambda: self.library.feedback_files.receive(opening))
        if received is not None:
            self.open_copy(opening.copy)
        return received

    # --- student ---------------------------------------------------------------------------------
    def progress(self) -> list[Progress]:
        if self.current is None:
            return []
        return progress(self.current, [m for m in self.desk.marks if m.layer == OWN_LAYER])

    def hand_in_gaps(self) -> list[str]:
        """Minimums not reached and notes missing (when the teacher asks for a note on every mark)."""
        if self.current is None:
            return []
        return hand_in_gaps(self.current, [m for m in self.desk.marks if m.layer == OWN_LAYER])

    def read_pack(self, path: Path) -> PackOpening:
        """Reads the pack and this library's copies of it; changes nothing (ExchangeError for a bad file)."""
        return self.library.student.read_pack(Path(path))

    def start_copy(self, opening: PackOpening) -> Assignment | None:
        """A fresh, empty copy for a student who has not started one here, opened on the desk."""
        made = self.desk.attempts.run(lambda: self.library.student.start_copy(opening))
        if made is not None:
            self.open_copy(made)
        return made

    def open_copy(self, copy: Assignment) -> None:
        self.desk.open_article(copy.article_id, OWN_LAYER)
        self.reload()

    def set_student_name(self, name: str) -> bool:
        current = self.current
        if current is None:
            return False
        return self.desk.attempts.run(lambda: self.library.student.set_name(current.id, name)) is not None

    def hand_in(self, folder: Path) -> HandIn:
        """Writes the student's marks as one .ledesub in ``folder``. Raises ExchangeError, LookupError."""
        if self.current is None:
            raise LookupError(_("Open an assignment first."))
        return self.library.student.hand_in(self.current.id, Path(folder))

    # --- teacher ---------------------------------------------------------------------------------
    def create(self, draft: Assignment) -> Assignment | None:
        return self.desk.attempts.run(lambda: self.library.assignments.create(draft))

    def update(self, changed: Assignment) -> Assignment | None:
        return self.desk.attempts.run(lambda: self.library.assignments.update(changed))

    def get(self, assignment_id: int) -> Assignment | None:
        return self.library.assignments.get(assignment_id)

    def removal_cost(self, assignment_id: int) -> Loss:
        return self.library.assignments.removal_cost(assignment_id)

    def remove(self, assignment_id: int) -> bool:
        """Removes a teacher's assignment with its hand-ins and reviews into the bin (the article and key stay)."""
        return self.desk.attempts.run(lambda: self.library.assignments.remove(assignment_id)) is not None

    def export_pack(self, assignment: Assignment, path: Path) -> Path:
        return self.library.assignments.export_pack(assignment.id, Path(path))
