"""The application's side of the in-process figures, run in a process of its own (``--part app``).

The window is built by ``build_window`` on the benchmark database, exactly as Lede starts, and is already
showing the sample article, so only opening the big article (and then marking in it) is timed.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from desktop_app.bench.measure import rss_mb
from desktop_app.bench.textgen import SEED, passages, word_spans
from desktop_app.bench.workload import Sizes, sqlite_url


def _ms_since(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def open_window(db_path: Path, settings_path: Path):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop_app.storage.database import open_database
    from desktop_app.ui.app import build_window

    app = QApplication.instance() or QApplication(["lede-bench"])
    db = open_database(sqlite_url(db_path))
    window = build_window(db, QSettings(str(settings_path), QSettings.Format.IniFormat))
    window.show()
    app.processEvents()
    return app, db, window


def time_open(app, window, other_id: int, article_id: int) -> float:
    """Opens another article (untimed), then times opening ``article_id`` up to its first paint."""
    window.desk.open_article(other_id)
    app.processEvents()
    window.view.viewport().repaint()
    t0 = time.perf_counter()
    window.desk.open_article(article_id)
    app.processEvents()
    window.view.viewport().repaint()
    return _ms_since(t0)


def time_marks(app, window, count: int, budget_s: float) -> list[float]:
    """Selects ``count`` random passages; times each from the category key to the highlight drawn.

    Stops early once ``budget_s`` has passed, so a badly slow build still finishes the benchmark in time
    (the report says over how many marks the percentile was taken).
    """
    view, desk = window.view, window.desk
    before = len(desk.marks)
    times: list[float] = []
    deadline = time.perf_counter() + budget_s
    for p in passages(word_spans(desk.article.text), count, SEED + 2):
        if time.perf_counter() > deadline and len(times) >= 20:
            break
        view.select_range(p.start, p.end)
        app.processEvents()  # the selection scrolled into view and painted: not part of the key press
        t0 = time.perf_counter()
        window.apply_category(p.category)
        view.viewport().repaint()
        times.append(_ms_since(t0))
        app.processEvents()
    if len(desk.marks) != before + len(times) or window.last_problem:
        raise RuntimeError(f"marking failed: {len(desk.marks) - before} of {len(times)} marks added; "
                           f"last problem: {window.last_problem}")
    return times


def run(db_path: Path, article_id: int, settings_path: Path, sizes: Sizes) -> dict:
    app, db, window = open_window(db_path, settings_path)
    try:
        sample_id = next(row.id for row in window.desk.library.articles.summaries() if row.id != article_id)
        open_ms = [time_open(app, window, sample_id, article_id) for _ in range(sizes.runs)]
        rss = rss_mb()  # the big article open, nothing marked yet
        mark_ms = time_marks(app, window, sizes.marks_timed, sizes.mark_budget_s)
        return {"open_ms": open_ms, "mark_ms": mark_ms, "rss_mb": rss}
    finally:
        window.close()
        db.dispose()
