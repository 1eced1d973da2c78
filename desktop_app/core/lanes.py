"""Where each mark's line goes, kept up to date one change at a time.

Overlapping marks are drawn as separate lines in separate lanes. Recomputing every lane after each mark
costs O(n log n) for an article with thousands of marks; but a change can only move the lanes of the
marks it is connected to through overlaps (its cluster), so only that cluster is recomputed. The same
index answers "which marks touch this stretch of text" for painting only what is on screen.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Hashable, Iterable

from desktop_app.core.spans import assign_lanes


class LaneIndex:
    def __init__(self, items: Iterable[tuple[Hashable, int, int]] = ()) -> None:
        self.lanes: dict[Hashable, int] = {}
        self.reset(items)

    def reset(self, items: Iterable[tuple[Hashable, int, int]]) -> None:
        self._spans = {key: (s, e) for key, s, e in items}
        self._starts = sorted((s, i, key) for i, (key, (s, _)) in enumerate(self._spans.items()))
        self._order = {key: i for i, (key, _) in enumerate(self._spans.items())}  # tie-break in _starts
        self._next = len(self._spans)
        self._max_len = max((e - s for s, e in self._spans.values()), default=0)
        keys = list(self._spans)
        self.lanes = dict(zip(keys, assign_lanes([self._spans[k] for k in keys]), strict=True))

    def __len__(self) -> int:
        return len(self._spans)

    def span(self, key: Hashable) -> tuple[int, int] | None:
        return self._spans.get(key)

    def overlapping(self, lo: int, hi: int) -> list[Hashable]:
        """Keys of the spans that share at least one character with lo..hi, in order of start."""
        first = bisect_left(self._starts, (lo - self._max_len,))
        last = bisect_left(self._starts, (hi,))
        return [key for s, _, key in self._starts[first:last] if self._spans[key][1] > lo]

    def add(self, key: Hashable, start: int, end: int) -> None:
        if key in self._spans:
            self.remove(key)
        self._spans[key] = (start, end)
        self._order[key] = self._next
        self._next += 1
        insort(self._starts, (start, self._order[key], key))
        self._max_len = max(self._max_len, end - start)
        self._relane(start, end)

    def remove(self, key: Hashable) -> None:
        span = self._spans.pop(key, None)
        if span is None:
            return
        entry = (span[0], self._order.pop(key), key)
        del self._starts[bisect_left(self._starts, entry)]
        self.lanes.pop(key, None)
        self._relane(*span)

    def _relane(self, lo: int, hi: int) -> None:
        # Grow lo..hi until no mark overlapping it reaches outside: that is the change's cluster.
        while True:
            keys = self.overlapping(lo, hi)
            if not keys:
                return
            new_lo = min(lo, min(self._spans[k][0] for k in keys))
            new_hi = max(hi, max(self._spans[k][1] for k in keys))
            if (new_lo, new_hi) == (lo, hi):
                break
            lo, hi = new_lo, new_hi
        self.lanes.update(zip(keys, assign_lanes([self._spans[k] for k in keys]), strict=True))
