"""A teacher's assignments: making one from an article, changing it, removing it with its class, handing it out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.application.bin_steps import Adding, Removing
from desktop_app.application.changes import Changes
from desktop_app.application.history import Step
from desktop_app.core.assignments import Assignment
from desktop_app.i18n import _
from desktop_app.storage.assignments import AssignmentService, AssignmentSummary
from desktop_app.storage.removed_work import ASSIGNMENT, RemovedWorkService
from desktop_app.storage.rowsets import Loss

if TYPE_CHECKING:
    from desktop_app.application.library import Library


class AssignmentOps:
    def __init__(self, library: Library) -> None:
        self.lib = library
        self.service = AssignmentService(library.db)

    # --- reading -----------------------------------------------------------------------------------
    def get(self, assignment_id: int) -> Assignment | None:
        return self.service.get(assignment_id)

    def for_article(self, article_id: int) -> list[Assignment]:
        return self.service.for_article(article_id)

    def summaries(self, role: str | None = None) -> list[AssignmentSummary]:
        return self.service.summaries(role)

    def by_uid(self, uid: str, role: str) -> Assignment | None:
        return self.service.by_uid(uid, role)

    # --- changing ----------------------------------------------------------------------------------
    def _changes(self, assignment: Assignment) -> Changes:
        # The article's categories in play follow its assignments (Library.categories_for).
        return Changes(assignments=frozenset({assignment.stored_id}),
                       articles=frozenset({assignment.stored_article_id}), removed_bin=True)

    def create(self, draft: Assignment) -> Assignment:
        """Stores a new assignment (AssignmentError saying what to fix). Undoing it later takes it out into the
        bin with any hand-ins that came in since, after asking (Step.undo_takes)."""
        stored = self.lib.run(lambda: self.service.create(draft))
        changes = self._changes(stored)
        label = _("Make assignment “{title}”").format(title=stored.title)
        self.lib.record(Adding(self.lib, label, ASSIGNMENT, stored.stored_id, changes, frozenset({stored.stored_id})),
                        changes)
        return stored

    def update(self, changed: Assignment) -> Assignment | None:
        before = self.service.get(changed.stored_id)
        if before is None:
            raise LookupError(_("That assignment is no longer in the library."))
        if before == changed:
            return None
        self.lib.check_free([changed.stored_id])
        stored = self.lib.run(lambda: self.service.update(changed))
        self.lib.record(EditAssignment(self, before, stored), self._changes(stored))
        return stored

    def removal_cost(self, assignment_id: int) -> Loss:
        return RemovedWorkService(self.lib.db).cost(ASSIGNMENT, [assignment_id])

    def remove(self, assignment_id: int) -> Loss:
        """Removes the assignment with its hand-ins, reviews and class list into the bin (the article and its key
        stay); undo or File ▸ Recently removed brings it all back."""
        self.lib.check_free([assignment_id])
        stored = self.service.get(assignment_id)
        if stored is None:
            raise LookupError(_("That assignment is no longer in the library."))
        entry = self.lib.run(lambda: RemovedWorkService(self.lib.db).take_out(ASSIGNMENT, [assignment_id]))
        changes = self._changes(stored)
        label = _("Remove assignment “{title}”").format(title=stored.title)
        self.lib.record(Removing(self.lib, label, ASSIGNMENT, [assignment_id], entry, changes,
                                 frozenset({assignment_id})), changes)
        return entry.loss

    def export_pack(self, assignment_id: int, path: Path) -> Path:
        """Writes the student pack (never the key). Raises ExchangeError for a file that cannot be written."""
        from desktop_app.exchange.pack import write_pack

        assignment = self.service.get(assignment_id)
        article = self.lib.articles.get(assignment.stored_article_id) if assignment is not None else None
        if assignment is None or article is None:
            raise LookupError(_("That assignment or its article is no longer in the library."))
        return write_pack(Path(path), assignment, article)

    def _write(self, assignment: Assignment) -> Changes:
        self.service.update(assignment)
        return self._changes(assignment)


class EditAssignment(Step):
    def __init__(self, ops: AssignmentOps, before: Assignment, after: Assignment) -> None:
        self.ops, self.before, self.after = ops, before, after
        self.label = _("Change assignment “{title}”").format(title=after.title)
        self.assignment_ids = frozenset({after.stored_id})

    def apply(self) -> Changes:
        return self.ops._write(self.after)

    def revert(self) -> Changes:
        return self.ops._write(self.before)
