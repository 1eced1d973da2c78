"""Files that travel between teacher and students: the student pack (.ledepack), the submission (.ledesub) and
the teacher's feedback on it (.ledefeedback).

Each is a zip file holding one JSON document; docs/file-formats.md describes them for people and programs
other than Lede. This package reads and writes them with the standard library only (no Qt, no database),
so the desk, the command line and the tests all go through the same code.

    errors      ExchangeError and its reason codes
    names       MIME types, suffixes, file names
    safezip     reading an untrusted zip within limits; writing a file whole or not at all
    fields      strict reading of the JSON fields
    pack        the student pack
    submission  the submission, its checksum, and checking it against the teacher's assignment
    misfits     the sentences for a hand-in whose marks do not fit the assignment
    feedback    the teacher's feedback on one hand-in, sealed like a submission, checked against the student's copy
"""

from desktop_app.exchange.errors import ExchangeError
from desktop_app.exchange.feedback import FeedbackFile, check_feedback, feedback_bytes, read_feedback, write_feedback
from desktop_app.exchange.names import feedback_file_name, pack_file_name, submission_file_name
from desktop_app.exchange.pack import (
    Pack,
    new_seal,
    pack_bytes,
    read_pack,
    text_sha256,
    write_pack,
)
from desktop_app.exchange.submission import (
    SubmissionFile,
    check_submission,
    read_submission,
    submission_bytes,
    write_submission,
)

__all__ = [
    "ExchangeError", "FeedbackFile", "Pack", "SubmissionFile", "check_feedback", "check_submission", "feedback_bytes",
    "feedback_file_name", "new_seal", "pack_bytes", "pack_file_name", "read_feedback", "read_pack", "read_submission",
    "submission_bytes", "submission_file_name", "text_sha256", "write_feedback", "write_pack", "write_submission",
]
