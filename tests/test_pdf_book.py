"""A class's feedback sheets as one PDF for one print job: each student starts on a right-hand page, every page
says whose it is and which of their pages it is, and the PDF's outline lists the students."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pypdf import PdfReader

from desktop_app.exporters.pdf.feedback import render_feedback, render_feedback_book, write_feedback_book
from desktop_app.exporters.pdf.page import BLANK_BACK
from tests.test_pdf_classroom import STUDENTS, feedback_job
from tests.test_pdf_export import needs_poppler, page_texts


def sheet_pages(job) -> int:
    import io

    return len(PdfReader(io.BytesIO(render_feedback(job))).pages)


@needs_poppler
def test_each_student_starts_on_an_odd_page_with_a_blank_back_where_needed(tmp_path):
    jobs = [feedback_job(who) for who in (2, 0, 1)]  # Chloé first: an odd count of pages, so a blank follows
    counts = [sheet_pages(job) for job in jobs]
    path = write_feedback_book(jobs, tmp_path / "class.pdf")
    pages = page_texts(path)
    starts, page = [], 1
    for count in counts:
        starts.append(page)
        page += count + count % 2
    assert len(pages) == starts[-1] + counts[-1] - 1  # no blank page after the last sheet
    assert all(start % 2 == 1 for start in starts)
    for start, count, job in zip(starts, counts, jobs, strict=True):
        name = job.submission.student_name
        for n in range(1, count + 1):
            text = pages[start + n - 2]
            assert name in text and f"Page {n} of {count}" in text, (name, n)
        if count % 2 and start != starts[-1]:
            assert BLANK_BACK in pages[start + count - 1]
    blanks = [n for n, text in enumerate(pages, 1) if BLANK_BACK in text]
    assert len(blanks) == sum(c % 2 for c in counts[:-1])
    outline = [item.title for item in PdfReader(path).outline]
    assert outline == [job.submission.student_name for job in jobs]


def test_the_book_holds_each_sheet_as_printed_alone():
    """Same content as the separate sheets: a student's pages in the book say what their own sheet says."""
    import io

    from pypdf import PdfReader as Reader

    jobs = [feedback_job(who) for who in range(3)]
    book = Reader(io.BytesIO(render_feedback_book(jobs)))
    alone = Reader(io.BytesIO(render_feedback(jobs[0])))
    assert [p.extract_text() for p in book.pages[:len(alone.pages)]] == [p.extract_text() for p in alone.pages]
    assert set(STUDENTS) <= {item.title for item in book.outline}


def test_a_book_needs_sheets_on_one_paper(tmp_path):
    with pytest.raises(ValueError, match="at least one"):
        write_feedback_book([], tmp_path / "x.pdf")
    with pytest.raises(ValueError, match="same paper"):
        write_feedback_book([feedback_job(0), replace(feedback_job(1), paper="letter")], tmp_path / "x.pdf")
    assert not list(tmp_path.iterdir())


def test_a_large_print_sheet_can_sit_in_a_book_of_normal_ones():
    import io

    jobs = [feedback_job(2), feedback_job(1, large_print=True)]
    book = PdfReader(io.BytesIO(render_feedback_book(jobs)))
    assert len(book.pages) >= sheet_pages(jobs[0]) + sheet_pages(jobs[1])
