"""The teacher's side without Qt (desktop_app.classroom, through the application layer's classroom operations),
on SQLite and PostgreSQL (conftest's database_url): hand-in files examined and stored one transaction each, the
same file again, a later hand-in replacing the first, and the assignment's work read back for review and the
gradebook."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, UTC

import pytest

from desktop_app.application.library import Library
from desktop_app.classroom.intake import examine
from desktop_app.classroom.review import AssignmentWork
from desktop_app.core.articles import ArticleDetails
from desktop_app.core.assignments import ON_KEY_MARK, Assignment
from desktop_app.core.marks import KEY_LAYER, new_mark
from desktop_app.exchange.pack import text_sha256
from desktop_app.exchange.submission import write_submission
from desktop_app.resources import default_categories
from desktop_app.storage.articles import ArticleService
from desktop_app.storage.assignments import AssignmentService
from desktop_app.storage.database import open_database
from desktop_app.storage.marks import MarkService
from desktop_app.storage.submissions import SubmissionService

ARTICLE = ("The council will vote on Tuesday. Councillor Ann Lee said the library is a drain on money. "
           "Critics slammed the plan.")
DUE = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture()
def db(database_url):
    database = open_database(database_url)
    yield database
    database.dispose()


@pytest.fixture()
def assignment(db) -> Assignment:
    article = ArticleService(db).add(ARTICLE, ArticleDetails(title="Library vote"))
    MarkService(db).replace_layer(article.id, KEY_LAYER, [on("Councillor Ann Lee", layer=KEY_LAYER),
                                                          on("drain", "loaded_language", layer=KEY_LAYER)])
    return AssignmentService(db).create(Assignment(uid="", title="Sources and words", article_id=article.id,
                                                   categories=tuple(default_categories()), due_at=DUE,
                                                   total_points=10))


def on(quote: str, category: str = "source", **kw):
    start = ARTICLE.index(quote)
    return new_mark(0, ARTICLE, start, start + len(quote), category, **kw)


def hand_in(folder, assignment, name, marks, hours_after_due=-2):
    """The student's file, as the student's Lede writes it."""
    path, _ = write_submission(folder, assignment, text_sha256(ARTICLE), name, marks,
                               DUE + timedelta(hours=hours_after_due))
    return path


def test_hand_ins_go_in_once_each_and_are_read_back_for_review(db, assignment, tmp_path):
    first_round, second_round = tmp_path / "monday", tmp_path / "tuesday"
    first_round.mkdir()
    second_round.mkdir()
    source = replace(on("Councillor Ann Lee"), id=41)  # ids of the student's own library
    claim = replace(on("the library is a drain on money", "attributed_claim"), id=42,
                    extra={"attributed_to": "41"})
    hand_in(first_round, assignment, "Ann", [source, claim])
    hand_in(first_round, assignment, "Bo", [on("drain", "loaded_language"), on("Critics")], hours_after_due=3)

    library = Library(db, default_categories())
    report = examine(db, assignment, ARTICLE, [first_round])
    assert not report.refused and not report.clashes and len(report.ready) == 2
    stored = library.classroom.take_in(assignment.id, report).added
    assert sorted(s.student_name for s in stored) == ["Ann", "Bo"]

    again = examine(db, assignment, ARTICLE, [first_round])  # the same files: nothing to do
    assert len(again.unchanged) == 2 and not again.ready and not again.clashes

    hand_in(second_round, assignment, "ann", [on("Councillor Ann Lee"), on("drain", "loaded_language")])
    later = examine(db, assignment, ARTICLE, [second_round])
    assert [c.student for c in later.clashes] == ["ann"]
    (replaced,) = library.classroom.take_in(assignment.id, later, keep_new=lambda _incoming: True).added
    SubmissionService(db).set_grade(replaced.id, "A")
    key = MarkService(db).list_for(assignment.article_id, KEY_LAYER)
    SubmissionService(db).set_mark_comment(replaced.id, (ON_KEY_MARK, key[0].id), "Well found.")

    work = AssignmentWork.load(db, assignment.id)
    assert [s.student_name for s in work.submissions] == ["ann", "Bo"]
    ann, _bo = work.submissions
    assert ann.id == replaced.id and ann.grade == "A"
    assert ann.mark_comments == {(ON_KEY_MARK, key[0].id): "Well found."}
    assert [(r.student, r.points, r.late, r.per_category["source"], r.per_category["loaded_language"])
            for r in work.gradebook_rows()] == [("ann", 10.0, False, (1, 1, 0, 0), (1, 1, 0, 0)),
                                               ("Bo", 5.0, True, (0, 1, 0, 1), (1, 1, 0, 0))]


def test_an_attributed_to_answer_names_the_stored_source_mark(db, assignment, tmp_path):
    source = replace(on("Councillor Ann Lee"), id=41)
    claim = replace(on("the library is a drain on money", "attributed_claim"), id=42,
                    extra={"attributed_to": "41"})
    hand_in(tmp_path, assignment, "Ann", [claim, source])
    report = examine(db, assignment, ARTICLE, [tmp_path])
    assert len(report.ready) == 1
    Library(db, default_categories()).classroom.take_in(assignment.id, report)
    (stored,) = AssignmentWork.load(db, assignment.id).submissions
    by_quote = {m.quote: m for m in stored.marks}
    source_id = str(by_quote["Councillor Ann Lee"].id)
    assert by_quote["the library is a drain on money"].extra == {"attributed_to": source_id}
