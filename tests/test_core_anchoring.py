"""Anchors: a mark finds its passage again when the text around it changes."""

from __future__ import annotations

import pytest

from desktop_app.core.anchoring import CONTEXT_CHARS, Anchor, is_anchored, make_anchor, reanchor
from desktop_app.core.spans import Span

TEXT = ("The council says the branch is rarely used. Campaigners say the branch is a lifeline "
        "for older residents, and that the branch is rarely used only because its hours were cut.")


def span_of(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence):
        pos = text.index(quote, pos + 1)
    return pos, pos + len(quote)


def test_make_anchor_keeps_quote_and_context():
    start, end = span_of(TEXT, "a lifeline")
    a = make_anchor(TEXT, start, end)
    assert (a.start, a.end) == (start, end)
    assert a.quote == "a lifeline"
    assert a.prefix == TEXT[start - CONTEXT_CHARS:start]
    assert a.suffix == TEXT[end:end + CONTEXT_CHARS]
    assert len(a.prefix) == len(a.suffix) == CONTEXT_CHARS
    assert a.span == Span(start, end)


def test_make_anchor_context_is_cut_at_text_edges():
    a = make_anchor("short text", 0, 5)
    assert (a.quote, a.prefix, a.suffix) == ("short", "", " text")
    b = make_anchor("short text", 6, 10)
    assert (b.quote, b.prefix, b.suffix) == ("text", "short ", "")


def test_make_anchor_custom_context():
    a = make_anchor("abcdefghij", 4, 6, context=2)
    assert (a.prefix, a.quote, a.suffix) == ("cd", "ef", "gh")


@pytest.mark.parametrize("start,end", [(-1, 3), (3, 3), (5, 2), (0, 11), (10, 11)])
def test_make_anchor_refuses_spans_outside_the_text(start, end):
    with pytest.raises(ValueError):
        make_anchor("0123456789", start, end)


def test_is_anchored():
    a = make_anchor(TEXT, *span_of(TEXT, "Campaigners"))
    assert is_anchored(TEXT, a)
    assert not is_anchored("X" + TEXT, a)
    assert not is_anchored(TEXT[:10], a)  # offsets now past the end


def test_reanchor_when_text_is_unchanged():
    a = make_anchor(TEXT, *span_of(TEXT, "rarely used", 2))
    assert reanchor(TEXT, a) == Span(*span_of(TEXT, "rarely used", 2))


def test_reanchor_after_text_inserted_before():
    start, end = span_of(TEXT, "a lifeline")
    a = make_anchor(TEXT, start, end)
    edited = "UPDATED 14 October. " + TEXT
    span = reanchor(edited, a)
    assert span == Span(start + 20, end + 20)
    assert edited[span.start:span.end] == "a lifeline"


def test_reanchor_after_text_removed_before():
    start, end = span_of(TEXT, "older residents")
    a = make_anchor(TEXT, start, end)
    edited = TEXT.replace("The council says ", "")
    span = reanchor(edited, a)
    assert span == Span(start - len("The council says "), end - len("The council says "))


@pytest.mark.parametrize("occurrence", [1, 2])
def test_reanchor_picks_the_occurrence_whose_context_matches(occurrence):
    # "the branch is rarely used" occurs twice; after an insertion before both, the stored context, not
    # the nearest position, must decide which one the mark was on.
    quote = "the branch is rarely used"
    a = make_anchor(TEXT, *span_of(TEXT, quote, occurrence))
    edited = "A" * 200 + " " + TEXT  # now the old offset of the 2nd is nearer the 1st
    span = reanchor(edited, a)
    assert span == Span(*span_of(edited, quote, occurrence))


def test_reanchor_follows_a_quote_whose_offset_is_now_past_the_end():
    text = "alpha one RED beta two RED gamma three RED delta"
    a = make_anchor(text, *span_of(text, "RED", 3), context=8)
    edited = text.replace("alpha one RED beta two RED ", "")
    assert a.end > len(edited)
    assert reanchor(edited, a) == Span(*span_of(edited, "RED", 1))


def test_reanchor_context_beats_distance():
    # The stored context belongs to the first RED below, but after the edit two other REDs sit right
    # beside the old offset. Context must win over position.
    text = "alpha one RED beta two RED gamma three RED delta"
    start, end = span_of(text, "RED", 3)
    a = make_anchor(text, start, end, context=8)
    edited = "gamma three RED delta " + "x" * 14 + " RED RED"
    assert not is_anchored(edited, a)
    decoys = [span_of(edited, "RED", 2)[0], span_of(edited, "RED", 3)[0]]
    assert all(abs(d - start) <= 2 for d in decoys)  # the decoys are much nearer the old offset
    assert reanchor(edited, a) == Span(*span_of(edited, "RED", 1))


def test_reanchor_ties_go_to_the_nearest_occurrence():
    # Without context (context=0) every occurrence scores the same; the one nearest the old offset wins.
    text = "x  x    x x"  # x at 0, 3, 8, 10
    a = make_anchor(text, 8, 9, context=0)
    edited = "zz" + text  # x at 2, 5, 10, 12
    assert not is_anchored(edited, a)
    assert reanchor(edited, a) == Span(10, 11)
    edited = text.replace("x  x    ", "x  x   x  ")  # x at 0, 3, 7, 10, 12: 7 is nearest to 8
    assert not is_anchored(edited, a)
    assert reanchor(edited, a) == Span(7, 8)


def test_reanchor_when_the_quote_is_gone():
    a = make_anchor(TEXT, *span_of(TEXT, "a lifeline"))
    assert reanchor(TEXT.replace("a lifeline", "vital"), a) is None
    assert reanchor("", a) is None


def test_reanchor_with_empty_quote_returns_none():
    a = Anchor(5, 9, "", "", "")
    assert reanchor("nothing to see here", a) is None


def test_reanchor_with_emoji_inserted_before_the_span():
    start, end = span_of(TEXT, "older residents")
    a = make_anchor(TEXT, start, end)
    emoji = "\U0001F469\U0001F3FD\u200D\U0001F680 \U0001F600 "  # 4 + 1 + 1 + 1 code points
    edited = emoji + TEXT
    span = reanchor(edited, a)
    assert span == Span(start + len(emoji), end + len(emoji))
    assert len(emoji) == 7  # code points, not UTF-16 units (which would be 11)
    assert edited[span.start:span.end] == "older residents"


def test_anchor_on_emoji_text_round_trips():
    text = "Launch \U0001F680 day: \u05E9\u05DC\u05D5\u05DD and \U0001F600 again \U0001F600"
    start, end = span_of(text, "\U0001F600", 2)
    a = make_anchor(text, start, end)
    assert reanchor(text, a) == Span(start, end)
    edited = text.replace("Launch", "The launch")
    assert reanchor(edited, a) == Span(*span_of(edited, "\U0001F600", 2))
