"""The application layer's errors: each carries one sentence for the person, saying what happened and what to do."""

from __future__ import annotations


class LedeError(Exception):
    """Something the person must be told; ``message`` is written for them, never raw driver or SQL text."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotInLibrary(LedeError, LookupError):
    """What the action is about is no longer in the library (removed meanwhile, perhaps in another window)."""


class LibraryBusy(LedeError):
    """Another program (a second Lede window on the same library) kept the database busy past every retry.
    Nothing was changed; the change can be tried again as it is."""


class ChangedElsewhere(LedeError):
    """Undo or redo found its thing changed by another window on the same library since; it leaves it alone."""


class StepFailed(LedeError):
    """Undoing or redoing a step failed; the step was dropped from the history."""


class AssignmentHeld(LedeError):
    """The assignment is being printed (a batch works on a snapshot of it) and refuses changes until it ends."""


class SaveFailed(LedeError):
    """The database refused a change (a full disk, a read-only folder). Nothing was changed."""
