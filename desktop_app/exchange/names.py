"""What the two kinds of file are called: their MIME types, suffixes and the names Lede gives them on disk."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


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
KINDS = {k.mimetype: k for k in (PACK, SUBMISSION)}

# Names Windows will not create whatever the suffix ("con.ledepack" fails there).
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def slug(text: str, limit: int = 60, fallback: str = "assignment") -> str:
    """A file name part that every file system and LMS accepts: 'Eastgate library faces…' →
    'eastgate-library-faces…'. Letters of any script are kept; accents are folded where they can be.
    (The same idea as print_jobs.slug, which this package cannot import: print_jobs reaches into storage.)"""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    out = ""
    for word in re.findall(r"\w+", folded.lower()):
        word = word.replace("_", "-").strip("-")
        if not word:
            continue
        if out and len(out) + 1 + len(word) > limit:
            break  # whole words only: "car-park-pl" reads as a mistake
        out = f"{out}-{word}" if out else word[:limit]
    out = out or fallback
    return f"{out}-file" if out in _RESERVED else out


def pack_file_name(title: str) -> str:
    """'Eastgate library faces closure' → 'eastgate-library-faces-closure.ledepack'."""
    return slug(title) + PACK.suffix


def submission_file_name(student_name: str, assignment_title: str) -> str:
    """('Ana García', 'Eastgate library faces closure') → 'ana-garcia-eastgate-library.ledesub'.

    The student comes first so a folder of hand-ins sorts by name; the title is cut short (whole words) because
    every file in that folder shares it."""
    return f"{slug(student_name, 40, 'student')}-{slug(assignment_title, 20)}{SUBMISSION.suffix}"
