"""Utf16Map: Python code-point offsets <-> Qt's UTF-16 positions."""

from __future__ import annotations

import random

import pytest

from desktop_app.core.offsets import Utf16Map

ASTRONAUT = "\U0001F469\U0001F3FD\u200D\U0001F680"  # 👩🏽‍🚀: woman, skin tone, ZWJ, rocket
GRIN = "\U0001F600"  # 😀


def u16_ref(text: str, i: int) -> int:
    """The reference: how many UTF-16 code units the first ``i`` code points take."""
    return len(text[:i].encode("utf-16-le", "surrogatepass")) // 2


def check_all_positions(text: str) -> Utf16Map:
    m = Utf16Map(text)
    assert m.length_cp == len(text)
    assert m.length_utf16 == u16_ref(text, len(text))
    for i in range(len(text) + 1):
        u = m.to_utf16(i)
        assert u == u16_ref(text, i), (text, i)
        assert m.to_codepoint(u) == i, (text, i)
    return m


# --- fixed texts ---------------------------------------------------------------------------------

def test_empty_text():
    m = Utf16Map("")
    assert (m.length_cp, m.length_utf16) == (0, 0)
    assert m.to_utf16(0) == 0
    assert m.to_codepoint(0) == 0


def test_ascii_is_identity():
    text = "The council will vote next Tuesday."
    m = check_all_positions(text)
    assert m.length_utf16 == len(text)
    assert [m.to_utf16(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))


def test_single_astral_emoji_takes_two_units():
    text = f"a{GRIN}b"
    m = check_all_positions(text)
    assert m.length_cp == 3
    assert m.length_utf16 == 4
    assert [m.to_utf16(i) for i in range(4)] == [0, 1, 3, 4]
    assert m.to_codepoint(3) == 2  # "b" starts after both surrogates


def test_zwj_sequence():
    # Four code points, three of them astral (the ZWJ is BMP): 3*2 + 1 = 7 units.
    assert len(ASTRONAUT) == 4
    text = f"Crew: {ASTRONAUT} launched"
    m = check_all_positions(text)
    assert m.length_utf16 == len(text) + 3
    start = text.index(ASTRONAUT)
    assert m.to_utf16(start) == start
    assert m.to_utf16(start + 1) == start + 2  # after the woman
    assert m.to_utf16(start + 2) == start + 4  # after the skin tone
    assert m.to_utf16(start + 3) == start + 5  # after the ZWJ (one unit)
    assert m.to_utf16(start + 4) == start + 7  # after the rocket


def test_text_of_only_emoji():
    text = GRIN * 5
    m = check_all_positions(text)
    assert m.length_utf16 == 10
    assert [m.to_utf16(i) for i in range(6)] == [0, 2, 4, 6, 8, 10]


def test_emoji_at_both_ends():
    check_all_positions(f"{GRIN}middle{ASTRONAUT}")


@pytest.mark.parametrize("text", [
    "cafe\u0301 au lait",  # e + combining acute
    "Vi\u1EC7t Nam: Ti\u00EA\u0301ng Vi\u00EA\u0323\u0302t",  # precomposed and stacked combining marks
    "Nguye\u0302\u0303n",  # two combining marks on one letter
])
def test_combining_marks_are_one_unit_each(text):
    m = check_all_positions(text)
    assert m.length_utf16 == len(text)


@pytest.mark.parametrize("text", [
    "\u05E9\u05DC\u05D5\u05DD \u05E2\u05D5\u05DC\u05DD",  # Hebrew "shalom olam"
    "\u05D1\u05BC\u05B0\u05E8\u05B5\u05D0\u05E9\u05C1\u05B4\u05D9\u05EA",  # Hebrew with niqqud (combining points)
    "\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",  # Arabic "marhaban bil-alam"
    "\u0627\u0644\u0633\u0651\u064E\u0644\u0627\u0645",  # Arabic with shadda and fatha
])
def test_right_to_left_text_is_bmp_so_offsets_are_equal(text):
    m = check_all_positions(text)
    assert m.length_utf16 == len(text)
    assert all(m.to_utf16(i) == i for i in range(len(text) + 1))


def test_mixed_text():
    text = (f"He said \u05E9\u05DC\u05D5\u05DD {GRIN} and cafe\u0301 "
            f"\u0645\u0631\u062D\u0628\u0627 {ASTRONAUT} \U00020BB7 end")  # includes a CJK Ext-B character
    m = check_all_positions(text)
    assert m.length_utf16 == len(text) + 5  # 😀, 3 astral in the ZWJ sequence, 𠮷


def test_lone_surrogate_does_not_break_the_map():
    # Python can hold an unpaired surrogate (e.g. from a broken file); it is one unit in both worlds.
    text = "a\ud83db"
    m = check_all_positions(text)
    assert m.length_utf16 == 3


# --- snapping and errors -------------------------------------------------------------------------

def test_position_inside_surrogate_pair_snaps_back():
    text = f"ab{GRIN}cd"
    m = Utf16Map(text)
    assert m.to_codepoint(2) == 2  # before the emoji
    assert m.to_codepoint(3) == 2  # between its surrogates: snaps to the emoji's start
    assert m.to_codepoint(4) == 3  # after it


def test_every_low_surrogate_position_snaps_to_its_character():
    text = f"x{ASTRONAUT}y{GRIN}{GRIN}z"
    m = Utf16Map(text)
    for i, ch in enumerate(text):
        if ord(ch) > 0xFFFF:
            assert m.to_codepoint(u16_ref(text, i) + 1) == i


@pytest.mark.parametrize("bad", [-1, 4, 100])
def test_code_point_out_of_range(bad):
    m = Utf16Map(f"a{GRIN}b")  # 3 code points
    with pytest.raises(ValueError):
        m.to_utf16(bad)


@pytest.mark.parametrize("bad", [-1, 5, 100])
def test_utf16_position_out_of_range(bad):
    m = Utf16Map(f"a{GRIN}b")  # 4 units
    with pytest.raises(ValueError):
        m.to_codepoint(bad)


def test_end_positions_are_in_range():
    m = Utf16Map(f"a{GRIN}b")
    assert m.to_utf16(3) == 4
    assert m.to_codepoint(4) == 3


# --- property-style comparison with the reference (hypothesis is not installed: seeded loop) -------

ALPHABET = (
    list("abc XYZ.,\n\t")
    + ["\u0301", "\u0323", "\u0302", "\u200D", "\uFE0F", "\u00E9", "\u1EC7"]  # combining, ZWJ, VS16, Latin
    + ["\u05E9", "\u05DC", "\u05BC", "\u0645", "\u0631", "\u0651"]  # Hebrew, Arabic
    + ["\u4E2D", "\uFFFD", "\uFFFF"]  # BMP CJK, replacement, last BMP
    + ["\U0001F600", "\U0001F469", "\U0001F3FD", "\U0001F680", "\U00010000", "\U00020BB7", "\U0010FFFF"]
)


def test_random_texts_match_the_reference():
    rng = random.Random(20261125)
    for _ in range(300):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60)))
        m = check_all_positions(text)
        # Every UTF-16 position maps to a code point whose UTF-16 start is at or just before it.
        for u in range(m.length_utf16 + 1):
            cp = m.to_codepoint(u)
            assert 0 <= cp <= len(text)
            assert u16_ref(text, cp) in (u, u - 1)
            if u16_ref(text, cp) == u - 1:  # only inside a surrogate pair
                assert ord(text[cp]) > 0xFFFF


def test_long_text_with_sparse_emoji():
    rng = random.Random(7)
    parts = []
    for _ in range(2000):
        parts.append("word ")
        if rng.random() < 0.05:
            parts.append(GRIN)
    text = "".join(parts)
    m = Utf16Map(text)
    for i in rng.sample(range(len(text) + 1), 500):
        assert m.to_utf16(i) == u16_ref(text, i)
        assert m.to_codepoint(m.to_utf16(i)) == i
