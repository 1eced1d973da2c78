"""What the three kinds of file are called: their MIME types, suffixes and the names Lede gives them on disk."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.text import file_slug
from desktop_app.i18n import N_


@dataclass(frozen=True, slots=True)
class FileKind:
    mimetype: str  # the content of the zip's first member, "mimetype"
    suffix: str
    json_member: str
    format_name: str  # the JSON's "format" field
    # The texts below are marked for translation (N_) and translated where a message uses them.
    a_noun: str  # with its article, as a sentence names it: "ana.ledesub is a Lede submission, not a Lede student pack"
    choose_hint: str  # what to do when a file of another kind was chosen
    fresh_copy: str  # what to do when the file is damaged


PACK = FileKind(
    mimetype="application/vnd.lede.pack+zip", suffix=".ledepack", json_member="pack.json", format_name="lede-pack",
    # Translators: a kind of file, with its article; it fills {kind}, {found} and {wanted} in the file messages
    # ("ana.ledesub is not a Lede student pack: it is not even a zip file.").
    a_noun=N_("a Lede student pack"),
    choose_hint=N_("Choose the .ledepack file your teacher handed out."),
    fresh_copy=N_("Ask your teacher for a fresh copy of the pack."),
)
SUBMISSION = FileKind(
    mimetype="application/vnd.lede.submission+zip", suffix=".ledesub", json_member="submission.json",
    format_name="lede-submission",
    # Translators: a kind of file, with its article, like "a Lede student pack".
    a_noun=N_("a Lede submission"),
    choose_hint=N_("Choose the .ledesub files your students handed in."),
    fresh_copy=N_("Ask the student to hand it in again from Lede."),
)
FEEDBACK = FileKind(
    mimetype="application/vnd.lede.feedback+zip", suffix=".ledefeedback", json_member="feedback.json",
    format_name="lede-feedback",
    # Translators: a kind of file, with its article, like "a Lede student pack".
    a_noun=N_("a Lede feedback file"),
    choose_hint=N_("Choose the .ledefeedback file your teacher gave back."),
    fresh_copy=N_("Ask your teacher for a fresh copy of your feedback file."),
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
