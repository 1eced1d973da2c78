"""What happens when Lede itself has a bug: the student is told, the details go to a log file.

Qt swallows exceptions raised in slots and carries on, so without this a bug would look like a button
that does nothing. Every change is committed before the code that could fail runs, so the message can
honestly say the work is safe.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import APP_ID, APP_NAME
from desktop_app.i18n import _

log = logging.getLogger("desktop_app")


def log_file() -> Path:
    import platformdirs

    folder = Path(platformdirs.user_log_dir(APP_ID, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "lede.log"


def install() -> Path:
    """Sends log records to the log file and shows uncaught exceptions in a message box."""
    path = log_file()
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    shown: dict = {"open": False, "box": None}  # the box is kept here: without a parent, Python owns it

    def hook(kind, value, tb) -> None:
        log.error("Uncaught error:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        sys.__excepthook__(kind, value, tb)
        app = QApplication.instance()
        if app is None or shown["open"]:
            return
        shown["open"] = True
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME,
                          _("Something went wrong inside {app}: {problem}\n\nYour marks and notes up to this moment "
                            "are saved. If it happens again, give your teacher this file: {file}").format(
                              app=APP_NAME, problem=value, file=path),
                          QMessageBox.StandardButton.Ok, QApplication.activeWindow())
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.finished.connect(lambda _r: shown.update(open=False, box=None))
        shown["box"] = box
        box.open()

    sys.excepthook = hook
    return path
