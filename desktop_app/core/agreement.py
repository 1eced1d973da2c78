"""How far students agree with each other (skeleton: the algorithms land next)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Iterable, Sequence

from desktop_app.core.marks import Mark
from desktop_app.core.matching import Tokens


def krippendorff_alpha_nominal(units: Iterable[Sequence[Hashable]]) -> float | None:
    raise NotImplementedError


def token_labels(tokens: Tokens, marks: Sequence[Mark]) -> list[str]:
    raise NotImplementedError


def class_alpha(tokens: Tokens, works: Sequence[Sequence[Mark]]) -> float | None:
    raise NotImplementedError


def category_alpha(tokens: Tokens, works: Sequence[Sequence[Mark]], category: str) -> float | None:
    raise NotImplementedError


@dataclass(frozen=True, slots=True)
class SimilarPair:
    first: str
    second: str
    similarity: float
    shared_notes: int
    reason: str


def similar_pairs(tokens: Tokens, works: Sequence[tuple[str, Sequence[Mark]]]) -> list[SimilarPair]:
    raise NotImplementedError
