"""The classroom window's exports: the gradebook CSV, the feedback PDFs (one per student, or the class's in one
book, written on a worker thread) and the class summary. The base of ClassroomWindow, which gives it ``desk``,
``settings``, ``review``, ``class_view``, ``batch`` and ``show_problem``; kept apart because saving files is one
idea and taking them in and reviewing is another."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow

from desktop_app.core.text import file_slug
from desktop_app.i18n import _, ngettext

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from desktop_app.ui.class_view_panel import ClassViewPanel
    from desktop_app.ui.classroom_desk import ClassroomDesk
    from desktop_app.ui.review_panel import ReviewPanel


class ClassroomExports(QMainWindow):
    if TYPE_CHECKING:  # what ClassroomWindow provides (declared here for the type checker only)
        desk: ClassroomDesk
        settings: QSettings
        review: ReviewPanel
        class_view: ClassViewPanel
        batch: Any
        last_feedback: list
        last_notice: str

        def show_problem(self, message: str) -> None: ...

    def _slug(self) -> str:
        work = self.desk.work
        return file_slug(work.assignment.title if work is not None else "", 60, "assignment")

    def export_gradebook(self) -> Path | None:
        start = Path(str(self.settings.value("classroom/export_folder", str(Path.home()))))
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save the gradebook"),
                                                    str(start / f"{self._slug()}-grades.csv"), "CSV (*.csv)")
        if not path:
            return None
        return self._export(lambda: self.desk.export_gradebook(Path(path)), _("Saved the gradebook: {where}"))

    def export_feedback(self):
        start = str(self.settings.value("classroom/export_folder", str(Path.home())))
        folder = QFileDialog.getExistingDirectory(self, _("Save one feedback PDF per student in…"), start)
        if not folder:
            return None
        return self.start_feedback(Path(folder))

    def export_feedback_book(self):
        start = Path(str(self.settings.value("classroom/export_folder", str(Path.home()))))
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save the class's feedback as one PDF"),
                                                    str(start / f"{self._slug()}-feedback.pdf"), "PDF (*.pdf)")
        if not path:
            return None
        return self.start_feedback(Path(path), book=True)

    def start_feedback(self, folder: Path, book: bool = False):
        """Writes the feedback sheets on a worker thread, from a snapshot of the class read now; the assignment
        refuses changes until the batch ends (application.printing.FeedbackBatch), and Cancel stops it between
        sheets. Returns the batch, or None when it could not start."""
        from desktop_app.application.errors import LedeError
        from desktop_app.ui.feedback_runner import FeedbackRunner

        if self.batch is not None:
            self.show_problem(_("Feedback PDFs are being written already; wait for them to finish, or Cancel."))
            return None
        self.review.flush()
        try:
            batch = (self.desk.feedback_book(folder, self._paper()) if book
                     else self.desk.feedback_batch(folder, self._paper()))
            batch.start()
        except (LedeError, LookupError) as exc:
            self.show_problem(exc.message if isinstance(exc, LedeError) else str(exc))
            return None
        self.batch = batch
        self.settings.setValue("classroom/export_folder", str(folder.parent if book else folder))
        runner = FeedbackRunner(batch, self)
        runner.done.connect(self._feedback_done)
        runner.start()
        return batch

    def _feedback_done(self, written: list, cancelled: bool, error: str) -> None:
        self.batch = None
        self.last_feedback = list(written)
        if error:
            self.show_problem(_("The feedback PDFs could not all be saved: {error}").format(error=error))
            return
        n, folder = len(written), written[0].parent if written else None
        if cancelled:
            self.last_notice = ngettext("Cancelled: saved {count} file in {folder} before stopping",
                                        "Cancelled: saved {count} files in {folder} before stopping", n).format(
                count=n, folder=folder) if n else _("Cancelled: saved no files before stopping")
        else:
            self.last_notice = ngettext("Saved feedback PDFs: {count} file in {folder}",
                                        "Saved feedback PDFs: {count} files in {folder}", n).format(
                count=n, folder=folder) if n else _("Saved feedback PDFs: no files")
        self.statusBar().showMessage(self.last_notice, 10000)

    def export_class_summary(self) -> Path | None:
        start = Path(str(self.settings.value("classroom/export_folder", str(Path.home()))))
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save the class summary"),
                                                    str(start / f"{self._slug()}-class-summary.pdf"), "PDF (*.pdf)")
        if not path:
            return None
        hide = self.class_view.names_hidden
        return self._export(lambda: self.desk.export_class_summary(Path(path), hide, self._paper()),
                            _("Saved the class summary (names hidden): {where}") if hide
                            else _("Saved the class summary: {where}"))

    def _paper(self) -> str:
        from desktop_app.ui.print_dialog import default_paper

        return str(self.settings.value("print/paper", default_paper()))

    def _export(self, action, done: str):
        """Runs ``action`` (an export); ``done`` is the sentence that says where it went, with a {where} field."""
        self.review.flush()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = action()
        except Exception as exc:  # a message, never a lost window
            import logging

            logging.getLogger(__name__).exception("export failed")
            self.show_problem(_("That could not be saved: {error}").format(error=exc))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        first = result[0] if isinstance(result, list) and result else result
        if isinstance(first, Path):
            self.settings.setValue("classroom/export_folder", str(first.parent))
            where = ngettext("{count} file in {folder}", "{count} files in {folder}", len(result)).format(
                count=len(result), folder=first.parent) if isinstance(result, list) else str(first)
            self.last_notice = done.format(where=where)
            self.statusBar().showMessage(self.last_notice, 10000)
        return result
