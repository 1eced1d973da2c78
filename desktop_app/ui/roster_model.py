"""The roster: one row per student of an assignment, as a Qt table model over an AssignmentWork.

Each category has one column, "found/key +extra" (e.g. "4/6 +2"), sorted by what was found; the numbers
behind it are in the tooltip. Sorting goes through SORT_ROLE so numbers and times sort as numbers.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from desktop_app.classroom.review import AssignmentWork
from desktop_app.core.assignments import Submission
from desktop_app.ui.look import plain_tip, when

SORT_ROLE = Qt.ItemDataRole.UserRole + 10
SUBMISSION_ID_ROLE = Qt.ItemDataRole.UserRole + 11

FIXED_COLUMNS = ("Student", "Points", "Grade", "Handed in", "Late", "Reviewed")


class RosterModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.work: AssignmentWork | None = None
        self._subs: list[Submission] = []
        self._categories: list = []

    def set_work(self, work: AssignmentWork | None) -> None:
        self.beginResetModel()
        self.work = work
        self._subs = list(work.submissions) if work else []
        self._categories = list(work.categories) if work else []
        self.endResetModel()

    def update_submission(self, sub: Submission) -> None:
        """A review edit (grade, reviewed): only that row changes."""
        for row, s in enumerate(self._subs):
            if s.id == sub.id:
                self._subs[row] = sub
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
                return

    def submission_at(self, row: int) -> Submission | None:
        return self._subs[row] if 0 <= row < len(self._subs) else None

    def row_of(self, submission_id: int) -> int | None:
        return next((i for i, s in enumerate(self._subs) if s.id == submission_id), None)

    # --- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._subs)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(FIXED_COLUMNS) + len(self._categories)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < len(FIXED_COLUMNS):
                return FIXED_COLUMNS[section]
            return self._categories[section - len(FIXED_COLUMNS)].name
        if role == Qt.ItemDataRole.ToolTipRole and section >= len(FIXED_COLUMNS):
            return "Key marks found / key marks (required and bonus), + marks not in the key"
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.work is None:
            return None
        sub = self._subs[index.row()]
        comparison = self.work.comparisons.get(sub.id)
        column = index.column()
        if role == SUBMISSION_ID_ROLE:
            return sub.id
        if column >= len(FIXED_COLUMNS):
            category = self._categories[column - len(FIXED_COLUMNS)]
            score = comparison.per_category.get(category.key) if comparison else None
            if score is None:
                return None
            found, key = score.found + score.bonus_found, score.required + score.bonus
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{found}/{key}" + (f" +{score.extra}" if score.extra else "")
            if role == SORT_ROLE:
                return found * 1000 - score.extra  # one number: Qt cannot compare Python tuples
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tip(f"{category.name}: found {score.found} of {score.required} required and "
                                 f"{score.bonus_found} of {score.bonus} bonus key marks; {score.extra} not in the key.")
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        name = FIXED_COLUMNS[column]
        late = self.work.late(sub)
        if role == Qt.ItemDataRole.DisplayRole:
            if name == "Student":
                return sub.student_name
            if name == "Points":
                return f"{comparison.points:g} / {comparison.total:g}" if comparison and comparison.has_key else "—"
            if name == "Grade":
                return sub.grade
            if name == "Handed in":
                return when(sub.handed_in_at)
            if name == "Late":
                return "Late" if late else ""
            if name == "Reviewed":
                return "✓" if sub.reviewed else ""
        if role == SORT_ROLE:
            if name == "Student":
                return sub.student_name.casefold()
            if name == "Points":
                return comparison.points if comparison else -1.0
            if name == "Grade":
                return sub.grade.casefold()
            if name == "Handed in":
                return sub.handed_in_at.timestamp() if sub.handed_in_at else 0.0
            if name == "Late":
                return int(late)
            if name == "Reviewed":
                return int(sub.reviewed)
        if role == Qt.ItemDataRole.ForegroundRole and name == "Late" and late:
            return QColor("#b00020")
        if role == Qt.ItemDataRole.ToolTipRole and name == "Student":
            return plain_tip(f"From {sub.source_file}") if sub.source_file else None  # a file name is data
        if role == Qt.ItemDataRole.TextAlignmentRole and name in ("Points", "Late", "Reviewed"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
