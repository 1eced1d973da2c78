"""The mark list: a thin, flat Qt model over the desk's MarkSet — a header row per category with its count,
then that category's marks in reading order.

It owns no data: it listens to the MarkSet and translates its events into Qt's row signals. It is a flat
list (not a tree) on purpose, shown in a one-column table that only asks for the rows on screen, so
adding a mark costs the same with 5 marks or 5,000, while a QTreeView re-walks every expanded row.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from desktop_app.core.categories import Category, CategorySet
from desktop_app.core.marks import Mark, MarkSet
from desktop_app.core.text import bidi_isolated
from desktop_app.i18n import _
from desktop_app.ui.look import elide, plain_to_html, tint

MARK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
IS_HEADER_ROLE = Qt.ItemDataRole.UserRole + 2


def _order(m: Mark) -> tuple:
    return (m.start, -m.end, m.id)


def category_badge(category: Category, size: int = 18) -> QIcon:
    """A tinted square with the category's letter: readable in colour, greyscale and for colour-blind eyes."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QColor(category.colour).darker(130))
    p.setBrush(tint(category.fill, 0.45))
    p.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.62))
    p.setFont(font)
    p.setPen(QColor("#111111"))
    p.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, category.letter)
    p.end()
    return QIcon(pix)


class MarkListModel(QAbstractListModel):
    def __init__(self, categories: CategorySet, marks: MarkSet, parent=None) -> None:
        super().__init__(parent)
        self.categories = categories
        self._keys = list(categories.keys)
        self._icons = {c.key: category_badge(c) for c in categories}
        self._bold = QFont()
        self._bold.setBold(True)
        self._marks = marks
        self._rows: dict[str, list[Mark]] = {}
        self._orders: dict[str, list[tuple]] = {}
        marks.subscribe(self._on_marks_changed)
        self._rebuild()

    def set_categories(self, categories: CategorySet) -> None:
        self.beginResetModel()
        self.categories = categories
        self._keys = list(categories.keys)
        self._icons = {c.key: category_badge(c) for c in categories}
        self._rebuild()
        self.endResetModel()

    # --- layout of the flat list -------------------------------------------------------------------
    def _rebuild(self) -> None:
        self._rows = {k: [] for k in self._keys}
        for m in self._marks.in_reading_order():
            if m.category not in self._rows:  # a category this set does not know: still listed
                self._keys.append(m.category)
                self._rows[m.category] = []
            self._rows[m.category].append(m)
        self._orders = {k: [_order(m) for m in rows] for k, rows in self._rows.items()}
        self._recount()

    def _recount(self) -> None:
        # Views ask rowCount constantly; keep it O(1) and in step with begin/end of each change.
        self._count = len(self._keys) + sum(len(r) for r in self._rows.values())

    def _header_row(self, key: str) -> int:
        row = 0
        for k in self._keys:
            if k == key:
                return row
            row += 1 + len(self._rows[k])
        raise KeyError(key)

    def _locate(self, row: int) -> tuple[str, int]:
        """(category, -1) for a header row, (category, i) for the i-th mark of that category."""
        for k in self._keys:
            n = len(self._rows[k])
            if row <= n:
                return k, row - 1
            row -= n + 1
        raise IndexError(row)

    # --- following the MarkSet ---------------------------------------------------------------------
    def _on_marks_changed(self, event: str, mark: Mark | None, old: Mark | None) -> None:
        if event == "reset":
            self.beginResetModel()
            self._rebuild()
            self.endResetModel()
        elif event == "added":
            self._insert(mark)
        elif event == "removed":
            self._remove(mark)
        elif event == "changed":
            if old.category == mark.category and _order(old) == _order(mark):
                key = mark.category
                i = bisect_left(self._orders[key], _order(mark))
                self._rows[key][i] = mark
                index = self.index(self._header_row(key) + 1 + i)
                self.dataChanged.emit(index, index)
            else:
                self._remove(old)
                self._insert(mark)

    def _insert(self, mark: Mark) -> None:
        key = mark.category
        if key not in self._rows:
            self.beginInsertRows(QModelIndex(), self.rowCount(), self.rowCount())
            self._keys.append(key)
            self._rows[key], self._orders[key] = [], []
            self._recount()
            self.endInsertRows()
        i = bisect_left(self._orders[key], _order(mark))
        header = self._header_row(key)
        self.beginInsertRows(QModelIndex(), header + 1 + i, header + 1 + i)
        self._rows[key].insert(i, mark)
        self._orders[key].insert(i, _order(mark))
        self._count += 1
        self.endInsertRows()
        self.dataChanged.emit(self.index(header), self.index(header))

    def _remove(self, mark: Mark) -> None:
        key = mark.category
        orders = self._orders.get(key, [])
        i = bisect_left(orders, _order(mark))
        if i >= len(orders) or orders[i] != _order(mark):
            return
        header = self._header_row(key)
        self.beginRemoveRows(QModelIndex(), header + 1 + i, header + 1 + i)
        del self._rows[key][i]
        del orders[i]
        self._count -= 1
        self.endRemoveRows()
        self.dataChanged.emit(self.index(header), self.index(header))

    # --- lookups for the view ----------------------------------------------------------------------
    def index_of_mark(self, mark_id: int) -> QModelIndex:
        mark = self._marks.get(mark_id)
        if mark is None or mark.category not in self._orders:
            return QModelIndex()
        i = bisect_left(self._orders[mark.category], _order(mark))
        return self.index(self._header_row(mark.category) + 1 + i)

    def header_index(self, key: str) -> QModelIndex:
        return self.index(self._header_row(key))

    @staticmethod
    def mark_id(index: QModelIndex) -> int | None:
        value = index.data(MARK_ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    # --- QAbstractListModel ------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        _, i = self._locate(index.row())
        if i < 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        key, i = self._locate(index.row())
        if i < 0:
            category = self.categories.get(key)
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{category.name if category else key} ({len(self._rows[key])})"
            if role == Qt.ItemDataRole.DecorationRole and category:
                return self._icons[key]
            if role == Qt.ItemDataRole.ToolTipRole and category:
                return f"<p>{plain_to_html(category.question)}</p>"
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == IS_HEADER_ROLE:
                return True
            return None
        mark = self._rows[key][i]
        if role == Qt.ItemDataRole.DisplayRole:
            passage = bidi_isolated(f"“{elide(mark.quote, 60)}”")
            quote = _("Bonus · {quote}").format(quote=passage) if mark.bonus else passage  # bonus: key marks only
            return f"    {quote} — {bidi_isolated(elide(mark.note, 60))}" if mark.note else f"    {quote}"
        if role == Qt.ItemDataRole.ToolTipRole:
            # Qt guesses whether a tooltip is markup, so user text goes in escaped, as rich text.
            note = mark.note or _("No note yet.")
            return f"<p>{plain_to_html(mark.quote)}</p><p>{plain_to_html(note)}</p>"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # What a screen reader says: the category first ("Source: Councillor Margaret Osei"), then the note.
            category = self.categories.get(key)
            said = f"{category.name if category else key}: {mark.quote}"
            return _("{mark}. Note: {note}").format(mark=said, note=mark.note) if mark.note else said
        if role == MARK_ID_ROLE:
            return mark.id
        return None
