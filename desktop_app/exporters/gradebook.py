"""The gradebook: one CSV row per student, for a spreadsheet or a learning platform's grade import.

Which columns, and why. Lede knows a student only by the name typed into it, never by a platform's user id
or e-mail, so no file Lede writes can be matched to a class list without the teacher's help:

* Moodle's assignment "offline grading worksheet" is matched on its own "Participant N" identifiers and a
  "Last modified (grade)" time (mod/assign/feedback/offline/importgradeslib.php), which only a worksheet
  downloaded from Moodle has. Moodle's gradebook "Import grades from CSV" is open to any file: the teacher maps
  a column to a user field and each other column to a grade item, to feedback or to "ignore"; it matches on
  user id, username, ID number or e-mail address.
* Canvas's gradebook import wants the columns of its own export (Student, ID, SIS User ID, SIS Login ID,
  Section), and takes every other column as an assignment.

So the file is the common ground both accept after a column mapping or a paste into the platform's own export:
one header row; one row per student; the name in the first column ("Full name", as Moodle's worksheets call
it); the score as a plain number with a decimal point and nothing else in its cell ("Points", next to
"Maximum points" and "Percent"); the teacher's grade as written, in its own column; the overall comment under
Moodle's name for it, "Feedback comments". Then what a teacher reads but no platform imports: hand-in time,
late, reviewed, and found / key / extra per category. Encoded UTF-8 with a byte-order mark and CRLF line ends,
as Excel writes CSV, so Excel opens accented names correctly with a double-click and platforms take it as is.

When the assignment has a class list, the file follows it: every student on it has a row in the list's order
and spelling, one who did not hand in with no points and "No" under "Handed in", so the platform's import sees
the whole class; hand-ins of students not on the list follow. The list's id and e-mail address, when it had
them, go in "ID number" and "Email address" after the name (Moodle's names for the user fields its import
matches on; Canvas's import takes a pasted column as well).

Cells are text from students and teachers, and a spreadsheet runs a cell beginning with = + - @ (or a tab or
carriage return before one) as a formula: such cells get a leading apostrophe (OWASP, "CSV Injection").

The header row and the yes/no cells are in the teacher's language (the names above are the English ones; a
translation uses the names the platform shows in that language); the numbers stay machine-readable in every
language (a plain decimal point, no grouping), and the hand-in time ISO 8601, since spreadsheets import them.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desktop_app.core.category_counts import COLUMNS as COUNT_COLUMNS
from desktop_app.i18n import N_, _, pgettext
from desktop_app.safe_files import write_atomically

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The columns by their English names (N_: translated as the header row is written, ``header``).
# Translators: "Full name", "ID number", "Email address" and "Feedback comments" are Moodle's names for the
# fields its grade import matches on; use the names Moodle shows in your language.
FIXED_COLUMNS = (N_("Full name"), N_("Points"), N_("Maximum points"), N_("Percent"), N_("Grade"), N_("Handed in"),
                 N_("Late"), N_("Reviewed"), N_("Feedback comments"))
# After "Full name", each only when some row has one.
# Translators: Moodle's names for these user fields (see "Full name").
IDENTITY_COLUMNS = (N_("ID number"), N_("Email address"))
# Per category, after its name ("Source: required found"): the counts of core.category_counts, said the same way
# on screen and on paper.
CATEGORY_COLUMNS = COUNT_COLUMNS
# The same, as whole headers with the category's name in them, in the order of CATEGORY_COLUMNS.
CATEGORY_HEADERS = (N_("{category}: required found"), N_("{category}: required"), N_("{category}: bonus found"),
                    N_("{category}: not in the key"))


class GradebookExportError(Exception):
    """The gradebook could not be saved; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class GradebookRow:
    student: str
    points: float | None  # None: not scored (e.g. no key yet)
    total: float
    grade: str  # as the teacher wrote it
    handed_in_at: datetime | None  # aware; written in this computer's local time
    late: bool
    reviewed: bool
    comment: str
    # category key -> (required found, required, bonus found, not in the key): CategoryCount.columns()
    per_category: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    lms_id: str = ""  # from the class list
    email: str = ""
    handed_in: bool = True  # False: a student on the class list who did not hand in


def safe_cell(value: str) -> str:
    """The text of a cell, made inert for spreadsheets: a leading formula character gets an apostrophe."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _number(value: float) -> str:
    # A plain decimal point and no trailing zeros: "7.5", "10". Two decimals are enough for a score.
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _local_time(moment: datetime | None) -> str:
    # ISO 8601 date and time with a space, in the teacher's time zone: Excel and LibreOffice read it as a
    # date, and a teacher reads the hour the student handed in as it was in the classroom.
    return "" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _yes_no(flag: bool) -> str:
    # Translators: a gradebook cell under "Late", "Reviewed" or "Handed in".
    return pgettext("gradebook cell", "Yes") if flag else pgettext("gradebook cell", "No")


def header(category_names: Sequence[tuple[str, str]], identity: Sequence[str] = ()) -> list[str]:
    """The header row, in the teacher's language; ``identity`` the IDENTITY_COLUMNS the file has."""
    return [_(FIXED_COLUMNS[0]), *(_(title) for title in identity), *(_(title) for title in FIXED_COLUMNS[1:]),
            *(_(part).format(category=name) for _key, name in category_names for part in CATEGORY_HEADERS)]


def identity_columns(rows: Sequence[GradebookRow]) -> list[str]:
    """The IDENTITY_COLUMNS some row has a value for."""
    has = (any(r.lms_id for r in rows), any(r.email for r in rows))
    return [title for title, present in zip(IDENTITY_COLUMNS, has, strict=True) if present]


def _cells(row: GradebookRow, category_names: Sequence[tuple[str, str]], identity: Sequence[str]) -> list[str]:
    points = "" if row.points is None else _number(row.points)
    percent = "" if row.points is None or row.total <= 0 else _number(100 * row.points / row.total)
    ids = [row.lms_id if title == IDENTITY_COLUMNS[0] else row.email for title in identity]
    handed_in = _local_time(row.handed_in_at) if row.handed_in else _yes_no(False)
    cells = [row.student, *ids, points, _number(row.total), percent, row.grade, handed_in,
             _yes_no(row.late), _yes_no(row.reviewed), row.comment]
    for key, _name in category_names:
        counts = row.per_category.get(key)
        cells.extend(("",) * len(CATEGORY_COLUMNS) if counts is None else (str(int(n)) for n in counts))
    return cells


def gradebook_csv(rows: Iterable[GradebookRow], category_names: Sequence[tuple[str, str]]) -> str:
    """The gradebook as CSV text (CRLF line ends, no byte-order mark), rows in the order given.
    ``category_names`` are the (key, name) of the categories in play, in the order of their columns."""
    table = list(rows)
    identity = identity_columns(table)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # quotes cells with commas, quotes or line breaks
    writer.writerow([safe_cell(c) for c in header(category_names, identity)])
    for row in table:
        writer.writerow([safe_cell(c) for c in _cells(row, category_names, identity)])
    return out.getvalue()


def write_gradebook(path: str | os.PathLike, rows: Iterable[GradebookRow],
                    category_names: Sequence[tuple[str, str]]) -> Path:
    """Saves the gradebook as UTF-8 with a byte-order mark, all at once: a file that was there stays whole
    until the new one has reached the disk (written aside, then moved over it)."""
    data = gradebook_csv(rows, category_names).encode("utf-8-sig")
    # Translators: both go into safe_files' messages ("Choose another place to save the gradebook.").
    return write_atomically(path, lambda out: out.write(data), GradebookExportError, what=_("the gradebook"),
                            in_use_by=_("another program (such as Excel)"))
