"""What of the teacher's review of one hand-in goes back to the student, as core.feedback.Feedback: the comments on
the student's marks, the ratings of their notes, the grade, the overall comment and the points as the roster shows
them; and the key passages they missed only when the assignment's key is released at that moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop_app.classroom.review import AssignmentWork
from desktop_app.core.assignments import ON_KEY_MARK, ON_STUDENT_MARK, Submission
from desktop_app.core.feedback import Feedback, FeedbackPoints, MarkFeedback, MissedPassage
from desktop_app.exchange.pack import text_sha256


@dataclass(frozen=True)
class Returned:
    feedback: Feedback
    held_back: int  # comments on missed key passages left out because the key is not released


def feedback_on(work: AssignmentWork, sub: Submission, now: datetime) -> Returned:
    """The feedback on ``sub`` as it stands at ``now`` (aware): the release of the key is decided at that moment."""
    comparison = work.comparisons[sub.stored_id]
    marks = tuple(
        MarkFeedback(library_id=sub.library_ids.get(m.stored_id), category=m.category, start=m.start, end=m.end,
                     quote=m.quote, note=m.note, comment=sub.mark_comments.get((ON_STUDENT_MARK, m.stored_id), ""),
                     rating=sub.note_ratings.get(m.stored_id))
        for m in sub.marks
        if sub.mark_comments.get((ON_STUDENT_MARK, m.stored_id)) or m.stored_id in sub.note_ratings)
    released = work.assignment.key_released(now)
    key_comments = {mark_id: text for (kind, mark_id), text in sub.mark_comments.items()
                    if kind == ON_KEY_MARK and text}
    missed: tuple[MissedPassage, ...] = ()
    held_back = 0
    if released:
        missed = tuple(MissedPassage(category=k.category, start=k.start, end=k.end, quote=k.quote, bonus=k.bonus,
                                     note=k.note, comment=key_comments.get(k.stored_id, ""))
                       for k in comparison.missed)
    else:
        # The comments the review lets a teacher write on key marks are on the missed ones: each names a key
        # passage, so none goes out before the key does.
        held_back = sum(1 for k in comparison.missed if k.stored_id in key_comments)
    points = FeedbackPoints.of(work.points(sub)) if comparison.has_key else None
    feedback = Feedback(
        assignment_uid=work.assignment.uid, assignment_title=work.assignment.title,
        article_sha256=text_sha256(work.article.text), student_name=sub.student_name,
        hand_in_sha256=sub.file_sha256, handed_in_at=sub.handed_in_at, made_at=now, grade=sub.grade,
        comment=sub.comment, points=points, marks=marks, key_released=released, missed=missed)
    return Returned(feedback, held_back)
