"""Paper fit to hand out: type at photocopy sizes and in large print, read from the pages' own content, and the
same line breaks at both sizes; notes in the annotated copy's margin; the answer key's banner, watermark and
bonus badges; page breaks that leave two lines of a paragraph on each side; the blank worksheet of an
assignment."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from desktop_app.exporters.pdf import PdfJob, PdfKind, render_pdf, write_pdf
from desktop_app.exporters.pdf.class_summary import write_class_summary
from desktop_app.exporters.pdf.feedback import write_feedback
from desktop_app.exporters.pdf.page import MARGIN_X
from desktop_app.exporters.pdf.sizes import LARGE, NORMAL, PrintSizes, printing_at
from tests.pdf_reading import Run, text_runs
from tests.test_pdf_classroom import class_job, feedback_job
from tests.test_pdf_export import (
    ARTICLE_RIGHT,
    CATEGORIES,
    MADE_ON,
    long_article,
    marks_on,
    needs_poppler,
    page_texts,
    pdf_text,
    sample_article,
    sample_key_marks,
)

BADGE = re.compile(r"^…?[A-Z?]\d+[✓+]?$")
CHART_TITLES = ("Found, on average, against the key", "Points: how many students got how many",
                "Key passages most students missed")


def write_kind(tmp_path: Path, kind: PdfKind, large: bool = False, **options) -> Path:
    article = sample_article()
    marks = sample_key_marks(article) if kind is not PdfKind.BLANK else ()
    return write_pdf(PdfJob(kind, article, CATEGORIES, marks, made_on=MADE_ON, large_print=large, **options),
                     tmp_path / f"{kind.value}-{large}.pdf")


def every_sheet(tmp_path: Path, large: bool) -> dict[str, Path]:
    sheets = {kind.value: write_kind(tmp_path, kind, large) for kind in PdfKind}
    sheets["feedback"] = write_feedback(feedback_job(0, large_print=large, show_missed_key=True),
                                        tmp_path / f"feedback-{large}.pdf")
    sheets["summary"] = write_class_summary(class_job(large_print=large), tmp_path / f"summary-{large}.pdf")
    return sheets


def is_line_number(run: Run, sizes: PrintSizes) -> bool:
    return run.text.isdigit() and run.x < MARGIN_X + sizes.gutter


def floor_of(run: Run, sizes: PrintSizes, chart_page: bool) -> float:
    """The least size this run may have: badges 7 pt, line numbers and chart labels 8 pt, the rest 9 pt."""
    if BADGE.match(run.text):
        return sizes.badge
    if is_line_number(run, sizes) or chart_page:
        return sizes.line_number
    return sizes.table


# --- type sizes ------------------------------------------------------------------------------------
@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-print"])
def test_every_sheet_prints_at_photocopy_sizes_or_larger(tmp_path, large):
    sizes = LARGE if large else NORMAL
    for name, path in every_sheet(tmp_path, large).items():
        runs = text_runs(path)
        assert runs, name
        chart_pages = {r.page for r in runs if r.text in CHART_TITLES}
        assert bool(chart_pages) == (name == "summary"), name
        for run in runs:
            chart_page = run.page in chart_pages  # the charts' labels: 8 pt
            assert run.size >= floor_of(run, sizes, chart_page) - 0.01, (name, run)
        numbers = [r for r in runs if is_line_number(r, sizes)]
        assert numbers, name
        for run in numbers:  # 8 pt and black: a grey number fades on a photocopy
            assert run.size >= sizes.line_number - 0.01 and run.fill in ((0.0, 0.0, 0.0), (0.0,)), (name, run)


@needs_poppler
def test_body_text_is_ten_and_a_half_points_and_fourteen_in_large_print(tmp_path):
    for large, body, article in ((False, 10.5, 11.0), (True, 14.0, 11.0 * 4 / 3)):
        runs = text_runs(write_kind(tmp_path, PdfKind.BLANK, large))
        read = next(r for r in runs if r.text.startswith("1. Read the whole article once"))
        assert read.size == pytest.approx(body, abs=0.01)
        first_line = next(r for r in runs if r.text.startswith("HARROWDEN"))
        assert first_line.size == pytest.approx(article, abs=0.01)
        assert min(r.size for r in runs if BADGE.match(r.text) or r.text.startswith("Page ")) >= 7


def test_large_print_breaks_the_article_into_the_same_lines_on_every_kind_and_paper():
    """"Line 14" is line 14 for the student with the large-print copy too."""
    from reportlab.lib.pagesizes import A4, LETTER

    from desktop_app.exporters.pdf.article_layout import DrawnMark
    from desktop_app.exporters.pdf.parts import article_flow

    article = sample_article()
    mark = DrawnMark(10, 40, CATEGORIES["source"], "S1")
    breaks = []
    for sizes in (NORMAL, LARGE):
        with printing_at(sizes):
            for paper in (A4, LETTER):
                for marks, gap in (([], 10.0), ([mark], 7.0)):
                    layout = article_flow(article, paper[0] - 2 * MARGIN_X, marks, line_gap=gap).layout
                    breaks.append([(line.start, line.end, line.number) for line in layout.lines])
    assert len(breaks[0]) > 50 and all(b == breaks[0] for b in breaks)


# --- the annotated copy's margin -----------------------------------------------------------------------
@needs_poppler
def test_notes_go_in_the_margin_beside_their_line_and_the_rest_to_the_table(tmp_path):
    article = sample_article()
    marks = sample_key_marks(article)
    for n, m in enumerate(marks):
        m.note = f"Short note {n}" if n % 3 else "A long note. " * 40  # every third too long for the margin
    path = write_pdf(PdfJob(PdfKind.ANNOTATED, article, CATEGORIES, marks, made_on=MADE_ON), tmp_path / "a.pdf")
    runs = text_runs(path)
    margin = [r for r in runs if r.x > ARTICLE_RIGHT and r.page <= 4]
    badges = {r.text: r for r in margin if BADGE.match(r.text)}
    noted = {b for b, r in badges.items() if any(t.text.startswith("Short note") and abs(t.y - r.y) < 1
                                                for t in margin)}
    pointed = {b for b, r in badges.items() if any(t.text == "see table" and abs(t.y - r.y) < 1 for t in margin)}
    assert len(noted) >= 15 and pointed and not noted & pointed
    table = pdf_text(path).split("Notes too long for the margin", 1)[1]
    in_table = set(re.findall(r"^([A-Z]\d+)$", table, flags=re.M))
    assert pointed <= in_table and not noted & in_table
    assert len(noted) + len(in_table) == len(marks)
    # Beside its line: a note starts level with the badge of its mark in the article, or a little below.
    article_badges = {r.text: r for r in runs if BADGE.match(r.text) and r.x < ARTICLE_RIGHT}
    for badge in noted:
        drop = article_badges[badge].y - badges[badge].y
        assert article_badges[badge].page == badges[badge].page and -12 < drop < 4 * 30, badge


# --- the answer key --------------------------------------------------------------------------------
def _grey_pixels(path: Path, page: int) -> int:
    """Pixels of the watermark's pale grey on ``page``, rendered in greyscale as a photocopier sees it."""
    png = subprocess.run(["pdftoppm", "-gray", "-png", "-r", "40", "-f", str(page), "-l", str(page), str(path)],
                         check=True, capture_output=True).stdout
    histogram = Image.open(io.BytesIO(png)).histogram()
    return sum(histogram[220:225])  # the shade is 222 of 255


@needs_poppler
def test_the_answer_key_has_a_banner_and_a_watermark_on_every_page_and_marks_its_bonus_marks(tmp_path):
    key = write_kind(tmp_path, PdfKind.KEY)
    copy = write_kind(tmp_path, PdfKind.ANNOTATED)
    pages = page_texts(key)
    for n, text in enumerate(pages, 1):
        assert text.lstrip().startswith("ANSWER KEY · TEACHER COPY"), n
        assert "/XObject" in PdfReader(key).pages[n - 1]["/Resources"]  # the watermark: a picture, not text
    assert "ANSWER KEY — TEACHER COPY" not in pdf_text(key)  # so it never mixes into the text layer
    last = len(pages)  # the discussion prompts: no article tints on this page, only the watermark is grey
    assert _grey_pixels(key, last) > 5 * _grey_pixels(copy, len(page_texts(copy))) + 1000
    text = " ".join(pdf_text(key).split())
    assert "Bonus Dashed badge: a good find a student need not have." in text
    assert re.search(r" bonus( |$)", text) and re.search(r" required( |$)", text)  # in the table
    dashed = sum(page.get_contents().get_data().count(b"[1.6 1.2] 0 d") for page in PdfReader(key).pages)
    plain = sum(page.get_contents().get_data().count(b"[1.6 1.2] 0 d") for page in PdfReader(copy).pages)
    assert dashed >= 5 and plain == 0  # five bonus marks, each badge dashed in the article (and the margin)


# --- page breaks -----------------------------------------------------------------------------------
def test_a_page_never_breaks_with_fewer_than_two_lines_of_a_paragraph_on_either_side():
    from desktop_app.exporters.pdf.parts import article_flow

    article = long_article(3000)
    layout = article_flow(article, 504, []).layout
    paragraph_of, paragraph = [], -1
    for line in layout.lines:
        paragraph += line.gap_before or not paragraph_of
        paragraph_of.append(paragraph)
    sizes = {p: paragraph_of.count(p) for p in set(paragraph_of)}
    checked = 0
    for cut in range(1, len(layout.lines)):
        at = layout.good_cut(cut)
        assert 0 <= at <= cut
        if 0 < at < len(layout.lines) and paragraph_of[at - 1] == paragraph_of[at]:
            p = paragraph_of[at]
            before = at - paragraph_of.index(p)
            assert before >= 2 and sizes[p] - before >= 2, (cut, at)
            checked += 1
    assert checked > 50


@needs_poppler
def test_a_mark_carried_onto_the_next_page_shows_its_badge_there(tmp_path):
    article = long_article(3000)
    marks = marks_on(article, 120)
    path = write_pdf(PdfJob(PdfKind.ANNOTATED, article, CATEGORIES, marks, made_on=MADE_ON), tmp_path / "a.pdf")
    runs = text_runs(path)
    carried = [r for r in runs if r.text.startswith("…") and BADGE.match(r.text) and r.x < ARTICLE_RIGHT]
    assert carried
    for run in carried:
        first = next(r for r in runs if r.text == run.text[1:])
        assert first.page < run.page  # it began on an earlier page


@needs_poppler
def test_the_blank_worksheet_keeps_its_closing_box_with_the_last_section(tmp_path):
    last = page_texts(write_kind(tmp_path, PdfKind.BLANK))[-1]
    assert "Looking at the whole article" in last
    assert f"{len(CATEGORIES)}. {list(CATEGORIES)[-1].name}" in last


# --- the blank worksheet of an assignment -------------------------------------------------------------
@needs_poppler
def test_an_assignments_worksheet_prints_its_instructions_minimums_and_the_pen_key_on_every_page(tmp_path):
    path = write_kind(tmp_path, PdfKind.BLANK, instructions="Mark the sources & ask who is missing.\nWork alone.",
                      minimums={"source": 6, "loaded_language": 3})
    pages = page_texts(path)
    text = " ".join(" ".join(pages).split())
    assert "Your teacher’s instructions Mark the sources & ask who is missing. Work alone." in text
    assert "Source (S): find at least 6." in text and "Loaded language (L): find at least 3." in text
    assert "Opposing view (O): find" not in text
    assert "Find at least 6." in text  # in the Source section's prompt, which has six rows to fill in
    for n, page in enumerate(pages, 1):
        flat = " ".join(page.split())
        for cat in CATEGORIES:  # the pen-mark key above every footer
            assert f"{cat.letter} {cat.name}" in flat, (n, cat.name)
    plain = " ".join(pdf_text(write_kind(tmp_path, PdfKind.BLANK)).split())
    assert "Your teacher’s instructions" not in plain and "find at least" not in plain


def test_a_pdf_job_made_as_before_still_prints():
    """The new fields all have defaults: callers that pass none of them get what they got before."""
    article = sample_article()
    for kind in PdfKind:
        job = PdfJob(kind, article, CATEGORIES, sample_key_marks(article) if kind is not PdfKind.BLANK else ())
        assert not job.large_print and job.instructions == "" and dict(job.minimums) == {}
        assert render_pdf(job).startswith(b"%PDF")
    job = feedback_job(0)
    assert not job.show_missed_key and dict(job.note_ratings) == {} and job.reasoning_weight == 0.0
    assert job.reasoning_points is None and not job.large_print
    assert not replace(class_job()).large_print
