"""An assignment's class list in the library, on SQLite and PostgreSQL (conftest's database_url): stored in its
order, replaced keeping the ids (and so the links) of students on both lists, put back exactly, hand-ins linked
one per student, exact names linked without asking, and the list going to the bin with its assignment."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop_app.core.articles import ArticleDetails
from desktop_app.core.assignments import Assignment, Submission
from desktop_app.core.class_list import Member, class_list_from_paste
from desktop_app.resources import default_categories
from desktop_app.storage.articles import ArticleService
from desktop_app.storage.assignments import AssignmentService
from desktop_app.storage.class_lists import (ClassListService, link, link_exact, read_state, replace_list,
                                             restore)
from desktop_app.storage.database import open_database
from desktop_app.storage.models import ClassMemberRow, SubmissionRow
from desktop_app.storage.removed_work import ASSIGNMENT, RemovedWorkService
from desktop_app.storage.submissions import SubmissionService


@pytest.fixture()
def db(database_url):
    database = open_database(database_url)
    yield database
    database.dispose()


@pytest.fixture()
def assignment_id(db) -> int:
    article = ArticleService(db).add("The council will vote on Tuesday.", ArticleDetails(title="Vote"))
    return AssignmentService(db).create(Assignment(uid="", title="Sources", article_id=article.id,
                                                   categories=tuple(default_categories()))).id


def hand_in(db, assignment_id: int, name: str) -> int:
    return SubmissionService(db).add(assignment_id, Submission(student_name=name, marks=())).id


def set_list(db, assignment_id: int, names: str):
    with db.transaction() as s:
        return replace_list(s, assignment_id, list(class_list_from_paste(names)))


def members(db, assignment_id: int) -> list[tuple[str, str, str, int]]:
    return [(m.name, m.lms_id, m.email, m.position) for m in ClassListService(db).members(assignment_id)]


def links(db, assignment_id: int) -> dict[str, str | None]:
    """Each hand-in's name with the list's name of the student it is linked to (or the raw id, if dangling)."""
    with db.reading() as s:
        names = dict(s.execute(select(ClassMemberRow.id, ClassMemberRow.name)).all())
        rows = s.execute(select(SubmissionRow.student_name, SubmissionRow.member_id)
                         .where(SubmissionRow.assignment_id == assignment_id)).all()
    return {name: (names.get(mid, f"#{mid}") if mid is not None else None) for name, mid in rows}


def dump(db) -> tuple:
    with db.reading() as s:
        return (s.execute(select(ClassMemberRow.__table__).order_by(ClassMemberRow.id)).all(),
                s.execute(select(SubmissionRow.id, SubmissionRow.member_id).order_by(SubmissionRow.id)).all())


def test_a_list_is_stored_in_its_order_with_ids_and_emails(db, assignment_id):
    assert len(ClassListService(db).members(assignment_id)) == 0
    with db.transaction() as s:
        replace_list(s, assignment_id, [Member("Zoë Turner", "zoe turner", "S-2", "zoe@school.example"),
                                        Member("Ana-María López", "ana-maria lopez", "S-1", "")])
    listed = ClassListService(db).members(assignment_id)
    assert members(db, assignment_id) == [("Zoë Turner", "S-2", "zoe@school.example", 0),
                                          ("Ana-María López", "S-1", "", 1)]
    assert all(m.id is not None for m in listed) and listed.member("ana-maria lopez") == listed.members[1]


def test_replacing_keeps_students_on_both_lists_with_their_links_and_clears_the_others(db, assignment_id):
    set_list(db, assignment_id, "Ana Lopez\nBao Nguyen\nChloé Martin")
    first = {m.key: m.id for m in ClassListService(db).members(assignment_id)}
    ana, bao = hand_in(db, assignment_id, "Ana Lopez"), hand_in(db, assignment_id, "Bao Nguyen")
    with db.transaction() as s:
        link(s, assignment_id, {ana: first["ana lopez"], bao: first["bao nguyen"]})
    dumped = dump(db)

    before = set_list(db, assignment_id, "Chloe Martin\nAna Lopez\nDee Okafor")

    now = ClassListService(db).members(assignment_id)
    assert [m.name for m in now] == ["Chloe Martin", "Ana Lopez", "Dee Okafor"]  # the new spelling and order
    assert now.member("ana lopez").id == first["ana lopez"] and now.member("chloe martin").id == first["chloe martin"]
    assert now.member("dee okafor").id not in first.values()
    assert links(db, assignment_id) == {"Ana Lopez": "Ana Lopez", "Bao Nguyen": None}  # Bao went with his entry

    with db.transaction() as s:
        restore(s, assignment_id, before)  # undo: the very rows and links of before
    assert dump(db) == dumped


def test_an_empty_list_removes_it_and_restoring_brings_back_even_a_dangling_link(db, assignment_id):
    set_list(db, assignment_id, "Ana Lopez\nBao Nguyen")
    ana, bao = hand_in(db, assignment_id, "Ana Lopez"), hand_in(db, assignment_id, "Bao Nguyen")
    with db.transaction() as s:
        link_exact(s, assignment_id, [ana])
        # Bao's hand-in came back from the bin linked to an entry of a list replaced since.
        s.execute(SubmissionRow.__table__.update().where(SubmissionRow.id == bao).values(member_id=99999))
    dumped = dump(db)
    with db.transaction() as s:
        before = replace_list(s, assignment_id, [])
        assert read_state(s, assignment_id).members == ()
    assert links(db, assignment_id) == {"Ana Lopez": None, "Bao Nguyen": None}
    with db.transaction() as s:
        restore(s, assignment_id, before)
    assert dump(db) == dumped


def test_one_hand_in_per_student_and_a_swap_in_one_go(db, assignment_id):
    set_list(db, assignment_id, "Maria Lopez\nMario Lopez")
    ids = {m.key: m.id for m in ClassListService(db).members(assignment_id)}
    a, b = hand_in(db, assignment_id, "Marie Lopez"), hand_in(db, assignment_id, "Mari Lopez")
    with db.transaction() as s:
        assert link(s, assignment_id, {a: ids["maria lopez"], b: ids["mario lopez"]}) == {a: None, b: None}
    doubled = "“Maria Lopez” would have two hand-ins \\(Marie Lopez and Mari Lopez\\)"
    with pytest.raises(ValueError, match=doubled), db.transaction() as s:
        link(s, assignment_id, {b: ids["maria lopez"]})
    assert links(db, assignment_id) == {"Marie Lopez": "Maria Lopez", "Mari Lopez": "Mario Lopez"}  # rolled back
    with db.transaction() as s:  # both answers changed at once: each student still has one hand-in
        link(s, assignment_id, {a: ids["mario lopez"], b: ids["maria lopez"]})
    assert links(db, assignment_id) == {"Marie Lopez": "Mario Lopez", "Mari Lopez": "Maria Lopez"}
    with db.transaction() as s:
        link(s, assignment_id, {a: None})
    assert links(db, assignment_id)["Marie Lopez"] is None


def test_linking_across_assignments_or_to_what_is_gone_is_refused(db, assignment_id):
    other = AssignmentService(db).create(Assignment(uid="", title="Claims", article_id=AssignmentService(db)
                                                    .get(assignment_id).article_id,
                                                    categories=tuple(default_categories()))).id
    set_list(db, assignment_id, "Ana Lopez")
    set_list(db, other, "Ana Lopez")
    theirs = ClassListService(db).members(other).members[0].id
    ana = hand_in(db, assignment_id, "Ana L.")
    for bad in ({ana: theirs}, {ana + 100: None}):
        with pytest.raises(LookupError), db.transaction() as s:
            link(s, assignment_id, bad)
    assert links(db, assignment_id) == {"Ana L.": None}


def test_exact_names_are_linked_unless_the_student_is_held_by_another_hand_in(db, assignment_id):
    ana_hyphen, bao = hand_in(db, assignment_id, "Ana Maria Lopez"), hand_in(db, assignment_id, "BAO nguyễn")
    set_list(db, assignment_id, "Ana-María López\nBao Nguyen\nChloé Martin")
    ids = {m.key: m.id for m in ClassListService(db).members(assignment_id)}
    with db.transaction() as s:
        link(s, assignment_id, {ana_hyphen: ids["ana-maria lopez"]})  # the teacher's answer
    hand_in(db, assignment_id, "ana-maría lópez")  # someone handing in under the very name on the list
    chloe = hand_in(db, assignment_id, "Chloe Martin")
    with db.transaction() as s:
        assert link_exact(s, assignment_id, [chloe]) == {chloe: ids["chloe martin"]}  # only the one asked for
    with db.transaction() as s:
        assert link_exact(s, assignment_id) == {bao: ids["bao nguyen"]}
    assert links(db, assignment_id) == {"Ana Maria Lopez": "Ana-María López", "BAO nguyễn": "Bao Nguyen",
                                        "ana-maría lópez": None, "Chloe Martin": "Chloé Martin"}
    # Her entry is held by the teacher's answer: the exact name is left for the teacher, never moved silently.


def test_a_list_lede_cannot_keep_is_refused_whole(db, assignment_id):
    set_list(db, assignment_id, "Ana Lopez")
    dumped = dump(db)
    for bad, message in (([Member("Ana", "ana"), Member("ANA", "ana")], "twice"),
                         ([Member("Ana", "ana", "x" * 101)], "id of Ana is longer"),
                         ([Member("Ana", "ana", "", "a@" + "b" * 199)], "email address of Ana is longer")):
        with pytest.raises(ValueError, match=message), db.transaction() as s:
            replace_list(s, assignment_id, bad)
    assert dump(db) == dumped


def test_the_list_and_its_links_go_to_the_bin_with_the_assignment_and_come_back(db, assignment_id):
    set_list(db, assignment_id, "Ana Lopez\nBao Nguyen")
    hand_in(db, assignment_id, "Ana Lopez")
    with db.transaction() as s:
        link_exact(s, assignment_id)
    dumped = dump(db)
    bin_ = RemovedWorkService(db)
    entry = bin_.take_out(ASSIGNMENT, [assignment_id])
    assert members(db, assignment_id) == []
    bin_.bring_back(entry.id)
    assert dump(db) == dumped and links(db, assignment_id) == {"Ana Lopez": "Ana Lopez"}
