"""Every text a window can show a person, gathered from its widget tree, and the ones that were never translated.

Run under the pseudo-language (desktop_app.i18n.pseudo), a translated text has no plain ASCII letters left
except in the names it keeps (keys, Lede, PDF, {fields}); what still has them is either data (a title, a name,
a note: the test passes those in) or a text that never went through ``_()``.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QCalendarWidget, QComboBox, QDialogButtonBox,
                               QGroupBox, QLabel, QLineEdit, QMainWindow, QMenu, QPlainTextEdit, QTabWidget,
                               QTextEdit, QWidget)

from desktop_app.i18n.pseudo import KEPT

_TAG = re.compile(r"<[^<>]*>|&[a-z]+;|&#\d+;")
# A passage of the article quoted on screen, whole or shortened ("“…to keep the branch…”"): data.
# Greedy within a line: a passage may hold quotation marks of its own.
_QUOTED = re.compile(r"“.*”")
_WORD = re.compile(r"[A-Za-z]{2,}")
QT_PARTS = {"ScrollLeftButton", "ScrollRightButton"}  # a tab bar's arrows, named by Qt


def _menu_texts(menu: QMenu, where: str) -> list[tuple[str, str]]:
    out = [(where, menu.title())]
    for action in menu.actions():
        out += [(f"{where} ▸ action", action.text()), (f"{where} ▸ tip", action.toolTip()),
                (f"{where} ▸ status tip", action.statusTip())]
        if action.menu() is not None:
            out += _menu_texts(action.menu(), f"{where} ▸ {action.text()}")
    return out


def _model_texts(view: QAbstractItemView, where: str) -> list[tuple[str, str]]:
    model = view.model()
    if model is None:
        return []
    out = []

    def columns(parent: QModelIndex) -> int:  # a list model's columnCount is private to Python
        return 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)

    def has_children(index: QModelIndex) -> bool:  # private too in the models Qt's own widgets make
        try:
            return model.hasChildren(index)
        except TypeError:
            return False

    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)
    for column in range(columns(QModelIndex())):
        for role in roles:
            out.append((f"{where} header {column}", model.headerData(column, Qt.Orientation.Horizontal, role)))

    def walk(parent: QModelIndex, depth: int) -> None:
        for row in range(min(model.rowCount(parent), 60)):
            for column in range(columns(parent)):
                index = model.index(row, column, parent)
                for role in roles:
                    out.append((f"{where} cell {row},{column}", index.data(role)))
                if depth < 3 and not isinstance(model, QAbstractListModel) and has_children(index):
                    walk(index, depth + 1)

    walk(QModelIndex(), 0)
    return out


def _standard_button(widget: QWidget) -> bool:
    """OK, Cancel, Save… made by a QDialogButtonBox: Qt's qtbase catalogs translate them."""
    box = widget.parentWidget()
    return isinstance(box, QDialogButtonBox) and isinstance(widget, QAbstractButton) and \
        box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton


def _in_calendar(widget: QWidget) -> bool:
    while widget is not None:
        if isinstance(widget, QCalendarWidget):
            return True
        widget = widget.parentWidget()
    return False


def visible_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text of ``window`` and its children, shown now or shown when a part opens."""
    out: list[tuple[str, str]] = [("window title", window.windowTitle())]
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            if action.menu() is not None:
                out += _menu_texts(action.menu(), f"menu {action.text()}")
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.objectName().startswith("qt_") or widget.objectName() in QT_PARTS or _in_calendar(widget) \
                or _standard_button(widget):
            continue  # Qt's own parts (a dock's float button, a calendar's month names): Qt and QLocale name them
        where = f"{type(widget).__name__} {widget.objectName() or ''}".strip()
        out += [(f"{where} tooltip", widget.toolTip()), (f"{where} accessible name", widget.accessibleName()),
                (f"{where} accessible description", widget.accessibleDescription()),
                (f"{where} status tip", widget.statusTip()), (f"{where} what's this", widget.whatsThis())]
        if isinstance(widget, (QLabel, QAbstractButton)):
            out.append((f"{where} text", widget.text()))
        elif isinstance(widget, QGroupBox):
            out.append((f"{where} title", widget.title()))
        elif isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            out.append((f"{where} placeholder", widget.placeholderText()))
        elif isinstance(widget, QComboBox):
            out += [(f"{where} item {i}", widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            out += [(f"{where} tab {i}", widget.tabText(i)) for i in range(widget.count())]
            out += [(f"{where} tab tip {i}", widget.tabToolTip(i)) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView):
            out += _model_texts(widget, where)
        if isinstance(widget, QMenu):
            out += _menu_texts(widget, where)
        if widget is not window:
            out += [(f"{where} action", a.text()) for a in widget.actions() if a.menu() is None]
    return [(where, str(text)) for where, text in out if isinstance(text, str) and text.strip()]


def untranslated(texts: list[tuple[str, str]], data: set[str] = frozenset()) -> list[str]:
    """The texts with English words left once markup, kept names and the given data are taken out."""
    found = []
    longest_first = sorted((d for d in data if d), key=len, reverse=True)
    for where, text in texts:
        rest = _TAG.sub(" ", text)
        for value in longest_first:
            rest = rest.replace(value, " ")
        rest = _QUOTED.sub(" ", KEPT.sub(" ", rest)).replace("https://", " ")
        if _WORD.search(rest):
            found.append(f"{where}: {text[:120]!r}")
    return sorted(set(found))
