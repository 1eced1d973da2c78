"""Writing a class's feedback PDFs: one sheet per student, on every core the computer has.

A sheet costs ReportLab 0.2–0.3 s of pure-Python work (a 5,000-word article with 100 marks), so a class of 30
is 6–10 s on one core. The sheets are independent, so they are written by worker processes. Workers are
*spawned*, not forked: a fork of the GUI process would copy Qt's state into a child that must never touch it.
A small batch is written in this process, since starting a worker costs about half a second.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

MIN_BATCH_FOR_WORKERS = 6
MAX_WORKERS = 4  # beyond this the disk and the workers' start-up eat the gain on a lab computer


def _write_one(job, path: str) -> str:
    from desktop_app.exporters.pdf.feedback import write_feedback

    return str(write_feedback(job, Path(path)))


def worker_count(batch: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 1 if batch < MIN_BATCH_FOR_WORKERS else max(1, min(cores, MAX_WORKERS, batch))


def write_feedback_batch(jobs: Sequence[tuple[object, Path]], progress: Callable[[int, int], None] | None = None,
                         workers: int | None = None) -> list[Path]:
    """Writes each (FeedbackJob, path); returns the paths in the order given. ``progress(done, total)`` is
    called after each sheet. The first failure (a PdfExportError: a full disk, a folder that cannot be
    written) is raised once the sheets already under way are finished; sheets already written stay."""
    total = len(jobs)
    workers = worker_count(total) if workers is None else workers
    done = 0
    if workers <= 1:
        out = []
        for job, path in jobs:
            out.append(Path(_write_one(job, str(path))))
            done += 1
            if progress:
                progress(done, total)
        return out
    results: dict[int, Path] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(_write_one, job, str(path)): i for i, (job, path) in enumerate(jobs)}
        try:
            for future in as_completed(futures):
                results[futures[future]] = Path(future.result())
                done += 1
                if progress:
                    progress(done, total)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)  # the sheets not started yet are not written
            raise
    return [results[i] for i in range(total)]
