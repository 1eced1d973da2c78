"""A student hands in again: which of the teacher's review of the earlier hand-in still fits the new one.

The grade and the overall comment stay (the teacher decides whether they still hold; the hand-in is marked
not reviewed, since the work changed). A comment on a key mark stays while that key mark is in the key. A
comment on one of the student's marks follows the mark when the new hand-in has it: the same category on the
same passage, or failing that the same category on a passage that shares at least half its words with the
old one. A comment whose mark is gone cannot be kept, and the teacher is told how many.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from desktop_app.core.assignments import ON_KEY_MARK, ON_STUDENT_MARK, MarkRef, Submission
from desktop_app.core.marks import Mark
from desktop_app.core.matching import Tokens
from desktop_app.i18n import _, ngettext, pgettext


@dataclass(frozen=True)
class CarriedReview:
    grade: str
    comment: str
    mark_comments: dict[MarkRef, str] = field(default_factory=dict)
    member_id: int | None = None
    lost_comments: int = 0  # comments on marks the new hand-in no longer has
    note_ratings: dict[int, int] = field(default_factory=dict)  # new mark id -> rating, where the note is unchanged

    @property
    def kept_anything(self) -> bool:
        return bool(self.grade or self.comment or self.mark_comments)

    def describe(self, student: str) -> str:
        """One sentence for the teacher, or "" when the earlier hand-in had no review."""
        kept = []
        if self.grade:
            # Translators: one of the things kept of a review, in "Kept {student}'s {things}".
            kept.append(pgettext("kept of a review", "grade"))
        if self.comment:
            # Translators: one of the things kept of a review, in "Kept {student}'s {things}".
            kept.append(pgettext("kept of a review", "overall comment"))
        if self.mark_comments:
            n = len(self.mark_comments)
            kept.append(ngettext("{count} comment on marks", "{count} comments on marks", n).format(count=n))
        lost = self.lost_comments
        if not kept and not lost:
            return ""
        if not kept:
            return ngettext("Nothing of {student}'s review could be kept; {count} comment was on marks the new "
                            "hand-in no longer has (the earlier hand-in, with them, is in File ▸ Recently removed). "
                            "Marked as not reviewed, since the work changed.",
                            "Nothing of {student}'s review could be kept; {count} comments were on marks the new "
                            "hand-in no longer has (the earlier hand-in, with them, is in File ▸ Recently removed). "
                            "Marked as not reviewed, since the work changed.", lost).format(student=student, count=lost)
        # Translators: a list's last item joined on: "grade, overall comment and 2 comments on marks".
        things = kept[0] if len(kept) == 1 else _("{things} and {last}").format(
            # Translators: between the items of a list ("grade, overall comment and ..."; "Source (1 of 3), ...").
            things=pgettext("list", ", ").join(kept[:-1]), last=kept[-1])
        if not lost:
            # Translators: {things} is a list such as "grade, overall comment and 2 comments on marks".
            return _("Kept {student}'s {things}. Marked as not reviewed, since the work changed.").format(
                student=student, things=things)
        return ngettext("Kept {student}'s {things}; {count} comment was on marks the new hand-in no longer has (the "
                        "earlier hand-in, with them, is in File ▸ Recently removed). Marked as not reviewed, since "
                        "the work changed.",
                        "Kept {student}'s {things}; {count} comments were on marks the new hand-in no longer has (the "
                        "earlier hand-in, with them, is in File ▸ Recently removed). Marked as not reviewed, since "
                        "the work changed.", lost).format(student=student, things=things, count=lost)


def _words(tokens: Tokens, mark: Mark) -> set[int]:
    return set(tokens.indices(mark.start, mark.end))


def carry_review(old: Submission, new_marks: Sequence[Mark], key_ids: Collection[int], tokens: Tokens
                 ) -> CarriedReview:
    """The review of ``old`` as it applies to a new hand-in whose stored marks are ``new_marks``."""
    carried: dict[MarkRef, str] = {}
    lost = 0
    by_span = {(m.category, m.start, m.end): m for m in new_marks}
    old_marks = {m.id: m for m in old.marks}
    taken: set[int] = set()
    for (kind, mark_id), text in sorted(old.mark_comments.items()):
        if not text:
            continue
        if kind == ON_KEY_MARK:
            if mark_id in key_ids:
                carried[(kind, mark_id)] = text
            else:
                lost += 1
            continue
        before = old_marks.get(mark_id)
        target = None
        if before is not None:
            target = by_span.get((before.category, before.start, before.end))
            if target is None or target.id in taken:
                words = _words(tokens, before)
                best = 0.0
                for m in new_marks:
                    if m.category != before.category or m.id in taken or not words:
                        continue
                    shared = len(words & _words(tokens, m)) / len(words)
                    if shared >= 0.5 and shared > best:
                        target, best = m, shared
        if target is None:
            lost += 1
            continue
        taken.add(target.stored_id)
        carried[(ON_STUDENT_MARK, target.stored_id)] = text
    # A rating is of a note: it follows a mark only to the same passage with the same note, word for word.
    ratings = {new.stored_id: old.note_ratings[before.stored_id] for before in old.marks
               if before.id in old.note_ratings
               for new in new_marks
               if (new.category, new.start, new.end, new.note) == (before.category, before.start, before.end,
                                                                    before.note)}
    return CarriedReview(old.grade, old.comment, carried, old.member_id, lost, ratings)
