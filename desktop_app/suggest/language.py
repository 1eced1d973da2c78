"""A cheap check that a text is English: the models were trained on English news and say nothing useful about
any other language, so the suggester says so instead of guessing."""

from __future__ import annotations

import re

from desktop_app.suggest.tokens import word_set

# The commonest English words; in English prose they are about a third of all words, in French, Spanish or
# German a few percent (the shared ones: "a", "in", "on", "was" ...).
_COMMON = word_set("""the of and to a in is that for it was on with as he said by at from his be are have has
this but not they an or we their which were its had been who will would her she there about more than also
said says""")
_WORD = re.compile(r"[^\W\d_]+")
MIN_SHARE = 0.12
SAMPLE_WORDS = 3000


def looks_english(text: str) -> bool:
    words = _WORD.findall(text[: SAMPLE_WORDS * 8])[:SAMPLE_WORDS]
    if len(words) < 5:
        return False
    common = sum(1 for w in words if w.lower() in _COMMON)
    return common / len(words) >= MIN_SHARE
