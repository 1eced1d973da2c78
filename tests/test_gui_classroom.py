"""The teacher's side at the desk and in the classroom window, beyond the round trip: the key layer and its
undo, removing an assignment, and undoing an import that replaced a student's earlier hand-in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop_app.core.assignments import ON_STUDENT_MARK, Assignment
from desktop_app.core.marks import KEY_LAYER, OWN_LAYER, new_mark
from desktop_app.exchange.pack import text_sha256
from desktop_app.exchange.submission import write_submission
from desktop_app.resources import default_categories
from lab import hand_in as lab_hand_in


def _assignment(window) -> Assignment:
    made = window.assignments.create(Assignment(
        uid="", title="Sources", article_id=window.desk.article.id, categories=tuple(default_categories()),
        due_at=datetime.now(UTC) + timedelta(days=1)))
    assert made is not None
    return made


def _hand_in(window, assignment, folder: Path, name: str, quotes, hours_ago=1) -> Path:
    """A hand-in as a student's Lede writes it, made here without a student's window."""
    text = window.desk.article.text
    marks = [new_mark(1, text, text.index(q), text.index(q) + len(q), "source", note=f"{name} on {q}")
             for q in quotes]
    folder.mkdir(parents=True, exist_ok=True)
    path, _ = write_submission(folder, assignment, text_sha256(text), name, marks,
                               datetime.now(UTC) - timedelta(hours=hours_ago))
    return path


def test_key_marks_live_in_their_own_layer_and_undo_follows_them(make_window):
    window = make_window()
    desk = window.desk
    article = desk.article
    window.key_action.trigger()
    assert desk.layer == KEY_LAYER and window.panel.marks_label.text() == "Answer key marks"
    text = article.text
    start = text.index("crumbling")
    window.view.select_range(start, start + len("crumbling"))
    window.apply_category("loaded_language")
    added = desk.selected_mark_id
    assert window.panel.bonus_check.isVisible()
    window.panel.bonus_check.setChecked(True)
    assert next(m for m in desk.library.marks.service.list_for(article.id, KEY_LAYER) if m.id == added).bonus
    window.key_action.trigger()
    assert desk.layer == OWN_LAYER and all(m.layer == OWN_LAYER for m in desk.marks)
    # Undo from the own layer: the desk goes back to the key, where the change was, and undoes it there.
    desk.library.undo()  # the bonus
    assert desk.layer == KEY_LAYER and not desk.marks.get(added).bonus
    desk.library.undo()  # the mark
    assert added not in desk.marks
    assert all(m.id != added for m in desk.library.marks.service.list_for(article.id, KEY_LAYER))


def test_removing_an_assignment_takes_its_hand_ins_and_undo_brings_all_back(make_window, tmp_path, answer_box):
    window = make_window()
    assignment = _assignment(window)
    room = window.classroom.show_classroom()
    room.import_paths([_hand_in(window, assignment, tmp_path / "in", "Ana", ["José Alvarez"])])
    assert len(room.desk.work.submissions) == 1
    asked = answer_box("Remove")
    assert window.classroom.remove_assignment()
    assert "with its 1 hand-in?" in asked[0]
    assert window.assignments.get(assignment.id) is None and room.desk.work is None
    window.desk.library.undo()
    assert window.assignments.get(assignment.id) == assignment
    # The classroom window follows the desk's undo without being asked.
    assert [s.student_name for s in room.desk.work.submissions] == ["Ana"]
    window.desk.library.redo()
    assert room.desk.work is None and room.assignment_combo.count() == 0


def test_undoing_an_import_brings_back_the_hand_in_it_replaced_with_its_review(make_window, tmp_path, monkeypatch):
    window = make_window()
    assignment = _assignment(window)
    room = window.classroom.show_classroom()
    first = _hand_in(window, assignment, tmp_path / "monday", "Ben Okafor", ["José Alvarez"], hours_ago=20)
    room.import_paths([first, _hand_in(window, assignment, tmp_path / "monday", "Cleo", ["Zoë Marchetti"])])
    ben = next(s for s in room.desk.work.submissions if s.student_name == "Ben Okafor")
    room.desk.set_grade(ben.id, "C")
    room.desk.set_mark_comment(ben.id, (ON_STUDENT_MARK, ben.marks[0].id), "Who is he?")

    later = _hand_in(window, assignment, tmp_path / "tuesday", "ben okafor", ["José Alvarez", "Zoë Marchetti"])
    monkeypatch.setattr(room, "ask_keep_new", lambda incoming: True)
    result = room.import_paths([later])
    assert result.replaced == 1
    now = next(s for s in room.desk.work.submissions if s.student_key == ben.student_key)
    # The teacher's grade and the comment on a mark the new hand-in still has are kept; the work is new, so it
    # is not reviewed any more.
    assert len(now.marks) == 2 and now.grade == "C" and now.id != ben.id and not now.reviewed
    jose = next(m for m in now.marks if m.quote == "José Alvarez")
    assert now.mark_comments == {(ON_STUDENT_MARK, jose.id): "Who is he?"}
    assert "Kept ben okafor's grade and 1 comment on marks" in room.last_notice  # as the new file spells it

    room.undo_action.trigger()  # the import: Ben's earlier hand-in is back, grade and comment included
    back = next(s for s in room.desk.work.submissions if s.student_key == ben.student_key)
    assert back.id == ben.id and back.grade == "C" and len(back.marks) == 1
    assert back.mark_comments == {(ON_STUDENT_MARK, ben.marks[0].id): "Who is he?"}
    room.redo_action.trigger()
    again = next(s for s in room.desk.work.submissions if s.student_key == ben.student_key)
    assert again.id == now.id and len(again.marks) == 2

    # The same file again: nothing to ask, nothing to store.
    result = room.import_paths([later])
    assert result.unchanged == 1 and not result.added and "already imported" in room.last_notice


def test_hand_ins_go_to_their_own_assignment_whichever_the_window_shows(make_window, tmp_path):
    window = make_window()
    first = _assignment(window)
    second = window.assignments.create(Assignment(uid="", title="Claims", article_id=window.desk.article.id,
                                                  categories=tuple(default_categories())))
    room = window.classroom.show_classroom()
    room.assignment_combo.setCurrentIndex(room.assignment_combo.findData(first.id))
    room._on_assignment_chosen(0)
    # Dropped on the main window, two hand-ins for "Claims" and one for "Sources": the majority decides,
    # and the odd one out is refused by name.
    files = [_hand_in(window, second, tmp_path / "a", name, ["José Alvarez"]) for name in ("Ann", "Bo")]
    stray = _hand_in(window, first, tmp_path / "b", "Cy", ["Zoë Marchetti"])
    window.classroom.take_dropped(files + [stray])
    assert room.desk.work.assignment.id == second.id
    assert room.assignment_combo.currentData() == second.id
    assert [s.student_name for s in room.desk.work.submissions] == ["Ann", "Bo"]
    assert stray.name in room.last_problem and "another assignment" in room.last_problem


def test_taking_a_category_out_of_a_handed_out_assignment_asks_first(make_window, monkeypatch):
    from desktop_app.ui.assignment_dialog import AssignmentDialog

    window = make_window()
    assignment = _assignment(window)
    fewer = assignment.with_changes(categories=assignment.categories[:3])
    monkeypatch.setattr(AssignmentDialog, "exec", lambda self: AssignmentDialog.DialogCode.Accepted)
    monkeypatch.setattr(AssignmentDialog, "assignment", lambda self: fewer)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    window.classroom.edit_assignment()
    assert "Unattributed claim, Opposing view" in asked[0]
    assert len(window.assignments.get(assignment.id).categories) == 5  # "No": nothing changed
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.classroom.edit_assignment()
    assert len(window.assignments.get(assignment.id).categories) == 3
    window.desk.library.undo()
    assert len(window.assignments.get(assignment.id).categories) == 5


def test_the_roster_marks_hand_ins_that_look_alike_and_says_which_notes_match(make_window, tmp_path):
    from PySide6.QtCore import Qt

    window = make_window()
    assignment = _assignment(window)
    room = window.classroom.show_classroom()
    quotes = ["José Alvarez", "Zoë Marchetti", "Councillor Margaret Osei"]
    note = {q: f"{q} is quoted by name, so a reader can check." for q in quotes}
    room.import_paths([lab_hand_in(window, assignment, tmp_path / "in", name, quotes, notes=note)
                       for name in ("Ana", "Ben")] + [_hand_in(window, assignment, tmp_path / "in", "Cy", quotes[:1])])
    model = room.roster_model
    shown = {model.data(model.index(r, 0)): model.data(model.index(r, 0), Qt.ItemDataRole.ToolTipRole)
             for r in range(model.rowCount())}
    assert set(shown) == {"Ana  · looks alike", "Ben  · looks alike", "Cy"}
    assert "Looks alike with Ben" in shown["Ana  · looks alike"]
    assert "Same note on “José Alvarez”" in shown["Ana  · looks alike"]
