"""The reasoning counts (issue 11): a teacher rates each note 0, 1 or 2 with one key in the review, the assignment
says how much reasoning weighs, and the points agree in the roster, the gradebook and the review header."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.assignments import Assignment, hand_in_gaps
from desktop_app.core.marks import new_mark
from desktop_app.core.matching import Comparison
from desktop_app.core.reasoning import points_with_reasoning
from desktop_app.resources import default_categories
from lab import hand_in


def _comparison(points: float, total: float = 10.0) -> Comparison:
    return Comparison((), (), (), {}, {}, points, total)


def _marks(*ids: int):
    text = "Councillor Ann Lee said the library is a drain."
    return [new_mark(1, text, 0, 10, "source").with_changes(id=i) for i in ids]


def test_reasoning_weighs_as_the_assignment_says_and_unrated_notes_are_left_out():
    marks = _marks(1, 2, 3, 4)
    plain = points_with_reasoning(_comparison(6.0), marks, {1: 2}, 0.0)
    assert (plain.points, plain.finding, plain.reasoning) == (6.0, 6.0, 0.0)  # weight 0: as before
    # 40 %: finding 6 of 10 -> 0.6 x 6 = 3.6; notes rated 2, 1 (of 2 each) -> 0.75 x 4 = 3.0.
    mixed = points_with_reasoning(_comparison(6.0), marks, {1: 2, 2: 1}, 0.4)
    assert (mixed.points, mixed.finding, mixed.reasoning, mixed.rated, mixed.unrated) == (6.6, 3.6, 3.0, 2, 2)
    assert mixed.reasoning_pending and mixed.reasoning_possible == 4.0 and mixed.finding_possible == 6.0
    none_rated = points_with_reasoning(_comparison(10.0), marks, {}, 0.5)
    assert (none_rated.points, none_rated.reasoning) == (5.0, 0.0)  # nothing given for notes no one has read
    all_sound = points_with_reasoning(_comparison(10.0), marks, dict.fromkeys((1, 2, 3, 4), 2), 1.0)
    assert all_sound.points == 10.0 and not all_sound.reasoning_pending


def test_handing_in_says_which_marks_have_no_note_when_the_teacher_asks_for_notes():
    categories = tuple(default_categories())
    assignment = Assignment(uid="a" * 32, title="T", categories=categories, minimums={"source": 3},
                            require_notes=True)
    marks = [m.with_changes(note=n) for m, n in zip(_marks(1, 2), ("", "named"), strict=True)]
    gaps = hand_in_gaps(assignment, marks)
    assert gaps[0].startswith("You have not reached the minimum for: Source (2 of 3)")
    assert gaps[1].startswith("1 of your marks has no note")
    assert hand_in_gaps(assignment.with_changes(require_notes=False, minimums={}), marks) == []


@pytest.fixture
def rated_room(make_window, tmp_path):
    window = make_window()
    made = window.assignments.create(Assignment(
        uid="", title="Voices", article_id=window.desk.article.id, categories=tuple(default_categories()),
        due_at=datetime.now(UTC) + timedelta(days=1), reasoning_weight=0.4, require_notes=True))
    room = window.classroom.show_classroom()
    room.import_paths([hand_in(window, made, tmp_path / "in", "Ana", ["José Alvarez", "Zoë Marchetti"])])
    return window, room


def test_the_teacher_rates_notes_with_one_key_and_the_points_follow_everywhere(rated_room, qtbot, tmp_path,
                                                                             monkeypatch):
    window, room = rated_room
    ana = room.desk.work.submissions[0]
    room.open_review(ana.id)
    review = room.review
    found = review.items.topLevelItem(0)
    first, second = found.child(0), found.child(1)
    shown_line = first.text(0).replace("\u2068", "").replace("\u2069", "")  # the note is bidi-isolated
    assert "Note: Ana on José Alvarez" in shown_line and "[not rated]" in shown_line
    review.items.setFocus()
    review.items.setCurrentItem(first)
    qtbot.keyClick(review.items, Qt.Key.Key_2)
    review.items.setCurrentItem(second)
    qtbot.keyClick(review.items, Qt.Key.Key_1)
    rated = room.desk.work.submission(ana.id)
    assert sorted(rated.note_ratings.values()) == [1, 2]
    assert "[2 · sound]" in first.text(0) and review.rating_buttons[1].isChecked()
    points = room.desk.work.points(rated)
    assert points.rated == 2 and points.weight == 0.4 and not points.reasoning_pending
    # The same number in the roster, the review header and the gradebook.
    shown = room.roster_model.data(room.roster_model.index(0, 1))
    assert shown == f"{points.points:g} / {points.total:g}"
    assert f"{points.points:g} / {points.total:g} points (finding {points.finding:g}, reasoning 3 of 4)" \
        in review.header.text()
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "grades.csv"), ""))
    rows = list(csv.DictReader(io.StringIO(room.export_gradebook().read_text(encoding="utf-8-sig"))))
    assert float(rows[0]["Points"]) == points.points
    # Minus leaves a note unrated; each rating is one undo step.
    qtbot.keyClick(review.items, Qt.Key.Key_Minus)
    assert len(room.desk.work.submission(ana.id).note_ratings) == 1
    window.desk.library.undo()
    assert len(room.desk.work.submission(ana.id).note_ratings) == 2


def test_a_student_is_warned_about_empty_notes_before_handing_in(make_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from desktop_app.exchange.pack import write_pack

    teacher = make_window()
    made = teacher.assignments.create(Assignment(
        uid="", title="Voices", article_id=teacher.desk.article.id, categories=tuple(default_categories()),
        require_notes=True))
    pack = write_pack(tmp_path / "p.ledepack", made, teacher.desk.article)
    student = make_window(f"sqlite:///{tmp_path / 's.sqlite3'}")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ana", True))
    assert student.classroom.open_pack_path(pack)
    text = student.desk.article.text
    student.view.select_range(text.index("Councillor"), text.index("Councillor") + 10)
    student.apply_category("source")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    assert student.classroom.hand_in() is None
    assert "1 of your marks has no note" in asked[0]


def test_the_class_feedback_book_is_written_in_the_background_with_the_points_of_the_roster(rated_room, qtbot,
                                                                                          tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    from pypdf import PdfReader

    _window, room = rated_room
    sub = room.desk.work.submissions[0]
    room.desk.set_note_rating(sub.id, sub.marks[0].id, 2)
    book = tmp_path / "book.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(book), ""))
    assert room.export_feedback_book() is not None
    qtbot.waitUntil(lambda: room.batch is None, timeout=60_000)
    assert room.last_feedback == [book], room.last_problem
    text = " ".join((page.extract_text() or "") for page in PdfReader(book).pages)
    points = room.desk.work.points(room.desk.work.submissions[0])
    assert f"{points.points:g} / 10 points" in " ".join(text.split())
    assert "Reasoning:" in text
