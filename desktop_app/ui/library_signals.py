"""The Qt face of one Library: its change records and its undo history as signals, and Undo / Redo as actions.

One LibrarySignals per library, shared by the desk and the classroom window, so both show the same Undo text
and both undo the same history. A step whose undo (or redo) would take more than its own change — "Make
assignment" after hand-ins came in — is asked about first, with what it would take; a failed step is reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app import APP_NAME
from desktop_app.application.errors import LedeError, LibraryBusy
from desktop_app.i18n import _

if TYPE_CHECKING:  # the window imports this module at start-up, before SQLAlchemy has loaded
    from desktop_app.application.library import Library


class LibrarySignals(QObject):
    changed = Signal(object)  # application.changes.Changes
    historyChanged = Signal()  # what can be undone or redone, or its label, changed
    problem = Signal(str)  # a message the person must see
    notice = Signal(str)  # a sentence for the status line

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._stop = [library.subscribe(self.changed.emit), library.history.watch(self.historyChanged.emit)]

    def close(self) -> None:
        for stop in self._stop:
            stop()

    # --- undo and redo -----------------------------------------------------------------------------
    def step(self, parent: QWidget, undo: bool) -> bool:
        """Undoes (or redoes) the newest step after asking when it would take classroom work; True if done."""
        history = self.library.history
        history.flush()  # what is typed belongs to the history before we look at its newest step
        step = history.next_undo() if undo else history.next_redo()
        if step is None:
            return False
        try:
            loss = step.undo_takes() if undo else step.redo_takes()
        except Exception:  # noqa: BLE001 - counting is a courtesy; the step itself reports real trouble
            loss = None
        if loss is not None and loss.as_dict():
            question = (_("Undo “{step}”?\n\nThat removes {what}. They are kept in File ▸ Recently removed, where "
                          "you can bring them back.") if undo else
                        _("Redo “{step}”?\n\nThat removes {what}. They are kept in File ▸ Recently removed, where "
                          "you can bring them back."))
            box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME,
                              question.format(step=step.label, what=loss.describe()),
                              QMessageBox.StandardButton.NoButton, parent)
            box.setTextFormat(Qt.TextFormat.PlainText)
            go = box.addButton(_("Undo and remove them") if undo else _("Redo and remove them"),
                               QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is not go:
                return False
        try:
            self.library.undo() if undo else self.library.redo()
        except LibraryBusy:
            # Unlike a change, an undo that found the library busy is not tried again by itself.
            self.notice.emit(_("Another Lede window is saving to this library right now, so this change could not be "
                               "saved yet. Nothing is lost: press Undo again in a moment.") if undo else
                             _("Another Lede window is saving to this library right now, so this change could not be "
                               "saved yet. Nothing is lost: press Redo again in a moment."))
            return False
        except LedeError as exc:
            self.problem.emit(exc.message)
            return False
        return True

    def bind(self, undo: QAction, redo: QAction, window: QWidget) -> None:
        """Makes a window's Undo and Redo actions follow (and act on) this library's one history."""
        undo.triggered.connect(lambda: self.step(window, undo=True))
        redo.triggered.connect(lambda: self.step(window, undo=False))

        def follow() -> None:
            history = self.library.history
            undo.setEnabled(history.can_undo)
            redo.setEnabled(history.can_redo)
            # A lone & in a label would underline the next letter as a shortcut.
            undo.setText(_("&Undo {step}").format(step=history.undo_label.replace("&", "&&"))
                         if history.undo_label.strip() else _("&Undo"))
            redo.setText(_("&Redo {step}").format(step=history.redo_label.replace("&", "&&"))
                         if history.redo_label.strip() else _("&Redo"))
            undo.setToolTip(_("Undo {step}").format(step=history.undo_label)
                            if history.undo_label.strip() else _("Undo"))
            redo.setToolTip(_("Redo {step}").format(step=history.redo_label)
                            if history.redo_label.strip() else _("Redo"))

        self.historyChanged.connect(follow)
        follow()


def undo_redo_actions(window: QWidget) -> tuple[QAction, QAction]:
    """A window's Undo and Redo actions, disabled until bound to a library (LibrarySignals.bind)."""
    undo = QAction(_("&Undo"), window)
    undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
    redo = QAction(_("&Redo"), window)
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    undo.setEnabled(False)
    redo.setEnabled(False)
    return undo, redo
