"""An assignment's class list in the library, and which hand-in belongs to which student on it.

The list is the ``class_member`` table, in the list's order; a hand-in points at its entry through
``submission.member_id`` (no foreign key, see models.SubmissionRow: a link to an entry that is gone counts as
no link). Each function here works inside the caller's transaction, so the application layer makes one change
of the list and its links all-or-nothing.

Replacing a list keeps the id of every student who is on both lists (matched by ``student_key``), so the links
the teacher gave stay; the links to students who went are cleared. ``ListState`` is a list with its links as
they were, ids included, and ``restore`` puts one back exactly: that is what undo and redo use.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from desktop_app.core.assignments import Submission
from desktop_app.core.class_list import ClassList, Member
from desktop_app.i18n import _
from desktop_app.storage.database import Database
from desktop_app.storage.models import ClassMemberRow, SubmissionRow
from desktop_app.storage.wording import and_list

_MEMBER = cast(Table, ClassMemberRow.__table__)
_SUB = cast(Table, SubmissionRow.__table__)
_WIDTHS = {"lms_id": 100, "email": 200}  # the columns' widths; a name and its key are cut to 80 when read


@dataclass(frozen=True)
class ListState:
    """An assignment's class list and its hand-ins' links to it, exactly as stored."""

    members: tuple[dict, ...] = ()  # class_member rows, every column, in list order
    links: Mapping[int, int | None] = field(default_factory=dict)  # hand-in id -> member_id, every hand-in


def read_members(session: Session, assignment_id: int) -> ClassList:
    """The assignment's class list in its order, each member with its id; empty when it has none."""
    rows = session.execute(select(_MEMBER).where(_MEMBER.c.assignment_id == assignment_id)
                           .order_by(_MEMBER.c.position, _MEMBER.c.id)).all()
    return ClassList(tuple(Member(r.name, r.student_key, r.lms_id, r.email, index, r.id)
                           for index, r in enumerate(rows)))


def read_state(session: Session, assignment_id: int) -> ListState:
    rows = session.execute(select(_MEMBER).where(_MEMBER.c.assignment_id == assignment_id)
                           .order_by(_MEMBER.c.position, _MEMBER.c.id)).all()
    links = session.execute(select(_SUB.c.id, _SUB.c.member_id).where(_SUB.c.assignment_id == assignment_id))
    return ListState(tuple(dict(r._mapping) for r in rows), {r.id: r.member_id for r in links})


def hand_in_links(session: Session, assignment_id: int) -> list[Submission]:
    """The assignment's hand-ins with their names and links only (no marks, no review): enough to match names."""
    rows = session.execute(select(_SUB.c.id, _SUB.c.student_name, _SUB.c.member_id)
                           .where(_SUB.c.assignment_id == assignment_id).order_by(_SUB.c.id)).all()
    return [Submission(r.student_name, (), id=r.id, assignment_id=assignment_id, member_id=r.member_id) for r in rows]


def replace_list(session: Session, assignment_id: int, members: Sequence[Member]) -> ListState:
    """Makes ``members`` the assignment's class list (an empty one removes it) and returns the state before.
    A student on both lists keeps the entry's id, and so the hand-in linked to it; links to entries that went
    are cleared. Raises ValueError for a list Lede cannot keep as it is (a student twice, an id too long)."""
    _check(members)
    before = read_state(session, assignment_id)
    kept = {row["student_key"]: row["id"] for row in before.members}
    wanted = {m.key for m in members}
    gone = [member_id for key, member_id in kept.items() if key not in wanted]
    if gone:
        session.execute(delete(_MEMBER).where(_MEMBER.c.id.in_(gone)))
    for position, m in enumerate(members):
        values = {"position": position, "name": m.name, "lms_id": m.lms_id, "email": m.email}
        if m.key in kept:
            session.execute(update(_MEMBER).where(_MEMBER.c.id == kept[m.key]).values(**values))
        else:
            session.execute(insert(_MEMBER).values(assignment_id=assignment_id, student_key=m.key, **values))
    _clear_stale_links(session, assignment_id)
    return before


def restore(session: Session, assignment_id: int, state: ListState) -> None:
    """Puts the list and the links of ``state`` back, with the same ids. A hand-in that arrived since keeps its
    link when the entry it points at is back, and loses it otherwise."""
    session.execute(delete(_MEMBER).where(_MEMBER.c.assignment_id == assignment_id))
    if state.members:
        session.execute(insert(_MEMBER), [dict(row) for row in state.members])
    set_links(session, state.links)
    _clear_stale_links(session, assignment_id, keep=state.links.keys())


def set_links(session: Session, links: Mapping[int, int | None]) -> None:
    """Writes each hand-in's member_id as given, unchecked: undo and redo put back what was there."""
    if links:
        session.execute(update(_SUB).where(_SUB.c.id == bindparam("sid")).values(member_id=bindparam("mid")),
                        [{"sid": sid, "mid": member_id} for sid, member_id in links.items()])


def link(session: Session, assignment_id: int, links: Mapping[int, int | None]) -> dict[int, int | None]:
    """Links each hand-in (by id) to a member of the assignment's list, or unlinks it (None); returns the links
    before. One hand-in per student: a member left with two hand-ins is refused (ValueError), so the caller's
    transaction is rolled back. Hand-ins or members of another assignment, or gone, are a LookupError."""
    if not links:
        return {}
    subs = {r.id: r for r in session.execute(
        select(_SUB.c.id, _SUB.c.member_id, _SUB.c.student_name)
        .where(_SUB.c.id.in_(list(links)), _SUB.c.assignment_id == assignment_id))}
    if len(subs) < len(links):
        raise LookupError(_("That hand-in is no longer in the library (it was removed, perhaps in another window)."))
    targets = {member_id for member_id in links.values() if member_id is not None}
    names = dict(session.execute(select(_MEMBER.c.id, _MEMBER.c.name)
                                 .where(_MEMBER.c.id.in_(targets), _MEMBER.c.assignment_id == assignment_id)).all())
    if len(names) < len(targets):
        raise LookupError(_("That student is no longer on the class list (it was changed, perhaps in another "
                            "window)."))
    set_links(session, links)
    doubled = session.execute(select(_SUB.c.member_id).where(_SUB.c.assignment_id == assignment_id,
                                                             _SUB.c.member_id.in_(targets))
                              .group_by(_SUB.c.member_id).having(func.count() > 1)).scalars().first()
    if doubled is not None:
        holders = session.execute(select(_SUB.c.student_name).where(_SUB.c.assignment_id == assignment_id,
                                                                    _SUB.c.member_id == doubled)
                                  .order_by(_SUB.c.id)).scalars().all()
        # Translators: {hand_ins} names the students whose hand-ins they are ("Ana and Ana Lopez"). “Not on the
        # list” is the choice of that name in the class list's matching column.
        raise ValueError(_("“{name}” would have two hand-ins ({hand_ins}). Each student on the list has one: choose "
                           "another name for one of them, or “Not on the list”. Nothing was changed.").format(
            name=names[doubled], hand_ins=and_list(holders)))
    return {sid: row.member_id for sid, row in subs.items()}


def link_exact(session: Session, assignment_id: int, submission_ids: Collection[int] | None = None
               ) -> dict[int, int]:
    """Links each hand-in without a link (of the assignment, or only ``submission_ids``) to the member with the
    same student_key, when no other hand-in holds that member: the same key is the same student everywhere in
    Lede, so this is not a guess. Returns the links made (hand-in id -> member id)."""
    members = dict(session.execute(select(_MEMBER.c.student_key, _MEMBER.c.id)
                                   .where(_MEMBER.c.assignment_id == assignment_id)).all())
    if not members:
        return {}
    subs = session.execute(select(_SUB.c.id, _SUB.c.student_key, _SUB.c.member_id)
                           .where(_SUB.c.assignment_id == assignment_id).order_by(_SUB.c.id)).all()
    ids = set(members.values())
    held = {r.member_id for r in subs if r.member_id in ids}
    made: dict[int, int] = {}
    for r in subs:
        if r.member_id in ids or (submission_ids is not None and r.id not in submission_ids):
            continue
        member_id = members.get(r.student_key)
        if member_id is not None and member_id not in held:
            made[r.id] = member_id
            held.add(member_id)
    set_links(session, dict(made))
    return made


def _clear_stale_links(session: Session, assignment_id: int, keep: Collection[int] = ()) -> None:
    """Hand-ins pointing at an entry that is not on the assignment's list any more point at nothing (but those
    in ``keep``: a state put back keeps its links exactly, a dangling one included)."""
    listed = select(_MEMBER.c.id).where(_MEMBER.c.assignment_id == assignment_id)
    stale = session.execute(select(_SUB.c.id).where(_SUB.c.assignment_id == assignment_id,
                                                    _SUB.c.member_id.is_not(None),
                                                    _SUB.c.member_id.not_in(listed))).scalars().all()
    set_links(session, {sid: None for sid in stale if sid not in keep})


def _check(members: Sequence[Member]) -> None:
    keys: set[str] = set()
    for m in members:
        if not m.key or m.key in keys:
            raise ValueError(_("“{name}” is on the list twice or has no name; each student is listed once.").format(
                name=m.name))
        keys.add(m.key)
        for column, width in _WIDTHS.items():
            if len(getattr(m, column)) > width:
                raise ValueError(_too_wide(column).format(name=m.name, width=width))


def _too_wide(column: str) -> str:
    if column == "email":
        return _("The email address of {name} is longer than Lede keeps ({width} characters). Check that column "
                 "of the list, or leave it out.")
    return _("The id of {name} is longer than Lede keeps ({width} characters). Check that column of the list, or "
             "leave it out.")


class ClassListService:
    """Reading an assignment's class list on its own, outside any change."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def members(self, assignment_id: int) -> ClassList:
        with self.db.reading() as s:
            return read_members(s, assignment_id)

    def state(self, assignment_id: int) -> ListState:
        with self.db.reading() as s:
            return read_state(s, assignment_id)
