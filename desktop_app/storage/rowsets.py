"""Rows taken out together and put back exactly: what removing an article, an assignment or hand-ins takes.

Removing an article takes its marks and its assignments, an assignment takes its hand-ins and class list (a
student's copy, the feedback on it), a hand-in takes its marks and the teacher's comments. ``capture`` follows
those links down from the rows asked for and reads every column of every row it reaches; ``remove`` deletes
them; ``put_back`` inserts them again, parents first, with the same ids and values, so an undone removal leaves
the database as it was (a test dumps every table before and after and compares). The event log is not part of
it: it records that both happened.
A RowSet also travels as JSON, which is how the bin (``removed_work``) keeps it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from desktop_app.i18n import _, ngettext
from desktop_app.storage.models import (ArticleRow, AssignmentRow, ClassMemberRow, FeedbackRow, MarkRow,
                                        ReviewCommentRow, SubmissionMarkRow, SubmissionRow)
from desktop_app.storage.wording import and_list

_TABLES: dict[str, Table] = {t.__tablename__: cast(Table, t.__table__) for t in (
    ArticleRow, MarkRow, AssignmentRow, ClassMemberRow, SubmissionRow, SubmissionMarkRow, ReviewCommentRow,
    FeedbackRow)}

# parent table -> (child table, the child's column holding the parent's id); parents before children.
_CHILDREN: dict[str, tuple[tuple[str, str], ...]] = {
    "article": (("mark", "article_id"), ("assignment", "article_id")),
    # A student's copy takes the teacher's feedback received on it.
    "assignment": (("class_member", "assignment_id"), ("submission", "assignment_id"), ("feedback", "assignment_id")),
    "submission": (("submission_mark", "submission_id"), ("review_comment", "submission_id")),
}
_ORDER = ("article", "mark", "assignment", "class_member", "submission", "submission_mark", "review_comment",
          "feedback")


class RestoreConflict(LookupError):
    """The rows cannot go back: some are back already, or what they hang on is gone."""


@dataclass(frozen=True)
class Loss:
    """What a removal takes, counted for the person who is asked first ("3 hand-ins, 2 grades and 14 comments")."""

    articles: int = 0
    assignments: int = 0
    hand_ins: int = 0
    grades: int = 0
    comments: int = 0
    marks: int = 0  # the marks of removed articles (own and key layers)

    @property
    def classroom_work(self) -> bool:
        """True when it takes anything of a class (hand-ins or a teacher's review), which is always asked about."""
        return bool(self.hand_ins or self.grades or self.comments)

    def describe(self) -> str:
        words = [ngettext("{count} article", "{count} articles", self.articles),
                 ngettext("{count} assignment", "{count} assignments", self.assignments),
                 ngettext("{count} hand-in", "{count} hand-ins", self.hand_ins),
                 ngettext("{count} grade", "{count} grades", self.grades),
                 ngettext("{count} comment", "{count} comments", self.comments),
                 ngettext("{count} mark", "{count} marks", self.marks)]
        counts = (self.articles, self.assignments, self.hand_ins, self.grades, self.comments, self.marks)
        taken = [word.format(count=n) for word, n in zip(words, counts, strict=True) if n]
        # Translators: what a removal takes when it takes nothing more than the thing removed.
        return and_list(taken) if taken else _("nothing else")

    def as_dict(self) -> dict[str, int]:
        return {k: v for k, v in self.__dict__.items() if v}

    @classmethod
    def from_dict(cls, data: dict) -> Loss:
        return cls(**{k: int(v) for k, v in (data or {}).items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class RowSet:
    """Rows of several tables, each a dict of column -> value, in parent-first table order."""

    rows: dict[str, list[dict]] = field(default_factory=dict)

    def ids(self, table: str) -> list[int]:
        return [r["id"] for r in self.rows.get(table, ())]

    def loss(self) -> Loss:
        subs = self.rows.get("submission", ())
        comments = (sum(1 for r in subs if r["comment"]) + len(self.rows.get("review_comment", ()))
                    + sum(1 for r in self.rows.get("submission_mark", ()) if r["teacher_comment"]))
        return Loss(articles=len(self.rows.get("article", ())), assignments=len(self.rows.get("assignment", ())),
                    hand_ins=len(subs), grades=sum(1 for r in subs if r["grade"]), comments=comments,
                    marks=len(self.rows.get("mark", ())))

    def to_json(self) -> str:
        return json.dumps({t: [{c: _encode(v) for c, v in r.items()} for r in rows] for t, rows in self.rows.items()},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> RowSet:
        data = json.loads(text)
        return cls({t: [{c: _decode(v) for c, v in r.items()} for r in data[t]] for t in _ORDER if t in data})


def _encode(value):
    # Times are the only values JSON cannot carry as they are; a JSON column's dict or list passes through.
    return {"$time": value.isoformat()} if isinstance(value, datetime) else value


def _decode(value):
    if isinstance(value, dict) and set(value) == {"$time"}:
        return datetime.fromisoformat(value["$time"])
    return value


def capture(session: Session, table: str, ids: list[int]) -> RowSet:
    """Every row of ``table`` with one of ``ids``, and every row below them, read inside the caller's transaction."""
    found: dict[str, list[dict]] = {}
    wanted: dict[str, list[int]] = {table: list(ids)}
    for name in _ORDER:
        keys = wanted.get(name)
        if not keys:
            continue
        t = _TABLES[name]
        rows = [dict(r._mapping) for r in session.execute(select(t).where(t.c.id.in_(keys)).order_by(t.c.id))]
        if not rows:
            continue
        found[name] = rows
        got = [r["id"] for r in rows]
        for child, column in _CHILDREN.get(name, ()):
            c = _TABLES[child]
            wanted.setdefault(child, []).extend(
                session.execute(select(c.c.id).where(c.c[column].in_(got)).order_by(c.c.id)).scalars())
    return RowSet(found)


def remove(session: Session, rowset: RowSet) -> None:
    """Deletes the captured rows, children first (not left to ON DELETE CASCADE, so exactly these go)."""
    for name in reversed(_ORDER):
        ids = rowset.ids(name)
        if ids:
            t = _TABLES[name]
            session.execute(delete(t).where(t.c.id.in_(ids)))


def put_back(session: Session, rowset: RowSet) -> None:
    """Inserts the rows again with their ids, parents first. Raises RestoreConflict, and the caller's transaction
    is to be rolled back, when a row is already there or its parent is gone."""
    from sqlalchemy.exc import IntegrityError

    for name in _ORDER:
        rows = rowset.rows.get(name)
        if not rows:
            continue
        t = _TABLES[name]
        present = session.execute(select(t.c.id).where(t.c.id.in_([r["id"] for r in rows]))).first()
        if present is not None:
            # Translators: ends "That cannot be brought back: …"; {table} is a database table's name, in English.
            raise RestoreConflict(_("it is back already ({table} {number} is in the library)").format(
                table=name, number=present.id))
        try:
            session.execute(insert(t), rows)
        except IntegrityError as exc:
            # Translators: ends "That cannot be brought back: …"; {table} is a database table's name, in English.
            raise RestoreConflict(_("what it belonged to is no longer in the library ({table})").format(
                table=name)) from exc
