"""The article as a heat map: how many students of the class marked each stretch of text.

Split out of class_view_panel.py so the panel file holds the projector screen's layout and numbers, and this one
the coloured text. Each stretch gets a background as dark as the share of the class that marked it, in five steps
of one blue-grey hue (one hue reads the same for colour-blind eyes and in greyscale; the darkest step gets light
text so every step keeps its contrast). Tooltips give counts per category, never a student's name.

The backgrounds are character formats put on a document built off screen in one edit block, then attached
(3,000 stretches over a long article: about 30 ms here); the article's text itself is never changed. Every
offset crosses into Qt through core.offsets.Utf16Map.
"""

from __future__ import annotations

from bisect import bisect_right

import shiboken6
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextEdit, QToolTip, QWidget

from desktop_app.core.articles import Article
from desktop_app.core.categories import CategorySet
from desktop_app.core.class_view import Stretch
from desktop_app.core.offsets import Utf16Map
from desktop_app.i18n import _, ngettext
from desktop_app.i18n.formats import format_number
from desktop_app.ui.look import (DEFAULT_POINT_SIZE, MAX_POINT_SIZE, MIN_POINT_SIZE, article_document, plain_to_html,
                                 reading_font)

# Light to dark blue-grey. Dark text on the first four (contrast 6:1 or more), white on the last (8:1);
# tests check both against WCAG's 4.5:1.
HEAT_COLOURS = ("#E3EAF1", "#C4D3E2", "#9DB4CB", "#6D8CAB", "#2E4A66")
HEAT_TEXT = ("#111111", "#111111", "#111111", "#111111", "#FFFFFF")
HEAT_RANGES = ((1, 20), (21, 40), (41, 60), (61, 80), (81, 100))  # the share of the class, in per cent


def heat_step(students: int, class_size: int) -> int:
    """1..5 for 1–20% ... 81–100% of the class (0 for nobody), in whole numbers so 20% is exactly step 1."""
    if students <= 0 or class_size <= 0:
        return 0
    return min(5, (5 * students + class_size - 1) // class_size)


def heat_label(low: int, high: int) -> str:
    """A step of the legend: "21–40%"."""
    # Translators: a share of the class in the heat map's legend, "21–40%" (place the % as your language does).
    return _("{low}–{high}%").format(low=format_number(low), high=format_number(high))


def tooltip_html(*paragraphs: str) -> str:
    """A tooltip from plain-text paragraphs: escaped, because Qt guesses whether a tooltip is markup."""
    return "".join(f"<p>{plain_to_html(p)}</p>" for p in paragraphs if p)


class HeatMapView(QTextEdit):
    """The article, read-only, with each stretch's background showing how many students marked it."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setUndoRedoEnabled(False)
        self.setAccessibleName(_("Article heat map"))
        self._point_size = DEFAULT_POINT_SIZE
        self.setFont(reading_font(self._point_size))
        self._map = Utf16Map("")
        self._stretches: tuple[Stretch, ...] = ()
        self._starts: list[int] = []
        self._class_size = 0
        self._categories: CategorySet | None = None
        self._document: QTextDocument | None = None
        self._formats = []
        for colour, text in zip(HEAT_COLOURS, HEAT_TEXT, strict=True):
            f = QTextCharFormat()
            f.setBackground(QBrush(QColor(colour)))
            f.setForeground(QBrush(QColor(text)))
            self._formats.append(f)
        self.viewport().setMouseTracking(True)

    @property
    def offsets(self) -> Utf16Map:
        return self._map

    def show_heat(self, article: Article | None, categories: CategorySet, stretches, class_size: int) -> None:
        text = article.text if article else ""
        self._map = Utf16Map(text)
        self._categories = categories
        self._class_size = class_size
        # Stretches outside the text (a view built for another text) are left out rather than crash.
        self._stretches = tuple(s for s in stretches if 0 <= s.start < s.end <= len(text) and s.students > 0)
        self._starts = [s.start for s in self._stretches]
        doc = article_document(self, text, bool(article and article.direction == "rtl"), self.font(), 24, 135)
        if text:
            cursor = QTextCursor(doc)
            cursor.beginEditBlock()
            to_utf16 = self._map.to_utf16
            for s in self._stretches:
                step = heat_step(s.students, class_size)
                cursor.setPosition(to_utf16(s.start))
                cursor.setPosition(to_utf16(s.end), QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(self._formats[step - 1])
            cursor.endEditBlock()
        old = self._document
        self.setDocument(doc)
        self._document = doc
        if old is not None:
            shiboken6.delete(old)  # now, not later: left-over copies of a long article slow every layout
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def stretch_at(self, cp: int) -> Stretch | None:
        i = bisect_right(self._starts, cp) - 1
        if i >= 0 and self._stretches[i].start <= cp < self._stretches[i].end:
            return self._stretches[i]
        return None

    def tooltip_text(self, stretch: Stretch) -> str:
        """"12 of 30 students marked this: 8 as Source, 4 as Loaded language" (most first); never a name."""
        order = {k: i for i, k in enumerate(self._categories.keys)} if self._categories else {}

        def name(key: str) -> str:
            c = self._categories.get(key) if self._categories else None
            return c.name if c else key

        counts = sorted(((n, key) for key, n in stretch.counts.items() if n > 0),
                        key=lambda p: (-p[0], order.get(p[1], len(order)), p[1]))
        size = self._class_size
        if not counts:
            return ngettext("{count} of {size} student marked this", "{count} of {size} students marked this",
                            size).format(count=stretch.students, size=size)
        # Translators: one category's count in the heat map's tooltip, "8 as Source"; they are joined with ", ".
        parts = ", ".join(_("{count} as {category}").format(count=n, category=name(key)) for n, key in counts)
        return ngettext("{count} of {size} student marked this: {categories}",
                        "{count} of {size} students marked this: {categories}", size).format(
            count=stretch.students, size=size, categories=parts)

    def position_at(self, point) -> int | None:
        if not self._map.length_cp:
            return None
        offset = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        u16 = self.document().documentLayout().hitTest(QPointF(point) + offset, Qt.HitTestAccuracy.ExactHit)
        return None if u16 < 0 else self._map.to_codepoint(min(u16, self._map.length_utf16))

    def select_passage(self, start: int, end: int) -> None:
        if not 0 <= start <= end <= self._map.length_cp:
            return
        c = QTextCursor(self.document())
        c.setPosition(self._map.to_utf16(end))
        self.setTextCursor(c)
        self.ensureCursorVisible()
        c.setPosition(self._map.to_utf16(start), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(c)
        self.ensureCursorVisible()

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = self.position_at(event.pos())
            stretch = self.stretch_at(pos) if pos is not None else None
            if stretch is not None:
                QToolTip.showText(event.globalPos(), tooltip_html(self.tooltip_text(stretch)), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def wheelEvent(self, event) -> None:
        # Ctrl+wheel makes the text bigger for the back row; the backgrounds follow the text.
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = 1 if event.angleDelta().y() > 0 else -1
            size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, self._point_size + step))
            if size != self._point_size:
                self._point_size = size
                self.setFont(reading_font(size))
                self.document().setDefaultFont(self.font())
            event.accept()
            return
        super().wheelEvent(event)


def heat_legend() -> QWidget:
    """The five steps as labelled swatches, to sit above the heat map."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    intro = QLabel(_("Students who marked a passage:"))
    # Wrapped and stretched: one line where there is room, two in a narrow window, never clipped.
    intro.setWordWrap(True)
    row.addWidget(intro, 1)
    for colour, text, (low, high) in zip(HEAT_COLOURS, HEAT_TEXT, HEAT_RANGES, strict=True):
        swatch = QLabel(heat_label(low, high))
        swatch.setAlignment(Qt.AlignmentFlag.AlignCenter)
        swatch.setStyleSheet(f"background: {colour}; color: {text}; padding: 3px 8px; border: 1px solid #7d8b99")
        row.addWidget(swatch)
    return box
