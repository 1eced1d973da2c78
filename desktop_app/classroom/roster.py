"""Who is in the class and who handed in: the class list's students in its order, each with their hand-in or
none, then the hand-ins of students who are not on the list. The roster, its hint line and the gradebook all
read this, so they agree. Without a class list it is the hand-ins alone, as before lists existed.

A hand-in belongs to a student on the list when its ``member_id`` names that student's entry. A link to an entry
that is gone (the list was replaced, and the hand-in came back from the bin) is no link. One student has one
hand-in; should two point at one entry (one brought back from the bin after the other was linked), the one
stored first keeps it and the other is not matched, so the teacher is asked about it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.core.assignments import Submission
from desktop_app.core.class_list import ClassList, Member


@dataclass(frozen=True)
class RosterRow:
    member: Member | None  # the student on the class list; None for a hand-in of someone not on it
    submission: Submission | None  # None: this student has not handed in

    @property
    def name(self) -> str:
        """The list's spelling for a student on it, else the name the hand-in was made under."""
        if self.member is not None:
            return self.member.name
        return self.submission.student_name if self.submission is not None else ""


def holders(class_list: ClassList, submissions: Sequence[Submission]) -> dict[int, Submission]:
    """Each member id of the list with the hand-in linked to it."""
    listed = {m.id for m in class_list}
    held: dict[int, Submission] = {}
    for sub in sorted(submissions, key=lambda s: s.id or 0):
        if sub.member_id is not None and sub.member_id in listed and sub.member_id not in held:
            held[sub.member_id] = sub
    return held


def roster_rows(class_list: ClassList, submissions: Sequence[Submission]) -> list[RosterRow]:
    """The list's members in its order with their hand-ins, then the other hand-ins in the order given."""
    held = holders(class_list, submissions)
    linked = {sub.id for sub in held.values()}
    rows = [RosterRow(m, held.get(m.id) if m.id is not None else None) for m in class_list]
    rows.extend(RosterRow(None, sub) for sub in submissions if sub.id not in linked)
    return rows


def missing(class_list: ClassList, submissions: Sequence[Submission]) -> list[Member]:
    """The students on the list who have not handed in, in the list's order."""
    held = holders(class_list, submissions)
    return [m for m in class_list if m.id not in held]


def not_on_list(class_list: ClassList, submissions: Sequence[Submission]) -> list[Submission]:
    """The hand-ins that belong to nobody on the list (all of them when there is no list)."""
    linked = {sub.id for sub in holders(class_list, submissions).values()}
    return [sub for sub in submissions if sub.id not in linked]
