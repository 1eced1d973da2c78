"""Every control a screen reader can land on has a name: a test walks the widget tree of each window (the desk, a
student's desk, the classroom window with its three tabs) and of the dialogs, and lists any control without one.
Marks are announced with their category ("Source: Councillor Margaret Osei")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit,
                               QPlainTextEdit, QTabBar, QTextEdit, QWidget)

from desktop_app.core.assignments import Assignment
from desktop_app.resources import default_categories
from lab import hand_in

CONTROLS = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit,
            QTabBar)


def unnamed_controls(window: QWidget) -> list[str]:
    """Controls a person can reach (focusable, shown) with no accessible name: a button's text counts as its name."""
    out = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(window):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if type(widget).__name__ in ("QCalendarWidget", "QScrollBar") or widget.objectName().startswith("qt_"):
            continue  # Qt's own parts of a composite control, named by Qt
        named = widget.accessibleName().strip()
        if isinstance(widget, QAbstractButton):
            named = named or widget.text().replace("&", "").strip()
        if not named:
            out.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}")
    return out


def test_every_control_of_the_windows_has_a_name_and_marks_are_announced_with_their_category(make_window, tmp_path):
    teacher = make_window()
    made = teacher.assignments.create(Assignment(uid="", title="Who speaks?", article_id=teacher.desk.article.id,
                                                 categories=tuple(default_categories()),
                                                 due_at=datetime.now(UTC) + timedelta(days=1)))
    text = teacher.desk.article.text
    start = text.index("Councillor Margaret Osei")
    teacher.view.select_range(start, start + len("Councillor Margaret Osei"))
    teacher.apply_category("source")
    teacher.desk.select_mark(teacher.desk.selected_mark_id)
    assert unnamed_controls(teacher) == []
    model = teacher.panel.list_model
    announced = [model.data(model.index(r, 0), Qt.ItemDataRole.AccessibleTextRole)
                 for r in range(model.rowCount(QModelIndex()))]
    assert "Source: Councillor Margaret Osei" in announced

    room = teacher.classroom.show_classroom()
    room.import_paths([hand_in(teacher, made, tmp_path / "in", "Ana", ["José Alvarez"])])
    for tab in range(room.tabs.count()):
        room.tabs.setCurrentIndex(tab)
        if room.tabs.currentWidget() is room.review:
            room.open_review(room.desk.work.submissions[0].id)
        assert unnamed_controls(room) == [], (room.tabs.tabText(tab), unnamed_controls(room))
    assert room.tabs.tabBar().accessibleName() and room.class_view.category_table.accessibleName()
    assert room.roster.accessibleName() == "Roster"
