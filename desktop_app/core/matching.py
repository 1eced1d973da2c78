"""Matching a student's marks against the teacher's answer key (skeleton: the rule lands next)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from desktop_app.core.marks import Mark

MIN_SHARE_OF_SHORTER = 0.5
MIN_SHARE_OF_LONGER = 0.2

_WORD = re.compile(r"\w+")


class Tokens:
    """The words of one article text, with their code-point offsets."""

    __slots__ = ("text", "_starts", "_ends")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] = []
        self._ends: list[int] = []
        for m in _WORD.finditer(text):
            self._starts.append(m.start())
            self._ends.append(m.end())

    def __len__(self) -> int:
        return len(self._starts)

    def span(self, i: int) -> tuple[int, int]:
        return self._starts[i], self._ends[i]

    def indices(self, start: int, end: int) -> range:
        """Tokens overlapping [start, end)."""
        return range(bisect_right(self._ends, start), bisect_left(self._starts, end))


@dataclass(frozen=True, slots=True)
class Match:
    student: Mark
    key: Mark
    overlap: float


@dataclass(frozen=True, slots=True)
class CategoryScore:
    category: str
    required: int
    found: int
    bonus: int
    bonus_found: int
    marked: int
    extra: int
    precision: float | None
    recall: float | None
    f1: float | None


@dataclass(frozen=True)
class Comparison:
    matches: tuple[Match, ...]
    missed: tuple[Mark, ...]
    extra: tuple[Mark, ...]
    wrong_category: Mapping[int, Mark]
    per_category: Mapping[str, CategoryScore]
    points: float
    total: float

    def status_of(self, student_mark_id: int) -> str:
        raise NotImplementedError

    def match_for_key(self, key_mark_id: int) -> Match | None:
        raise NotImplementedError

    @property
    def required_found(self) -> int:
        raise NotImplementedError

    @property
    def required_total(self) -> int:
        raise NotImplementedError

    @property
    def bonus_found(self) -> int:
        raise NotImplementedError

    @property
    def has_key(self) -> bool:
        raise NotImplementedError


def compare(tokens: Tokens, student: Sequence[Mark], key: Sequence[Mark], categories: Sequence[str],
            total_points: float) -> Comparison:
    raise NotImplementedError
