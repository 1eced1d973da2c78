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
            verb = "Undo" if undo else "Redo"
            box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME,
                              f"{verb} “{step.label}”?\n\nThat removes {loss.describe()}. They are kept in "
                              "File ▸ Recently removed, where you can bring them back.",
                              QMessageBox.StandardButton.NoButton, parent)
            box.setTextFormat(Qt.TextFormat.PlainText)
            go = box.addButton(f"{verb} and remove them", QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is not go:
                return False
        try:
            self.library.undo() if undo else self.library.redo()
        except LibraryBusy as exc:
            self.notice.emit(exc.message.replace("it is tried again in a moment", "press Undo again in a moment"))
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
            undo.setText(f"&Undo {history.undo_label.replace('&', '&&')}".strip())
            redo.setText(f"&Redo {history.redo_label.replace('&', '&&')}".strip())
            undo.setToolTip(f"Undo {history.undo_label}".strip())
            redo.setToolTip(f"Redo {history.redo_label}".strip())

        self.historyChanged.connect(follow)
        follow()


def undo_redo_actions(window: QWidget) -> tuple[QAction, QAction]:
    """A window's Undo and Redo actions, disabled until bound to a library (LibrarySignals.bind)."""
    undo = QAction("&Undo", window)
    undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
    redo = QAction("&Redo", window)
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    undo.setEnabled(False)
    redo.setEnabled(False)
    return undo, redo
