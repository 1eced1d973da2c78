"""Writing a class's feedback sheets in the background, with progress and Cancel.

The batch (application.printing.FeedbackBatch) is a snapshot and touches neither the database nor Qt, so it
runs on a plain worker thread while the window stays responsive; the library refuses changes to the assignment
until it ends. Progress and the end come back to the window's thread as queued signals: the event loop is
never pumped by hand, so no click can run in the middle of a step.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app import APP_NAME
from desktop_app.i18n import _

log = logging.getLogger(__name__)


class FeedbackRunner(QObject):
    progressed = Signal(int, int)  # done, total (from the worker thread, delivered queued)
    _ended = Signal(object, bool, str)
    done = Signal(object, bool, str)  # paths written, whether cancelled, an error sentence ("" when none)

    def __init__(self, batch, parent: QWidget) -> None:
        super().__init__(parent)
        self.batch = batch
        self.dialog = QProgressDialog(_("Writing one feedback PDF per student for “{title}”…").format(
            title=batch.title), _("Cancel"), 0, len(batch), parent)
        self.dialog.setWindowTitle(APP_NAME)
        self.dialog.setWindowModality(Qt.WindowModality.NonModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.progressed.connect(lambda done, _total: self.dialog.setValue(done))
        self._ended.connect(self._finish)
        self._thread = threading.Thread(target=self._work, name="feedback-pdfs", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self.dialog.setLabelText(_("Stopping after the sheet being written now…"))
        self.batch.cancelled.set()

    def _work(self) -> None:
        from desktop_app.application.printing import Cancelled

        try:
            written = self.batch.run(lambda done, total: self.progressed.emit(done, total))
            self._ended.emit(written, False, "")
        except Cancelled as stop:
            self._ended.emit(stop.written, True, "")
        except Exception as exc:
            log.exception("feedback batch failed")
            self._ended.emit([], False, str(exc))

    def _finish(self, written, cancelled: bool, error: str) -> None:
        self._thread.join()
        self.batch.finish()
        self.dialog.close()
        self.done.emit(list(written), cancelled, error)
        self.deleteLater()
