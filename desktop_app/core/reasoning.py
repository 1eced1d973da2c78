"""The reasoning in a student's notes, rated by the teacher, and the points it earns beside the finding.

The point of an annotation is the student's reasoning: who the source is and how they would know, what neutral
word would fit. The teacher rates each mark's note with one key, on the scale of Perusall's comment quality:
0 missing or wrong, 1 partly, 2 sound; or leaves it unrated. An assignment says how much reasoning weighs in its
points (0 to 100 %):

    points = total x ((1 - weight) x finding share + weight x reasoning share)

where the finding share is the key marks found (core.matching: found over required, bonuses making up for misses,
at most 1) and the reasoning share is the ratings given over the most they could be (2 per rated note). Notes not
rated yet are left out; with none rated the reasoning part is 0 and says so ("not rated yet"), so a grade is never
silently given for reasoning no one has read. With weight 0 the points are the finding points, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desktop_app.core.marks import Mark
from desktop_app.core.matching import Comparison, round_points
from desktop_app.i18n import N_, _

MISSING, PARTLY, SOUND = 0, 1, 2
RATINGS = (MISSING, PARTLY, SOUND)
# Marked only: shown through rating_word (or _(RATING_WORDS[r])), in the language of the moment.
# Translators: how a teacher rates the reasoning in a student's note: 0, 1 or 2.
RATING_WORDS = {MISSING: N_("missing or wrong"), PARTLY: N_("partly"), SOUND: N_("sound")}
MAX_RATING = SOUND


def rating_word(rating: int) -> str:
    """The rating's word as shown: "missing or wrong", "partly", "sound"."""
    return _(RATING_WORDS[rating])


def check_rating(rating: int | None) -> int | None:
    if rating is not None and rating not in RATINGS:
        raise ValueError(_("a note is rated 0, 1 or 2 (or not rated), not {rating}").format(rating=repr(rating)))
    return rating


def check_weight(weight: float) -> float:
    if not 0.0 <= weight <= 1.0:
        raise ValueError(_("reasoning weighs from 0 to 100 % of the points"))
    return weight


@dataclass(frozen=True)
class Points:
    """One hand-in's points, and how they are made up."""

    total: float
    points: float
    finding: float  # the part earned by finding key passages
    reasoning: float  # the part earned by the notes' reasoning (0 when the weight is 0 or none is rated)
    weight: float  # the share of the total that reasoning weighs, 0 to 1
    rated: int  # notes rated
    unrated: int  # notes (marks) not rated yet
    has_key: bool = True

    @property
    def reasoning_possible(self) -> float:
        return round_points(self.total * self.weight)

    @property
    def finding_possible(self) -> float:
        return round_points(self.total - self.reasoning_possible)

    @property
    def reasoning_pending(self) -> bool:
        """Reasoning counts, and some notes are not rated yet."""
        return self.weight > 0 and self.unrated > 0


def points_with_reasoning(comparison: Comparison, marks: Iterable[Mark], ratings: Mapping[int, int],
                          weight: float) -> Points:
    """The points of a hand-in whose marks are ``marks``, compared as ``comparison``, with ``ratings`` (mark id ->
    0, 1 or 2) and reasoning weighing ``weight`` (0 to 1)."""
    total = comparison.total
    marks = list(marks)
    given = [ratings[m.id] for m in marks if m.id is not None and m.id in ratings]
    unrated = len(marks) - len(given)
    if weight <= 0:
        return Points(total, comparison.points, comparison.points, 0.0, 0.0, len(given), unrated,
                      comparison.has_key)
    finding_share = comparison.points / total if total > 0 else 0.0
    reasoning_share = sum(given) / (MAX_RATING * len(given)) if given else 0.0
    finding = round_points(total * (1 - weight) * finding_share)
    reasoning = round_points(total * weight * reasoning_share)
    return Points(total, round_points(finding + reasoning), finding, reasoning, weight, len(given), unrated,
                  comparison.has_key)
