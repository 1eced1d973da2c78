"""Seven ways a real school lab lost or mixed up a class's work (issue 9), each driven through the window where it
happens: a removed article, one Ctrl+Z too many, a shared student login, two students whose names make one file
name, files others could not open, and review that slipped. (Two processes on one library: test_two_desks.py.)"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from desktop_app.application.library import Library
from desktop_app.core.assignments import ON_STUDENT_MARK, Assignment
from desktop_app.exchange.pack import write_pack
from desktop_app.exchange.submission import read_submission
from desktop_app.resources import default_categories
from desktop_app.storage.database import open_database
from lab import dump, hand_in, make_assignment


def _class_with_a_review(window, tmp_path: Path):
    """An assignment on the sample with two hand-ins taken in, one graded and commented in the classroom window."""
    assignment = make_assignment(window)
    room = window.classroom.show_classroom()
    room.import_paths([hand_in(window, assignment, tmp_path / "in", "Ana", ["José Alvarez", "Zoë Marchetti"]),
                       hand_in(window, assignment, tmp_path / "in", "Ben", ["José Alvarez"])])
    ana = next(s for s in room.desk.work.submissions if s.student_name == "Ana")
    room.desk.set_grade(ana.id, "B+")
    room.desk.set_comment(ana.id, "Good sources.")
    room.desk.set_mark_comment(ana.id, (ON_STUDENT_MARK, ana.marks[0].id), "Who is he?")
    return assignment, room, ana


# --- 1. Removing an article took its class with it ---------------------------------------------------------

def test_removing_an_article_says_what_it_takes_and_undo_brings_back_the_whole_class(make_window, tmp_path,
                                                                                    answer_box):
    window = make_window()
    assignment, room, _ana = _class_with_a_review(window, tmp_path)
    db = window.desk.db
    before = dump(db)
    asked = answer_box("Remove")
    assert window.remove_article()
    assert "with its 1 assignment, 2 hand-ins, 1 grade, 2 comments and 30 marks?" in asked[0]
    assert window.desk.library.assignments.get(assignment.id) is None and room.desk.work is None

    window.undo_action.trigger()  # Edit ▸ Undo
    assert dump(db) == before  # every row as it was: article, marks, key, assignment, hand-ins, grades, comments
    assert [s.student_name for s in room.desk.work.submissions] == ["Ana", "Ben"]
    assert room.desk.work.submissions[0].grade == "B+"

    # Removed again, it can also be brought back later, from File ▸ Recently removed.
    answer_box("Remove")
    assert window.remove_article()
    from desktop_app.ui.removed_dialog import RemovedDialog

    dialog = RemovedDialog(window.desk, window)
    assert dialog.entries.item(0).text().startswith("“Eastgate library faces closure")
    assert "with its 1 assignment, 2 hand-ins, 1 grade, 2 comments and 30 marks" in dialog.entries.item(0).text()
    dialog.bring_back_button.click()
    assert dump(db) == before


# --- 2. One Ctrl+Z too many deleted a graded class ---------------------------------------------------------

def test_undo_on_the_desk_is_the_classroom_s_too_and_asks_before_it_removes_graded_work(make_window, tmp_path,
                                                                                      answer_box, db_url):
    window = make_window()
    assignment, room, ana = _class_with_a_review(window, tmp_path)
    # One history: the desk's Undo names the classroom window's last step, and undoes it.
    assert window.undo_action.text() == "&Undo Comment on a mark"
    window.undo_action.trigger()
    assert room.desk.work.submission(ana.id).mark_comments == {}
    # A hand-in taken in and graded by another program on the same library (the command line, a second Lede):
    other = Library(open_database(db_url), default_categories())
    report = other.classroom.examine(assignment.id, [hand_in(window, assignment, tmp_path / "cli", "Cy",
                                                             ["Zoë Marchetti"])])
    (cy,) = other.classroom.take_in(assignment.id, report).added
    other.review.set_grade(cy.id, "A")
    other.close()
    while window.undo_action.text() != f"&Undo Make assignment “{assignment.title}”":
        window.undo_action.trigger()
    asked = answer_box("Cancel")
    window.undo_action.trigger()
    assert "That removes 1 hand-in and 1 grade." in asked[0]
    assert window.desk.library.assignments.get(assignment.id) is not None  # "Cancel": nothing happened
    answer_box("Undo and remove them")
    window.undo_action.trigger()
    assert window.desk.library.assignments.get(assignment.id) is None
    assert any("Sources" in e.label for e in window.desk.library.removed.entries())
    window.redo_action.trigger()  # and back, with Cy's grade
    back = window.desk.library.classroom.submissions(assignment.id)
    assert [(s.student_name, s.grade) for s in back] == [("Cy", "A")]


# --- 3. A shared lab login handed one student's work to the next -------------------------------------------

def _pack(window, tmp_path: Path) -> Path:
    assignment = make_assignment(window, "Who speaks?")
    article = window.desk.article
    return write_pack(tmp_path / "who-speaks.ledepack", assignment, article)


def test_the_next_student_on_a_shared_login_is_asked_and_starts_a_fresh_copy(make_window, tmp_path, monkeypatch,
                                                                            answer_box, db_url):
    teacher = make_window()
    pack = _pack(teacher, tmp_path)
    lab = make_window(f"sqlite:///{tmp_path / 'lab-account.sqlite3'}")  # one account for the whole lab
    names = iter(["Ana Lopez", "Ben Okafor"])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (next(names), True))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    assert lab.classroom.open_pack_path(pack)
    text = lab.desk.article.text
    for quote in ("José Alvarez", "Zoë Marchetti"):
        lab.view.select_range(text.index(quote), text.index(quote) + len(quote))
        lab.apply_category("source")
    ana_copy = lab.assignments.current

    asked = answer_box("I'm someone else")
    assert lab.classroom.open_pack_path(pack)
    assert "Are you Ana Lopez?" in asked[0]
    ben_copy = lab.assignments.current
    assert ben_copy.id != ana_copy.id and ben_copy.student_name == "Ben Okafor" and len(lab.desk.marks) == 0
    lab.view.select_range(text.index("Councillor"), text.index("Councillor") + len("Councillor"))
    lab.apply_category("source")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    ben_file = lab.classroom.hand_in()
    handed = read_submission(ben_file)
    assert handed.student_name == "Ben Okafor" and [m.quote for m in handed.marks] == ["Councillor"]

    # Ana comes back to the same computer: her own work, as she left it.
    asked = answer_box("I'm Ana Lopez")
    assert lab.classroom.open_pack_path(pack)
    assert "Ana Lopez (2 marks)" in asked[-1] and "Ben Okafor (1 mark)" in asked[-1]
    assert lab.assignments.current.id == ana_copy.id and len(lab.desk.marks) == 2
    labels = [lab.library_model.data(lab.library_model.index(r)) for r in range(lab.library_model.rowCount())]
    assert sum("Who speaks? — Ana Lopez" in label for label in labels) == 1
    assert sum("Who speaks? — Ben Okafor" in label for label in labels) == 1


# --- 4. Two students could write the same hand-in file -----------------------------------------------------

def test_two_students_whose_names_make_one_file_name_keep_two_files(make_window, tmp_path, monkeypatch):
    teacher = make_window()
    pack = _pack(teacher, tmp_path)
    shared = tmp_path / "shared-folder"
    shared.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(shared))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    files = []
    for who, name in (("pc1", "Ana-Maria Lopez"), ("pc2", "Ana Maria Lopez")):
        student = make_window(f"sqlite:///{tmp_path / who}.sqlite3")
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, n=name, **k: (n, True))
        assert student.classroom.open_pack_path(pack)
        files.append(student.classroom.hand_in())
        assert "replaced" not in student.last_notice
    assert files[0] != files[1] and len(list(shared.iterdir())) == 2
    assert [read_submission(f).student_name for f in files] == ["Ana-Maria Lopez", "Ana Maria Lopez"]


# --- 5. Files in a shared folder were private --------------------------------------------------------------

@pytest.mark.skipif(os.name != "posix", reason="file modes and the umask are POSIX")
def test_files_for_others_are_written_with_the_permissions_the_umask_allows(make_window, tmp_path, monkeypatch,
                                                                           qtbot):
    old = os.umask(0o022)
    try:
        teacher = make_window()
        pack = _pack(teacher, tmp_path)
        student = make_window(f"sqlite:///{tmp_path / 'student.sqlite3'}")
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ana", True))
        monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
        assert student.classroom.open_pack_path(pack)
        handed = student.classroom.hand_in()
        room = teacher.classroom.show_classroom()
        room.import_paths([handed])
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "grades.csv"), ""))
        grades = room.export_gradebook()
        (tmp_path / "feedback").mkdir()
        assert room.start_feedback(tmp_path / "feedback") is not None
        qtbot.waitUntil(lambda: room.batch is None, timeout=60_000)
        assert len(room.last_feedback) == 1, room.last_problem
        for path in (pack, handed, grades, *room.last_feedback):
            assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
    finally:
        os.umask(old)


# --- 7. Review slipped -------------------------------------------------------------------------------------

def test_next_student_clears_the_mark_panel_and_a_comment_goes_to_this_students_mark(make_window, tmp_path, qtbot):
    window = make_window()
    _assignment, room, ana = _class_with_a_review(window, tmp_path)
    room.open_review(ana.id)
    review = room.review
    first = review.items.topLevelItem(0).child(0) or review.items.topLevelItem(2).child(0)
    review.items.setCurrentItem(first)
    assert review.mark_comment.isEnabled() and review.detail.text()
    review.next_button.click()
    assert review.submission.student_name == "Ben"
    assert review.mark_comment.toPlainText() == "" and not review.mark_comment.isEnabled()
    assert review.detail.text() == ""
    ben_item = next(review.items.topLevelItem(g).child(c) for g in range(review.items.topLevelItemCount())
                    for c in range(review.items.topLevelItem(g).childCount()))
    review.items.setCurrentItem(ben_item)
    review.mark_comment.setPlainText("Named, but who is he?")
    review.flush()
    assert room.last_problem is None
    ben = room.desk.work.submission(review.submission.id)
    assert list(ben.mark_comments.values()) == ["Named, but who is he?"]


def test_a_resubmission_kept_by_the_teacher_keeps_the_grade_and_the_comments_that_still_fit(make_window, tmp_path,
                                                                                           answer_box):
    window = make_window()
    assignment, room, _ana = _class_with_a_review(window, tmp_path)
    later = hand_in(window, assignment, tmp_path / "tuesday", "Ana", ["José Alvarez", "Councillor"], hours_ago=0)
    asked = answer_box("Keep the new file")
    result = room.import_paths([later])
    assert "Ana has handed in before" in asked[0] and result.replaced == 1
    now = next(s for s in room.desk.work.submissions if s.student_name == "Ana")
    jose = next(m for m in now.marks if m.quote == "José Alvarez")
    assert (now.grade, now.comment) == ("B+", "Good sources.") and not now.reviewed
    assert now.mark_comments == {(ON_STUDENT_MARK, jose.id): "Who is he?"}
    assert "Kept Ana's grade, overall comment and 1 comment on marks" in room.last_notice


def test_while_feedback_is_written_the_assignment_refuses_changes_and_cancel_stops_it(make_window, tmp_path, qtbot,
                                                                                    monkeypatch):
    import threading

    from desktop_app.classroom import exports

    window = make_window()
    assignment, room, ana = _class_with_a_review(window, tmp_path)
    (tmp_path / "feedback").mkdir()
    # The first sheet waits until the test has tried its changes and pressed Cancel: the timing is the test's.
    go_on = threading.Event()
    write_one = exports._write_one
    monkeypatch.setattr(exports, "_write_one", lambda job, path: go_on.wait(30) and write_one(job, path))
    batch = room.start_feedback(tmp_path / "feedback")
    assert batch is not None and room.batch is batch
    room.desk.set_grade(ana.id, "A")  # the teacher changes her mind while the sheets are being written
    assert room.last_problem and "being written" in room.last_problem
    assert room.desk.library.classroom.submission(ana.id).grade == "B+"
    window.undo_action.trigger()  # nor can an undo change it
    assert room.desk.library.classroom.submission(ana.id).grade == "B+"
    batch.cancelled.set()  # Cancel: the sheet under way is finished, no other is started
    go_on.set()
    qtbot.waitUntil(lambda: room.batch is None, timeout=60_000)
    assert len(room.last_feedback) == 1 and room.last_notice.startswith("Cancelled")
    room.desk.set_grade(ana.id, "A")  # done: changes are taken again
    assert room.desk.library.classroom.submission(ana.id).grade == "A"
    assert isinstance(assignment, Assignment)
