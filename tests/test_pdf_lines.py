"""Setting an article into printed lines: widths, breaks, and where each character lands (both directions)."""

from __future__ import annotations

from desktop_app.exporters.pdf.fonts import PLACEHOLDER, SANS, SANS_BOLD, SERIF, FontChoice, choose_article_font
from desktop_app.exporters.pdf.lines import LineBreaker, _shaped_pieces, paragraph_is_rtl, visual_text

SANS_FONT = FontChoice(SANS, SANS_BOLD)


def test_lines_never_exceed_the_width_and_keep_every_word_in_order():
    text = ("The council voted on Tuesday to keep the pool open, after a petition signed by 3,000 people. " * 20
            + "\n\nA second paragraph.")
    breaker = LineBreaker(choose_article_font(text), 11, 180)
    lines = breaker.lines(text, rtl=False)
    assert all(line.width <= 180 for line in lines)
    assert " ".join(text[line.start:line.end] for line in lines).split() == text.split()
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))
    assert [line.gap_before for line in lines].count(True) == 1  # the second paragraph only


def test_a_word_longer_than_a_line_is_cut_into_line_wide_pieces():
    text = "Before " + "W" * 3000 + " after"
    lines = LineBreaker(choose_article_font(text), 11, 150).lines(text, rtl=False)
    assert "".join(text[line.start:line.end] for line in lines).replace(" ", "") == text.replace(" ", "")
    assert all(line.width <= 150 for line in lines)
    assert lines[-1].visual.endswith("W after")  # the word's last piece shares its line


def test_a_left_to_right_mark_lands_under_its_own_letters():
    text = "Councillor Margaret Osei said the figures left little choice."
    breaker = LineBreaker(choose_article_font(text), 11, 1000)
    line = breaker.place(breaker.lines(text, rtl=False)[0])
    start = text.index("Margaret")
    ((x0, x1),) = line.intervals(start, start + len("Margaret Osei"))
    measure = breaker.measure
    assert abs(x0 - measure.pieces_width(list(text[:start]))) < 0.01
    assert abs(x1 - x0 - measure.pieces_width(list("Margaret Osei"))) < 0.01
    assert line.intervals(0, 0) == [] and line.intervals(len(text) + 5, len(text) + 9) == []


def test_a_right_to_left_line_runs_from_the_right_and_keeps_numbers_left_to_right():
    text = "על 2024 ועל העיר"
    breaker = LineBreaker(SANS_FONT, 11, 1000)
    (line,) = breaker.lines(text, rtl=True)
    assert line.rtl
    assert line.visual == "ריעה לעו 2024 לע"
    first_word = line.intervals(0, 2)[0]
    number = line.intervals(3, 7)[0]
    assert first_word[0] > number[1], "the first word is printed rightmost"
    # A mark over "על 2" covers two separate stretches: the word at the right, the digit inside the number.
    assert len(line.intervals(0, 4)) == 2


def test_arabic_is_joined_one_piece_per_letter_so_offsets_still_line_up():
    word = "لا إله السلام"
    pieces = _shaped_pieces(word)
    assert len(pieces) == len(word)
    assert pieces[1] == ""  # the alef of lam-alef lives in the ligature drawn for the lam
    assert all("\ufe70" <= p <= "\ufeff" for p in pieces if p and p != " ")


def test_paragraph_direction_follows_its_first_strong_letter():
    assert paragraph_is_rtl("2024: שלום world")
    assert not paragraph_is_rtl("BBC: שלום")
    assert paragraph_is_rtl("123 456", article_rtl=True)
    assert visual_text("plain") == "plain"
    assert visual_text("שלום") == "םולש"


def test_emoji_become_one_placeholder_and_a_missing_script_chooses_the_sans():
    font = choose_article_font("An ordinary English text.")
    assert font.name == SERIF
    pieces = font.display("a 👩‍⚕️ b")
    assert len(pieces) == len("a 👩‍⚕️ b") and "".join(pieces) == f"a {PLACEHOLDER} b"
    assert choose_article_font("English with one word of עברית").name == SANS
    assert choose_article_font("English with an emoji 👍").name == SERIF


# --- mixed directions in Lede's own sentences, isolates, emoji --------------------------------------------
def test_a_name_isolated_in_a_sentence_keeps_the_sentences_numbers_where_they_are():
    from desktop_app.exporters.pdf.lines import isolated

    # The bidi algorithm, rightly, takes ": 12" into a Hebrew run when nothing says where the name ends.
    assert visual_text("Marks by דנה: 12 in all.") == "Marks by 12 :הנד in all."
    assert visual_text(f"Marks by {isolated('דנה')}: 12 in all.") == "Marks by הנד: 12 in all."
    assert visual_text(f"שלום {isolated('Ana García, 12')} עולם") == "םלוע Ana García, 12 םולש"
    assert isolated("Ana") == "Ana"  # nothing to isolate


def test_an_isolate_broken_over_two_lines_stays_isolated_on_the_second():
    from desktop_app.exporters.pdf.lines import isolated

    text = f"Marks by {isolated('דנה כהן הגדולה מכולן')}: 12 in all."
    lines = LineBreaker(SANS_FONT, 11, 60).lines(text, rtl=False)
    with_number = next(line.visual for line in lines if "12" in line.visual)
    assert with_number.endswith(": 12") and "\u2069" not in with_number  # the name's tail, then the colon


def test_isolates_and_stray_closers_in_an_article_do_not_stop_the_setting():
    """python-bidi's algorithm module stops at an isolate (an AssertionError); text pasted from the web has them."""
    for text in ("a \u2068שלום\u2069 b", "שלום \u2069 עולם", "x \u2067abc", "\u2066\u2067שלום\u2069"):
        (line,) = LineBreaker(SANS_FONT, 11, 1000).lines(text, rtl=False)
        assert not set(line.visual) & {"\u2066", "\u2067", "\u2068", "\u2069"}


def test_an_emoji_cluster_on_an_arabic_line_is_one_box_and_leaves_the_letters_joined():
    text = "مرحبا 👨‍👩‍👧 بالعالم"
    (line,) = LineBreaker(SANS_FONT, 11, 1000).lines(text, rtl=True)
    assert line.visual.count(PLACEHOLDER) == 1
    letters = [ch for ch in line.visual if ch not in f" {PLACEHOLDER}"]
    assert letters and all("\ufe70" <= ch <= "\ufeff" for ch in letters), line.visual  # joined forms only
    assert visual_text("مرحبا □ بالعالم").count(PLACEHOLDER) == 1
