"""The class list in the classroom window, driven as a teacher would: paste the names into "Class list…", import
the hand-ins, answer the one dialog asking who handed in what, and see the missing students in the roster, its
hint line and the gradebook CSV. Also: an LMS file read with its ids, the domain's refusals shown as one
sentence, two hand-ins given one student refused before anything is saved, and names kept as plain text."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QLabel

from desktop_app.core.assignments import Assignment
from desktop_app.core.marks import new_mark
from desktop_app.exchange.pack import text_sha256
from desktop_app.exchange.submission import write_submission
from desktop_app.resources import default_categories
from desktop_app.ui.roster_model import MISSING_COLOUR

CLASS = "Ana-María López\nBao Nguyen\nChloé Martin\n"


def classroom(window):
    """The teacher's assignment on the sample article, and the classroom window open on it."""
    window.assignments.create(Assignment(uid="", title="Sources", article_id=window.desk.article.id,
                                         categories=tuple(default_categories()),
                                         due_at=datetime.now(UTC) + timedelta(days=1)))
    return window.classroom.show_classroom()


def hand_ins(window, room, folder: Path, *names: str) -> list[Path]:
    """Each student's file as the student's Lede writes it, with one source marked."""
    text = window.desk.article.text
    start = text.index("José Alvarez")
    assignment = room.desk.work.assignment
    folder.mkdir(parents=True, exist_ok=True)
    return [write_submission(folder, assignment, text_sha256(text), name,
                             [new_mark(1, text, start, start + len("José Alvarez"), "source")],
                             datetime.now(UTC) - timedelta(hours=1))[0] for name in names]


def roster(room) -> list[tuple[str, str]]:
    """The roster as shown, in the order shown: (Student, Handed in)."""
    proxy = room.roster_proxy
    return [(proxy.data(proxy.index(r, 0)), proxy.data(proxy.index(r, 3)) or "") for r in range(proxy.rowCount())]


def paste_list(qtbot, room, names: str):
    room.class_lists.list_action.trigger()
    dialog = room.class_lists.list_dialog
    assert dialog.isVisible()
    qtbot.waitUntil(dialog.names.hasFocus, timeout=2000)  # the names box has the keyboard when the dialog opens
    dialog.names.clear()
    QApplication.clipboard().setText(names)
    qtbot.keyClick(dialog.names, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    return dialog


def test_a_teacher_pastes_the_list_imports_answers_the_question_and_sees_who_is_missing(
        make_window, qtbot, tmp_path, monkeypatch):
    window = make_window()
    room = classroom(window)
    dialog = paste_list(qtbot, room, CLASS)
    assert dialog.preview.text() == "3 students."
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert room.last_notice == "Saved the class list: 3 students."
    assert roster(room) == [("Ana-María López", "not handed in"), ("Bao Nguyen", "not handed in"),
                            ("Chloé Martin", "not handed in")]
    assert room.roster_hint.text().startswith("“Sources”: 0 of 3 handed in; 3 missing: Ana-María López, Bao "
                                              "Nguyen and Chloé Martin.")

    room.import_paths(hand_ins(window, room, tmp_path / "in", "Ana Maria Lopez", "bao nguyen", "Zoe Turner"))

    # One dialog asks about both names not exactly on the list; "bao nguyen" is Bao without asking.
    asked = room.class_lists.match_dialog
    assert asked.isVisible() and [q.name for q in asked.questions] == ["Ana Maria Lopez", "Zoe Turner"]
    ana, zoe = (asked.combos[q.submission_id] for q in asked.questions)
    assert ana.currentText().startswith("Ana-María López — written with other spaces")  # offered, not taken
    assert zoe.currentText() == "Not on the list"
    assert ana.accessibleName() == "Who handed in as Ana Maria Lopez"
    assert roster(room)[0] == ("Ana-María López", "not handed in")  # nothing linked before the teacher answers
    qtbot.keyClick(asked, Qt.Key.Key_Return)  # Link
    assert not asked.isVisible()

    shown = roster(room)
    assert [name for name, _ in shown] == ["Ana-María López", "Bao Nguyen", "Chloé Martin",
                                           "Zoe Turner (not on the list)"]
    assert [handed != "not handed in" for _, handed in shown] == [True, True, False, True]
    chloe = room.roster_proxy.index(2, 0)
    assert room.roster_proxy.data(chloe, Qt.ItemDataRole.ForegroundRole) == MISSING_COLOUR
    assert room.roster_proxy.data(room.roster_proxy.index(0, 0), Qt.ItemDataRole.ToolTipRole).startswith(
        "<p>Handed in as “Ana Maria Lopez”.</p>")
    assert room.roster_hint.text().startswith("“Sources”: 2 of 3 handed in; 1 missing: Chloé Martin. 1 hand-in is "
                                              "not on the class list (Zoe Turner)")
    room._open_review_at(chloe)  # a missing student has no work to open
    assert room.tabs.currentIndex() == 0 and room.review.submission is None
    room._step_student(1)  # stepping through the class passes over her
    room._step_student(1)
    assert room.review.submission.student_name == "bao nguyen"

    target = tmp_path / "grades.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV (*.csv)"))
    room.export_gradebook()
    with target.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.DictReader(f))
    assert [(r["Full name"], r["Handed in"] == "No", r["Points"] == "") for r in table] == [
        ("Ana-María López", False, False), ("Bao Nguyen", False, False), ("Chloé Martin", True, True),
        ("Zoe Turner", False, False)]

    room.undo_action.trigger()  # the answer
    assert roster(room)[0] == ("Ana-María López", "not handed in")
    room.redo_action.trigger()
    assert roster(room)[0][1] != "not handed in"


def test_an_lms_file_keeps_its_ids_when_a_name_is_added_and_refusals_are_one_sentence(make_window, qtbot, tmp_path):
    window = make_window()
    room = classroom(window)
    room.class_lists.list_action.trigger()
    dialog = room.class_lists.list_dialog
    qtbot.waitUntil(dialog.names.hasFocus, timeout=2000)
    workbook = tmp_path / "class.xlsx"
    workbook.write_bytes(b"PK\x03\x04 not a csv")
    assert not dialog.read_file(workbook)
    assert dialog.error.isVisible() and dialog.error.text().startswith(
        "“class.xlsx” is an Excel workbook or another zipped file, not a CSV file.")
    export = tmp_path / "export.csv"
    export.write_text("Student,ID,SIS User ID,Email\n\"Lopez, Ana\",101,S-1,ana@school.example\n"
                      "Bao Nguyen,102,S-2,bao@school.example\n\"Student, Test\",103,,\n", encoding="utf-8")
    assert dialog.read_file(export)
    assert not dialog.error.isVisible()
    assert dialog.names.toPlainText() == "Lopez, Ana\nBao Nguyen"
    assert dialog.preview.text() == "2 students, with ids and email addresses."
    dialog.names.moveCursor(dialog.names.textCursor().MoveOperation.End)
    qtbot.keyClick(dialog.names, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.names, "Dee Okafor")  # a latecomer, typed in
    assert dialog.preview.text() == "3 students, with ids and email addresses."
    qtbot.keyClick(dialog.names, Qt.Key.Key_Tab)  # Tab leaves the box for the next control
    assert dialog.read_button.hasFocus()
    dialog.save_button.click()
    members = room.desk.library.class_list.members(room.desk.work.assignment.id)
    assert [(m.name, m.lms_id, m.email) for m in members] == [("Lopez, Ana", "S-1", "ana@school.example"),
                                                              ("Bao Nguyen", "S-2", "bao@school.example"),
                                                              ("Dee Okafor", "", "")]
    steps = len(room.desk.library.history)
    room.class_lists.list_action.trigger()  # opened again and saved as it is: the same list, no new step
    dialog = room.class_lists.list_dialog
    assert dialog.names.toPlainText() == "Lopez, Ana\nBao Nguyen\nDee Okafor"
    assert dialog.preview.text() == "3 students, with ids and email addresses."
    dialog.save_button.click()
    assert len(room.desk.library.history) == steps

    dialog = paste_list(qtbot, room, "ana@school.example\n")
    assert dialog.error.text().startswith("Line 1 of the pasted text has an email address in it.")
    assert not dialog.save_button.isEnabled()


def test_one_student_for_two_hand_ins_is_refused_before_anything_is_linked(make_window, qtbot, tmp_path):
    window = make_window()
    room = classroom(window)
    paste_list(qtbot, room, "Maria Lopez\nBao Nguyen\n").save_button.click()
    room.import_paths(hand_ins(window, room, tmp_path / "in", "Mario Lopez", "Marie Lopez"))
    asked = room.class_lists.match_dialog
    marie, mario = asked.questions
    assert (marie.name, mario.name) == ("Marie Lopez", "Mario Lopez")
    assert asked.combos[marie.submission_id].currentText() == "Not on the list"  # contested: nothing offered
    asked.choose(marie.submission_id, "Maria Lopez")
    asked.choose(mario.submission_id, "Maria Lopez")
    asked.link_button.click()
    assert asked.isVisible() and asked.error.text().startswith(
        "Maria Lopez is chosen for Marie Lopez and Mario Lopez.")
    assert not any(r.member for r in room.desk.work.roster() if r.submission)
    asked.choose(mario.submission_id, None)
    asked.link_button.click()
    assert not asked.isVisible()
    assert [(r.name, r.submission.student_name if r.submission else None) for r in room.desk.work.roster()] == [
        ("Maria Lopez", "Marie Lopez"), ("Bao Nguyen", None), ("Mario Lopez", "Mario Lopez")]

    # Match names… asks again, the answer given included, so it can be changed.
    room.class_lists.match_action.trigger()
    again = room.class_lists.match_dialog
    assert [q.name for q in again.questions] == ["Marie Lopez", "Mario Lopez"]
    assert again.combos[marie.submission_id].currentText().startswith("Maria Lopez")


def test_names_are_shown_as_typed_never_as_markup(make_window, qtbot, tmp_path):
    window = make_window()
    room = classroom(window)
    paste_list(qtbot, room, "<b>Ana</b> Lopez\nBao <i>Nguyen</i>\n").save_button.click()
    room.import_paths(hand_ins(window, room, tmp_path / "in", "<b>Ana</b> Lopes"))
    asked = room.class_lists.match_dialog
    labels = asked.findChildren(QLabel)
    assert "<b>Ana</b> Lopes" in [label.text() for label in labels]
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels if "<" in label.text())
    assert all(combo.accessibleName() for combo in asked.findChildren(QComboBox))
    asked.reject()
    assert [name for name, _ in roster(room)] == ["<b>Ana</b> Lopez", "Bao <i>Nguyen</i>",
                                                  "<b>Ana</b> Lopes (not on the list)"]
    assert "Bao <i>Nguyen</i>" in room.roster_hint.text() and room.roster_hint.textFormat() == Qt.TextFormat.PlainText
    tip = room.roster_proxy.data(room.roster_proxy.index(2, 0), Qt.ItemDataRole.ToolTipRole)
    assert "<b>" not in tip  # names and file names in a tooltip are escaped
    tip = room.roster_proxy.data(room.roster_proxy.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip == "<p>&lt;b&gt;Ana&lt;/b&gt; Lopez has not handed in.</p>"
