"""A student's side of an assignment at the desk: opening the pack every way there is, typing the name once,
seeing progress against the minimums, and the categories the teacher chose (her own included)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QInputDialog

from desktop_app.core.assignments import Assignment, custom_category
from desktop_app.exchange.pack import write_pack
from desktop_app.resources import default_categories


def _pack(tmp_path: Path, minimums=None, own=False) -> Path:
    from desktop_app.core.articles import Article, ArticleDetails

    categories = list(default_categories())[:2]
    if own:
        categories.append(custom_category("Statistic", "#009E73", "dotted", "Where does the number come from?",
                                          categories))
    assignment = Assignment(uid="f" * 32, title="Numbers in the news", instructions="Find every <b>number</b>.",
                            categories=tuple(categories), minimums=minimums or {}, seal="ab" * 32,
                            due_at=datetime.now(UTC) + timedelta(days=2))
    article = Article(1, ArticleDetails("Budget story", "Gazette"),
                      "The council says 64 spaces will cost £2m. Critics slammed the plan as reckless.")
    return write_pack(tmp_path / "numbers.ledepack", assignment, article)


def _drop(window, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_dropping_a_pack_opens_it_asks_the_name_once_and_shows_progress(make_window, tmp_path, monkeypatch,
                                                                        answer_box):
    window = make_window()
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: asked.append(1) or ("  Mia   Chen ", True))
    pack = _pack(tmp_path, minimums={"source": 2})
    _drop(window, pack)
    current = window.assignments.current
    assert current is not None, window.last_problem
    assert current is not None and current.student_name == "Mia Chen" and asked == [1]
    assert window.desk.article.details.title == "Budget story"
    bar = window.assignment_bar
    assert bar.isVisible() and bar.title.text() == "Numbers in the news"
    assert bar.instructions.text() == "Find every <b>number</b>."  # the teacher's words, shown as typed
    assert "Source 0 of 2" in bar.progress.text()
    text = window.desk.article.text
    window.view.select_range(text.index("The council"), text.index("The council") + len("The council"))
    window.apply_category("source")
    assert "Source 1 of 2" in bar.progress.text()
    # Only the teacher's categories are in play: two buttons, two category keys.
    assert set(window.panel.category_buttons) == {"source", "loaded_language"}
    assert set(window.category_actions) == {"source", "loaded_language"}

    # Opening it again (File ▸ Open, or a double-click: `lede open FILE`) asks whose work this is (a lab account
    # may be shared); Mia continues where she stopped, and her name is not asked again.
    asked_who = answer_box("I'm Mia Chen")
    window.open_paths([pack])
    assert asked_who and "Are you Mia Chen?" in asked_who[0]
    assert asked == [1] and len(window.desk.marks) == 1 and len(window.desk.library.articles.summaries()) == 2
    # The name is one undoable change.
    window.assignments.set_student_name("Mia Chen-Li")
    assert window.assignments.current.student_name == "Mia Chen-Li"
    window.desk.library.undo()
    assert window.assignments.current.student_name == "Mia Chen"


def test_a_teachers_own_category_comes_with_the_pack(make_window, tmp_path, monkeypatch):
    window = make_window()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Sam", True))
    assert window.classroom.open_pack_path(_pack(tmp_path, own=True))
    assert "own_statistic" in window.panel.category_buttons
    text = window.desk.article.text
    start = text.index("£2m")
    window.view.select_range(start, start + 3)
    window.category_actions["own_statistic"].trigger()
    assert [m.category for m in window.desk.marks] == ["own_statistic"]
    # Back on the sample article, the standard five are in play again.
    sample = next(a.id for a in window.desk.library.articles.summaries() if a.details.title != "Budget story")
    window.desk.open_article(sample)
    assert set(window.panel.category_buttons) == set(default_categories().keys)
    assert not window.assignment_bar.isVisible()
