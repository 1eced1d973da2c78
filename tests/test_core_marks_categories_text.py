"""Marks and the MarkSet, the categories file, article-text normalisation and the shipped sample."""

from __future__ import annotations

import copy
import json
import random

import pytest

from desktop_app.core.categories import (
    CUES,
    CategoryFileError,
    categories_from_data,
    load_categories,
)
from desktop_app.core.marks import OWN_LAYER, Mark, MarkSet, new_mark
from desktop_app.core.spans import Span
from desktop_app.core.text import (
    MAX_ARTICLE_CHARS,
    ArticleTextError,
    detect_direction,
    normalize_article_text,
    word_count,
)
from desktop_app.resources import default_categories, resource_path

TEXT = "The council will vote on Tuesday. Critics slammed the plan as a betrayal of Eastgate."


def stored(mark_id: int, start: int, end: int, category: str = "source", text: str = TEXT, **kw) -> Mark:
    return new_mark(1, text, start, end, category, **kw).with_changes(id=mark_id)


# --- Mark ----------------------------------------------------------------------------------------

def test_new_mark_takes_quote_and_context_from_the_text():
    m = new_mark(7, TEXT, 42, 49, "loaded_language", note="angry", extra={"neutral_alternative": "criticised"})
    assert m.id is None
    assert m.article_id == 7
    assert m.quote == "slammed" == TEXT[42:49]
    assert m.prefix == TEXT[10:42]
    assert m.suffix == TEXT[49:81]
    assert m.note == "angry"
    assert m.extra == {"neutral_alternative": "criticised"}
    assert m.layer == OWN_LAYER
    assert m.span == Span(42, 49)
    assert (m.anchor.start, m.anchor.end, m.anchor.quote) == (42, 49, "slammed")


def test_new_mark_copies_extra():
    extra = {"side": "opponents"}
    m = new_mark(1, TEXT, 0, 3, "opposing_view", extra=extra)
    extra["side"] = "changed"
    assert m.extra == {"side": "opponents"}


def test_new_mark_refuses_a_span_outside_the_text():
    with pytest.raises(ValueError):
        new_mark(1, TEXT, 10, 10, "source")
    with pytest.raises(ValueError):
        new_mark(1, TEXT, 80, len(TEXT) + 1, "source")


def test_moved_to_follows_the_new_passage_and_keeps_the_rest():
    m = stored(5, 42, 49, "loaded_language", note="n", extra={"neutral_alternative": "x"})
    moved = m.moved_to(TEXT, 34, 49)
    assert moved.quote == "Critics slammed"
    assert (moved.start, moved.end) == (34, 49)
    assert moved.prefix == TEXT[2:34]
    assert moved.suffix == TEXT[49:81]
    assert (moved.id, moved.category, moved.note, moved.extra, moved.article_id) == (
        5, "loaded_language", "n", {"neutral_alternative": "x"}, 1)
    assert m.quote == "slammed"  # the original is unchanged (frozen)
    with pytest.raises(ValueError):
        m.moved_to(TEXT, 49, 42)


# --- MarkSet -------------------------------------------------------------------------------------

@pytest.fixture()
def events():
    return []


@pytest.fixture()
def marks(events):
    ms = MarkSet([stored(1, 0, 11), stored(2, 34, 49, "opposing_view"), stored(3, 42, 49, "loaded_language")])
    ms.subscribe(lambda event, mark, old: events.append((event, mark, old)))
    return ms


def test_markset_refuses_unstored_marks():
    with pytest.raises(ValueError):
        MarkSet([new_mark(1, TEXT, 0, 3, "source")])
    with pytest.raises(ValueError):
        MarkSet().put(new_mark(1, TEXT, 0, 3, "source"))


def test_markset_reading(marks):
    assert len(marks) == 3
    assert 2 in marks and 4 not in marks
    assert marks.get(3).quote == "slammed"
    assert marks.get(4) is None
    assert [m.id for m in marks] == [1, 2, 3]
    assert marks.counts() == {"source": 1, "opposing_view": 1, "loaded_language": 1}
    assert [m.id for m in marks.of_category("opposing_view")] == [2]
    assert marks.of_category("unattributed_claim") == []


def test_reading_order_is_start_then_longest_first_then_id():
    ms = MarkSet([stored(9, 5, 8), stored(4, 0, 3), stored(7, 0, 10), stored(2, 5, 8)])
    assert [m.id for m in ms.in_reading_order()] == [7, 4, 2, 9]
    assert sorted(m.id for m in ms) == [2, 4, 7, 9]  # plain iteration promises no order: it is the cheap one


def test_at_returns_innermost_first(marks):
    assert [m.id for m in marks.at(45)] == [3, 2]
    assert [m.id for m in marks.at(34)] == [2]
    assert [m.id for m in marks.at(0)] == [1]
    assert marks.at(11) == []  # end is exclusive
    assert marks.at(49) == []
    assert marks.at(20) == []


def test_overlapping(marks):
    assert sorted(m.id for m in marks.overlapping(40, 44)) == [2, 3]
    assert sorted(m.id for m in marks.overlapping(0, 100)) == [1, 2, 3]
    assert [m.id for m in marks.overlapping(5, 6)] == [1]
    assert marks.overlapping(11, 34) == []  # touching both neighbours, overlapping neither


def test_put_new_mark_emits_added(marks, events):
    m = stored(4, 12, 16, "attributed_claim")
    marks.put(m)
    assert events == [("added", m, None)]
    assert len(marks) == 4
    assert marks.counts()["attributed_claim"] == 1


def test_put_existing_id_emits_changed_with_old(marks, events):
    old = marks.get(3)
    new = old.with_changes(note="loaded")
    marks.put(new)
    assert events == [("changed", new, old)]
    assert marks.get(3).note == "loaded"
    assert len(marks) == 3


def test_remove_emits_removed_and_returns_the_mark(marks, events):
    old = marks.get(2)
    assert marks.remove(2) is old
    assert events == [("removed", old, None)]
    assert 2 not in marks
    assert marks.counts() == {"source": 1, "loaded_language": 1}


def test_remove_unknown_id_is_silent(marks, events):
    assert marks.remove(42) is None
    assert events == []


def test_reset_replaces_everything_and_emits_reset(marks, events):
    marks.reset([stored(10, 1, 2)])
    assert events == [("reset", None, None)]
    assert [m.id for m in marks] == [10]
    marks.reset([])
    assert len(marks) == 0 and marks.counts() == {}


def test_event_order_and_every_listener(marks, events):
    second = []
    marks.subscribe(lambda *e: second.append(e[0]))
    a = stored(4, 12, 16)
    marks.put(a)
    marks.put(a.with_changes(note="x"))
    marks.remove(4)
    marks.reset([])
    assert [e[0] for e in events] == ["added", "changed", "removed", "reset"]
    assert second == ["added", "changed", "removed", "reset"]
    assert events[1][2] is a


def test_listener_may_subscribe_another_during_an_event(events):
    ms = MarkSet()
    late = []
    ms.subscribe(lambda *e: ms.subscribe(lambda *e2: late.append(e2[0])) if not late and e[0] == "added" else None)
    ms.put(stored(1, 0, 3))
    assert late == []  # the new listener hears only later events
    ms.remove(1)
    assert late == ["removed"]


# --- categories ----------------------------------------------------------------------------------

def shipped_data() -> dict:
    return json.loads(resource_path("categories.json").read_text(encoding="utf-8"))


def test_shipped_categories_load():
    cats = default_categories()
    assert len(cats) == 5
    assert cats.keys == ("source", "loaded_language", "attributed_claim", "unattributed_claim", "opposing_view")
    assert [c.shortcut for c in cats] == ["1", "2", "3", "4", "5"]
    for i, c in enumerate(cats):
        assert cats.by_shortcut(str(i + 1)) is c
        assert cats.index(c.key) == i
        assert c.key in cats and cats[c.key] is c and cats.get(c.key) is c
        assert c.cue in CUES
        assert c.name and c.question and c.letter
    assert len({c.colour.upper() for c in cats}) == 5
    assert len({c.cue for c in cats}) == 5
    assert len({c.letter for c in cats}) == 5
    assert cats.get("nope") is None and cats.by_shortcut("9") is None and "nope" not in cats


def test_shipped_extra_fields():
    cats = default_categories()
    source = cats["source"].extra
    assert source.kind == "choice"
    assert [v for v, _ in source.choices] == ["named_person", "named_organisation", "document", "anonymous"]
    assert source.label_of("anonymous") == "Anonymous"
    assert source.label_of("something else") == "something else"
    assert cats["attributed_claim"].extra.kind == "source_ref"
    assert cats["loaded_language"].extra.kind == "text"
    assert cats["unattributed_claim"].extra is None


def test_load_categories_from_a_file(tmp_path):
    path = tmp_path / "cats.json"
    path.write_text(json.dumps(shipped_data()), encoding="utf-8")
    assert load_categories(path).keys == default_categories().keys


def _broken(mutate) -> dict:
    data = copy.deepcopy(shipped_data())
    mutate(data)
    return data


def _set(i, field, value):
    def mutate(data):
        data["categories"][i][field] = value
    return mutate


def _delete(i, field):
    def mutate(data):
        del data["categories"][i][field]
    return mutate


@pytest.mark.parametrize("mutate,words", [
    (_set(0, "colour", "#12345"), "colour"),
    (_set(1, "colour", "red"), "colour"),
    (_set(1, "colour", "#GGGGGG"), "colour"),
    (_set(2, "cue", "zigzag"), "cue"),
    (_set(3, "shortcut", "1"), "shortcut"),
    (_set(3, "key", "source"), "key"),
    (_set(0, "key", "Source"), "key"),
    (_set(0, "key", "has space"), "key"),
    (_delete(4, "question"), "missing"),
    (_delete(0, "name"), "missing"),
    (_delete(0, "colour"), "missing"),
    (lambda d: d["categories"].clear(), "no categories"),
    (lambda d: d.pop("categories"), "missing"),
    (lambda d: d.__setitem__("categories", None), "missing"),
    (lambda d: d["categories"][1]["extra"].__setitem__("kind", "number"), "kind"),
    (lambda d: d["categories"][0]["extra"].__setitem__("choices", []), "choices"),
    (lambda d: d["categories"][0]["extra"].pop("label"), "missing"),
])
def test_bad_category_data_is_refused(mutate, words):
    with pytest.raises(CategoryFileError) as info:
        categories_from_data(_broken(mutate))
    assert words in str(info.value)


def test_category_errors_name_the_category():
    with pytest.raises(CategoryFileError, match="category 3"):
        categories_from_data(_broken(_set(2, "cue", "zigzag")))


def test_unreadable_category_files(tmp_path):
    with pytest.raises(CategoryFileError, match="cannot read"):
        load_categories(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CategoryFileError, match="cannot read"):
        load_categories(bad)
    not_utf8 = tmp_path / "latin1.json"
    not_utf8.write_bytes(b'{"categories": "\xe9"}')
    with pytest.raises(CategoryFileError):
        load_categories(not_utf8)
    a_list = tmp_path / "list.json"
    a_list.write_text("[]", encoding="utf-8")
    with pytest.raises(CategoryFileError):
        load_categories(a_list)


# --- article text --------------------------------------------------------------------------------

@pytest.mark.parametrize("raw,expected", [
    ("one\r\ntwo", "one\ntwo"),
    ("one\rtwo", "one\ntwo"),
    ("one\r\n\r\ntwo\r", "one\n\ntwo"),
    ("one\u2028two", "one\ntwo"),
    ("one\u2029two", "one\n\ntwo"),
    ("one\x0ctwo", "one\n\ntwo"),  # form feed: a page break becomes a paragraph break
    ("a\x00b\x01c\x07d\x08e\x0bf\x1bg\x7fh", "abcdefgh"),
    ("\ufeffHeadline", "Headline"),
    ("mid\ufeffdle\ufffe\uffff", "middle"),
    ("tab\tinside stays", "tab\tinside stays"),
    ("line one   \nline two\t \nend", "line one\nline two\nend"),
    ("a\n\n\nb", "a\n\nb"),
    ("a\n\n\n\n\n\nb", "a\n\nb"),
    ("a\n \n \n \nb", "a\n\nb"),  # blank lines holding only spaces count as blank
    ("a\n\nb", "a\n\nb"),
    ("  \n\n  padded  \n\n ", "padded"),
    ("caf\u00e9 e\u0301 \u05e9\u05dc\u05d5\u05dd \U0001F600", "caf\u00e9 e\u0301 \u05e9\u05dc\u05d5\u05dd \U0001F600"),
    ("\u200d\u200f\u202b kept", "\u200d\u200f\u202b kept"),  # ZWJ and bidi marks are meaningful
])
def test_normalize_article_text(raw, expected):
    assert normalize_article_text(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "\n\n\r\n", "\x00\x01\ufeff", " \t \u2028 \u2029 "])
def test_empty_text_is_refused(raw):
    with pytest.raises(ArticleTextError, match="no readable words"):
        normalize_article_text(raw)


def test_error_names_what_was_imported():
    with pytest.raises(ArticleTextError, match=r"^notes\.docx has no readable words"):
        normalize_article_text("\n", what="notes.docx")


def test_over_long_text_is_refused_helpfully():
    assert normalize_article_text("a" * MAX_ARTICLE_CHARS) == "a" * MAX_ARTICLE_CHARS
    with pytest.raises(ArticleTextError) as info:
        normalize_article_text("a" * (MAX_ARTICLE_CHARS + 1), what="The paste")
    message = str(info.value)
    assert message.startswith("The paste is 2,000,001 characters long")
    assert f"{MAX_ARTICLE_CHARS:,}" in message
    assert "Split it" in message


def test_length_limit_counts_after_normalising():
    # Blank lines collapsed by normalising do not count against the limit.
    raw = "a" * (MAX_ARTICLE_CHARS - 3) + "\n" * 50 + "b"
    assert len(normalize_article_text(raw)) == MAX_ARTICLE_CHARS - 3 + 2 + 1


def test_normalising_is_idempotent_on_random_input():
    rng = random.Random(5)
    pieces = ["word", " ", "  ", "\t", "\n", "\r", "\r\n", "\u2028", "\u2029", "\x0c", "\x00", "\ufeff",
              "\x1f", "\u05e9", "\U0001F600", "e\u0301", "\u00a0"]
    for _ in range(500):
        raw = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        try:
            once = normalize_article_text(raw)
        except ArticleTextError:
            continue
        assert normalize_article_text(once) == once, repr(raw)
        assert "\r" not in once and "\n\n\n" not in once and once == once.strip()
        assert not any(line != line.rstrip(" \t") for line in once.split("\n"))


@pytest.mark.parametrize("text,direction", [
    ("The council will vote next Tuesday.", "ltr"),
    ("\u05d4\u05de\u05d5\u05e2\u05e6\u05d4 \u05ea\u05e6\u05d1\u05d9\u05e2 "
     "\u05d1\u05d9\u05d5\u05dd \u05e9\u05dc\u05d9\u05e9\u05d9", "rtl"),
    ("\u0633\u064a\u0635\u0648\u062a \u0627\u0644\u0645\u062c\u0644\u0633 "
     "\u064a\u0648\u0645 \u0627\u0644\u062b\u0644\u0627\u062b\u0627\u0621", "rtl"),
    # Mostly Hebrew with a Latin name and digits: still right-to-left.
    ("\u05d4\u05de\u05d5\u05e2\u05e6\u05d4 \u05ea\u05e6\u05d1\u05d9\u05e2 "
     "\u05e2\u05dc BBC 2026 \u05d4\u05d9\u05d5\u05dd", "rtl"),
    # Mostly English quoting one Hebrew word: left-to-right.
    ("The word \u05e9\u05dc\u05d5\u05dd means peace in Hebrew.", "ltr"),
    ("12345 !!! \U0001F600", "ltr"),  # nothing strongly directional
    ("", "ltr"),
])
def test_detect_direction(text, direction):
    assert detect_direction(text) == direction


def test_detect_direction_looks_at_the_beginning_only():
    text = "English " * 600 + "\u05e9" * 10_000  # the first 4,000 characters are all English
    assert detect_direction(text) == "ltr"
    assert detect_direction(text, sample=len(text)) == "rtl"


def test_word_count():
    assert word_count("one two\nthree\t four  ") == 4
    assert word_count("") == 0


# --- the shipped sample and its answer key -------------------------------------------------------

@pytest.fixture(scope="module")
def sample():
    folder = resource_path("sample")
    text = (folder / "article.txt").read_text(encoding="utf-8")
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    info = json.loads((folder / "article.json").read_text(encoding="utf-8"))
    return text, key, info


def _nth(text: str, quote: str, occurrence: int) -> int:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(quote, pos + 1)
        if pos == -1:
            return -1
    return pos


def test_sample_text_is_already_normalised(sample):
    text, _, _ = sample
    assert normalize_article_text(text) == text.strip()
    assert detect_direction(text) == "ltr"


def test_sample_details(sample):
    _, key, info = sample
    assert info["title"] and info["outlet"]
    assert key["format"] == "lede-answer-key"
    assert key["article"] == "article.txt"


def test_every_key_quote_is_at_its_stated_occurrence(sample):
    text, key, _ = sample
    text = normalize_article_text(text)
    assert key["marks"], "the key has marks"
    for m in key["marks"]:
        quote, occurrence = m["quote"], m["occurrence"]
        assert occurrence >= 1
        assert quote == quote.strip(), quote
        pos = _nth(text, quote, occurrence)
        assert pos != -1, f"{quote!r} occurrence {occurrence} is not in the sample"
        assert text[pos:pos + len(quote)] == quote
        # The mark can be built from the text (valid span, anchor round-trips).
        mark = new_mark(1, text, pos, pos + len(quote), m["category"], note=m["note"], extra=m["extra"])
        assert mark.quote == quote


def test_key_categories_and_extras_are_known(sample):
    _, key, _ = sample
    cats = default_categories()
    seen = set()
    for m in key["marks"]:
        assert m["category"] in cats, m["category"]
        seen.add(m["category"])
        extra = cats[m["category"]].extra
        assert set(m["extra"]) <= ({extra.key} if extra else set()), m
        if extra is not None and extra.kind == "choice" and extra.key in m["extra"]:
            assert m["extra"][extra.key] in {v for v, _ in extra.choices}
        assert m["note"].strip()
        assert isinstance(m["required"], bool)
    assert seen == set(cats.keys)  # the sample exercises every category


def test_every_attribution_names_a_source_quote(sample):
    _, key, _ = sample
    sources = {m["quote"] for m in key["marks"] if m["category"] == "source"}
    refs = [m["extra"]["attributed_to"] for m in key["marks"] if "attributed_to" in m["extra"]]
    assert refs, "the key attributes some claims"
    for ref in refs:
        assert ref in sources, ref


def test_key_marks_do_not_repeat(sample):
    _, key, _ = sample
    spans = [(m["category"], m["quote"], m["occurrence"]) for m in key["marks"]]
    assert len(spans) == len(set(spans))


def test_file_slug_names_every_file_lede_writes():
    from desktop_app.core.text import file_slug

    title = "Eastgate library faces closure as council weighs car park plan"
    assert file_slug(title, 30) == "eastgate-library-faces-closure"
    assert file_slug("Zoë García: “Sources” & claims") == "zoe-garcia-sources-claims"
    assert file_slug("snake_case_title") == "snake-case-title"
    assert file_slug("CON") == "con-file"  # Windows refuses a file called con, whatever its suffix
    assert file_slug("!!!", fallback="article") == "article" and file_slug("!!!") == ""
    assert file_slug("דנה כהן") == "דנה-כהן"  # letters of any script stay


def test_the_second_file_of_one_name_is_numbered_before_its_suffix():
    from desktop_app.core.text import numbered_file_name

    assert numbered_file_name("ana-lopez.ledesub", 1) == "ana-lopez.ledesub"
    assert numbered_file_name("ana-lopez.ledesub", 2) == "ana-lopez-2.ledesub"
    assert numbered_file_name("ana-lopez-feedback.pdf", 12) == "ana-lopez-feedback-12.pdf"
    assert numbered_file_name("gradebook", 3) == "gradebook-3"
    assert numbered_file_name(".hidden", 2) == ".hidden-2"  # a leading dot is not a suffix


def test_the_five_tints_stay_apart_for_the_common_colour_vision_deficiencies():
    """Measured on the tint as the desk and the PDFs lay it on white: Okabe-Ito's colours as tints came within
    ΔE 4.3 of each other for deuteranopia (Attributed claim and Opposing view); the tints now keep 15."""
    from desktop_app.core.colour_vision import closest_pair
    from desktop_app.resources import default_categories

    tints = {c.key: c.fill for c in default_categories()}
    assert all(c.tint for c in default_categories())
    for alpha in (80 / 255, 0.26):  # the desk's wash, the PDF's
        distance, deficiency, first, second = closest_pair(tints, alpha)
        assert distance >= 12, (deficiency, first, second, round(distance, 1))
    okabe = {c.key: c.colour for c in default_categories()}
    assert closest_pair(okabe, 80 / 255)[0] < 5  # the old tints, for comparison
