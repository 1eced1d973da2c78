"""The whole class at once: where students marked, which key marks most of them missed, what many marked
that the key does not list, how far they agree, and whose work looks alike.

Only marks of the categories in play are counted: a mark of any other category has no colour or name to be
shown with (a submission file with one has been edited or comes from another assignment).
"""

from __future__ import annotations

import hashlib

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop_app.core.agreement import (SimilarPair, alpha_of_ranged, category_alpha_of_ranged,
                                        similar_pairs_of_ranged, word_ranges)
from desktop_app.core.marks import Mark
from desktop_app.core.matching import Comparison, Tokens, passes_rule, reading_order
from desktop_app.i18n import _


@dataclass(frozen=True, slots=True)
class Stretch:
    """A piece of the text between two consecutive mark boundaries (anyone's), covered by some mark."""

    start: int
    end: int
    counts: Mapping[str, int]  # category -> distinct students who marked this piece as it (non-zero only)
    students: int  # distinct students with any mark on this piece


@dataclass(frozen=True, slots=True)
class KeyMarkTally:
    key: Mark
    found_by: tuple[str, ...]  # student names, class order
    missed_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ExtraTally:
    """Marks outside the key that several students made: same category, matching each other by the word
    rule. The span and quote are the earliest member's."""

    category: str
    start: int
    end: int
    quote: str
    students: tuple[str, ...]  # class order


@dataclass(frozen=True, slots=True)
class CategoryTally:
    category: str
    marked: int  # all students' marks of this category
    key: int  # required key marks
    found: int  # sum over students of required key marks found
    mean_f1: float | None  # over the students who have an F1 for it


@dataclass(frozen=True)
class ClassView:
    students: tuple[str, ...]
    stretches: tuple[Stretch, ...]
    key_marks: tuple[KeyMarkTally, ...]  # most missed first, then reading order
    common_extras: tuple[ExtraTally, ...]  # marked by 2 or more students, most students first
    categories: tuple[CategoryTally, ...]
    alpha: float | None
    alpha_per_category: Mapping[str, float | None]
    similar: tuple[SimilarPair, ...]
    scores: tuple[float, ...]  # points per student, same order as students
    total: float

    @property
    def most_students(self) -> int:
        return max((s.students for s in self.stretches), default=0)


def class_stretches(works: Sequence[Sequence[Mark]], categories: Sequence[str]) -> tuple[Stretch, ...]:
    """Sweep over every mark's start and end: per piece, how many students marked it and as what.

    A student's overlapping marks of one category count that student once."""
    names = list(dict.fromkeys(categories))  # categories as numbers 0..c-1, in the order shown
    number = {c: i for i, c in enumerate(names)}
    events: list[tuple[int, int, int]] = []  # (offset, +1 / -1, student * c + category number)
    for marks in works:
        for m in marks:
            if m.category not in number:
                number[m.category] = len(names)
                names.append(m.category)
    c = len(names)
    for s, marks in enumerate(works):
        for m in marks:
            if m.end > m.start:
                cell = s * c + number[m.category]
                events.append((m.start, 1, cell))
                events.append((m.end, -1, cell))
    events.sort(key=lambda e: e[0])

    cover = [0] * (len(works) * c)  # open marks of (student, category)
    per_category = [0] * c  # students with an open mark of the category
    per_student = [0] * len(works)  # open marks of each student
    students = 0
    stretches: list[Stretch] = []
    i, n = 0, len(events)
    while i < n:
        at = events[i][0]
        while i < n and events[i][0] == at:
            _, delta, cell = events[i]
            i += 1
            before = cover[cell]
            cover[cell] = before + delta
            # A mark's end always comes after its start, so counts never go below 0: a count leaving or
            # reaching 0 is this student starting or stopping to cover the piece (as this category).
            if before == 0 or before + delta == 0:
                per_category[cell % c] += delta
            s = cell // c
            before = per_student[s]
            per_student[s] = before + delta
            if before == 0 or before + delta == 0:
                students += delta
        if students and i < n:
            counts = {names[k]: count for k, count in enumerate(per_category) if count}
            stretches.append(Stretch(at, events[i][0], counts, students))
    return tuple(stretches)


def key_tallies(key: Sequence[Mark], works: Sequence[tuple[str, Sequence[Mark], Comparison]],
                categories: Sequence[str]) -> tuple[KeyMarkTally, ...]:
    in_play = set(categories)
    tallies = []
    for k in sorted((k for k in key if k.category in in_play), key=reading_order):
        found = tuple(name for name, _, comparison in works if comparison.match_for_key(k.id) is not None)
        missed = tuple(name for name, _, comparison in works if comparison.match_for_key(k.id) is None)
        tallies.append(KeyMarkTally(k, found, missed))
    # Stable sort: among equally missed key marks, reading order stays.
    tallies.sort(key=lambda t: -len(t.missed_by))
    return tuple(tallies)


def common_extras(tokens: Tokens, works: Sequence[tuple[str, Sequence[Mark], Comparison]],
                  categories: Sequence[str], min_students: int = 2) -> tuple[ExtraTally, ...]:
    """Extra marks clustered across students: two are in one cluster when they have the same category and
    match each other by the word rule, and clusters are joined through shared members (so a chain of
    overlapping marks is one cluster; its span is its earliest member's)."""
    in_play = set(categories)
    items: list[tuple[range, Mark, int]] = []  # (words, mark, student position)
    for s, (_name, _marks, comparison) in enumerate(works):
        for m in comparison.extra:
            if m.category in in_play:
                words = tokens.indices(m.start, m.end)
                if words:
                    items.append((words, m, s))
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_category: dict[str, list[int]] = defaultdict(list)
    for i, (_words, m, _student) in enumerate(items):
        by_category[m.category].append(i)
    for members in by_category.values():
        members.sort(key=lambda i: items[i][0].start)
        open_: list[int] = []  # members whose words reach past the current one's first word
        for i in members:
            words = items[i][0]
            open_ = [j for j in open_ if items[j][0].stop > words.start]
            for j in open_:
                other = items[j][0]
                shared = min(words.stop, other.stop) - max(words.start, other.start)
                if passes_rule(shared, len(words), len(other)):
                    a, b = root(i), root(j)
                    if a != b:
                        parent[a] = b
            open_.append(i)

    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        clusters[root(i)].append(i)
    tallies: list[tuple[tuple, ExtraTally]] = []
    for members in clusters.values():
        positions = sorted({items[i][2] for i in members})
        if len(positions) < min_students:
            continue
        first = min((items[i][1] for i in members), key=reading_order)
        tally = ExtraTally(first.category, first.start, first.end, first.quote,
                           tuple(works[s][0] for s in positions))
        tallies.append(((-len(positions), reading_order(first)), tally))
    tallies.sort(key=lambda t: t[0])
    return tuple(t for _, t in tallies)


def category_tallies(key: Sequence[Mark], works: Sequence[tuple[str, Sequence[Mark], Comparison]],
                     categories: Sequence[str]) -> tuple[CategoryTally, ...]:
    tallies = []
    for cat in categories:
        scores = [comparison.per_category.get(cat) for _, _, comparison in works]
        f1s = [s.f1 for s in scores if s is not None and s.f1 is not None]
        tallies.append(CategoryTally(
            cat,
            marked=sum(1 for _, marks, _ in works for m in marks if m.category == cat),
            key=sum(1 for k in key if k.category == cat and not k.bonus),
            found=sum(s.found for s in scores if s is not None),
            mean_f1=sum(f1s) / len(f1s) if f1s else None))
    return tuple(tallies)


def build_class_view(tokens: Tokens, key: Sequence[Mark], works: Sequence[tuple[str, Sequence[Mark], Comparison]],
                     categories: Sequence[str]) -> ClassView:
    """``works``: (student name, the student's marks, compare() of them against ``key``), in class order."""
    in_play = set(categories)
    marks_in_play = [[m for m in marks if m.category in in_play] for _, marks, _ in works]
    # Each mark's words are looked up once here, not again by alpha, each category and the alike pairs.
    ranged = [word_ranges(tokens, marks) for marks in marks_in_play]
    return ClassView(
        students=tuple(name for name, _, _ in works),
        stretches=class_stretches(marks_in_play, categories),
        key_marks=key_tallies(key, works, categories),
        common_extras=common_extras(tokens, works, categories),
        categories=category_tallies(key, works, categories),
        alpha=alpha_of_ranged(len(tokens), ranged),
        alpha_per_category={cat: category_alpha_of_ranged(len(tokens), ranged, cat) for cat in categories},
        similar=tuple(similar_pairs_of_ranged([(name, marks, r) for (name, _, _), marks, r
                                               in zip(works, marks_in_play, ranged, strict=True)])),
        scores=tuple(comparison.points for _, _, comparison in works),
        total=works[0][2].total if works else 0.0,
    )


def anonymous_names(names: Sequence[str]) -> dict[str, str]:
    """"Student 1", "Student 2", ... for showing the class view on a projector.

    Numbered in an order that does not follow the class list: in alphabetical order a class would soon work
    out who "Student 1" is. The order comes from a hash of each name together with the whole class, so it
    is the same every time for the same class (the screen and the printed summary agree) and tells nothing.
    """
    salt = "\n".join(sorted(names))
    order = sorted(names, key=lambda n: hashlib.sha256(f"{salt}\n{n}".encode()).hexdigest())
    return {name: _("Student {number}").format(number=i) for i, name in enumerate(order, 1)}
