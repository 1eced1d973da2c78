"""The class at once: agreement (Krippendorff's alpha), alike pairs, stretches, key tallies, common extras."""

from __future__ import annotations

import random

import pytest

from desktop_app.core.agreement import (SimilarPair, category_alpha, class_alpha, krippendorff_alpha_nominal,
                                        similar_pairs, token_labels)
from desktop_app.core.assignments import SUBMISSION_LAYER
from desktop_app.core.class_view import (ExtraTally, Stretch, anonymous_names, build_class_view,
                                         class_stretches)
from desktop_app.core.marks import KEY_LAYER, Mark
from desktop_app.core.matching import Tokens, compare

CATS = ["loaded", "unattributed"]
WORDS = " ".join(f"w{i}" for i in range(60)) + "."
TOKENS = Tokens(WORDS)


def chars(a: int, b: int) -> tuple[int, int]:
    return TOKENS.span(a)[0], TOKENS.span(b - 1)[1]


def mark(id_: int, a: int, b: int, category: str = "loaded", note: str = "", layer: str = SUBMISSION_LAYER,
         bonus: bool = False) -> Mark:
    start, end = chars(a, b)
    return Mark(id_, 1, category, start, end, WORDS[start:end], note=note, layer=layer, bonus=bonus)


# --- Krippendorff's alpha ------------------------------------------------------------------------------

def test_alpha_matches_krippendorffs_published_nominal_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers, twelve
    # units, values 1-5, "." missing. Published result: nominal alpha = 0.743.
    a = "1 2 3 3 2 1 4 1 2 . . ."
    b = "1 2 3 3 2 2 4 1 2 5 . 3"
    c = ". 3 3 3 2 3 4 2 2 5 1 ."
    d = "1 2 3 3 2 4 4 1 2 5 1 ."
    rows = [row.split() for row in (a, b, c, d)]
    units = [[v for v in column if v != "."] for column in zip(*rows, strict=True)]
    alpha = krippendorff_alpha_nominal(units)
    assert round(alpha, 3) == 0.743


def test_alpha_perfect_systematic_and_undefined():
    assert krippendorff_alpha_nominal([[1, 1, 1], [2, 2], [3, 3, 3, 3], [9]]) == 1.0
    # Two coders always swapping two values: n = 4, 4 disagreeing pairs, expected 16 - 8 -> 1 - 3 * 4 / 8.
    assert krippendorff_alpha_nominal([["a", "b"], ["b", "a"]]) == pytest.approx(-0.5)
    assert krippendorff_alpha_nominal([]) is None
    assert krippendorff_alpha_nominal([[1], [2], []]) is None  # nothing pairable
    assert krippendorff_alpha_nominal([[1, 1], [1, 1, 1]]) is None  # no variation: nothing to expect


def test_token_labels_take_the_innermost_mark():
    marks = [mark(1, 0, 6, "loaded"), mark(2, 2, 4, "unattributed"), mark(3, 3, 6, "source")]
    labels = token_labels(TOKENS, marks)
    assert labels[:7] == ["loaded", "loaded", "unattributed", "unattributed", "source", "source", ""]
    assert set(labels[7:]) == {""} and len(labels) == len(TOKENS)


def test_class_and_category_alpha_by_hand_on_four_words():
    text = "a b c d"
    t = Tokens(text)
    ann = [Mark(1, 1, "x", 0, 1, "a")]
    ben = [Mark(1, 1, "x", 0, 3, "a b")]
    # Words: (x, x), ("", x), ("", ""), ("", ""). n = 8, n_x = 3; one disagreeing word worth 2 pairs;
    # expected 64 - 9 - 25 = 30: alpha = 1 - 7 * 2 / 30.
    assert class_alpha(t, [ann, ben]) == pytest.approx(1 - 14 / 30)
    assert category_alpha(t, [ann, ben], "x") == pytest.approx(1 - 14 / 30)
    assert class_alpha(t, [ann, ann]) == 1.0
    assert class_alpha(t, [ann]) is None  # one student agrees with no one
    assert class_alpha(t, [[], []]) is None  # nobody marked anything: no variation
    assert category_alpha(t, [ann, ben], "y") is None
    assert class_alpha(Tokens(""), [ann, ben]) is None


def _any_of(tokens, marks, category):
    covered = [False] * len(tokens)
    for m in marks:
        if m.category == category:
            for i in tokens.indices(m.start, m.end):
                covered[i] = True
    return covered


@pytest.mark.parametrize("seed", range(6))
def test_fast_alpha_equals_the_textbook_computation(seed):
    rng = random.Random(seed)
    cats = ["loaded", "unattributed", "source"]
    works = []
    for _ in range(rng.randint(2, 7)):
        marks = []
        for i in range(rng.randint(0, 12)):
            a = rng.randrange(58)
            marks.append(mark(i, a, min(60, a + rng.randint(1, 8)), rng.choice(cats)))
        works.append(marks)
    labels = [token_labels(TOKENS, marks) for marks in works]
    expected = krippendorff_alpha_nominal(list(zip(*labels, strict=True)))
    got = class_alpha(TOKENS, works)
    assert (got is None and expected is None) or got == pytest.approx(expected)
    for cat in cats:
        expected = krippendorff_alpha_nominal(list(zip(*[_any_of(TOKENS, m, cat) for m in works], strict=True)))
        got = category_alpha(TOKENS, works, cat)
        assert (got is None and expected is None) or got == pytest.approx(expected)


# --- alike pairs ---------------------------------------------------------------------------------------

NOTE_A = "This word is loaded because it judges the farmers"
NOTE_B = "A claim with no source given anywhere"


def test_similar_pairs_identical_near_copied_notes_and_unrelated():
    pat = [mark(1, 0, 5, note=NOTE_A), mark(2, 5, 10, note=NOTE_B), mark(3, 10, 15, "unattributed"),
           mark(4, 15, 20)]
    quinn = [mark(1, 0, 5, note="  this WORD is loaded because\nit judges the farmers"),
             mark(2, 5, 10, note=NOTE_B.upper()), mark(3, 10, 15, "unattributed"), mark(4, 15, 20)]
    rae = pat[:3] + [mark(4, 15, 19)]  # 19 of Pat's 20 (word, category) cells
    rae = [m.with_changes(note="") for m in rae]
    sam = [mark(1, 30, 33, note=NOTE_A), mark(2, 40, 42, note=NOTE_B.casefold())]  # notes copied, marks not
    tom = [mark(1, 50, 53, note="loaded"), mark(2, 55, 58, note="loaded"), mark(3, 45, 47)]
    uma = [mark(1, 50, 53, note="loaded"), mark(2, 55, 58, note="loaded"), mark(3, 20, 22)]  # short notes
    pairs = similar_pairs(TOKENS, [("Pat", pat), ("Quinn", quinn), ("Rae", rae), ("Sam", sam), ("Tom", tom),
                                   ("Uma", uma)])
    # Pat, Quinn and Sam wrote NOTE_A and NOTE_B word for word: three students make those notes the class's
    # template, which never flags anyone; Pat and Quinn are flagged for their identical marks alone.
    assert [(p.first, p.second) for p in pairs] == [("Pat", "Quinn"), ("Pat", "Rae"), ("Quinn", "Rae")]
    assert pairs[0] == SimilarPair("Pat", "Quinn", 1.0, 0, "Identical marks and notes")
    assert pairs[1] == SimilarPair("Pat", "Rae", 0.95, 0, "95% of their marked words agree")
    # Without Quinn, the two notes Pat and Sam share are no template: they flag the pair, and say which.
    [pat_sam] = similar_pairs(TOKENS, [("Pat", pat), ("Sam", sam)])
    assert (pat_sam.shared_notes, pat_sam.reason) == (2, "2 notes are word for word the same")
    assert [n.note for n in pat_sam.same_notes] == [NOTE_A, NOTE_B]
    assert f"Same note on “{pat[0].quote}” and “{sam[0].quote}”: “{NOTE_A}”" in pat_sam.explanation()


def test_similar_pairs_need_three_marks_each_and_say_what_is_alike():
    two = [mark(1, 0, 5), mark(2, 10, 12)]
    assert similar_pairs(TOKENS, [("Vic", two), ("Wes", list(two))]) == []
    three = two + [mark(3, 20, 22)]
    notes = [m.with_changes(note=f"note {i}") for i, m in enumerate(three)]
    [pair] = similar_pairs(TOKENS, [("Vic", three), ("Wes", notes)])
    assert pair.reason == "Identical marks" and pair.similarity == 1.0
    copied = [m.with_changes(note=f"{NOTE_A} {i}") for i, m in enumerate(three)]
    [pair] = similar_pairs(TOKENS, [("Vic", copied), ("Wes", copied[:2] + [mark(3, 20, 23)])])
    assert pair.reason == "90% of their marked words agree, and 2 notes are word for word the same"
    assert pair.shared_notes == 2
    # The same words marked as different categories are not the same work.
    other = [m.with_changes(category="unattributed") for m in three]
    assert similar_pairs(TOKENS, [("Vic", three), ("Wes", other)]) == []
    assert similar_pairs(TOKENS, [("Vic", []), ("Wes", [])]) == []


# --- stretches -----------------------------------------------------------------------------------------

def test_stretches_count_each_student_once_per_category():
    ann = [mark(1, 0, 4), mark(2, 2, 6)]  # overlapping marks of one student
    ben = [mark(1, 2, 8, "unattributed")]
    cat = [mark(1, 20, 22)]
    s0, s2, s20 = (TOKENS.span(i)[0] for i in (0, 2, 20))
    e3, e5, e7, e21 = (TOKENS.span(i)[1] for i in (3, 5, 7, 21))
    assert class_stretches([ann, ben, cat], CATS) == (
        Stretch(s0, s2, {"loaded": 1}, 1),
        Stretch(s2, e3, {"loaded": 1, "unattributed": 1}, 2),
        Stretch(e3, e5, {"loaded": 1, "unattributed": 1}, 2),
        Stretch(e5, e7, {"unattributed": 1}, 1),
        Stretch(s20, e21, {"loaded": 1}, 1),  # the unmarked gap before it is no stretch
    )
    # Counts follow the order of the categories given.
    assert list(class_stretches([ann, ben], ["unattributed", "loaded"])[1].counts) == ["unattributed", "loaded"]
    assert class_stretches([], CATS) == () and class_stretches([[], []], CATS) == ()


def test_stretches_where_marks_touch_and_many_students_agree():
    (a, b), (_, c) = chars(0, 3), chars(3, 6)
    first = Mark(1, 1, "loaded", a, b, WORDS[a:b])
    second = Mark(2, 1, "loaded", b, c, WORDS[b:c])  # starts where the first ends, on the space
    works = [[first, second] for _ in range(5)]  # five students alike
    assert class_stretches(works, CATS) == (Stretch(a, b, {"loaded": 5}, 5), Stretch(b, c, {"loaded": 5}, 5))
    # The same, each student's marks given in the other order.
    assert class_stretches([[second, first] for _ in range(5)], CATS) == class_stretches(works, CATS)


# --- the whole view ------------------------------------------------------------------------------------

def _classroom():
    key = [mark(100, 0, 3, layer=KEY_LAYER), mark(101, 10, 13, layer=KEY_LAYER),
           mark(102, 30, 33, "unattributed", layer=KEY_LAYER, bonus=True)]
    work = {
        "Ann": [mark(1, 0, 3), mark(2, 10, 13), mark(3, 40, 44), mark(4, 55, 57)],
        "Ben": [mark(1, 0, 3), mark(2, 41, 45)],
        "Cat": [mark(1, 40, 44, "unattributed"), mark(2, 50, 52), mark(3, 50, 53), mark(4, 55, 57)],
        "Dan": [mark(1, 43, 47)],
    }
    works = [(name, marks, compare(TOKENS, marks, key, CATS, 10)) for name, marks in work.items()]
    return key, works


def test_class_view_of_four_students_by_hand():
    key, works = _classroom()
    view = build_class_view(TOKENS, key, works, CATS)
    assert view.students == ("Ann", "Ben", "Cat", "Dan")
    assert view.scores == (10.0, 5.0, 0.0, 0.0) and view.total == 10.0

    assert [(t.key.id, t.found_by, t.missed_by) for t in view.key_marks] == [
        (102, (), ("Ann", "Ben", "Cat", "Dan")),
        (101, ("Ann",), ("Ben", "Cat", "Dan")),
        (100, ("Ann", "Ben"), ("Cat", "Dan")),
    ]

    # Ann 40-43, Ben 41-44 and Dan 43-46 chain into one cluster (Dan shares only w43 with Ann, but two
    # words with Ben); Ann and Cat share 55-56. Cat's own two marks on w50 are one student; Cat's
    # unattributed 40-43 is another category.
    a3, a4 = chars(40, 44), chars(55, 57)
    assert view.common_extras == (
        ExtraTally("loaded", *a3, WORDS[a3[0]:a3[1]], ("Ann", "Ben", "Dan")),
        ExtraTally("loaded", *a4, WORDS[a4[0]:a4[1]], ("Ann", "Cat")),
    )

    loaded, unattributed = view.categories
    assert (loaded.category, loaded.marked, loaded.key, loaded.found) == ("loaded", 10, 2, 3)
    # F1: Ann p 2/4 r 1 -> 2/3; Ben 1/2, 1/2 -> 1/2; Cat 0; Dan 0.
    assert loaded.mean_f1 == pytest.approx((2 / 3 + 1 / 2) / 4)
    assert (unattributed.marked, unattributed.key, unattributed.found, unattributed.mean_f1) == (1, 0, 0, None)

    marks = [m for _, m, _ in works]
    assert view.alpha == pytest.approx(class_alpha(TOKENS, marks))
    assert view.alpha_per_category == {c: category_alpha(TOKENS, marks, c) for c in CATS}
    assert view.similar == ()
    assert view.stretches == class_stretches(marks, CATS)
    assert view.most_students == 4  # w43: Ann, Ben, Cat (as unattributed) and Dan


def test_common_extras_ties_keep_reading_order():
    key = [mark(100, 0, 2, layer=KEY_LAYER)]
    work = {"Ann": [mark(1, 30, 33), mark(2, 20, 23)], "Ben": [mark(1, 20, 23), mark(2, 30, 33)]}
    works = [(n, m, compare(TOKENS, m, key, CATS, 10)) for n, m in work.items()]
    extras = build_class_view(TOKENS, key, works, CATS).common_extras
    assert [(e.start, e.students) for e in extras] == [(chars(20, 23)[0], ("Ann", "Ben")),
                                                       (chars(30, 33)[0], ("Ann", "Ben"))]


def test_marks_of_categories_not_in_play_are_left_out_of_the_picture():
    key = [mark(100, 0, 3, layer=KEY_LAYER), mark(101, 5, 8, "statistic", layer=KEY_LAYER)]
    work = {"Ann": [mark(1, 20, 23, "statistic")], "Ben": [mark(1, 20, 23, "statistic")]}
    works = [(n, m, compare(TOKENS, m, key, CATS, 10)) for n, m in work.items()]
    view = build_class_view(TOKENS, key, works, CATS)
    assert view.stretches == () and view.common_extras == ()
    assert [t.key.id for t in view.key_marks] == [100]


def test_empty_class():
    view = build_class_view(TOKENS, [mark(100, 0, 3, layer=KEY_LAYER)], [], CATS)
    assert view.students == () and view.scores == () and view.total == 0.0
    assert view.stretches == () and view.most_students == 0 and view.alpha is None
    assert view.key_marks[0].found_by == () and view.key_marks[0].missed_by == ()
    assert [c.mean_f1 for c in view.categories] == [None, None]


def test_anonymous_names_do_not_follow_the_class_list_but_stay_the_same_for_a_class():
    names = ["Adam", "Beth", "Cato", "Dina", "Emre", "Fay", "Gil", "Hana"]
    numbered = anonymous_names(names)
    assert sorted(numbered) == sorted(names)
    assert sorted(numbered.values(), key=lambda v: int(v.split()[1])) == [f"Student {i}" for i in range(1, 9)]
    assert numbered == anonymous_names(list(reversed(names)))  # the class, not the order it is listed in
    assert [numbered[n] for n in names] != [f"Student {i}" for i in range(1, 9)]  # not the class list's order
    assert anonymous_names([]) == {}
