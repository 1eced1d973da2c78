"""The one error a pack or submission file raises: a message for a teacher or student, and a code for the UI."""

from __future__ import annotations

# Why a file was refused. The UI may group or count refusals by these; the message is what a person reads.
NOT_ZIP = "not_zip"  # not a zip at all (a Word file, a PDF, a renamed photo)
TOO_LARGE = "too_large"  # the file or one of its parts is bigger than a Lede file can be
UNSAFE = "unsafe"  # built to attack a reader: a zip bomb, path-traversal names, duplicated or encrypted parts
WRONG_KIND = "wrong_kind"  # a zip, or a Lede file, of another kind (a pack given as a submission)
VERSION = "version"  # made by a newer Lede in a format version this one cannot read
CORRUPT = "corrupt"  # damaged, truncated, or its JSON is not what the format says
OTHER_ASSIGNMENT = "other_assignment"  # a submission for another assignment
OTHER_ARTICLE = "other_article"  # a submission made on a different text of the article
EDITED = "edited"  # the checksum does not match: changed after it was handed in
BAD_MARKS = "bad_marks"  # marks that do not fit the article or the assignment's categories
CANNOT_READ = "cannot_read"  # the operating system would not let us read the file
CANNOT_WRITE = "cannot_write"  # the operating system would not let us write the file


class ExchangeError(ValueError):
    """A pack or submission file that cannot be read or written.

    ``str(error)`` is a whole sentence naming the file and saying what to do; ``path`` is the file name as shown
    to the person (not necessarily a full path); ``reason`` is one of the codes above.
    """

    def __init__(self, message: str, *, path: str = "", reason: str = CORRUPT) -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason

    @property
    def message(self) -> str:
        return str(self)
