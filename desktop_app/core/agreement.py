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
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from desktop_app.core.marks import Mark
from desktop_app.core.matching import Tokens
from desktop_app.i18n import _, ngettext
from desktop_app.i18n.formats import format_percent

SIMILAR_AT = 0.9  # Jaccard of marked words at or above which two students' work is flagged
SIMILAR_MIN_MARKS = 3  # ... when both made at least this many marks (two empty hand-ins are not copies)
SAME_NOTES_AT = 2  # identical notes that flag a pair
NOTE_MIN_CHARS = 15  # shorter notes ("loaded", "no source") are alike by nature, not by copying
# A note written word for word by this many students or more is the class's template (a sentence the teacher
# gave them, or one they agreed on), not copying: it never counts towards a flag.
TEMPLATE_MIN_STUDENTS = 3
SHOWN_SAME_NOTES = 3  # the identical notes a flag quotes, with their passages

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


Ranged = list[tuple[range, str]]  # one student's marks as (words covered, category), marks on no word left out


def word_ranges(tokens: Tokens, marks: Sequence[Mark]) -> Ranged:
    """The words each mark covers, found once and shared by alpha, categories and alike pairs."""
    out = []
    for m in marks:
        r = tokens.indices(m.start, m.end)
        if r:
            out.append((r, m.category))
    return out


def token_labels(tokens: Tokens, marks: Sequence[Mark]) -> list[str]:
    """Per word, the category of the innermost (shortest) mark covering it; "" for none."""
    labels = [""] * len(tokens)
    for r, category in _longest_first(word_ranges(tokens, marks)):
        labels[r.start:r.stop] = [category] * len(r)
    return labels


def _longest_first(ranged: Ranged) -> Ranged:
    # Painted in this order, a shorter mark inside a longer one is painted over it and wins.
    return sorted(ranged, key=lambda rc: (-len(rc[0]), rc[0].start, rc[1]))


def innermost_runs(ranged: Ranged) -> list[Run]:
    """The values of token_labels as sorted runs between the marks' boundaries, "" left out."""
    if not ranged:
        return []
    bounds = sorted({b for r, _ in ranged for b in (r.start, r.stop)})
    piece_of = {b: i for i, b in enumerate(bounds)}
    # Between two consecutive boundaries every mark covers all or nothing: one value per piece.
    labels = [""] * len(bounds)
    for r, category in _longest_first(ranged):
        first, stop = piece_of[r.start], piece_of[r.stop]
        labels[first:stop] = [category] * (stop - first)
    runs: list[Run] = []
    for i in range(len(bounds) - 1):
        category = labels[i]
        if category:
            if runs and runs[-1][1] == bounds[i] and runs[-1][2] == category:
                runs[-1] = (runs[-1][0], bounds[i + 1], category)
            else:
                runs.append((bounds[i], bounds[i + 1], category))
    return runs


def category_runs(ranged: Ranged, category: str) -> list[tuple[int, int]]:
    """Sorted, merged (first word, word after the last) runs covered by any mark of ``category``."""
    runs: list[tuple[int, int]] = []
    for start, stop in sorted((r.start, r.stop) for r, c in ranged if c == category):
        if runs and start <= runs[-1][1]:
            if stop > runs[-1][1]:
                runs[-1] = (runs[-1][0], stop)
        else:
            runs.append((start, stop))
    return runs


def alpha_from_runs(n_units: int, coders: Sequence[Sequence[Run]], default: Hashable = "") -> float | None:
    """Nominal alpha when every coder codes every one of ``n_units`` units, each coder's values given as
    sorted, disjoint runs (``default`` elsewhere). The same result as krippendorff_alpha_nominal over the
    units, but a sweep over the runs' ends: 30 students on a 5,000-word article are 150,000 values, and a
    Python loop over each of them is too slow for a screen that recomputes after every review."""
    m = len(coders)
    if m < 2 or n_units == 0:
        return None
    events: list[tuple[int, int, Hashable]] = []  # (word, coder, value from here on)
    totals: dict[Hashable, int] = {}
    for c, runs in enumerate(coders):
        last_stop = -1
        for start, stop, value in runs:
            if start == last_stop:  # this coder's previous run ends where this one starts
                events[-1] = (start, c, value)
            else:
                events.append((start, c, value))
            events.append((stop, c, default))
            last_stop = stop
            totals[value] = totals.get(value, 0) + stop - start
    totals[default] = totals.get(default, 0) + m * n_units - sum(totals.values())
    events.sort(key=lambda e: e[0])

    current: list[Hashable] = [default] * m
    counts: dict[Hashable, int] = {default: m}
    all_pairs = m * m
    same = all_pairs  # sum of squared counts of the values on the current word
    disagree = 0  # sum over words of (m^2 - same); divided by m - 1 at the end
    at = 0
    for word, c, value in events:
        if word != at:
            disagree += (word - at) * (all_pairs - same)
            at = word
        old = current[c]
        if old == value:
            continue
        current[c] = value
        n_old = counts[old]
        n_new = counts.get(value, 0)
        same += 2 * (n_new - n_old) + 2  # (n_old-1)^2 - n_old^2 + (n_new+1)^2 - n_new^2
        counts[old] = n_old - 1
        counts[value] = n_new + 1
    return _alpha(disagree / (m - 1), totals.values())


def binary_alpha(n_units: int, coders: Sequence[Sequence[tuple[int, int]]]) -> float | None:
    """alpha_from_runs for yes/no values (runs are the yes), in a leaner sweep: with k of m coders saying
    yes on a word, its disagreeing ordered pairs are 2k(m - k)."""
    m = len(coders)
    if m < 2 or n_units == 0:
        return None
    events: list[tuple[int, int]] = []
    yes = 0
    for runs in coders:
        for start, stop in runs:
            events.append((start, 1))
            events.append((stop, -1))
            yes += stop - start
    events.sort()
    k = 0
    at = 0
    disagree = 0
    for word, delta in events:
        if word != at:
            disagree += (word - at) * 2 * k * (m - k)
            at = word
        k += delta
    return _alpha(disagree / (m - 1), (yes, m * n_units - yes))


def class_alpha(tokens: Tokens, works: Sequence[Sequence[Mark]]) -> float | None:
    """Alpha over all words, each student a coder giving every word its innermost category or ""."""
    return alpha_of_ranged(len(tokens), [word_ranges(tokens, marks) for marks in works])


def alpha_of_ranged(n_units: int, works: Sequence[Ranged]) -> float | None:
    return alpha_from_runs(n_units, [innermost_runs(ranged) for ranged in works])


def category_alpha(tokens: Tokens, works: Sequence[Sequence[Mark]], category: str) -> float | None:
    """Alpha over all words for one category: did the student mark this word as ``category``, yes or no."""
    return category_alpha_of_ranged(len(tokens), [word_ranges(tokens, marks) for marks in works], category)


def category_alpha_of_ranged(n_units: int, works: Sequence[Ranged], category: str) -> float | None:
    return binary_alpha(n_units, [category_runs(ranged, category) for ranged in works])


@dataclass(frozen=True, slots=True)
class SameNote:
    """One note two students wrote word for word, and the passages each wrote it on."""

    note: str  # as the first student wrote it
    first_quote: str
    second_quote: str


@dataclass(frozen=True, slots=True)
class SimilarPair:
    first: str  # student names, in the order given
    second: str
    similarity: float  # 0..1, Jaccard of the (word, category) pairs each marked
    shared_notes: int  # identical notes of NOTE_MIN_CHARS or more, class templates left out
    reason: str  # a plain sentence for the teacher
    same_notes: tuple[SameNote, ...] = ()  # the first few of them, to see for oneself

    def explanation(self) -> str:
        """The reason, and the matching notes with their passages: what a teacher needs to judge the flag."""
        # Translators: the reason a pair is flagged ("92% of their marked words agree") ended as a sentence.
        lines = [_("{reason}.").format(reason=self.reason)]
        for same in self.same_notes:
            if same.first_quote == same.second_quote:
                lines.append(_("Same note on “{passage}”: “{note}”").format(passage=same.first_quote, note=same.note))
            else:
                lines.append(_("Same note on “{passage}” and “{other_passage}”: “{note}”").format(
                    passage=same.first_quote, other_passage=same.second_quote, note=same.note))
        more = self.shared_notes - len(self.same_notes)
        if more > 0:
            lines.append(ngettext("…and {count} more the same.", "…and {count} more the same.",
                                  more).format(count=more))
        return "\n".join(lines)


def normalized_note(note: str) -> str:
    return " ".join(note.casefold().split())


def _percent(x: float) -> int:
    # Down, so 0.999 never reads as "100%" next to a pair that is not identical.
    return math.floor(x * 100 + 1e-9)


def _reason(similarity: float, flagged_marks: bool, shared_notes: int, same_notes: bool) -> str:
    """One plain sentence, without its full stop (SimilarPair.explanation adds it)."""
    n = shared_notes
    if not flagged_marks:
        return ngettext("{count} note is word for word the same", "{count} notes are word for word the same",
                        n).format(count=n)
    if similarity == 1.0:
        if same_notes:
            return _("Identical marks and notes")
        if n >= SAME_NOTES_AT:
            return ngettext("Identical marks, and {count} note is word for word the same",
                            "Identical marks, and {count} notes are word for word the same", n).format(count=n)
        return _("Identical marks")
    share = format_percent(_percent(similarity) / 100)
    if n >= SAME_NOTES_AT:
        return ngettext("{share} of their marked words agree, and {count} note is word for word the same",
                        "{share} of their marked words agree, and {count} notes are word for word the same",
                        n).format(share=share, count=n)
    # Translators: {share} is a percentage: "92% of their marked words agree".
    return _("{share} of their marked words agree").format(share=share)


def class_templates(notes_per_student: Sequence[frozenset[str]]) -> frozenset[str]:
    """The (normalised) notes TEMPLATE_MIN_STUDENTS or more students wrote word for word."""
    counts = Counter(note for notes in notes_per_student for note in notes)
    return frozenset(note for note, n in counts.items() if n >= TEMPLATE_MIN_STUDENTS)


def _same_notes(first: Sequence[Mark], second: Sequence[Mark], shared: frozenset[str]) -> tuple[SameNote, ...]:
    """The first few identical notes of two hand-ins, in the first one's reading order, with both passages."""
    if not shared:
        return ()
    theirs = {normalized_note(m.note): m for m in second}
    out = []
    for mark in sorted(first, key=lambda m: (m.start, m.end)):
        key = normalized_note(mark.note)
        if key in shared and key in theirs:
            out.append(SameNote(mark.note.strip(), mark.quote, theirs[key].quote))
            shared = shared - {key}
            if len(out) == SHOWN_SAME_NOTES:
                break
    return tuple(out)


def similar_pairs(tokens: Tokens, works: Sequence[tuple[str, Sequence[Mark]]]) -> list[SimilarPair]:
    """Pairs of students whose marks or notes are alike enough to look at together, most similar first.

    Flagged: marked words (with their categories) at least 90% the same and both made at least 3 marks, or
    at least 2 identical notes of 15 characters or more (compared ignoring case and spacing). A note three or
    more students wrote word for word is the class's template and never counts (class_templates).
    """
    return similar_pairs_of_ranged([(name, marks, word_ranges(tokens, marks)) for name, marks in works])


def similar_pairs_of_ranged(works: Sequence[tuple[str, Sequence[Mark], Ranged]]) -> list[SimilarPair]:
    category_index: dict[str, int] = {}
    for _name, _marks, ranged in works:
        for _words, category in ranged:
            category_index.setdefault(category, len(category_index))
    width = max(1, len(category_index))
    marked: list[frozenset[int]] = []
    long_notes: list[frozenset[str]] = []
    all_notes: list[Counter[str]] = []
    for _name, marks, ranged in works:
        # (word, category) as one int: sets of ints intersect several times faster than sets of tuples.
        cells: set[int] = set()
        for r, category in ranged:
            c = category_index[category]
            cells.update(range(r.start * width + c, r.stop * width + c, width))
        marked.append(frozenset(cells))
        notes = [normalized_note(m.note) for m in marks]
        all_notes.append(Counter(n for n in notes if n))
        long_notes.append(frozenset(n for n in notes if len(n) >= NOTE_MIN_CHARS))

    templates = class_templates(long_notes)
    if templates:
        long_notes = [notes - templates for notes in long_notes]
    pairs: list[tuple[tuple, SimilarPair]] = []
    for i in range(len(works)):
        for j in range(i + 1, len(works)):
            a, b = marked[i], marked[j]
            shared = len(long_notes[i] & long_notes[j]) if long_notes[i] and long_notes[j] else 0
            # Jaccard is at most smaller / larger: most pairs are ruled out without intersecting sets.
            if shared < SAME_NOTES_AT and min(len(a), len(b)) < SIMILAR_AT * max(len(a), len(b)):
                continue
            both = len(a & b) if a and b else 0
            either = len(a) + len(b) - both
            similarity = both / either if either else 0.0
            flagged_marks = (similarity >= SIMILAR_AT and len(works[i][1]) >= SIMILAR_MIN_MARKS
                             and len(works[j][1]) >= SIMILAR_MIN_MARKS)
            if not flagged_marks and shared < SAME_NOTES_AT:
                continue
            same_notes = bool(all_notes[i]) and all_notes[i] == all_notes[j]
            pair = SimilarPair(works[i][0], works[j][0], similarity, shared,
                               _reason(similarity, flagged_marks, shared, same_notes),
                               _same_notes(works[i][1], works[j][1], long_notes[i] & long_notes[j]))
            pairs.append(((-similarity, -shared, i, j), pair))
    pairs.sort(key=lambda p: p[0])
    return [p for _, p in pairs]
