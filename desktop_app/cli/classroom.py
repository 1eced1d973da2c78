"""``lede take-in``, ``gradebook``, ``feedback`` and ``summary``: a class's hand-ins taken in and its results
written from the command line (a teacher with five sections, an LMS administrator's script).

Hand-ins go in through the application layer as in the classroom window: ``lib.classroom.examine`` reads and
checks every file first, then ``lib.classroom.take_in`` stores each as one transaction (a busy library is tried
again). The window asks about a student who handed in twice; here ``--keep`` answers. Results go to stdout, one
line each; what went wrong goes to stderr as one ``lede: ...`` line (cli.session.Failed).
"""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli.session import OK, SOME_REFUSED, Failed, note, one_line, opened_library, teacher_assignment
from desktop_app.i18n import N_, _

if TYPE_CHECKING:
    from desktop_app.application.library import Library
    from desktop_app.classroom.intake import Incoming, IntakeReport, Refusal
    from desktop_app.core.assignments import Assignment

# Translators: the words in the first column (taken in, replaced, kept existing, unchanged, refused) are what the
# command prints, in English whatever the language: keep them as they are and translate their explanations.
TAKE_IN_LINES = N_("""\
One line per file, tab-separated: what happened, the file, and the student
(or, for a refused file, the reason and what to do):
  taken in       a new student's hand-in
  replaced       it replaced the student's earlier hand-in (the review that
                 still fits the new marks is kept)
  kept existing  the student's hand-in already in Lede was kept (--keep)
  unchanged      this very file was taken in before
  refused        not taken in
Exit status: 0 when no file was refused, 1 when any was, 2 when the
assignment is not there, 3 when the library cannot be used.""")


def add_commands(sub, common: argparse.ArgumentParser) -> None:
    """Adds ``lede take-in``, ``gradebook``, ``feedback`` and ``summary`` to ``lede``'s subcommands."""
    take = sub.add_parser("take-in", parents=[common], help=_("take students' hand-ins (.ledesub) into an assignment"),
                          description=_("Checks and stores hand-ins, each file on its own:\none refused file stops "
                                        "no other."),
                          epilog=_(TAKE_IN_LINES), formatter_class=argparse.RawDescriptionHelpFormatter)
    take.add_argument("assignment", type=int, metavar="ASSIGNMENT_ID", help=_("as `lede assignment list` shows it"))
    take.add_argument("paths", nargs="+", metavar="PATH", help=_(".ledesub files, or folders: every .ledesub "
                                                                 "directly inside one is taken"))
    take.add_argument("--keep", choices=["newer", "existing"], default="newer",
                      # Translators: newer and existing are the values typed after --keep: keep them as they are.
                      help=_("a student who handed in again: keep the hand-in handed in later (newer, the default) "
                             "or always the one already in Lede (existing)"))
    take.set_defaults(run=cmd_take_in)

    grades = sub.add_parser("gradebook", parents=[common], help=_("write the gradebook (CSV); prints its path"),
                            description=_("One row per student: points, grade, comment and counts per category, for "
                                          "a spreadsheet or an LMS grade import."))
    grades.add_argument("assignment", type=int, metavar="ASSIGNMENT_ID", help=_("as `lede assignment list` shows it"))
    grades.add_argument("-o", "--output", metavar="FILE", help=_("where to save, or a folder (default: "
                                                                 "TITLE-grades.csv in the current folder)"))
    grades.set_defaults(run=cmd_gradebook)

    feedback = sub.add_parser("feedback", parents=[common],
                              help=_("write one feedback PDF per student; prints each path"),
                              description=_("One sheet per hand-in: the student's marks next to the key, the score, "
                                            "the grade and your comments. Sheets from an earlier run are replaced."))
    feedback.add_argument("assignment", type=int, metavar="ASSIGNMENT_ID",
                          help=_("as `lede assignment list` shows it"))
    feedback.add_argument("-o", "--output", metavar="FOLDER", help=_("the folder for the sheets, made if needed "
                                                                     "(default: TITLE-feedback in the current "
                                                                     "folder)"))
    feedback.add_argument("--paper", choices=["a4", "letter"], default="a4", help=_("paper size (default a4)"))
    feedback.set_defaults(run=cmd_feedback)

    summary = sub.add_parser("summary", parents=[common], help=_("write the class summary PDF; prints its path"),
                             description=_("What the class found and missed, passage by passage; students' names are "
                                           "left out unless --names is given (for a projector)."))
    summary.add_argument("assignment", type=int, metavar="ASSIGNMENT_ID", help=_("as `lede assignment list` shows it"))
    summary.add_argument("-o", "--output", metavar="FILE", help=_("where to save, or a folder (default: "
                                                                  "TITLE-class-summary.pdf in the current folder)"))
    summary.add_argument("--names", action="store_true", help=_("print the students' names"))
    summary.add_argument("--paper", choices=["a4", "letter"], default="a4", help=_("paper size (default a4)"))
    summary.set_defaults(run=cmd_summary)


# --- take-in -----------------------------------------------------------------------------------------------
def cmd_take_in(url: str | None, args: argparse.Namespace) -> int:
    from desktop_app.classroom.intake import submission_paths

    # The folders are listed once: a student handing in to a shared folder meanwhile adds a file that is neither
    # taken in nor reported, and is there for the next run.
    files = submission_paths([Path(p) for p in args.paths])
    with opened_library(url) as lib:
        assignment = teacher_assignment(lib, args.assignment)
        report = lib.classroom.examine(assignment.stored_id, files)
        kept: set[Path] = set()

        def keep_new(incoming: Incoming) -> bool:
            """What the window asks the teacher: keep the file given now instead of the hand-in in Lede?"""
            if args.keep == "newer" and _handed_in_later(incoming):
                return True
            kept.add(incoming.path)
            return False

        result = lib.classroom.take_in(assignment.stored_id, report, keep_new)
        lines = _outcomes(lib, assignment, report, result.refused, kept)
    if not files:
        note(_("There were no .ledesub files to take in."))
    order = {path: i for i, path in enumerate(files)}
    if all(line[0] in order for line in lines):  # else one refusal stands for the whole batch (too many files)
        accounted = {line[0] for line in lines}
        # A second copy of a file in the same batch (two folders given) is skipped by examine, unmentioned.
        same = _("the same hand-in as another file given")
        lines.extend((path, "unchanged", same) for path in files if path not in accounted)
    for path, status, detail in sorted(lines, key=lambda line: order.get(line[0], len(order))):
        print(f"{status}\t{one_line(str(path))}\t{one_line(detail)}")
    for sentence in result.carried:
        note(sentence)
    return SOME_REFUSED if result.refused else OK


def _handed_in_later(incoming: Incoming) -> bool:
    """Whether the file given now was handed in after the hand-in in Lede, by the times the student's Lede
    wrote; when either time is unknown the file given now wins, as "Keep the new file" does in the window."""
    new = incoming.file.handed_in_at
    old = incoming.existing.handed_in_at if incoming.existing is not None else None
    return new is None or old is None or new >= old


def _outcomes(lib: Library, assignment: Assignment, report: IntakeReport, refused: list[Refusal],
              kept: set[Path]) -> list[tuple[Path, str, str]]:
    """(file, status, student or reason) for each file examined."""
    from desktop_app.core.assignments import clean_name
    from desktop_app.exchange.errors import OTHER_ASSIGNMENT

    lines: list[tuple[Path, str, str]] = []
    for refusal in refused:
        reason = refusal.reason
        if refusal.code == OTHER_ASSIGNMENT:
            own = lib.classroom.assignment_for([refusal.path])
            if own is not None and own != assignment.id:
                reason += " " + _("Here that is assignment {number}: {command}").format(
                    number=own, command=f"lede take-in {own} {shlex.quote(str(refusal.path))}")
        lines.append((refusal.path, "refused", reason))
    not_stored = {refusal.path for refusal in refused}
    for incoming in report.ready + report.clashes:
        name = clean_name(incoming.student)
        if incoming.path in not_stored:
            continue
        if incoming.path in kept and incoming.existing is not None:
            earlier = incoming.existing.source_file or _("the earlier file")
            # Translators: {earlier} is a file name, or "the earlier file".
            lines.append((incoming.path, "kept existing", _("{student}: {earlier}, already in Lede, was kept").format(
                student=name, earlier=earlier)))
        else:
            lines.append((incoming.path, "replaced" if incoming.existing is not None else "taken in", name))
    lines.extend((incoming.path, "unchanged", clean_name(incoming.student)) for incoming in report.unchanged)
    return lines


# --- gradebook, feedback, summary ---------------------------------------------------------------------------
def _slug(assignment: Assignment) -> str:
    from desktop_app.core.text import file_slug

    return file_slug(assignment.title, 60, "assignment")


def _file_or_folder(output: str | None, default_name: str) -> Path:
    """``-o``: a file name, or a folder to put ``default_name`` in; not given, ``default_name`` here."""
    if not output:
        return Path(default_name)
    target = Path(output)
    return target / default_name if target.is_dir() else target


def cmd_gradebook(url: str | None, args: argparse.Namespace) -> int:
    from desktop_app.exporters.gradebook import GradebookExportError

    with opened_library(url) as lib:
        assignment = teacher_assignment(lib, args.assignment)
        target = _file_or_folder(args.output, f"{_slug(assignment)}-grades.csv")
        try:
            path = lib.printing.gradebook(assignment.stored_id, target)
        except GradebookExportError as exc:
            raise Failed(str(exc)) from None
    print(path)
    return OK


def cmd_feedback(url: str | None, args: argparse.Namespace) -> int:
    from desktop_app.exporters.pdf import PdfExportError

    with opened_library(url) as lib:
        assignment = teacher_assignment(lib, args.assignment)
        folder = Path(args.output) if args.output else Path(f"{_slug(assignment)}-feedback")
        batch = lib.printing.feedback_batch(assignment.stored_id, folder, args.paper)
        if not len(batch):
            note(_("“{title}” has no hand-ins yet, so there is no feedback to write. Take them in with: "
                   "{command}").format(title=assignment.title, command=f"lede take-in {assignment.id} FILE_OR_FOLDER"))
            return OK
        _make_folder(folder)
        try:
            written = batch.write_all()
        except PdfExportError as exc:
            raise Failed(str(exc)) from None
    for path in written:
        print(path)
    return OK


def _make_folder(folder: Path) -> None:
    if folder.is_dir():
        return
    if folder.exists():
        raise Failed(_("{folder} is a file, not a folder. Give -o a folder for the feedback sheets.").format(
            folder=folder))
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise Failed(_("Lede could not make the folder {folder} ({problem}). Give -o a folder you can write to, "
                       "such as one in Documents.").format(folder=folder, problem=exc.strerror or exc)) from None


def cmd_summary(url: str | None, args: argparse.Namespace) -> int:
    from desktop_app.exporters.pdf import PdfExportError

    with opened_library(url) as lib:
        assignment = teacher_assignment(lib, args.assignment)
        target = _file_or_folder(args.output, f"{_slug(assignment)}-class-summary.pdf")
        try:
            path = lib.printing.class_summary(assignment.stored_id, target, hide_names=not args.names,
                                              paper=args.paper)
        except PdfExportError as exc:
            raise Failed(str(exc)) from None
    print(path)
    return OK
