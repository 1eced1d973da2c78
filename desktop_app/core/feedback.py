"""A teacher's feedback on one hand-in, as it goes back to the student's own copy of the assignment.

The teacher's library knows the student's marks under its own ids (it renumbered them on import); the student's
library knows them under the ids they had when the student marked them. A hand-in carries those ids (see
docs/file-formats.md), so feedback names each mark by the student's own id, and also by its passage and category:
hand-ins made by an older Lede carry no ids, and a student may have handed in from another computer. On the
student's side ``place_feedback`` finds the marks again.

The key passages a student missed travel only when the teacher has released the key (core.assignments,
``Assignment.key_released``): until then the feedback holds no key passage, offset or note at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from desktop_app.core.marks import Mark
from desktop_app.core.matching import round_points
from desktop_app.core.reasoning import Points, rating_word
from desktop_app.i18n import _, ngettext
from desktop_app.i18n.formats import format_number


@dataclass(frozen=True, slots=True)
class FeedbackPoints:
    """The points as the teacher's Lede worked them out (core.reasoning.Points), split into finding and reasoning."""

    points: float
    total: float
    finding: float
    reasoning: float
    weight: float  # how much reasoning weighs, 0 to 1
    rated: int  # notes the teacher rated
    unrated: int  # notes not rated (yet)

    @classmethod
    def of(cls, p: Points) -> FeedbackPoints:
        return cls(p.points, p.total, p.finding, p.reasoning, p.weight, p.rated, p.unrated)

    @property
    def reasoning_possible(self) -> float:
        return round_points(self.total * self.weight)

    @property
    def finding_possible(self) -> float:
        return round_points(self.total - self.reasoning_possible)

    def describe(self) -> str:
        """ "7.5 / 10 points" or, when reasoning counts, "7.5 / 10 points (finding 4.5 of 6, reasoning 3 of 4)"."""
        numbers = {"points": format_number(self.points), "total": format_number(self.total),
                   "finding": format_number(self.finding), "finding_possible": format_number(self.finding_possible),
                   "reasoning": format_number(self.reasoning),
                   "reasoning_possible": format_number(self.reasoning_possible)}
        if self.weight <= 0:
            return _("{points} / {total} points").format(**numbers)
        if not self.unrated:
            return _("{points} / {total} points (finding {finding} of {finding_possible}, reasoning {reasoning} of "
                     "{reasoning_possible})").format(**numbers)
        return ngettext("{points} / {total} points (finding {finding} of {finding_possible}, reasoning {reasoning} of "
                        "{reasoning_possible}, {count} note not rated)",
                        "{points} / {total} points (finding {finding} of {finding_possible}, reasoning {reasoning} of "
                        "{reasoning_possible}, {count} notes not rated)",
                        self.unrated).format(count=self.unrated, **numbers)


@dataclass(frozen=True, slots=True)
class MarkFeedback:
    """The teacher's comment on one of the student's marks and the rating of its note, with what finds the mark."""

    library_id: int | None  # the mark's id in the student's library, when the hand-in carried it
    category: str
    start: int  # code points, as handed in
    end: int
    quote: str
    note: str  # the student's note as handed in
    comment: str  # the teacher's comment ("" for none)
    rating: int | None  # 0, 1 or 2 (core.reasoning), or not rated

    def rating_words(self) -> str:
        if self.rating is None:
            return ""
        # Translators: a note's rating: "2 of 2 · sound"; {words} is the rating's word.
        return _("{rating} of 2 · {words}").format(rating=self.rating, words=rating_word(self.rating))


@dataclass(frozen=True, slots=True)
class MissedPassage:
    """A key passage the student did not find: only ever in feedback whose key is released."""

    category: str
    start: int
    end: int
    quote: str
    bonus: bool  # worth finding, not expected of everyone
    note: str  # the key's note: the feedback for a student who missed it
    comment: str  # the teacher's own comment to this student on it


@dataclass(frozen=True, slots=True)
class Feedback:
    assignment_uid: str
    assignment_title: str
    article_sha256: str
    student_name: str
    hand_in_sha256: str  # the handed-in file's SHA-256: the one hand-in this feedback is on
    handed_in_at: datetime | None
    made_at: datetime
    grade: str
    comment: str  # the overall comment
    points: FeedbackPoints | None  # None: the assignment has no key, so there are no points
    marks: tuple[MarkFeedback, ...]  # only marks with a comment or a rating, in reading order
    key_released: bool
    missed: tuple[MissedPassage, ...] = ()  # always empty unless key_released

    def __post_init__(self) -> None:
        if self.missed and not self.key_released:
            raise ValueError("feedback holds missed key passages only when the key is released")

    def headline(self) -> str:
        """ "B+ · 7.5 / 10 points": what the student sees first (either part may be missing)."""
        parts = [self.grade] if self.grade else []
        if self.points is not None:
            parts.append(_("{points} / {total} points").format(points=format_number(self.points.points),
                                                               total=format_number(self.points.total)))
        return " · ".join(parts)


@dataclass(frozen=True)
class PlacedFeedback:
    """Feedback laid on the marks a student's copy holds now."""

    on_marks: dict[int, MarkFeedback]  # the student's mark id -> the teacher's feedback on it
    moved: frozenset[int]  # marks found by their id whose passage or category changed since the hand-in
    unplaced: tuple[MarkFeedback, ...]  # feedback on marks the copy no longer has


def _span(item: MarkFeedback | Mark) -> tuple[str, int, int]:
    return item.category, item.start, item.end


def place_feedback(feedback: Sequence[MarkFeedback], own: Iterable[Mark], trust_ids: bool) -> PlacedFeedback:
    """Finds the marks ``feedback`` is on among ``own`` (the copy's marks now).

    With ``trust_ids`` (the copy's hand-in is the very file the teacher reviewed, so its ids are this library's),
    a mark is found by its id first, even if the student moved it since. Then, and always without trusted ids, by
    the same category on the same passage; of several such marks, the one with the note as handed in. Each mark
    takes at most one piece of feedback."""
    marks = sorted(own, key=lambda m: (m.start, -m.end, m.id or 0))
    by_id = {m.id: m for m in marks if m.id is not None}
    by_span: dict[tuple[str, int, int], list[Mark]] = {}
    for m in marks:
        by_span.setdefault(_span(m), []).append(m)
    on_marks: dict[int, MarkFeedback] = {}
    moved: set[int] = set()
    waiting: list[MarkFeedback] = []
    for item in feedback:
        found = by_id.get(item.library_id) if trust_ids and item.library_id is not None else None
        if found is None or found.id in on_marks:
            waiting.append(item)
            continue
        on_marks[found.stored_id] = item
        if _span(found) != _span(item):
            moved.add(found.stored_id)
    unplaced: list[MarkFeedback] = []
    for item in waiting:
        free = [m for m in by_span.get(_span(item), ()) if m.id not in on_marks]
        if not free:
            unplaced.append(item)
            continue
        chosen = next((m for m in free if m.note == item.note), free[0])
        on_marks[chosen.stored_id] = item
    return PlacedFeedback(on_marks, frozenset(moved), tuple(unplaced))
