"""Assignments at the desk: what the window calls to make and hand out an assignment (teacher), and to open a
pack, work on it and hand it in (student). It holds no widgets; storage and files are reached through services.

Making, changing and removing an assignment, and setting the student's name, are each one command on the
desk's undo stack and one transaction. Handing in writes a file the student gives away, so it is not undone.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop_app.core.assignments import STUDENT, TEACHER, Assignment, Progress, clean_name, progress
from desktop_app.core.marks import OWN_LAYER
from desktop_app.ui.commands import DeskCommand

if TYPE_CHECKING:
    from desktop_app.storage.assignments import AssignmentService
    from desktop_app.ui.desk import Desk


class AssignmentDesk(QObject):
    changed = Signal()  # the open article's assignment (or its progress) changed
    assignmentsEdited = Signal()  # a teacher's assignment was made, changed or removed (or that was undone)

    def __init__(self, desk: "Desk", parent: QObject | None = None) -> None:
        super().__init__(parent or desk)
        self.desk = desk
        self.current: Assignment | None = None  # the student's assignment on the open article, if any
        self.teacher_assignments: list[Assignment] = []  # the teacher's assignments on the open article
        desk.articleOpened.connect(self._on_article)
        desk.marks.subscribe(lambda *_: self.changed.emit() if self.current is not None else None)

    @property
    def service(self) -> "AssignmentService":
        from desktop_app.storage.assignments import AssignmentService

        return AssignmentService(self.desk.db)

    def _on_article(self, article) -> None:
        self.reload()

    def reload(self) -> None:
        article = self.desk.article
        found = self.service.for_article(article.id) if article is not None and self.desk.storage_open else []
        self.current = next((a for a in found if a.role == STUDENT), None)
        self.teacher_assignments = [a for a in found if a.role == TEACHER]
        self.changed.emit()

    def received_titles(self) -> dict[int, str]:
        """Article id -> assignment title, for the assignments this library received as a student."""
        if not self.desk.storage_open:
            return {}
        return {s.assignment.article_id: s.assignment.title for s in self.service.list(role=STUDENT)}

    # --- student ---------------------------------------------------------------------------------
    def progress(self) -> list[Progress]:
        if self.current is None:
            return []
        return progress(self.current, [m for m in self.desk.marks if m.layer == OWN_LAYER])

    def open_pack(self, path: Path) -> tuple[Assignment, bool]:
        """Adds the pack's article and assignment to this library, or finds them from an earlier opening (the
        student continues where they stopped), and opens the article. Raises ExchangeError for a bad file."""
        from desktop_app.exchange.pack import read_pack

        pack = read_pack(Path(path), Path(path).name)
        assignment, created = self.service.receive(pack.assignment, pack.details, pack.text, Path(path).name)
        self.desk.set_layer(OWN_LAYER)
        self.desk.open_article(assignment.article_id)
        self.reload()
        self.desk.libraryChanged.emit()  # after the assignment is known, so the library can mark it as one
        return assignment, created

    def set_student_name(self, name: str) -> bool:
        name = clean_name(name)
        if self.current is None or not name or name == self.current.student_name:
            return False
        before = self.current.student_name
        stored = self.desk._attempt(lambda: self.service.set_student_name(self.current.id, name))
        if stored is None:
            return False
        self.desk.undo_stack.push(StudentNameCommand(self, stored.id, before, name))
        self.reload()
        return True

    def write_student_name(self, assignment_id: int, name: str) -> None:
        self.service.set_student_name(assignment_id, name)
        self.reload()

    def hand_in(self, folder: Path) -> tuple[Path, bool]:
        """Writes the student's marks as one .ledesub file in ``folder``; returns its path and whether an
        earlier hand-in there was replaced. Raises ExchangeError (e.g. a folder that cannot be written)."""
        from desktop_app.exchange.pack import text_sha256
        from desktop_app.exchange.submission import write_submission

        a, article = self.current, self.desk.article
        if a is None or article is None:
            raise LookupError("Open an assignment first.")
        if not a.student_name:
            raise LookupError("Type your name first, so your teacher knows whose work this is.")
        marks = sorted((m for m in self.desk.marks if m.layer == OWN_LAYER), key=lambda m: (m.start, -m.end, m.id))
        now = datetime.now(timezone.utc)
        path, replaced = write_submission(Path(folder), a, text_sha256(article.text), a.student_name, marks, now)
        self.service.record_hand_in(a.id, now, str(path))
        self.reload()
        return path, replaced

    # --- teacher ---------------------------------------------------------------------------------
    def create(self, draft: Assignment) -> Assignment | None:
        stored = self.desk._attempt(lambda: self.service.create(draft))
        if stored is None:
            return None
        self.desk.undo_stack.push(CreateAssignmentCommand(self, stored))
        self._after_change()
        return stored

    def update(self, changed: Assignment) -> Assignment | None:
        before = self.service.get(changed.id)
        if before is None or before == changed:
            return before
        stored = self.desk._attempt(lambda: self.service.update(changed))
        if stored is None:
            return None
        self.desk.undo_stack.push(EditAssignmentCommand(self, before, stored))
        self._after_change()
        return stored

    def remove_with_undo(self, assignment_id: int) -> bool:
        """Removes a teacher's assignment with its hand-ins and reviews (the article and key stay)."""
        stored = self.service.get(assignment_id)
        snapshot = self.desk._attempt(lambda: self.remove(assignment_id))
        if snapshot is None or stored is None:
            return False
        self.desk.undo_stack.push(RemoveAssignmentCommand(self, stored.title, snapshot))
        return True

    def export_pack(self, assignment: Assignment, path: Path) -> Path:
        from desktop_app.exchange.pack import write_pack

        article = self.desk.article_service.get(assignment.article_id)
        if article is None:
            raise LookupError("The assignment's article is no longer in the library.")
        return write_pack(Path(path), assignment, article)

    # --- called by the commands ------------------------------------------------------------------
    def remove(self, assignment_id: int):
        snapshot = self.service.delete(assignment_id)
        self._after_change()
        return snapshot

    def restore(self, snapshot) -> None:
        self.service.restore(snapshot)
        self._after_change()

    def write(self, assignment: Assignment) -> None:
        self.service.update(assignment)
        self._after_change()

    def _after_change(self) -> None:
        self.desk._saved()
        self.desk.refresh_categories()
        self.reload()
        self.assignmentsEdited.emit()


class CreateAssignmentCommand(DeskCommand):
    def __init__(self, owner: AssignmentDesk, stored: Assignment) -> None:
        super().__init__(owner.desk, f"Make assignment “{stored.title}”")
        self.owner, self.assignment_id, self.snapshot = owner, stored.id, None

    def apply(self) -> None:
        self.owner.restore(self.snapshot)

    def revert(self) -> None:
        self.snapshot = self.owner.remove(self.assignment_id)


class RemoveAssignmentCommand(DeskCommand):
    def __init__(self, owner: AssignmentDesk, title: str, snapshot) -> None:
        super().__init__(owner.desk, f"Remove assignment “{title}”")
        self.owner, self.snapshot = owner, snapshot

    def apply(self) -> None:
        self.snapshot = self.owner.remove(self.snapshot.assignment.id)

    def revert(self) -> None:
        self.owner.restore(self.snapshot)


class EditAssignmentCommand(DeskCommand):
    def __init__(self, owner: AssignmentDesk, before: Assignment, after: Assignment) -> None:
        super().__init__(owner.desk, f"Change assignment “{after.title}”")
        self.owner, self.before, self.after = owner, before, after

    def apply(self) -> None:
        self.owner.write(self.after)

    def revert(self) -> None:
        self.owner.write(self.before)


class StudentNameCommand(DeskCommand):
    def __init__(self, owner: AssignmentDesk, assignment_id: int, before: str, after: str) -> None:
        super().__init__(owner.desk, "Change your name")
        self.owner, self.assignment_id, self.before, self.after = owner, assignment_id, before, after

    def apply(self) -> None:
        self.owner.write_student_name(self.assignment_id, self.after)

    def revert(self) -> None:
        self.owner.write_student_name(self.assignment_id, self.before)
