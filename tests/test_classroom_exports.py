"""A class's feedback sheets written by worker processes: the same files as one by one, in the order asked,
and a failure reported as the one clear error, not a worker's traceback; each student's sheet its own file."""

from __future__ import annotations


import pytest
from pypdf import PdfReader

from desktop_app.classroom.exports import feedback_file_names, write_feedback_batch
from desktop_app.core.assignments import Submission
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


def _class(*names_by_id: tuple[int, str]) -> list[Submission]:
    return [Submission(student_name=name, marks=(), id=sub_id) for sub_id, name in names_by_id]


def test_students_whose_names_make_one_file_name_get_a_sheet_each():
    names = feedback_file_names(_class((7, "Ana Maria Lopez"), (3, "Ana-Maria Lopez"), (5, "Ben Okafor"),
                                       (9, "ANA MARIA LOPEZ!")), "Eastgate library")
    assert names == {3: "ana-maria-lopez-eastgate-library-feedback.pdf",
                     5: "ben-okafor-eastgate-library-feedback.pdf",
                     7: "ana-maria-lopez-eastgate-library-feedback-2.pdf",
                     9: "ana-maria-lopez-eastgate-library-feedback-3.pdf"}


def test_the_same_class_gets_the_same_names_in_any_order_so_exporting_again_replaces_the_sheets():
    students = _class((3, "Ana-Maria Lopez"), (7, "Ana Maria Lopez"), (5, "Ben Okafor"))
    names = feedback_file_names(students, "Eastgate library")
    assert feedback_file_names(list(reversed(students)), "Eastgate library") == names
    assert feedback_file_names(iter(students), "Eastgate library") == names


def test_two_sheets_that_would_share_a_name_are_two_files(tmp_path):
    """The batch as the classroom desk writes it: without distinct names the second sheet replaced the first."""
    students = _class((1, "Ana-Maria Lopez"), (2, "Ana Maria Lopez"))
    names = feedback_file_names(students, "Eastgate library")
    jobs = [(feedback_job(who), tmp_path / names[sub.id]) for who, sub in enumerate(students)]
    paths = write_feedback_batch(jobs, workers=1)
    assert len(set(paths)) == 2 and sorted(p.name for p in tmp_path.iterdir()) == sorted(names.values())
