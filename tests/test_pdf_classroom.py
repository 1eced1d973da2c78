"""The classroom PDFs (a student's feedback sheet, the class summary) read back as a student, a teacher and a
projector get them: pdftotext, pdffonts and pypdf, from real matching and a real class view of the sample."""

from __future__ import annotations

import io
import random
import re
import subprocess
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.core.articles import Article
from desktop_app.core.assignments import (
    ON_KEY_MARK,
    ON_STUDENT_MARK,
    Assignment,
    Submission,
)
from desktop_app.core.class_view import anonymous_names, build_class_view
from desktop_app.core.marks import Mark
from desktop_app.core.matching import Tokens, compare
from desktop_app.exporters.pdf import PdfExportError
from desktop_app.exporters.pdf.class_summary import ClassSummaryJob, write_class_summary
from desktop_app.exporters.pdf.feedback import (
    FeedbackJob,
    feedback_file_name,
    render_feedback,
    write_feedback,
)
from desktop_app.exporters.pdf.heat_map import heat_step, step_range
from desktop_app.exporters.pdf.page import english_date
from tests.test_pdf_export import (
    CATEGORIES,
    MADE_ON,
    needs_poppler,
    pdf_text,
    sample_article,
    sample_key_marks,
)

STUDENTS = ("Ana García", "Ben Okoro", "Chloé Dubois")
DUE = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
MARKUP = "<b>bold?</b> & <para>x</para> &amp; <font size=40>big</font>"


def assignment(total: float = 10.0) -> Assignment:
    return Assignment(uid="a1", title="Eastgate library: sources & claims", article_id=1,
                      instructions="Find the sources.", due_at=DUE, categories=tuple(CATEGORIES),
                      total_points=total, id=1)


def _shifted(article: Article, key: Mark, mark_id: int, category: str | None = None, note: str = "") -> Mark:
    """The key passage as a student selects it: the full stop or comma after it taken too."""
    end = key.end + (1 if key.end - key.start > 12 and key.end < len(article.text) else 0)
    return Mark(mark_id, article.id, category or key.category, key.start, end, article.text[key.start:end],
                note=note, layer="submission")


def _extra(article: Article, mark_id: int, rng: random.Random, category: str) -> Mark:
    words = [m.span() for m in re.finditer(r"\S+", article.text)]
    i = rng.randrange(len(words) - 4)
    start, end = words[i][0], words[i + rng.randint(0, 3)][1]
    return Mark(mark_id, article.id, category, start, end, article.text[start:end], note="I think this matters",
                layer="submission")


def student_marks(article: Article, key: list[Mark], who: int) -> list[Mark]:
    """Three different students: Ana finds most, Ben copied Ana but for one mark, Chloé finds a few."""
    rng = random.Random(who)
    base = 100 * (who + 1)
    if who == 2:
        marks = [_shifted(article, k, base + i, note=f"Chloé's note {i}") for i, k in enumerate(key) if i % 4 == 0]
        return marks + [_extra(article, base + 50 + i, rng, "loaded_language") for i in range(4)]
    marks = [_shifted(article, k, base + i, note=f"because {i}") for i, k in enumerate(key)
             if i % 5 != 3 and k.id != 24]
    wrong = next(k for k in key if k.id == 24)  # an unattributed claim, marked as loaded language
    marks.append(_shifted(article, wrong, base + 40, category="loaded_language", note="sounds loaded"))
    marks += [_extra(article, base + 50 + i, rng, "source") for i in range(3)]
    if who == 1:
        marks.pop(0)
    return marks


def submission(article: Article, key: list[Mark], who: int, **changes) -> Submission:
    marks = student_marks(article, key, who)
    comments = {}
    if who == 0:
        comments = {(ON_STUDENT_MARK, marks[0].id): "Good find: a document, so ask who wrote it.",
                    (ON_KEY_MARK, 4): "Look again at the fourth paragraph: who is speaking?",
                    (ON_STUDENT_MARK, marks[-1].id): MARKUP}
    handed_in = datetime(2026, 11, 21, 14, 5, tzinfo=UTC) if who == 0 else datetime(2026, 11, 19, 16, 30, tzinfo=UTC)
    comment = ("Careful work on the sources. Next time, say why a word is loaded.", f"Overall: {MARKUP}", "")[who]
    return replace(Submission(STUDENTS[who], tuple(marks), handed_in, id=who + 1, assignment_id=1,
                              grade=("B+", "C", "A-")[who], comment=comment, mark_comments=comments), **changes)


def feedback_job(who: int = 0, key: list[Mark] | None = None, **changes) -> FeedbackJob:
    article = sample_article()
    key = sample_key_marks(article) if key is None else key
    task = changes.pop("assignment", assignment())
    sub = changes.pop("submission", None) or submission(article, sample_key_marks(article), who)
    comparison = compare(Tokens(article.text), sub.marks, key, CATEGORIES.keys, task.total_points)
    return FeedbackJob(task, article, CATEGORIES, sub, comparison, key, late=task.is_late(sub.handed_in_at),
                       made_on=MADE_ON, **changes)


def flat(path: Path) -> str:
    return " ".join(pdf_text(path).split())


def pages_of(path: Path) -> list[str]:
    return pdf_text(path).split("\f")[:-1]


def fonts_embedded(path: Path) -> None:
    rows = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        assert "DejaVu" in row.split()[0], row
        assert row.split()[-5] == "yes", f"not embedded: {row}"


# --- the feedback sheet ------------------------------------------------------------------------------
def test_feedback_file_names_are_slugs_of_student_and_assignment():
    assert feedback_file_name("Ana García", "Eastgate library") == "ana-garcia-eastgate-library-feedback.pdf"
    assert feedback_file_name("  ", "<b>!</b>") == "student-b-b-feedback.pdf"
    assert feedback_file_name("Zoë / ../etc", "") == "zoe-etc-feedback.pdf"


@needs_poppler
def test_feedback_has_name_grade_points_comments_and_late_with_name_on_every_page(tmp_path):
    job = feedback_job(0)
    assert job.late and job.comparison.has_key
    path = write_feedback(job, tmp_path / feedback_file_name("Ana García", job.assignment.title))
    assert path.name == "ana-garcia-eastgate-library-sources-claims-feedback.pdf"
    pages = pages_of(path)
    assert len(PdfReader(path).pages) == len(pages) >= 2
    for n, text in enumerate(pages, 1):
        # The running header: what it is, for which assignment, and whose: a dropped stack sorts back.
        assert "Lede · Feedback · Eastgate library: sources & claims" in text and "Ana García" in text
        assert f"Page {n} of {len(pages)}" in text
        assert "Made 25 November 2026" in text
    first = " ".join(pages[0].split())
    assert "B+" in first
    points = f"{job.comparison.points:g} / 10 points"
    assert points in first
    handed = job.submission.handed_in_at.astimezone()  # printed on the teacher's clock
    assert f"LATE · Handed in on {english_date(handed.date())} at {handed:%H:%M}" in first
    assert "(due 20 November 2026" in first
    assert "Careful work on the sources. Next time, say why a word is loaded." in first
    assert f"You found {job.comparison.required_found} of the {job.comparison.required_total} passages" in first
    text = flat(path)
    assert "✓ in the key, + not in the key" in text
    for section in ("By category", "Your marks on the article", "Your marks"):
        assert section in text
    assert "Your note: because 1" in text  # the student's own note, beside the teacher's answer
    assert "Teacher: Good find: a document, so ask who wrote it." in text  # a comment on a found mark
    assert "Look again at the fourth paragraph: who is speaking?" in text  # a hint on a missed key mark
    assert MARKUP in text  # markup-like teacher text, printed as typed


@needs_poppler
def test_not_late_says_no_late_and_markup_in_the_overall_comment_prints_literally(tmp_path):
    job = feedback_job(1)
    assert not job.late
    text = flat(write_feedback(job, tmp_path / "f.pdf"))
    assert "Ben Okoro" in text and "LATE" not in text
    assert f"Overall: {MARKUP}" in text


@needs_poppler
def test_a_student_with_no_marks_gets_a_sensible_sheet(tmp_path):
    article = sample_article()
    sub = submission(article, sample_key_marks(article), 2, marks=(), mark_comments={}, grade="",
                     comment="You handed in an empty file: come and see me.")
    job = feedback_job(2, submission=sub)
    assert job.comparison.points == 0
    path = write_feedback(job, tmp_path / "f.pdf")
    text = flat(path)
    assert "Chloé Dubois" in text and "0 / 10 points" in text
    assert "You found 0 of the 25 passages the key asks for, and 0 of 5 bonus passages. You handed in no marks." in text
    assert "You missed 30 key passages" in text
    assert "Your marks on the article" not in text  # nothing to show on it
    assert not any(" ".join(k.note.split())[:50] in text for k in job.key)  # the key is not released
    released = flat(write_feedback(replace(job, show_missed_key=True), tmp_path / "g.pdf"))
    assert all(" ".join(k.note.split())[:50] in released for k in job.key)  # every key note, as missed
    fonts_embedded(path)


@needs_poppler
def test_an_assignment_without_a_key_prints_the_marks_and_no_points(tmp_path):
    job = feedback_job(0, key=[])
    assert not job.comparison.has_key
    path = write_feedback(job, tmp_path / "f.pdf")
    text = flat(path)
    assert "Ana García" in text and "B+" in text
    assert "points" not in text and "What you missed" not in text and "in the key" not in text
    assert "Your marks" in text and "Teacher: Good find: a document" in text and "Your note: because 0" in text
    fonts_embedded(path)


@needs_poppler
def test_feedback_fonts_are_embedded_and_none_is_helvetica(tmp_path):
    fonts_embedded(write_feedback(feedback_job(0), tmp_path / "f.pdf"))


@needs_poppler
def test_a_ten_thousand_letter_comment_and_note_wrap_without_breaking_the_sheet(tmp_path):
    article = sample_article()
    sub = submission(article, sample_key_marks(article), 0)
    marks = list(sub.marks)
    marks[-2] = marks[-2].with_changes(note="W" * 10_000)  # an extra mark: its note is printed
    comments = dict(sub.mark_comments)
    comments[(ON_KEY_MARK, 4)] = "lengthy " * 2_000
    sub = replace(sub, marks=tuple(marks), mark_comments=comments)
    job = feedback_job(0, submission=sub)
    path = write_feedback(job, tmp_path / "f.pdf")
    text = pdf_text(path)
    assert max(len(line) for line in text.splitlines()) < 200
    assert text.split().count("lengthy") == 2_000
    assert text.count("W") == pdf_text(write_feedback(feedback_job(0), tmp_path / "g.pdf")).count("W") + 10_000


def test_paper_is_checked_and_a_missing_folder_is_a_clear_message(tmp_path):
    with pytest.raises(ValueError):
        feedback_job(0, paper="a5")
    letter = PdfReader(io.BytesIO(render_feedback(feedback_job(0, paper="letter"))))
    assert round(float(letter.pages[0].mediabox.height)) == 792
    with pytest.raises(PdfExportError, match="does not exist"):
        write_feedback(feedback_job(0), tmp_path / "nowhere" / "f.pdf")


# --- the class summary -----------------------------------------------------------------------------------
def class_job(hide_names: bool = True, key: list[Mark] | None = None, who=(0, 1, 2), **changes) -> ClassSummaryJob:
    article = sample_article()
    key = sample_key_marks(article) if key is None else key
    tokens = Tokens(article.text)
    works = []
    for n in who:
        sub = submission(article, sample_key_marks(article), n)
        works.append((sub.student_name, sub.marks, compare(tokens, sub.marks, key, CATEGORIES.keys, 10)))
    view = build_class_view(tokens, key, works, CATEGORIES.keys)
    return ClassSummaryJob(assignment(), article, CATEGORIES, view, hide_names=hide_names, made_on=MADE_ON,
                           **changes)


def _every_spelling(name: str) -> list[str]:
    """The name and each of its words, also without accents: none may be left anywhere."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return sorted({name, plain, *name.split(), *plain.split()})


@needs_poppler
def test_class_summary_has_figures_agreement_charts_heat_map_and_tables(tmp_path):
    job = class_job(hide_names=False)
    view = job.view
    path = write_class_summary(job, tmp_path / "class.pdf")
    pages = pages_of(path)
    assert len(PdfReader(path).pages) == len(pages) >= 3
    for n, text in enumerate(pages, 1):
        assert "Lede · Class summary · Eastgate library: sources & claims" in text
        assert f"Page {n} of {len(pages)}" in text and "Made 25 November 2026" in text
    first = " ".join(pages[0].split())
    assert "Students 3" in first
    mean = sum(view.scores) / 3
    assert f"Mean points {mean:.1f}".rstrip("0").rstrip(".") in first
    assert f"{view.alpha:.2f}" in first
    assert "how much the class agrees with itself: 1 = everyone marked the same words the same way, 0 = no " \
           "more than chance" in first
    # The charts' own words, drawn with ReportLab graphics.
    for label in ("Found, on average, against the key", "Points: how many students got how many",
                  "Key passages most students missed", "students who missed it"):
        assert label in first
    text = flat(path)
    assert "Where the class marked" in text and "Students who marked it:" in text
    most = view.key_marks[0]
    assert most.key.quote[:30] in text
    assert f"{len(most.found_by)} of 3" in text
    assert view.common_extras and "Passages many marked that the key does not list" in text
    assert view.similar and "Ana García Ben Okoro" in text  # the names, when not hidden
    fonts_embedded(path)


@needs_poppler
def test_hide_names_leaves_no_student_name_anywhere_in_the_summary(tmp_path):
    job = class_job(hide_names=True)
    assert job.view.similar, "the test needs a flagged pair, or names could only be absent by luck"
    path = write_class_summary(job, tmp_path / "class.pdf")
    text = pdf_text(path)
    raw = path.read_bytes()
    metadata = " ".join(str(v) for v in (PdfReader(path).metadata or {}).values())
    for name in STUDENTS:
        for spelling in _every_spelling(name):
            assert spelling not in text, spelling
            assert spelling not in metadata, spelling
            assert spelling.encode() not in raw, spelling
    anon = anonymous_names(STUDENTS)
    assert f"{anon[STUDENTS[0]]} {anon[STUDENTS[1]]}" in " ".join(text.split())  # the pair Ana and Ben


@needs_poppler
def test_a_summary_without_a_key_and_one_without_students_still_make_sense(tmp_path):
    path = write_class_summary(class_job(key=[]), tmp_path / "no-key.pdf")
    text = flat(path)
    assert "This assignment has no answer key" in text and "Where the class marked" in text
    assert "Key passages, most missed first" not in text
    fonts_embedded(path)
    path = write_class_summary(class_job(who=()), tmp_path / "empty.pdf")
    text = flat(path)
    assert "No submissions yet" in text and "Page 1 of 1" in text
    fonts_embedded(path)


def test_heat_steps_are_fifths_of_the_class_rounded_up():
    assert [heat_step(n, 30) for n in (0, 1, 6, 7, 12, 13, 24, 25, 30)] == [0, 1, 1, 2, 2, 3, 4, 5, 5]
    assert [heat_step(n, 3) for n in (1, 2, 3)] == [2, 4, 5]
    assert step_range(1, 30) == (1, 6) and step_range(1, 3) is None and step_range(5, 3) == (3, 3)


@needs_poppler
def test_short_markup_that_fits_one_line_prints_literally_too(tmp_path):
    """Short cell text takes a cheaper path than a Paragraph (a plain table string): still literal."""
    article = sample_article()
    sub = submission(article, sample_key_marks(article), 0)
    marks = list(sub.marks)
    marks[-2] = marks[-2].with_changes(note="<i>a</i> &amp; b")
    text = flat(write_feedback(feedback_job(0, submission=replace(sub, marks=tuple(marks))), tmp_path / "f.pdf"))
    assert "<i>a</i> &amp; b" in text


@needs_poppler
def test_a_key_passage_has_the_same_k_number_and_line_on_the_feedback_and_the_summary(tmp_path):
    feedback = flat(write_feedback(feedback_job(0, show_missed_key=True), tmp_path / "f.pdf"))
    summary = flat(write_class_summary(class_job(), tmp_path / "c.pdf"))
    # Key mark 24 of the file is the eighth in reading order; Ana missed it (she marked it as loaded language).
    assert "K8 20 Unattributed claim: “The branch is rarely used on weekday mornings”" in feedback
    assert "K8 20 “The branch is rarely used on weekday mornings”" in summary


@needs_poppler
def test_a_class_that_all_looks_alike_prints_twenty_pairs_and_counts_the_rest(tmp_path):
    from desktop_app.core.agreement import SimilarPair
    from desktop_app.exporters.pdf.class_summary import MAX_SIMILAR_ROWS

    job = class_job(hide_names=False)
    pairs = tuple(SimilarPair(f"Pupil {i}", f"Pupil {i + 1}", 0.95, 3, "3 notes are word for word the same")
                  for i in range(MAX_SIMILAR_ROWS + 7))
    job = replace(job, view=replace(job.view, similar=pairs))
    text = " ".join(pdf_text(write_class_summary(job, tmp_path / "class.pdf")).split())
    assert f"Pupil {MAX_SIMILAR_ROWS - 1} Pupil {MAX_SIMILAR_ROWS}" in text
    assert f"Pupil {MAX_SIMILAR_ROWS} Pupil {MAX_SIMILAR_ROWS + 1}" not in text
    assert "…and 7 more pairs" in text
