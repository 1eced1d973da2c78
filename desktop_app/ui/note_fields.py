"""The editable fields of the tagging panel whose undo belongs to the window's one history, not to the field."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

NOTE_MAX_CHARS = 10_000  # a long paragraph of reasoning; a stray paste of a whole article is refused


def _is_undo_or_redo(event) -> bool:
    return event.type() == QEvent.Type.ShortcutOverride and (
        event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))


class ExtraEdit(QLineEdit):
    """The one-line extra answer; like the note, its Ctrl+Z belongs to the window's one history."""

    flushRequested = Signal()

    def event(self, event) -> bool:
        if _is_undo_or_redo(event):
            self.flushRequested.emit()
            event.ignore()
            return True
        return super().event(event)


class NoteEdit(QPlainTextEdit):
    """A note field whose Ctrl+Z belongs to the window's undo stack, not to the field alone,
    so one undo history covers marks and notes alike."""

    flushRequested = Signal()
    leaveRequested = Signal()
    pasteRefused = Signal(int)  # how long the note would have been

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)

    def event(self, event) -> bool:
        if _is_undo_or_redo(event):
            self.flushRequested.emit()
            event.ignore()  # let the window's Undo/Redo actions have it
            return True
        return super().event(event)

    def insertFromMimeData(self, source) -> None:
        incoming = len(source.text()) if source.hasText() else 0
        if incoming and len(self.toPlainText()) + incoming > NOTE_MAX_CHARS:
            self.pasteRefused.emit(len(self.toPlainText()) + incoming)
            return
        super().insertFromMimeData(source)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.flushRequested.emit()
            self.leaveRequested.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        self.flushRequested.emit()
        super().focusOutEvent(event)


class LazyCombo(QComboBox):
    """A combo box that fills its list only when it is opened: the list of Source marks can be a
    thousand long, and rebuilding it every time a claim is selected would slow every mark down."""

    aboutToShowPopup = Signal()

    def showPopup(self) -> None:
        self.aboutToShowPopup.emit()
        super().showPopup()
