"""Spans, segments of overlapping marks, underline lanes, keyboard nudging and clamping."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest

from desktop_app.core.spans import Segment, Span, assign_lanes, clamp, nudge, segments

# --- Span ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("start,end", [(0, 0), (5, 5), (5, 2), (-1, 3), (-2, -1)])
def test_invalid_spans_are_refused(start, end):
    with pytest.raises(ValueError):
        Span(start, end)


def test_valid_span_and_length():
    s = Span(0, 1)
    assert len(s) == 1
    assert len(Span(3, 10)) == 7


@pytest.mark.parametrize("a,b,expected", [
    ((0, 5), (3, 8), True),
    ((0, 5), (5, 8), False),  # adjacent: half-open spans do not overlap
    ((0, 5), (6, 8), False),
    ((0, 10), (2, 4), True),  # nested
    ((2, 4), (2, 4), True),  # identical
    ((0, 1), (0, 1), True),
])
def test_overlaps_is_symmetric(a, b, expected):
    assert Span(*a).overlaps(Span(*b)) is expected
    assert Span(*b).overlaps(Span(*a)) is expected


def test_contains():
    outer = Span(0, 10)
    assert outer.contains(Span(2, 4))
    assert outer.contains(Span(0, 10))
    assert outer.contains(Span(0, 1))
    assert outer.contains(Span(9, 10))
    assert not outer.contains(Span(9, 11))
    assert not Span(2, 4).contains(outer)
    assert not outer.contains(Span(10, 12))


def test_intersection_and_overlap_length():
    assert Span(0, 5).intersection(Span(3, 8)) == Span(3, 5)
    assert Span(3, 8).intersection(Span(0, 5)) == Span(3, 5)
    assert Span(0, 10).intersection(Span(2, 4)) == Span(2, 4)
    assert Span(0, 5).intersection(Span(5, 8)) is None
    assert Span(0, 5).intersection(Span(7, 8)) is None
    assert Span(0, 5).overlap_length(Span(3, 8)) == 2
    assert Span(0, 5).overlap_length(Span(5, 8)) == 0
    assert Span(0, 5).overlap_length(Span(20, 30)) == 0
    assert Span(0, 10).overlap_length(Span(2, 4)) == 2


def test_spans_sort_by_start_then_end():
    assert sorted([Span(3, 4), Span(0, 9), Span(0, 2)]) == [Span(0, 2), Span(0, 9), Span(3, 4)]


# --- segments ------------------------------------------------------------------------------------

def seg(start, end, *keys):
    return Segment(start, end, tuple(keys))


def test_segments_of_nothing():
    assert segments([]) == []
    assert segments(iter(())) == []


def test_single_item():
    assert segments([(2, 5, "a")]) == [seg(2, 5, "a")]


def test_overlapping_items():
    assert segments([(0, 5, "a"), (3, 8, "b")]) == [seg(0, 3, "a"), seg(3, 5, "a", "b"), seg(5, 8, "b")]


def test_nested_items_outermost_first_whatever_the_input_order():
    expected = [seg(0, 2, "outer"), seg(2, 4, "outer", "inner"), seg(4, 10, "outer")]
    assert segments([(0, 10, "outer"), (2, 4, "inner")]) == expected
    assert segments([(2, 4, "inner"), (0, 10, "outer")]) == expected


def test_same_start_longer_item_is_outer():
    assert segments([(0, 4, "short"), (0, 10, "long")]) == [seg(0, 4, "long", "short"), seg(4, 10, "long")]


def test_three_deep_nesting_order():
    items = [(4, 6, "c"), (0, 10, "a"), (2, 8, "b")]
    assert segments(items) == [
        seg(0, 2, "a"), seg(2, 4, "a", "b"), seg(4, 6, "a", "b", "c"), seg(6, 8, "a", "b"), seg(8, 10, "a"),
    ]


def test_adjacent_items_are_separate_segments_without_a_gap():
    assert segments([(0, 3, "a"), (3, 6, "b")]) == [seg(0, 3, "a"), seg(3, 6, "b")]


def test_gaps_are_left_out():
    assert segments([(0, 2, "a"), (5, 7, "b")]) == [seg(0, 2, "a"), seg(5, 7, "b")]


def test_identical_items_share_one_segment_in_input_order():
    assert segments([(1, 4, "a"), (1, 4, "b")]) == [seg(1, 4, "a", "b")]
    assert segments([(1, 4, "b"), (1, 4, "a")]) == [seg(1, 4, "b", "a")]


def test_empty_and_reversed_items_are_ignored():
    assert segments([(3, 3, "empty"), (5, 2, "reversed")]) == []
    assert segments([(3, 3, "empty"), (0, 5, "a")]) == [seg(0, 5, "a")]


def test_keys_can_be_any_hashable_even_equal():
    # Two marks with the same key (e.g. a category) still count as two items.
    assert segments([(0, 4, 1), (2, 6, 1)]) == [seg(0, 2, 1), seg(2, 4, 1, 1), seg(4, 6, 1)]


def test_segments_property_on_random_items():
    rng = random.Random(42)
    for _ in range(300):
        n = rng.randint(0, 8)
        items = []
        for k in range(n):
            s = rng.randint(0, 30)
            items.append((s, s + rng.randint(1, 12), k))  # distinct keys
        out = segments(items)
        # Segments are ordered, non-empty and do not overlap.
        for a, b in pairwise(out):
            assert a.end <= b.start
        for sg in out:
            assert sg.start < sg.end
            # Every position of the segment is covered by exactly these keys...
            for p in range(sg.start, sg.end):
                assert set(sg.keys) == {k for s, e, k in items if s <= p < e}
            # ...listed outermost first: by start, then longest.
            ranks = [(items[k][0], -items[k][1]) for k in sg.keys]
            assert ranks == sorted(ranks)
        # Every covered position is in some segment; every uncovered one in none.
        covered = {p for s, e, _ in items for p in range(s, e)}
        assert covered == {p for sg in out for p in range(sg.start, sg.end)}
        # Maximal: neighbouring segments that touch have different key sets.
        for a, b in pairwise(out):
            if a.end == b.start:
                assert set(a.keys) != set(b.keys)


# --- lanes ---------------------------------------------------------------------------------------

def test_no_spans_no_lanes():
    assert assign_lanes([]) == []


def test_disjoint_and_adjacent_spans_reuse_lane_zero():
    assert assign_lanes([(0, 2), (3, 5), (5, 8), (20, 30)]) == [0, 0, 0, 0]


def test_overlapping_spans_get_different_lanes():
    assert assign_lanes([(0, 5), (3, 8)]) == [0, 1]


def test_lanes_are_returned_in_input_order():
    assert assign_lanes([(3, 8), (0, 5)]) == [1, 0]


def test_nested_spans_stack_and_siblings_share():
    assert assign_lanes([(0, 10), (2, 4), (5, 7)]) == [0, 1, 1]


def test_identical_spans_get_different_lanes():
    lanes = assign_lanes([(1, 4), (1, 4), (1, 4)])
    assert sorted(lanes) == [0, 1, 2]


def test_lane_freed_after_a_span_ends_is_reused():
    assert assign_lanes([(0, 10), (1, 3), (4, 12), (11, 15)]) == [0, 1, 1, 0]


def _max_depth(spans):
    points = {s for s, _ in spans}
    return max((sum(1 for s, e in spans if s <= p < e) for p in points), default=0)


def test_lanes_invariant_on_random_spans():
    rng = random.Random(1234)
    for _ in range(300):
        spans = []
        for _ in range(rng.randint(0, 12)):
            s = rng.randint(0, 40)
            spans.append((s, s + rng.randint(1, 15)))
        lanes = assign_lanes(spans)
        assert len(lanes) == len(spans)
        for i in range(len(spans)):
            for j in range(i + 1, len(spans)):
                if Span(*spans[i]).overlaps(Span(*spans[j])):
                    assert lanes[i] != lanes[j], (spans, lanes)
        # Greedy colouring of intervals by start is optimal: no more lanes than the deepest overlap.
        assert (max(lanes) + 1 if lanes else 0) == _max_depth(spans)


# --- nudge ---------------------------------------------------------------------------------------

TEXT = "The quick brown fox"  # The 0-3, quick 4-9, brown 10-15, fox 16-19


@pytest.mark.parametrize("span,edge,direction,expected", [
    ((4, 9), "end", +1, (4, 15)),  # widen by "brown"
    ((4, 15), "end", -1, (4, 9)),  # narrow back
    ((4, 9), "start", -1, (0, 9)),  # widen by "The"
    ((0, 9), "start", +1, (4, 9)),  # narrow: drop "The"
    ((4, 19), "start", +1, (10, 19)),
    ((4, 7), "end", +1, (4, 9)),  # end inside a word moves to that word's end
    ((6, 9), "start", -1, (4, 9)),  # start inside a word moves to that word's start
    ((3, 10), "end", -1, (3, 9)),  # span starting in the space
])
def test_nudge_moves_by_words(span, edge, direction, expected):
    assert nudge(TEXT, *span, edge, direction) == expected


@pytest.mark.parametrize("span,edge,direction", [
    ((4, 9), "end", -1),  # one word: narrowing the end would empty it
    ((4, 9), "start", +1),  # same for the start
    ((5, 7), "start", +1),  # inside one word
    ((5, 7), "end", -1),
])
def test_nudge_never_empties_a_span(span, edge, direction):
    assert nudge(TEXT, *span, edge, direction) == span


@pytest.mark.parametrize("span,edge,direction", [
    ((0, 3), "start", -1),  # already at the start of the text
    ((16, 19), "end", +1),  # already at the end of the text
])
def test_nudge_at_text_edges_stays(span, edge, direction):
    assert nudge(TEXT, *span, edge, direction) == span


def test_nudge_treats_punctuation_as_part_of_a_word():
    text = "Yes, he said. No!"
    assert nudge(text, 0, 4, "end", +1) == (0, 7)  # "Yes," -> "Yes, he"
    assert nudge(text, 5, 7, "end", +1) == (5, 13)  # "he" -> "he said."


def test_nudge_across_newlines_and_emoji():
    text = "first line\n\n\U0001F600 second"
    start = text.index("\U0001F600")
    assert nudge(text, 0, 5, "end", +1) == (0, 10)
    assert nudge(text, 6, 10, "end", +1) == (6, start + 1)  # the emoji is one code point, one word
    assert nudge(text, start, start + 1, "start", -1) == (6, start + 1)


def test_nudge_rejects_an_unknown_edge():
    with pytest.raises(ValueError):
        nudge(TEXT, 4, 9, "middle", 1)


def test_nudge_random_invariants():
    rng = random.Random(99)
    words = ["a", "bb", "ccc", "d,", "\u05E9\u05DC\u05D5\u05DD", "\U0001F600", "e\u0301"]
    seps = [" ", "  ", "\n", "\n\n", "\t"]
    for _ in range(400):
        text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 10)))
        start = rng.randint(0, len(text) - 1)
        end = rng.randint(start + 1, len(text))
        edge = rng.choice(["start", "end"])
        direction = rng.choice([-1, 1])
        new_start, new_end = nudge(text, start, end, edge, direction)
        assert 0 <= new_start < new_end <= len(text)
        if edge == "start":
            assert new_end == end
            if new_start != start:
                # A word starts there.
                assert not text[new_start].isspace() and (new_start == 0 or text[new_start - 1].isspace())
                assert (new_start < start) == (direction < 0)
        else:
            assert new_start == start
            if new_end != end:
                assert not text[new_end - 1].isspace() and (new_end == len(text) or text[new_end].isspace())
                assert (new_end > end) == (direction > 0)


# --- clamp ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("start,end,length,expected", [
    (2, 5, 10, (2, 5)),
    (5, 2, 10, (2, 5)),  # reversed selection is ordered
    (-3, 4, 10, (0, 4)),
    (4, 30, 10, (4, 10)),
    (-5, 30, 10, (0, 10)),
    (30, -5, 10, (0, 10)),
    (12, 15, 10, (10, 10)),  # wholly past the end collapses at the end
    (0, 0, 0, (0, 0)),
])
def test_clamp(start, end, length, expected):
    assert clamp(start, end, length) == expected


# --- snapping a selection to whole words ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "selected", "expected"), [
    ("the demonizing Iran plan", "monizing Ira", "demonizing Iran"),  # both ends inside words
    ("as “betting against the town”", "betting against", "betting against"),  # whole words stay as they are
    ("  Critics slammed it  ", "  Critics ", "Critics"),  # spaces trimmed
    ("They don't care", "on't", "don't"),  # an apostrophe between letters is inside the word
    ("حركة حماس قالت", "ركة حم", "حركة حماس"),  # Arabic, right to left in reading, code points here
    ("नमस्ते दुनिया", "मस्", "नमस्ते"),  # Hindi: vowel signs are marks inside the word
    ("a 👨‍👩‍👧 b", "👨", "👨"),  # an emoji is no word: left as selected
])
def test_a_selection_grows_to_whole_words(text, selected, expected):
    from desktop_app.core.spans import snap_to_words

    start = text.index(selected)
    lo, hi = snap_to_words(text, start, start + len(selected))
    assert text[lo:hi] == expected


def test_word_steps_pass_over_punctuation_and_a_sentence_is_found_around_a_position():
    from desktop_app.core.spans import sentence_at, word_step

    text = "Critics — “who slammed it” — said no. The council voted!\nNext paragraph here."
    after_critics = word_step(text, 0, 1)
    assert text[:after_critics] == "Critics"
    assert text[after_critics:word_step(text, after_critics, 1)] == " — “who"  # the dash and quote are passed over
    assert word_step(text, text.index("said"), -1) == text.index("it”")
    s, e = sentence_at(text, text.index("council"))
    assert text[s:e] == "The council voted!"
    s, e = sentence_at(text, text.index("slammed"))
    assert text[s:e] == "Critics — “who slammed it” — said no."
    s, e = sentence_at(text, text.index("paragraph"))
    assert text[s:e] == "Next paragraph here."
