"""Saving whole or not at all, readable by the other accounts of a shared lab folder: the mode a plain open()
gives, the folder flushed after the rename, and never a file written over when the caller says not to."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from desktop_app import safe_files
from desktop_app.safe_files import write_atomically


class SaveError(Exception):
    pass


@pytest.fixture
def umask():
    """Sets the process's umask for one test, and puts the old one back after."""
    previous = os.umask(0o022)
    os.umask(previous)

    def set_to(mask: int) -> None:
        os.umask(mask)
        # Where /proc does not tell the umask, safe_files reads it once and remembers it: make it read again.
        safe_files._umask_by_setting.cache_clear()

    yield set_to
    os.umask(previous)
    safe_files._umask_by_setting.cache_clear()


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def save(path: Path, data: bytes = b"content", **options) -> Path:
    return write_atomically(path, lambda out: out.write(data), SaveError, **options)


def leftovers(folder: Path, *keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


# --- permissions ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_saved_file_has_the_mode_open_would_give_it(tmp_path, umask, mask, mode):
    umask(mask)
    saved = save(tmp_path / "hand-in.ledesub")
    with open(tmp_path / "plain.txt", "w"):
        pass
    assert mode_of(saved) == mode == mode_of(tmp_path / "plain.txt")
    assert saved.read_bytes() == b"content"


@pytest.mark.parametrize("status", [None, "Name:\tpython\nUmask-less:\tkernel older than 4.7\n"])
def test_without_the_umask_in_proc_it_is_read_by_setting_it_and_put_back(tmp_path, umask, monkeypatch, status):
    fake = tmp_path / "status"
    if status is not None:
        fake.write_text(status)
    monkeypatch.setattr(safe_files, "_PROC_STATUS", str(fake))
    umask(0o002)
    folder = tmp_path / "out"
    folder.mkdir()
    assert mode_of(save(folder / "pack.ledepack")) == 0o664
    assert os.umask(0o002) == 0o002  # the process's own umask is as it was


def test_a_file_written_again_gets_the_usual_mode_even_if_the_old_one_was_private(tmp_path, umask):
    umask(0o022)
    target = tmp_path / "ana-eastgate.ledesub"
    target.write_bytes(b"from an older Lede")
    target.chmod(0o600)
    save(target, b"handed in again")
    assert target.read_bytes() == b"handed in again" and mode_of(target) == 0o644


def test_a_filesystem_without_permission_bits_still_saves(tmp_path, monkeypatch):
    def refuse(fd, mode):
        raise OSError(errno.EPERM, "Operation not permitted")  # what a FAT USB stick says

    monkeypatch.setattr(os, "fchmod", refuse)
    assert save(tmp_path / "gradebook.csv").read_bytes() == b"content"


# --- whole or not at all -------------------------------------------------------------------------------------
def test_writing_over_a_file_is_one_step_and_a_failed_build_keeps_the_old_one(tmp_path):
    target = tmp_path / "gradebook.csv"
    save(target, b"first")
    save(target, b"second")
    assert target.read_bytes() == b"second"

    def broken(out):
        out.write(b"half of the th")
        raise RuntimeError("the program crashed")

    with pytest.raises(RuntimeError):
        write_atomically(target, broken, SaveError)
    assert target.read_bytes() == b"second"
    assert leftovers(tmp_path) == ["gradebook.csv"]


def test_the_folder_is_flushed_after_the_file_has_its_name(tmp_path, monkeypatch):
    target = tmp_path / "feedback.pdf"
    flushed = []
    real_fsync = os.fsync

    def recording(fd):
        flushed.append((stat.S_ISDIR(os.fstat(fd).st_mode), target.exists()))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording)
    save(target)
    assert flushed == [(False, False), (True, True)]  # the file's bytes, then the folder holding its new name


def test_a_folder_the_filesystem_will_not_flush_still_saves_but_a_failing_disk_is_reported(tmp_path, monkeypatch):
    real_fsync = os.fsync
    failure = errno.EINVAL

    def folder_refused(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(failure, os.strerror(failure))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", folder_refused)
    assert save(tmp_path / "a.pdf").read_bytes() == b"content"
    failure = errno.EIO
    with pytest.raises(SaveError, match=r"Could not save b\.pdf"):
        save(tmp_path / "b.pdf")
    assert not list(tmp_path.glob(".*.part"))


# --- never over a file that is there -------------------------------------------------------------------------
def test_without_replace_a_file_already_there_is_left_alone(tmp_path):
    target = tmp_path / "ana-lopez-eastgate.ledesub"
    target.write_bytes(b"another student's hand-in")
    with pytest.raises(FileExistsError):
        save(target, b"mine", replace=False)
    assert target.read_bytes() == b"another student's hand-in"
    assert leftovers(tmp_path) == [target.name]
    assert save(tmp_path / "free.ledesub", b"mine", replace=False).read_bytes() == b"mine"


def test_a_file_that_appears_while_this_one_is_written_is_not_written_over(tmp_path):
    """Two lab computers saving to one shared folder: the name was free when this save began."""
    target = tmp_path / "ana-lopez-eastgate.ledesub"

    def build(out):
        out.write(b"mine")
        target.write_bytes(b"the other computer's file")

    with pytest.raises(FileExistsError):
        write_atomically(target, build, SaveError, replace=False)
    assert target.read_bytes() == b"the other computer's file"
    assert leftovers(tmp_path) == [target.name]


@pytest.mark.parametrize("refusal", [errno.EPERM, errno.EOPNOTSUPP])
def test_on_a_filesystem_without_hard_links_the_file_is_renamed_and_still_never_over_another(
        tmp_path, monkeypatch, umask, refusal):
    def no_hard_links(src, dst, **kwargs):
        raise OSError(refusal, os.strerror(refusal))

    monkeypatch.setattr(os, "link", no_hard_links)
    umask(0o002)
    saved = save(tmp_path / "new.ledesub", b"mine", replace=False)
    assert saved.read_bytes() == b"mine" and mode_of(saved) == 0o664
    with pytest.raises(FileExistsError):
        save(saved, b"again", replace=False)
    assert saved.read_bytes() == b"mine"
    assert leftovers(tmp_path) == ["new.ledesub"]


# --- every writer goes through here ----------------------------------------------------------------------------
def test_packs_hand_ins_gradebooks_and_pdfs_are_readable_by_the_group(tmp_path, umask):
    """Under umask 002 (a lab that shares through a group) each kind of file Lede hands on is 0o664."""
    from desktop_app.core.articles import Article
    from desktop_app.exchange import text_sha256, write_pack, write_submission
    from desktop_app.exporters.gradebook import write_gradebook
    from desktop_app.exporters.pdf import PdfJob, PdfKind, write_pdf
    from desktop_app.exporters.pdf.class_summary import write_class_summary
    from desktop_app.exporters.pdf.feedback import write_feedback
    from tests.test_exchange import ARTICLE, HANDED_IN, TEXT, make_assignment, student_marks
    from tests.test_gradebook import CATEGORIES as GRADEBOOK_CATEGORIES
    from tests.test_gradebook import row
    from tests.test_pdf_classroom import class_job, feedback_job
    from tests.test_pdf_export import CATEGORIES, sample_article

    umask(0o002)
    assignment = make_assignment()
    article: Article = sample_article()
    written = [
        write_pack(tmp_path, assignment, ARTICLE),
        write_submission(tmp_path, assignment, text_sha256(TEXT), "Ana Garc\u00eda", student_marks(), HANDED_IN)[0],
        write_gradebook(tmp_path / "gradebook.csv", [row()], GRADEBOOK_CATEGORIES),
        write_pdf(PdfJob(PdfKind.BLANK, article, CATEGORIES), tmp_path / "worksheet.pdf"),
        write_feedback(feedback_job(0), tmp_path / "feedback.pdf"),
        write_class_summary(class_job(), tmp_path / "summary.pdf"),
    ]
    assert {p.name: mode_of(p) for p in written} == {p.name: 0o664 for p in written}
    assert leftovers(tmp_path) == sorted(p.name for p in written)
