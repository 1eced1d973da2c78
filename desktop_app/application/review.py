"""The teacher's review of one hand-in: grade, overall comment, comments on marks, and "reviewed".

Typing into one field of one hand-in is saved in pieces and merges into one undo step. Every edit is refused
while the assignment is being printed (Library.hold), so the printed sheets and the library agree.
"""

from __future__ import annotations

from datetime import datetime, UTC
from typing import TYPE_CHECKING

from desktop_app.application.changes import Changes
from desktop_app.application.errors import ChangedElsewhere
from desktop_app.application.history import Step
from desktop_app.core.assignments import MarkRef, Submission
from desktop_app.core.reasoning import check_rating, rating_word
from desktop_app.i18n import _
from desktop_app.storage.submissions import SubmissionService

if TYPE_CHECKING:
    from desktop_app.application.library import Library

GRADE, COMMENT, MARK_COMMENT, REVIEWED, RATING = "grade", "comment", "mark_comment", "reviewed", "rating"


def _value_of(sub: Submission, what: str, ref):
    """The field's value now; ``ref`` is a MarkRef for a mark comment, a student mark's id for a rating."""
    if what == GRADE:
        return sub.grade
    if what == COMMENT:
        return sub.comment
    if what == MARK_COMMENT:
        return sub.mark_comments.get(ref, "") if ref is not None else ""
    if what == RATING:
        return sub.note_ratings.get(ref) if ref is not None else None
    return sub.reviewed


class ReviewOps:
    def __init__(self, library: Library) -> None:
        self.lib = library
        self.service = SubmissionService(library.db)

    def set_grade(self, submission_id: int, grade: str) -> Submission | None:
        return self._edit(submission_id, GRADE, None, " ".join(grade.split()), _("Change grade"))

    def set_comment(self, submission_id: int, text: str) -> Submission | None:
        return self._edit(submission_id, COMMENT, None, text.strip(), _("Edit overall comment"))

    def set_mark_comment(self, submission_id: int, ref: MarkRef, text: str) -> Submission | None:
        return self._edit(submission_id, MARK_COMMENT, tuple(ref), text.strip(), _("Comment on a mark"))

    def set_note_rating(self, submission_id: int, mark_id: int, rating: int | None) -> Submission | None:
        """Rates one of the student's notes: 0 missing or wrong, 1 partly, 2 sound (core.reasoning), or None."""
        label = (_("Leave a note unrated") if rating is None else
                 # Translators: an undo step: "Rate a note 2 (sound)"; {words} is the rating's word.
                 _("Rate a note {rating} ({words})").format(rating=rating, words=rating_word(rating)))
        return self._edit(submission_id, RATING, mark_id, check_rating(rating), label)

    def set_reviewed(self, submission_id: int, reviewed: bool) -> Submission | None:
        return self._edit(submission_id, REVIEWED, None, reviewed,
                          # Translators: an undo step: a hand-in marked as reviewed by the teacher (or not).
                          _("Mark as reviewed") if reviewed else _("Mark as not reviewed"))

    def _edit(self, submission_id: int, what: str, ref, value, label: str) -> Submission | None:
        sub = self.service.get(submission_id)
        if sub is None:
            raise LookupError(_("That hand-in is no longer in the library (it was removed, perhaps in another "
                                "window)."))
        self.lib.check_free([sub.assignment_id])
        before = _value_of(sub, what, ref)
        if before == value:
            return None
        stored = self.lib.run(lambda: self._write(submission_id, what, ref, value))
        step = ReviewEdit(self, sub, what, ref, before, value, label)
        self.lib.record(step, Changes(submissions=frozenset({submission_id})))
        return stored

    def _write(self, submission_id: int, what: str, ref, value) -> Submission:
        if what == GRADE:
            return self.service.set_grade(submission_id, value)
        if what == COMMENT:
            return self.service.set_comment(submission_id, value)
        if what == MARK_COMMENT:
            return self.service.set_mark_comment(submission_id, ref, value)
        if what == RATING:
            return self.service.set_note_rating(submission_id, ref, value)
        return self.service.set_reviewed(submission_id, datetime.now(UTC) if value else None)


class ReviewEdit(Step):
    def __init__(self, ops: ReviewOps, sub: Submission, what: str, ref, before, after, label: str) -> None:
        self.ops, self.submission_id, self.what, self.ref = ops, sub.stored_id, what, ref
        self.before, self.after, self.label = before, after, label
        self.assignment_ids = frozenset({sub.stored_assignment_id})
        # Typing into one field merges; ticking "reviewed" twice, or rating twice, is two steps.
        self.merge_key = (what, sub.stored_id, ref) if what not in (REVIEWED, RATING) else None

    def absorb(self, later: Step) -> None:
        assert isinstance(later, ReviewEdit)
        self.after = later.after

    def _set(self, expected, value) -> Changes:
        """Writes ``value`` over ``expected`` only: another window may have changed the field since."""
        current = self.ops.service.get(self.submission_id)
        if current is None:
            raise LookupError(_("the hand-in is no longer in the library"))
        if _value_of(current, self.what, self.ref) != expected:
            raise ChangedElsewhere(_("it was changed in another window since"))
        self.ops._write(self.submission_id, self.what, self.ref, value)
        return Changes(submissions=frozenset({self.submission_id}))

    def apply(self) -> Changes:
        return self._set(self.before, self.after)

    def revert(self) -> Changes:
        return self._set(self.after, self.before)
