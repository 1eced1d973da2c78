"""Matching a student's marks to the answer key: words, the rule's edges, one-to-one pairing, points."""

from __future__ import annotations

import pytest

from desktop_app.core.assignments import SUBMISSION_LAYER
from desktop_app.core.marks import KEY_LAYER, Mark
from desktop_app.core.matching import (MIN_SHARE_OF_LONGER, MIN_SHARE_OF_SHORTER, Tokens, compare, passes_rule,
                                       round_points)

CATS = ["loaded", "unattributed"]
WORDS = " ".join(f"w{i}" for i in range(60)) + "."  # "w0 w1 ... w59." : word i is "w{i}"
TOKENS = Tokens(WORDS)


def chars(a: int, b: int) -> tuple[int, int]:
    """Character span of words a .. b-1 of WORDS."""
    return TOKENS.span(a)[0], TOKENS.span(b - 1)[1]


def key(id_: int, a: int, b: int, category: str = "loaded", bonus: bool = False) -> Mark:
    start, end = chars(a, b)
    return Mark(id_, 1, category, start, end, WORDS[start:end], layer=KEY_LAYER, bonus=bonus)


def mine(id_: int, a: int, b: int, category: str = "loaded", note: str = "") -> Mark:
    start, end = chars(a, b)
    return Mark(id_, 1, category, start, end, WORDS[start:end], note=note, layer=SUBMISSION_LAYER)


def ids(marks) -> list[int]:
    return [m.id for m in marks]


# --- words -------------------------------------------------------------------------------------------

def test_words_are_letter_and_digit_runs_with_code_point_offsets():
    text = "Hello, world! It's 3.5%."
    t = Tokens(text)
    assert [t.word(i) for i in range(len(t))] == ["Hello", "world", "It", "s", "3", "5"]
    assert t.span(1) == (7, 12)
    assert t.indices(3, 9) == range(0, 2)  # "lo, wo": touches Hello and world
    assert list(t.indices(5, 7)) == []  # ", ": punctuation and space only
    assert list(t.indices(12, 13)) == []  # "!"
    assert t.indices(0, len(text)) == range(0, 6)
    assert t.indices(7, 8) == range(1, 2)  # one letter of a word counts the word


def test_right_to_left_and_emoji_offsets_are_code_points():
    text = "שָׁלוֹם 👋🏽 עולם! مُحَمَّد رسول — हिन्दी ok"
    t = Tokens(text)
    words = [t.word(i) for i in range(len(t))]
    # Vowel points, harakat and Devanagari vowel signs stay inside their words; the emoji is no word.
    assert words == ["שָׁלוֹם", "עולם", "مُحَمَّد", "رسول", "हिन्दी", "ok"]
    for i, w in enumerate(words):
        assert t.span(i) == (text.index(w), text.index(w) + len(w))
    wave = text.index("👋")
    assert t.span(1)[0] == wave + 3  # two code points of emoji and a space (UTF-16 would say five)
    assert list(t.indices(wave, wave + 2)) == []  # a mark on the emoji alone covers no word
    dash = text.index("—")
    assert list(t.indices(dash, dash + 1)) == []


def test_joiners_stay_inside_words_but_not_at_their_edges():
    t = Tokens("می\u200cخواهم a\u200d👍 b")
    assert [t.word(i) for i in range(len(t))] == ["می\u200cخواهم", "a", "b"]


def test_indices_on_text_without_words_and_at_the_ends():
    assert len(Tokens("")) == 0 and list(Tokens("").indices(0, 5)) == []
    assert len(Tokens("… !! 🎉")) == 0
    t = Tokens("ab cd")
    assert t.indices(0, 1) == range(0, 1)
    assert t.indices(4, 5) == range(1, 2)
    assert list(t.indices(5, 9)) == []


# --- the rule ----------------------------------------------------------------------------------------

def test_rule_constants():
    assert (MIN_SHARE_OF_SHORTER, MIN_SHARE_OF_LONGER) == (0.5, 0.2)


def test_rule_holds_exactly_at_both_edges():
    assert passes_rule(1, 2, 5)  # 1/2 = 0.5, 1/5 = 0.2
    assert passes_rule(3, 6, 15) and passes_rule(3, 15, 6)
    assert not passes_rule(3, 6, 16)  # 3/16 < 0.2
    assert not passes_rule(3, 7, 15)  # 3/7 < 0.5
    assert not passes_rule(0, 0, 0) and not passes_rule(0, 3, 3)
    for n in range(1, 300):  # a fifth or a half exactly never falls short through float rounding
        assert passes_rule(n, n, 5 * n)
        assert passes_rule(n, 2 * n, 2 * n)
        assert not passes_rule(n, n, 5 * n + 1)
        assert not passes_rule(n, 2 * n + 1, 2 * n + 1)


def test_exactly_half_of_the_shorter_matches_and_less_does_not():
    k = key(100, 0, 4)
    half = compare(TOKENS, [mine(1, 2, 6)], [k], CATS, 10)  # shares w2 w3: 2/4 and 2/4
    assert ids(m.student for m in half.matches) == [1]
    assert half.matches[0].overlap == pytest.approx(2 / 6)
    quarter = compare(TOKENS, [mine(1, 3, 7)], [k], CATS, 10)  # shares w3: 1/4
    assert quarter.matches == () and ids(quarter.extra) == [1] and ids(quarter.missed) == [100]


def test_exactly_a_fifth_of_the_longer_matches_and_less_does_not():
    fifth = compare(TOKENS, [mine(1, 8, 12)], [key(100, 0, 10)], CATS, 10)  # 2 of 4 and 2 of 10
    assert len(fifth.matches) == 1 and fifth.matches[0].overlap == pytest.approx(2 / 12)
    under = compare(TOKENS, [mine(1, 9, 13)], [key(100, 0, 11)], CATS, 10)  # 2 of 4 but 2 of 11
    assert under.matches == ()
    # The same the other way round: a long student mark around a short key mark.
    around = compare(TOKENS, [mine(1, 0, 10)], [key(100, 4, 6)], CATS, 10)  # 2 of 2 and 2 of 10
    assert len(around.matches) == 1
    too_long = compare(TOKENS, [mine(1, 0, 11)], [key(100, 4, 6)], CATS, 10)  # 2 of 11
    assert too_long.matches == ()


def test_the_docstring_example():
    text = ("Farm groups met on Monday. The minister said the plan was a total disaster for farmers. "
            "Nobody else spoke up.")
    t = Tokens(text)

    def at(quote: str, id_: int, layer: str) -> Mark:
        start = text.index(quote)
        return Mark(id_, 1, "loaded", start, start + len(quote), quote, layer=layer)

    k = at("a total disaster", 100, KEY_LAYER)
    tries = {
        "total disaster for farmers": 0.4,  # 2 of 3, 2 of 4; 2 of 5 words in either
        "the plan was a total disaster for farmers": 3 / 8,
        "disaster for farmers": None,  # 1 of 3
        text: None,  # the whole paragraph: 3 of 3 but 3 of 20
    }
    assert len(t) == 20
    for quote, overlap in tries.items():
        c = compare(t, [at(quote, 1, SUBMISSION_LAYER)], [k], ["loaded"], 10)
        assert (c.matches[0].overlap if c.matches else None) == (pytest.approx(overlap) if overlap else None)


def test_categories_must_agree():
    c = compare(TOKENS, [mine(1, 0, 4, "unattributed")], [key(100, 0, 4, "loaded")], CATS, 10)
    assert c.matches == () and c.status_of(1) == "extra"


# --- one to one --------------------------------------------------------------------------------------

def test_two_student_marks_on_one_key_mark_only_the_closer_matches():
    k = key(100, 2, 6)
    exact, shifted = mine(1, 2, 6), mine(2, 3, 7)  # overlaps 1.0 and 3/5
    for order in ([exact, shifted], [shifted, exact]):
        c = compare(TOKENS, order, [k], CATS, 10)
        assert [(m.student.id, m.key.id) for m in c.matches] == [(1, 100)]
        assert ids(c.extra) == [2]
        assert c.status_of(1) == "matched" and c.status_of(2) == "extra"
        assert c.wrong_category == {}


def test_ties_go_to_the_earlier_student_mark_then_the_earlier_key_mark():
    k = key(100, 2, 6)
    c = compare(TOKENS, [mine(2, 3, 7), mine(1, 1, 5)], [k], CATS, 10)  # both share 3 of 5
    assert c.match_for_key(100).student.id == 1
    # One student mark over two key marks it fits equally well: the earlier key mark gets it.
    c = compare(TOKENS, [mine(1, 0, 6)], [key(101, 3, 6), key(100, 0, 3)], CATS, 10)
    assert c.match_for_key(100).student.id == 1 and c.match_for_key(101) is None
    assert ids(c.missed) == [101]


def test_closest_pairs_first_lets_a_long_mark_take_the_other_key_mark():
    # The short mark fits K1 exactly (1.0); the long one fits K1 and K2 equally (0.5) and so gets K2.
    c = compare(TOKENS, [mine(1, 0, 6), mine(2, 0, 3)], [key(100, 0, 3), key(101, 3, 6)], CATS, 10)
    assert c.match_for_key(100).student.id == 2
    assert c.match_for_key(101).student.id == 1
    assert c.extra == () and c.missed == ()
    assert c.match_for_student(1).key.id == 101 and c.match_for_student(3) is None
    assert ids(m.student for m in c.matches) == [1, 2]  # student reading order


# --- wrong category, unknown categories ----------------------------------------------------------------

def test_wrong_category_names_the_key_mark_it_would_have_matched():
    loaded, unattributed = key(100, 2, 6, "loaded"), key(101, 10, 14, "unattributed")
    wrong = mine(1, 10, 14, "loaded")
    nowhere = mine(2, 30, 34, "loaded")
    unknown = mine(3, 2, 6, "statistic")  # a category not in play
    c = compare(TOKENS, [wrong, nowhere, unknown], [loaded, unattributed], CATS, 10)
    assert c.matches == ()
    assert ids(c.extra) == [3, 1, 2]  # reading order
    assert c.wrong_category == {1: unattributed, 3: loaded}
    # ... and the student mark is not in the per-category counts of a category not in play.
    assert list(c.per_category) == CATS
    assert c.per_category["loaded"].marked == 2 and c.per_category["loaded"].extra == 2


def test_wrong_category_prefers_the_closest_key_mark():
    far, near = key(100, 0, 6, "unattributed"), key(101, 2, 5, "source")
    c = compare(TOKENS, [mine(1, 2, 5, "loaded")], [far, near], ["loaded", "unattributed", "source"], 10)
    assert c.wrong_category[1] is near


def test_key_marks_of_a_category_not_in_play_are_left_out():
    c = compare(TOKENS, [mine(1, 0, 3, "statistic")], [key(100, 0, 3, "statistic"), key(101, 5, 8)], CATS, 10)
    assert ids(c.missed) == [101]
    assert c.required_total == 1 and c.matches == ()


# --- scores ------------------------------------------------------------------------------------------

def test_per_category_precision_recall_f1_by_hand():
    key_marks = [key(100, 0, 3), key(101, 5, 8), key(102, 10, 13), key(103, 20, 23, bonus=True),
                 key(104, 30, 33, "unattributed")]
    student = [mine(1, 0, 3), mine(2, 20, 23), mine(3, 40, 43), mine(4, 50, 53),  # loaded: 2 right, 2 extra
               mine(5, 45, 47, "unattributed")]
    c = compare(TOKENS, student, key_marks, CATS, 10)
    loaded = c.per_category["loaded"]
    assert (loaded.required, loaded.found, loaded.bonus, loaded.bonus_found) == (3, 1, 1, 1)
    assert (loaded.marked, loaded.extra) == (4, 2)
    assert loaded.precision == 0.5  # the bonus find counts as correct: 2 of 4
    assert loaded.recall == pytest.approx(1 / 3)
    assert loaded.f1 == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))  # 0.4
    un = c.per_category["unattributed"]
    assert (un.required, un.found, un.marked, un.extra) == (1, 0, 1, 1)
    assert (un.precision, un.recall, un.f1) == (0.0, 0.0, 0.0)
    assert (c.required_found, c.required_total, c.bonus_found, c.bonus_total) == (1, 4, 1, 1)
    assert c.points == 5.0  # 10 x (1 + 1) / 4
    assert ids(c.missed) == [101, 102, 104]


def test_bonus_finds_make_up_for_missed_marks_but_never_exceed_the_total():
    key_marks = [key(100, 0, 3), key(101, 5, 8), key(102, 10, 13, bonus=True), key(103, 15, 18, bonus=True)]
    one_of_each = compare(TOKENS, [mine(1, 0, 3), mine(2, 10, 13)], key_marks, CATS, 10)
    assert one_of_each.points == 10.0  # (1 + 1) / 2
    everything = compare(TOKENS, [mine(1, 0, 3), mine(2, 5, 8), mine(3, 10, 13), mine(4, 15, 18)],
                         key_marks, CATS, 10)
    assert everything.points == 10.0  # (2 + 2) / 2, capped
    only_bonus = compare(TOKENS, [mine(3, 10, 13)], key_marks, CATS, 10)
    assert only_bonus.points == 5.0


def test_points_round_to_a_tenth_halves_up():
    key_marks = [key(100, 0, 3), key(101, 5, 8), key(102, 10, 13)]
    assert compare(TOKENS, [mine(1, 0, 3)], key_marks, CATS, 10).points == 3.3  # 3.333
    assert compare(TOKENS, [mine(1, 0, 3), mine(2, 5, 8)], key_marks, CATS, 10).points == 6.7  # 6.667
    two = key_marks[:2]
    assert compare(TOKENS, [mine(1, 0, 3)], two, CATS, 14.5).points == 7.3  # 7.25: round() would say 7.2
    assert round_points(0.05) == 0.1 and round_points(2.0) == 2.0 and round_points(0.0) == 0.0


def test_only_bonus_key_marks():
    key_marks = [key(100, 0, 3, bonus=True), key(101, 5, 8, bonus=True)]
    found = compare(TOKENS, [mine(1, 5, 8)], key_marks, CATS, 20)
    assert found.points == 20.0 and found.has_key and found.required_total == 0
    assert found.per_category["loaded"].recall is None and found.per_category["loaded"].f1 is None
    assert compare(TOKENS, [mine(1, 40, 43)], key_marks, CATS, 20).points == 0.0


def test_no_key_gives_no_points_and_everything_is_extra():
    c = compare(TOKENS, [mine(2, 5, 8), mine(1, 0, 3)], [], CATS, 10)
    assert not c.has_key and c.points == 0.0 and c.total == 10.0
    assert ids(c.extra) == [1, 2] and c.matches == () and c.missed == ()
    loaded = c.per_category["loaded"]
    assert (loaded.precision, loaded.recall, loaded.f1) == (0.0, None, None)
    assert c.per_category["unattributed"].precision is None


def test_empty_submission_misses_every_key_mark_in_reading_order():
    key_marks = [key(102, 10, 13, bonus=True), key(100, 0, 3), key(101, 0, 2, "unattributed")]
    c = compare(TOKENS, [], key_marks, CATS, 10)
    assert ids(c.missed) == [100, 101, 102]  # same start: the longer first, as in MarkSet
    assert c.points == 0.0 and c.extra == () and c.matches == ()
    loaded = c.per_category["loaded"]
    assert (loaded.marked, loaded.precision, loaded.recall, loaded.f1) == (0, None, 0.0, None)


def test_a_mark_on_punctuation_only_matches_nothing():
    text = "Yes — no, maybe."
    t = Tokens(text)
    dash = text.index("—")
    student = Mark(1, 1, "loaded", dash, dash + 1, "—", layer=SUBMISSION_LAYER)
    k = Mark(100, 1, "loaded", dash, dash + 1, "—", layer=KEY_LAYER)
    c = compare(t, [student], [k], ["loaded"], 10)
    assert c.matches == () and ids(c.extra) == [1] and ids(c.missed) == [100]
    assert c.wrong_category == {}


def test_status_of_an_unknown_mark_is_an_error():
    c = compare(TOKENS, [mine(1, 0, 3)], [key(100, 0, 3)], CATS, 10)
    assert c.status_of(1) == "matched"
    with pytest.raises(KeyError):
        c.status_of(99)
    assert c.match_for_key(100).overlap == 1.0 and c.match_for_key(555) is None


def test_many_marks_give_the_same_result_in_any_order():
    import random

    rng = random.Random(7)
    key_marks = [key(100 + i, a, a + rng.randint(1, 5), rng.choice(CATS), bonus=i % 5 == 0)
                 for i, a in enumerate(range(0, 54, 6))]
    student = [mine(i, a, min(60, a + rng.randint(1, 6)), rng.choice(CATS))
               for i, a in enumerate(rng.randrange(0, 58) for _ in range(40))]
    first = compare(TOKENS, student, key_marks, CATS, 10)
    for _ in range(5):
        rng.shuffle(student)
        rng.shuffle(key_marks)
        again = compare(TOKENS, student, key_marks, CATS, 10)
        assert [(m.student.id, m.key.id) for m in again.matches] == [(m.student.id, m.key.id)
                                                                     for m in first.matches]
        assert ids(again.extra) == ids(first.extra) and ids(again.missed) == ids(first.missed)
        assert again.points == first.points
    # Every match obeys the rule and the pairing is one to one.
    assert len({m.key.id for m in first.matches}) == len(first.matches)
    assert len(first.matches) + len(first.extra) == len(student)
