"""Every change a user makes is one QUndoCommand that calls one service method (one transaction).

The desk runs the first ``redo`` itself before pushing, so a failure there (a full disk, a locked
database) is reported to the user and nothing lands on the undo stack. Later undo/redo failures are
reported too, and the command is made obsolete so the stack never claims a state the database lacks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from desktop_app.core.articles import ArticleDetails
from desktop_app.core.marks import Mark

if TYPE_CHECKING:
    from desktop_app.ui.desk import Desk

NOTE_EDIT_ID = 1001  # consecutive note edits of one mark merge into one undo step


class DeskCommand(QUndoCommand):
    """``desk`` is anything with ``report_error(message)``: the main desk, or the classroom window's."""

    def __init__(self, desk: "Desk", text: str) -> None:
        super().__init__(text)
        self.desk = desk
        self._first = True

    def redo(self) -> None:
        if self._first:  # the desk has already done it, to report errors before pushing
            self._first = False
            return
        self._guarded(self.apply)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step) -> None:
        try:
            step()
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
            self.setObsolete(True)
            self.desk.report_error(f"Could not {self.text().lower()}: {exc}")

    # Subclasses define apply() and revert(), each one call of the desk, which is one transaction.


class AddMarkCommand(DeskCommand):
    def __init__(self, desk: "Desk", stored: Mark, label: str) -> None:
        super().__init__(desk, f"Mark as {label}")
        self.mark = stored

    def apply(self) -> None:
        self.desk.store_mark(self.mark, restore=True)

    def revert(self) -> None:
        self.desk.drop_mark(self.mark)


class DeleteMarkCommand(DeskCommand):
    def __init__(self, desk: "Desk", deleted: Mark) -> None:
        super().__init__(desk, "Delete mark")
        self.mark = deleted

    def apply(self) -> None:
        self.desk.drop_mark(self.mark)

    def revert(self) -> None:
        self.desk.store_mark(self.mark, restore=True)


class EditMarkCommand(DeskCommand):
    def __init__(self, desk: "Desk", before: Mark, after: Mark, label: str, note_only: bool = False) -> None:
        super().__init__(desk, label)
        self.before, self.after = before, after
        self.note_only = note_only

    def id(self) -> int:
        return NOTE_EDIT_ID if self.note_only else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditMarkCommand) or not other.note_only or other.after.id != self.after.id:
            return False
        self.after = other.after
        return True

    def apply(self) -> None:
        self.desk.update_mark(self.after)

    def revert(self) -> None:
        self.desk.update_mark(self.before)


class ImportArticleCommand(DeskCommand):
    def __init__(self, desk: "Desk", article_id: int, label: str) -> None:
        super().__init__(desk, label)
        self.article_id = article_id
        self.snapshot = None

    def apply(self) -> None:
        self.desk.restore_article(self.snapshot)

    def revert(self) -> None:
        self.snapshot = self.desk.remove_article(self.article_id)


class DeleteArticleCommand(DeskCommand):
    def __init__(self, desk: "Desk", snapshot) -> None:
        super().__init__(desk, f"Remove “{snapshot.article.details.title or 'untitled'}” from the library")
        self.snapshot = snapshot

    def apply(self) -> None:
        self.snapshot = self.desk.remove_article(self.snapshot.article.id)

    def revert(self) -> None:
        self.desk.restore_article(self.snapshot)


class EditDetailsCommand(DeskCommand):
    def __init__(self, desk: "Desk", article_id: int, before: ArticleDetails, after: ArticleDetails) -> None:
        super().__init__(desk, "Edit article details")
        self.article_id, self.before, self.after = article_id, before, after

    def apply(self) -> None:
        self.desk.write_details(self.article_id, self.after)

    def revert(self) -> None:
        self.desk.write_details(self.article_id, self.before)
