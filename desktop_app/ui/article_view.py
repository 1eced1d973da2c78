"""The reading view: the article in a comfortable serif, with every mark drawn over it.

Marks are drawn in two ways that never change the article's text: a background tint set as a character
format (fast: Qt keeps it in the layout), and a per-mark cue painted over the viewport (a box, a wavy,
solid, dashed or double line) in its own lane, so nested and overlapping marks each stay visible, in
greyscale too. All offsets crossing this boundary go through core.offsets.Utf16Map.
"""

from __future__ import annotations

import math
from bisect import bisect_left

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (QBrush, QColor, QPainter, QPainterPath, QPen, QTextBlockFormat, QTextCharFormat,
                           QTextCursor, QTextOption)
from PySide6.QtWidgets import QTextEdit, QToolTip

from desktop_app.core.articles import Article
from desktop_app.core.categories import CategorySet
from desktop_app.core.marks import Mark, MarkSet
from desktop_app.core.offsets import Utf16Map
from desktop_app.core.spans import assign_lanes, segments
from desktop_app.ui.look import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, MIN_POINT_SIZE, elide, mixed_tint, \
    plain_to_html, reading_font

LANE_GAP = 3.5  # pixels between the underlines of overlapping marks


class ArticleView(QTextEdit):
    markClicked = Signal(int)  # a click on a highlight (no drag) selects the innermost mark there
    zoomChanged = Signal(int)

    def __init__(self, categories: CategorySet, marks: MarkSet, parent=None) -> None:
        super().__init__(parent)
        self.categories = categories
        self._marks = marks
        marks.subscribe(self._on_marks_changed)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)  # files dropped here go to the window's import
        self.setAccessibleName("Article text")
        self.setPlaceholderText("No article open. Import one with File ▸ Import… or pick one in the library.")
        self._point_size = DEFAULT_POINT_SIZE
        self.setFont(reading_font(self._point_size))
        self.document().setDocumentMargin(28)
        self._map = Utf16Map("")
        self._text = ""
        self._lanes: dict[int, int] = {}
        self._sorted_starts: list[tuple[int, int]] = []  # (start, id), for finding visible marks
        self._selected_id: int | None = None
        self._last_click: tuple[int, int] | None = None  # (position, mark id) to cycle nested marks
        self.viewport().setMouseTracking(True)

    # --- the article -------------------------------------------------------------------------------
    @property
    def offsets(self) -> Utf16Map:
        return self._map

    def show_article(self, article: Article | None) -> None:
        """Shows the text; the desk empties the MarkSet before and refills it after, which tints."""
        self._text = article.text if article else ""
        self._map = Utf16Map(self._text)
        self._selected_id = None
        doc = self.document()
        doc.setUndoRedoEnabled(False)
        option = QTextOption(doc.defaultTextOption())
        option.setTextDirection(Qt.LayoutDirection.RightToLeft if article and article.direction == "rtl"
                                else Qt.LayoutDirection.LeftToRight)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        self.setPlainText(self._text)
        if self._text:
            cursor = QTextCursor(doc)
            cursor.select(QTextCursor.SelectionType.Document)
            block = QTextBlockFormat()
            # Room between lines for the cue lanes; paragraphs are already apart by their blank line.
            block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            cursor.mergeBlockFormat(block)
        self._repaint_all_marks()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _on_marks_changed(self, event: str, mark: Mark | None, old: Mark | None) -> None:
        if event == "reset":
            self._repaint_all_marks()
            return
        spans = [(m.start, m.end) for m in (mark, old) if m is not None]
        self._relayout_lanes()
        self._retint(min(s for s, _ in spans), max(e for _, e in spans))
        if event == "removed" and mark is not None and mark.id == self._selected_id:
            self._selected_id = None
        self.viewport().update()

    # --- tints (character formats) -----------------------------------------------------------------
    def _repaint_all_marks(self) -> None:
        self._relayout_lanes()
        if self._text:
            self._retint(0, len(self._text))
        self.viewport().update()

    def _retint(self, start: int, end: int) -> None:
        """Re-applies background tints to characters start..end (code points) from the current marks."""
        if not self._text:
            return
        start, end = max(0, start), min(len(self._text), end)
        if end <= start:
            return
        marks = self._marks.overlapping(start, end)
        colour_of = {m.id: self._colour(m.category) for m in marks}
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        clear = QTextCharFormat()
        clear.setBackground(QBrush(Qt.BrushStyle.NoBrush))
        cursor.setPosition(self._map.to_utf16(start))
        cursor.setPosition(self._map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(clear)
        cache: dict[tuple, QTextCharFormat] = {}
        for seg in segments((max(m.start, start), min(m.end, end), m.id) for m in marks):
            colours = tuple(colour_of[k] for k in seg.keys)
            fmt = cache.get(colours)
            if fmt is None:
                fmt = QTextCharFormat()
                fmt.setBackground(mixed_tint(list(colours)))
                cache[colours] = fmt
            cursor.setPosition(self._map.to_utf16(seg.start))
            cursor.setPosition(self._map.to_utf16(seg.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        cursor.endEditBlock()

    def _colour(self, key: str) -> str:
        category = self.categories.get(key)
        return category.colour if category else "#777777"

    def _relayout_lanes(self) -> None:
        marks = list(self._marks)
        lanes = assign_lanes([(m.start, m.end) for m in marks])
        self._lanes = {m.id: lane for m, lane in zip(marks, lanes)}
        self._sorted_starts = sorted((m.start, m.id) for m in marks)

    # --- selection and marks -----------------------------------------------------------------------
    def selection(self) -> tuple[int, int] | None:
        """The selected passage in code points, or None when nothing is selected."""
        c = self.textCursor()
        if not c.hasSelection():
            return None
        a, b = sorted((c.selectionStart(), c.selectionEnd()))
        start, end = self._map.to_codepoint(a), self._map.to_codepoint(b)
        # Trim spaces a drag picks up at either end: a mark is its words.
        while start < end and self._text[start].isspace():
            start += 1
        while end > start and self._text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def select_range(self, start: int, end: int) -> None:
        c = QTextCursor(self.document())
        c.setPosition(self._map.to_utf16(start))
        c.setPosition(self._map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(c)

    def set_selected_mark(self, mark_id: int | None, scroll: bool = False) -> None:
        self._selected_id = mark_id
        if scroll and mark_id is not None:
            mark = self._marks.get(mark_id)
            if mark is not None:
                c = QTextCursor(self.document())
                c.setPosition(self._map.to_utf16(mark.end))
                self.setTextCursor(c)
                c.setPosition(self._map.to_utf16(mark.start))
                self.setTextCursor(c)
                self.ensureCursorVisible()
        self.viewport().update()

    def position_at(self, point: QPoint) -> int | None:
        """The character (code points) under a viewport point, or None outside the text."""
        if not self._text:
            return None
        u16 = self.document().documentLayout().hitTest(QPointF(point) + self._scroll_offset(),
                                                        Qt.HitTestAccuracy.ExactHit)
        return None if u16 < 0 else self._map.to_codepoint(min(u16, self._map.length_utf16))

    def marks_at_point(self, point: QPoint) -> list[Mark]:
        pos = self.position_at(point)
        if pos is None:
            return []
        return self._marks.at(pos)

    # --- zoom --------------------------------------------------------------------------------------
    @property
    def point_size(self) -> int:
        return self._point_size

    def set_point_size(self, size: int) -> None:
        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, int(size)))
        if size != self._point_size:
            self._point_size = size
            self.setFont(reading_font(size))
            self.zoomChanged.emit(size)

    def zoom_by(self, step: int) -> None:
        self.set_point_size(self._point_size + step)

    # --- events ------------------------------------------------------------------------------------
    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        hits = self.marks_at_point(event.position().toPoint())
        if not hits:
            return
        pos = self.position_at(event.position().toPoint())
        chosen = hits[0]
        if self._last_click and self._last_click[0] == pos and len(hits) > 1:
            # A second click on the same spot walks outwards through nested marks.
            ids = [m.id for m in hits]
            if self._last_click[1] in ids:
                chosen = hits[(ids.index(self._last_click[1]) + 1) % len(hits)]
        self._last_click = (pos, chosen.id)
        self.markClicked.emit(chosen.id)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            hits = self.marks_at_point(event.pos())
            if hits:
                QToolTip.showText(event.globalPos(), self._tooltip(hits), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _tooltip(self, hits: list[Mark]) -> str:
        parts = []
        for m in hits:
            category = self.categories.get(m.category)
            name = category.name if category else m.category
            note = plain_to_html(elide(m.note, 300)) if m.note else "<i>no note yet</i>"
            parts.append(f"<b>{plain_to_html(name)}</b>: “{plain_to_html(elide(m.quote, 60))}”<br>{note}")
        return "<p>" + "<hr>".join(parts) + "</p>"

    # --- painting the cues -------------------------------------------------------------------------
    def _scroll_offset(self) -> QPointF:
        return QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    def _visible_range(self) -> tuple[int, int]:
        vp = self.viewport().rect()
        top = self.cursorForPosition(vp.topLeft()).position()
        bottom = self.cursorForPosition(vp.bottomRight()).position()
        a, b = sorted((top, bottom))
        # Bidi lines can put the first character at the right: widen by a line's worth either side.
        return (self._map.to_codepoint(max(0, a - 200)),
                self._map.to_codepoint(min(self._map.length_utf16, b + 200)))

    def _visible_marks(self) -> list[Mark]:
        if not len(self._marks):
            return []
        lo, hi = self._visible_range()
        # Marks starting before hi; long marks that started far above are found by their end.
        upto = bisect_left(self._sorted_starts, (hi + 1, -1))
        out = []
        for _, mark_id in self._sorted_starts[:upto]:
            m = self._marks.get(mark_id)
            if m is not None and m.end > lo:
                out.append(m)
        return out

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        marks = self._visible_marks()
        if not marks:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        offset = self._scroll_offset()
        for m in marks:
            category = self.categories.get(m.category)
            colour = QColor(category.colour if category else "#777777").darker(115)
            cue = category.cue if category else "solid"
            lane = self._lanes.get(m.id, 0)
            selected = m.id == self._selected_id
            for rect, baseline in self._line_rects(m.start, m.end):
                rect = rect.translated(-offset)
                if not rect.intersects(QRectF(event.rect())):
                    continue
                self._draw_cue(painter, cue, colour, rect, baseline - offset.y(), lane, selected)
        painter.end()

    def _line_rects(self, start: int, end: int):
        """(rect, baseline y) of each line piece of a span, in document coordinates."""
        doc = self.document()
        layout_of_doc = doc.documentLayout()
        a, b = self._map.to_utf16(start), self._map.to_utf16(end)
        block = doc.findBlock(a)
        while block.isValid() and block.position() <= b:
            layout = block.layout()
            origin = layout_of_doc.blockBoundingRect(block).topLeft()
            bpos = block.position()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                ls, le = bpos + line.textStart(), bpos + line.textStart() + line.textLength()
                s, e = max(a, ls), min(b, le)
                if s >= e:
                    continue
                x1 = _x(line.cursorToX(s - bpos))
                x2 = _x(line.cursorToX(e - bpos))
                left, right = min(x1, x2), max(x1, x2)
                top = origin.y() + line.y()
                rect = QRectF(origin.x() + left, top, right - left, line.ascent() + line.descent())
                yield rect, top + line.ascent()
            block = block.next()

    def _draw_cue(self, painter: QPainter, cue: str, colour: QColor, rect: QRectF, baseline: float,
                  lane: int, selected: bool) -> None:
        width = 2.2 if selected else 1.4
        pen = QPen(colour, width)
        y = baseline + 3 + lane * LANE_GAP + (rect.height() - (baseline - rect.top())) * 0.35
        if cue == "box":
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            grow = lane * 1.5
            painter.drawRoundedRect(rect.adjusted(-1.5 - grow, -1 - grow, 1.5 + grow, 2 + grow), 2, 2)
        elif cue == "wave":
            path = QPainterPath(QPointF(rect.left(), y))
            x, step, amp = rect.left(), 3.0, 1.6
            up = True
            while x < rect.right():
                nx = min(x + step, rect.right())
                path.quadTo(QPointF((x + nx) / 2, y - amp if up else y + amp), QPointF(nx, y))
                x, up = nx, not up
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        elif cue == "double":
            painter.setPen(QPen(colour, 1.1 if not selected else 1.8))
            painter.drawLine(QPointF(rect.left(), y - 1), QPointF(rect.right(), y - 1))
            painter.drawLine(QPointF(rect.left(), y + 1.5), QPointF(rect.right(), y + 1.5))
        else:
            if cue == "dashed":
                pen.setStyle(Qt.PenStyle.DashLine)
            elif cue == "dotted":
                pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        if selected:
            painter.setPen(QPen(QColor(0, 0, 0, 160), 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(-3, -3, 3, 4))


def _x(value) -> float:
    # PySide6 returns cursorToX as (x, position) on some versions and as a float on others.
    if isinstance(value, tuple):
        value = value[0]
    return float(value) if not math.isnan(value) else 0.0
