"""Assignments and submissions on SQLite and PostgreSQL (conftest's database_url): the services, all-or-nothing
changes, undo with the same ids, the teacher's review, cascades; and the 0003 upgrade of an SQLite file."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import event, func, select

from desktop_app.core.articles import ArticleDetails
from desktop_app.core.assignments import (ON_KEY_MARK, ON_STUDENT_MARK, STUDENT, SUBMISSION_LAYER, TEACHER,
                                          Assignment, AssignmentError, Submission, student_key)
from desktop_app.core.marks import KEY_LAYER, new_mark
from desktop_app.resources import default_categories
from desktop_app.storage.articles import ArticleService
from desktop_app.storage.assignments import AssignmentService
from desktop_app.storage.database import HEAD_REVISION, MIGRATIONS_DIR, Database, open_database
from desktop_app.storage.marks import MarkService
from desktop_app.storage.models import (ArticleRow, AssignmentRow, Base, EventRow, ReviewCommentRow,
                                        SubmissionMarkRow, SubmissionRow)
from desktop_app.storage.removed_work import ARTICLE as ARTICLE_KIND
from desktop_app.storage.removed_work import ASSIGNMENT as ASSIGNMENT_KIND
from desktop_app.storage.removed_work import SUBMISSIONS, RemovedWorkService
from desktop_app.storage.rowsets import Loss, RestoreConflict
from desktop_app.storage.submissions import MAX_COMMENT, MAX_GRADE, SubmissionService

CATEGORIES = tuple(default_categories())
ARTICLE = ("The council will vote on Tuesday. Councillor Ann Lee said the library is a drain on money. "
           "Critics slammed the plan. A spokesperson for the council denies it: the council says the library "
           "is rarely used, and the council will decide.")
DUE = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TABLES = (ArticleRow, AssignmentRow, SubmissionRow, SubmissionMarkRow, ReviewCommentRow, EventRow)


@pytest.fixture()
def db(database_url):
    database = open_database(database_url)
    yield database
    database.dispose()


@pytest.fixture()
def article(db):
    return ArticleService(db).add(ARTICLE, ArticleDetails(title="Library vote"))


@pytest.fixture()
def assignments(db):
    return AssignmentService(db)


@pytest.fixture()
def submissions(db):
    return SubmissionService(db)


@pytest.fixture()
def assignment(assignments, article):
    return assignments.create(Assignment(uid="", title="Find the sources", article_id=article.id,
                                         instructions="Mark every source.", due_at=DUE, categories=CATEGORIES[:3],
                                         minimums={"source": 2}, total_points=20))


def mark(text, quote, category="source", occurrence=1, **kw):
    pos = -1
    for _ in range(occurrence):
        pos = text.index(quote, pos + 1)
    return new_mark(0, text, pos, pos + len(quote), category, **kw)


def work(name, *quotes, handed_in_at=datetime(2026, 11, 30, 15, 0, tzinfo=UTC), **kw) -> Submission:
    marks = tuple(mark(ARTICLE, q, c) for q, c in quotes)
    return Submission(student_name=name, marks=marks, handed_in_at=handed_in_at, source_file=f"{name}.ledesub",
                      file_sha256="ab" * 32, **kw)


def counts(db) -> tuple[int, ...]:
    with db.reading() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in TABLES)


def last_event(db) -> EventRow:
    with db.reading() as s:
        return s.scalars(select(EventRow).order_by(EventRow.id.desc())).first()


# --- assignments -------------------------------------------------------------------------------------

def test_create_fills_in_uid_and_seal_and_reads_back_the_same(db, assignments, assignment, article):
    assert len(assignment.uid) == 32 and len(assignment.seal) == 64 and assignment.id is not None
    assert assignment.role == TEACHER and assignment.article_id == article.id
    assert assignment.categories == CATEGORIES[:3] and assignment.minimums == {"source": 2}
    assert assignment.due_at == DUE and assignment.total_points == 20.0 and assignment.created_at is not None
    assert assignments.get(assignment.id) == assignment
    assert assignments.by_uid(assignment.uid, TEACHER) == assignment
    assert assignments.by_uid(assignment.uid, STUDENT) is None
    assert assignments.for_article(article.id) == [assignment]
    assert assignments.get(9999) is None
    e = last_event(db)
    assert (e.action, e.article_id, e.detail["assignment_id"]) == ("assignment_created", article.id, assignment.id)


def test_a_custom_category_survives_the_round_trip(assignments, article):
    from desktop_app.core.assignments import custom_category

    own = custom_category("Statistic", "#112233", "dotted", "Where does the number come from?", CATEGORIES)
    made = assignments.create(Assignment(uid="", title="Numbers", article_id=article.id,
                                         categories=(*CATEGORIES, own), minimums={own.key: 1}))
    assert assignments.get(made.id).categories[-1] == own
    assert assignments.get(made.id).minimum(own.key) == 1


def test_create_refuses_what_validate_refuses_and_leaves_the_database_alone(db, assignments, article):
    before = counts(db)
    with pytest.raises(AssignmentError, match="title"):
        assignments.create(Assignment(uid="", title="  ", article_id=article.id, categories=CATEGORIES))
    with pytest.raises(AssignmentError, match="not in play"):
        assignments.create(Assignment(uid="", title="T", article_id=article.id, categories=CATEGORIES[:1],
                                      minimums={"opposing_view": 1}))
    with pytest.raises(LookupError):
        assignments.create(Assignment(uid="", title="T", article_id=article.id + 1, categories=CATEGORIES))
    assert counts(db) == before


def test_the_same_uid_is_stored_once_per_role(db, assignments, assignment):
    before = counts(db)
    with pytest.raises(AssignmentError, match="already holds"):
        assignments.create(assignment.with_changes(id=None))
    assert counts(db) == before
    # A teacher trying her own pack on the same machine: the student's copy has the same uid.
    student = assignments.create(assignment.with_changes(id=None, role=STUDENT))
    assert student.uid == assignment.uid and student.id != assignment.id


def test_update_saves_the_teachers_edits_and_logs_which(db, assignments, assignment):
    edited = assignment.with_changes(title="Find every source", due_at=None, total_points=15.5,
                                     categories=CATEGORIES, minimums={"source": 3, "opposing_view": 1})
    saved = assignments.update(edited)
    assert saved == edited and assignments.get(assignment.id) == edited
    assert last_event(db).detail == {"assignment_id": assignment.id,
                                     "fields": ["categories", "due_at", "minimums", "title", "total_points"]}
    with pytest.raises(AssignmentError):
        assignments.update(edited.with_changes(total_points=0))
    assert assignments.get(assignment.id) == edited
    with pytest.raises(LookupError):
        assignments.update(edited.with_changes(id=9999))


def test_list_is_newest_first_with_the_article_title_and_counts(db, assignments, submissions, assignment, article):
    second = assignments.create(Assignment(uid="", title="Loaded words", article_id=article.id,
                                           categories=CATEGORIES))
    submissions.add(assignment.id, work("Ann", ("Councillor Ann Lee", "source")))
    bo = submissions.add(assignment.id, work("Bo", ("Critics", "source")))
    submissions.set_reviewed(bo.id, datetime.now(UTC))
    listed = assignments.summaries()
    assert [(s.assignment.id, s.article_title, s.submissions, s.reviewed) for s in listed] == [
        (second.id, "Library vote", 0, 0), (assignment.id, "Library vote", 2, 1)]
    assert listed[1].assignment == assignment
    assert assignments.summaries(role=STUDENT) == []
    assert [s.assignment.id for s in assignments.summaries(role=TEACHER)] == [second.id, assignment.id]


def test_times_in_any_zone_come_back_as_the_same_instant(assignments, submissions, article):
    # SQLite keeps a time's wall clock and drops its offset; a due date set in Berlin and a hand-in made in
    # New York must still compare correctly (is it late?) after a round trip.
    due = datetime(2026, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    made = assignments.create(Assignment(uid="", title="Zones", article_id=article.id, categories=CATEGORIES,
                                         due_at=due))
    assert assignments.get(made.id).due_at == due
    handed_in = datetime(2026, 12, 1, 2, 30, tzinfo=timezone(timedelta(hours=-5)))  # 09:30 in Berlin: late
    sub = submissions.add(made.id, work("Ann", handed_in_at=handed_in))
    stored = submissions.get(sub.id)
    assert stored.handed_in_at == handed_in and stored.handed_in_at.tzinfo == UTC
    assert assignments.get(made.id).is_late(stored.handed_in_at)
    assert assignments.record_hand_in(made.id, handed_in, "x.ledesub").handed_in_at == handed_in


# --- the student's copy --------------------------------------------------------------------------------

def test_each_student_who_receives_a_pack_gets_a_copy_of_their_own(db, assignment):
    articles = ArticleService(db)
    assignments = AssignmentService(db)
    pack = assignment.with_changes(id=None, article_id=None, created_at=None)
    before = len(articles.list())
    received = assignments.receive(pack, ArticleDetails(title="Library vote", outlet="Gazette"),
                                   "  " + ARTICLE.replace(". ", ".\r\n", 1) + "\n\n", "vote.ledepack")
    assert received.role == STUDENT and received.uid == assignment.uid
    assert received.seal == assignment.seal and received.categories == assignment.categories
    assert received.article_id != assignment.article_id and received.handed_in_at is None
    stored = articles.get(received.article_id)
    # Normalised exactly as ArticleService.add stores a text.
    assert stored.text == ArticleService(db).get(assignment.article_id).text.replace(". ", ".\n", 1)
    assert stored.details.outlet == "Gazette" and stored.source_name == "vote.ledepack"
    with db.reading() as s:
        assert s.get(ArticleRow, received.article_id).source_format == "ledepack"
    assert len(articles.list()) == before + 1

    named = assignments.set_student_name(received.id, "  Zoë \t Marchetti ")
    assert named.student_name == "Zoë Marchetti"
    MarkService(db).add(replace(mark(stored.text, "Critics"), article_id=received.article_id))
    # A second student on the same lab account: a copy of their own, with its own article and no marks.
    second = assignments.receive(pack, ArticleDetails(), ARTICLE, "vote.ledepack")
    assert second.id != named.id and second.article_id != named.article_id and second.student_name == ""
    copies = assignments.copies(assignment.uid)
    assert [(c.assignment.id, c.assignment.student_name, c.marks) for c in copies] == [
        (named.id, "Zoë Marchetti", 1), (second.id, "", 0)]
    assert assignments.copies("0" * 32) == []


def test_receive_refuses_a_pack_without_words_and_stores_nothing(db, assignment):
    from desktop_app.core.text import ArticleTextError

    before = counts(db)
    with pytest.raises(ArticleTextError):
        AssignmentService(db).receive(assignment.with_changes(id=None, uid="f" * 32), ArticleDetails(), " \n ",
                                      "empty.ledepack")
    assert counts(db) == before


def test_name_and_hand_in_are_remembered(db, assignments, assignment):
    received = assignments.receive(assignment.with_changes(id=None), ArticleDetails(), ARTICLE, "p.ledepack")
    with pytest.raises(AssignmentError, match="Type your name"):
        assignments.set_student_name(received.id, " \u200b\t")
    assert assignments.hand_in_path(received.id) == ""
    at = datetime(2026, 11, 30, 16, 30, tzinfo=UTC)
    done = assignments.record_hand_in(received.id, at, "/media/usb/Ann - Find the sources.ledesub")
    assert done.handed_in_at == at and assignments.get(received.id).handed_in_at == at
    assert assignments.hand_in_path(received.id) == "/media/usb/Ann - Find the sources.ledesub"
    assert last_event(db).action == "assignment_handed_in"
    with pytest.raises(LookupError):
        assignments.record_hand_in(9999, at, "x")


# --- submissions ----------------------------------------------------------------------------------------

def test_add_stores_the_work_and_list_for_reads_it_back(db, submissions, assignment, article):
    extra = {"source_kind": "named_person"}
    ann = submissions.add(assignment.id, Submission(
        student_name="  ann  lee ", handed_in_at=datetime(2026, 11, 30, 15, 0, tzinfo=UTC),
        source_file="ann.ledesub", file_sha256="c" * 64,
        marks=(mark(ARTICLE, "Critics", "source"), mark(ARTICLE, "Councillor Ann Lee", "source", note="named",
                                                        extra=extra),
               mark(ARTICLE, "drain", "loaded_language"))))
    zoe = submissions.add(assignment.id, work("Zoë", ("the council", "source", )))
    bob = submissions.add(assignment.id, work("Bob", ))
    assert ann.student_name == "ann lee" and ann.assignment_id == assignment.id and ann.imported_at is not None
    assert [m.quote for m in ann.marks] == ["Councillor Ann Lee", "drain", "Critics"]  # reading order
    assert all(m.id is not None and m.layer == SUBMISSION_LAYER and m.article_id == article.id for m in ann.marks)
    assert ann.marks[0].note == "named" and ann.marks[0].extra == extra and ann.marks[1].extra == {}
    assert not ann.reviewed and ann.grade == "" and ann.mark_comments == {}

    listed = submissions.list_for(assignment.id)
    assert [s.student_name for s in listed] == ["ann lee", "Bob", "Zoë"]  # case-folded order
    assert listed == [ann, bob, zoe]
    assert submissions.get(zoe.id) == zoe and submissions.get(9999) is None
    assert submissions.by_student(assignment.id, student_key("ZOE")) == zoe  # case and accents fold
    assert submissions.by_student(assignment.id, "nobody") is None
    e = last_event(db)
    assert (e.action, e.article_id) == ("submission_imported", article.id)
    assert e.detail == {"submission_id": bob.id, "assignment_id": assignment.id, "student": "Bob", "marks": 0,
                        "file": "Bob.ledesub"}


def test_a_second_hand_in_of_the_same_student_is_refused_and_changes_nothing(db, submissions, assignment):
    first = submissions.add(assignment.id, work("Zoë Marchetti", ("Critics", "source")))
    before = counts(db)
    with pytest.raises(ValueError, match="zoe MARCHETTI has already handed in work"):
        submissions.add(assignment.id, work("zoe  MARCHETTI", ("drain", "loaded_language")))
    assert counts(db) == before and submissions.list_for(assignment.id) == [first]
    other = submissions.add(assignment.id, work("Ann", ("drain", "loaded_language")))
    assert submissions.list_for(assignment.id) == [other, first]


def test_a_name_whose_key_folds_longer_than_the_name_is_stored(submissions, assignment):
    # Case folding lengthens "ß" to "ss": the key of the longest name must still fit its column, which
    # PostgreSQL enforces (SQLite stored anything).
    long_name = "Stra\u00df" * 16  # 80 characters, the most a name may have
    stored = submissions.add(assignment.id, work(long_name, ("Critics", "source")))
    assert stored.student_name == long_name
    assert submissions.by_student(assignment.id, student_key(long_name)) == stored
    with pytest.raises(ValueError, match="already handed in"):  # the same student, spelled with "ss"
        submissions.add(assignment.id, work("STRASS" * 16))


def test_marks_that_do_not_fit_the_article_or_a_missing_name_or_assignment_are_refused(db, submissions, assignment):
    before = counts(db)
    stray = new_mark(0, "Another text about something else entirely.", 0, 7, "source")
    with pytest.raises(ValueError, match="do not quote the article"):
        submissions.add(assignment.id, Submission(student_name="Ann", marks=(mark(ARTICLE, "Critics"), stray)))
    with pytest.raises(ValueError, match="no student name"):
        submissions.add(assignment.id, work(" \t "))
    with pytest.raises(LookupError):
        submissions.add(assignment.id + 100, work("Ann"))
    assert counts(db) == before


def test_list_for_reads_a_class_in_three_selects(db, submissions, assignment):
    for i in range(6):
        sub = submissions.add(assignment.id, work(f"Student {i}", ("Critics", "source"), ("drain", "loaded_language")))
        submissions.set_mark_comment(sub.id, (ON_STUDENT_MARK, sub.marks[0].id), "Why this one?")
    statements = []

    def count(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        listed = submissions.list_for(assignment.id)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(listed) == 6 and all(len(s.marks) == 2 and len(s.mark_comments) == 1 for s in listed)
    assert len(statements) == 3


# --- undo -----------------------------------------------------------------------------------------------

def reviewed_class(db, submissions, assignment):
    key = MarkService(db).replace_layer(assignment.article_id, KEY_LAYER,
                                        [mark(ARTICLE, "A spokesperson for the council", layer=KEY_LAYER)])
    ann = submissions.add(assignment.id, work("Ann", ("Critics", "source"), ("drain", "loaded_language")))
    bo = submissions.add(assignment.id, work("Bo", ("Councillor Ann Lee", "source")))
    submissions.set_grade(ann.id, "A-")
    submissions.set_comment(ann.id, "Well read.")
    submissions.set_mark_comment(ann.id, (ON_STUDENT_MARK, ann.marks[1].id), "Loaded indeed.")
    submissions.set_mark_comment(ann.id, (ON_KEY_MARK, key[0].id), "You missed this source.")
    submissions.set_reviewed(ann.id, datetime(2026, 12, 2, 8, 0, tzinfo=UTC))
    return submissions.get(ann.id), submissions.get(bo.id), key


def test_remove_and_bring_back_restore_the_same_ids_marks_and_review(db, submissions, assignment):
    ann, bo, key = reviewed_class(db, submissions, assignment)
    before = counts(db)[:5]
    removal = RemovedWorkService(db).take_out(SUBMISSIONS, [ann.id, bo.id])
    assert removal.loss == Loss(hand_ins=2, grades=1, comments=3)
    assert removal.label == "2 hand-ins for “Find the sources”"
    assert submissions.list_for(assignment.id) == []
    with db.reading() as s:  # marks and comments went with them
        assert s.scalar(select(func.count()).select_from(SubmissionMarkRow)) == 0
        assert s.scalar(select(func.count()).select_from(ReviewCommentRow)) == 0
    RemovedWorkService(db).bring_back(removal.id)
    assert submissions.list_for(assignment.id) == [ann, bo]
    assert counts(db)[:5] == before
    restored = submissions.get(ann.id)
    assert restored.mark_comments == {(ON_STUDENT_MARK, ann.marks[1].id): "Loaded indeed.",
                                      (ON_KEY_MARK, key[0].id): "You missed this source."}
    assert restored.grade == "A-" and restored.comment == "Well read." and restored.reviewed
    assert last_event(db).action == "work_restored"


def test_remove_is_all_or_nothing_and_ids_are_never_handed_out_again(db, submissions, assignment):
    bin_ = RemovedWorkService(db)
    ann = submissions.add(assignment.id, work("Ann", ("Critics", "source")))
    with pytest.raises(LookupError):
        bin_.take_out(SUBMISSIONS, [ann.id, 9999])
    assert submissions.get(ann.id) == ann and bin_.entries() == []
    removal = bin_.take_out(SUBMISSIONS, [ann.id])
    # AUTOINCREMENT: a new submission does not take the removed one's ids, so undo can still put it back.
    newer = submissions.add(assignment.id, work("Bo", ("drain", "loaded_language")))
    assert newer.id > ann.id and newer.marks[0].id > ann.marks[0].id
    bin_.bring_back(removal.id)
    assert [s.id for s in submissions.list_for(assignment.id)] == [ann.id, newer.id]


def test_removing_an_assignment_and_bringing_it_back_keeps_every_id(db, assignments, submissions, assignment):
    ann, bo, _ = reviewed_class(db, submissions, assignment)
    removal = RemovedWorkService(db).take_out(ASSIGNMENT_KIND, [assignment.id])
    assert assignments.get(assignment.id) is None and submissions.get(ann.id) is None
    assert ArticleService(db).get(assignment.article_id) is not None  # the article stays
    assert removal.loss == Loss(assignments=1, hand_ins=2, grades=1, comments=3)
    assert removal.assignment_ids == (assignment.id,)
    back = RemovedWorkService(db).bring_back(removal.id)
    assert back.ids == (assignment.id,) and assignments.get(assignment.id) == assignment
    assert submissions.list_for(assignment.id) == [ann, bo]
    assert last_event(db).action == "work_restored"


def test_removing_the_article_takes_its_assignments_and_submissions_with_it(db, assignments, submissions,
                                                                           assignment):
    reviewed_class(db, submissions, assignment)
    copy = assignments.create(assignment.with_changes(id=None, role=STUDENT))
    bin_ = RemovedWorkService(db)
    alone = bin_.take_out(ASSIGNMENT_KIND, [copy.id])
    whole = bin_.take_out(ARTICLE_KIND, [assignment.article_id])
    assert counts(db)[:5] == (0, 0, 0, 0, 0)
    assert whole.loss.assignments == 1 and whole.loss.hand_ins == 2 and whole.assignment_ids == (assignment.id,)
    with pytest.raises(RestoreConflict, match="no longer in the library"):  # nothing comes back onto no article
        bin_.bring_back(alone.id)
    assert counts(db)[:5] == (0, 0, 0, 0, 0)
    bin_.bring_back(whole.id)
    bin_.bring_back(alone.id)  # its article is back: so can it be
    assert {a.id for a in assignments.for_article(assignment.article_id)} == {assignment.id, copy.id}


# --- review ---------------------------------------------------------------------------------------------

def test_grade_comment_and_reviewed_are_each_one_logged_step(db, submissions, assignment):
    ann = submissions.add(assignment.id, work("Ann", ("Critics", "source")))
    graded = submissions.set_grade(ann.id, "  7 /  10 ")
    assert graded.grade == "7 / 10" and submissions.get(ann.id).grade == "7 / 10"
    assert last_event(db).action == "submission_graded"
    assert len(submissions.set_grade(ann.id, "x" * 500).grade) == MAX_GRADE
    commented = submissions.set_comment(ann.id, "  Good work.\n\nLook again at paragraph 2.  ")
    assert commented.comment == "Good work.\n\nLook again at paragraph 2."
    assert len(submissions.set_comment(ann.id, "y" * 20_000).comment) == MAX_COMMENT
    when = datetime(2026, 12, 2, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert submissions.set_reviewed(ann.id, when).reviewed_at == when
    assert not submissions.set_reviewed(ann.id, None).reviewed
    with pytest.raises(LookupError):
        submissions.set_grade(9999, "A")


def test_comments_on_marks_are_kept_changed_and_removed(db, submissions, assignment):
    key = MarkService(db).replace_layer(assignment.article_id, KEY_LAYER,
                                        [mark(ARTICLE, "Critics", layer=KEY_LAYER),
                                         mark(ARTICLE, "drain", "loaded_language", layer=KEY_LAYER)])
    ann = submissions.add(assignment.id, work("Ann", ("Critics", "source")))
    own = (ON_STUDENT_MARK, ann.marks[0].id)
    missed = (ON_KEY_MARK, key[1].id)
    submissions.set_mark_comment(ann.id, own, "Named?")
    submissions.set_mark_comment(ann.id, missed, "What feeling does 'drain' push?")
    assert submissions.get(ann.id).mark_comments == {own: "Named?", missed: "What feeling does 'drain' push?"}
    updated = submissions.set_mark_comment(ann.id, missed, "Look at 'drain'.")  # an upsert, not a second row
    assert updated.mark_comments[missed] == "Look at 'drain'."
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(ReviewCommentRow)) == 1
    cleared = submissions.set_mark_comment(ann.id, missed, "   ")
    cleared = submissions.set_mark_comment(ann.id, own, "")
    assert cleared.mark_comments == {}
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(ReviewCommentRow)) == 0
    assert last_event(db).action == "mark_commented"
    bo = submissions.add(assignment.id, work("Bo", ("drain", "loaded_language")))
    with pytest.raises(LookupError):  # another student's mark
        submissions.set_mark_comment(ann.id, (ON_STUDENT_MARK, bo.marks[0].id), "x")
    with pytest.raises(LookupError):  # not a key mark
        submissions.set_mark_comment(ann.id, (ON_KEY_MARK, 9999), "x")
    with pytest.raises(ValueError):
        submissions.set_mark_comment(ann.id, ("elsewhere", 1), "x")
    assert submissions.get(ann.id).mark_comments == {}


def test_a_comment_on_a_key_mark_outlives_a_reimported_key(db, submissions, assignment):
    marks = MarkService(db)
    key = marks.replace_layer(assignment.article_id, KEY_LAYER, [mark(ARTICLE, "Critics", layer=KEY_LAYER)])
    ann = submissions.add(assignment.id, work("Ann"))
    submissions.set_mark_comment(ann.id, (ON_KEY_MARK, key[0].id), "Missed.")
    marks.replace_layer(assignment.article_id, KEY_LAYER, [mark(ARTICLE, "Critics", layer=KEY_LAYER)])
    assert submissions.get(ann.id).mark_comments == {(ON_KEY_MARK, key[0].id): "Missed."}
    # ... and the stale comment can still be removed.
    assert submissions.set_mark_comment(ann.id, (ON_KEY_MARK, key[0].id), "").mark_comments == {}


# --- the schema upgrade -----------------------------------------------------------------------------

def migrate(url: str, revision: str) -> None:
    db = Database(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        db.dispose()


def test_a_revision_0002_database_upgrades_keeps_its_data_and_gets_autoincrement_tables(tmp_path):
    path = tmp_path / "old.sqlite3"
    url = f"sqlite:///{path}"
    migrate(url, "0002")
    con = sqlite3.connect(path)
    con.execute("INSERT INTO article (id, title, outlet, author, published, url, text, text_sha256, word_count, "
                "direction, source_name, source_format, created_at) VALUES (1, 'Old', '', '', '', '', ?, '', 40, "
                "'ltr', '', 'txt', '2026-11-01 10:00:00')", (ARTICLE,))
    start = ARTICLE.index("drain")
    con.execute('INSERT INTO mark (id, article_id, layer, category, start, "end", quote, prefix, suffix, note, '
                "extra, bonus, created_at, updated_at) VALUES (7, 1, 'key', 'loaded_language', ?, ?, 'drain', '', "
                "'', 'n', '{}', 1, '2026-11-01 10:00:00', '2026-11-01 10:00:00')", (start, start + 5))
    con.commit()
    con.close()

    db = open_database(url)
    try:
        assert db.current_revision() == HEAD_REVISION == "0007"
        assert ArticleService(db).get(1).details.title == "Old"
        assert [(m.id, m.bonus) for m in MarkService(db).list_for(1, KEY_LAYER)] == [(7, True)]
        from alembic.autogenerate import compare_metadata
        from alembic.migration import MigrationContext

        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
            assert compare_metadata(context, Base.metadata) == []
            for table in ("assignment", "submission", "submission_mark", "review_comment", "article", "mark",
                          "class_member", "removed_work", "suggestion_decision"):
                schema = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).scalar()
                assert "AUTOINCREMENT" in schema, table
            fks = {t: conn.exec_driver_sql(f"PRAGMA foreign_key_list({t})").fetchall()
                   for t in ("assignment", "submission", "submission_mark", "review_comment")}
        assert all(fk[6] == "CASCADE" for rows in fks.values() for fk in rows)  # on_delete
        made = AssignmentService(db).create(Assignment(uid="", title="On the old article", article_id=1,
                                                       categories=CATEGORIES))
        sub = SubmissionService(db).add(made.id, work("Ann", ("drain", "loaded_language")))
        SubmissionService(db).set_mark_comment(sub.id, (ON_KEY_MARK, 7), "Loaded.")
        assert SubmissionService(db).list_for(made.id)[0].mark_comments == {(ON_KEY_MARK, 7): "Loaded."}
    finally:
        db.dispose()
    assert len(list(tmp_path.glob("old.sqlite3.*.bak"))) == 1  # the 0002 file was copied aside first


def test_the_time_column_itself_stores_any_zone_as_the_same_instant(db, article):
    """UtcDateTime, not only the services, turns an aware time into UTC: SQLite would keep the clock time."""
    paris = timezone(timedelta(hours=1))
    with db.transaction() as s:
        row = EventRow(action="probe", at=datetime(2026, 11, 25, 9, 30, tzinfo=paris))
        s.add(row)
        s.flush()
        event_id = row.id
    with db.reading() as s:
        assert s.get(EventRow, event_id).at == datetime(2026, 11, 25, 8, 30, tzinfo=UTC)


def test_attributed_to_answers_follow_the_marks_to_their_stored_ids(submissions, assignment):
    """In a file, "attributed to" names a Source mark by the file's own number; stored, it names the stored mark."""
    from dataclasses import replace as with_id

    source = with_id(mark(ARTICLE, "Critics", "source"), id=1)
    claim = with_id(mark(ARTICLE, "drain", "attributed_claim", extra={"attributed_to": "1"}), id=2)
    lost = with_id(mark(ARTICLE, "the council", "attributed_claim", extra={"attributed_to": "7"}), id=3)
    stored = submissions.add(assignment.id, Submission(student_name="Ada", marks=(source, claim, lost)),
                             ref_keys={"attributed_to"})
    by_quote = {m.quote: m for m in submissions.get(stored.id).marks}
    assert by_quote["drain"].extra == {"attributed_to": str(by_quote["Critics"].id)}
    assert by_quote["the council"].extra == {}  # its source was not handed in
    assert {m.quote: m.extra for m in stored.marks} == {m.quote: m.extra for m in by_quote.values()}


def test_a_revision_0003_library_keeps_its_class_and_its_spent_ids_through_0004(tmp_path):
    """0004 builds the assignment table anew on SQLite: the hand-ins under it must not go with the old table
    (dropping it with foreign keys on would cascade), and an id spent on a removed assignment stays spent."""
    path = tmp_path / "class.sqlite3"
    url = f"sqlite:///{path}"
    migrate(url, "0003")
    con = sqlite3.connect(path)
    con.execute("INSERT INTO article (id, title, outlet, author, published, url, text, text_sha256, word_count, "
                "direction, source_name, source_format, created_at) VALUES (1, 'Old', '', '', '', '', ?, '', 40, "
                "'ltr', '', 'txt', '2026-11-01 10:00:00')", (ARTICLE,))
    for assignment_id in (1, 2):
        con.execute("INSERT INTO assignment (id, uid, role, article_id, title, instructions, categories, minimums, "
                    "total_points, seal, student_name, handed_in_path, created_at) VALUES (?, ?, 'teacher', 1, 'T', "
                    "'', '[]', '{}', 10, 's', '', '', '2026-11-01 10:00:00')", (assignment_id, f"u{assignment_id}"))
    con.execute("INSERT INTO submission (id, assignment_id, student_name, student_key, imported_at, source_file, "
                "file_sha256, grade, comment) VALUES (5, 1, 'Ann', 'ann', '2026-11-02 10:00:00', 'a.ledesub', '', "
                "'B+', 'Good')")
    con.execute("DELETE FROM assignment WHERE id = 2")  # removed (and in someone's undo history): id 2 is spent
    con.commit()
    con.close()

    db = open_database(url)
    try:
        kept = SubmissionService(db).list_for(1)
        assert [(s.id, s.student_name, s.grade, s.comment) for s in kept] == [(5, "Ann", "B+", "Good")]
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # on again after the upgrade
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        made = AssignmentService(db).create(Assignment(uid="", title="New", article_id=1, categories=CATEGORIES))
        assert made.id == 3
    finally:
        db.dispose()
