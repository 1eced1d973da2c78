"""Submissions in the teacher's library: the marks a student handed in, and the teacher's review of them.

The service takes and returns core Submission objects and does not care how one arrived (a ``.ledesub``
file today, a school server later). Every call is one transaction logged in the event table. Removing
hand-ins goes through storage.removed_work (the bin), which brings them back with their old ids.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import replace
from datetime import datetime, UTC

from sqlalchemy import ColumnElement, Text, cast, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop_app.core.assignments import (ON_KEY_MARK, ON_STUDENT_MARK, SUBMISSION_LAYER, MarkRef, Submission,
                                          clean_name, student_key)
from desktop_app.core.marks import KEY_LAYER, Mark
from desktop_app.core.reasoning import check_rating
from desktop_app.i18n import _, ngettext
from desktop_app.storage.database import Database
from desktop_app.storage.models import (ArticleRow, AssignmentRow, EventRow, MarkRow, ReviewCommentRow,
                                        SubmissionMarkRow, SubmissionRow, utcnow)

MAX_GRADE = 40  # the column's width: "B+", "7/10", "Proficient"
MAX_COMMENT = 10_000  # an overall comment or a comment on one mark: pages of text, not a book

_SUB = SubmissionRow.__table__
_MARK = SubmissionMarkRow.__table__
_COMMENT = ReviewCommentRow.__table__
_ASSIGNMENT = AssignmentRow.__table__
_ARTICLE = ArticleRow.__table__


def to_utc(moment: datetime | None) -> datetime | None:
    """The same instant in UTC, for storing: SQLite keeps a date-time's wall clock and drops its offset, and
    models.UtcDateTime reads every stored value back as UTC, so 09:30+01:00 would come back as 09:30 UTC.
    (A naive value is taken as UTC already, as UtcDateTime does.)"""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC)


def _clean_comment(text: str) -> str:
    return text.strip()[:MAX_COMMENT]


def _reading_order(mark: Mark) -> tuple[int, int, int]:
    return mark.start, -mark.end, mark.id or 0


def load_submissions(session: Session, where: ColumnElement[bool]) -> list[Submission]:
    """The submissions matching ``where`` (a condition on the submission table), with their marks and
    comments, ordered by student name. Three selects whatever the number of submissions: a class of 30
    with 100 marks each loads in a few milliseconds, where a query per submission would not."""
    subs = session.execute(
        select(_SUB.c.id, _SUB.c.assignment_id, _SUB.c.student_name, _SUB.c.handed_in_at, _SUB.c.imported_at,
               _SUB.c.source_file, _SUB.c.file_sha256, _SUB.c.grade, _SUB.c.comment, _SUB.c.reviewed_at,
               _SUB.c.member_id, _ASSIGNMENT.c.article_id)
        .join(_ASSIGNMENT, _ASSIGNMENT.c.id == _SUB.c.assignment_id).where(where)).all()
    if not subs:
        return []
    article_of = {row.id: row.article_id for row in subs}
    marks: dict[int, list[Mark]] = {row.id: [] for row in subs}
    comments: dict[int, dict[MarkRef, str]] = {row.id: {} for row in subs}
    ratings: dict[int, dict[int, int]] = {row.id: {} for row in subs}
    # The JSON of "extra" is read as text and decoded only when not empty (most marks have none); cast, as in
    # MarkService.list_for, since PostgreSQL's driver would otherwise hand it over decoded.
    mark_rows = session.execute(
        select(_MARK.c.submission_id, _MARK.c.id, _MARK.c.category, _MARK.c.start, _MARK.c.end, _MARK.c.quote,
               _MARK.c.note, cast(_MARK.c.extra, Text), _MARK.c.teacher_comment, _MARK.c.note_rating,
               _MARK.c.library_id)
        .join(_SUB, _SUB.c.id == _MARK.c.submission_id).where(where)
        .order_by(_MARK.c.submission_id, _MARK.c.start, _MARK.c.end.desc(), _MARK.c.id)).all()
    library_ids: dict[int, dict[int, int]] = {row.id: {} for row in subs}
    for sid, mid, category, start, end, quote, note, extra, teacher_comment, rating, library_id in mark_rows:
        marks[sid].append(Mark(id=mid, article_id=article_of[sid], category=category, start=start, end=end,
                               quote=quote, note=note, extra=json.loads(extra) if extra and extra != "{}" else {},
                               layer=SUBMISSION_LAYER))
        if teacher_comment:
            comments[sid][(ON_STUDENT_MARK, mid)] = teacher_comment
        if rating is not None:
            ratings[sid][mid] = rating
        if library_id is not None:
            library_ids[sid][mid] = library_id
    comment_rows = session.execute(
        select(_COMMENT.c.submission_id, _COMMENT.c.key_mark_id, _COMMENT.c.text)
        .join(_SUB, _SUB.c.id == _COMMENT.c.submission_id).where(where).order_by(_COMMENT.c.key_mark_id))
    for sid, key_mark_id, text in comment_rows:
        if text:
            comments[sid][(ON_KEY_MARK, key_mark_id)] = text
    out = [Submission(student_name=r.student_name, marks=tuple(marks[r.id]), handed_in_at=r.handed_in_at, id=r.id,
                      assignment_id=r.assignment_id, source_file=r.source_file, file_sha256=r.file_sha256,
                      imported_at=r.imported_at, grade=r.grade, comment=r.comment, mark_comments=comments[r.id],
                      reviewed_at=r.reviewed_at, member_id=r.member_id, note_ratings=ratings[r.id],
                      library_ids=library_ids[r.id])
           for r in subs]
    out.sort(key=lambda sub: (sub.student_name.casefold(), sub.id))
    return out




def insert_submission(session: Session, assignment_id: int, sub: Submission,
                      ref_keys: Collection[str] = ()) -> Submission:
    """Inside the caller's transaction: stores a student's hand-in, the submission and all its marks, logged.

    Ids in ``sub`` are ignored (the rows are new here), and so is any review in it: a hand-in arrives
    unreviewed. Each mark must quote the article's text at its offsets. Raises LookupError when the assignment
    is gone, ValueError when the same student already handed in (the caller takes that one out first when the
    teacher chose the new file) or the marks do not fit the article.

    ``ref_keys`` are the extra answers that name another mark of the same hand-in by its id ("attributed to" a
    Source): in ``sub`` they use the marks' ids as given (a file's own numbering), and are rewritten here to the
    stored ids; one naming a mark not handed in is dropped. ``sub.library_ids`` (each mark's id in the student's
    library) is keyed by those given ids too, and kept with the stored marks.
    """
    name = clean_name(sub.student_name)
    key = student_key(name)
    if not key:
        if sub.source_file:
            raise ValueError(_("{file} has no student name. Ask the student to type their name in Lede and hand in "
                               "again.").format(file=sub.source_file))
        raise ValueError(_("The submission has no student name. Ask the student to type their name in Lede and "
                           "hand in again."))
    now = utcnow()
    s = session
    found = s.execute(select(_ASSIGNMENT.c.article_id, _ARTICLE.c.text)
                      .join(_ARTICLE, _ARTICLE.c.id == _ASSIGNMENT.c.article_id)
                      .where(_ASSIGNMENT.c.id == assignment_id)).first()
    if found is None:
        raise LookupError(_("assignment {number} is not in the library").format(number=assignment_id))
    article_id, text = found
    misplaced = [m for m in sub.marks if not 0 <= m.start < m.end or text[m.start:m.end] != m.quote]
    if misplaced:
        # Translators: {quote} is the mark's passage in quotes, {position} the character it starts at.
        raise ValueError(ngettext("{count} of {name}'s marks do not quote the article's text at their offsets (the "
                                  "first: {quote} at {position}); the submission was made for another version of "
                                  "the article.",
                                  "{count} of {name}'s marks do not quote the article's text at their offsets (the "
                                  "first: {quote} at {position}); the submission was made for another version of "
                                  "the article.", len(misplaced)).format(
            count=len(misplaced), name=name, quote=repr(misplaced[0].quote[:60]), position=misplaced[0].start))
    earlier = s.execute(select(_SUB.c.id).where(_SUB.c.assignment_id == assignment_id,
                                                _SUB.c.student_key == key)).scalar()
    if earlier is not None:
        raise ValueError(SubmissionService._clash(name))
    values = {"assignment_id": assignment_id, "student_name": name, "student_key": key,
              "handed_in_at": to_utc(sub.handed_in_at), "imported_at": now,
              "source_file": sub.source_file[:500], "file_sha256": sub.file_sha256[:64]}
    try:
        new_id = s.execute(insert(_SUB).values(**values)).inserted_primary_key[0]
    except IntegrityError as exc:  # another program stored the same student between our check and insert
        raise ValueError(SubmissionService._clash(name)) from exc
    marks = [replace(m, id=None, article_id=article_id, layer=SUBMISSION_LAYER, prefix="", suffix="",
                     bonus=False, created_at=None) for m in sub.marks]
    if marks:
        # One multi-row INSERT with its ids returned in row order, as in storage.marks.write_layer.
        ids = s.execute(
            insert(_MARK).returning(_MARK.c.id, sort_by_parameter_order=True),
            [{"submission_id": new_id, "category": m.category, "start": m.start, "end": m.end,
              "quote": m.quote, "note": m.note, "extra": dict(m.extra),
              "library_id": sub.library_ids.get(old.id) if old.id is not None else None}
             for m, old in zip(marks, sub.marks, strict=True)]).scalars().all()
        given = {str(old.id): str(mark_id) for old, mark_id in zip(sub.marks, ids, strict=True)
                 if old.id is not None}
        for m, mark_id in zip(marks, ids, strict=True):
            m.id = mark_id  # fresh copies made just above, not the caller's marks
            refs = [k for k in ref_keys if k in m.extra]
            if refs:
                m.extra = {k: v for k, v in m.extra.items() if k not in refs or v in given}
                m.extra.update({k: given[m.extra[k]] for k in refs if k in m.extra})
                s.execute(update(_MARK).where(_MARK.c.id == mark_id).values(extra=dict(m.extra)))
    s.execute(insert(EventRow).values(
        at=now, action="submission_imported", article_id=article_id,
        detail={"submission_id": new_id, "assignment_id": assignment_id, "student": name,
                "marks": len(marks), "file": sub.source_file[:500]}))
    stored_library_ids = {new.stored_id: sub.library_ids[old.id] for new, old in zip(marks, sub.marks, strict=True)
                          if old.id is not None and old.id in sub.library_ids}
    return Submission(student_name=name, marks=tuple(sorted(marks, key=_reading_order)),
                      handed_in_at=values["handed_in_at"], id=new_id, assignment_id=assignment_id,
                      source_file=values["source_file"], file_sha256=values["file_sha256"], imported_at=now,
                      library_ids=stored_library_ids)


def write_review(session: Session, submission_id: int, grade: str, comment: str,
                 mark_comments: Mapping[MarkRef, str], member_id: int | None,
                 note_ratings: Mapping[int, int] | None = None) -> None:
    """Inside the caller's transaction: gives a just-stored hand-in the review carried over from the hand-in it
    replaced (core.resubmission decides what still fits). It is left unreviewed: the work changed."""
    session.execute(update(_SUB).where(_SUB.c.id == submission_id).values(
        grade=" ".join(grade.split())[:MAX_GRADE], comment=_clean_comment(comment), member_id=member_id))
    for (kind, mark_id), text in mark_comments.items():
        if not text:
            continue
        if kind == ON_STUDENT_MARK:
            session.execute(update(_MARK).where(_MARK.c.id == mark_id, _MARK.c.submission_id == submission_id)
                            .values(teacher_comment=_clean_comment(text)))
        else:
            session.execute(insert(_COMMENT).values(submission_id=submission_id, key_mark_id=mark_id,
                                                    text=_clean_comment(text)))
    for mark_id, rating in (note_ratings or {}).items():
        session.execute(update(_MARK).where(_MARK.c.id == mark_id, _MARK.c.submission_id == submission_id)
                        .values(note_rating=check_rating(rating)))


class SubmissionService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- taking work in ----------------------------------------------------------------------------
    def add(self, assignment_id: int, sub: Submission, ref_keys: Collection[str] = ()) -> Submission:
        """Stores a student's hand-in in one transaction (see insert_submission)."""
        with self.db.transaction() as s:
            return insert_submission(s, assignment_id, sub, ref_keys)

    @staticmethod
    def _clash(name: str) -> str:
        return _("{name} has already handed in work for this assignment. Choose which hand-in to keep; nothing was "
                 "changed.").format(name=name)

    # --- reading -----------------------------------------------------------------------------------
    def get(self, submission_id: int) -> Submission | None:
        with self.db.reading() as s:
            found = load_submissions(s, _SUB.c.id == submission_id)
        return found[0] if found else None

    def by_student(self, assignment_id: int, key: str) -> Submission | None:
        """The submission of the student whose core.assignments.student_key is ``key``."""
        with self.db.reading() as s:
            found = load_submissions(s, (_SUB.c.assignment_id == assignment_id) & (_SUB.c.student_key == key))
        return found[0] if found else None

    def list_for(self, assignment_id: int) -> list[Submission]:
        """Every submission of the assignment with marks and comments, by student name (case-folded)."""
        with self.db.reading() as s:
            return load_submissions(s, _SUB.c.assignment_id == assignment_id)

    # --- the teacher's review ----------------------------------------------------------------------
    def set_grade(self, submission_id: int, grade: str) -> Submission:
        grade = " ".join(grade.split())[:MAX_GRADE]
        return self._review(submission_id, "submission_graded", {"grade": grade}, {"grade": grade})

    def set_comment(self, submission_id: int, text: str) -> Submission:
        text = _clean_comment(text)
        return self._review(submission_id, "submission_commented", {"comment": text}, {"chars": len(text)})

    def set_reviewed(self, submission_id: int, when: datetime | None) -> Submission:
        """Marks the submission reviewed at ``when`` (aware), or not reviewed with None."""
        return self._review(submission_id, "submission_reviewed", {"reviewed_at": to_utc(when)},
                            {"reviewed": when is not None})

    def set_note_rating(self, submission_id: int, mark_id: int, rating: int | None) -> Submission:
        """The teacher's rating of one of the student's notes: 0, 1 or 2 (core.reasoning), or None for not rated."""
        check_rating(rating)

        def write(s: Session, _article_id: int) -> None:
            done = s.execute(update(_MARK).where(_MARK.c.id == mark_id, _MARK.c.submission_id == submission_id)
                             .values(note_rating=rating))
            if done.rowcount == 0:
                raise LookupError(_("mark {number} is not one of submission {submission}'s marks").format(
                    number=mark_id, submission=submission_id))

        return self._review(submission_id, "note_rated", write, {"mark_id": mark_id, "rating": rating})

    def set_mark_comment(self, submission_id: int, ref: MarkRef, text: str) -> Submission:
        """The teacher's comment on one of the student's marks (ON_STUDENT_MARK, a mark of this submission)
        or on a key mark (ON_KEY_MARK, a mark of the article's key layer). Empty text removes the comment."""
        kind, mark_id = ref
        if kind not in (ON_STUDENT_MARK, ON_KEY_MARK):
            raise ValueError(f"a review comment is on a student's mark or a key mark, not on {kind!r}")
        text = _clean_comment(text)

        def write(s: Session, article_id: int) -> None:
            if kind == ON_STUDENT_MARK:
                done = s.execute(update(_MARK).where(_MARK.c.id == mark_id, _MARK.c.submission_id == submission_id)
                                 .values(teacher_comment=text))
                if done.rowcount == 0:
                    raise LookupError(_("mark {number} is not one of submission {submission}'s marks").format(
                        number=mark_id, submission=submission_id))
                return
            # Checked on writing, since there is no foreign key (see models.ReviewCommentRow).
            key_mark = s.execute(select(MarkRow.id).where(MarkRow.id == mark_id, MarkRow.article_id == article_id,
                                                          MarkRow.layer == KEY_LAYER)).first()
            if key_mark is None and text:
                raise LookupError(_("mark {number} is not in the answer key of this submission's article").format(
                    number=mark_id))
            where = (_COMMENT.c.submission_id == submission_id) & (_COMMENT.c.key_mark_id == mark_id)
            if not text:
                s.execute(delete(_COMMENT).where(where))
            elif s.execute(update(_COMMENT).where(where).values(text=text)).rowcount == 0:
                s.execute(insert(_COMMENT).values(submission_id=submission_id, key_mark_id=mark_id, text=text))

        return self._review(submission_id, "mark_commented", write,
                            {"on": kind, "mark_id": mark_id, "chars": len(text)})

    def _review(self, submission_id: int, action: str, change, detail: dict) -> Submission:
        """One review step in one transaction: ``change`` is column values for the submission row, or a
        function writing elsewhere; logged with ``detail``; returns the submission as it now is."""
        with self.db.transaction() as s:
            article_id = s.execute(select(_ASSIGNMENT.c.article_id)
                                   .join(_SUB, _SUB.c.assignment_id == _ASSIGNMENT.c.id)
                                   .where(_SUB.c.id == submission_id)).scalar()
            if article_id is None:
                raise LookupError(_("submission {number} is no longer in the library").format(number=submission_id))
            if callable(change):
                change(s, article_id)
            else:
                s.execute(update(_SUB).where(_SUB.c.id == submission_id).values(**change))
            s.execute(insert(EventRow).values(action=action, article_id=article_id,
                                              detail={"submission_id": submission_id, **detail}))
            return load_submissions(s, _SUB.c.id == submission_id)[0]
