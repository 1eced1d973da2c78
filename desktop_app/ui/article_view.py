"""The reading view: the article in a comfortable serif, with every mark drawn over it.

Marks are painted, never put into the document: a translucent tint under the text (overlapping tints add
up, so overlaps show darker) and a cue over it (a box, a wavy, solid, dashed or double line) in the mark's
own lane, so nested and overlapping marks each stay visible, in greyscale too. Only the marks on screen
are painted, so 5,000 marks cost what 40 do, and marking never re-lays out the text. All offsets crossing
this boundary go through core.offsets.Utf16Map.
"""

from __future__ import annotations

import math

import shiboken6

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit, QToolTip

from desktop_app.core.articles import Article
from desktop_app.core.categories import CategorySet
from desktop_app.core.marks import Mark, MarkSet
from desktop_app.core.lanes import LaneIndex
from desktop_app.core.offsets import Utf16Map
from desktop_app.core.spans import sentence_at, snap_to_words, word_step
from desktop_app.i18n import _
from desktop_app.ui.cues import LANE_GAP, draw_cue
from desktop_app.ui.look import (DEFAULT_POINT_SIZE, MAX_POINT_SIZE, MIN_POINT_SIZE, article_document, elide,
                                 plain_to_html, reading_font)

# Keys that grow a selection with Shift held: a new selection made with them snaps to words (unless Alt).
_SELECTING_KEYS = frozenset({Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home,
                             Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown})

TINT_ALPHA = 80  # of 255: one mark is a light wash, two overlapping ones read clearly darker


DOCUMENT_MARGIN = 28
MEASURE_CHARACTERS = 75  # the longest line, in average characters of the reading font


class ArticleView(QTextEdit):
    markClicked = Signal(int)  # a click on a highlight (no drag) selects the innermost mark there
    zoomChanged = Signal(int)
    zoomRequested = Signal(int)  # Ctrl+wheel: +1 bigger, -1 smaller

    def __init__(self, categories: CategorySet, marks: MarkSet, parent=None) -> None:
        super().__init__(parent)
        self.exact_selection = False  # the current selection was made with Alt held: marked as it is
        self._rtl = False
        self.categories = categories
        self._marks = marks
        marks.subscribe(self._on_marks_changed)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)  # files dropped here go to the window's import
        self.setAccessibleName(_("Article text"))
        # Short: Qt cuts a placeholder at the view's edge rather than wrapping it.
        self.setPlaceholderText(_("No article open: File ▸ Import article (Ctrl+O)."))
        self._point_size = DEFAULT_POINT_SIZE
        self.setFont(reading_font(self._point_size))
        self.document().setDocumentMargin(DOCUMENT_MARGIN)
        self._map = Utf16Map("")
        self._text = ""
        self._article_id: int | None = None
        self._document: QTextDocument | None = None  # the document this view built for the shown article
        self._lanes = LaneIndex()  # lanes of the shown marks, and which marks touch a stretch of text
        # Line rectangles of marks, in document coordinates: they only move when the text is laid out
        # anew (another article, another width, another font size), so painting reuses them.
        self._rects: dict[int, tuple[tuple[int, int], list]] = {}
        self._cue_cache: dict[str, tuple[QColor, str, QColor]] = {}
        self._selected_id: int | None = None
        self._last_click: tuple[int, int] | None = None  # (position, mark id) to cycle nested marks
        self.viewport().setMouseTracking(True)

    def set_categories(self, categories: CategorySet) -> None:
        self.categories = categories
        self._cue_cache.clear()
        self.viewport().update()

    # --- the article -------------------------------------------------------------------------------
    @property
    def offsets(self) -> Utf16Map:
        return self._map

    def show_article(self, article: Article | None) -> None:
        """Shows the article with the MarkSet's marks for it (the desk fills the MarkSet first).

        The document is built before it is attached to the view, so Qt lays it out once.
        """
        self._text = article.text if article else ""
        self._rtl = bool(article and article.direction == "rtl")  # Ctrl+Left moves forward in a right-to-left text
        self._article_id = article.id if article else None
        self._map = Utf16Map(self._text)
        self._selected_id = None
        # Fresh: a document that was on screen re-lays itself out on every change. Lines 150% apart leave
        # room for the cue lanes; paragraphs are already apart by their blank line.
        doc = article_document(self, self._text, self._rtl, self.font(), DOCUMENT_MARGIN, 150)
        self._rects.clear()
        self._index_marks()
        old = self._document
        # The article keeps its own direction under any interface: an English article in a Hebrew Lede reads left
        # to right, a Hebrew one in an English Lede right to left.
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if self._rtl else Qt.LayoutDirection.LeftToRight)
        self.setDocument(doc)
        self._document = doc
        self._fit_measure()
        if old is not None:
            # Ours, from the last article (Qt deletes its own first document itself). Deleted now, not
            # with deleteLater(): that waits for the event loop, and until then every left-over copy of a
            # long article slows each later layout (measured: 25 -> 60 ms per open after a few opens).
            shiboken6.delete(old)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _my_marks(self) -> list[Mark]:
        return [m for m in self._marks if m.article_id == self._article_id]

    def _on_marks_changed(self, event: str, mark: Mark | None, old: Mark | None) -> None:
        if event == "reset":
            # The desk refills the MarkSet before it shows another article; marks of another article
            # are left for show_article.
            if all(m.article_id == self._article_id for m in self._marks):
                self._index_marks()
                self.viewport().update()
            return
        if old is not None:
            self._lanes.remove(old.id)
        if event in ("added", "changed"):
            self._lanes.add(mark.id, mark.start, mark.end)
        else:
            self._lanes.remove(mark.id)
            self._rects.pop(mark.id, None)
            if mark.id == self._selected_id:
                self._selected_id = None
        self.viewport().update()

    def _index_marks(self) -> None:
        self._lanes.reset((m.id, m.start, m.end) for m in self._my_marks())

    # --- selection and marks -----------------------------------------------------------------------
    def selection(self) -> tuple[int, int] | None:
        """The selected passage in code points, or None when nothing is selected: grown to whole words, as a
        reader means it (core.spans.snap_to_words), unless it was made with Alt held (an exact selection)."""
        c = self.textCursor()
        if not c.hasSelection():
            return None
        a, b = sorted((c.selectionStart(), c.selectionEnd()))
        start, end = self._map.to_codepoint(a), self._map.to_codepoint(b)
        if not self.exact_selection:
            start, end = snap_to_words(self._text, start, end)
        # Trim spaces a drag picks up at either end: a mark is its words.
        while start < end and self._text[start].isspace():
            start += 1
        while end > start and self._text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def _show_snapped(self) -> None:
        """After a drag, the selection on screen grows to the whole words that will be marked (Alt: as dragged)."""
        if self.exact_selection:
            return
        chosen = self.selection()
        if chosen is not None:
            self.select_range(*chosen)

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

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.FontChange and hasattr(self, "_rects"):
            self._rects.clear()
            self._fit_measure()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:
        if event.size().width() != event.oldSize().width() and hasattr(self, "_rects"):
            self._rects.clear()
            self._fit_measure()
        super().resizeEvent(event)

    def _fit_measure(self) -> None:
        """Lines of at most MEASURE_CHARACTERS, centred: a maximised window on a wide screen would otherwise run
        lines of 150 characters, which the eye loses on the way back (typography's 45-75)."""
        if not hasattr(self, "_rects"):
            return
        measure = self.fontMetrics().averageCharWidth() * MEASURE_CHARACTERS
        side = max(DOCUMENT_MARGIN, (self.viewport().width() - measure) // 2)
        root = self.document().rootFrame()
        frame = root.frameFormat()
        if frame.leftMargin() != side or frame.rightMargin() != side:
            frame.setLeftMargin(side)
            frame.setRightMargin(side)
            root.setFrameFormat(frame)
            self._rects.clear()

    def zoom_by(self, step: int) -> None:
        self.set_point_size(self._point_size + step)

    # --- events ------------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if alt and shift and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            # Shift+Alt+arrow: grow the selection a letter at a time, exactly (no snapping to words).
            c = self.textCursor()
            c.movePosition(QTextCursor.MoveOperation.Left if event.key() == Qt.Key.Key_Left
                           else QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(c)
            self.exact_selection = True
            return
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if ctrl and not alt and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self._text:
            # Word by word, over punctuation, dashes and quotation marks too (Qt stops at each of them).
            direction = 1 if event.key() == Qt.Key.Key_Right else -1
            if self.layoutDirection() == Qt.LayoutDirection.RightToLeft or self._rtl:
                direction = -direction
            c = self.textCursor()
            here = self._map.to_codepoint(c.position())
            target = word_step(self._text, here, direction)
            c.setPosition(self._map.to_utf16(target),
                          QTextCursor.MoveMode.KeepAnchor if shift else QTextCursor.MoveMode.MoveAnchor)
            self.setTextCursor(c)
            self.exact_selection = False
            return
        if ctrl and shift and event.key() == Qt.Key.Key_Space and self._text:
            self.select_sentence()
            return
        if shift and event.key() in _SELECTING_KEYS:
            self.exact_selection = False
        super().keyPressEvent(event)

    def select_sentence(self) -> None:
        """Ctrl+Shift+Space: selects the sentence the cursor is in (a claim is often exactly one)."""
        here = self._map.to_codepoint(self.textCursor().position())
        self.select_range(*sentence_at(self._text, here))
        self.exact_selection = False

    def mousePressEvent(self, event) -> None:
        self.exact_selection = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.textCursor().hasSelection():
            self._show_snapped()
            return
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
            # The window scales the whole interface with the article (ui/text_size.py), as Ctrl+plus does.
            self.zoomRequested.emit(1 if event.angleDelta().y() > 0 else -1)
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
            note = plain_to_html(elide(m.note, 300)) if m.note else _("<i>no note yet</i>")
            # Translators: a mark's tooltip: its category, the marked words and the note under them.
            parts.append(_("<b>{category}</b>: “{quote}”<br>{note}").format(
                category=plain_to_html(name), quote=plain_to_html(elide(m.quote, 60)), note=note))
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
        if not len(self._lanes):
            return []
        lo, hi = self._visible_range()
        return [m for m in (self._marks.get(k) for k in self._lanes.overlapping(lo, hi)) if m is not None]

    def paintEvent(self, event) -> None:
        """Tints go under the text, cues over it; the document itself carries no formats at all, so
        marking never re-lays out text and the article can never be altered by its highlights."""
        marks = self._visible_marks()
        if not marks:
            super().paintEvent(event)
            return
        offset = self._scroll_offset()
        area = QRectF(event.rect())
        placed = [(m, self._placed_rects(m)) for m in marks]
        painter = QPainter(self.viewport())
        # Translucent tints, outermost first: where marks overlap the tints add up, darker and mixed.
        for m, rects in sorted(placed, key=lambda pair: (pair[0].start, -pair[0].end)):
            tint = self._look_of(m)[2]
            for rect, _baseline in rects:
                rect = rect.translated(-offset)
                if rect.intersects(area):
                    painter.fillRect(rect.adjusted(-1, -1, 1, 2), tint)
        painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for m, rects in placed:
            colour, cue, _tint = self._look_of(m)
            lane = self._lanes.lanes.get(m.id, 0)
            for rect, baseline in rects:
                rect = rect.translated(-offset)
                if rect.adjusted(-4, -4, 4, 4 + lane * LANE_GAP).intersects(area):
                    draw_cue(painter, cue, colour, rect, baseline - offset.y(), lane, m.id == self._selected_id)
        painter.end()

    # Suggested key marks (issue 12): ui.suggestion_overlay draws over the view with these rectangles.
    def span_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles of a passage's line pieces, for what is drawn over the article."""
        offset = self._scroll_offset()
        return [rect.translated(-offset) for rect, _baseline in self._line_rects(start, end)]

    def _placed_rects(self, m: Mark) -> list:
        cached = self._rects.get(m.id)
        if cached is None or cached[0] != (m.start, m.end):
            cached = self._rects[m.id] = ((m.start, m.end), list(self._line_rects(m.start, m.end)))
        return cached[1]

    def _look_of(self, m: Mark) -> tuple[QColor, str, QColor]:
        """How a mark is drawn: its category's look here; the review view draws found, missed and extra apart."""
        return self._cue_of(m.category)

    def _cue_of(self, key: str) -> tuple[QColor, str, QColor]:
        """(line colour, cue, translucent tint) of a category, made once."""
        found = self._cue_cache.get(key)
        if found is None:
            category = self.categories.get(key)
            base = QColor(category.colour if category else "#777777")
            tint = QColor(category.fill if category else "#777777")
            tint.setAlpha(TINT_ALPHA)
            found = self._cue_cache[key] = (base.darker(115), category.cue if category else "solid", tint)
        return found

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
            first = layout.lineForTextPosition(max(0, a - bpos)).lineNumber() if a > bpos else 0
            for i in range(max(0, first), layout.lineCount()):
                line = layout.lineAt(i)
                if bpos + line.textStart() >= b:
                    break
                ls, le = bpos + line.textStart(), bpos + line.textStart() + line.textLength()
                s, e = max(a, ls), min(b, le)
                while e > s and e == le and doc.characterAt(e - 1).isspace():
                    e -= 1  # the space a line wraps at belongs to no mark's outline
                if s >= e:
                    continue
                x1 = _x(line.cursorToX(s - bpos))
                x2 = _x(line.cursorToX(e - bpos))
                left, right = min(x1, x2), max(x1, x2)
                top = origin.y() + line.y()
                rect = QRectF(origin.x() + left, top, right - left, line.ascent() + line.descent())
                yield rect, top + line.ascent()
            block = block.next()


def _x(value) -> float:
    # PySide6 returns cursorToX as (x, position) on some versions and as a float on others.
    if isinstance(value, tuple):
        value = value[0]
    return float(value) if not math.isnan(value) else 0.0
