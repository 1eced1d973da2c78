"""The whole class at once (skeleton: the algorithms land next)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from desktop_app.core.agreement import SimilarPair
from desktop_app.core.marks import Mark
from desktop_app.core.matching import Comparison, Tokens


@dataclass(frozen=True, slots=True)
class Stretch:
    start: int
    end: int
    counts: Mapping[str, int]
    students: int


@dataclass(frozen=True, slots=True)
class KeyMarkTally:
    key: Mark
    found_by: tuple[str, ...]
    missed_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ExtraTally:
    category: str
    start: int
    end: int
    quote: str
    students: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CategoryTally:
    category: str
    marked: int
    key: int
    found: int
    mean_f1: float | None


@dataclass(frozen=True)
class ClassView:
    students: tuple[str, ...]
    stretches: tuple[Stretch, ...]
    key_marks: tuple[KeyMarkTally, ...]
    common_extras: tuple[ExtraTally, ...]
    categories: tuple[CategoryTally, ...]
    alpha: float | None
    alpha_per_category: Mapping[str, float | None]
    similar: tuple[SimilarPair, ...]
    scores: tuple[float, ...]
    total: float

    @property
    def most_students(self) -> int:
        return max((s.students for s in self.stretches), default=0)


def build_class_view(tokens: Tokens, key: Sequence[Mark], works: Sequence[tuple[str, Sequence[Mark], Comparison]],
                     categories: Sequence[str]) -> ClassView:
    raise NotImplementedError


def anonymous_names(names: Sequence[str]) -> dict[str, str]:
    return {name: f"Student {i}" for i, name in enumerate(names, 1)}
