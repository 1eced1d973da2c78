"""A one-line label that shows as much of its text as fits, ending in "…", with the whole text on hover.

A long assignment or article title must never push the buttons beside it off a 1366-pixel screen, nor shrink
to nothing: it takes the room there is, and the reader hovers for the rest. The text is set in its own
direction, at the window's leading edge: an English title in the Hebrew window reads "Who speaks?", not
"?Who speaks".
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QTextOption
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyle, QWidget

from desktop_app.core.text import detect_direction

from desktop_app.ui.look import plain_tip

MIN_CHARACTERS = 12  # the least a title shows before it gives way to the buttons beside it


class ElidedLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._direction = Qt.LayoutDirection.LeftToRight  # the text's own, found once per text, not per paint
        self.setTextFormat(Qt.TextFormat.PlainText)  # the teacher's or a file's words: data, never markup
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text
        self._direction = (Qt.LayoutDirection.RightToLeft if detect_direction(text) == "rtl"
                           else Qt.LayoutDirection.LeftToRight)
        super().setText(text)
        self.setToolTip(plain_tip(text))
        self.setAccessibleName(text)
        self.updateGeometry()
        self.update()

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self):  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        hint.setWidth(min(super().sizeHint().width(), self.fontMetrics().averageCharWidth() * MIN_CHARACTERS))
        return hint

    def shown_text(self) -> str:
        """What fits in the label's width now: the text, or its start and "…"."""
        width = max(0, self.contentsRect().width())
        return self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        option = QTextOption(QStyle.visualAlignment(self.layoutDirection(),
                                                    self.alignment() | Qt.AlignmentFlag.AlignVCenter))
        option.setTextDirection(self._direction)
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        painter.drawText(QRectF(self.contentsRect()), self.shown_text(), option)
