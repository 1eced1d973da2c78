"""The classroom round trip, driven as people would: a teacher makes an assignment from the sample (with its
answer key), hands out the pack; three students on their own machines (their own databases) open it, mark
differently and hand in; the teacher takes the files back, with a tampered, a wrong-assignment and a
duplicate file among them, reviews, and exports the gradebook, feedback and class summary."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (QCheckBox, QDateTimeEdit, QFileDialog, QInputDialog, QLineEdit, QMessageBox,
                               QSpinBox)

from desktop_app.core.assignments import ON_KEY_MARK, ON_STUDENT_MARK, Assignment
from desktop_app.core.marks import KEY_LAYER, OWN_LAYER
from desktop_app.ui.assignment_dialog import AssignmentDialog



def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture
def machines(qtbot, tmp_path, monkeypatch):
    """Builds a Lede window on its own database and settings: one per person, as on separate computers."""
    from desktop_app.storage.database import open_database
    from desktop_app.ui.app import build_window

    opened = []
    # Dialogs that would wait for a person: answered the way the person in each test answers them.
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    def build(who: str):
        db = open_database(f"sqlite:///{tmp_path / who}.sqlite3")
        settings = QSettings(str(tmp_path / f"{who}.ini"), QSettings.Format.IniFormat)
        window = build_window(db, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        opened.append((db, window))
        return window

    yield build
    for db, window in opened:
        if window.classroom.classroom_window is not None:
            window.classroom.classroom_window.close()
        window.close()
        db.dispose()


def select(window, quote: str, occurrence: int = 1) -> None:
    text = window.desk.article.text
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    window.view.select_range(start, start + len(quote))


def mark(window, quote: str, category: str, note: str = "") -> None:
    select(window, quote)
    window.apply_category(category)
    if note:
        window.desk.set_note(window.desk.selected_mark_id, note)


def make_assignment(window, monkeypatch, title: str, minimums: dict[str, int] | None = None) -> Assignment:
    def fill_and_accept(dialog):
        dialog.findChild(QLineEdit, "title").setText(title)
        for key, n in (minimums or {}).items():
            dialog.findChild(QSpinBox, f"minimum_{key}").setValue(n)
        dialog.findChild(QCheckBox, "no_due").setChecked(False)
        dialog.findChild(QDateTimeEdit, "due").setDateTime(datetime.now() + timedelta(days=1))
        dialog.accept()
        return AssignmentDialog.DialogCode.Accepted

    monkeypatch.setattr(AssignmentDialog, "exec", fill_and_accept)
    made = window.classroom.new_assignment()
    assert made is not None and made.id is not None
    return made


def export_pack(window, monkeypatch, path: Path) -> Path:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    written = window.classroom.export_pack()
    assert written == path and path.is_file()
    return path


def hand_in(window, monkeypatch, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    path = window.classroom.hand_in()
    assert path is not None and path.is_file()
    return path


def open_pack_as(window, monkeypatch, pack: Path, name: str) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (name, True))
    assert window.classroom.open_pack_path(pack)


def pack_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8") for n in z.namelist())


def tamper(source: Path, target: Path) -> Path:
    """What a student with an unzip tool might do: change a note in submission.json and zip it back up."""
    with zipfile.ZipFile(source) as z:
        members = {n: z.read(n) for n in z.namelist()}
    data = json.loads(members["submission.json"])
    data["marks"][0]["note"] = "I found this all by myself"
    members["submission.json"] = json.dumps(data, ensure_ascii=False).encode("utf-8")
    with zipfile.ZipFile(target, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    return target


def test_assignment_out_submissions_in_review_and_exports(machines, monkeypatch, tmp_path, qtbot, answer_box):
    # --- the teacher makes the assignment and checks the key -----------------------------------------
    teacher = machines("teacher")
    sample = teacher.desk.article
    key = teacher.desk.library.marks.service.list_for(sample.id, KEY_LAYER)
    assert len(key) == 30 and sum(k.bonus for k in key) == 5
    assignment = make_assignment(teacher, monkeypatch, "Who speaks in the library story?", {"source": 3})
    assert assignment.minimums == {"source": 3} and assignment.due_at is not None

    # The key is marked in the same desk: Ctrl+K switches to the key layer, a new key mark gets a note
    # (the feedback for students who miss it) and can be made a bonus; Ctrl+K again goes back.
    teacher.key_action.trigger()
    assert teacher.desk.layer == KEY_LAYER and teacher.key_banner.isVisible()
    assert len(teacher.desk.marks) == 30
    mark(teacher, "divided the town", "loaded_language",
         "Is “divided” fair? Sentinel-key-note: how many people were for and against?")
    teacher.desk.set_bonus(teacher.desk.selected_mark_id, True)
    key = teacher.desk.library.marks.service.list_for(sample.id, KEY_LAYER)
    assert len(key) == 31 and any(k.bonus and "Sentinel-key-note" in k.note for k in key)
    teacher.key_action.trigger()
    assert teacher.desk.layer == OWN_LAYER and len(teacher.desk.marks) == 0

    (tmp_path / "out").mkdir()
    pack = export_pack(teacher, monkeypatch, tmp_path / "out" / "library.ledepack")
    contents = pack_text(pack)
    # Never the key: no key note, no key mark's offsets, no marks at all.
    for k in key:
        if k.note:
            assert k.note not in contents
    assert "Sentinel-key-note" not in contents and '"marks"' not in contents and '"bonus"' not in contents
    assert sample.text in json.loads(zipfile.ZipFile(pack).read("pack.json"))["article"]["text"]

    # A second assignment on the same article, whose pack one student will open by mistake.
    other = make_assignment(teacher, monkeypatch, "Loaded words only")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (next(t for t in a[3] if "Loaded words" in t), True))
    other_pack = export_pack(teacher, monkeypatch, tmp_path / "out" / "loaded.ledepack")
    assert other.uid != assignment.uid

    # --- three students, each on their own machine ----------------------------------------------------
    inbox = tmp_path / "inbox"
    ana = machines("ana")
    open_pack_as(ana, monkeypatch, pack, "Ana García")
    assert ana.assignment_bar.isVisible() and "Who speaks" in ana.assignment_bar.title.text()
    assert not ana.key_action.isEnabled()  # a student has no key to mark
    mark(ana, "Councillor Margaret Osei", "source", "Chairs the finance committee.")
    mark(ana, "José Alvarez", "source", "Speaks for the traders.")
    mark(ana, "Zoë Marchetti", "source", "Leads the campaign.")
    mark(ana, "crumbling", "loaded_language", "old")
    assert "Source 3 of 3 ✓" in ana.assignment_bar.progress.text()
    ana_file = hand_in(ana, monkeypatch, inbox)
    assert ana_file.name.startswith("ana-garcia") and ana_file.suffix == ".ledesub"
    # Handing in again replaces the earlier file, and says so.
    ana_again = hand_in(ana, monkeypatch, inbox)
    assert ana_again == ana_file and "replaced your earlier file" in ana.last_notice

    ben = machines("ben")
    open_pack_as(ben, monkeypatch, pack, "Ben Okafor")
    mark(ben, "Councillor Margaret Osei", "source", "A councillor.")
    mark(ben, "they would accept the car park", "opposing_view", "Parents who would go along with it.")
    ben_file = hand_in(ben, monkeypatch, inbox)

    # Reopening the pack continues where the student stopped: same article, same marks, no second copy. (Lede asks
    # "Are you Ben Okafor?" first: on a shared lab account it might be the next student.)
    answer_box("I'm Ben Okafor")
    open_pack_as(ben, monkeypatch, pack, "Ben Okafor")
    assert len(ben.desk.marks) == 2 and len(ben.desk.library.articles.summaries()) == 2  # the sample and the assignment
    mark(ben, "José Alvarez", "source", "Runs a shop.")
    ben_later = hand_in(ben, monkeypatch, tmp_path / "usb-stick")  # the duplicate: a later hand-in

    cleo = machines("cleo")
    open_pack_as(cleo, monkeypatch, pack, "Cleo Lind")
    mark(cleo, "Councillor Margaret Osei", "loaded_language", "Wrong category on purpose.")
    cleo_file = hand_in(cleo, monkeypatch, inbox)
    assert sorted(p.name for p in inbox.iterdir()) == sorted([ana_file.name, ben_file.name, cleo_file.name])

    dev = machines("dev")
    open_pack_as(dev, monkeypatch, other_pack, "Dev Patel")
    mark(dev, "crumbling", "loaded_language", "emotional")
    wrong_file = hand_in(dev, monkeypatch, tmp_path / "wrong")

    (tmp_path / "tampered").mkdir()
    tampered = tamper(ana_file, tmp_path / "tampered" / "ana-garcia-edited.ledesub")

    # --- the teacher takes them back -------------------------------------------------------------------
    asked = []
    room = teacher.classroom.show_classroom()
    room.assignment_combo.setCurrentIndex(room.assignment_combo.findData(assignment.id))
    room._on_assignment_chosen(0)
    monkeypatch.setattr(room, "ask_keep_new", lambda incoming: asked.append(incoming.student) or True)
    result = room.import_paths([inbox, tampered, wrong_file])
    assert [s.student_name for s in result.added] == ["Ana García", "Ben Okafor", "Cleo Lind"]
    reasons = {r.path.name: r.code for r in result.refused}
    assert reasons == {"ana-garcia-edited.ledesub": "edited", wrong_file.name: "other_assignment"}
    assert "ana-garcia-edited.ledesub" in room.last_problem and wrong_file.name in room.last_problem
    # The duplicate: Ben's later hand-in asks which to keep, and the new one replaces the old.
    result = room.import_paths([ben_later])
    assert asked == ["Ben Okafor"] and result.replaced == 1
    work = room.desk.work
    assert [s.student_name for s in work.submissions] == ["Ana García", "Ben Okafor", "Cleo Lind"]
    ben_sub = work.submissions[1]
    assert len(ben_sub.marks) == 3

    # --- scores, roster and class view hold the expected numbers ----------------------------------------
    required = sum(not k.bonus for k in work.key)
    assert required == 25
    by_name = {s.student_name: work.comparisons[s.id] for s in work.submissions}
    assert by_name["Ana García"].per_category["source"].found == 3
    assert by_name["Ana García"].per_category["loaded_language"].found == 1  # "crumbling" is in the key
    assert by_name["Ana García"].points == round(10 * 4 / 25, 1)
    assert by_name["Ben Okafor"].per_category["source"].found == 2
    assert by_name["Cleo Lind"].points == 0.0 and len(by_name["Cleo Lind"].wrong_category) == 1
    assert room.roster_model.rowCount() == 3
    view = work.view
    osei = next(t for t in view.key_marks if t.key.quote == "Councillor Margaret Osei")
    assert sorted(osei.found_by) == ["Ana García", "Ben Okafor"] and osei.missed_by == ("Cleo Lind",)
    assert view.key_marks[0].found_by == ()  # the most-missed first: found by nobody
    source = next(c for c in view.categories if c.category == "source")
    assert source.marked == 5 and source.found == 5  # Cleo marked Osei as loaded language

    # --- review: comments, grade, reviewed, undo, next student with one key -----------------------------
    ana_sub = work.submissions[0]
    room.open_review(ana_sub.id)
    assert room.tabs.currentWidget() is room.review
    review = room.review
    review.grade.setText("B+")
    review._typed("grade")
    review.comment.setPlainText("Good eye for sources. <b>Keep going</b> & look for claims.")
    first_item = review.items.topLevelItem(0).child(0)
    review.items.setCurrentItem(first_item)
    review.mark_comment.setPlainText("Yes: and what does she gain?")
    review.reviewed.setChecked(True)  # saves what was typed first
    stored = room.desk.work.submission(ana_sub.id)
    assert stored.grade == "B+" and stored.comment.startswith("Good eye") and stored.reviewed
    commented = (ON_STUDENT_MARK, first_item.data(0, Qt.ItemDataRole.UserRole)[1])
    assert stored.mark_comments[commented] == "Yes: and what does she gain?"
    missed_item = review.items.topLevelItem(1).child(0)
    review.items.setCurrentItem(missed_item)
    review.mark_comment.setPlainText("Look at who wrote the report.")
    review.flush()
    assert any(kind == ON_KEY_MARK for kind, _ in room.desk.work.submission(ana_sub.id).mark_comments)
    room.undo_action.trigger()  # the key-mark comment goes again
    assert not any(kind == ON_KEY_MARK for kind, _ in room.desk.work.submission(ana_sub.id).mark_comments)
    room.redo_action.trigger()
    assert any(kind == ON_KEY_MARK for kind, _ in room.desk.work.submission(ana_sub.id).mark_comments)
    review.next_button.click()
    assert review.submission.student_name == "Ben Okafor"
    assert room.roster_model.data(room.roster_model.index(0, 5)) == "✓"  # Ana reviewed

    # --- exports, read back ------------------------------------------------------------------------------
    out = tmp_path / "exports"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out / "grades.csv"), ""))
    grades = room.export_gradebook()
    rows = list(csv.DictReader(io.StringIO(grades.read_text(encoding="utf-8-sig"))))
    assert [r["Full name"] for r in rows] == ["Ana García", "Ben Okafor", "Cleo Lind"]
    assert rows[0]["Grade"] == "B+" and rows[0]["Reviewed"] == "Yes"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    assert room.export_feedback() is not None, room.last_problem  # written in the background, with progress
    qtbot.waitUntil(lambda: room.batch is None, timeout=60_000)
    feedback = room.last_feedback
    assert len(feedback) == 3 and all(p.suffix == ".pdf" and p.stat().st_size > 1000 for p in feedback)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out / "summary.pdf"), ""))
    summary = room.export_class_summary()
    assert summary.is_file()
    # Read back with pypdf (a dependency), so these checks run on every machine, poppler or not.
    text = " ".join(pdf_text(feedback[0]).split())
    assert "Ana García" in text and "B+" in text and "<b>Keep going</b> & look for claims." in text
    summary_text = pdf_text(summary)
    assert room.class_view.names_hidden and "Class summary" in summary_text
    for name in ("Ana", "Ben", "Cleo", "García", "Okafor", "Lind"):
        assert name not in summary_text


def test_a_broken_pack_is_refused_with_a_message_and_nothing_changes(machines, tmp_path):
    student = machines("student")
    before = student.desk.library.articles.summaries()
    bad = tmp_path / "assignment.ledepack"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip file")
    assert not student.classroom.open_pack_path(bad)
    assert "assignment.ledepack" in student.last_problem
    assert student.desk.library.articles.summaries() == before and student.assignments.current is None
