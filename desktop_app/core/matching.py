"""Matching a student's marks against the teacher's answer key, and the points that follow.

Words, not characters
---------------------
Students select sloppily: one takes the comma, another stops before the full stop, a third starts the
passage one word early. So marks are compared by the *words* they cover. A word is a run of letters, digits
or underscores (``\\w+`` in Python's ``re``, Unicode-aware), together with any combining marks inside or after
it, so Hindi vowel signs and Hebrew or Arabic vowel points stay part of their word. Spaces, punctuation and
emoji never count. "so-called" is two words ("so", "called"), and so is "don't". A mark covers every word it
touches, even partly.

The match rule
--------------
A student mark S and a key mark K match when they have the same category and share words, with

    shared / min(|S|, |K|) >= 0.5   (MIN_SHARE_OF_SHORTER: the shorter one is at least half inside the other)
    shared / max(|S|, |K|) >= 0.2   (MIN_SHARE_OF_LONGER: and makes up at least a fifth of the longer one)

where |X| is the number of words of X. The second condition means marking a whole paragraph does not "find"
every short answer inside it.

Example, on "The minister said the plan was a total disaster for farmers." with the key mark
"a total disaster" (Loaded language, 3 words):

- "total disaster for farmers" (4 words) shares 2: 2/3 = 0.67 and 2/4 = 0.5, so it matches.
- "the plan was a total disaster for farmers" (8 words) shares 3: 3/3 = 1 and 3/8 = 0.375, so it matches.
- "disaster for farmers" (3 words) shares 1: 1/3 = 0.33 is under a half, so it does not match.
- A mark over the whole 20-word paragraph around it shares 3: 3/3 = 1 but 3/20 = 0.15 is under a fifth,
  so it does not match.

How close a match is (``Match.overlap``, shown to teachers as a percentage) is shared / |S ∪ K|, the share of
all words in either mark that are in both: 2/5 = 40% and 3/8 = 38% for the two matches above.

One to one
----------
A key mark is found by at most one student mark, and a student mark finds at most one key mark. All pairs
passing the rule are ranked by overlap (ties: the key mark earlier in the text first, then the student mark
earlier in the text) and taken greedily, closest first. Greedy is fine here because candidate pairs are
sparse (the rule needs real overlap, so a student mark has one or two candidates at most), and the closest
pair is the one a teacher would pair by eye; an assignment that maximised the number of pairs instead could
pair a mark with a worse-fitting answer just to raise the count, which a teacher could not follow. A second
student mark on an already-found key mark is an extra mark.

Points
------
points = total x min(1, (required found + bonus found) / required key marks), rounded to 0.1 (halves up).
Bonus key marks are answers worth finding but not expected of everyone: each one found makes up for a missed
required one, but the points never exceed the total. With only bonus key marks, finding any of them earns
the total; with no key at all there are no points (0.0) to give. Extra marks never subtract: the teacher
reviews them, and many are good finds the key did not list.

Key marks and student marks of categories not in play (not in ``categories``) are treated as follows: such a
student mark is an extra mark; such a key mark is left out altogether (not missed, not counted).
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop_app.core.marks import Mark

MIN_SHARE_OF_SHORTER = 0.5
MIN_SHARE_OF_LONGER = 0.2

MATCHED = "matched"
EXTRA = "extra"

_WORD = re.compile(r"\w+")
# Inside a word but not \w: zero-width (non-)joiners, as in Persian "می‌خواهم".
_JOINERS = frozenset("\u200c\u200d")


class Tokens:
    """The words of one article text, with their code-point offsets. Build once per text."""

    __slots__ = ("_ends", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        starts: list[int] = []
        ends: list[int] = []
        extended: list[int] = []
        n = len(text)
        category = unicodedata.category
        for m in _WORD.finditer(text):
            start, end = m.span()
            if ends and ends[-1] == start:  # the word before ran through combining marks up to this one
                ends[-1] = end
            else:
                starts.append(start)
                ends.append(end)
            # Combining marks are not \w, but leaving them out splits a word ("हिन्दी" would be three).
            # None comes before U+0300, so the usual space or full stop is passed over at once.
            if end < n and text[end] >= "\u0300":
                while end < n and (text[end] in _JOINERS or category(text[end])[0] == "M"):
                    end += 1
                if end != ends[-1]:
                    ends[-1] = end
                    extended.append(len(ends) - 1)
        for i in extended:  # a joiner before an emoji or a space belongs to no word
            while text[ends[i] - 1] in _JOINERS:
                ends[i] -= 1
        self._starts = starts
        self._ends = ends

    def __len__(self) -> int:
        return len(self._starts)

    def span(self, i: int) -> tuple[int, int]:
        """Code-point offsets (start, end) of word ``i``."""
        return self._starts[i], self._ends[i]

    def word(self, i: int) -> str:
        return self.text[self._starts[i]:self._ends[i]]

    def indices(self, start: int, end: int) -> range:
        """The words overlapping [start, end); empty for a span holding no word (only punctuation or space)."""
        first = bisect_right(self._ends, start)
        stop = bisect_left(self._starts, end)
        return range(first, max(first, stop))


@dataclass(frozen=True, slots=True)
class Match:
    student: Mark
    key: Mark
    overlap: float  # shared words / words in either mark, 0..1


@dataclass(frozen=True, slots=True)
class CategoryScore:
    category: str
    required: int  # required key marks
    found: int  # required key marks matched
    bonus: int  # bonus key marks
    bonus_found: int
    marked: int  # student marks of this category
    extra: int  # student marks of this category matching nothing
    precision: float | None  # matched student marks / marked
    recall: float | None  # found / required
    f1: float | None


@dataclass(frozen=True)
class Comparison:
    matches: tuple[Match, ...]  # in the student's reading order
    missed: tuple[Mark, ...]  # key marks not matched, required and bonus, reading order
    extra: tuple[Mark, ...]  # student marks matching nothing, reading order
    wrong_category: Mapping[int, Mark]  # extra student mark id -> a key mark of another category it fits
    per_category: Mapping[str, CategoryScore]  # every category in play, in order
    points: float
    total: float

    def __post_init__(self) -> None:
        # Not fields: lookups the review screen asks for per row. Frozen, so set around __setattr__.
        object.__setattr__(self, "_by_student", {m.student.id: m for m in self.matches})
        object.__setattr__(self, "_by_key", {m.key.id: m for m in self.matches})
        object.__setattr__(self, "_extra_ids", {m.id for m in self.extra})

    def status_of(self, student_mark_id: int) -> str:
        """"matched" or "extra"; KeyError for an id that is not one of this submission's marks."""
        if student_mark_id in self._by_student:
            return MATCHED
        if student_mark_id in self._extra_ids:
            return EXTRA
        raise KeyError(f"mark {student_mark_id} is not one of this submission's marks")

    def match_for_key(self, key_mark_id: int) -> Match | None:
        return self._by_key.get(key_mark_id)

    def match_for_student(self, student_mark_id: int) -> Match | None:
        return self._by_student.get(student_mark_id)

    @property
    def required_found(self) -> int:
        return sum(s.found for s in self.per_category.values())

    @property
    def required_total(self) -> int:
        return sum(s.required for s in self.per_category.values())

    @property
    def bonus_found(self) -> int:
        return sum(s.bonus_found for s in self.per_category.values())

    @property
    def bonus_total(self) -> int:
        return sum(s.bonus for s in self.per_category.values())

    @property
    def has_key(self) -> bool:
        return self.required_total + self.bonus_total > 0


def reading_order(mark: Mark) -> tuple[int, int, int]:
    """Sort key of the text's order, as MarkSet.in_reading_order (marks without an id last among equals)."""
    return mark.start, -mark.end, mark.id if mark.id is not None else 1 << 62


def passes_rule(shared: int, a: int, b: int) -> bool:
    """The word rule on word counts (see the module docstring). Exact at the edges: int / int is rounded
    correctly, so 1/5 gives the same float as the literal 0.2."""
    shorter, longer = (a, b) if a <= b else (b, a)
    return (shared > 0 and shared / shorter >= MIN_SHARE_OF_SHORTER
            and shared / longer >= MIN_SHARE_OF_LONGER)


def word_overlap(s: range, k: range) -> tuple[int, float]:
    """(shared words, shared / words in either) of two marks' word ranges."""
    shared = max(0, min(s.stop, k.stop) - max(s.start, k.start))
    union = len(s) + len(k) - shared
    return shared, (shared / union if union else 0.0)


class _KeyIndex:
    """Key marks by first word, to find the ones overlapping a word range with a bisect, not a scan."""

    __slots__ = ("_by_first", "_firsts", "_longest", "marks", "order", "ranges")

    def __init__(self, tokens: Tokens, key: Sequence[Mark]) -> None:
        self.marks = sorted(key, key=reading_order)
        self.ranges = [tokens.indices(k.start, k.end) for k in self.marks]
        self.order = list(range(len(self.marks)))  # position in reading order
        by_first = sorted((r.start, i) for i, r in enumerate(self.ranges) if len(r))
        self._firsts = [f for f, _ in by_first]
        self._by_first = [i for _, i in by_first]
        self._longest = max((len(r) for r in self.ranges), default=0)

    def overlapping(self, words: range):
        """Indices (reading order) of key marks sharing at least one word with ``words``."""
        lo = bisect_right(self._firsts, words.start - self._longest)
        hi = bisect_left(self._firsts, words.stop)
        for j in range(lo, hi):
            i = self._by_first[j]
            if self.ranges[i].stop > words.start:
                yield i


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def round_points(points: float) -> float:
    """To one decimal, halves up (7.25 -> 7.3), not Python's round-half-to-even."""
    return math.floor(points * 10 + 0.5 + 1e-9) / 10


def score(required_total: int, required_found: int, bonus_total: int, bonus_found: int, total: float) -> float:
    if required_total:
        earned = min(1.0, (required_found + bonus_found) / required_total)
    elif bonus_total:
        earned = 1.0 if bonus_found else 0.0
    else:
        earned = 0.0
    return round_points(total * earned)


def compare(tokens: Tokens, student: Sequence[Mark], key: Sequence[Mark], categories: Sequence[str],
            total_points: float) -> Comparison:
    """One student's marks against the key (see the module docstring for the rule and the points)."""
    in_play = set(categories)
    index = _KeyIndex(tokens, [k for k in key if k.category in in_play])
    students = sorted(student, key=reading_order)

    pairs: list[tuple[float, int, int]] = []  # (-overlap, key position, student position)
    overlaps: dict[tuple[int, int], float] = {}
    other: dict[int, tuple[float, int]] = {}  # student position -> best other-category key (-overlap, key)
    for si, s in enumerate(students):
        words = tokens.indices(s.start, s.end)
        if not words:
            continue
        own = s.category in in_play
        for ki in index.overlapping(words):
            k_words = index.ranges[ki]
            shared, overlap = word_overlap(words, k_words)
            if not passes_rule(shared, len(words), len(k_words)):
                continue
            if own and index.marks[ki].category == s.category:
                pairs.append((-overlap, ki, si))
                overlaps[ki, si] = overlap
            elif index.marks[ki].category != s.category:
                best = other.get(si)
                if best is None or (-overlap, ki) < best:
                    other[si] = (-overlap, ki)

    pairs.sort()
    key_taken: dict[int, int] = {}
    student_taken: dict[int, int] = {}
    for _, ki, si in pairs:
        if ki not in key_taken and si not in student_taken:
            key_taken[ki] = si
            student_taken[si] = ki

    matches = tuple(Match(students[si], index.marks[ki], overlaps[ki, si])
                    for si, ki in sorted(student_taken.items()))
    missed = tuple(k for ki, k in enumerate(index.marks) if ki not in key_taken)
    extra_positions = [si for si in range(len(students)) if si not in student_taken]
    extra = tuple(students[si] for si in extra_positions)
    wrong_category = {students[si].id: index.marks[other[si][1]] for si in extra_positions if si in other}

    per_category: dict[str, CategoryScore] = {}
    for cat in categories:
        required = sum(1 for k in index.marks if k.category == cat and not k.bonus)
        bonus = sum(1 for k in index.marks if k.category == cat and k.bonus)
        found = sum(1 for ki in key_taken if index.marks[ki].category == cat and not index.marks[ki].bonus)
        bonus_found = sum(1 for ki in key_taken if index.marks[ki].category == cat and index.marks[ki].bonus)
        marked = sum(1 for s in students if s.category == cat)
        matched = sum(1 for si in student_taken if students[si].category == cat)
        precision = _ratio(matched, marked)
        recall = _ratio(found, required)
        per_category[cat] = CategoryScore(cat, required, found, bonus, bonus_found, marked, marked - matched,
                                          precision, recall, _f1(precision, recall))

    required_total = sum(c.required for c in per_category.values())
    points = score(required_total, sum(c.found for c in per_category.values()),
                   sum(c.bonus for c in per_category.values()),
                   sum(c.bonus_found for c in per_category.values()), total_points)
    return Comparison(matches, missed, extra, wrong_category, per_category, points, float(total_points))
