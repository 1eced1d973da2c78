"""LaneIndex keeps lanes valid (overlapping spans never share one) through any sequence of changes."""

from __future__ import annotations

import random

from desktop_app.core.lanes import LaneIndex


def _check(index: LaneIndex) -> None:
    keys = list(index.lanes)
    assert set(keys) == {k for k in keys if index.span(k) is not None}
    for i, a in enumerate(keys):
        sa = index.span(a)
        for b in keys[i + 1:]:
            sb = index.span(b)
            if sa[0] < sb[1] and sb[0] < sa[1]:
                assert index.lanes[a] != index.lanes[b], (a, sa, b, sb)


def test_overlapping_marks_get_different_lanes_and_disjoint_ones_share():
    index = LaneIndex([("a", 0, 10), ("b", 5, 15), ("c", 20, 30)])
    assert index.lanes["a"] != index.lanes["b"]
    assert index.lanes["c"] == 0
    index.add("d", 2, 4)  # nested in a, overlaps nothing else... but a and b are busy lanes
    _check(index)
    index.remove("a")
    _check(index)
    assert index.lanes["d"] == 0 or index.lanes["b"] != index.lanes["d"]


def test_overlapping_query_finds_long_marks_that_started_far_before():
    index = LaneIndex([("long", 0, 1000), ("short", 500, 505), ("late", 2000, 2010)])
    assert index.overlapping(900, 950) == ["long"]
    assert index.overlapping(501, 502) == ["long", "short"]
    assert index.overlapping(1000, 1999) == []
    assert index.overlapping(2005, 3000) == ["late"]


def test_random_changes_keep_the_invariant():
    rng = random.Random(7)
    index = LaneIndex()
    alive = set()
    for step in range(600):
        if alive and rng.random() < 0.35:
            key = rng.choice(sorted(alive))
            index.remove(key)
            alive.discard(key)
        else:
            start = rng.randrange(0, 500)
            index.add(step, start, start + rng.randrange(1, 40))
            alive.add(step)
        if step % 50 == 0:
            _check(index)
            brute = sorted(k for k in alive if index.span(k)[0] < 260 and index.span(k)[1] > 240)
            assert sorted(index.overlapping(240, 260)) == brute
    _check(index)
