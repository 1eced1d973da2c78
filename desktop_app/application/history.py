"""The library's one undo history: every window's changes in one line, undone and redone in order.

A step is done once by its operation (so a failure is reported and nothing is recorded), then pushed here.
Undo reverts the newest step, redo applies it again; each is one transaction and returns the Changes it made.
Consecutive steps with the same merge key (typing into one note, one grade) become one step. Before undo or
redo every window saves what is typed but not yet saved (``add_flusher``), so undo never skips over it.
A step that fails when undone or redone is dropped and reported; one that only found the database busy stays
where it is, to be tried again. Plain Python, as glue's CommandStack and Anki's undo: Qt only watches it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable

from desktop_app.application.changes import Changes
from desktop_app.application.errors import LedeError, LibraryBusy, StepFailed
from desktop_app.i18n import _
from desktop_app.storage.rowsets import Loss

UNDO_LIMIT = 500


class Step(ABC):
    """One undoable change. Subclasses define ``apply`` (do it again) and ``revert`` (undo it), each one call of
    the storage layer, one transaction."""

    label: str = ""
    merge_key: Hashable | None = None  # steps with equal keys, pushed one after another, merge
    assignment_ids: frozenset[int] = frozenset()  # the assignments it changes (see Library.hold)

    @abstractmethod
    def apply(self) -> Changes: ...

    @abstractmethod
    def revert(self) -> Changes: ...

    def absorb(self, later: Step) -> None:
        """Takes in a later step with the same merge key: this step now ends where that one ended."""
        raise TypeError(f"{type(self).__name__} steps do not merge")

    def undo_takes(self) -> Loss | None:
        """What undoing this step would remove from the library, when that is more than the step's own change
        (undoing "Make assignment" after hand-ins came in); the person is asked first."""
        return None

    def redo_takes(self) -> Loss | None:
        return None


class History:
    def __init__(self, run: Callable[[Callable[[], Changes]], Changes], limit: int = UNDO_LIMIT) -> None:
        """``run`` runs one transaction's worth of work, retrying while the database is busy (Library.run)."""
        self._run = run
        self._limit = limit
        self._done: list[Step] = []
        self._undone: list[Step] = []
        self._watchers: list[Callable[[], None]] = []
        self._flushers: list[Callable[[], None]] = []

    # --- watching ----------------------------------------------------------------------------------
    def watch(self, callback: Callable[[], None]) -> Callable[[], None]:
        """``callback()`` after every change of what can be undone or redone; returns a function that stops it."""
        self._watchers.append(callback)
        return lambda: self._watchers.remove(callback) if callback in self._watchers else None

    def add_flusher(self, flush: Callable[[], None]) -> Callable[[], None]:
        """``flush()`` saves a window's typed-but-unsaved text; called before every undo and redo."""
        self._flushers.append(flush)
        return lambda: self._flushers.remove(flush) if flush in self._flushers else None

    def flush(self) -> None:
        for flush in list(self._flushers):
            flush()

    def _changed(self) -> None:
        for callback in list(self._watchers):
            callback()

    # --- state -------------------------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_label(self) -> str:
        return self._done[-1].label if self._done else ""

    @property
    def redo_label(self) -> str:
        return self._undone[-1].label if self._undone else ""

    def next_undo(self) -> Step | None:
        return self._done[-1] if self._done else None

    def next_redo(self) -> Step | None:
        return self._undone[-1] if self._undone else None

    def __len__(self) -> int:
        return len(self._done)

    # --- changing ----------------------------------------------------------------------------------
    def push(self, step: Step) -> None:
        """Records a step its operation has already done."""
        self._undone.clear()
        last = self._done[-1] if self._done else None
        if last is not None and step.merge_key is not None and last.merge_key == step.merge_key:
            last.absorb(step)
        else:
            self._done.append(step)
            del self._done[: max(0, len(self._done) - self._limit)]
        self._changed()

    def undo(self) -> Changes:
        """Reverts the newest step (after saving pending text). Raises StepFailed (the step is dropped) or
        LibraryBusy (the step stays, to be tried again)."""
        self.flush()
        if not self._done:
            return Changes()
        step = self._done[-1]
        changes = self._attempt(step, step.revert, self._done, undoing=True)
        self._undone.append(self._done.pop())
        self._changed()
        return changes

    def redo(self) -> Changes:
        self.flush()
        if not self._undone:
            return Changes()
        step = self._undone[-1]
        changes = self._attempt(step, step.apply, self._undone, undoing=False)
        self._done.append(self._undone.pop())
        self._changed()
        return changes

    def _attempt(self, step: Step, action: Callable[[], Changes], stack: list[Step], undoing: bool) -> Changes:
        try:
            return self._run(action)
        except LibraryBusy:
            raise
        except Exception as exc:
            stack.remove(step)
            self._changed()
            reason = exc.message if isinstance(exc, LedeError) else str(exc)
            # Translators: {step} is the step's name ("Edit note"); {reason} says why, as a clause.
            message = (_("Could not undo “{step}”: {reason}. That step is gone from the undo history; everything "
                         "else is as it was.") if undoing else
                       _("Could not redo “{step}”: {reason}. That step is gone from the undo history; everything "
                         "else is as it was."))
            raise StepFailed(message.format(step=step.label, reason=reason)) from exc

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._changed()
