"""Writing a class's feedback PDFs: one sheet per student, on every core the computer has.

A sheet costs ReportLab 0.2–0.3 s of pure-Python work (a 5,000-word article with 100 marks), so a class of 30
is 6–10 s on one core. The sheets are independent, so they are written by worker processes. Workers are
*spawned*, not forked: a fork of the GUI process would copy Qt's state into a child that must never touch it.
A small batch is written in this process, since starting a worker costs about half a second.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

from desktop_app.core.assignments import Submission
from desktop_app.core.text import numbered_file_name

MIN_BATCH_FOR_WORKERS = 6
MAX_WORKERS = 4  # beyond this the disk and the workers' start-up eat the gain on a lab computer


class Cancelled(Exception):
    """The person cancelled a batch; the sheets finished before that are written whole."""

    def __init__(self, written: list[Path]) -> None:
        super().__init__(f"cancelled after {len(written)} sheets")
        self.written = written


def _write_one(job, path: str) -> str:
    from desktop_app.exporters.pdf.feedback import write_feedback

    return str(write_feedback(job, Path(path)))


def feedback_file_names(submissions: Iterable[Submission], assignment_title: str,
                        name_of: Callable[[str, str], str] | None = None) -> dict[int, str]:
    """The file name of each stored submission's feedback sheet, by submission id: distinct within the class.
    ``name_of(student, title)`` makes the plain name (default: the PDF's; the feedback files pass their own).

    Two students whose names make the same file name ("Ana-Maria Lopez", "Ana Maria Lopez") would otherwise
    get one sheet, the second written over the first. The one with the lower submission id keeps the plain
    name and the next gets "-2" before ".pdf", so the same class gives the same names every time: a teacher
    exporting again replaces last time's sheets rather than piling up copies. Name the whole class even when
    exporting a few, so those few get the names a full export gives them."""
    if name_of is None:
        from desktop_app.exporters.pdf.feedback import feedback_file_name

        name_of = feedback_file_name
    names: dict[int, str] = {}
    taken: set[str] = set()
    for sub in sorted(submissions, key=lambda s: s.stored_id):
        plain = name_of(sub.student_name, assignment_title)
        number = 1
        while numbered_file_name(plain, number) in taken:
            number += 1
        names[sub.stored_id] = numbered_file_name(plain, number)
        taken.add(names[sub.stored_id])
    return names


def worker_count(batch: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 1 if batch < MIN_BATCH_FOR_WORKERS else max(1, min(cores, MAX_WORKERS, batch))


def write_feedback_batch(jobs: Sequence[tuple[object, Path]], progress: Callable[[int, int], None] | None = None,
                         workers: int | None = None, cancelled: threading.Event | None = None) -> list[Path]:
    """Writes each (FeedbackJob, path); returns the paths in the order given. ``progress(done, total)`` is
    called after each sheet. The first failure (a PdfExportError: a full disk, a folder that cannot be
    written) is raised once the sheets already under way are finished; sheets already written stay.
    When ``cancelled`` is set, no further sheet is started and Cancelled is raised with the sheets written so
    far (each of them whole)."""
    total = len(jobs)
    workers = worker_count(total) if workers is None else workers
    done = 0

    def stop_if_cancelled(written: list[Path]) -> None:
        if cancelled is not None and cancelled.is_set():
            raise Cancelled(written)

    if workers <= 1:
        out: list[Path] = []
        for job, path in jobs:
            stop_if_cancelled(out)
            out.append(Path(_write_one(job, str(path))))
            done += 1
            if progress:
                progress(done, total)
        return out
    results: dict[int, Path] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(_write_one, job, str(path)): i for i, (job, path) in enumerate(jobs)}
        pending = set(futures)
        try:
            while pending:
                finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in finished:
                    results[futures[future]] = Path(future.result())
                    done += 1
                    if progress:
                        progress(done, total)
                stop_if_cancelled([results[i] for i in sorted(results)])
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)  # the sheets not started yet are not written
            raise
    return [results[i] for i in range(total)]
