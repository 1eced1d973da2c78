"""Running a change for a window: its error shown as one sentence, and a change that found the library busy kept
and tried again a moment later (another Lede window on the same library was saving).

A change that keeps a ``key`` (typing into one note) replaces its own earlier retry, so an older text can never
be saved over a newer one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer

from desktop_app.application.errors import LedeError, LibraryBusy
from desktop_app.i18n import _

T = TypeVar("T")
RETRY_MS = 1500
MAX_RETRIES = 40  # a minute of another window's saving; then the change is given up and the person told

log = logging.getLogger(__name__)


class Attempts(QObject):
    def __init__(self, report: Callable[[str], None], notice: Callable[[str], None],
                 parent: QObject | None = None) -> None:
        """``report`` shows a problem the person must read; ``notice`` a sentence for the status line."""
        super().__init__(parent)
        self._report, self._notice = report, notice
        self._waiting: dict[Hashable, QTimer] = {}

    def run(self, action: Callable[[], T], key: Hashable | None = None, tries: int = 0) -> T | None:
        """Runs ``action`` now; returns its result, or None when it failed (the person was told) or was put off
        because the library was busy (it runs again by itself)."""
        if key is not None and key in self._waiting:
            self._waiting.pop(key).stop()
        try:
            return action()
        except LibraryBusy as exc:
            if tries >= MAX_RETRIES:
                self._report(_("Lede could not save a change because another Lede window kept the library busy "
                               "for a long time. Close the other window, then make the change again."))
                return None
            self._notice(exc.message)
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda: self._retry(action, key if key is not None else timer, tries + 1))
            self._waiting[key if key is not None else timer] = timer
            timer.start(RETRY_MS)
        except LedeError as exc:
            self._report(exc.message)
        except (ValueError, LookupError) as exc:
            self._report(str(exc))
        except Exception as exc:
            log.exception("a change failed")
            self._report(_("Lede could not make this change: {problem}. Nothing was changed; try again.").format(
                problem=exc))
        return None

    def _retry(self, action: Callable[[], T], key: Hashable, tries: int) -> None:
        self._waiting.pop(key, None)
        if self.run(action, key, tries) is not None:
            self._notice(_("Saved the change that was waiting."))

    def pending(self) -> int:
        return len(self._waiting)

    def flush(self) -> None:
        """Tries every waiting change once more now (before closing)."""
        for timer in list(self._waiting.values()):
            timer.stop()
            timer.timeout.emit()
