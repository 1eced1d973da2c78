"""Assignments in the library: a teacher's (made from an article, with the key as the article's key layer)
and a student's (received from a pack, with the student's work as the article's own marks).

Each call is one transaction logged in the event table. Removing an assignment (with its hand-ins) goes
through storage.removed_work, which keeps it in the bin and brings it back with the same ids.

On a shared lab account several students may open the same pack: each works in a copy of their own (its own
article row, so its own marks), numbered by ``copy_no``.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row, func, insert, select, update

from desktop_app.core.articles import ArticleDetails
from desktop_app.core.assignments import (STUDENT, TEACHER, Assignment, AssignmentError, clean_name, new_uid,
                                          validate)
from desktop_app.core.categories import category_from_data, category_to_data
from desktop_app.storage.articles import new_article_row
from desktop_app.storage.database import Database
from desktop_app.core.marks import OWN_LAYER
from desktop_app.i18n import _
from desktop_app.storage.models import ArticleRow, AssignmentRow, EventRow, MarkRow, SubmissionRow
from desktop_app.storage.submissions import to_utc

_ASSIGNMENT = AssignmentRow.__table__
_SUB = SubmissionRow.__table__
_ARTICLE = ArticleRow.__table__
_UID_LENGTH = 32  # core.assignments.new_uid: a uuid4 in hex
PACK_FORMAT = "ledepack"  # the source_format of an article received in a student pack


@dataclass(frozen=True, slots=True)
class AssignmentSummary:
    """One row of the list of assignments: how many students handed in, and how many are reviewed."""

    assignment: Assignment
    article_title: str
    submissions: int
    reviewed: int


@dataclass(frozen=True, slots=True)
class StudentCopy:
    """One student's copy of a received assignment in this library, with how much work it holds."""

    assignment: Assignment
    marks: int
    handed_in_sha256: str = ""  # of the latest hand-in's file ("" before the first, or before Lede recorded it)


def _assignment_of(row: Row | AssignmentRow) -> Assignment:
    return Assignment(
        uid=row.uid, title=row.title, article_id=row.article_id, instructions=row.instructions, due_at=row.due_at,
        categories=tuple(category_from_data(item, f"category {i + 1}") for i, item in enumerate(row.categories)),
        minimums={str(k): int(v) for k, v in (row.minimums or {}).items()}, total_points=row.total_points,
        seal=row.seal, id=row.id, role=row.role, student_name=row.student_name, handed_in_at=row.handed_in_at,
        created_at=row.created_at, reasoning_weight=row.reasoning_weight, require_notes=row.require_notes,
        release_key=row.release_key)


def _editable_values(a: Assignment) -> dict:
    """The columns a teacher changes when editing an assignment."""
    return {"title": a.title.strip(), "instructions": a.instructions, "due_at": to_utc(a.due_at),
            "categories": [category_to_data(c) for c in a.categories], "minimums": dict(a.minimums),
            "total_points": float(a.total_points), "reasoning_weight": float(a.reasoning_weight),
            "require_notes": bool(a.require_notes), "release_key": a.release_key}


def _check_identity(uid: str, role: str) -> None:
    if role not in (TEACHER, STUDENT):
        raise AssignmentError(f"An assignment belongs to a teacher or a student, not to {role!r}.")
    if not uid or len(uid) > _UID_LENGTH:
        raise AssignmentError(_("The assignment's id {uid} is not one Lede made; it cannot be stored.").format(
            uid=repr(uid[:40])))


class AssignmentService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- the teacher's side ------------------------------------------------------------------------
    def create(self, a: Assignment) -> Assignment:
        """Stores a new assignment on an article of the library. A missing uid or seal is made here.
        Raises AssignmentError (a ValueError) saying what to fix, LookupError when the article is gone."""
        validate(a)
        uid, seal = a.uid or new_uid(), a.seal or secrets.token_hex(32)
        _check_identity(uid, a.role)
        if a.article_id is None:
            raise AssignmentError(_("An assignment is made from an article in the library; choose one first."))
        with self.db.transaction() as s:
            if s.execute(select(_ARTICLE.c.id).where(_ARTICLE.c.id == a.article_id)).first() is None:
                raise LookupError(_("article {number} is not in the library").format(number=a.article_id))
            self._refuse_taken(s, uid, a.role)
            new_id = self._insert(s, a, uid=uid, seal=seal, article_id=a.article_id)
            s.execute(insert(EventRow).values(action="assignment_created", article_id=a.article_id,
                                              detail={"assignment_id": new_id, "uid": uid, "role": a.role}))
            return self._get(s, new_id)

    def update(self, a: Assignment) -> Assignment:
        """Saves a teacher's edits: title, instructions, due date, categories, minimums and total points."""
        validate(a)
        if a.id is None:
            raise ValueError("only a stored assignment can be updated")
        with self.db.transaction() as s:
            before = self._get(s, a.id)
            if before is None:
                raise LookupError(_("assignment {number} is no longer in the library").format(number=a.id))
            values = _editable_values(a)
            s.execute(update(_ASSIGNMENT).where(_ASSIGNMENT.c.id == a.id).values(**values))
            after = self._get(s, a.id)
            changed = sorted(f for f in ("title", "instructions", "due_at", "categories", "minimums", "total_points",
                                         "reasoning_weight", "require_notes", "release_key")
                             if getattr(before, f) != getattr(after, f))
            s.execute(insert(EventRow).values(action="assignment_changed", article_id=after.article_id,
                                              detail={"assignment_id": a.id, "fields": changed}))
            return after

    # --- reading -----------------------------------------------------------------------------------
    def get(self, assignment_id: int) -> Assignment | None:
        with self.db.reading() as s:
            return self._get(s, assignment_id)

    def by_uid(self, uid: str, role: str) -> Assignment | None:
        with self.db.reading() as s:
            row = s.execute(select(_ASSIGNMENT).where(_ASSIGNMENT.c.uid == uid, _ASSIGNMENT.c.role == role)).first()
            return None if row is None else _assignment_of(row)

    def for_article(self, article_id: int) -> list[Assignment]:
        """The assignments made from (or received with) the article, newest first."""
        with self.db.reading() as s:
            rows = s.execute(select(_ASSIGNMENT).where(_ASSIGNMENT.c.article_id == article_id)
                             .order_by(_ASSIGNMENT.c.created_at.desc(), _ASSIGNMENT.c.id.desc()))
            return [_assignment_of(row) for row in rows]

    def summaries(self, role: str | None = None) -> list[AssignmentSummary]:
        """Every assignment (or those of one role), newest first, with its article's title and counts."""
        counts = (select(_SUB.c.assignment_id, func.count().label("n"),
                         func.count(_SUB.c.reviewed_at).label("reviewed"))
                  .group_by(_SUB.c.assignment_id).subquery())
        query = (select(_ASSIGNMENT, _ARTICLE.c.title.label("article_title"),
                        func.coalesce(counts.c.n, 0).label("n"), func.coalesce(counts.c.reviewed, 0).label("r"))
                 .join(_ARTICLE, _ARTICLE.c.id == _ASSIGNMENT.c.article_id)
                 .outerjoin(counts, counts.c.assignment_id == _ASSIGNMENT.c.id)
                 .order_by(_ASSIGNMENT.c.created_at.desc(), _ASSIGNMENT.c.id.desc()))
        if role is not None:
            query = query.where(_ASSIGNMENT.c.role == role)
        with self.db.reading() as s:
            return [AssignmentSummary(_assignment_of(row), row.article_title or "", row.n, row.r)
                    for row in s.execute(query)]

    def hand_in_path(self, assignment_id: int) -> str:
        """Where the student's latest hand-in was written ("" before the first), so handing in again can
        say which file it replaces. (Kept here: core.assignments.Assignment has no field for it.)"""
        with self.db.reading() as s:
            return s.execute(select(_ASSIGNMENT.c.handed_in_path).where(_ASSIGNMENT.c.id == assignment_id)
                             ).scalar() or ""

    # --- the student's side ------------------------------------------------------------------------
    def copies(self, uid: str) -> list[StudentCopy]:
        """This library's student copies of the assignment ``uid``, oldest first, with their own marks counted."""
        marks = (select(MarkRow.article_id, func.count(MarkRow.id).label("n")).where(MarkRow.layer == OWN_LAYER)
                 .group_by(MarkRow.article_id).subquery())
        query = (select(_ASSIGNMENT, func.coalesce(marks.c.n, 0).label("marks"))
                 .outerjoin(marks, marks.c.article_id == _ASSIGNMENT.c.article_id)
                 .where(_ASSIGNMENT.c.uid == uid, _ASSIGNMENT.c.role == STUDENT).order_by(_ASSIGNMENT.c.copy_no))
        with self.db.reading() as s:
            return [StudentCopy(_assignment_of(row), row.marks, row.handed_in_sha256 or "")
                    for row in s.execute(query)]

    def receive(self, pack_assignment: Assignment, details: ArticleDetails, text: str,
                source_name: str) -> Assignment:
        """Adds a new student copy of a pack's assignment, with its own copy of the article, in one transaction.

        Whether to continue an earlier copy instead (the same student opening the pack again) is the caller's
        question to ask (application.student). The text is stored as ArticleService.add stores it (normalised;
        ArticleTextError when it has no words).
        """
        validate(pack_assignment)
        uid = pack_assignment.uid
        _check_identity(uid, STUDENT)
        with self.db.transaction() as s:
            taken = s.execute(select(func.max(_ASSIGNMENT.c.copy_no)).where(_ASSIGNMENT.c.uid == uid,
                                                                            _ASSIGNMENT.c.role == STUDENT)).scalar()
            article = new_article_row(text, details, source_name, PACK_FORMAT)
            s.add(article)
            s.flush()
            s.execute(insert(EventRow).values(action="article_added", article_id=article.id,
                                              detail={"source": source_name}))
            received = pack_assignment.with_changes(role=STUDENT, handed_in_at=None,
                                                    student_name=clean_name(pack_assignment.student_name))
            new_id = self._insert(s, received, uid=uid, seal=pack_assignment.seal, article_id=article.id,
                                  copy_no=0 if taken is None else taken + 1)
            s.execute(insert(EventRow).values(action="assignment_received", article_id=article.id,
                                              detail={"assignment_id": new_id, "uid": uid}))
            return self._get(s, new_id)

    def set_student_name(self, assignment_id: int, name: str) -> Assignment:
        name = clean_name(name)
        if not name:
            raise AssignmentError(_("Type your name: your teacher sees it on the work you hand in."))
        return self._change(assignment_id, "student_named", {"student_name": name}, {})

    def clear_student_name(self, assignment_id: int) -> Assignment:
        """Undo of the first name typed into a copy: the copy has no name again."""
        return self._change(assignment_id, "student_named", {"student_name": ""}, {})

    def record_hand_in(self, assignment_id: int, at: datetime, path: str, sha256: str = "") -> Assignment:
        """Remembers the latest hand-in: when (aware), the file written and its SHA-256 (feedback names it)."""
        values = {"handed_in_at": to_utc(at), "handed_in_path": path, "handed_in_sha256": sha256[:64] or None}
        return self._change(assignment_id, "assignment_handed_in", values, {"path": path})

    # --- inside a transaction ----------------------------------------------------------------------
    @staticmethod
    def _get(s, assignment_id: int) -> Assignment | None:
        row = s.execute(select(_ASSIGNMENT).where(_ASSIGNMENT.c.id == assignment_id)).first()
        return None if row is None else _assignment_of(row)

    @staticmethod
    def _refuse_taken(s, uid: str, role: str) -> None:
        taken = s.execute(select(_ASSIGNMENT.c.id).where(_ASSIGNMENT.c.uid == uid,
                                                         _ASSIGNMENT.c.role == role)).first()
        if taken is not None:
            if role == TEACHER:
                message = _("This library already holds the teacher's copy of that assignment (number {number}); "
                            "open that one instead.")
            else:
                message = _("This library already holds the student's copy of that assignment (number {number}); "
                            "open that one instead.")
            raise AssignmentError(message.format(number=taken.id))

    @staticmethod
    def _insert(s, a: Assignment, **columns) -> int:
        values: Mapping = {**_editable_values(a), "role": a.role, "student_name": clean_name(a.student_name),
                           "handed_in_at": to_utc(a.handed_in_at), **columns}
        return s.execute(insert(_ASSIGNMENT).values(**values)).inserted_primary_key[0]

    def _change(self, assignment_id: int, action: str, values: dict, detail: dict) -> Assignment:
        with self.db.transaction() as s:
            article_id = s.execute(select(_ASSIGNMENT.c.article_id)
                                   .where(_ASSIGNMENT.c.id == assignment_id)).scalar()
            if article_id is None:
                raise LookupError(_("assignment {number} is no longer in the library").format(number=assignment_id))
            s.execute(update(_ASSIGNMENT).where(_ASSIGNMENT.c.id == assignment_id).values(**values))
            s.execute(insert(EventRow).values(action=action, article_id=article_id,
                                              detail={"assignment_id": assignment_id, **detail}))
            return self._get(s, assignment_id)
