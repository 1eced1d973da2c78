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

if TYPE_CHECKING:
    from desktop_app.application.student import HandIn, PackOpening
    from desktop_app.storage.rowsets import Loss
    from desktop_app.ui.desk import Desk


class AssignmentDesk(QObject):
    changed = Signal()  # the open article's assignment (or its progress) changed

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent or desk)
        self.desk = desk
        self.current: Assignment | None = None  # the student's copy on the open article, if any
        self.teacher_assignments: list[Assignment] = []  # the teacher's assignments on the open article
        desk.articleOpened.connect(lambda _article: self.reload())
        desk.marks.subscribe(lambda *_: self.changed.emit() if self.current is not None else None)
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

    @property
    def library(self):
        return self.desk.library

    def reload(self) -> None:
        article = self.desk.article
        found = self.library.assignments.for_article(article.id) if article is not None and self.desk.storage_open \
            else []
        self.current = next((a for a in found if a.role == STUDENT), None)
        self.teacher_assignments = [a for a in found if a.role == TEACHER]
        self.changed.emit()

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
            raise LookupError("Open an assignment first.")
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
