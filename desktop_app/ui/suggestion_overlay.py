"""Suggested key marks drawn over the article: a pale wash with a dashed outline in the category's colour, so
they never look like marks (which are tinted and carry their cue). The selected one is drawn stronger.

It watches the article view's viewport (an event filter): it paints before the view does (under the text and
the marks), answers the tooltip with the suggestion's reason, and reports a click on a suggestion.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QToolTip

from desktop_app.core.categories import CategorySet
from desktop_app.i18n import _
from desktop_app.suggest import Suggestion
from desktop_app.ui.article_view import ArticleView
from desktop_app.ui.look import elide, plain_to_html

WASH_ALPHA = 28  # of 255: paler than a mark's tint (80), so a suggestion never passes for a mark
SELECTED_WASH_ALPHA = 60


class SuggestionOverlay(QObject):
    picked = Signal(str)  # a click on a suggestion: its key

    def __init__(self, view: ArticleView, categories: CategorySet) -> None:
        super().__init__(view)
        self.view = view
        self.categories = categories
        self._items: list[Suggestion] = []
        self._selected: str | None = None
        view.viewport().installEventFilter(self)

    def show(self, items: list[Suggestion], selected: str | None) -> None:
        self._items = list(items)
        self._selected = selected
        self.view.viewport().update()

    def clear(self) -> None:
        self.show([], None)

    def at(self, position: int) -> Suggestion | None:
        """The shortest suggestion covering ``position`` (code points)."""
        hits = [s for s in self._items if s.start <= position < s.end]
        return min(hits, key=lambda s: s.end - s.start) if hits else None

    # --- the view's events ------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._items:
            return False
        kind = event.type()
        if kind == QEvent.Type.Paint:
            self._paint()
        elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            found = self._under(event.pos())
            if found is not None and not self.view.marks_at_point(event.pos()):
                QToolTip.showText(event.globalPos(), self._tooltip(found), self.view.viewport())
                return True
        elif (kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent)
              and not self.view.textCursor().hasSelection()):
            found = self._under(event.position().toPoint())
            if found is not None:
                self.picked.emit(found.key)
        return False

    def _under(self, point) -> Suggestion | None:
        position = self.view.position_at(point)
        return None if position is None else self.at(position)

    def _tooltip(self, s: Suggestion) -> str:
        category = self.categories.get(s.category)
        name = category.name if category else s.category
        # Translators: {category} is a category's name in lower case ("source", "loaded language").
        heading = _("<b>Suggested {category}</b> (not in the key yet): “{quote}”").format(
            category=plain_to_html(name.lower()), quote=plain_to_html(elide(s.quote, 60)))
        keys = _("Enter accepts, Ctrl+Enter accepts to edit, Del rejects (in the Suggestions list).")
        return f"<p>{heading}<br>{plain_to_html(s.reason)}<br><i>{keys}</i></p>"

    def _paint(self) -> None:
        area = QRectF(self.view.viewport().rect())
        painter = QPainter(self.view.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for s in self._items:
            rects = [r for r in self.view.span_rects(s.start, s.end) if r.intersects(area)]
            if not rects:
                continue
            selected = s.key == self._selected
            category = self.categories.get(s.category)
            colour = QColor(category.colour if category else "#777777")
            wash = QColor(colour)
            wash.setAlpha(SELECTED_WASH_ALPHA if selected else WASH_ALPHA)
            pen = QPen(colour.darker(110) if selected else colour.lighter(125), 2.0 if selected else 1.2)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            for rect in rects:
                box = rect.adjusted(-2, -2, 2, 2)
                painter.fillRect(box, wash)
                painter.drawRoundedRect(box, 3, 3)
        painter.end()
