"""The feedback sheet as the issue asked for it: the key kept back until the teacher releases it, the notes'
ratings in words, the reasoning's points, and two or three pages for a typical hand-in (one for an empty one)."""

from __future__ import annotations

import re
from dataclasses import replace

from pypdf import PdfReader

from desktop_app.core.marks import Mark
from desktop_app.exporters.pdf.feedback import write_feedback
from tests.test_pdf_classroom import feedback_job, flat, pages_of, submission
from tests.test_pdf_export import needs_poppler, sample_article, sample_key_marks


@needs_poppler
def test_the_sheet_keeps_the_key_back_until_it_is_released(tmp_path):
    held = feedback_job(0)
    missed = held.comparison.missed
    assert missed
    text = flat(write_feedback(held, tmp_path / "held.pdf"))
    for k in held.key:  # no key note anywhere, not even on the passages she found
        assert " ".join(k.note.split())[:40] not in text, k.quote
    hers = {id(k) for k in held.comparison.wrong_category.values()}  # passages she marked as something else
    for k in missed:
        assert id(k) in hers or f"“{k.quote[:30]}" not in text, k.quote
    assert f"You missed {len(missed)} key passages" in text and "What you missed" not in text
    assert "Not in the key as Loaded language." in text  # her mark on key mark 24, said without the key
    per_category = {key: s.required - s.found for key, s in held.comparison.per_category.items()}
    missed_claims = per_category["unattributed_claim"]
    assert re.search(rf"Unattributed claim 2 ?/ ?3 {missed_claims} ", text)  # found / required, then missed

    released = flat(write_feedback(replace(held, show_missed_key=True), tmp_path / "released.pdf"))
    assert "What you missed" in released and "You missed" not in released
    for k in missed:
        assert " ".join(k.note.split())[:50] in released, k.quote
    # Ana marked key mark 24 (an unattributed claim) as loaded language: once released, her row says so.
    assert "The key has this as Unattributed claim (K8)." in released  # K8: eighth key mark in reading order
    assert "The key’s note:" in released
    chloe = feedback_job(2, show_missed_key=True)  # she found none of the bonus passages
    assert "Bonus: a good find, not asked for." in flat(write_feedback(chloe, tmp_path / "chloe.pdf"))


@needs_poppler
def test_note_ratings_print_as_words_with_a_legend_and_reasoning_in_the_grade_box(tmp_path):
    job = feedback_job(2)
    marks = numbered_marks(job)
    ratings = {marks[0].id: 2, marks[1].id: 1, marks[2].id: 0}
    job = replace(job, note_ratings=ratings, reasoning_weight=0.4, reasoning_points=2.5)
    path = write_feedback(job, tmp_path / "f.pdf")
    text = flat(path)
    assert f"Your note (sound): {marks[0].note}" in text
    assert f"Your note (partly): {marks[1].note}" in text
    assert f"Your note (missing or wrong): {marks[2].note}" in text
    assert f"Your note (not rated): {marks[3].note}" in text
    assert "The word after “Your note” is how your teacher rated it: sound" in text
    assert "Reasoning: 2.5 of 4" in " ".join(pages_of(path)[0].split())  # 40 % of 10 points
    unrated = flat(write_feedback(replace(job, reasoning_points=None), tmp_path / "g.pdf"))
    assert "Reasoning: — of 4" in unrated
    plain = flat(write_feedback(feedback_job(2), tmp_path / "h.pdf"))
    assert "Reasoning" not in plain and "(sound)" not in plain and "Your note: " in plain


def numbered_marks(job) -> list[Mark]:
    from desktop_app.exporters.pdf.annotated import numbered

    return numbered(job.submission.marks)


@needs_poppler
def test_a_typical_hand_in_fits_three_pages_and_an_empty_one_a_single_page(tmp_path):
    typical = feedback_job(2)  # Chloé: 12 marks against the sample's 30-mark key
    assert len(typical.submission.marks) == 12 and len(typical.key) == 30
    assert len(PdfReader(write_feedback(typical, tmp_path / "t.pdf")).pages) <= 3
    article = sample_article()
    empty = submission(article, sample_key_marks(article), 2, marks=(), mark_comments={}, grade="",
                       comment="You handed in an empty file: come and see me.")
    path = write_feedback(feedback_job(2, submission=empty), tmp_path / "e.pdf")
    assert len(PdfReader(path).pages) == 1
