"""The one place that converts between Python code-point offsets and Qt's UTF-16 positions.

Lede stores every offset in Unicode code points (as Python strings, the W3C Web Annotation model and
REFI-QDA count them). Qt's QTextDocument counts UTF-16 code units, so every character outside the Basic
Multilingual Plane (most emoji, some CJK, historic scripts) takes two Qt positions but one Python index.
Combining marks and right-to-left letters are ordinary BMP code points: one index in both worlds.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class Utf16Map:
    """Converts offsets for one fixed text in O(log n), after one O(n) scan.

    Only the positions of astral (non-BMP) characters are kept, so a text without emoji costs one list.
    """

    __slots__ = ("_astral_cp", "_astral_u16", "_length_cp", "_length_u16")

    def __init__(self, text: str) -> None:
        # Fast path: an all-BMP text encodes to exactly twice its length in UTF-16-LE.
        astral_cp: list[int] = []
        if len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):
            astral_cp = [m.start() for m in _ASTRAL.finditer(text)]  # the scan runs in C
        self._astral_cp = astral_cp
        # The UTF-16 position of the k-th astral character is its code-point index plus k.
        self._astral_u16 = [cp + k for k, cp in enumerate(astral_cp)]
        self._length_cp = len(text)
        self._length_u16 = len(text) + len(astral_cp)

    @property
    def length_cp(self) -> int:
        return self._length_cp

    @property
    def length_utf16(self) -> int:
        return self._length_u16

    def to_utf16(self, cp: int) -> int:
        """Qt position of the code-point offset ``cp`` (0 <= cp <= len(text))."""
        if not 0 <= cp <= self._length_cp:
            raise ValueError(f"code-point offset {cp} outside 0..{self._length_cp}")
        return cp + bisect_left(self._astral_cp, cp)

    def to_codepoint(self, u16: int) -> int:
        """Code-point offset of the Qt position ``u16``.

        A position in the middle of a surrogate pair (which Qt can report for a cursor moved by code
        unit) snaps back to the start of that character, so a span never splits an emoji.
        """
        if not 0 <= u16 <= self._length_u16:
            raise ValueError(f"UTF-16 position {u16} outside 0..{self._length_u16}")
        k = bisect_left(self._astral_u16, u16)  # astral characters starting before u16
        if k and self._astral_u16[k - 1] == u16 - 1:
            # u16 is the low surrogate of astral character k-1: snap to its start.
            return self._astral_cp[k - 1]
        return u16 - k
