"""A student's side of an assignment: opening the pack, working in one's own copy, one's name, handing in.

On a shared lab account the next student may open the same pack. Opening it never hands them the work of the
one before: when the library already holds copies with work in them, the window asks who is there ("Are you
Ana?"), and "someone else" starts a fresh, empty copy. Each copy is handed in under its own student's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, UTC
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.application.bin_steps import Adding
from desktop_app.application.changes import Changes, Focus
from desktop_app.application.history import Step
from desktop_app.core.assignments import Assignment, Progress, clean_name, progress
from desktop_app.core.marks import OWN_LAYER
from desktop_app.i18n import _
from desktop_app.storage.assignments import AssignmentService, StudentCopy
from desktop_app.storage.marks import MarkService
from desktop_app.storage.removed_work import ARTICLE

if TYPE_CHECKING:
    from desktop_app.exchange.pack import Pack
    from desktop_app.application.library import Library


@dataclass(frozen=True)
class PackOpening:
    """A pack read from a file, and this library's copies of its assignment."""

    path: Path
    pack: Pack
    copies: list[StudentCopy]

    @property
    def taken(self) -> list[StudentCopy]:
        """The copies someone has started: a name typed, or marks made. Opening the pack asks whose it is."""
        return [c for c in self.copies if c.assignment.student_name or c.marks]

    @property
    def blank(self) -> StudentCopy | None:
        """A copy nobody has started (opened, then closed before typing a name), to use before making another."""
        return next((c for c in self.copies if not c.assignment.student_name and not c.marks), None)


@dataclass(frozen=True)
class HandIn:
    path: Path
    replaced: bool  # an earlier hand-in of this student was replaced


class StudentOps:
    def __init__(self, library: Library) -> None:
        self.lib = library
        self.service = AssignmentService(library.db)

    def read_pack(self, path: Path) -> PackOpening:
        """Reads and checks the pack (ExchangeError for a bad file); changes nothing."""
        from desktop_app.exchange.pack import read_pack

        path = Path(path)
        pack = read_pack(path, path.name)
        return PackOpening(path, pack, self.service.copies(pack.assignment.uid))

    def start_copy(self, opening: PackOpening) -> Assignment:
        """A fresh, empty copy of the pack's assignment for a student who has not started one here. Undo takes
        it out (into the bin, with any work in it)."""
        pack = opening.pack
        stored = self.lib.run(lambda: self.service.receive(pack.assignment, pack.details, pack.text,
                                                           opening.path.name))
        article_id = stored.stored_article_id
        changes = Changes(library=True, articles=frozenset({article_id}), assignments=frozenset({stored.stored_id}),
                          removed_bin=True, focus=Focus(article_id, OWN_LAYER))
        label = _("Open assignment “{title}”").format(title=stored.title)
        self.lib.record(Adding(self.lib, label, ARTICLE, article_id, changes), changes)
        return stored

    def for_article(self, article_id: int | None) -> Assignment | None:
        """The student copy whose article this is, if it is one."""
        if article_id is None:
            return None
        return next((a for a in self.service.for_article(article_id) if a.role == "student"), None)

    def progress(self, assignment: Assignment) -> list[Progress]:
        return progress(assignment, MarkService(self.lib.db).list_for(assignment.stored_article_id, OWN_LAYER))

    def set_name(self, assignment_id: int, name: str) -> Assignment | None:
        name = clean_name(name)
        current = self.service.get(assignment_id)
        if current is None:
            raise LookupError(_("That assignment is no longer in the library."))
        if not name or name == current.student_name:
            return None
        stored = self.lib.run(lambda: self.service.set_student_name(assignment_id, name))
        self.lib.record(StudentName(self, current, name), self._named(stored))
        return stored

    def _named(self, assignment: Assignment) -> Changes:
        return Changes(library=True, assignments=frozenset({assignment.stored_id}))

    def _write_name(self, assignment_id: int, name: str) -> Changes:
        return self._named(self.service.set_student_name(assignment_id, name))

    def hand_in(self, assignment_id: int, folder: Path) -> HandIn:
        """Writes this copy's marks as one .ledesub in ``folder``, under the copy's student's name. A file of the
        same name written for another student is never replaced (exchange.submission picks another name). Not a
        step: the file is given away, undo cannot take it back. Raises ExchangeError, LookupError."""
        import hashlib

        from desktop_app.exchange.pack import text_sha256
        from desktop_app.exchange.submission import place_submission, submission_bytes

        a = self.service.get(assignment_id)
        article = self.lib.articles.get(a.stored_article_id) if a is not None else None
        if a is None or article is None:
            raise LookupError(_("Open an assignment first."))
        if not a.student_name:
            raise LookupError(_("Type your name first, so your teacher knows whose work this is."))
        marks = sorted(MarkService(self.lib.db).list_for(article.id, OWN_LAYER),
                       key=lambda m: (m.start, -m.end, m.id))
        now = datetime.now(UTC)
        data = submission_bytes(a, text_sha256(article.text), a.student_name, marks, now)
        path, replaced = place_submission(Path(folder), a, a.student_name, data)
        # The file's SHA-256 is the hand-in's identity: the teacher's feedback on it names it, and finds this copy.
        sha256 = hashlib.sha256(data).hexdigest()
        self.lib.run(lambda: self.service.record_hand_in(assignment_id, now, str(path), sha256))
        self.lib.emit(Changes(assignments=frozenset({assignment_id})))
        return HandIn(path, replaced)


class StudentName(Step):
    def __init__(self, ops: StudentOps, before: Assignment, after: str) -> None:
        self.ops, self.assignment_id, self.before, self.after = ops, before.stored_id, before.student_name, after
        self.label = _("Change your name")

    def apply(self) -> Changes:
        return self.ops._write_name(self.assignment_id, self.after)

    def revert(self) -> Changes:
        # An empty name cannot be written (set_student_name refuses it); the first name typed is undone to "".
        if not self.before:
            return self.ops._named(self.ops.service.clear_student_name(self.assignment_id))
        return self.ops._write_name(self.assignment_id, self.before)
