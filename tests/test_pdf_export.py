"""The PDF worksheets, read back the way a teacher's computer reads them: poppler's pdftotext and pdffonts
(installed by scripts/setup-env) and pypdf."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.bench.textgen import make_text, passages, word_spans
from desktop_app.core.articles import Article, ArticleDetails
from desktop_app.core.marks import Mark
from desktop_app.core.text import detect_direction
from desktop_app.exporters.pdf import PdfExportError, PdfJob, PdfKind, render_pdf, write_pdf
from desktop_app.exporters.pdf.article_flow import ArticleFlowable
from desktop_app.importers.answer_key import read_answer_key
from desktop_app.resources import default_categories, resource_path
from tests.pdf_reading import column_text

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                                   reason="poppler-utils (pdftotext, pdffonts) is not installed; "
                                          "scripts/setup-env installs it")
CATEGORIES = default_categories()
MADE_ON = date(2026, 11, 25)


def sample_article() -> Article:
    meta = json.loads(resource_path("sample", "article.json").read_text(encoding="utf-8"))
    details = ArticleDetails(meta["title"], meta["outlet"], meta["author"], meta["published"])
    return Article(1, details, resource_path("sample", "article.txt").read_text(encoding="utf-8"))


def sample_key_marks(article: Article) -> list[Mark]:
    """The sample's answer key, numbered as stored marks would be."""
    marks = read_answer_key(resource_path("sample", "key.json"), article.text, CATEGORIES, article.id)
    return [m.with_changes(id=n) for n, m in enumerate(marks, 1)]


def long_article(words: int = 16_000) -> Article:
    return Article(7, ArticleDetails("A long generated article", "Bench Gazette", "Lede", "2026-11-25"),
                   make_text(words))


def marks_on(article: Article, count: int, seed: int = 3) -> list[Mark]:
    return [Mark(i + 1, article.id, p.category, p.start, p.end, article.text[p.start:p.end], note=f"note {i + 1}")
            for i, p in enumerate(passages(word_spans(article.text), count, seed))]


def pdf_text(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def page_texts(path: Path) -> list[str]:
    return pdf_text(path).split("\f")[:-1]


def words_in_order(expected: list[str], found: list[str]) -> bool:
    """True when every word of ``expected`` appears in ``found`` in the same order (other words may be
    between them: line numbers, running headers). Punctuation is left out of the comparison: pdftotext
    puts the full stop of a right-to-left line before its words."""
    def bare(words: list[str]) -> list[str]:
        return [b for b in (re.sub(r"[^\w]", "", w) for w in words) if b]

    it = iter(bare(found))
    return all(any(w == f for f in it) for w in bare(expected))


# Where the article's column ends on the page (the notes margin begins), with a little to spare.
ARTICLE_RIGHT = 16 * 72 / 25.4 + 26 + 329 + 4


def export(tmp_path: Path, kind: PdfKind, article: Article, marks=(), **options) -> Path:
    return write_pdf(PdfJob(kind, article, CATEGORIES, marks, made_on=MADE_ON, **options),
                     tmp_path / f"{kind.value}.pdf")


# --- every kind, from the sample ---------------------------------------------------------------
@needs_poppler
@pytest.mark.parametrize("kind", list(PdfKind))
def test_each_kind_from_the_sample_has_header_page_numbers_and_date_on_every_page(tmp_path, kind):
    article = sample_article()
    path = export(tmp_path, kind, article, sample_key_marks(article) if kind is not PdfKind.BLANK else ())
    reader = PdfReader(path)
    pages = page_texts(path)
    assert len(reader.pages) == len(pages) >= 2
    for n, text in enumerate(pages, 1):
        # The key's header is a banner saying what it is; the student sheets' says Lede and the kind.
        assert ("ANSWER KEY · TEACHER COPY" if kind is PdfKind.KEY else f"Lede · {kind.label}") in text
        assert "Eastgate library faces closure" in text.split("\n", 3)[2] or "Eastgate library" in text
        assert f"Page {n} of {len(pages)}" in text
        assert "Made 25 November 2026" in text
        assert ("TEACHER COPY" in text) == (kind is PdfKind.KEY)
    assert reader.metadata.title == article.details.title


@needs_poppler
@pytest.mark.parametrize("kind", list(PdfKind))
def test_the_article_text_comes_back_whole_and_in_order(tmp_path, kind):
    article = sample_article()
    path = export(tmp_path, kind, article, sample_key_marks(article) if kind is not PdfKind.BLANK else ())
    # The article's column only: beside it, the annotated copy and the key have each mark's note.
    assert words_in_order(article.text.split(), column_text(path, 0, ARTICLE_RIGHT).split())


@needs_poppler
def test_every_font_is_embedded_and_none_is_helvetica(tmp_path):
    article = sample_article()
    path = export(tmp_path, PdfKind.KEY, article, sample_key_marks(article))
    rows = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        assert "DejaVu" in row.split()[0], row
        assert row.split()[-5] == "yes", f"not embedded: {row}"  # the "emb" column


@needs_poppler
def test_blank_worksheet_has_name_lines_legend_line_numbers_and_a_section_per_category(tmp_path):
    article = sample_article()
    text = pdf_text(export(tmp_path, PdfKind.BLANK, article))
    for label in ("Name", "Class", "Date", "The Harrowden Herald · Nell Carraway · 2026-10-14", "What to do"):
        assert label in text
    for cat in CATEGORIES:
        assert cat.name in text
        assert cat.worksheet_section.prompt.split(".")[0] in text.replace("\n", " ")
    assert "Draw a box around it and write S in the margin" in text
    assert "Draw a wavy line under it" in text
    numbers = [int(t) for t in re.findall(r"^(\d+)$", text, flags=re.M)]
    assert [n for n in numbers if n in (5, 10, 15, 20)][:4] == [5, 10, 15, 20]


@needs_poppler
def test_annotated_copy_lists_each_mark_with_its_badge_line_note_and_extra_and_counts(tmp_path):
    article = sample_article()
    marks = sample_key_marks(article)
    text = pdf_text(export(tmp_path, PdfKind.ANNOTATED, article, marks, marked_by="Sam Okafor"))
    flat = " ".join(text.split())
    assert "Marks by Sam Okafor: 30 in all." in flat
    assert "S2" in text and "L1" in text and "O30" in text  # badges: letter and number in reading order
    assert "Kind of source: Document or data" in flat  # a choice is printed by its label
    assert "Neutral alternative: close" in flat
    assert "9 marks. Who is the source" in flat
    assert "Total 30" in flat


@needs_poppler
def test_answer_key_has_teacher_notes_required_or_bonus_and_discussion_prompts(tmp_path):
    article = sample_article()
    marks = sample_key_marks(article)
    assert sum(m.bonus for m in marks) == 5
    text = " ".join(pdf_text(export(tmp_path, PdfKind.KEY, article, marks)).split())
    assert "Answer key: 30 marks, 25 required and 5 bonus." in text
    assert "Teacher’s note" in text
    assert "Required" in text and "Bonus" in text
    assert "Attributed to: S5 “Councillor Margaret Osei”" in text  # the key names its source by quote
    assert "For the class discussion" in text
    assert CATEGORIES["opposing_view"].discussion[0] in text


def test_paper_size_is_a4_or_letter():
    article = sample_article()
    for paper, (w, h) in (("a4", (595.3, 841.9)), ("letter", (612, 792))):
        reader = PdfReader(__import__("io").BytesIO(render_pdf(PdfJob(PdfKind.BLANK, article, CATEGORIES,
                                                                          paper=paper))))
        box = reader.pages[0].mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == (w, h)
    with pytest.raises(ValueError):
        PdfJob(PdfKind.BLANK, article, CATEGORIES, paper="a5")


# --- long articles ---------------------------------------------------------------------------
@needs_poppler
@pytest.mark.parametrize("kind", list(PdfKind))
def test_a_forty_page_article_flows_over_pages_with_numbered_lines(tmp_path, kind):
    article = long_article()
    marks = marks_on(article, 400) if kind is not PdfKind.BLANK else []
    path = export(tmp_path, kind, article, marks)
    pages = page_texts(path)
    assert len(pages) >= 40
    assert all(f"Page {n} of {len(pages)}" in t for n, t in enumerate(pages, 1))
    assert words_in_order(article.text.split()[::50], pdf_text(path).split())


def test_a_mark_that_crosses_a_page_break_is_drawn_on_both_pages():
    from desktop_app.exporters.pdf.parts import article_flow
    from desktop_app.exporters.pdf.article_layout import DrawnMark

    article = long_article(3000)
    flow = article_flow(article, 400, [])
    lines = flow.layout.lines
    # A mark over the two lines either side of where the page will break.
    at = flow.layout.good_cut(30)
    start, end = (lines[at - 1].start + lines[at - 1].end) // 2, (lines[at].start + lines[at].end) // 2
    mark = DrawnMark(start, end, CATEGORIES["source"], "S1")
    flow = article_flow(article, 400, [mark])
    cut = flow.layout.good_cut(30)  # at or before line 30, leaving two lines of a paragraph either side
    assert 25 < cut <= 30
    height = sum(flow.layout.line_height(i) for i in range(cut)) + 0.5
    flow.wrap(400, 10_000)
    first, rest = flow.split(400, height)
    assert isinstance(first, ArticleFlowable) and (first.first, first.last) == (0, cut)
    assert mark in first.layout.on_line[first.last - 1]
    assert mark in rest.layout.on_line[rest.first]
    on_first = first.layout.breaker.place(lines[at - 1]).intervals(mark.start, mark.end)
    on_next = rest.layout.breaker.place(lines[at]).intervals(mark.start, mark.end)
    assert on_first and on_next


# --- user text is data -----------------------------------------------------------------------
INJECTIONS = ("<b>bold?</b> & <para>x</para> &amp; <font size=40>big</font> <img src='x'/>",
              "W" * 10_000)


@needs_poppler
@pytest.mark.parametrize("kind", [PdfKind.ANNOTATED, PdfKind.KEY])
def test_notes_with_markup_and_a_ten_thousand_letter_word_print_literally_and_wrap(tmp_path, kind):
    article = sample_article()
    marks = sample_key_marks(article)
    marks[0].note = INJECTIONS[0]
    marks[1].note = INJECTIONS[1]
    loaded = next(m for m in marks if m.category == "loaded_language")
    loaded.extra = {"neutral_alternative": "<i>tag</i> & more"}
    plain_text = pdf_text(export(tmp_path, kind, article, sample_key_marks(article)))
    path = export(tmp_path, kind, article, marks, marked_by="<script>alert(1)</script> & co")
    text = pdf_text(path)
    flat = " ".join(text.split())
    margin = " ".join(column_text(path, ARTICLE_RIGHT, 600).split())  # short notes are beside their lines
    assert INJECTIONS[0] in margin
    assert "Neutral alternative: <i>tag</i> & more" in margin
    if kind is PdfKind.ANNOTATED:
        assert "Marks by <script>alert(1)</script> & co" in flat
    # Every letter of the long word, wrapped over many lines (and maybe pages), and nothing cut off. (Not
    # counting the key's banner, "ANSWER KEY", on every page: the long note makes more pages.)
    def ws(t: str) -> int:
        return t.count("W") - t.count("ANSWER")

    assert ws(text) == ws(plain_text) + 10_000
    assert max(len(line) for line in text.splitlines()) < 200


def test_a_title_full_of_markup_and_emoji_still_exports():
    article = Article(9, ArticleDetails("<para>Breaking</para> & <b>news</b> 📰🔥", "<i>", "a&b", ""),
                      "Short text 👩‍⚕️ with an emoji and a <tag>.")
    for kind in PdfKind:
        assert render_pdf(PdfJob(kind, article, CATEGORIES, marks_on(article, 2) if kind is not PdfKind.BLANK
                                 else ())).startswith(b"%PDF")


@needs_poppler
def test_emoji_print_as_a_placeholder_not_as_another_character(tmp_path):
    article = Article(9, ArticleDetails("Emoji"), "A doctor 👩‍⚕️ and a thumbs up 👍🏽 here.")
    text = pdf_text(export(tmp_path, PdfKind.BLANK, article))
    assert "A doctor □ and a thumbs up □ here." in text


# --- right-to-left ---------------------------------------------------------------------------
HEBREW = ("ראש העירייה דנה כהן אמרה כי התוכנית תחסוך כסף רב בשנה הבאה. מבקרים טוענים שהיא הרסנית לשכונה "
          "ושאיש לא שאל את התושבים. ") * 3
ARABIC = "قال المجلس البلدي إن الخطة لا تضر أحدا، لكن السكان يرفضون ذلك بشدة."


def _logical_words(text: str) -> list[str]:
    # pdftotext gives Arabic back in its joined presentation forms: fold them to plain letters.
    text = unicodedata.normalize("NFKC", text)
    return re.sub("[\u200e\u200f\u202a-\u202e]", "", text).split()


def reading_right_to_left(path: Path) -> list[str]:
    """The words of a PDF as a reader of Hebrew or Arabic meets them: line by line from the top, each
    line from right to left. Built from pdftotext -bbox, which gives each word's position and its glyphs
    left to right (so a right-to-left word comes spelt backwards, and is turned round here). Plain
    pdftotext is no judge: it swaps the stretches either side of a full stop in a right-to-left line."""
    bbox = pdf_text(path, "-bbox")
    rows: dict[tuple[int, float], list[tuple[float, str]]] = {}
    page = 0
    for line in bbox.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]+)</word>', line)
        if m:
            word = m.group(3)
            if re.search("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]", word):
                word = word[::-1]
            rows.setdefault((page, round(float(m.group(2)))), []).append((float(m.group(1)), word))
    out: list[str] = []
    for key in sorted(rows):
        out += [w for _, w in sorted(rows[key], reverse=True)]
    return out


@needs_poppler
@pytest.mark.parametrize("text", [HEBREW, ARABIC], ids=["hebrew", "arabic"])
def test_right_to_left_articles_read_right_to_left_in_order_and_arabic_is_joined(tmp_path, text):
    article = Article(5, ArticleDetails("בדיקה"), text, direction=detect_direction(text))
    assert article.direction == "rtl"
    word = text.split()[2]
    start = text.index(word)
    mark = Mark(1, 5, "source", start, start + len(word), word, note="מקור")
    for kind in PdfKind:
        path = export(tmp_path, kind, article, [mark] if kind is not PdfKind.BLANK else [])
        found = reading_right_to_left(path)
        assert words_in_order(text.split(), _logical_words(" ".join(found))), kind
        if text is ARABIC:
            # Joined letters are drawn from the presentation forms, not the isolated base letters.
            assert any("\ufe70" <= ch <= "\ufefc" for w in found for ch in w), kind


# --- safe saving -----------------------------------------------------------------------------
def test_a_failure_half_way_leaves_no_file_and_keeps_the_old_one(tmp_path, monkeypatch):
    article = sample_article()
    target = tmp_path / "key.pdf"
    target.write_bytes(b"the teacher's earlier copy")

    def broken(*args, **kwargs):
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr("desktop_app.exporters.pdf.annotated.annotated_story", broken)
    with pytest.raises(RuntimeError):
        write_pdf(PdfJob(PdfKind.KEY, article, CATEGORIES, sample_key_marks(article)), target)
    assert target.read_bytes() == b"the teacher's earlier copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key.pdf"]  # no temporary file left behind


def test_a_folder_that_is_missing_or_not_writable_gives_a_clear_message(tmp_path):
    article = sample_article()
    with pytest.raises(PdfExportError, match="does not exist"):
        write_pdf(PdfJob(PdfKind.BLANK, article, CATEGORIES), tmp_path / "nowhere" / "x.pdf")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if not __import__("os").access(locked, __import__("os").W_OK):  # root can write anyway
            with pytest.raises(PdfExportError, match="Choose a folder"):
                write_pdf(PdfJob(PdfKind.BLANK, article, CATEGORIES), locked / "x.pdf")
    finally:
        locked.chmod(0o700)


def test_line_numbers_are_the_same_on_every_kind_and_paper():
    """A teacher says "line 14" about a student's paper worksheet and finds it on line 14 of the key."""
    from reportlab.lib.pagesizes import A4, LETTER

    from desktop_app.exporters.pdf.article_layout import DrawnMark
    from desktop_app.exporters.pdf.page import MARGIN_X
    from desktop_app.exporters.pdf.parts import article_flow

    article = sample_article()
    mark = DrawnMark(10, 40, CATEGORIES["source"], "S1")
    layouts = [article_flow(article, paper[0] - 2 * MARGIN_X, marks, line_gap=gap).layout
               for paper in (A4, LETTER) for marks, gap in (([], 10.0), ([mark], 7.0))]
    breaks = [[(line.start, line.end, line.number) for line in layout.lines] for layout in layouts]
    assert all(b == breaks[0] for b in breaks)


def test_a_layout_reportlab_cannot_do_is_one_clear_error_and_no_file(tmp_path, monkeypatch):
    from reportlab.platypus.doctemplate import LayoutError

    def too_big(*args, **kwargs):
        raise LayoutError("Flowable too large on page 1")

    monkeypatch.setattr("reportlab.platypus.doctemplate.BaseDocTemplate.build", too_big)
    with pytest.raises(PdfExportError, match="could not fit part of this worksheet"):
        write_pdf(PdfJob(PdfKind.BLANK, sample_article(), CATEGORIES), tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []
