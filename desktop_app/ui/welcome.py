"""A short welcome above the article that says what to do first, in the words of the person's role.

A teacher's shows once (until "Got it"): try the sample, then bring in an article and make an assignment. A
student's stays while no assignment is open, with the one button they need: open the teacher's assignment.
Next steps live here, where the person is looking, not in the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.i18n import _
from desktop_app.ui.computer_role import STUDENT

SEEN_SETTING = "ui/welcome_seen"


def welcome_text(role: str) -> str:
    if role == STUDENT:
        return _("Welcome to Lede. Open the assignment your teacher gave you (a .ledepack file). Then select a "
                 "passage with the mouse, or with Shift and the arrow keys, press the number of its category, and "
                 "say in the note why you marked it.")
    return _("Welcome to Lede. This is a sample article with its answer key. Select a passage with the mouse, or "
             "with Shift and the arrow keys, press 1 to 5 to mark it, and write your reasoning in the note on the "
             "right. Bring in your own article with File ▸ Import article (Ctrl+O); Classroom ▸ New assignment from "
             "this article turns it into a task for your class.")


class WelcomePanel(QFrame):
    openAssignmentRequested = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.role = ""
        self.setObjectName("welcome")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # The palette's own highlight, faint: readable in a light and a dark palette alike.
        self.setStyleSheet("#welcome { border: 1px solid palette(highlight); border-radius: 4px; }")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 8)
        self.text = QLabel()
        self.text.setObjectName("welcome_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.text)
        row = QHBoxLayout()
        row.addStretch(1)
        self.open_button = QPushButton(_("Open assignment from teacher…"))
        self.open_button.clicked.connect(self.openAssignmentRequested)
        self.done_button = QPushButton(_("Got it"))
        self.done_button.setAccessibleName(_("Close the welcome"))
        self.done_button.clicked.connect(self._dismiss)
        row.addWidget(self.open_button)
        row.addWidget(self.done_button)
        outer.addLayout(row)
        self.hide()

    def show_for(self, role: str, assignment_open: bool) -> None:
        """Shown to a student while no assignment is open, to a teacher until they dismiss it."""
        self.role = role
        self.text.setText(welcome_text(role))
        self.text.setAccessibleName(self.text.text())
        student = role == STUDENT
        self.open_button.setVisible(student)
        self.done_button.setVisible(not student)
        wanted = not assignment_open if student else not self.settings.value(SEEN_SETTING, False, type=bool)
        self.setVisible(wanted)

    def _dismiss(self) -> None:
        self.settings.setValue(SEEN_SETTING, True)
        self.hide()
