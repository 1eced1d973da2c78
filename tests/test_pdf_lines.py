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
