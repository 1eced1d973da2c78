"""The printed sheets in another language: every text of Lede's own on them goes through the translations (run
under the pseudo-language, no English word is left but the data), and in a right-to-left language (Hebrew)
Lede's own texts are set right to left: flush right, tables with their first column on the right, the line
numbers right of the article, the running header and footer mirrored. The article keeps its own direction.

The Hebrew catalog may not translate a text yet: the right-to-left tests set the language to Hebrew and keep the
English texts (``_language`` alone), or put in a Hebrew text of their own where the letters matter."""

from __future__ import annotations

import csv
import gettext
import io
import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

import desktop_app.i18n as i18n
from desktop_app.exporters.gradebook import GradebookRow, gradebook_csv
from desktop_app.exporters.pdf import PdfJob, PdfKind, render_pdf, write_pdf
from desktop_app.exporters.pdf.class_summary import render_class_summary
from desktop_app.exporters.pdf.feedback import render_feedback
from desktop_app.exporters.pdf.fonts import SANS, SANS_BOLD
from desktop_app.exporters.pdf.lines import visual_text
from desktop_app.exporters.pdf.page import MARGIN_X, PAPER
from desktop_app.i18n.pseudo import KEPT, pseudo
from desktop_app.resources import default_categories
from tests.pdf_reading import Run, text_runs
from tests.test_pdf_classroom import class_job, feedback_job
from tests.test_pdf_bidi import words_by_line
from tests.test_pdf_export import MADE_ON, needs_poppler, sample_article, sample_key_marks

RIGHT = PAPER["a4"][0] - MARGIN_X
_WORD = re.compile(r"[A-Za-z]{2,}")
_CUT = re.compile(r"\w+…")
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"}
# Texts other packages print on the sheets, translated there (core's column names of a worksheet table when a
# category file gives none, the "Student 3" aliases of a class summary): not the exporters' to wrap.
OTHERS = {"Student"}


@pytest.fixture
def language():
    """Sets the language for one test and puts English back after it."""
    yield i18n.use_language
    i18n.use_language("en")


@pytest.fixture
def hebrew_layout(monkeypatch):
    """Hebrew, right to left, with the English texts (no catalog needed): what a sheet looks like mirrored."""
    monkeypatch.setattr(i18n, "_language", "he")
    monkeypatch.setattr(i18n, "_translations", gettext.NullTranslations())


def _sheets() -> dict[str, bytes]:
    categories = default_categories()  # in the language in force: the standard categories' texts translated
    article = sample_article()
    key = sample_key_marks(article)
    job = replace(feedback_job(1, show_missed_key=True), late=True, categories=categories, reasoning_weight=0.4,
                  reasoning_points=2.5)
    return {
        "blank": render_pdf(PdfJob(PdfKind.BLANK, article, categories, made_on=MADE_ON, instructions="Find them.",
                                   minimums={"source": 3})),
        "annotated": render_pdf(PdfJob(PdfKind.ANNOTATED, article, categories, key, made_on=MADE_ON,
                                       marked_by="Ana")),
        "key": render_pdf(PdfJob(PdfKind.KEY, article, categories, key, made_on=MADE_ON)),
        "feedback": render_feedback(job),
        "summary": render_class_summary(replace(class_job(), categories=categories)),
    }


def _data_words() -> set[str]:
    """Every word of the data the sheets print: the article, its key's notes, the students' work and names."""
    article = sample_article()
    job = feedback_job(1, show_missed_key=True)
    d = article.details
    texts = [article.text, d.title, d.outlet, d.author, d.published, d.url, job.assignment.title,
             job.submission.comment, job.submission.grade, *job.submission.mark_comments.values(), "Find them.",
             "Ana", "Lede", "Ben Okoro"]
    marks = [*sample_key_marks(article), *job.submission.marks]
    texts += [m.note for m in marks] + [str(v) for m in marks for v in m.extra.values()]
    for work in class_job().view.similar:
        texts.append(work.reason)
    return {w for t in texts if isinstance(t, str) for w in _WORD.findall(t)} | _MONTHS | OTHERS


def test_every_sheet_speaks_the_pseudo_language_but_for_its_data(language):
    language("pseudo")
    data = _data_words()
    left = []
    for kind, pdf in _sheets().items():
        for run in text_runs(pdf):
            shown = _CUT.sub(" ", KEPT.sub(" ", run.text))  # a quote cut short ends in a piece of a word
            words = set(_WORD.findall(shown)) - data
            if words:
                left.append(f"{kind} page {run.page}: {run.text!r} ({', '.join(sorted(words))})")
    assert not left, "\n".join(left)


def test_in_english_nothing_is_pseudo(language):
    language("en")
    for kind, pdf in _sheets().items():
        assert not any("⟦" in run.text for run in text_runs(pdf)), kind


def _right_end(run: Run, font: str = SANS_BOLD) -> float:
    return run.x + stringWidth(run.text, font, run.size)


def _run(runs: list[Run], text: str, page: int = 1) -> Run:
    return next(r for r in runs if r.page == page and r.text == text)


def test_a_hebrew_worksheet_is_set_right_to_left(hebrew_layout):
    article = sample_article()
    runs = text_runs(render_pdf(PdfJob(PdfKind.BLANK, article, default_categories(), made_on=MADE_ON)))
    heading = _run(runs, "What to do")
    assert abs(_right_end(heading) - RIGHT) < 1, heading  # at the right margin
    # The name, class and date lines: the first column on the right.
    name, klass, date = (_run(runs, t) for t in ("Name", "Class", "Date"))
    assert name.x > klass.x > date.x
    # The running header starts on the right, the footer's version is on the right and its date on the left.
    header = next(r for r in runs if r.page == 1 and r.text.startswith("Lede · Worksheet"))
    assert abs(_right_end(header) - RIGHT) < 1
    version = next(r for r in runs if r.page == 1 and re.fullmatch(r"Lede \d+\.\d+.*", r.text))
    made = next(r for r in runs if r.page == 1 and "Made" in r.text)  # "Made 25 November 2026", in Hebrew order
    assert abs(_right_end(version, SANS) - RIGHT) < 1 and abs(made.x - MARGIN_X) < 1
    # The article keeps its direction (English, flush left in its column), its line numbers are on its right.
    first_line = next(r for r in runs if r.page == 1 and r.text.startswith("HARROWDEN"))
    five = next(r for r in runs if r.page == 1 and r.text == "5" and r.size == 8)
    assert five.x > first_line.x + 300 > MARGIN_X + 300


def test_a_hebrew_feedback_sheet_mirrors_its_tables_and_keeps_english_notes_readable(hebrew_layout):
    job = replace(feedback_job(1, show_missed_key=True), late=True)
    runs = text_runs(render_feedback(job))
    page = next(r.page for r in runs if r.text == "Your passage")
    number, line, passage = (_run(runs, t, page) for t in ("No.", "Line", "Your passage"))
    assert number.x > line.x > passage.x  # the first column on the right
    by_category = _run(runs, "Category")
    assert by_category.x > _run(runs, "Missed").x
    # A note in English is data: its words keep their order (set flush right in its cell).
    assert any(r.text.startswith("Careful work on the sources") or "Overall:" in r.text for r in runs)


@needs_poppler
def test_a_hebrew_text_of_ledes_own_is_in_visual_order_at_the_right_margin(monkeypatch, tmp_path):
    hebrew = {"What to do": "מה לעשות", "Marks by {name}: {count} in all.": "סימונים של {name}: {count} בסך הכול."}

    class Hebrew(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return hebrew.get(message, message)

    monkeypatch.setattr(i18n, "_language", "he")
    monkeypatch.setattr(i18n, "_translations", Hebrew())
    article = sample_article()
    blank = text_runs(render_pdf(PdfJob(PdfKind.BLANK, article, default_categories(), made_on=MADE_ON)))
    heading = _run(blank, "מה לעשות")  # pypdf gives the letters back in logical order
    assert abs(_right_end(heading) - RIGHT) < 1
    path = write_pdf(PdfJob(PdfKind.ANNOTATED, article, default_categories(), sample_key_marks(article),
                            made_on=MADE_ON, marked_by="Ana García"), tmp_path / "a.pdf")
    # The name, a Latin one, keeps its place in the Hebrew sentence (isolated): its count after it, to its left.
    line = next(words for words in words_by_line(path, 1) if "García" in words and len(words) > 2)
    assert line == visual_text("סימונים של \u2068Ana García\u2069: 30 בסך הכול.", True).split(), line


def test_the_gradebook_headers_are_translated_and_its_numbers_stay_machine_readable(language):
    row = GradebookRow(student="Ana", points=7.5, total=10.0, grade="B+", late=True, reviewed=False, comment="",
                       handed_in_at=datetime(2026, 11, 20, 14, 5, tzinfo=UTC), per_category={"source": (3, 4, 1, 1)})
    language("pseudo")
    table = list(csv.reader(io.StringIO(gradebook_csv([row], [("source", "Source")]), newline="")))
    assert table[0][:2] == [pseudo("Full name"), pseudo("Points")]
    assert table[0][-1] == pseudo("{category}: not in the key").format(category="Source")
    cells = dict(zip(table[0], table[1], strict=True))
    assert cells[pseudo("Points")] == "7.5" and cells[pseudo("Percent")] == "75"
    assert cells[pseudo("Late")] == pseudo("Yes") and cells[pseudo("Handed in")].startswith("2026-11-20")
    language("es")
    table = list(csv.reader(io.StringIO(gradebook_csv([row], [("source", "Source")]), newline="")))
    assert table[1][1:4] == ["7.5", "10", "75"]  # a decimal point whatever the language: spreadsheets import it
