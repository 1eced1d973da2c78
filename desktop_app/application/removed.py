"""File ▸ Recently removed: the bin of removed articles, assignments and hand-ins, and bringing one back.

Bringing something back is a step like any other: undo takes it out into the bin again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from desktop_app.application.changes import Changes, Focus
from desktop_app.application.history import Step
from desktop_app.core.marks import OWN_LAYER
from desktop_app.i18n import _
from desktop_app.storage.removed_work import ARTICLE, Removal, RemovedWorkService

if TYPE_CHECKING:
    from desktop_app.application.library import Library


def changes_of(removal: Removal) -> Changes:
    """What taking out or bringing back ``removal`` changes, for the windows."""
    assignments = frozenset(removal.assignment_ids)
    articles = frozenset({removal.article_id}) if removal.article_id is not None else frozenset()
    focus = Focus(removal.article_id, OWN_LAYER) if removal.kind == ARTICLE and removal.article_id else None
    return Changes(library=removal.kind == ARTICLE, articles=articles, assignments=assignments,
                   class_work=assignments, removed_bin=True, focus=focus)


def what_came_with(removal: Removal) -> str:
    """ "with its 1 assignment, 2 hand-ins and 30 marks": what the removed thing took along, or "" for nothing."""
    own = {"article": "articles", "assignment": "assignments"}.get(removal.kind)
    loss = replace(removal.loss, **{own: 0}) if own else removal.loss
    # Translators: {things} is a list such as "1 assignment, 2 hand-ins and 30 marks".
    return _("with its {things}").format(things=loss.describe()) if loss.as_dict() else ""


class RemovedOps:
    def __init__(self, library: Library) -> None:
        self.lib = library
        self.service = RemovedWorkService(library.db)

    def entries(self) -> list[Removal]:
        return self.service.entries()

    def bring_back(self, entry_id: int) -> Removal:
        """Puts the entry's rows back with their ids. Raises LookupError (gone from the bin) or RestoreConflict
        (back already, or what it belonged to is gone), with nothing changed."""
        entry = next((e for e in self.service.entries() if e.id == entry_id), None)
        if entry is not None:
            self.lib.check_free(entry.assignment_ids)
        back = self.lib.run(lambda: self.service.bring_back(entry_id))
        changes = changes_of(back)
        self.lib.record(BringBack(self, back), changes)
        return back


class BringBack(Step):
    def __init__(self, ops: RemovedOps, removal: Removal) -> None:
        self.ops, self.removal = ops, removal
        # Translators: {what} is the bin's name for it: "“Pool to stay open”", "Ana's hand-in for “Who speaks?”".
        self.label = _("Bring back {what}").format(what=removal.label)
        self.assignment_ids = frozenset(removal.assignment_ids)

    def revert(self) -> Changes:
        self.removal = self.ops.service.take_out(self.removal.kind, self.removal.ids, self.removal.label)
        return changes_of(self.removal)

    def apply(self) -> Changes:
        self.removal = self.ops.service.bring_back(self.removal.id)
        return changes_of(self.removal)
