"""A class's feedback sheets written by worker processes: the same files as one by one, in the order asked,
and a failure reported as the one clear error, not a worker's traceback."""

from __future__ import annotations


import pytest
from pypdf import PdfReader

from desktop_app.classroom.exports import write_feedback_batch
from desktop_app.exporters.pdf import PdfExportError
from tests.test_pdf_classroom import feedback_job


def test_worker_processes_write_every_sheet_in_order(tmp_path):
    jobs = [(feedback_job(who), tmp_path / f"student-{who}.pdf") for who in range(3)]
    seen = []
    paths = write_feedback_batch(jobs, progress=lambda done, total: seen.append((done, total)), workers=2)
    assert paths == [path for _, path in jobs]
    assert seen == [(1, 3), (2, 3), (3, 3)]
    for path in paths:
        assert len(PdfReader(path).pages) >= 2
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*"))


def test_a_folder_that_cannot_be_written_is_one_clear_error(tmp_path):
    jobs = [(feedback_job(0), tmp_path / "missing-folder" / "a.pdf"), (feedback_job(1), tmp_path / "b.pdf")]
    with pytest.raises(PdfExportError) as caught:
        write_feedback_batch(jobs, workers=2)
    assert "missing-folder" in str(caught.value)
    with pytest.raises(PdfExportError):
        write_feedback_batch(jobs, workers=1)


def test_small_batches_stay_in_this_process():
    from desktop_app.classroom.exports import worker_count

    assert worker_count(3) == 1 and 1 <= worker_count(30) <= 4
