"""How far a class agrees with itself: Krippendorff's alpha over the article's words, and pairs of students
whose work is suspiciously alike.

Alpha treats every word of the article as a unit and every student as a coder who gave each word a value:
the category of the innermost mark on it, or "" for none. 1 is perfect agreement, 0 is what chance would
give, below 0 is systematic disagreement. It answers "do my students see the same things?", not "are they
right?" (that is the key's job).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Hashable, Iterable, Sequence

from desktop_app.core.marks import Mark
from desktop_app.core.matching import Tokens

SIMILAR_AT = 0.9  # Jaccard of marked words at or above which two students' work is flagged
SIMILAR_MIN_MARKS = 3  # ... when both made at least this many marks (two empty hand-ins are not copies)
SAME_NOTES_AT = 2  # identical notes that flag a pair
NOTE_MIN_CHARS = 15  # shorter notes ("loaded", "no source") are alike by nature, not by copying

Run = tuple[int, int, Hashable]  # (first word, word after the last, value) over word indices


def krippendorff_alpha_nominal(units: Iterable[Sequence[Hashable]]) -> float | None:
    """Krippendorff's alpha for nominal values, from the coincidence matrix.

    Each unit is the values given by the coders who coded it; a unit with fewer than two values cannot be
    paired and is skipped. None when no unit is pairable or all values are the same (nothing to expect).
    """
    disagree = 0.0  # sum over c != k of the coincidences o_ck
    totals: Counter[Hashable] = Counter()  # n_c
    for values in units:
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        totals.update(counts)
        # Ordered pairs of different values from different coders, each unit weighing 1 / (m - 1).
        disagree += (m * m - sum(n * n for n in counts.values())) / (m - 1)
    return _alpha(disagree, totals.values())


def _alpha(disagree: float, totals: Iterable[int]) -> float | None:
    totals = list(totals)
    n = sum(totals)
    expected = n * n - sum(t * t for t in totals)  # sum over c != k of n_c * n_k
    if n == 0 or expected == 0:
        return None
    return 1.0 - (n - 1) * disagree / expected


def token_labels(tokens: Tokens, marks: Sequence[Mark]) -> list[str]:
    """Per word, the category of the innermost (shortest) mark covering it; "" for none."""
    labels = [""] * len(tokens)
    for start, stop, category in _painted(tokens, marks):
        labels[start:stop] = [category] * (stop - start)
    return labels


def _painted(tokens: Tokens, marks: Sequence[Mark]) -> list[Run]:
    # Longest first, so a shorter mark inside a longer one is painted over it and wins.
    ranges = [(tokens.indices(m.start, m.end), m.category) for m in marks]
    ranges.sort(key=lambda rc: (-len(rc[0]), rc[0].start, rc[1]))
    return [(r.start, r.stop, c) for r, c in ranges if r]


def innermost_runs(tokens: Tokens, marks: Sequence[Mark]) -> list[Run]:
    """The same values as token_labels, as runs between the marks' boundaries ("" left out)."""
    painted = _painted(tokens, marks)
    if not painted:
        return []
    labels: dict[int, str] = {}
    bounds = sorted({b for start, stop, _ in painted for b in (start, stop)})
    # Between two consecutive boundaries every mark covers all or nothing: one value per piece, so paint
    # the pieces' first words only.
    piece_of = {b: i for i, b in enumerate(bounds)}
    for start, stop, category in painted:
        for b in bounds[piece_of[start]:piece_of[stop]]:
            labels[b] = category
    runs: list[Run] = []
    for b, stop in zip(bounds, bounds[1:]):
        category = labels.get(b, "")
        if category:
            if runs and runs[-1][1] == b and runs[-1][2] == category:
                runs[-1] = (runs[-1][0], stop, category)
            else:
                runs.append((b, stop, category))
    return runs


def category_runs(tokens: Tokens, marks: Sequence[Mark], category: str) -> list[Run]:
    """Runs of words covered by any mark of ``category`` (value True), merged."""
    ranges = sorted((r.start, r.stop) for m in marks if m.category == category
                    for r in (tokens.indices(m.start, m.end),) if r)
    runs: list[Run] = []
    for start, stop in ranges:
        if runs and start <= runs[-1][1]:
            if stop > runs[-1][1]:
                runs[-1] = (runs[-1][0], stop, True)
        else:
            runs.append((start, stop, True))
    return runs


def alpha_from_runs(n_units: int, coders: Sequence[Sequence[Run]], default: Hashable = "") -> float | None:
    """Nominal alpha when every coder codes every one of ``n_units`` units, each coder's values given as
    disjoint runs (``default`` elsewhere). Same result as krippendorff_alpha_nominal over the units, but a
    sweep over the runs' ends: 30 students on a 5,000-word article are 150,000 values, and a Python loop
    over each of them is too slow for a screen that recomputes on every review."""
    m = len(coders)
    if m < 2 or n_units == 0:
        return None
    events: list[tuple[int, int, Hashable]] = []  # (word, coder, value from here on)
    totals: Counter[Hashable] = Counter()
    for c, runs in enumerate(coders):
        for start, stop, value in runs:
            if events and events[-1][:2] == (start, c):  # this coder's previous run ends where this starts
                events[-1] = (start, c, value)
            else:
                events.append((start, c, value))
            events.append((stop, c, default))
            totals[value] += stop - start
    totals[default] += m * n_units - sum(totals.values())
    events.sort(key=lambda e: e[0])

    current: list[Hashable] = [default] * m
    counts: Counter[Hashable] = Counter({default: m})
    same = m * m  # sum of squared counts of values on the current word
    disagree = 0  # sum over words of (m^2 - same); divided by m - 1 at the end
    at = 0
    for word, c, value in events:
        if word != at:
            disagree += (word - at) * (m * m - same)
            at = word
        old = current[c]
        if old == value:
            continue
        current[c] = value
        n_old, n_new = counts[old], counts[value]
        same += (n_old - 1) ** 2 - n_old * n_old + (n_new + 1) ** 2 - n_new * n_new
        counts[old] = n_old - 1
        counts[value] = n_new + 1
    return _alpha(disagree / (m - 1), totals.values())


def class_alpha(tokens: Tokens, works: Sequence[Sequence[Mark]]) -> float | None:
    """Alpha over all words, each student a coder giving every word its innermost category or ""."""
    return alpha_from_runs(len(tokens), [innermost_runs(tokens, marks) for marks in works])


def category_alpha(tokens: Tokens, works: Sequence[Sequence[Mark]], category: str) -> float | None:
    """Alpha over all words for one category: did the student mark this word as ``category``, yes or no."""
    return alpha_from_runs(len(tokens), [category_runs(tokens, marks, category) for marks in works], False)


@dataclass(frozen=True, slots=True)
class SimilarPair:
    first: str  # student names, in the order given
    second: str
    similarity: float  # 0..1, Jaccard of the (word, category) pairs each marked
    shared_notes: int  # identical notes of NOTE_MIN_CHARS or more
    reason: str  # a plain sentence for the teacher


def normalized_note(note: str) -> str:
    return " ".join(note.casefold().split())


def _percent(x: float) -> int:
    # Down, so 0.999 never reads as "100%" next to a pair that is not identical.
    return math.floor(x * 100 + 1e-9)


def _reason(similarity: float, flagged_marks: bool, shared_notes: int, same_notes: bool) -> str:
    notes = f"{shared_notes} notes are word for word the same"
    if not flagged_marks:
        return notes[0].upper() + notes[1:]
    if similarity == 1.0:
        if same_notes:
            return "Identical marks and notes"
        return "Identical marks" + (f", and {notes}" if shared_notes >= SAME_NOTES_AT else "")
    marks = f"{_percent(similarity)}% of their marked words agree"
    return marks + (f", and {notes}" if shared_notes >= SAME_NOTES_AT else "")


def similar_pairs(tokens: Tokens, works: Sequence[tuple[str, Sequence[Mark]]]) -> list[SimilarPair]:
    """Pairs of students whose marks or notes are alike enough to look at together, most similar first.

    Flagged: marked words (with their categories) at least 90% the same and both made at least 3 marks, or
    at least 2 identical notes of 15 characters or more (compared ignoring case and spacing).
    """
    category_index: dict[str, int] = {}
    for _, marks in works:
        for m in marks:
            category_index.setdefault(m.category, len(category_index))
    width = max(1, len(category_index))
    marked: list[frozenset[int]] = []
    long_notes: list[frozenset[str]] = []
    all_notes: list[Counter[str]] = []
    for _, marks in works:
        # (word, category) as one int: sets of ints intersect several times faster than sets of tuples.
        cells: set[int] = set()
        for m in marks:
            r = tokens.indices(m.start, m.end)
            c = category_index[m.category]
            cells.update(range(r.start * width + c, r.stop * width + c, width))
        marked.append(frozenset(cells))
        notes = [normalized_note(m.note) for m in marks]
        all_notes.append(Counter(n for n in notes if n))
        long_notes.append(frozenset(n for n in notes if len(n) >= NOTE_MIN_CHARS))

    pairs: list[tuple[tuple, SimilarPair]] = []
    for i in range(len(works)):
        for j in range(i + 1, len(works)):
            a, b = marked[i], marked[j]
            both = len(a & b) if a and b else 0
            either = len(a) + len(b) - both
            similarity = both / either if either else 0.0
            flagged_marks = (similarity >= SIMILAR_AT and len(works[i][1]) >= SIMILAR_MIN_MARKS
                             and len(works[j][1]) >= SIMILAR_MIN_MARKS)
            shared = len(long_notes[i] & long_notes[j]) if long_notes[i] and long_notes[j] else 0
            if not flagged_marks and shared < SAME_NOTES_AT:
                continue
            same_notes = bool(all_notes[i]) and all_notes[i] == all_notes[j]
            pair = SimilarPair(works[i][0], works[j][0], similarity, shared,
                               _reason(similarity, flagged_marks, shared, same_notes))
            pairs.append(((-similarity, -shared, i, j), pair))
    pairs.sort(key=lambda p: p[0])
    return [p for _, p in pairs]
