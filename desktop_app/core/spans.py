"""Half-open character spans and the arithmetic of overlapping marks.

The view, the mark list and (later) the PDF exporter all ask one question: which categories cover which
characters. ``segments`` answers it once, here, for everyone.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
import re
import unicodedata
from typing import NamedTuple, TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Characters ``start`` up to (not including) ``end``, in code points."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end <= self.start:
            raise ValueError(f"a span needs 0 <= start < end, got {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def intersection(self, other: Span) -> Span | None:
        start, end = max(self.start, other.start), min(self.end, other.end)
        return Span(start, end) if start < end else None

    def overlap_length(self, other: Span) -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))


class Segment(NamedTuple):
    """A maximal run of characters covered by the same set of items (in the order they started).
    A NamedTuple, not a dataclass: a long article has tens of thousands of them."""

    start: int
    end: int
    keys: tuple


def segments(items: Iterable[tuple[int, int, K]]) -> list[Segment]:
    """Cuts the covered parts of a text into runs with a constant set of covering items.

    ``items`` are (start, end, key) triples; keys are usually mark ids. Uncovered gaps are left out.
    Within a segment the keys are ordered by (start, -end), so the outermost mark comes first and the
    innermost last, which is the order in which a view paints them.
    """
    ordered = sorted(((s, e, k) for s, e, k in items if e > s), key=lambda t: (t[0], -t[1]))
    out: list[Segment] = []
    # Most marks overlap nothing: they are their own segment. Only runs of overlapping items (clusters)
    # need the sweep, which keeps a 5,000-mark article's segmentation in a few milliseconds.
    cluster: list[tuple[int, int, K]] = []
    reach = -1
    for item in ordered:
        if item[0] >= reach and cluster:
            _emit_cluster(cluster, out)
            cluster = []
        cluster.append(item)
        reach = max(reach, item[1]) if len(cluster) > 1 else item[1]
    if cluster:
        _emit_cluster(cluster, out)
    return out


def _emit_cluster(cluster: list[tuple[int, int, K]], out: list[Segment]) -> None:
    if len(cluster) == 1:
        s, e, k = cluster[0]
        out.append(Segment(s, e, (k,)))
        return
    boundaries = sorted({s for s, _, _ in cluster} | {e for _, e, _ in cluster})
    starts: dict[int, list] = {}
    ends: dict[int, list] = {}
    for rank, (s, e, k) in enumerate(cluster):
        starts.setdefault(s, []).append((rank, k))
        ends.setdefault(e, []).append((rank, k))
    active: dict[int, K] = {}
    for here, nxt in pairwise(boundaries):
        for rank, _ in ends.get(here, ()):
            active.pop(rank, None)
        for rank, k in starts.get(here, ()):
            active[rank] = k
        if active:
            # Items are added in rank order (boundaries ascend, and starts at one boundary are in rank
            # order), and a dict keeps insertion order through deletions: its values are already sorted.
            out.append(Segment(here, nxt, tuple(active.values())))


def assign_lanes(spans: Sequence[tuple[int, int]]) -> list[int]:
    """Gives each span the lowest lane not used by a span it overlaps (greedy interval colouring).

    Spans in different lanes can be drawn as separate underlines, so nested and overlapping marks all
    stay visible. Returns one lane per input span, in input order.
    """
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1]))
    lane_free_at: list[int] = []  # lane -> end of the last span placed in it
    lanes = [0] * len(spans)
    for i in order:
        s, e = spans[i]
        for lane, free_at in enumerate(lane_free_at):
            if free_at <= s:
                lane_free_at[lane] = e
                lanes[i] = lane
                break
        else:
            lanes[i] = len(lane_free_at)
            lane_free_at.append(e)
    return lanes


def clamp(start: int, end: int, length: int) -> tuple[int, int]:
    """Keeps a selection inside a text of ``length`` characters and orders its ends."""
    if start > end:
        start, end = end, start
    return max(0, min(start, length)), max(0, min(end, length))


_WINDOW = 400  # characters searched either side when nudging; a word is never longer


def nudge(text: str, start: int, end: int, edge: str, direction: int) -> tuple[int, int]:
    """Moves one end of a span to the next word boundary (``edge`` "start" or "end", ``direction`` ±1).

    The span never becomes empty: a step that would cross the other end is refused (the span is returned
    unchanged), so a student can widen or narrow a mark a word at a time from the keyboard.
    """
    lo = max(0, min(start, end) - _WINDOW)
    hi = min(len(text), max(start, end) + _WINDOW)
    words = [(m.start() + lo, m.end() + lo) for m in re.finditer(r"\S+", text[lo:hi])]
    if edge == "start":
        candidates = [s for s, _ in words]
        if direction < 0:
            options = [p for p in candidates if p < start]
            new = max(options) if options else start
        else:
            options = [p for p in candidates if start < p < end]
            new = min(options) if options else start
        return (new, end)
    if edge == "end":
        candidates = [e for _, e in words]
        if direction > 0:
            options = [p for p in candidates if p > end]
            new = min(options) if options else end
        else:
            options = [p for p in candidates if start < p < end]
            new = max(options) if options else end
        return (start, new)
    raise ValueError(f"edge must be 'start' or 'end', not {edge!r}")


# Inside a word: letters, digits and marks (Hindi vowel signs, Hebrew points), the joiners of Persian and emoji,
# and an apostrophe between letters ("don't", "l'école").
_JOINERS = frozenset("\u200c\u200d")
_APOSTROPHES = frozenset("'\u2019")


def _in_word(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _JOINERS or unicodedata.category(ch)[0] in "LNM":
        return True
    return ch in _APOSTROPHES and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection grown to whole words, as a reader means it: an end that falls inside a word moves out to the
    word's edge ("monizing Ira" becomes "demonizing Iran"), and spaces at either end are trimmed. Punctuation is
    left as selected (a quotation mark may be meant). Returns the span unchanged when it holds no word."""
    start, end = clamp(start, end, len(text))
    lo, hi = start, end
    while lo > 0 and lo < len(text) and _in_word(text, lo) and _in_word(text, lo - 1) and start - lo < _WINDOW:
        lo -= 1
    while 0 < hi < len(text) and _in_word(text, hi) and _in_word(text, hi - 1) and hi - end < _WINDOW:
        hi += 1
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return (lo, hi) if hi > lo else (start, end)


def word_step(text: str, position: int, direction: int) -> int:
    """Where Ctrl+arrow goes from ``position``: to the end of the next word (direction +1) or the start of the
    previous one (-1), passing over punctuation, dashes and quotation marks between them."""
    n = len(text)
    i = max(0, min(position, n))
    if direction > 0:
        while i < n and not _in_word(text, i):
            i += 1
        while i < n and _in_word(text, i):
            i += 1
        return i
    while i > 0 and not _in_word(text, i - 1):
        i -= 1
    while i > 0 and _in_word(text, i - 1):
        i -= 1
    return i


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)|\n")


def sentence_at(text: str, position: int) -> tuple[int, int]:
    """The sentence around ``position``: from after the previous sentence's end (or the paragraph's start) to its
    own end mark and any closing quotation mark; spaces trimmed."""
    n = len(text)
    position = max(0, min(position, n))
    start = 0
    for m in _SENTENCE_END.finditer(text, max(0, position - 2000), position):
        start = m.end()
    end_match = _SENTENCE_END.search(text, position)
    end = end_match.end() if end_match else n
    if end_match and end_match.group() == "\n":
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
