"""Handing in to a shared folder never writes over another student's file: names that make the same file name,
another assignment's hand-in, files Lede cannot read, and two lab computers saving at the same moment."""

from __future__ import annotations

import os
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app.core.assignments import student_key
from desktop_app.exchange import ExchangeError, read_submission, text_sha256, write_submission
from desktop_app.exchange import safezip, submission
from tests.test_exchange import HANDED_IN, TEXT, make_assignment, student_marks

BASE = "ana-maria-lopez-eastgate-library.ledesub"
SECOND = "ana-maria-lopez-eastgate-library-2.ledesub"


@pytest.fixture(scope="module")
def assignment():
    return make_assignment()


def hand_in(folder: Path, assignment, name: str, marks=None, later: int = 0) -> tuple[Path, bool]:
    return write_submission(folder, assignment, text_sha256(TEXT), name, student_marks() if marks is None else marks,
                            HANDED_IN + timedelta(minutes=later))


def whose(path: Path) -> str:
    return read_submission(path).student_name


def test_two_students_whose_names_make_one_file_name_get_two_files(tmp_path, assignment):
    assert student_key("Ana-Maria Lopez") != student_key("Ana Maria Lopez")
    first, replaced_first = hand_in(tmp_path, assignment, "Ana-Maria Lopez")
    second, replaced_second = hand_in(tmp_path, assignment, "Ana Maria Lopez")
    assert (first.name, replaced_first) == (BASE, False)
    assert (second.name, replaced_second) == (SECOND, False)
    assert (whose(first), whose(second)) == ("Ana-Maria Lopez", "Ana Maria Lopez")


def test_handing_in_again_replaces_only_the_students_own_file(tmp_path, assignment):
    first, _ = hand_in(tmp_path, assignment, "Ana-Maria Lopez")
    hers = first.read_bytes()
    hand_in(tmp_path, assignment, "Ana Maria Lopez")
    # The same student, typed with other case and accents: her file at -2 is replaced, the other stays.
    again, replaced = hand_in(tmp_path, assignment, "ana maria L\u00f3pez", marks=student_marks()[:1], later=5)
    assert (again.name, replaced) == (SECOND, True)
    assert len(read_submission(again).marks) == 1
    assert first.read_bytes() == hers
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([BASE, SECOND])


def test_a_hand_in_for_another_assignment_of_the_same_title_is_left_alone(tmp_path, assignment):
    other = make_assignment()  # another uid, same title: last year's copy of the assignment
    earlier, _ = hand_in(tmp_path, other, "Ana Maria Lopez")
    path, replaced = hand_in(tmp_path, assignment, "Ana Maria Lopez")
    assert (path.name, replaced) == (SECOND, False)
    assert read_submission(earlier).assignment_uid == other.uid
    assert read_submission(path).assignment_uid == assignment.uid


def test_a_file_that_is_not_a_hand_in_is_left_alone(tmp_path, assignment):
    (tmp_path / BASE).write_bytes(b"a teacher's notes, saved under this name")
    path, replaced = hand_in(tmp_path, assignment, "Ana Maria Lopez")
    assert (path.name, replaced) == (SECOND, False)
    assert (tmp_path / BASE).read_bytes() == b"a teacher's notes, saved under this name"


def test_a_folder_or_a_pipe_under_the_name_is_left_alone_and_not_read(tmp_path, assignment):
    (tmp_path / BASE).mkdir()
    if hasattr(os, "mkfifo"):  # reading a pipe would wait for ever; Windows has none to trip over
        os.mkfifo(tmp_path / SECOND)
    path, replaced = hand_in(tmp_path, assignment, "Ana Maria Lopez")
    assert replaced is False
    assert path.name == ("ana-maria-lopez-eastgate-library-3.ledesub" if hasattr(os, "mkfifo") else SECOND)
    assert whose(path) == "Ana Maria Lopez"


def test_a_hand_in_this_account_may_not_read_is_left_alone(tmp_path, assignment, monkeypatch):
    """Another account's private file (an older Lede wrote hand-ins as 0o600)."""
    theirs, _ = hand_in(tmp_path, assignment, "Ana Maria Lopez")
    kept = theirs.read_bytes()
    theirs.chmod(0o000)
    if os.access(theirs, os.R_OK):  # root reads it anyway: make the open fail as it does for a lab account
        real_open = open

        def refusing(file, *args, **kwargs):
            if Path(file) == theirs:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(safezip, "open", refusing, raising=False)
    try:
        path, replaced = hand_in(tmp_path, assignment, "Ana Maria Lopez", later=5)
    finally:
        theirs.chmod(0o600)
    assert (path.name, replaced) == (SECOND, False)
    assert theirs.read_bytes() == kept


def test_a_name_taken_by_another_computer_at_the_same_moment_is_not_written_over(tmp_path, assignment, monkeypatch):
    """The name was free when the hand-in looked; another lab computer saved there before this one finished."""
    rival = b"the other computer's hand-in"
    real_link = os.link

    def other_computer_first(src, dst, **kwargs):
        if Path(dst).name == BASE and not Path(dst).exists():
            Path(dst).write_bytes(rival)
        return real_link(src, dst, **kwargs)

    monkeypatch.setattr(os, "link", other_computer_first)
    path, replaced = hand_in(tmp_path, assignment, "Ana Maria Lopez")
    assert (path.name, replaced) == (SECOND, False)
    assert (tmp_path / BASE).read_bytes() == rival
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([BASE, SECOND])  # no temporary file left behind


def test_students_handing_in_at_once_to_one_folder_each_get_their_own_file(tmp_path, assignment):
    names = ["Ana Maria Lopez", "Ana-Maria Lopez", "Ana.Maria Lopez", "Ana/Maria Lopez", "Ana, Maria Lopez",
             "Ana Maria Lopez!", "(Ana) Maria Lopez", "Ana Maria-Lopez"]
    assert len({student_key(n) for n in names}) == len(names)
    start = threading.Barrier(len(names))
    results: dict[str, tuple[Path, bool]] = {}
    failures: list[BaseException] = []

    def one(name: str) -> None:
        try:
            start.wait()
            results[name] = hand_in(tmp_path, assignment, name)
        except BaseException as exc:  # noqa: BLE001 - reported below, in the test's own thread
            failures.append(exc)

    threads = [threading.Thread(target=one, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    assert {whose(path) for path, _ in results.values()} == set(names)
    assert not any(replaced for _, replaced in results.values())
    assert len(list(tmp_path.iterdir())) == len(names)


def test_a_folder_full_of_alike_names_is_a_clear_message(tmp_path, assignment, monkeypatch):
    monkeypatch.setattr(submission, "MAX_NAME_NUMBER", 2)
    hand_in(tmp_path, assignment, "Ana-Maria Lopez")
    hand_in(tmp_path, assignment, "Ana.Maria Lopez")
    with pytest.raises(ExchangeError, match="already holds 2 files named like") as caught:
        hand_in(tmp_path, assignment, "Ana Maria Lopez")
    assert caught.value.reason == "cannot_write"
