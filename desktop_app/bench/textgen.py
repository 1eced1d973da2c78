"""The benchmark's workload as plain data: a deterministic long article and random passages in it.

Standard library only, because the floor process imports it too and must carry no application code.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

SEED = 20240611
CATEGORY_KEYS = ("source", "loaded_language", "attributed_claim", "unattributed_claim", "opposing_view")

_WORDS = (  # noqa: SIM905 - a word list reads better as one string than as 140 quoted words
    "the a of and to in that said is was for on with as by at from it his her their council minister report "
    "officials according spokesperson claimed reportedly residents protest budget police hospital school "
    "water election vote campaign company workers union strike court judge ruling evidence study data "
    "percent million billion increase decrease critics supporters argue warned disaster crisis shocking "
    "outrageous historic landmark controversial radical sources close to the matter told reporters on "
    "condition of anonymity however meanwhile despite although because therefore which who whose whom "
    "yesterday today tomorrow morning evening week month year government opposition party leader mayor "
    "city region country international local national analysts experts economists scientists survey"
).split()
# Non-ASCII words so offsets are tested beyond Latin-1: accents, Greek, Cyrillic, CJK, typographic marks.
_NON_ASCII = ("café", "naïve", "Zürich", "São", "Paulo", "Ελλάδα", "Москва", "東京", "“quoted”", "—", "señora",
              "Łódź", "Ørsted", "l’économie", "Straße")
_EMOJI = ("📰", "🗳️", "📈", "🔥", "👩‍⚕️")  # astral: two UTF-16 units per code point in Qt


def make_text(words: int, seed: int = SEED) -> str:
    """``words`` whitespace-separated words in paragraphs of about 80, with an emoji every 4th paragraph."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    left = words
    while left > 0:
        n = min(left, rng.randint(60, 100))
        para = [rng.choice(_NON_ASCII) if rng.random() < 0.04 else rng.choice(_WORDS) for _ in range(n)]
        para[0] = para[0].capitalize()
        if len(paragraphs) % 4 == 3:
            para[rng.randrange(n)] = rng.choice(_EMOJI)
        for i in range(rng.randint(8, 14), n - 1, rng.randint(10, 16)):
            para[i] += "."
        para[-1] += "."
        paragraphs.append(" ".join(para))
        left -= n
    return "\n\n".join(paragraphs)


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word, in code points."""
    return [m.span() for m in re.finditer(r"\S+", text)]


@dataclass(frozen=True)
class Passage:
    start: int  # code points
    end: int
    category: str


def passages(words: list[tuple[int, int]], count: int, seed: int) -> list[Passage]:
    """``count`` random passages of 1-12 whole words, each with a category; overlaps happen by chance."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        length = rng.randint(1, 12)
        first = rng.randrange(len(words) - length)
        out.append(Passage(words[first][0], words[first + length - 1][1], rng.choice(CATEGORY_KEYS)))
    return out
