"""Suggestions for a teacher's answer key: sources, attributed claims and candidate loaded wording, found offline
by small models trained on labelled news (see ``suggest.training`` and the README's "Suggested marks").

A suggestion is not a mark: it lives only until the teacher accepts it (then it becomes a key mark) or rejects
it. This package is plain Python (no Qt, no database); the models are files in ``resources/suggest``.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE = "source"
ATTRIBUTED_CLAIM = "attributed_claim"
LOADED_LANGUAGE = "loaded_language"
SUGGESTED_CATEGORIES = (SOURCE, ATTRIBUTED_CLAIM, LOADED_LANGUAGE)

# How many loaded-language candidates: "fewer" keeps the ones the tagger is surer of (the setting a teacher
# starts in), "more" shows every likely one.
FEWER = "fewer"
MORE = "more"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One proposed key mark. ``key`` names it within one set of suggestions (an attributed claim's
    ``attributed_to`` is its source suggestion's key); ``kind`` is a source's kind (suggest.source_kinds)."""

    key: str
    category: str
    start: int  # code points into the article text as stored
    end: int
    quote: str
    reason: str
    confidence: float
    kind: str = ""
    attributed_to: str = ""


def suggestion_key(category: str, start: int, end: int) -> str:
    """The name of a suggestion within one set: its category and passage ("source:120:134")."""
    return f"{category}:{start}:{end}"


def span_of_key(key: str) -> tuple[int, int] | None:
    """The passage a suggestion key names, or None for a key not made by ``suggestion_key``."""
    parts = key.rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        return None
    return int(parts[1]), int(parts[2])


@dataclass(frozen=True, slots=True)
class Suggestions:
    """What the suggester found in one text, in reading order, and a sentence when it found nothing to say
    (another language, or no model)."""

    items: tuple[Suggestion, ...]
    notice: str = ""

    def by_key(self) -> dict[str, Suggestion]:
        return {s.key: s for s in self.items}
