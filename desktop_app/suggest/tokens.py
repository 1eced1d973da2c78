"""Splitting an article into the tokens and paragraphs the suggestion models read.

A token is a run of word characters (the same ``\\w+`` words Lede's matching rule counts) or one character of
punctuation, with its code-point offsets into the article text as stored. The taggers read one paragraph at a
time: an attribution rarely crosses a paragraph break, and a quotation that runs over several sentences
("...," he said. "..." ) stays inside one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+|[^\w\s]")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")  # lines with no blank line between them

SENTENCE_ENDS = frozenset(".!?")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one string: the word lists of the models read better as text."""
    return frozenset(words.split())


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: lines with no blank line between them."""
    return [m.span() for m in _PARAGRAPH.finditer(text)]


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    stop = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, stop)]


def quote_depths(tokens: list[Token]) -> list[int]:
    """For each token, 1 when it lies inside a quotation (its quote marks included), else 0.

    Curly quotes say which way they face; a straight double quote opens when none is open and closes
    otherwise. A right single quote between letters is an apostrophe ("didn’t"), not a closing quote; an
    opening quote left unclosed at the end of a paragraph is the usual way a quotation runs on, so it counts
    to the end of the paragraph.
    """
    depths: list[int] = []
    open_double = False
    open_single = False
    for i, tok in enumerate(tokens):
        ch = tok.text
        if ch in ("“", "«", "„") or (ch == '"' and not open_double):
            open_double = True
            depths.append(1)
            continue
        if ch in ("”", "»") or (ch == '"' and open_double):
            depths.append(1)
            open_double = False
            continue
        if ch == "‘" and not open_single and _is_opening_single(tokens, i):
            open_single = True
            depths.append(1)
            continue
        if ch == "’" and open_single and not _between_letters(tokens, i):
            depths.append(1)
            open_single = False
            continue
        depths.append(1 if open_double or open_single else 0)
    return depths


def _is_opening_single(tokens: list[Token], i: int) -> bool:
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is not None and nxt.start == tokens[i].end and nxt.text[0].isalnum()


def _between_letters(tokens: list[Token], i: int) -> bool:
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return (prev is not None and nxt is not None and prev.end == tokens[i].start
            and nxt.start == tokens[i].end and prev.text[-1].isalnum() and nxt.text[0].isalnum())
