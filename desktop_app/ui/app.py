"""Starting the GUI: the application object, fonts, the first article, then the database.

Importing SQLAlchemy costs more than everything else at start-up, so ``run`` shows the window with the
last article read by the standard library (storage.first_paint), loads the storage layer in a background
thread while the window already responds, and opens the database as soon as that is done. A first run
(no database yet) takes the ordinary path: migrate, add the sample, show it.
"""

from __future__ import annotations

import gc
import sys
import threading
import time

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import APP_NAME


def build_window(db, settings: QSettings):
    """The desk and its window over an open database; adds the sample article on first use."""
    from desktop_app.resources import default_categories
    from desktop_app.ui.desk import Desk
    from desktop_app.ui.look import load_fonts
    from desktop_app.ui.language import apply_language
    from desktop_app.ui.main_window import MainWindow

    apply_language(QApplication.instance() or QApplication([]), settings)
    load_fonts()
    from desktop_app.ui.computer_role import STUDENT, chosen_role

    desk = Desk(lambda: db, default_categories())
    if chosen_role(settings) != STUDENT:  # a student's computer goes without the sample
        desk.ensure_sample()
    window = MainWindow(desk, settings)
    window.open_initial()
    # Everything made so far (Qt wrappers, SQLAlchemy's mappers, the categories) lives as long as the
    # window. Freezing it keeps the cyclic garbage collector from walking it all again on every full
    # collection: measured 50-60 ms pauses in the middle of opening an article before this.
    gc.freeze()
    return window


def _load_storage_modules() -> None:
    # Importing is the point: it warms the module cache.
    import desktop_app.storage.articles
    import desktop_app.storage.database
    import desktop_app.storage.marks  # noqa: F401


def run(db_url: str | None, startup_probe: bool = False, open_paths: list[str] | None = None) -> int:
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    QApplication.setDesktopFileName("org.lede.Lede")
    from PySide6.QtGui import QIcon

    from desktop_app.resources import default_categories, resource_path
    from desktop_app.storage.first_paint import read_first_article
    from desktop_app.storage.location import default_database_url
    from desktop_app.ui.desk import Desk
    from desktop_app.ui.look import load_fonts
    from desktop_app.ui.main_window import MainWindow

    from desktop_app.ui import errors
    from desktop_app.ui.computer_role import ask_role, chosen_role
    from desktop_app.ui.language import apply_language

    errors.install()
    warm_up = threading.Thread(target=_load_storage_modules, name="load-storage", daemon=True)
    warm_up.start()
    QApplication.setWindowIcon(QIcon(str(resource_path("icons", "lede.svg"))))
    url = db_url or default_database_url()
    settings = QSettings()
    apply_language(app, settings)  # before the first window: every text is chosen as it is built
    load_fonts()

    def open_db():
        from desktop_app.storage.database import open_database

        return open_database(url)

    desk = Desk(open_db, default_categories())
    window = MainWindow(desk, settings)
    first = read_first_article(url, window.last_article_id())
    if first is not None:
        desk.show_preloaded(*first)
    window.show()

    def report(what: str) -> None:
        if startup_probe:
            print(f"{what} {(time.perf_counter() - started) * 1000:.1f}", flush=True)

    def finish_start() -> None:
        if warm_up.is_alive():  # keep the window responsive while the storage layer loads
            QTimer.singleShot(25, finish_start)
            return
        from desktop_app.storage.database import DatabaseError

        try:
            desk.open_storage()
            # The first start's one question (not when a benchmark or a test probes the start), then the sample,
            # which a student's computer goes without.
            if chosen_role(settings) is None and not startup_probe:
                window.welcome.hide()  # it speaks to a teacher or a student: not before the answer
                window.role_mode.set_role(ask_role(window, settings))
            if not window.role_mode.student:
                desk.ensure_sample()
            window.welcome.show_for(window.role_mode.role, window.assignments.current is not None)
        except DatabaseError as exc:
            QMessageBox.critical(window, APP_NAME, str(exc))
            app.exit(1)
            return
        if first is None:
            window.open_initial()
        else:
            window.storage_ready()
        gc.freeze()  # see build_window
        if open_paths:
            from pathlib import Path

            window.open_paths([Path(p) for p in open_paths])
        if first is None:
            report("startup_ms")
        report("storage_ready_ms")
        if startup_probe:
            app.quit()

    if first is not None:
        QTimer.singleShot(0, lambda: report("startup_ms"))
    QTimer.singleShot(0, finish_start)
    code = app.exec()
    if desk.storage_open:
        desk.library.close()
    return code
