"""The classroom window's feedback files: "Feedback files…" writes one .ledefeedback per student into a folder, and
"This student's feedback file…" writes the one of the student shown in the review (or chosen in the roster). Dialogs
in, one call of the library out; kept apart from classroom_window so each file holds one idea.

Writing files changes nothing in the library, so it is not an undo step; what the files hold (and whether the
key's passages are in them) is said in the status line once they are written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from desktop_app.i18n import N_, _

if TYPE_CHECKING:
    from desktop_app.application.feedback_files import FeedbackExport
    from desktop_app.classroom.review import AssignmentWork
    from desktop_app.ui.classroom_window import ClassroomWindow

# Translators: a file dialog's filter; keep "(*.ledefeedback)" as it is.
FEEDBACK_FILTER = N_("Lede feedback (*.ledefeedback)")
FEEDBACK_SUFFIX = ".ledefeedback"


class FeedbackFileActions:
    def __init__(self, window: ClassroomWindow) -> None:
        self.window = window

    def add_actions(self, add: Callable[..., QAction]) -> None:
        """Puts the actions on the window's toolbar with its ``add(text, slot, shortcut, tip)``."""
        self.class_action = add(_("Feedback files…"), self.write_class, None,
                                _("One feedback file per student, into a folder: each student opens theirs in Lede "
                                  "and sees your comments beside their own marks"))
        self.one_action = add(_("This student's feedback file…"), self.write_one, None,
                              _("The feedback file of the student shown in the review (or chosen in the roster)"))

    def update(self, work: AssignmentWork | None) -> None:
        has = bool(work and work.submissions)
        self.class_action.setEnabled(has)
        self.one_action.setEnabled(has)

    @property
    def library(self):
        return self.window.desk.library

    def _chosen_submission(self) -> int | None:
        """The student shown in the review; else the one selected in the roster."""
        from desktop_app.ui.roster_model import SUBMISSION_ID_ROLE

        review = self.window.review
        if self.window.tabs.currentWidget() is review and review.submission is not None:
            return review.submission.stored_id
        for index in self.window.roster.selectionModel().selectedRows():
            sid = self.window.roster_proxy.data(index, SUBMISSION_ID_ROLE)
            if sid is not None:
                return int(sid)
        return review.submission.stored_id if review.submission is not None else None

    def write_class(self) -> FeedbackExport | None:
        work = self.window.desk.work
        if work is None or not work.submissions:
            return None
        start = str(self.window.settings.value("classroom/export_folder", str(Path.home())))
        folder = QFileDialog.getExistingDirectory(self.window, _("Save one feedback file per student in…"), start)
        if not folder:
            return None
        assignment_id = work.assignment.stored_id
        return self._run(lambda: self.library.feedback_files.write(assignment_id, Path(folder)))

    def write_one(self) -> FeedbackExport | None:
        work = self.window.desk.work
        submission_id = self._chosen_submission()
        if work is None or submission_id is None:
            self.window.show_problem(_("Choose a student first: open their work in the Review tab, or select them "
                                       "in the roster."))
            return None
        assignment_id = work.assignment.stored_id
        start = Path(str(self.window.settings.value("classroom/export_folder", str(Path.home()))))
        name = self.library.feedback_files.suggested_name(assignment_id, submission_id)
        sub = work.submission(submission_id)
        title = (_("Save {name}'s feedback file").format(name=sub.student_name) if sub
                 else _("Save the feedback file"))
        path, _filter = QFileDialog.getSaveFileName(self.window, title, str(start / name), _(FEEDBACK_FILTER))
        if not path:
            return None
        target = Path(path if path.endswith(FEEDBACK_SUFFIX) else path + FEEDBACK_SUFFIX)
        return self._run(lambda: self.library.feedback_files.write_one(assignment_id, submission_id, target))

    def _run(self, write: Callable[[], FeedbackExport]) -> FeedbackExport | None:
        from desktop_app.application.errors import LedeError

        self.window.review.flush()
        try:
            done = write()
        except LedeError as exc:
            self.window.show_problem(exc.message)
            return None
        except (ValueError, LookupError, OSError) as exc:  # ExchangeError is a ValueError: the disk refused
            self.window.show_problem(_("The feedback files could not all be saved: {problem}").format(problem=exc))
            return None
        if done.paths:
            self.window.settings.setValue("classroom/export_folder", str(done.paths[0].parent))
        self.window.last_notice = done.describe()
        self.window.statusBar().showMessage(done.describe(), 15000)
        return done
