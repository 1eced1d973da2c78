"""Taking submission files in: each file is read and checked on its own, then each goes in as one transaction.

Reading is separate from storing so the teacher can be asked about a student who handed in twice before anything
is written. Nothing here knows how the files arrived (file dialog, folder, drag-and-drop, command line).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop_app.core.assignments import SUBMISSION_LAYER, Assignment, Submission, clean_name, student_key
from desktop_app.exchange.errors import ExchangeError
from desktop_app.exchange.submission import SubmissionFile, check_submission, read_submission
from desktop_app.i18n import _, ngettext
from desktop_app.i18n.formats import format_number
from desktop_app.storage.database import Database
from desktop_app.storage.submissions import SubmissionService

SUBMISSION_SUFFIX = ".ledesub"
MAX_FILES_PER_IMPORT = 500  # a class or five; a folder with more is probably the wrong folder


@dataclass(frozen=True)
class Incoming:
    """A file that passed every check, ready to go in."""

    path: Path
    file: SubmissionFile
    existing: Submission | None = None  # this student's submission already in the library, if any

    @property
    def student(self) -> str:
        return self.file.student_name


@dataclass(frozen=True)
class Refusal:
    path: Path
    reason: str  # a sentence naming the file and what to do
    code: str = ""


@dataclass
class IntakeReport:
    ready: list[Incoming] = field(default_factory=list)  # new students
    clashes: list[Incoming] = field(default_factory=list)  # a student already in: the teacher chooses
    refused: list[Refusal] = field(default_factory=list)
    unchanged: list[Incoming] = field(default_factory=list)  # the very file already imported: nothing to do


def submission_paths(paths: Sequence[Path]) -> list[Path]:
    """The files given, with every .ledesub directly inside a folder that was given."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(q for q in p.iterdir() if q.suffix.lower() == SUBMISSION_SUFFIX and q.is_file()))
        else:
            out.append(p)
    seen: set[Path] = set()
    return [p for p in out if not (p.resolve() in seen or seen.add(p.resolve()))]


def examine(db: Database, assignment: Assignment, article_text: str, paths: Sequence[Path]) -> IntakeReport:
    """Reads and checks each file; nothing is stored. A second file of one student in the same batch is a
    clash with the first (the later hand-in is offered as the new one)."""
    report = IntakeReport()
    files = submission_paths(paths)
    if len(files) > MAX_FILES_PER_IMPORT:
        report.refused.append(Refusal(Path(files[0]).parent, ngettext(
            "That is {count} file; Lede takes up to {limit} at once. Choose the class's folder, not a larger one.",
            "That is {count} files; Lede takes up to {limit} at once. Choose the class's folder, not a larger one.",
            len(files)).format(count=format_number(len(files)), limit=format_number(MAX_FILES_PER_IMPORT))))
        return report
    service = SubmissionService(db)
    stored = {s.student_key: s for s in service.list_for(assignment.id)} if assignment.id is not None else {}
    batch: dict[str, Incoming] = {}
    for path in files:
        try:
            sub = read_submission(path, path.name)
            check_submission(sub, assignment, article_text)
        except ExchangeError as exc:
            report.refused.append(Refusal(path, str(exc), exc.reason))
            continue
        if not clean_name(sub.student_name):
            report.refused.append(Refusal(path, _("{file} has no student name in it. Ask the student to type their "
                                                  "name in Lede and hand in again.").format(file=path.name),
                                          "bad_marks"))
            continue
        key = student_key(sub.student_name)
        existing = stored.get(key)
        if existing is not None and existing.file_sha256 == sub.file_sha256:
            report.unchanged.append(Incoming(path, sub, existing))
            continue
        earlier = batch.get(key)
        if earlier is not None:
            if earlier.file.file_sha256 == sub.file_sha256:
                continue  # the same file twice in one batch (a copy in two folders)
            # Keep the later hand-in as the one offered; the earlier file becomes "what is there".
            first, second = sorted((earlier, Incoming(path, sub)), key=_handed_in)
            batch[key] = replace(second, existing=existing)
            report.refused.append(Refusal(first.path, _(
                "{file} is an earlier hand-in by {student} than {other_file}, imported in the same batch; Lede took "
                "the later one.").format(file=first.path.name, student=first.student, other_file=second.path.name),
                "duplicate"))
            continue
        batch[key] = Incoming(path, sub, existing)
    for incoming in batch.values():
        (report.clashes if incoming.existing is not None else report.ready).append(incoming)
    return report


def _handed_in(incoming: Incoming):
    moment = incoming.file.handed_in_at
    return (moment is None, moment.timestamp() if moment else 0.0)


def to_submission(incoming: Incoming, article_id: int) -> Submission:
    f = incoming.file
    # The file's own mark numbers are kept: "attributed to" answers refer to them until storage renumbers.
    marks = tuple(replace(m, article_id=article_id, layer=SUBMISSION_LAYER) for m in f.marks)
    library_ids = {m.stored_id: own for m, own in zip(f.marks, f.library_ids, strict=False) if own is not None}
    return Submission(student_name=clean_name(f.student_name), marks=marks, handed_in_at=f.handed_in_at,
                      source_file=incoming.path.name, file_sha256=f.file_sha256, library_ids=library_ids)

