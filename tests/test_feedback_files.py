"""Feedback back into Lede (issue 11), driven as a teacher and a student would: the teacher rates notes with one key,
lets reasoning weigh 40 %, comments, grades and saves the class's feedback files; the student's Lede, on another
library, opens them on the student's own copy: the comments under their own notes, the grade and points in the bar,
and the key passages they missed only once the teacher has released the key (after the due date). The points agree
in the roster, the gradebook CSV and the feedback file. On a shared lab account the feedback finds its student's
copy; without one, or edited by hand, it is refused with a sentence."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateTimeEdit, QFileDialog, QInputDialog, QLineEdit,
                               QMessageBox, QSpinBox)

from desktop_app.core.assignments import ON_KEY_MARK, ON_STUDENT_MARK
from desktop_app.core.marks import KEY_LAYER, OWN_LAYER
from desktop_app.ui.assignment_dialog import AssignmentDialog
from test_hostile_files import MARKUP, _widgets_showing_markup

ANA = "Ana Garc\u00eda"


@pytest.fixture(autouse=True)
def told(monkeypatch):
    """"Handed in: …" is acknowledged with OK, as a student does; the sentences are kept for the test to read."""
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(a[2]) or QMessageBox.StandardButton.Ok)
    return said


def mark(window, quote: str, category: str, note: str = "") -> int:
    text = window.desk.article.text
    start = text.index(quote)
    window.view.select_range(start, start + len(quote))
    window.apply_category(category)
    mark_id = window.desk.selected_mark_id
    if note:
        window.panel.note_edit.setPlainText(note)  # typed into the note field, saved as it is typed
        window.panel.flush_pending()
    return mark_id


def fill_assignment(monkeypatch, title: str | None = None, due: datetime | None = None, reasoning: int | None = None,
                    release: str | None = None) -> None:
    """The next assignment dialog is filled in as the teacher would and accepted."""
    def fill_and_accept(dialog):
        if title is not None:
            dialog.findChild(QLineEdit, "title").setText(title)
        if due is not None:
            dialog.findChild(QCheckBox, "no_due").setChecked(False)
            dialog.findChild(QDateTimeEdit, "due").setDateTime(due)
        if reasoning is not None:
            dialog.findChild(QSpinBox, "reasoning_weight").setValue(reasoning)
        if release is not None:
            combo = dialog.findChild(QComboBox, "release_key")
            combo.setCurrentIndex(combo.findData(release))
        dialog.accept()
        return AssignmentDialog.DialogCode.Accepted

    monkeypatch.setattr(AssignmentDialog, "exec", fill_and_accept)


def drop(window, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    window.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                                Qt.KeyboardModifier.NoModifier))


def feedback_json(path: Path) -> tuple[dict, str]:
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n).decode("utf-8") for n in z.namelist()}
    return json.loads(members["feedback.json"]), "\n".join(members.values())


def comment_on(room, qtbot, ref, text: str) -> None:
    """Selects the mark's row in the review's list and types the comment, as the teacher does."""
    review = room.review
    for g in range(review.items.topLevelItemCount()):
        group = review.items.topLevelItem(g)
        for c in range(group.childCount()):
            if tuple(group.child(c).data(0, Qt.ItemDataRole.UserRole)) == ref:
                review.items.setFocus()
                review.items.setCurrentItem(group.child(c))
                review.mark_comment.setPlainText(text)
                review.flush()
                return
    raise AssertionError(f"no row for {ref}")


def test_feedback_goes_back_into_the_students_own_copy(make_window, tmp_path, monkeypatch, qtbot, answer_box):
    # --- the teacher: reasoning weighs 40 %, the key is released after the due date (tomorrow) ----------------
    teacher = make_window()
    fill_assignment(monkeypatch, "Who speaks?", due=datetime.now() + timedelta(days=1), reasoning=40,
                    release="after_due")
    made = teacher.classroom.new_assignment()
    assert made.reasoning_weight == 0.4 and made.release_key == "after_due"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "who.ledepack"), ""))
    pack = teacher.classroom.export_pack()

    # --- the student, on her own computer -------------------------------------------------------------------
    student_url = f"sqlite:///{tmp_path / 'ana.sqlite3'}"
    student = make_window(student_url)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ANA, True))
    assert student.classroom.open_pack_path(pack)
    osei = mark(student, "Councillor Margaret Osei", "source", "Chairs the finance committee.")
    alvarez = mark(student, "José Alvarez", "source", "A shop owner.")
    crumbling = mark(student, "crumbling", "loaded_language", "sounds bad")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "inbox"))
    (tmp_path / "inbox").mkdir()
    hand_in = student.classroom.hand_in()
    assert hand_in is not None

    # --- the teacher reviews: two notes rated with one key each, comments, a grade ----------------------------
    room = teacher.classroom.show_classroom()
    qtbot.waitUntil(room.isActiveWindow, timeout=3000)  # the keys that rate go to the window in front
    room.import_paths([tmp_path / "inbox"])
    work = room.desk.work
    sub = work.submissions[0]
    # The hand-in named each mark by its id in the student's library; the teacher's library keeps those ids.
    assert sorted(sub.library_ids.values()) == sorted([osei, alvarez, crumbling])
    room.open_review(sub.id)
    by_quote = {m.quote: m.id for m in sub.marks}
    comment_on(room, qtbot, (ON_STUDENT_MARK, by_quote["Councillor Margaret Osei"]),
               "Yes: and why would <b>she</b> know?")
    qtbot.keyClick(room.review.items, Qt.Key.Key_2)
    comment_on(room, qtbot, (ON_STUDENT_MARK, by_quote["José Alvarez"]), "Who does he speak for?")
    qtbot.keyClick(room.review.items, Qt.Key.Key_1)
    missed = work.comparisons[sub.id].missed
    comment_on(room, qtbot, (ON_KEY_MARK, missed[0].id), "KEY-COMMENT-sentinel: look at who pays.")
    room.review.grade.setText("B+")
    room.review.comment.setPlainText(f"Good sources; say how each would know. {MARKUP}")
    room.review._typed("grade")
    room.review.flush()
    sub = room.desk.work.submission(sub.id)
    assert sorted(sub.note_ratings.values()) == [1, 2] and sub.grade == "B+"
    points = room.desk.work.points(sub)
    assert points.weight == 0.4 and points.rated == 2

    # --- before the due date: the class's files hold nothing of the key ---------------------------------------
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "early"))
    (tmp_path / "early").mkdir()
    early = room.feedback_files.write_class()
    assert early is not None and not early.key_released and early.held_back == 1
    assert "not released" in room.last_notice
    [early_file] = early.paths
    assert early_file.name == "ana-garcia-who-speaks.ledefeedback"
    document, everything = feedback_json(early_file)
    assert document["key_released"] is False and document["missed"] == []
    assert "KEY-COMMENT-sentinel" not in everything
    key = teacher.desk.library.marks.service.list_for(work.article.id, KEY_LAYER)
    for k in key:
        assert k.note not in everything  # no key note, found or missed
    student_quotes = " ".join(m.quote + m.note for m in sub.marks)
    for k in missed:
        if k.quote not in student_quotes:
            assert k.quote not in everything
    # The points agree: roster, gradebook CSV, feedback file.
    row = room.roster_model.row_of(sub.id)
    # ("…": one note is not rated yet, so the reasoning part may still grow.)
    assert room.roster_model.data(room.roster_model.index(row, 1)) == f"{points.points:g} / {points.total:g} …"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "grades.csv"), ""))
    rows = list(csv.DictReader(io.StringIO(room.export_gradebook().read_text(encoding="utf-8-sig"))))
    assert float(rows[0]["Points"]) == points.points == document["points"]["points"]
    assert (document["points"]["finding"], document["points"]["reasoning"]) == (points.finding, points.reasoning)
    assert document["points"]["reasoning_weight"] == 0.4 and document["points"]["notes_rated"] == 2

    # --- the student opens it (File ▸ Open assignment from teacher…) ------------------------------------------
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(early_file), ""))
    student.classroom.open_pack_with_dialog()
    assert student.last_problem is None
    bar = student.assignment_bar
    assert bar.feedback_line.isVisible()
    assert bar.feedback_line.text() == f"Feedback: B+ · {points.points:g} / 10 points —"
    student.desk.select_mark(osei)
    note_feedback = student.panel.teacher_feedback
    assert note_feedback.isVisible() and note_feedback.textFormat() == Qt.TextFormat.PlainText
    assert note_feedback.text() == ("Your teacher: Yes: and why would <b>she</b> know?\n"
                                    "Reasoning in your note: 2 of 2 · sound")
    student.desk.select_mark(alvarez)
    assert "Who does he speak for?" in note_feedback.text() and "1 of 2 · partly" in note_feedback.text()
    dialog = bar.show_feedback()
    groups = [dialog.items.topLevelItem(i).text(0) for i in range(dialog.items.topLevelItemCount())]
    assert groups == ["Comments on your marks (2)", "Passages you missed: shown once your teacher releases the key"]
    assert not dialog.view.missed
    assert dialog.comment.toPlainText().endswith(MARKUP)  # the teacher's words as typed, never markup
    assert _widgets_showing_markup(student, dialog) == []
    dialog.close()

    # --- after the due date the key is released: the teacher saves this student's file again ----------------
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (a[3][0], True))
    fill_assignment(monkeypatch, due=datetime.now() - timedelta(hours=1))
    teacher.classroom.edit_assignment()
    assert teacher.desk.library.assignments.get(made.id).key_released(datetime.now().astimezone())
    room.open_review(sub.id)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "later" / "ana"), ""))
    (tmp_path / "later").mkdir()
    later = room.feedback_files.write_one()
    assert later is not None and later.key_released and later.paths == [tmp_path / "later" / "ana.ledefeedback"]
    document, everything = feedback_json(later.paths[0])
    assert len(document["missed"]) == len(missed) and "KEY-COMMENT-sentinel" in everything
    assert missed[0].note in everything

    # Dropped on the student's Lede: the newer file replaces the older, as one undoable step.
    drop(student, later.paths[0])
    assert student.last_problem is None
    dialog = bar.show_feedback()
    groups = [dialog.items.topLevelItem(i).text(0) for i in range(dialog.items.topLevelItemCount())]
    assert groups[1] == f"Passages you missed ({len(missed)})"
    first_missed = dialog.items.topLevelItem(1).child(0).text(0)
    assert missed[0].note in first_missed and "KEY-COMMENT-sentinel" in first_missed
    assert len(dialog.view.missed) == len(missed) and dialog.view._look_of(
        next(m for m in dialog.marks if m.id < 0))[1] == "dotted"
    dialog.close()
    assert student.desk.library.history.undo_label == "Open feedback on “Who speaks?”"
    student.undo_action.trigger()
    assert not student.assignments.feedback.feedback.key_released  # the earlier file is back
    student.redo_action.trigger()
    assert student.assignments.feedback.feedback.key_released
    # A file written earlier (here: one dated yesterday, left lying in a folder) changes nothing, and says so.
    (tmp_path / "old").mkdir()
    [old_file] = teacher.desk.library.feedback_files.write(made.id, tmp_path / "old",
                                                           now=datetime.now(UTC) - timedelta(days=1)).paths
    student.classroom.open_feedback_path(old_file)
    assert "already has newer feedback" in student.last_problem
    assert student.assignments.feedback.feedback.key_released

    # --- the student's Lede is closed and opened again: the feedback is still there --------------------------
    copy_article = student.desk.article.id
    student.close()
    again = make_window(student_url)
    again.desk.open_article(copy_article, OWN_LAYER)
    assert again.assignment_bar.feedback_line.text().startswith("Feedback: B+")
    again.desk.select_mark(osei)
    assert "why would <b>she</b> know?" in again.panel.teacher_feedback.text()
    # Removing the copy's article takes its feedback to the bin; undo brings both back.
    answer_box("Remove")
    assert again.remove_article()
    again.undo_action.trigger()
    again.desk.open_article(copy_article, OWN_LAYER)
    assert again.assignments.feedback is not None and again.assignments.feedback.feedback.key_released


def _student_copy(window, monkeypatch, pack: Path, name: str, quote: str, folder: Path) -> Path:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (name, True))
    assert window.classroom.open_pack_path(pack)
    mark(window, quote, "source", f"{name}'s note")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    return window.classroom.hand_in()


def test_on_a_shared_lab_account_feedback_finds_its_students_copy(make_window, tmp_path, monkeypatch, answer_box):
    teacher = make_window()
    fill_assignment(monkeypatch, "Voices", release="now")
    teacher.classroom.new_assignment()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "voices.ledepack"), ""))
    pack = teacher.classroom.export_pack()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    lab = make_window(f"sqlite:///{tmp_path / 'lab.sqlite3'}")  # one login, two students
    _student_copy(lab, monkeypatch, pack, ANA, "José Alvarez", inbox)
    ana_copy = lab.assignments.current
    answer_box("I'm someone else")
    _student_copy(lab, monkeypatch, pack, "Ben Okafor", "Zoë Marchetti", inbox)
    ben_copy = lab.assignments.current
    assert ana_copy.id != ben_copy.id

    room = teacher.classroom.show_classroom()
    room.import_paths([inbox])
    for sub in room.desk.work.submissions:
        room.desk.set_grade(sub.id, "A" if sub.student_name == ANA else "C")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "back"))
    (tmp_path / "back").mkdir()
    done = room.feedback_files.write_class()
    assert done.key_released and sorted(p.name for p in done.paths) == [
        "ana-garcia-voices.ledefeedback", "ben-okafor-voices.ledefeedback"]

    # Ana's copy is open on the desk; Ben's feedback opens Ben's copy and touches nothing of Ana's.
    lab.assignments.open_copy(ana_copy)
    lab.open_paths([tmp_path / "back" / "ben-okafor-voices.ledefeedback"])  # what `lede FILE` does
    assert lab.last_problem is None
    assert lab.assignments.current.id == ben_copy.id
    assert lab.assignment_bar.feedback_line.text().startswith("Feedback: C ·")
    assert lab.desk.library.feedback_files.on_copy(ana_copy.id) is None

    # Edited by hand (a better grade for home): refused, nothing changed.
    source = tmp_path / "back" / "ana-garcia-voices.ledefeedback"
    with zipfile.ZipFile(source) as z:
        members = {n: z.read(n) for n in z.namelist()}
    document = json.loads(members["feedback.json"])
    document["grade"] = "A+"
    members["feedback.json"] = json.dumps(document, ensure_ascii=False).encode("utf-8")
    forged = tmp_path / "forged.ledefeedback"
    with zipfile.ZipFile(forged, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    lab.open_paths([forged])
    assert "forged.ledefeedback was changed after your teacher's Lede wrote it" in lab.last_problem
    assert lab.desk.library.feedback_files.on_copy(ana_copy.id) is None

    # Another computer, with no copy of Ana's work: said plainly, nothing made.
    lab.last_problem = None
    other = make_window(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    before = len(other.desk.library.articles.summaries())
    other.open_paths([source])
    assert other.last_problem.startswith(f"This feedback is for {ANA}'s work on “Voices”; this computer has no "
                                         "copy of it.")
    assert len(other.desk.library.articles.summaries()) == before


@pytest.mark.parametrize("found_by", ["library id", "passage"])
def test_a_mark_moved_after_handing_in_keeps_its_comment_only_by_its_id(make_window, tmp_path, monkeypatch,
                                                                         found_by):
    teacher = make_window()
    fill_assignment(monkeypatch, "Moved")
    teacher.classroom.new_assignment()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "moved.ledepack"), ""))
    pack = teacher.classroom.export_pack()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    student = make_window(f"sqlite:///{tmp_path / 's.sqlite3'}")
    _student_copy(student, monkeypatch, pack, ANA, "Councillor Margaret Osei", inbox)
    mark_id = student.desk.selected_mark_id
    room = teacher.classroom.show_classroom()
    room.import_paths([inbox])
    sub = room.desk.work.submissions[0]
    room.desk.set_mark_comment(sub.id, (ON_STUDENT_MARK, sub.marks[0].id), "Which committee?")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "back"))
    (tmp_path / "back").mkdir()
    [path] = room.feedback_files.write_class().paths
    # The student widens the mark by one word after handing in.
    student.panel.nudgeRequested.emit("end", 1)
    if found_by == "passage":
        # Handed in again since: the file reviewed is no longer this copy's latest, so ids are not trusted.
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "again"))
        (tmp_path / "again").mkdir()
        student.classroom.hand_in()
    student.classroom.open_feedback_path(path)
    placed = student.assignments.placed_feedback()
    if found_by == "library id":
        assert list(placed.on_marks) == [mark_id] and placed.moved == {mark_id}
        student.desk.select_mark(mark_id)
        assert "On this mark as you handed it in: “Councillor Margaret Osei”" in student.panel.teacher_feedback.text()
    else:
        assert placed.on_marks == {} and len(placed.unplaced) == 1
        assert "earlier hand-in" in student.last_notice


def test_the_round_trip_on_the_application_layer_on_either_database(database_url, tmp_path):
    """The same round trip without windows, on SQLite and PostgreSQL: one library may hold the teacher's
    assignment and a student's copy of it (a teacher trying her own pack), which is the case here."""
    from desktop_app.application.library import Library
    from desktop_app.core.assignments import Assignment
    from desktop_app.resources import default_categories, resource_path
    from desktop_app.storage.database import open_database

    lib = Library(open_database(database_url), default_categories())
    try:
        article = lib.articles.get(lib.articles.ensure_sample(resource_path("sample")))
        made = lib.assignments.create(Assignment(uid="", title="Voices", article_id=article.id,
                                                 categories=tuple(default_categories()), release_key="now",
                                                 reasoning_weight=0.5))
        pack = lib.assignments.export_pack(made.id, tmp_path / "voices.ledepack")
        copy = lib.student.start_copy(lib.student.read_pack(pack))
        lib.student.set_name(copy.id, ANA)
        text = lib.articles.get(copy.article_id)
        start = text.text.index("José Alvarez")
        own = lib.marks.add(text, OWN_LAYER, start, start + len("José Alvarez"), "source", "Source")
        lib.marks.set_note(own.id, "Runs a shop.")
        lib.student.hand_in(copy.id, tmp_path)
        lib.classroom.take_in(made.id, lib.classroom.examine(made.id, [tmp_path]))
        sub = lib.classroom.submissions(made.id)[0]
        assert list(sub.library_ids.values()) == [own.id]  # kept through the database's own column
        lib.review.set_note_rating(sub.id, sub.marks[0].id, 2)
        lib.review.set_mark_comment(sub.id, (ON_STUDENT_MARK, sub.marks[0].id), "Which shop?")
        lib.review.set_grade(sub.id, "A")
        (tmp_path / "back").mkdir()
        done = lib.feedback_files.write(made.id, tmp_path / "back")
        assert done.key_released and done.not_reviewed == 1

        opening = lib.feedback_files.read(done.paths[0])
        assert opening.copy.id == copy.id and opening.same_hand_in
        received = lib.feedback_files.receive(opening)
        assert received.feedback.grade == "A" and received.feedback.missed
        placed = lib.feedback_files.on_copy(copy.id).placed([own])
        assert placed.on_marks[own.id].comment == "Which shop?" and placed.on_marks[own.id].rating == 2
        lib.undo()
        assert lib.feedback_files.on_copy(copy.id) is None
        lib.redo()
        assert lib.feedback_files.on_copy(copy.id).feedback == received.feedback
        # The copy's article removed (into the bin) takes the feedback with it; undo brings it back as it was.
        lib.articles.remove(copy.article_id)
        assert lib.feedback_files.on_copy(copy.id) is None
        lib.undo()
        assert lib.feedback_files.on_copy(copy.id).feedback == received.feedback
    finally:
        lib.close()
