"""The classroom window's class list: "Class list…" (paste or read the list, then save it), "Match names…", and
asking who handed in the hand-ins just imported whose names are not exactly on the list. Dialogs in, one call of
the ClassroomDesk out; kept apart from classroom_window so each file holds one idea.

Every question goes into one dialog (name_match_dialog), never one message box per student. The dialogs open
window-modal (``open``), so the window keeps painting and a test drives them as a teacher would.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from desktop_app.i18n import _, ngettext
from desktop_app.ui.class_list_dialog import ClassListDialog
from desktop_app.ui.name_match_dialog import NameMatchDialog

if TYPE_CHECKING:
    from desktop_app.classroom.review import AssignmentWork
    from desktop_app.ui.classroom_window import ClassroomWindow


class ClassListActions:
    def __init__(self, window: ClassroomWindow) -> None:
        self.window = window
        self.list_dialog: ClassListDialog | None = None  # the dialogs last opened, for the tests
        self.match_dialog: NameMatchDialog | None = None

    def add_actions(self, add: Callable[..., QAction]) -> None:
        """Puts the actions on the window's toolbar with its ``add(text, slot, shortcut, tip)``."""
        self.list_action = add(_("Class list…"), self.edit_list, "Ctrl+Shift+L",
                               _("The students of this class: paste their names or read your LMS's export "
                                 "(Ctrl+Shift+L)"))
        self.match_action = add(_("Match names…"), self.match_names, "Ctrl+Shift+M",
                                _("Say who handed in the hand-ins whose names are not exactly on the class list "
                                  "(Ctrl+Shift+M)"))

    def update(self, work: AssignmentWork | None) -> None:
        self.list_action.setEnabled(work is not None)
        self.match_action.setEnabled(bool(work and work.submissions and len(work.class_list)))

    @property
    def desk(self):
        return self.window.desk

    def _tell(self, message: str) -> None:
        self.window.last_notice = message
        self.window.statusBar().showMessage(message, 10000)

    # --- the list ----------------------------------------------------------------------------------
    def edit_list(self) -> ClassListDialog | None:
        work = self.desk.work
        if work is None:
            self.window.show_problem(_("Choose an assignment first: the class list belongs to the assignment shown "
                                       "at the top."))
            return None
        self.window.review.flush()
        dialog = ClassListDialog(work.class_list, work.assignment.title, self.window.settings, self.window)
        dialog.accepted.connect(lambda: self._save(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.list_dialog = dialog
        dialog.open()
        return dialog

    def _save(self, dialog: ClassListDialog) -> None:
        pending = dialog.pending
        if pending is None or self.desk.work is None:
            return
        linked = self.desk.set_class_list(pending)
        if linked is None:
            return  # the person was told why
        n = len(pending)
        if not n:
            self._tell(_("Took the class list off this assignment."))
            return
        students = ngettext("{count} student", "{count} students", n).format(count=n)
        if linked:
            # Translators: {students} is "28 students".
            self._tell(ngettext("Saved the class list: {students}; {count} hand-in matched by name.",
                                "Saved the class list: {students}; {count} hand-ins matched by name.",
                                linked).format(students=students, count=linked))
        else:
            self._tell(_("Saved the class list: {students}.").format(students=students))
        self.ask_about()

    # --- matching names ----------------------------------------------------------------------------
    def match_names(self) -> NameMatchDialog | None:
        """Every hand-in not exactly on the list, those answered before included (to change an answer)."""
        dialog = self.ask_about(answered=True)
        if dialog is None and self.desk.work is not None and len(self.desk.work.class_list):
            self._tell(_("Every hand-in's name is exactly on the class list: there is nothing to ask."))
        return dialog

    def ask_about(self, submission_ids: Collection[int] | None = None, answered: bool = False
                  ) -> NameMatchDialog | None:
        """Asks who handed in the hand-ins (all, or these) that are nobody's on the list yet, in one dialog; None
        when the assignment has no list or there is nothing to ask."""
        work = self.desk.work
        if work is None or not len(work.class_list):
            return None
        check = self.desk.name_check(answered)
        if check is None:
            return None
        questions = [q for q in check.questions if submission_ids is None or q.submission_id in submission_ids]
        if not questions:
            return None
        dialog = NameMatchDialog(check, questions, self.window)
        dialog.accepted.connect(lambda: self._link(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.match_dialog = dialog
        dialog.open()
        return dialog

    def _link(self, dialog: NameMatchDialog) -> None:
        answers = dialog.answers()
        if answers and self.desk.link_names(answers):
            n = len(answers)
            self._tell(ngettext("Saved who handed in {count} hand-in.", "Saved who handed in {count} hand-ins.",
                                n).format(count=n))
