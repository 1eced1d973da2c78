"""Mixed directions everywhere on the page, not only in the article: Lede's sentences holding a Hebrew name,
names and titles in running headers and table cells, and an emoji on an Arabic line. Read back by position
(pdftotext -bbox, pypdf), since plain pdftotext reorders right-to-left text by its own rules."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from desktop_app.core.articles import Article, ArticleDetails
from desktop_app.exporters.pdf import PdfJob, PdfKind, write_pdf
from desktop_app.exporters.pdf.feedback import write_feedback
from desktop_app.exporters.pdf.fonts import PLACEHOLDER
from desktop_app.exporters.pdf.lines import visual_text
from tests.pdf_reading import text_runs
from tests.test_pdf_classroom import feedback_job
from tests.test_pdf_export import CATEGORIES, MADE_ON, needs_poppler, pdf_text, sample_article, sample_key_marks

HEBREW = re.compile("[\u0590-\u05ff]")


def words_by_line(path, page: int | None = None) -> list[list[str]]:
    """Each printed line's words (of one page, or all), left to right, each word's glyphs left to right: as the
    page shows them. (pypdf gives right-to-left text back in logical order: no judge of visual order.)"""
    rows: dict[tuple[int, float], list[tuple[float, str]]] = {}
    number = 0
    for line in pdf_text(path, "-bbox").splitlines():
        number += "<page " in line
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]+)</word>', line)
        if m:
            rows.setdefault((number, round(float(m.group(2)))), []).append((float(m.group(1)), m.group(3)))
    return [[w for _, w in sorted(words)] for (on, _), words in sorted(rows.items()) if page in (None, on)]


@needs_poppler
def test_marks_by_a_hebrew_name_keep_their_count_after_the_name(tmp_path):
    article = sample_article()
    path = write_pdf(PdfJob(PdfKind.ANNOTATED, article, CATEGORIES, sample_key_marks(article), made_on=MADE_ON,
                            marked_by="דנה"), tmp_path / "a.pdf")
    line = next(words for words in words_by_line(path) if words[:2] == ["Marks", "by"])
    assert line[2] == "הנד:" and line[3:] == ["30", "in", "all."], line  # not "Marks by 30 :דנה in all."
    header = [words for words in words_by_line(path, 2) if any(HEBREW.search(w) for w in words)]
    assert header == [visual_text("דנה").split()]  # the running header names her too


@needs_poppler
def test_a_hebrew_student_and_title_read_right_in_headers_and_table_cells(tmp_path):
    job = feedback_job(2)
    name = "דנה כהן"
    marks = list(job.submission.marks)
    marks[0] = marks[0].with_changes(note="המקור הוא 3 אנשים")
    job = replace(job, submission=replace(job.submission, student_name=name, marks=tuple(marks)),
                  assignment=replace(job.assignment, title="Eastgate 2026: מי מדבר?"))
    path = write_feedback(job, tmp_path / "f.pdf")
    pages = {r.page for r in text_runs(path)}
    shown = {page: [" ".join(words) for words in words_by_line(path, page)] for page in pages}
    for page in pages:  # whose sheet, on every page, in visual order
        assert any(line.endswith(visual_text(name)) for line in shown[page]), page
    title = visual_text("Eastgate 2026: מי מדבר?")
    assert any(line.endswith(f"· {title}") for line in shown[2])  # the assignment in the running header
    assert any(visual_text("המקור הוא 3 אנשים") in line for p in pages for line in shown[p])  # a note in a cell


@needs_poppler
def test_an_emoji_on_an_arabic_line_prints_one_box_and_the_letters_joined(tmp_path):
    text = "مرحبا 👨‍👩‍👧 بالعالم"
    article = Article(3, ArticleDetails("عربي"), text, direction="rtl")
    path = write_pdf(PdfJob(PdfKind.BLANK, article, CATEGORIES, made_on=MADE_ON), tmp_path / "b.pdf")
    line = next(words for words in words_by_line(path) if PLACEHOLDER in words)
    assert line.count(PLACEHOLDER) == 1 and len(line) == 3
    for word in (line[0], line[2]):  # joined: drawn from the presentation forms, not the isolated letters
        assert all("\ufe70" <= ch <= "\ufeff" for ch in word), word
        assert unicodedata.normalize("NFKC", word)[::-1] in text
