"""Drawing a category's second cue (box, wave, solid, dashed, double, dotted) under one line of a mark.

One function, so the desk, and later the review view, draw the same cues; the PDF exporter draws the
same shapes with ReportLab from the same category data.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap

LANE_GAP = 3.5  # pixels between the lines of overlapping marks


@lru_cache(maxsize=64)
def _wave_tile(rgba: int, selected: bool) -> QPixmap:
    """One period of a wavy underline, 6 px wide, to tile along a line."""
    tile = QPixmap(6, 6)
    tile.fill(Qt.GlobalColor.transparent)
    p = QPainter(tile)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor.fromRgba(rgba), 2.0 if selected else 1.3))
    path = QPainterPath(QPointF(0, 3))
    path.quadTo(QPointF(1.5, 1.0), QPointF(3, 3))
    path.quadTo(QPointF(4.5, 5.0), QPointF(6, 3))
    p.drawPath(path)
    p.end()
    return tile


def draw_cue(painter: QPainter, cue: str, colour: QColor, rect: QRectF, baseline: float, lane: int,
             selected: bool) -> None:
    """``rect`` is the text of one line of the mark; ``lane`` pushes the line down so overlaps stay apart."""
    width = 2.2 if selected else 1.4
    pen = QPen(colour, width)
    y = baseline + 3 + lane * LANE_GAP
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if cue == "box":
        painter.setPen(pen)
        grow = lane * 1.5
        painter.drawRoundedRect(rect.adjusted(-1.5 - grow, -1 - grow, 1.5 + grow, 2 + grow), 2, 2)
    elif cue == "wave":
        # A tiled pixmap: stroking a long wavy path per line costs ten times more to paint.
        tile = _wave_tile(colour.rgba(), selected)
        painter.save()
        painter.setBrushOrigin(QPointF(rect.left(), y - tile.height() / 2))
        painter.fillRect(QRectF(rect.left(), y - tile.height() / 2, rect.width(), tile.height()), QBrush(tile))
        painter.restore()
    elif cue == "double":
        painter.setPen(QPen(colour, 1.8 if selected else 1.3))
        painter.drawLine(QPointF(rect.left(), y - 1.3), QPointF(rect.right(), y - 1.3))
        painter.drawLine(QPointF(rect.left(), y + 1.7), QPointF(rect.right(), y + 1.7))
    else:
        if cue == "dashed":
            pen.setStyle(Qt.PenStyle.DashLine)
        elif cue == "dotted":
            pen.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
    if selected:
        painter.setPen(QPen(QColor(0, 0, 0, 160), 1, Qt.PenStyle.DotLine))
        painter.drawRect(rect.adjusted(-3, -3, 3, 4))
