"""The strip above a student's article: what the assignment asks, how far they are, their name, and Hand in; once
the teacher's feedback is opened, one line with the grade and points, and Show for the rest."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from desktop_app.core.marks import OWN_LAYER
from desktop_app.i18n import _
from desktop_app.ui.assignment_desk import AssignmentDesk
from desktop_app.ui.elided_label import ElidedLabel
from desktop_app.ui.look import panel_style, plain_tip, relative_font, warning_colour, when

if TYPE_CHECKING:
    from desktop_app.ui.feedback_dialog import FeedbackDialog


class AssignmentBar(QFrame):
    handInRequested = Signal()
    nameRequested = Signal()

    def __init__(self, assignments: AssignmentDesk, parent=None) -> None:
        super().__init__(parent)
        self.assignments = assignments
        self.setObjectName("assignment_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(panel_style("assignment_bar"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 6, 10, 6)
        outer.setSpacing(3)
        top = QHBoxLayout()
        # The title has the row to itself but for Hand in: it shows what fits, the rest on hover.
        self.title = ElidedLabel()
        self.title.setObjectName("assignment_title")
        relative_font(self.title, 1.3, bold=True)
        second = QHBoxLayout()
        self.due = QLabel()
        self.due.setTextFormat(Qt.TextFormat.PlainText)
        self.name_button = QPushButton()
        self.name_button.setObjectName("student_name")
        self.name_button.setFlat(True)
        self.name_button.setToolTip(_("Your name goes on the file you hand in. Click to correct it."))
        self.name_button.clicked.connect(self.nameRequested)
        self.hand_in_button = QPushButton(_("Hand in…"))
        self.hand_in_button.setObjectName("hand_in")
        self.hand_in_button.setToolTip(_("Save your marks as one file for your teacher (Ctrl+Shift+H)"))
        self.hand_in_button.setStyleSheet("font-weight: bold; padding: 4px 14px")
        self.hand_in_button.clicked.connect(self.handInRequested)
        top.addWidget(self.title, 1)
        top.addWidget(self.hand_in_button)
        outer.addLayout(top)
        second.addWidget(self.due)
        second.addSpacing(12)
        second.addWidget(self.name_button)
        second.addStretch(1)
        outer.addLayout(second)
        self.instructions = QLabel()
        self.instructions.setTextFormat(Qt.TextFormat.PlainText)
        self.instructions.setWordWrap(True)
        self.instructions.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        outer.addWidget(self.instructions)
        self.progress = QLabel()
        self.progress.setObjectName("progress")
        self.progress.setTextFormat(Qt.TextFormat.PlainText)
        self.progress.setWordWrap(True)
        outer.addWidget(self.progress)
        feedback_row = QHBoxLayout()
        self.feedback_line = QLabel()
        self.feedback_line.setObjectName("feedback_line")
        self.feedback_line.setTextFormat(Qt.TextFormat.PlainText)  # a grade is the teacher's words
        self.feedback_line.setStyleSheet("font-weight: bold")
        # Translators: the button beside the feedback line that opens the teacher's whole feedback.
        self.feedback_button = QPushButton(_("Show"))
        self.feedback_button.setObjectName("show_feedback")
        self.feedback_button.setToolTip(_("Your teacher's comments, the points, and the passages you missed once "
                                          "your teacher releases the answer key"))
        self.feedback_button.clicked.connect(self.show_feedback)
        feedback_row.addWidget(self.feedback_line)
        feedback_row.addWidget(self.feedback_button)
        feedback_row.addStretch(1)
        outer.addLayout(feedback_row)
        self.feedback_dialog: FeedbackDialog | None = None  # the window Show opened last (tests read it)
        assignments.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        a = self.assignments.current
        self.setVisible(a is not None)
        if a is None:
            return
        self.title.setText(a.title)
        overdue = a.due_at is not None and a.handed_in_at is None and a.due_at < datetime.now(a.due_at.tzinfo)
        self.due.setStyleSheet(f"color: {warning_colour(self)}; font-weight: bold" if overdue else "")
        self.due.setText(due_line(a.due_at, a.handed_in_at, overdue))
        self.name_button.setText(_("Name: {name}").format(name=a.student_name) if a.student_name
                                 else _("Type your name…"))
        instructions = a.instructions.strip()
        self.instructions.setText(instructions if len(instructions) < 400 else instructions[:400] + "…")
        self.instructions.setToolTip(plain_tip(instructions))
        self.instructions.setVisible(bool(instructions))
        self.progress.setText(progress_line(self.assignments.progress()))
        received = self.assignments.feedback
        self.feedback_line.setVisible(received is not None)
        self.feedback_button.setVisible(received is not None)
        if received is not None:
            headline = received.feedback.headline()
            self.feedback_line.setText(_("Feedback: {headline} —").format(headline=headline) if headline
                                       else _("Feedback from your teacher —"))

    def show_feedback(self) -> FeedbackDialog | None:
        """Opens the whole feedback in its own window (not modal: the desk stays usable beside it)."""
        from desktop_app.ui.feedback_dialog import FeedbackDialog

        received, desk = self.assignments.feedback, self.assignments.desk
        placed = self.assignments.placed_feedback()
        if received is None or placed is None or desk.article is None:
            return None
        if self.feedback_dialog is not None:
            self.feedback_dialog.close()
        own = [m for m in desk.marks if m.layer == OWN_LAYER]
        dialog = FeedbackDialog(received, placed, desk.article, own, desk.categories, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._dialog_gone)
        dialog.show()
        self.feedback_dialog = dialog
        return dialog

    def _dialog_gone(self, *_args) -> None:
        self.feedback_dialog = None


def due_line(due_at: datetime | None, handed_in_at: datetime | None, overdue: bool) -> str:
    """ "Due 27 Nov 2026, 08:00 · handed in 26 Nov 2026, 21:10", or as much of it as there is."""
    if due_at is None:
        return _("handed in {when}").format(when=when(handed_in_at)) if handed_in_at is not None else ""
    if handed_in_at is not None:
        return _("Due {due} · handed in {when}").format(due=when(due_at), when=when(handed_in_at))
    return (_("Was due {due}") if overdue else _("Due {due}")).format(due=when(due_at))


def progress_line(items) -> str:
    """ "Source 2 of 3 · Loaded language 4 ✓ · …": counts, against the minimum where the teacher set one."""
    parts = []
    for p in items:
        if p.need:
            fields = {"category": p.category.name, "have": p.have, "need": p.need}
            parts.append(_("{category} {have} of {need} ✓").format(**fields) if p.done
                         else _("{category} {have} of {need}").format(**fields))
        else:
            # Translators: a category and how many marks of it the student has made, e.g. "Claim 4".
            parts.append(_("{category} {have}").format(category=p.category.name, have=p.have))
    return _("Your marks: {progress}").format(progress=" · ".join(parts)) if parts else ""
