"""What every command shares: the library opened for the length of one command, and the one line a command ends
with when something is wrong.

Only the standard library is imported here at the top: ``lede --help`` must answer without SQLAlchemy.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from desktop_app.i18n import _

if TYPE_CHECKING:
    from desktop_app.application.library import Library
    from desktop_app.core.assignments import Assignment

# Exit statuses, the same for every command.
OK = 0
SOME_REFUSED = 1  # take-in: at least one file was not taken in
USAGE = 2  # a mistake in what was asked (argparse uses 2 as well), or something asked for is not there
DATABASE = 3  # the library itself could not be opened or written


class Failed(Exception):
    """Ends a command with ``lede: MESSAGE`` on stderr and the exit status ``status``; never a traceback."""

    def __init__(self, message: str, status: int = USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def note(message: str) -> None:
    """Something the person should know that did not stop the command (stdout stays for the results)."""
    # Translators: a remark after "lede: " on the terminal; the command still did its work.
    print("lede: " + _("note: {message}").format(message=message), file=sys.stderr)


def one_line(text: str) -> str:
    """Text from a person (a title, a file name) on one line and free of tabs, for tab-separated output."""
    return " ".join(text.split())


@contextmanager
def opened_library(url: str | None) -> Iterator[Library]:
    """The library at ``url`` (the user's own when None), closed again when the command ends."""
    from desktop_app.application.library import Library
    from desktop_app.resources import default_categories
    from desktop_app.storage.database import open_database

    lib = Library(open_database(url), default_categories())
    try:
        yield lib
    finally:
        lib.close()


def teacher_assignment(lib: Library, assignment_id: int) -> Assignment:
    """One of the teacher's assignments, or Failed saying how to find the right number."""
    from desktop_app.core.assignments import TEACHER

    assignment = lib.assignments.get(assignment_id)
    if assignment is None:
        raise Failed(_("There is no assignment {number}. `lede assignment list` shows the assignments and their "
                       "numbers.").format(number=assignment_id))
    if assignment.role != TEACHER:
        raise Failed(_("Assignment {number} (“{title}”) is a student's copy received in a pack, not one of your "
                       "assignments. `lede assignment list` shows yours.").format(number=assignment_id,
                                                                                 title=assignment.title))
    return assignment
