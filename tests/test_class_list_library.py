"""An assignment's class list through the application layer (lib.class_list), on SQLite and PostgreSQL: hand-in
names matched to the list without guessing, each change one undoable step that puts the list and every link back
exactly, the roster and the gradebook following the list, and changes refused while the assignment is held."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from desktop_app.application.errors import AssignmentHeld
from desktop_app.application.library import Library
from desktop_app.core.articles import ArticleDetails
from desktop_app.core.assignments import Assignment
from desktop_app.core.class_list import ClassList, class_list_from_file, class_list_from_paste
from desktop_app.core.marks import KEY_LAYER, new_mark
from desktop_app.exchange.pack import text_sha256
from desktop_app.exchange.submission import write_submission
from desktop_app.exporters.gradebook import gradebook_csv
from desktop_app.resources import default_categories
from desktop_app.storage.database import open_database
from desktop_app.storage.marks import MarkService
from desktop_app.storage.models import ClassMemberRow, SubmissionRow

ARTICLE = "The council will vote on Tuesday. Councillor Ann Lee said the library is a drain on money."
DUE = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
CLASS = "Ana-María López\nBao Nguyen\nChloé Martin\nDee Okafor\n"


@pytest.fixture()
def lib(database_url):
    database = open_database(database_url)
    library = Library(database, default_categories())
    yield library
    database.dispose()


@pytest.fixture()
def assignment(lib) -> Assignment:
    article = lib.articles.add(ARTICLE, ArticleDetails(title="Library vote"))
    start = ARTICLE.index("Councillor Ann Lee")
    MarkService(lib.db).replace_layer(article.id, KEY_LAYER, [new_mark(0, ARTICLE, start, start + 18, "source",
                                                                     layer=KEY_LAYER)])
    return lib.assignments.create(Assignment(uid="", title="Sources", article_id=article.id, due_at=DUE,
                                             categories=tuple(default_categories()), total_points=10))


def take_in(lib, assignment, folder, *names):
    """Each student hands in a file marking the councillor as a source; the teacher imports them all."""
    start = ARTICLE.index("Councillor Ann Lee")
    mark = new_mark(0, ARTICLE, start, start + 18, "source")
    for name in names:
        write_submission(folder, assignment, text_sha256(ARTICLE), name, [mark], DUE - timedelta(hours=1))
    report = lib.classroom.examine(assignment.id, [folder])
    return lib.classroom.take_in(assignment.id, report, lambda _incoming: True).added


def linked(lib, assignment) -> dict[str, str | None]:
    """Each hand-in's name, with the list's name of the student it is linked to."""
    names = {m.id: m.name for m in lib.class_list.members(assignment.id)}
    return {s.student_name: names.get(s.member_id) for s in lib.classroom.submissions(assignment.id)}


def dump(lib) -> tuple:
    with lib.db.reading() as s:
        return (s.execute(select(ClassMemberRow.__table__).order_by(ClassMemberRow.id)).all(),
                s.execute(select(SubmissionRow.id, SubmissionRow.member_id).order_by(SubmissionRow.id)).all())


def test_a_list_set_before_any_hand_in_links_the_exact_names_as_they_come_and_asks_about_the_rest(
        lib, assignment, tmp_path):
    heard = []
    lib.subscribe(heard.append)
    assert lib.class_list.set_list(assignment.id, class_list_from_paste(CLASS)) == 0
    assert heard[-1].class_work == {assignment.id} and lib.history.undo_label == "Set the class list"

    take_in(lib, assignment, tmp_path, "bao nguyen", "Ana Maria Lopez", "Zoe Turner", "Chloe Martin")

    # Same key: linked in the import itself, one undo step with it.
    assert linked(lib, assignment) == {"Ana Maria Lopez": None, "bao nguyen": "Bao Nguyen",
                                       "Chloe Martin": "Chloé Martin", "Zoe Turner": None}
    check = lib.class_list.matching(assignment.id)
    assert check.linked == 0
    ana, zoe = check.questions
    assert (ana.name, [(c.member.name, c.likely) for c in ana.candidates]) == ("Ana Maria Lopez",
                                                                              [("Ana-María López", True)])
    assert ana.suggestion == ana.candidates[0].member  # offered first, never taken without the teacher
    assert (zoe.name, zoe.candidates, zoe.suggestion) == ("Zoe Turner", (), None)

    lib.class_list.link_many(assignment.id, {ana.submission_id: ana.candidates[0].member.id,
                                             zoe.submission_id: None})
    assert linked(lib, assignment)["Ana Maria Lopez"] == "Ana-María López"
    assert lib.history.undo_label == "Match 1 hand-in to the class list"  # Zoë's answer changed nothing
    assert [q.name for q in lib.class_list.matching(assignment.id).questions] == ["Zoe Turner"]
    assert [q.name for q in lib.class_list.matching(assignment.id, answered=True).questions] == [
        "Ana Maria Lopez", "Zoe Turner"]  # an answer given can be changed

    lib.undo()
    assert linked(lib, assignment)["Ana Maria Lopez"] is None
    lib.undo()  # the import: its hand-ins (and their links) go to the bin
    assert linked(lib, assignment) == {}
    lib.redo()
    lib.redo()
    assert linked(lib, assignment) == {"Ana Maria Lopez": "Ana-María López", "bao nguyen": "Bao Nguyen",
                                       "Chloe Martin": "Chloé Martin", "Zoe Turner": None}


def test_undo_puts_the_previous_list_and_every_link_back_exactly_and_redo_the_new_one(lib, assignment, tmp_path):
    take_in(lib, assignment, tmp_path, "Ana Maria Lopez", "Bao Nguyen", "Dee Okafor")
    assert lib.class_list.set_list(assignment.id, class_list_from_paste(CLASS)) == 2  # in the same step
    ana = next(s for s in lib.classroom.submissions(assignment.id) if s.student_name == "Ana Maria Lopez")
    members = lib.class_list.members(assignment.id)
    lib.class_list.link(ana.id, members.member("ana-maria lopez").id)
    first = dump(lib)

    # A corrected list: Ana's entry keeps its id (and her link), Dee leaves, Emil joins.
    assert lib.class_list.set_list(assignment.id, class_list_from_paste(
        "Ana-María López\nBao Nguyen\nChloé Martin\nEmil Berg")) == 0
    assert linked(lib, assignment) == {"Ana Maria Lopez": "Ana-María López", "Bao Nguyen": "Bao Nguyen",
                                       "Dee Okafor": None}
    assert lib.history.undo_label == "Replace the class list"
    second = dump(lib)

    lib.undo()
    assert dump(lib) == first
    lib.redo()
    assert dump(lib) == second
    lib.undo()
    lib.undo()  # the link
    lib.undo()  # the first list, and the links it made
    assert dump(lib)[0] == [] and set(linked(lib, assignment).values()) == {None}


def test_the_same_list_again_is_no_step_and_an_empty_one_removes_it(lib, assignment):
    lib.class_list.set_list(assignment.id, class_list_from_paste(CLASS))
    steps = len(lib.history)
    lib.class_list.set_list(assignment.id, class_list_from_paste(CLASS))
    assert len(lib.history) == steps
    lib.class_list.set_list(assignment.id, ClassList(()))
    assert len(lib.class_list.members(assignment.id)) == 0 and lib.history.undo_label == "Remove the class list"
    lib.undo()
    assert [m.name for m in lib.class_list.members(assignment.id)] == CLASS.split("\n")[:-1]


def test_two_hand_ins_claiming_one_student_are_flagged_and_never_both_linked(lib, assignment, tmp_path):
    lib.class_list.set_list(assignment.id, class_list_from_paste("Maria Lopez\nBao Nguyen"))
    take_in(lib, assignment, tmp_path, "Mario Lopez", "Marie Lopez")
    mario, marie = lib.class_list.matching(assignment.id).questions[::-1]
    assert (mario.name, marie.name) == ("Mario Lopez", "Marie Lopez")
    assert mario.contested_by == ("Marie Lopez",) and marie.contested_by == ("Mario Lopez",)
    assert mario.suggestion is None and marie.suggestion is None  # a contest is never offered as settled
    maria = mario.candidates[0].member.id
    with pytest.raises(ValueError, match="would have two hand-ins"):
        lib.class_list.link_many(assignment.id, {mario.submission_id: maria, marie.submission_id: maria})
    assert set(linked(lib, assignment).values()) == {None}

    lib.class_list.link(marie.submission_id, maria)
    (left,) = lib.class_list.matching(assignment.id).questions
    assert left.name == "Mario Lopez" and left.candidates[0].taken_by == "Marie Lopez"
    # The list's very name handed in later: it is asked about too, since Marie's answer holds the student.
    take_in(lib, assignment, tmp_path / "later", "maria lopez")
    exact = next(q for q in lib.class_list.matching(assignment.id).questions if q.name == "maria lopez")
    assert [(c.reason, c.taken_by) for c in exact.candidates] == [("the same name", "Marie Lopez")]


def test_a_held_assignment_refuses_the_list_and_the_answers(lib, assignment, tmp_path):
    (ana,) = take_in(lib, assignment, tmp_path, "Ana Lopez")
    release = lib.hold(assignment.id, "Feedback PDFs are being written.")
    with pytest.raises(AssignmentHeld):
        lib.class_list.set_list(assignment.id, class_list_from_paste(CLASS))
    with pytest.raises(AssignmentHeld):
        lib.class_list.link(ana.id, None)
    release()
    lib.class_list.set_list(assignment.id, class_list_from_paste("Ana Lopes"))
    release = lib.hold(assignment.id, "Feedback PDFs are being written.")
    assert [q.name for q in lib.class_list.matching(assignment.id).questions] == ["Ana Lopez"]  # reading is fine
    release()


def test_a_hand_in_back_from_the_bin_after_the_list_changed_is_matched_again(lib, assignment, tmp_path):
    lib.class_list.set_list(assignment.id, class_list_from_paste("Ana Lopez\nBao Nguyen"))
    (ana,) = take_in(lib, assignment, tmp_path, "Ana Lopez")
    lib.classroom.remove_hand_ins(assignment.id, [ana.id])
    lib.class_list.set_list(assignment.id, class_list_from_paste("Bao Nguyen\nAna  LOPEZ"))  # Ana's id stays
    lib.class_list.set_list(assignment.id, class_list_from_paste("Bao Nguyen"))
    lib.class_list.set_list(assignment.id, class_list_from_paste("Bao Nguyen\nAna Lopez"))  # a new entry for Ana
    entry = lib.removed.entries()[0]
    lib.removed.bring_back(entry.id)
    work = lib.classroom.work(assignment.id)
    assert [(r.name, r.submission is not None) for r in work.roster()] == [("Bao Nguyen", False),
                                                                         ("Ana Lopez", False), ("Ana Lopez", True)]
    assert [s.student_name for s in work.not_on_list()] == ["Ana Lopez"]  # its link points at nothing now
    check = lib.class_list.matching(assignment.id)
    assert check.linked == 1 and check.questions == ()
    assert lib.history.undo_label == "Match hand-ins to the class list by name"
    assert [(r.name, r.submission is not None) for r in lib.classroom.work(assignment.id).roster()] == [
        ("Bao Nguyen", False), ("Ana Lopez", True)]


def test_roster_and_gradebook_follow_the_list_with_its_spelling_ids_and_the_missing(lib, assignment, tmp_path):
    export = ("Student,ID,SIS User ID,Email\n"
              "\"López, Ana-María\",101,S-1,ana@school.example\nBao Nguyen,102,S-2,bao@school.example\n"
              "Chloé Martin,103,S-3,\n").encode()
    lib.class_list.set_list(assignment.id, class_list_from_file(export, "export.csv"))
    take_in(lib, assignment, tmp_path, "chloe martin", "Ana-Maria Lopez", "Zoe Turner")
    ana = next(q for q in lib.class_list.matching(assignment.id).questions if q.name == "Ana-Maria Lopez")
    assert ana.candidates[0].member.name == "López, Ana-María"
    lib.class_list.link(ana.submission_id, ana.candidates[0].member.id)

    work = lib.classroom.work(assignment.id)
    assert [(r.name, r.submission.student_name if r.submission else None) for r in work.roster()] == [
        ("López, Ana-María", "Ana-Maria Lopez"), ("Bao Nguyen", None), ("Chloé Martin", "chloe martin"),
        ("Zoe Turner", "Zoe Turner")]
    assert [m.name for m in work.missing()] == ["Bao Nguyen"]
    table = list(csv.reader(io.StringIO(gradebook_csv(work.gradebook_rows(), work.category_names()), newline="")))
    rows = [dict(zip(table[0], r, strict=True)) for r in table[1:]]
    assert table[0][:4] == ["Full name", "ID number", "Email address", "Points"]
    assert [(r["Full name"], r["ID number"], r["Email address"], r["Points"], r["Handed in"][:4]) for r in rows] == [
        ("López, Ana-María", "S-1", "ana@school.example", "10", "2026"), ("Bao Nguyen", "S-2", "bao@school.example",
                                                                           "", "No"),
        ("Chloé Martin", "S-3", "", "10", "2026"), ("Zoe Turner", "", "", "10", "2026")]


def test_without_a_list_the_roster_and_gradebook_are_the_hand_ins_by_name(lib, assignment, tmp_path):
    take_in(lib, assignment, tmp_path, "Zoe Turner", "ana lopez")
    work = lib.classroom.work(assignment.id)
    assert [(r.member, r.name) for r in work.roster()] == [(None, "ana lopez"), (None, "Zoe Turner")]
    assert work.missing() == [] and work.not_on_list() == []
    assert lib.class_list.matching(assignment.id).questions == ()
    table = list(csv.reader(io.StringIO(gradebook_csv(work.gradebook_rows(), []), newline="")))
    assert table[0][:2] == ["Full name", "Points"] and [r[0] for r in table[1:]] == ["ana lopez", "Zoe Turner"]
