"""Removing work, and the bin it goes to: File ▸ Recently removed, and what undo brings back.

Every removal of an article, an assignment or hand-ins goes through here: the rows it takes (storage.rowsets)
are kept as one entry of the ``removed_work`` table in the same transaction as the delete, so nothing a class
did disappears with a click. Putting an entry back restores the very rows and ids and drops the entry; undo
does the same with the entry its step made, so undo and the bin can never both bring one thing back.

The bin keeps the newest ``KEEP_ENTRIES`` entries that are younger than ``KEEP_DAYS``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from desktop_app.i18n import _, ngettext
from desktop_app.storage.database import Database
from desktop_app.storage.models import AssignmentRow, EventRow, RemovedWorkRow, utcnow
from desktop_app.storage.rowsets import Loss, RestoreConflict, RowSet, capture, put_back, remove

KEEP_DAYS = 90
KEEP_ENTRIES = 200
ARTICLE, ASSIGNMENT, SUBMISSIONS = "article", "assignment", "submissions"

_BIN = cast(Table, RemovedWorkRow.__table__)
_ASSIGNMENT = cast(Table, AssignmentRow.__table__)


@dataclass(frozen=True)
class Removal:
    """One entry of the bin: what was removed, when, and what it took."""

    id: int
    kind: str
    label: str
    loss: Loss
    removed_at: datetime
    article_id: int | None = None
    assignment_id: int | None = None
    ids: tuple[int, ...] = ()  # what was removed: the article, the assignment, or the hand-ins
    assignment_ids: tuple[int, ...] = ()  # every assignment among the rows (an article's, or the one removed)


_ROOT = {ARTICLE: "article", ASSIGNMENT: "assignment", SUBMISSIONS: "submission"}


def _label(session: Session, kind: str, rows: RowSet, assignment_id: int | None) -> str:
    """What the bin calls the entry, in the language of the moment it was removed (it is kept as written)."""
    if kind == ARTICLE:
        title = rows.rows["article"][0]["title"]
        return _("“{title}”").format(title=title) if title else _("an untitled article")
    if kind == ASSIGNMENT:
        a = rows.rows["assignment"][0]
        name = a["student_name"] if a["role"] == "student" else ""
        if a["title"] and name:
            return _("Assignment “{title}” ({name}'s copy)").format(title=a["title"], name=name)
        if a["title"]:
            return _("Assignment “{title}”").format(title=a["title"])
        if name:
            return _("Assignment without a title ({name}'s copy)").format(name=name)
        return _("Assignment without a title")
    subs = rows.rows["submission"]
    title = session.execute(select(_ASSIGNMENT.c.title).where(_ASSIGNMENT.c.id == assignment_id)).scalar()
    if len(subs) == 1 and title:
        return _("{name}'s hand-in for “{title}”").format(name=subs[0]["student_name"], title=title)
    if len(subs) == 1:
        return _("{name}'s hand-in for an assignment").format(name=subs[0]["student_name"])
    if title:
        return ngettext("{count} hand-in for “{title}”", "{count} hand-ins for “{title}”", len(subs)).format(
            count=len(subs), title=title)
    return ngettext("{count} hand-in for an assignment", "{count} hand-ins for an assignment", len(subs)).format(
        count=len(subs))


def _gone(table: str, number: int) -> str:
    if table == "article":
        return _("article {number} is no longer in the library").format(number=number)
    if table == "assignment":
        return _("assignment {number} is no longer in the library").format(number=number)
    return _("hand-in {number} is no longer in the library").format(number=number)


def take_out(session: Session, kind: str, ids: Iterable[int], label: str = "") -> Removal:
    """Inside the caller's transaction: removes the rows (an article, an assignment, or hand-ins of one
    assignment, with everything below them) and keeps them in the bin. Raises LookupError when they are gone."""
    table = _ROOT[kind]
    wanted = list(dict.fromkeys(ids))
    rows = capture(session, table, wanted)
    got = rows.ids(table)
    missing = [i for i in wanted if i not in got]
    if missing:
        raise LookupError(_gone(table, missing[0]))
    if not wanted:  # a bug: nothing was asked for
        raise LookupError(f"{table.replace('submission', 'hand-in')} is no longer in the library")
    article_id: int | None
    assignment_id: int | None
    if kind == ARTICLE:
        article_id, assignment_id = wanted[0], None
    elif kind == ASSIGNMENT:
        article_id, assignment_id = rows.rows["assignment"][0]["article_id"], wanted[0]
    else:
        parents = {r["assignment_id"] for r in rows.rows["submission"]}
        if len(parents) != 1:
            raise ValueError("hand-ins are removed one assignment at a time")
        assignment_id = parents.pop()
        article_id = session.execute(select(_ASSIGNMENT.c.article_id)
                                     .where(_ASSIGNMENT.c.id == assignment_id)).scalar()
    loss = rows.loss()
    label = label or _label(session, kind, rows, assignment_id)
    remove(session, rows)
    now = utcnow()
    entry = session.execute(insert(_BIN).returning(_BIN.c.id).values(
        removed_at=now, kind=kind, label=label[:500], article_id=article_id, assignment_id=assignment_id,
        counts=loss.as_dict(), rows=rows.to_json())).scalar_one()
    session.execute(insert(EventRow).values(at=now, action="work_removed", article_id=article_id,
                                            detail={"bin": entry, "kind": kind, "ids": wanted, **loss.as_dict()}))
    _purge(session, now)
    return Removal(entry, kind, label, loss, now, article_id, assignment_id, tuple(wanted),
                   tuple(rows.ids("assignment")) or ((assignment_id,) if assignment_id else ()))


def bring_back(session: Session, entry_id: int) -> Removal:
    """Inside the caller's transaction: puts an entry's rows back with their ids and drops the entry. Raises
    LookupError when the entry is gone, RestoreConflict when its rows cannot go back."""
    row = session.execute(select(_BIN).where(_BIN.c.id == entry_id)).first()
    if row is None:
        # Translators: "Recently removed" is the File menu's item (the bin) of that name.
        raise LookupError(_("that is no longer in Recently removed"))
    rows = RowSet.from_json(row.rows)
    put_back(session, rows)
    session.execute(delete(_BIN).where(_BIN.c.id == entry_id))
    session.execute(insert(EventRow).values(action="work_restored", article_id=row.article_id,
                                            detail={"bin": entry_id, "kind": row.kind}))
    assignment_ids = tuple(rows.ids("assignment")) or ((row.assignment_id,) if row.assignment_id else ())
    return replace(_removal_of(row), ids=tuple(rows.ids(_ROOT[row.kind])), assignment_ids=assignment_ids)


def _removal_of(row) -> Removal:
    return Removal(row.id, row.kind, row.label, Loss.from_dict(row.counts), row.removed_at, row.article_id,
                   row.assignment_id)


def _purge(session: Session, now: datetime) -> None:
    session.execute(delete(_BIN).where(_BIN.c.removed_at < now - timedelta(days=KEEP_DAYS)))
    newest = select(_BIN.c.id).order_by(_BIN.c.id.desc()).limit(KEEP_ENTRIES).scalar_subquery()
    session.execute(delete(_BIN).where(_BIN.c.id.not_in(newest)))


class RemovedWorkService:
    """Each call one transaction. Counting what a removal would take reads only."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def take_out(self, kind: str, ids: Iterable[int], label: str = "") -> Removal:
        with self.db.transaction() as s:
            return take_out(s, kind, ids, label)

    def bring_back(self, entry_id: int) -> Removal:
        with self.db.transaction() as s:
            return bring_back(s, entry_id)

    def entries(self) -> list[Removal]:
        """The bin, newest first."""
        query = select(_BIN.c.id, _BIN.c.kind, _BIN.c.label, _BIN.c.counts, _BIN.c.removed_at, _BIN.c.article_id,
                       _BIN.c.assignment_id).order_by(_BIN.c.removed_at.desc(), _BIN.c.id.desc())
        with self.db.reading() as s:
            return [_removal_of(r) for r in s.execute(query)]

    def cost(self, kind: str, ids: Iterable[int]) -> Loss:
        """What removing these would take, without removing anything."""
        table = _ROOT[kind]
        with self.db.reading() as s:
            return capture(s, table, list(ids)).loss()



__all__ = ["ARTICLE", "ASSIGNMENT", "SUBMISSIONS", "Removal", "RemovedWorkService", "RestoreConflict", "bring_back",
           "take_out"]
