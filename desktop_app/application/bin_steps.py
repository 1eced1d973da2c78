"""The two steps behind every removal: taking work out into the bin, and adding work whose undo takes it out.

Removing an article, an assignment or hand-ins is a ``Removing`` step: doing it keeps the rows in the bin
(storage.removed_work), undoing it brings that very entry back. Importing an article, making an assignment or
receiving a pack is an ``Adding`` step: undoing it takes the thing out into the bin, with anything that came
to hang on it since (hand-ins imported in the classroom window, grades), and redoing brings it back. Either
way the rows return with their ids and values, and nothing is lost to an undo.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from desktop_app.application.changes import Changes
from desktop_app.application.history import Step
from desktop_app.storage.removed_work import ARTICLE, ASSIGNMENT, Removal, RemovedWorkService
from desktop_app.storage.rowsets import Loss

if TYPE_CHECKING:
    from desktop_app.application.library import Library

_OWN = {ARTICLE: "articles", ASSIGNMENT: "assignments"}  # the thing itself, not asked about when it is all


def beyond_itself(kind: str, loss: Loss) -> Loss | None:
    """``loss`` without the removed thing itself (and an article's own marks): None when nothing else goes."""
    if kind in _OWN:
        loss = replace(loss, **{_OWN[kind]: max(0, getattr(loss, _OWN[kind]) - 1)})
    if kind == ARTICLE:
        loss = replace(loss, marks=0)  # an article's marks go with it; what is worth asking is its class
    return loss if loss.as_dict() else None


class Removing(Step):
    """Done: the rows are taken out into the bin. Undone: that bin entry is put back."""

    def __init__(self, lib: Library, label: str, kind: str, ids: list[int], entry: Removal, changes: Changes,
                 assignment_ids: frozenset[int] = frozenset()) -> None:
        self.lib, self.label, self.kind, self.ids, self.entry = lib, label, kind, ids, entry
        self.changes = changes
        self.assignment_ids = assignment_ids

    def apply(self) -> Changes:
        self.entry = RemovedWorkService(self.lib.db).take_out(self.kind, self.ids)
        return self.changes

    def revert(self) -> Changes:
        RemovedWorkService(self.lib.db).bring_back(self.entry.id)
        return self.changes

    def redo_takes(self) -> Loss | None:
        return RemovedWorkService(self.lib.db).cost(self.kind, self.ids)


class Adding(Step):
    """Done: the thing was added (and is there). Undone: it is taken out into the bin with what hangs on it."""

    def __init__(self, lib: Library, label: str, kind: str, thing_id: int, changes: Changes,
                 assignment_ids: frozenset[int] = frozenset()) -> None:
        self.lib, self.label, self.kind, self.thing_id, self.changes = lib, label, kind, thing_id, changes
        self.assignment_ids = assignment_ids
        self.entry: Removal | None = None

    def revert(self) -> Changes:
        self.entry = RemovedWorkService(self.lib.db).take_out(self.kind, [self.thing_id])
        return self.changes

    def apply(self) -> Changes:
        if self.entry is not None:
            RemovedWorkService(self.lib.db).bring_back(self.entry.id)
        return self.changes

    def undo_takes(self) -> Loss | None:
        return beyond_itself(self.kind, RemovedWorkService(self.lib.db).cost(self.kind, [self.thing_id]))
