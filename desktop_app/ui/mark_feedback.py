"""The teacher's feedback on one of the student's marks, as the student reads it: the comment and the rating of the
note, in a read-only label under the note in the tagging panel (and the same lines in the feedback window). Plain
text: the teacher's words as typed, never markup."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop_app.core.feedback import MarkFeedback, PlacedFeedback
from desktop_app.i18n import _
from desktop_app.ui.look import elide, notice_style


def feedback_lines(item: MarkFeedback, moved: bool = False) -> str:
    """ "Your teacher: …" / "Reasoning in your note: 2 of 2 · sound" / "(On this mark as you handed it in: …)"."""
    lines = [_("Your teacher: {comment}").format(comment=item.comment)] if item.comment else []
    if item.rating is not None:
        lines.append(_("Reasoning in your note: {rating}").format(rating=item.rating_words()))
    if moved:
        lines.append(_("(On this mark as you handed it in: “{quote}”)").format(quote=elide(item.quote, 80)))
    return "\n".join(lines)


class MarkFeedbackLabel(QLabel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("teacher_feedback")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(notice_style())
        self.hide()

    def show_for(self, placed: PlacedFeedback | None, mark_id: int | None) -> None:
        """Shows the feedback ``placed`` holds on ``mark_id``; hides itself when there is none."""
        item = placed.on_marks.get(mark_id) if placed is not None and mark_id is not None else None
        if item is None or placed is None:
            self.hide()
            return
        self.setText(feedback_lines(item, mark_id in placed.moved))
        self.show()
