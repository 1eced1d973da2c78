"""The floor of the in-process figures (``--part floor``): the same work with raw PySide6 and sqlite3.

No application module is imported here (only the benchmark's stdlib-only helpers), so the process's
memory and time are what Qt and SQLite themselves cost for this article.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from bisect import bisect_left
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.bench.measure import rss_mb
from desktop_app.bench.textgen import SEED, passages, word_spans
from desktop_app.bench.workload import Sizes

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# The categories' colours, as in resources/categories.json, faded towards white like any highlighter.
_TINTS = {"source": "#b3d4e8", "loaded_language": "#f2cfb3", "attributed_claim": "#b3e2d5",
          "unattributed_claim": "#f8e2b3", "opposing_view": "#f0d7e5"}
_INSERT = ('INSERT INTO mark (article_id, layer, category, start, "end", quote, prefix, suffix, note, extra, '
           "created_at, updated_at) VALUES (?, 'own', ?, ?, ?, ?, ?, ?, '', '{}', ?, ?)")


def _ms_since(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def connect(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db_path)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=5000"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


class Utf16:
    """Code points to Qt positions: each astral character before an offset adds one."""

    def __init__(self, text: str) -> None:
        self.astral = [m.start() for m in _ASTRAL.finditer(text)]

    def __call__(self, cp: int) -> int:
        return cp + bisect_left(self.astral, cp)


def new_edit():
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QTextEdit

    edit = QTextEdit()
    edit.setReadOnly(True)
    edit.setFont(QFont("DejaVu Serif", 13))
    edit.resize(760, 800)  # about the article pane of the app's 1360x860 window
    edit.show()
    QApplication.processEvents()
    return edit


def load_and_paint(conn: sqlite3.Connection, edit, article_id: int, formats) -> Utf16:
    """SELECT the text and marks, set the text, tint every mark, paint once."""
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    (text,) = conn.execute("SELECT text FROM article WHERE id = ?", (article_id,)).fetchone()
    marks = conn.execute("SELECT start, \"end\", category FROM mark WHERE article_id = ? AND layer = 'own' "
                         "ORDER BY start", (article_id,)).fetchall()
    edit.setPlainText(text)
    u16 = Utf16(text)
    cursor = QTextCursor(edit.document())
    cursor.beginEditBlock()
    for start, end, category in marks:
        cursor.setPosition(u16(start))
        cursor.setPosition(u16(end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(formats[category])
    cursor.endEditBlock()
    QApplication.processEvents()
    edit.viewport().repaint()
    return u16


def time_marks(conn: sqlite3.Connection, edit, article_id: int, u16: Utf16, count: int, formats) -> list[float]:
    """Like the app's: a passage selected (untimed), then INSERT + COMMIT + one tint + one paint."""
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    (text,) = conn.execute("SELECT text FROM article WHERE id = ?", (article_id,)).fetchone()  # untimed
    times = []
    for p in passages(word_spans(text), count, SEED + 2):
        cursor = QTextCursor(edit.document())
        cursor.setPosition(u16(p.start))
        cursor.setPosition(u16(p.end), QTextCursor.MoveMode.KeepAnchor)
        edit.setTextCursor(cursor)
        QApplication.processEvents()
        t0 = time.perf_counter()
        now = str(datetime.now(UTC))
        conn.execute(_INSERT, (article_id, p.category, p.start, p.end, text[p.start:p.end],
                               text[max(0, p.start - 32):p.start], text[p.end:p.end + 32], now, now))
        conn.commit()
        cursor.mergeCharFormat(formats[p.category])
        edit.viewport().repaint()
        times.append(_ms_since(t0))
        QApplication.processEvents()
    return times


def run(db_path: Path, article_id: int, sizes: Sizes) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import shiboken6
    from PySide6.QtGui import QColor, QTextCharFormat
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["lede-bench-floor"])
    formats = {}
    for key, colour in _TINTS.items():
        formats[key] = QTextCharFormat()
        formats[key].setBackground(QColor(colour))
    conn = connect(db_path)
    edit, open_ms = None, []
    for _ in range(sizes.runs):
        if edit is not None:
            shiboken6.delete(edit)
        edit = new_edit()
        t0 = time.perf_counter()
        u16 = load_and_paint(conn, edit, article_id, formats)
        open_ms.append(_ms_since(t0))
    rss = rss_mb()  # the article shown with every tint
    mark_ms = time_marks(conn, edit, article_id, u16, sizes.marks_timed, formats)
    conn.close()
    app.processEvents()
    return {"open_ms": open_ms, "mark_ms": mark_ms, "rss_mb": rss}
