"""Plain text files (.txt, .text), and the byte-decoding every text-like format shares.

Teachers' files come from anywhere: Notepad's UTF-16, Excel's UTF-8 with BOM, a 2009 Word export in
Windows-1252. Guessing wrong shows students garbled letters, so decoding goes from certain to likely:
a byte-order mark, then strict UTF-8, then a narrow Western-European rule, then the computer's own legacy
code page, and only then charset-normalizer's statistical guess. The ladder is ``core.decoding``'s, which
class lists climb too; here it gets the importers' messages and the check that the result is text.
"""

from __future__ import annotations

import unicodedata

from desktop_app.core.articles import ArticleDetails
from desktop_app.core.decoding import bom_encoding, likely_encodings, statistical_guesses
from desktop_app.i18n import N_, _
from desktop_app.importers.base import ArticleImportError

FORMAT = "txt"
SUFFIXES = (".txt", ".text")
UNREADABLE = N_("“{name}” is not a text file Lede can read (it may be damaged).")
REPAIR = N_("Open it in a text editor, save it again as UTF-8 text, and import that, or paste the text.")

MAX_TITLE_CHARS = 200

# Printable control characters real text files contain; anything else in bulk means the file is not text.
_ALLOWED_CONTROLS = frozenset("\t\n\r\x0c")
_BINARY_SAMPLE_CHARS = 65_536
_BINARY_CONTROL_SHARE = 0.05


def read(data: bytes, name: str) -> tuple[str, ArticleDetails]:
    text = decode_text(data, name)
    return text, ArticleDetails(title=guess_title(text))


def decode_text(data: bytes, name: str, declared: str | None = None) -> str:
    """Bytes to str. ``declared`` is an encoding the file names for itself (an HTML meta charset); it is
    used only if the bytes really decode with it."""
    bom = bom_encoding(data)
    if bom is not None:
        encoding, length = bom
        try:
            return _checked(data[length:].decode(encoding), name)
        except UnicodeDecodeError:
            # Translators: {encoding} is the name of a text encoding ("UTF-16").
            damaged = _("“{name}” says it is {encoding} text but is damaged part-way through.").format(
                name=name, encoding=encoding.upper())
            raise ArticleImportError(f"{damaged} {_(REPAIR)}") from None
    if b"\x00" in data:
        # Text never contains NUL bytes, except UTF-16/32 without a BOM, which no current editor writes.
        raise _binary(name)
    for encoding in likely_encodings(data, declared):
        try:
            return _checked(data.decode(encoding), name)
        except (UnicodeDecodeError, LookupError):
            continue
    guess = next(statistical_guesses(data), None)
    if guess is None:
        raise _binary(name)
    return _checked(guess, name)


def guess_title(text: str) -> str:
    """A short first line standing alone (followed by a blank line) is the headline. The text keeps it:
    marks are stored as offsets into the text, so nothing may be cut out of it."""
    head = text[: 4 * MAX_TITLE_CHARS].lstrip().replace("\r\n", "\n").replace("\r", "\n")
    lines = head.split("\n", 2)
    if len(lines) < 3 or lines[1].strip():
        return ""
    first = lines[0].strip()
    return first if len(first) <= MAX_TITLE_CHARS else ""


def _checked(text: str, name: str) -> str:
    sample = text[:_BINARY_SAMPLE_CHARS]
    controls = sum(
        1 for ch in sample if (ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc") or ch == "\ufffd"
    )
    if sample and controls > _BINARY_CONTROL_SHARE * len(sample):
        raise _binary(name)
    return text


def _binary(name: str) -> ArticleImportError:
    return ArticleImportError(
        _("“{name}” looks like a binary file, not text, so Lede cannot import it. Check that you picked the "
          "article itself; if it is text, open it in a text editor and save it again as UTF-8 text.").format(name=name)
    )

