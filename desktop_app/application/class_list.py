"""An assignment's class list: giving it one, and saying which hand-in is which student on it, never guessing.

A hand-in whose name has the same student_key as a student on the list is that student (the same rule makes two
hand-ins one student everywhere in Lede), so it is linked without asking: when the list is set (in the same step),
when a hand-in comes in (in the import's own transaction, application.classroom), and by ``matching`` for any
left over (a hand-in brought back from the bin). Every other hand-in is a question for the teacher
(``NameQuestion``): the students its name is close to, best first (core.name_matching), and which of them another
hand-in holds already. The teacher's answers go in with ``link_many``, one undoable step.

Each change is one transaction and one step; undo puts the list back exactly, with its ids and every link.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from desktop_app.application.changes import Changes
from desktop_app.application.history import Step
from desktop_app.classroom.roster import holders
from desktop_app.core.assignments import Submission, student_key
from desktop_app.core.class_list import ClassList, Member
from desktop_app.core.name_matching import AskTeacher, Candidate, Exact, match_name
from desktop_app.i18n import N_, _, ngettext
from desktop_app.storage.class_lists import (ClassListService, ListState, hand_in_links, link, link_exact,
                                             read_members, read_state, replace_list, restore, set_links)

if TYPE_CHECKING:
    from desktop_app.application.library import Library

SAME_NAME = N_("the same name")  # the reason shown for an exact match the teacher is asked about (its student is taken)


@dataclass(frozen=True)
class NameQuestion:
    """One hand-in the teacher is asked about: who on the list handed it in, if anyone."""

    submission_id: int
    name: str  # as the hand-in writes it
    candidates: tuple[Candidate, ...]  # best first; may be empty. ``taken_by``: the hand-in holding that student
    current: Member | None = None  # whom the teacher said it was, when asked before (``matching(answered=True)``)
    contested_by: tuple[str, ...] = ()  # other hand-ins asked about whose best candidate is the same student

    @property
    def suggestion(self) -> Member | None:
        """The student worth offering first, or None: the best candidate when it is likely, held by no other hand-in
        and wanted by no other hand-in asked about. Offered, never taken without the teacher."""
        if self.current is not None:
            return self.current
        best = self.candidates[0] if self.candidates else None
        if best is None or not best.likely or best.taken_by or self.contested_by:
            return None
        return best.member


@dataclass(frozen=True)
class NameCheck:
    class_list: ClassList  # the list asked against (empty: the assignment has none, and nothing is asked)
    questions: tuple[NameQuestion, ...] = ()  # by the hand-ins' names
    linked: int = 0  # hand-ins linked just now, each to the student of exactly its name
    held_by: Mapping[int, str] = field(default_factory=dict)  # member id -> name of the hand-in linked to it


class ClassListOps:
    def __init__(self, library: Library) -> None:
        self.lib = library
        self.service = ClassListService(library.db)

    # --- reading -----------------------------------------------------------------------------------
    def members(self, assignment_id: int) -> ClassList:
        """The assignment's class list in its order, each member with its id (an empty list when it has none)."""
        return self.service.members(assignment_id)

    def matching(self, assignment_id: int, answered: bool = False) -> NameCheck:
        """The hand-ins that are nobody's on the list yet, each a question with its candidates. Any with a name
        exactly on the list whose student is free is linked first (its own undoable step; not while the assignment
        is held, when it is asked about instead). ``answered``: also the hand-ins linked by the teacher's earlier
        answers (their name differs from the student's), so an answer can be changed."""
        class_list, subs = self._read(assignment_id)
        held = holders(class_list, subs)
        linked = 0
        # Read first, write only when there is an exact name to link: asking takes no write lock.
        if _exact_waiting(class_list, subs, held) and not self.lib.held(assignment_id):
            made = self.lib.run(lambda: self._link_exact(assignment_id))
            if made:
                linked = len(made)
                self._record(LinkHandIns(self.lib, assignment_id, dict.fromkeys(made), dict(made),
                                         _("Match hand-ins to the class list by name")))
                class_list, subs = self._read(assignment_id)
                held = holders(class_list, subs)
        if not len(class_list):
            return NameCheck(class_list, linked=linked)
        held_by = {member_id: sub.student_name for member_id, sub in held.items()}
        by_id = {m.id: m for m in class_list}
        questions = []
        for sub in subs:
            current = by_id.get(sub.member_id) if held.get(sub.member_id or -1) is sub else None
            if current is not None and (not answered or current.key == sub.student_key):
                continue
            questions.append(NameQuestion(sub.id or 0, sub.student_name,
                                          _candidates(sub, class_list, held), current))
        return NameCheck(class_list, _flag_contests(questions), linked, held_by)

    def _read(self, assignment_id: int) -> tuple[ClassList, list[Submission]]:
        with self.lib.db.reading() as s:
            return read_members(s, assignment_id), hand_in_links(s, assignment_id)

    def _link_exact(self, assignment_id: int) -> dict[int, int]:
        with self.lib.db.transaction() as s:
            return link_exact(s, assignment_id)

    # --- changing ----------------------------------------------------------------------------------
    def set_list(self, assignment_id: int, class_list: ClassList) -> int:
        """Makes ``class_list`` the assignment's list (an empty one removes it), and links every hand-in whose name
        is exactly on it, in one step. Returns how many hand-ins were linked so. A student on the old list and the
        new keeps the hand-in linked to them; links to students who went are cleared."""
        self.lib.check_free([assignment_id])
        if self.lib.assignments.get(assignment_id) is None:
            raise LookupError(_("That assignment is no longer in the library."))

        def write() -> tuple[ListState, ListState, int]:
            with self.lib.db.transaction() as s:
                before = replace_list(s, assignment_id, list(class_list))
                made = link_exact(s, assignment_id)
                return before, read_state(s, assignment_id), len(made)

        before, after, linked = self.lib.run(write)
        if before != after:
            label = (_("Remove the class list") if not after.members else
                     _("Replace the class list") if before.members else _("Set the class list"))
            self._record(SetClassList(self.lib, assignment_id, before, after, label))
        return linked

    def link(self, submission_id: int, member_id: int | None) -> None:
        """Says which student on the list handed this in (None: nobody on it); one undoable step."""
        sub = self.lib.classroom.submission(submission_id)
        if sub is None:
            raise LookupError(_("That hand-in is no longer in the library (it was removed, perhaps in another "
                                "window)."))
        self.link_many(sub.stored_assignment_id, {submission_id: member_id})

    def link_many(self, assignment_id: int, links: Mapping[int, int | None]) -> None:
        """The teacher's answers for several hand-ins of one assignment (hand-in id -> member id or None), as one
        step. Refused as a whole (ValueError) when a student would be left with two hand-ins."""
        self.lib.check_free([assignment_id])

        def write() -> dict[int, int | None]:
            with self.lib.db.transaction() as s:
                return link(s, assignment_id, links)

        before = self.lib.run(write)
        after = {sid: links[sid] for sid in before if before[sid] != links[sid]}
        if after:
            n = len(after)
            label = ngettext("Match {count} hand-in to the class list", "Match {count} hand-ins to the class list",
                             n).format(count=n)
            self._record(LinkHandIns(self.lib, assignment_id, {sid: before[sid] for sid in after}, after, label))

    def _record(self, step: ListStep) -> None:
        self.lib.record(step, step.changes())


def _exact_waiting(class_list: ClassList, subs: list[Submission], held: Mapping[int, Submission]) -> bool:
    """Whether a hand-in that is nobody's has the very name of a student no hand-in holds."""
    linked = {sub.id for sub in held.values()}
    free = {m.key for m in class_list if m.id not in held}
    return any(sub.id not in linked and sub.student_key in free for sub in subs)


def _candidates(sub: Submission, class_list: ClassList, held: Mapping[int, Submission]) -> tuple[Candidate, ...]:
    """The students the hand-in's name is close to, each marked with the hand-in holding them, if another does."""

    def taker(member: Member) -> str:
        holder = held.get(member.id or -1)
        return holder.student_name if holder is not None and holder.id != sub.id else ""

    result = match_name(sub.student_name, class_list)
    if isinstance(result, Exact):  # its student is held by another hand-in (or the assignment is held)
        return (Candidate(result.member, 1.0, _(SAME_NAME), taker(result.member)),)
    if isinstance(result, AskTeacher):
        return tuple(replace(c, taken_by=taker(c.member)) for c in result.candidates)
    return ()


def _flag_contests(questions: list[NameQuestion]) -> tuple[NameQuestion, ...]:
    """Two hand-ins asked about whose best free candidate is the same student: each names the other."""
    def best(q: NameQuestion) -> int | None:
        free = [c for c in q.candidates if not c.taken_by]
        return free[0].member.id if free and q.current is None else None

    counts = Counter(best(q) for q in questions)
    out = []
    for q in questions:
        target = best(q)
        if target is not None and counts[target] > 1:
            q = replace(q, contested_by=tuple(o.name for o in questions if o is not q and best(o) == target))
        out.append(q)
    return tuple(sorted(out, key=lambda q: (student_key(q.name), q.submission_id)))


class ListStep(Step):
    def __init__(self, lib: Library, assignment_id: int, label: str) -> None:
        self.lib, self.assignment_id, self.label = lib, assignment_id, label
        self.assignment_ids = frozenset({assignment_id})

    def changes(self) -> Changes:
        return Changes(class_work=self.assignment_ids)


class SetClassList(ListStep):
    """Undone: the list before, with its ids and every hand-in's link, put back exactly. Redone: the list after."""

    def __init__(self, lib: Library, assignment_id: int, before: ListState, after: ListState, label: str) -> None:
        super().__init__(lib, assignment_id, label)
        self.before, self.after = before, after

    def _put(self, state: ListState) -> Changes:
        with self.lib.db.transaction() as s:
            restore(s, self.assignment_id, state)
        return self.changes()

    def apply(self) -> Changes:
        return self._put(self.after)

    def revert(self) -> Changes:
        return self._put(self.before)


class LinkHandIns(ListStep):
    """Hand-ins linked to students on the list (or unlinked): undone, each link is as it was."""

    def __init__(self, lib: Library, assignment_id: int, before: Mapping[int, int | None],
                 after: Mapping[int, int | None], label: str) -> None:
        super().__init__(lib, assignment_id, label)
        self.before, self.after = dict(before), dict(after)

    def _put(self, links: Mapping[int, int | None]) -> Changes:
        with self.lib.db.transaction() as s:
            set_links(s, links)
        return self.changes()

    def apply(self) -> Changes:
        return self._put(self.after)

    def revert(self) -> Changes:
        return self._put(self.before)
