"""What the three kinds of file are called: their MIME types, suffixes and the names Lede gives them on disk."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.text import file_slug


@dataclass(frozen=True, slots=True)
class FileKind:
    mimetype: str  # the content of the zip's first member, "mimetype"
    suffix: str
    json_member: str
    format_name: str  # the JSON's "format" field
    noun: str  # as a sentence names it: "ana.ledesub is a student pack, not ..."
    choose_hint: str  # what to do when a file of another kind was chosen
    fresh_copy: str  # what to do when the file is damaged


PACK = FileKind(
    mimetype="application/vnd.lede.pack+zip", suffix=".ledepack", json_member="pack.json", format_name="lede-pack",
    noun="Lede student pack",
    choose_hint="Choose the .ledepack file your teacher handed out.",
    fresh_copy="Ask your teacher for a fresh copy of the pack.",
)
SUBMISSION = FileKind(
    mimetype="application/vnd.lede.submission+zip", suffix=".ledesub", json_member="submission.json",
    format_name="lede-submission", noun="Lede submission",
    choose_hint="Choose the .ledesub files your students handed in.",
    fresh_copy="Ask the student to hand it in again from Lede.",
)
FEEDBACK = FileKind(
    mimetype="application/vnd.lede.feedback+zip", suffix=".ledefeedback", json_member="feedback.json",
    format_name="lede-feedback", noun="Lede feedback file",
    choose_hint="Choose the .ledefeedback file your teacher gave back.",
    fresh_copy="Ask your teacher for a fresh copy of your feedback file.",
)
KINDS = {k.mimetype: k for k in (PACK, SUBMISSION, FEEDBACK)}


def pack_file_name(title: str) -> str:
    """'Eastgate library faces closure' → 'eastgate-library-faces-closure.ledepack'."""
    return file_slug(title, 60, "assignment") + PACK.suffix


def submission_file_name(student_name: str, assignment_title: str) -> str:
    """('Ana García', 'Eastgate library faces closure') → 'ana-garcia-eastgate-library.ledesub'.

    The student comes first so a folder of hand-ins sorts by name; the title is cut short (whole words) because
    every file in that folder shares it."""
    student, title = file_slug(student_name, 40, "student"), file_slug(assignment_title, 20, "assignment")
    return f"{student}-{title}{SUBMISSION.suffix}"


def feedback_file_name(student_name: str, assignment_title: str) -> str:
    """('Ana García', 'Eastgate library faces closure') → 'ana-garcia-eastgate-library.ledefeedback'.

    Named like the hand-in it answers, so a folder of them sorts by student."""
    student, title = file_slug(student_name, 40, "student"), file_slug(assignment_title, 20, "assignment")
    return f"{student}-{title}{FEEDBACK.suffix}"
