"""Start-up: the first article is read with the standard library while SQLAlchemy loads, and it must be
exactly what the storage layer would have shown."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from desktop_app.core.articles import ArticleDetails
from desktop_app.core.marks import new_mark
from desktop_app.storage.articles import ArticleService
from desktop_app.storage.database import open_database
from desktop_app.storage.first_paint import read_first_article
from desktop_app.storage.marks import MarkService

TEXT = "Ahead 👩🏽‍🚀 of the vote, Zoe\u0308 said “the plan is 😀 a disgrace”.\n\nשלום עולם and مرحبا بالعالم."


def _library(db_url):
    db = open_database(db_url)
    articles, marks = ArticleService(db), MarkService(db)
    older = articles.add("An older article about buses.", ArticleDetails(title="Buses"))
    article = articles.add(TEXT, ArticleDetails(title="Scripts", outlet="Herald"))
    for quote, category, extra in (("Zoe\u0308", "source", {"source_kind": "named_person"}),
                                   ("the plan is 😀 a disgrace", "attributed_claim", {}),
                                   ("עולם", "opposing_view", {"side": "against"})):
        start = TEXT.index(quote)
        marks.add(new_mark(article.id, TEXT, start, start + len(quote), category, note=f"note <{quote}>",
                           extra=extra))
    return db, older, article


def test_first_paint_reads_what_the_storage_layer_reads(db_url):
    db, older, article = _library(db_url)
    expected = (ArticleService(db).get(article.id), MarkService(db).list_for(article.id))
    assert read_first_article(db_url, article.id) == expected
    newest = read_first_article(db_url, None)
    assert newest[0].id == article.id, "without a remembered article, the newest one"
    assert read_first_article(db_url, older.id)[0].details.title == "Buses"
    assert read_first_article(db_url, 999)[0].id == article.id, "a remembered article that is gone"
    db.dispose()


def test_first_paint_steps_aside_when_anything_is_unusual(tmp_path, db_url):
    assert read_first_article(f"sqlite:///{tmp_path / 'missing.sqlite3'}", None) is None
    assert not (tmp_path / "missing.sqlite3").exists(), "reading never creates a database"
    assert read_first_article("postgresql+psycopg://server/lede", None) is None
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    assert read_first_article(f"sqlite:///{garbage}", None) is None

    db, _, article = _library(db_url)
    db.dispose()
    path = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'future'")
    assert read_first_article(db_url, article.id) is None, "another schema: the ordinary path migrates"
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
        conn.execute("UPDATE article SET text = 'x' || text WHERE id = ?", (article.id,))
    assert read_first_article(db_url, article.id) is None, "marks needing re-anchoring: ordinary path"


def _probe(db_url, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_STATE_HOME=str(tmp_path / "state"))  # settings and the log stay out of the real home
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--db", db_url, "--startup-probe"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return {line.split()[0]: float(line.split()[1]) for line in done.stdout.splitlines()}


def test_lede_starts_on_a_fresh_database_then_shows_the_first_page_before_storage(tmp_path, db_url):
    first = _probe(db_url, tmp_path)  # no database yet: migrate, add the sample, show it
    assert set(first) == {"startup_ms", "storage_ready_ms"}
    db = open_database(db_url)
    assert ArticleService(db).list()[0].details.title.startswith("Eastgate library")
    db.dispose()
    again = _probe(db_url, tmp_path)
    assert again["startup_ms"] < again["storage_ready_ms"], "the article is shown before storage is loaded"


def test_a_bug_in_a_slot_is_logged_and_shown_not_swallowed(tmp_path, monkeypatch, qtbot):
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop_app.ui import errors

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(errors.sys, "excepthook", errors.sys.excepthook)  # restored after the test
    path = errors.install()
    try:
        raise RuntimeError("a deliberate bug")
    except RuntimeError:
        errors.sys.excepthook(*errors.sys.exc_info())
    box = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.isVisible() and w.text().startswith("Something went wrong"))
    assert "a deliberate bug" in box.text() and str(path) in box.text()
    box.close()
    for handler in list(errors.log.handlers):
        handler.flush()
    assert "a deliberate bug" in path.read_text(encoding="utf-8")
    for handler in list(errors.log.handlers):
        errors.log.removeHandler(handler)
        handler.close()


def test_a_mark_made_before_the_database_is_open_opens_it_and_is_saved(db_url, qtbot):
    """The window shows the first page before storage is loaded; an early key press must still commit."""
    from desktop_app.resources import default_categories
    from desktop_app.ui.desk import Desk

    db, _, article = _library(db_url)
    db.dispose()
    opened = []

    def open_db():
        opened.append(open_database(db_url))
        return opened[-1]

    desk = Desk(open_db, default_categories())
    first = read_first_article(db_url, article.id)
    desk.show_preloaded(*first)
    assert not desk.storage_open and len(desk.marks) == 3
    start = TEXT.index("مرحبا")
    desk.mark_selection(start, start + len("مرحبا"), "loaded_language")
    assert desk.storage_open and len(opened) == 1
    stored = MarkService(opened[0]).list_for(article.id)
    assert "مرحبا" in [m.quote for m in stored] and len(stored) == 4
    opened[0].dispose()
