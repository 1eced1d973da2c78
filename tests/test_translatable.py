"""Every text on screen goes through the translations: the windows run under a pseudo-language (⟦Ŝáṽé⟧) and no
text may keep its plain English words, except data (the article, names, notes) and the names of keys."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop_app.core.assignments import Assignment
from desktop_app.core.marks import KEY_LAYER
from desktop_app.i18n import LANGUAGES, use_language
from desktop_app.resources import default_categories
from lab import hand_in
from visible_texts import untranslated, visible_texts


@pytest.fixture
def pseudo_language(monkeypatch):
    monkeypatch.setenv("LEDE_LANGUAGE", "pseudo")
    yield
    use_language("en")


def _data_of(window) -> set[str]:
    article = window.desk.article
    details = article.details
    data = {details.title, details.outlet, details.author, details.published, details.url, window.desk.db.url}
    data |= {entry.summary.display_title for entry in window.desk.library_entries()}
    data |= {article.text[m.start:m.end] for m in window.desk.marks}
    data |= {m.note for m in window.desk.marks}
    key = window.desk.library.marks.shown(article, KEY_LAYER).marks
    data |= {article.text[m.start:m.end] for m in key} | {m.note for m in key}
    data |= set(LANGUAGES.values())  # View ▸ Language lists each language by its own name
    return {d for d in data if d}


def test_the_desk_and_the_classroom_window_show_no_untranslated_text(pseudo_language, make_window, tmp_path):
    teacher = make_window()
    made = teacher.assignments.create(Assignment(uid="", title="Who speaks?", article_id=teacher.desk.article.id,
                                                 categories=tuple(default_categories()),
                                                 due_at=datetime.now(UTC) + timedelta(days=1)))
    text = teacher.desk.article.text
    start = text.index("Councillor Margaret Osei")
    teacher.view.select_range(start, start + len("Councillor Margaret Osei"))
    teacher.apply_category("source")
    teacher.desk.select_mark(teacher.desk.selected_mark_id)
    data = _data_of(teacher) | {"Who speaks?", "Ana", "José Alvarez"}
    left = untranslated(visible_texts(teacher), data)
    assert not left, "\n".join(left)

    room = teacher.classroom.show_classroom()
    handed_in = hand_in(teacher, made, tmp_path / "in", "Ana", ["José Alvarez"])
    room.import_paths([handed_in])
    data |= {str(tmp_path), handed_in.stem, "Ana on José Alvarez"}  # the hand-in's note (tests/lab.py)
    for tab in range(room.tabs.count()):
        room.tabs.setCurrentIndex(tab)
        if room.tabs.currentWidget() is room.review:
            room.open_review(room.desk.work.submissions[0].id)
        left = untranslated(visible_texts(room), data)
        assert not left, f"tab {tab}:\n" + "\n".join(left)


def test_the_dialogs_show_no_untranslated_text(pseudo_language, make_window, qtbot):
    from PySide6.QtWidgets import QDialog

    from desktop_app.core.class_list import ClassList
    from desktop_app.ui.assignment_dialog import AssignmentDialog
    from desktop_app.ui.class_list_dialog import ClassListDialog
    from desktop_app.ui.library import DetailsDialog
    from desktop_app.ui.own_category_dialog import OwnCategoryDialog
    from desktop_app.ui.print_dialog import PrintDialog
    from desktop_app.ui.removed_dialog import RemovedDialog

    window = make_window()
    data = _data_of(window)
    article = window.desk.article
    standard = default_categories()
    window.desk.delete_article(window.desk.library.articles.add("A second article to remove.",
                                                                 article.details.with_changes(title="Second")).id)
    data |= {"Second", "A second article to remove."}
    dialogs: list[QDialog] = [
        DetailsDialog(article.details, window),
        PrintDialog(window.settings, "key", 30, 0, window, title=article.details.title),
        AssignmentDialog(standard, window, article_title=article.details.title),
        OwnCategoryDialog(list(standard), window),
        RemovedDialog(window.desk, window),
        ClassListDialog(ClassList(()), "Who speaks?", window.settings, window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        left = untranslated(visible_texts(dialog), data | {"Who speaks?"})
        assert not left, f"{type(dialog).__name__}:\n" + "\n".join(left)
        dialog.close()
