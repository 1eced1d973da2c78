"""The whole student task by keyboard alone: open the assignment, read, select by words and sentences, mark, write
the note, go back, hand in; and Tab walks every control of the window and comes back round, never stuck in a
list (a table with tab-key navigation kept Tab inside "Your marks")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QPushButton

from desktop_app.core.assignments import Assignment
from desktop_app.exchange.pack import write_pack
from desktop_app.exchange.submission import read_submission
from desktop_app.resources import default_categories


def _focus(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)
    return QApplication.focusWidget()


def test_a_student_does_the_whole_task_with_the_keyboard_and_tab_never_gets_stuck(make_window, qtbot, tmp_path,
                                                                                  monkeypatch):
    teacher = make_window()
    made = teacher.assignments.create(Assignment(uid="", title="Who speaks?", article_id=teacher.desk.article.id,
                                                 categories=tuple(default_categories())))
    pack = write_pack(tmp_path / "p.ledepack", made, teacher.desk.article)
    window = make_window(f"sqlite:///{tmp_path / 'student.sqlite3'}")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ana", True))
    assert window.classroom.open_pack_path(pack)
    view, panel = window.view, window.panel

    # Read to "Councillor Margaret Osei", then select her name word by word and mark it as a source.
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)  # Ctrl+J: to the article
    assert QApplication.focusWidget() is view
    text = window.desk.article.text
    cursor = view.textCursor()
    cursor.setPosition(view._map.to_utf16(text.index("Councillor Margaret")))
    view.setTextCursor(cursor)
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_1)
    mark = window.desk.marks.get(window.desk.selected_mark_id)
    assert mark.quote == "Councillor Margaret Osei" and QApplication.focusWidget() is panel.note_edit
    qtbot.keyClicks(panel.note_edit, "Chairs the finance committee.")
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Escape)  # back to the article; the note is saved on the way
    assert QApplication.focusWidget() is view
    assert window.desk.library.marks.get(mark.id).note == "Chairs the finance committee."

    # A claim is often one sentence: Ctrl+Shift+Space selects it, 3 marks it.
    cursor = view.textCursor()
    cursor.setPosition(view._map.to_utf16(text.index("We cannot keep pouring")))
    view.setTextCursor(cursor)
    qtbot.keyClick(view, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_3)
    claim = window.desk.marks.get(window.desk.selected_mark_id)
    assert claim.category == "attributed_claim" and claim.quote.startswith("“We cannot keep pouring")
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Escape)

    # Tab goes round every control and comes back to the article: through the category buttons and out of the
    # list of marks, never stuck.
    seen = []
    for _ in range(60):
        widget = _focus(qtbot, window, Qt.Key.Key_Tab)
        seen.append(widget)
        if widget is view and len(seen) > 1:
            break
    assert seen[-1] is view, [type(w).__name__ for w in seen]
    assert panel.mark_list in seen and any(isinstance(w, QPushButton) and w in panel.category_buttons.values()
                                           for w in seen)
    assert len(seen) == len(set(map(id, seen)))  # each control once: no loop inside a list

    # Hand in with its shortcut.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    handed = next(Path(tmp_path).glob("*.ledesub"))
    assert read_submission(handed).marks[0].quote == "Councillor Margaret Osei"
    assert panel.keys_hint.isVisible() and "Ctrl+Shift+Space" in panel.keys_hint.text()
