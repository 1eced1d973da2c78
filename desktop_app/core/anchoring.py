"""Anchors that let a mark find its passage again if the article's text ever differs.

A mark keeps its offsets plus the quoted text and a little context either side (the W3C Web Annotation
"TextQuoteSelector" idea). If the text at the offsets no longer matches the quote, ``reanchor`` looks for
the quote elsewhere and picks the occurrence whose context and position agree best.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.spans import Span

CONTEXT_CHARS = 32


@dataclass(frozen=True, slots=True)
class Anchor:
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


def make_anchor(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Anchor:
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}..{end} is not inside a text of {len(text)} characters")
    return Anchor(start, end, text[start:end], text[max(0, start - context):start], text[end:end + context])


def is_anchored(text: str, anchor: Anchor) -> bool:
    return text[anchor.start:anchor.end] == anchor.quote


def _common_suffix_len(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix_len(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def reanchor(text: str, anchor: Anchor) -> Span | None:
    """Where the anchored passage is in ``text`` now, or None if the quote is gone.

    Candidates are every exact occurrence of the quote; each scores by how much of the stored prefix and
    suffix still surrounds it, ties going to the occurrence nearest the old offset.
    """
    if is_anchored(text, anchor):
        return anchor.span
    if not anchor.quote:
        return None
    best: tuple[int, int] | None = None
    best_key: tuple[int, int] | None = None
    pos = text.find(anchor.quote)
    while pos != -1:
        end = pos + len(anchor.quote)
        context = (_common_suffix_len(text[max(0, pos - len(anchor.prefix)):pos], anchor.prefix)
                   + _common_prefix_len(text[end:end + len(anchor.suffix)], anchor.suffix))
        key = (context, -abs(pos - anchor.start))
        if best_key is None or key > best_key:
            best, best_key = (pos, end), key
        pos = text.find(anchor.quote, pos + 1)
    return Span(*best) if best else None


def check_anchors(text: str, anchors: dict) -> tuple[dict, list]:
    """Sorts stored anchors (key -> Anchor) against ``text``.

    Returns (moved, lost): ``moved`` maps the key of each anchor whose quote now sits elsewhere to its new
    Span; ``lost`` lists keys whose quote is nowhere in the text. Anchors still in place are in neither.
    """
    moved, lost = {}, []
    for key, anchor in anchors.items():
        if anchor.end <= len(text) and is_anchored(text, anchor):
            continue
        span = reanchor(text, anchor)
        if span is None:
            lost.append(key)
        else:
            moved[key] = span
    return moved, lost
