"""Assignments and submissions: an article handed out with instructions, and the marks a student hands back.

A teacher's library holds the assignment (role "teacher") with its answer key as the article's key layer; a
student's library holds the same assignment as received from a pack (role "student"), whose own-layer marks
are the student's work. The uid is the assignment's identity across machines: packs and submissions carry it.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from desktop_app.core.categories import CUES, Category, CategorySet, CategoryFileError
from desktop_app.core.marks import Mark
from desktop_app.i18n import _, ngettext, pgettext
from desktop_app.i18n.formats import format_number

TEACHER = "teacher"
STUDENT = "student"

# A teacher's review comment is on a student's mark or on a key mark the student missed.
ON_STUDENT_MARK = "student"
ON_KEY_MARK = "key"
MarkRef = tuple[str, int]  # (ON_STUDENT_MARK or ON_KEY_MARK, the mark's id)

MAX_TITLE = 300
MAX_INSTRUCTIONS = 5_000
MAX_NAME = 80
MAX_CUSTOM_CATEGORIES = 4  # shortcuts 6 to 9: one key each, next to the five standard ones
RELEASE_NEVER, RELEASE_NOW, RELEASE_AFTER_DUE = "never", "now", "after_due"
RELEASES = (RELEASE_NEVER, RELEASE_NOW, RELEASE_AFTER_DUE)


class AssignmentError(ValueError):
    """An assignment cannot be made as asked; the message says what to change."""


def new_uid() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class Assignment:
    uid: str
    title: str
    article_id: int | None = None
    instructions: str = ""
    due_at: datetime | None = None  # aware; None: no due date
    categories: tuple[Category, ...] = ()  # the categories in play, in the order shown
    minimums: Mapping[str, int] = field(default_factory=dict)  # category key -> marks to find at least
    total_points: float = 10.0
    # A secret shared by the pack and the teacher's copy: submissions carry an HMAC of their content made
    # with it, so a file edited by hand no longer matches. It detects editing; it is not a signature.
    seal: str = ""
    id: int | None = None  # the row in this library
    role: str = TEACHER
    student_name: str = ""  # role "student": the name typed once, written into every hand-in
    handed_in_at: datetime | None = None  # role "student": the latest hand-in
    created_at: datetime | None = field(default=None, compare=False)
    # How much the notes' reasoning weighs in the points, 0 to 1 (core.reasoning); 0: finding alone counts.
    reasoning_weight: float = 0.0
    require_notes: bool = False  # every mark needs a note; handing in warns about marks without one
    # When a student's feedback may show the key passages they missed, with the key's notes: never (the
    # default), now, or after the due date. The key is the class's until the teacher releases it.
    release_key: str = "never"

    @property
    def stored_id(self) -> int:
        """The id in the library; asking for it before the assignment is stored is a mistake in Lede, not the user's."""
        if self.id is None:
            raise ValueError("this assignment is not stored in the library yet")
        return self.id

    @property
    def stored_article_id(self) -> int:
        """The article it is on, in the library (None only for a pack's assignment not yet received)."""
        if self.article_id is None:
            raise ValueError("this assignment is not on an article of the library")
        return self.article_id

    @property
    def category_set(self) -> CategorySet:
        return CategorySet(list(self.categories))

    def minimum(self, category: str) -> int:
        return int(self.minimums.get(category, 0))

    def key_released(self, now: datetime) -> bool:
        """Whether feedback may show the missed key passages at ``now`` (aware)."""
        if self.release_key == RELEASE_NOW:
            return True
        return self.release_key == RELEASE_AFTER_DUE and self.due_at is not None and now >= self.due_at

    def is_late(self, handed_in_at: datetime | None) -> bool:
        return self.due_at is not None and handed_in_at is not None and handed_in_at > self.due_at

    def with_changes(self, **changes) -> Assignment:
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a student is towards a category's minimum count."""

    category: Category
    have: int
    need: int  # 0: no minimum

    @property
    def done(self) -> bool:
        return self.have >= self.need


def progress(assignment: Assignment, marks: Sequence[Mark]) -> list[Progress]:
    counts: dict[str, int] = {}
    for m in marks:
        counts[m.category] = counts.get(m.category, 0) + 1
    return [Progress(c, counts.get(c.key, 0), assignment.minimum(c.key)) for c in assignment.categories]


def hand_in_gaps(assignment: Assignment, marks: Sequence[Mark]) -> list[str]:
    """What a student is told before handing in, one sentence each: the minimums not reached, and the marks
    without a note when the assignment asks for a note on every mark. Empty when nothing is missing."""
    gaps = []
    short = [p for p in progress(assignment, marks) if not p.done]
    if short:
        # Translators: one item of "You have not reached the minimum for: {categories}.": "Source (1 of 3)".
        counts = [_("{category} ({have} of {need})").format(category=p.category.name, have=p.have, need=p.need)
                  for p in short]
        gaps.append(_("You have not reached the minimum for: {categories}.").format(
            categories=pgettext("list", ", ").join(counts)))
    if assignment.require_notes:
        bare = sum(1 for m in marks if not m.note.strip())
        if bare:
            gaps.append(ngettext("{count} of your marks has no note; your teacher asks for a note on every mark (who "
                                 "is the source? what neutral word would fit?).",
                                 "{count} of your marks have no note; your teacher asks for a note on every mark (who "
                                 "is the source? what neutral word would fit?).", bare).format(count=bare))
    return gaps


@dataclass(frozen=True, slots=True)
class Submission:
    """One student's handed-in work on one assignment, as the teacher's library keeps it."""

    student_name: str
    marks: tuple[Mark, ...]  # layer SUBMISSION_LAYER; ids are this library's once stored
    handed_in_at: datetime | None = None  # the student's clock, as written in the file
    id: int | None = None
    assignment_id: int | None = None
    source_file: str = ""  # the file it was imported from, for messages
    file_sha256: str = ""
    imported_at: datetime | None = None
    grade: str = ""  # as the teacher writes it: "B+", "7/10", "Proficient"
    comment: str = ""  # the teacher's overall comment
    mark_comments: Mapping[MarkRef, str] = field(default_factory=dict)
    reviewed_at: datetime | None = None
    member_id: int | None = None  # the class-list entry this hand-in was matched to, if any
    note_ratings: Mapping[int, int] = field(default_factory=dict)  # mark id -> 0, 1 or 2 (core.reasoning)
    # mark id -> the id the mark has in the student's own library, where the hand-in said (core.feedback)
    library_ids: Mapping[int, int] = field(default_factory=dict)

    @property
    def stored_id(self) -> int:
        """The id in the library; asking for it before the hand-in is stored is a mistake in Lede, not the user's."""
        if self.id is None:
            raise ValueError("this hand-in is not stored in the library yet")
        return self.id

    @property
    def stored_assignment_id(self) -> int:
        if self.assignment_id is None:
            raise ValueError("this hand-in is not stored with an assignment yet")
        return self.assignment_id

    @property
    def student_key(self) -> str:
        return student_key(self.student_name)

    @property
    def reviewed(self) -> bool:
        return self.reviewed_at is not None


SUBMISSION_LAYER = "submission"


def clean_name(name: str) -> str:
    """A student's name as typed, with runs of spaces and control characters removed."""
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    return " ".join(name.split())[:MAX_NAME]


def student_key(name: str) -> str:
    """Two hand-ins are from the same student when their names agree up to case, accents and spacing.

    At most MAX_NAME characters, like the name: folding can lengthen one ("ß" is "ss"), and the key is kept
    wherever the name is (a database that enforces column widths, as PostgreSQL does, refused a longer one)."""
    folded = unicodedata.normalize("NFKD", clean_name(name).casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))[:MAX_NAME]


def validate(assignment: Assignment) -> None:
    """Raises AssignmentError naming the first thing a teacher must fix."""
    if not assignment.title.strip():
        raise AssignmentError(_("Give the assignment a title: students see it on their screen and their file."))
    if len(assignment.title) > MAX_TITLE:
        raise AssignmentError(_("The title is longer than {limit} characters; shorten it.").format(
            limit=format_number(MAX_TITLE)))
    if len(assignment.instructions) > MAX_INSTRUCTIONS:
        raise AssignmentError(_("The instructions are longer than {limit} characters; shorten them.").format(
            limit=format_number(MAX_INSTRUCTIONS)))
    if not assignment.categories:
        raise AssignmentError(_("Choose at least one category for the students to look for."))
    try:
        assignment.category_set  # noqa: B018 - building the set is the check
    except CategoryFileError as exc:
        # Translators: {problem} is what clashes: "two categories share a shortcut".
        raise AssignmentError(_("The categories clash: {problem}.").format(problem=exc)) from exc
    keys = {c.key for c in assignment.categories}
    for key, n in assignment.minimums.items():
        if key not in keys:
            raise AssignmentError(_("A minimum count is set for {category}, which is not in play.").format(
                category=repr(key)))
        if not isinstance(n, int) or not 0 <= n <= 99:
            raise AssignmentError(_("Minimum counts must be whole numbers from 0 to 99."))
    if not 0 < assignment.total_points <= 1000:
        raise AssignmentError(_("The total points must be more than 0 and at most 1000."))
    if not 0.0 <= assignment.reasoning_weight <= 1.0:
        raise AssignmentError(_("Reasoning weighs from 0 to 100 % of the points."))
    if assignment.release_key not in RELEASES:
        # Translators: {choices} and {value} are the file's own words for it ("never, now, after_due").
        raise AssignmentError(_("The key is released {choices}, not {value}.").format(
            choices=", ".join(RELEASES), value=repr(assignment.release_key)))
    if assignment.release_key == RELEASE_AFTER_DUE and assignment.due_at is None:
        raise AssignmentError(_("The key can be released after the due date only when there is a due date: set "
                                "one, or choose when to release it."))


def custom_category(name: str, colour: str, cue: str, question: str, taken: Sequence[Category]) -> Category:
    """A teacher's own category (e.g. "Statistic"), with a key, letter and shortcut that do not clash."""
    name = " ".join(name.split())
    if not name or len(name) > 40:
        raise AssignmentError(_("Give the new category a name of 1 to 40 characters."))
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", colour):
        raise AssignmentError(_("Choose a colour for the new category."))
    if cue not in CUES:
        raise AssignmentError(_("The new category's line must be one of: {styles}.").format(styles=", ".join(CUES)))
    if any(c.name.casefold() == name.casefold() for c in taken):
        raise AssignmentError(_("There is already a category called {name}.").format(name=name))
    used_shortcuts = {c.shortcut for c in taken}
    free = [s for s in "6789" if s not in used_shortcuts]
    if not free or sum(1 for c in taken if c.shortcut in "6789") >= MAX_CUSTOM_CATEGORIES:
        raise AssignmentError(_("An assignment can have at most {count} categories of your own.").format(
            count=MAX_CUSTOM_CATEGORIES))
    base = re.sub(r"[^a-z0-9]+", "_", unicodedata.normalize("NFKD", name.casefold()).encode("ascii", "ignore")
                  .decode()).strip("_")[:30] or "category"
    key = f"own_{base}"
    keys = {c.key for c in taken}
    n = 2
    while key in keys:
        key, n = f"own_{base}_{n}", n + 1
    letters = {c.letter for c in taken}
    first = next((ch for ch in name.upper() if ch.isalpha()), "X")
    letter = first if first not in letters else next(
        (first + d for d in "23456789" if first + d not in letters), first + "9")
    return Category(key=key, name=name, shortcut=free[0], letter=letter, colour=colour.upper(), cue=cue,
                    question=" ".join(question.split()) or _("Why is this a {name}?").format(name=name.lower()))
