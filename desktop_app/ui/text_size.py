"""One text size for the whole interface: View ▸ Bigger text (Ctrl+plus) and Smaller text (Ctrl+minus) scale the
menus, buttons, lists, notes and the article together, and keep the line the person was reading at the top.

A student who needs large print needs it everywhere, not only in the article; and a text that jumps to another
place when it grows has lost its reader. The scale is remembered per account.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QSettings, QTimer, Signal
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import QApplication, QTextEdit

from desktop_app.ui.look import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, MIN_POINT_SIZE

SCALES = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5)
SETTING = "view/text_scale"


class TextSize(QObject):
    changed = Signal(float)

    def __init__(self, app: QApplication, article_view, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.view = article_view
        self.settings = settings
        self.base_font = app.font()  # the system's interface font, at scale 1
        self._pending_place: int | None = None  # the reading place to restore once the new layout is made
        stored = settings.value(SETTING)
        try:
            self.scale = min(SCALES, key=lambda s: abs(s - float(stored))) if stored is not None else 1.0
        except (TypeError, ValueError):
            self.scale = 1.0
        if self.scale != 1.0:
            self._apply(keep_place=False)
        else:
            self.view.set_point_size(DEFAULT_POINT_SIZE)

    def bigger(self) -> None:
        self._step(+1)

    def smaller(self) -> None:
        self._step(-1)

    def actual_size(self) -> None:
        self._set(1.0)

    def _step(self, direction: int) -> None:
        index = SCALES.index(self.scale) + direction
        if 0 <= index < len(SCALES):
            self._set(SCALES[index])

    def _set(self, scale: float) -> None:
        if scale != self.scale:
            self.scale = scale
            self.settings.setValue(SETTING, scale)
            self._apply(keep_place=True)

    def _apply(self, keep_place: bool) -> None:
        anchor = None
        if keep_place:
            # Two presses in a row: the place is still the one from before the first, not yet restored.
            anchor = self._pending_place if self._pending_place is not None else first_visible_position(self.view)
        font = QFont(self.base_font)
        if font.pointSizeF() > 0:
            font.setPointSizeF(self.base_font.pointSizeF() * self.scale)
        else:  # a font sized in pixels (some X setups)
            font.setPixelSize(round(self.base_font.pixelSize() * self.scale))
        self.app.setFont(font)
        self.view.set_point_size(max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, round(DEFAULT_POINT_SIZE * self.scale))))
        if anchor is not None and self._pending_place is None:
            # The new layout is made on the next turn of the event loop; the place is restored after it.
            QTimer.singleShot(0, self._restore_place)
        self._pending_place = anchor
        self.changed.emit(self.scale)

    def _restore_place(self) -> None:
        if self._pending_place is not None:
            scroll_to_top(self.view, self._pending_place)
            self._pending_place = None


def first_visible_position(view: QTextEdit) -> int:
    """The text position at the top left of what the view shows: where the reader is."""
    return view.cursorForPosition(QPoint(4, 4)).position()


def scroll_to_top(view: QTextEdit, position: int) -> None:
    """Scrolls so that the line holding ``position`` is at the top of the view."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(min(position, view.document().characterCount() - 1))
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + view.cursorRect(cursor).top() - 4)
