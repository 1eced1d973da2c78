"""One Lede window in its own process, for tests of two windows on one library (test_two_desks.py).

    python tests/desk_worker.py notes URL MARK_ID COUNT TAG GO_FILE   types COUNT notes into one mark's note box
    python tests/desk_worker.py import URL ASSIGNMENT_ID FOLDER GO_FILE  takes a folder of hand-ins in

Each waits for GO_FILE (so both start together), works through the real window as a person would, and prints
one JSON line: what the window showed the person (problems, status notices) and what it did.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _window(url: str):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop_app.storage.database import open_database
    from desktop_app.ui.app import build_window

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(open_database(url), settings)
    notices: list[str] = []
    window.statusBar().messageChanged.connect(lambda text: notices.append(text) if text else None)
    return app, window, notices


def _wait_for(go: Path) -> None:
    deadline = time.monotonic() + 60
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def notes(url: str, mark_id: int, count: int, tag: str, go: Path) -> dict:
    app, window, notices = _window(url)
    desk = window.desk
    article_id = desk.library.marks.get(mark_id).article_id
    desk.open_article(article_id)
    desk.select_mark(mark_id)
    panel = window.panel
    _wait_for(go)
    problems = 0
    for i in range(count):
        panel.note_edit.setPlainText(f"{tag} {i}")
        panel.flush_note()  # what the 0.4 s pause after typing does
        app.processEvents()
        problems += window.last_problem is not None
        window.last_problem = None
    # A change that found the library busy is kept and tried again a moment later: wait for those.
    deadline = time.monotonic() + 30
    while desk.attempts.pending() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)
    return {"problems": problems, "notices": notices, "pending": desk.attempts.pending(),
            "last": f"{tag} {count - 1}"}


def take_in(url: str, assignment_id: int, folder: Path, go: Path) -> dict:
    app, window, notices = _window(url)
    room = window.classroom.show_classroom()
    room.assignment_combo.setCurrentIndex(room.assignment_combo.findData(assignment_id))
    room._on_assignment_chosen(0)
    _wait_for(go)
    result = room.import_paths([folder])
    app.processEvents()
    return {"added": len(result.added) if result else 0,
            "refused": [r.reason for r in result.refused] if result else [],
            "problem": window.last_problem or room.last_problem, "notices": notices}


if __name__ == "__main__":
    what, url = sys.argv[1], sys.argv[2]
    if what == "notes":
        out = notes(url, int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], Path(sys.argv[6]))
    else:
        out = take_in(url, int(sys.argv[3]), Path(sys.argv[4]), Path(sys.argv[5]))
    print(json.dumps(out))
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown of windows never shown: the test only needs the line above
