"""Scoring suggestions against labelled spans with Lede's own matching rule (core.matching: the words two
passages share, at least half of the shorter and a fifth of the longer, paired one to one)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.core.marks import KEY_LAYER, OWN_LAYER, Mark
from desktop_app.core.matching import Tokens, compare


@dataclass
class Tally:
    """Counts over many articles: suggested, gold, and matched pairs."""

    suggested: int = 0
    gold: int = 0
    matched: int = 0

    def add(self, suggested: int, gold: int, matched: int) -> None:
        self.suggested += suggested
        self.gold += gold
        self.matched += matched

    @property
    def precision(self) -> float:
        return self.matched / self.suggested if self.suggested else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        return (f"{name}: P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
                f"({self.matched} matched of {self.suggested} suggested, {self.gold} labelled)")


def _marks(spans: Iterable[tuple[int, int]], text: str, layer: str) -> list[Mark]:
    return [Mark(id=i, article_id=0, category="x", start=s, end=e, quote=text[s:e], layer=layer)
            for i, (s, e) in enumerate(sorted(set(spans)), start=1)]


def matched_pairs(tokens: Tokens, suggested: Iterable[tuple[int, int]],
                  gold: Iterable[tuple[int, int]]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The (suggested, gold) pairs that Lede's rule matches, one to one."""
    text = tokens.text
    s_marks = _marks(suggested, text, OWN_LAYER)
    g_marks = _marks(gold, text, KEY_LAYER)
    result = compare(tokens, s_marks, g_marks, ["x"], 1.0)
    return [((m.student.start, m.student.end), (m.key.start, m.key.end)) for m in result.matches]


def tally(tokens: Tokens, suggested: list[tuple[int, int]], gold: list[tuple[int, int]], into: Tally) -> int:
    """Adds one article's counts to ``into``; returns the number matched."""
    suggested = sorted(set(suggested))
    gold = sorted(set(gold))
    matched = len(matched_pairs(tokens, suggested, gold))
    into.add(len(suggested), len(gold), matched)
    return matched
