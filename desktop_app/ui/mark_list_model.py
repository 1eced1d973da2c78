"""The mark list: a thin Qt tree model over the desk's MarkSet, grouped by category with counts.

It owns no data: it listens to the MarkSet and translates its events into Qt's row signals, so the
list, the article view and the database never disagree.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from desktop_app.core.categories import Category, CategorySet
from desktop_app.core.marks import Mark, MarkSet
from desktop_app.ui.look import elide, tint

MARK_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _order(m: Mark) -> tuple:
    return (m.start, -m.end, m.id)


def category_badge(category: Category, size: int = 18) -> QIcon:
    """A tinted square with the category's letter: readable in colour, greyscale and for colour-blind eyes."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QColor(category.colour).darker(130))
    p.setBrush(tint(category.colour, 0.45))
    p.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.62))
    p.setFont(font)
    p.setPen(QColor("#111111"))
    p.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, category.letter)
    p.end()
    return QIcon(pix)


class MarkTreeModel(QAbstractItemModel):
    def __init__(self, categories: CategorySet, marks: MarkSet, parent=None) -> None:
        super().__init__(parent)
        self.categories = categories
        self._keys = list(categories.keys)
        self._rows: dict[str, list[Mark]] = {k: [] for k in self._keys}
        self._icons = {c.key: category_badge(c) for c in categories}
        self._marks = marks
        marks.subscribe(self._on_marks_changed)
        self._rebuild()

    # --- following the MarkSet ---------------------------------------------------------------------
    def _rebuild(self) -> None:
        self._rows = {k: [] for k in self._keys}
        for m in self._marks.in_reading_order():
            self._rows.setdefault(m.category, []).append(m)
            if m.category not in self._keys:  # a mark of a category this set does not know
                self._keys.append(m.category)

    def _on_marks_changed(self, event: str, mark: Mark | None, old: Mark | None) -> None:
        if event == "reset":
            self.beginResetModel()
            self._rebuild()
            self.endResetModel()
            return
        if event in ("removed", "changed") and (old or mark) is not None:
            gone = old if event == "changed" else mark
            if event == "changed" and old.category == mark.category and _order(old) == _order(mark):
                row = self._row_of(mark.category, mark.id)
                if row is not None:
                    self._rows[mark.category][row] = mark
                    index = self.index(row, 0, self._category_index(mark.category))
                    self.dataChanged.emit(index, index)
                    return
            self._remove(gone)
        if event in ("added", "changed"):
            self._insert(mark)

    def _category_index(self, key: str) -> QModelIndex:
        return self.index(self._keys.index(key), 0)

    def _row_of(self, key: str, mark_id: int) -> int | None:
        for i, m in enumerate(self._rows.get(key, ())):
            if m.id == mark_id:
                return i
        return None

    def _remove(self, mark: Mark) -> None:
        row = self._row_of(mark.category, mark.id)
        if row is None:
            return
        parent = self._category_index(mark.category)
        self.beginRemoveRows(parent, row, row)
        del self._rows[mark.category][row]
        self.endRemoveRows()
        self.dataChanged.emit(parent, parent)

    def _insert(self, mark: Mark) -> None:
        if mark.category not in self._keys:
            self.beginInsertRows(QModelIndex(), len(self._keys), len(self._keys))
            self._keys.append(mark.category)
            self._rows[mark.category] = []
            self.endInsertRows()
        rows = self._rows[mark.category]
        row = bisect_left([_order(m) for m in rows], _order(mark))
        parent = self._category_index(mark.category)
        self.beginInsertRows(parent, row, row)
        rows.insert(row, mark)
        self.endInsertRows()
        self.dataChanged.emit(parent, parent)

    # --- lookups for the view ----------------------------------------------------------------------
    def index_of_mark(self, mark_id: int) -> QModelIndex:
        mark = self._marks.get(mark_id)
        if mark is None:
            return QModelIndex()
        row = self._row_of(mark.category, mark_id)
        return QModelIndex() if row is None else self.index(row, 0, self._category_index(mark.category))

    @staticmethod
    def mark_id(index: QModelIndex) -> int | None:
        value = index.data(MARK_ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    # --- QAbstractItemModel ------------------------------------------------------------------------
    def index(self, row: int, column: int = 0, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._keys) else QModelIndex()
        if parent.internalId() == 0:
            key = self._keys[parent.row()]
            if row < len(self._rows[key]):
                return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._keys)
        if parent.internalId() == 0:
            return len(self._rows[self._keys[parent.row()]])
        return 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 1

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            key = self._keys[index.row()]
            category = self.categories.get(key)
            name = category.name if category else key
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{name} ({len(self._rows[key])})"
            if role == Qt.ItemDataRole.DecorationRole and category:
                return self._icons[key]
            if role == Qt.ItemDataRole.ToolTipRole and category:
                return category.question
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        key = self._keys[index.internalId() - 1]
        mark = self._rows[key][index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            quote = f"“{elide(mark.quote, 60)}”"
            return f"{quote} — {elide(mark.note, 60)}" if mark.note else quote
        if role == Qt.ItemDataRole.ToolTipRole:
            # Plain text (no markup can sneak in): Qt shows a plain-text tooltip as it is.
            return f"{mark.quote}\n\n{mark.note or 'No note yet.'}"
        if role == MARK_ID_ROLE:
            return mark.id
        return None
