"""File ▸ Recently removed: the bin of removed articles, assignments and hand-ins, newest first, and Bring back.

Bringing something back is a step of the library's history like any other (undo takes it out again). The
dialog shows only what the library says (application.removed); it decides nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout)

from desktop_app.i18n import N_, _
from desktop_app.ui.look import when

EMPTY = N_("Nothing has been removed from this library lately.")


class RemovedDialog(QDialog):
    def __init__(self, desk, parent=None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle(_("Recently removed"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Articles, assignments and hand-ins removed from this library (also by undo) are kept here "
                         "for 90 days. Bring one back to put it where it was, with everything it had."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.entries = QListWidget()
        self.entries.setObjectName("removed_entries")
        self.entries.setAccessibleName(_("Recently removed"))
        self.entries.setWordWrap(True)
        self.entries.itemActivated.connect(lambda _item: self.bring_back())
        layout.addWidget(self.entries, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.bring_back_button = QPushButton(_("&Bring back"))
        self.bring_back_button.setObjectName("bring_back")
        buttons.addButton(self.bring_back_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.bring_back_button.clicked.connect(self.bring_back)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.entries.clear()
        from desktop_app.application.removed import what_came_with

        for entry in self.desk.library.removed.entries():
            # Translators: what was removed (e.g. Article “Eastgate library”), and on the next line when.
            removed = _("{what}\nRemoved {when}").format(what=entry.label, when=when(entry.removed_at))
            item = QListWidgetItem(" · ".join(x for x in (removed, what_came_with(entry)) if x))
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.entries.addItem(item)
        if self.entries.count() == 0:
            item = QListWidgetItem(_(EMPTY))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.entries.addItem(item)
        else:
            self.entries.setCurrentRow(0)
        self.bring_back_button.setEnabled(self.entries.currentItem() is not None
                                          and self.entries.currentItem().data(Qt.ItemDataRole.UserRole) is not None)

    def bring_back(self) -> None:
        item = self.entries.currentItem()
        entry_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if entry_id is None:
            return
        from desktop_app.storage.rowsets import RestoreConflict

        def act():
            try:
                return self.desk.library.removed.bring_back(entry_id)
            except RestoreConflict as exc:
                raise LookupError(_("That cannot be brought back: {reason}.").format(reason=exc)) from exc

        if self.desk.attempts.run(act) is not None:
            self.refresh()
