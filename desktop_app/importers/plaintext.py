"""Plain text files (.txt, .text), and the byte-decoding every text-like format shares.

Teachers' files come from anywhere: Notepad's UTF-16, Excel's UTF-8 with BOM, a 2009 Word export in
Windows-1252. Guessing wrong shows students garbled letters, so decoding goes from certain to likely:
a byte-order mark, then strict UTF-8, then a narrow Western-European rule, then the computer's own legacy
code page, and only then charset-normalizer's statistical guess.
"""

from __future__ import annotations

import codecs
import locale
import unicodedata
from collections.abc import Iterator

from desktop_app.core.articles import ArticleDetails
from desktop_app.importers.base import ArticleImportError

FORMAT = "txt"
SUFFIXES = (".txt", ".text")
KIND = "a text file"
REPAIR = "Open it in a text editor, save it again as UTF-8 text, and import that, or paste the text."

MAX_TITLE_CHARS = 200

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Printable control characters real text files contain; anything else in bulk means the file is not text.
_ALLOWED_CONTROLS = frozenset("\t\n\r\x0c")
_BINARY_SAMPLE_CHARS = 65_536
_BINARY_CONTROL_SHARE = 0.05
# Characters a Windows-1252 file of French, Spanish, German... contains beyond ASCII.
_CP1252_PUNCTUATION = frozenset("\u00a0«»°§©®±·¿¡€‚„…†‡ˆ‰‹›‘’“”•–—˜™")


def read(data: bytes, name: str) -> tuple[str, ArticleDetails]:
    text = decode_text(data, name)
    return text, ArticleDetails(title=guess_title(text))


def decode_text(data: bytes, name: str, declared: str | None = None) -> str:
    """Bytes to str. ``declared`` is an encoding the file names for itself (an HTML meta charset); it is
    used only if the bytes really decode with it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(encoding), name)
            except UnicodeDecodeError:
                raise ArticleImportError(
                    f"“{name}” says it is {encoding.upper()} text but is damaged part-way through. {REPAIR}"
                ) from None
    if b"\x00" in data:
        # Text never contains NUL bytes, except UTF-16/32 without a BOM, which no current editor writes.
        raise _binary(name)
    for encoding in _candidate_encodings(data, declared):
        try:
            return _checked(data.decode(encoding), name)
        except (UnicodeDecodeError, LookupError):
            continue
    guess = _charset_normalizer_guess(data)
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


def _candidate_encodings(data: bytes, declared: str | None) -> Iterator[str]:
    # A generator, so the costlier checks only run when UTF-8 has already failed. UTF-8 goes even before a
    # declared encoding: bytes that happen to be valid UTF-8 in any other encoding are vanishingly rare,
    # while pages declaring "iso-8859-1" over UTF-8 bytes are common.
    yield "utf-8"
    if declared:
        yield declared
    if _looks_western_cp1252(data):
        yield "cp1252"
    # On Windows this is the machine's ANSI code page (cp1255 on a Hebrew system, cp1256 on an Arabic one):
    # the most likely origin of an old file found on that computer. On Linux and macOS it is UTF-8.
    local = locale.getpreferredencoding(False) or "utf-8"
    try:
        if codecs.lookup(local).name not in ("utf-8", "ascii", "cp1252"):
            yield local
    except LookupError:
        pass


def _looks_western_cp1252(data: bytes) -> bool:
    """Windows-1252 decodes almost any bytes, so accept it only when the result reads like a Western
    language: accented letters are a minority among letters (mis-decoded Hebrew, Greek or Russian comes
    out as words made entirely of accented letters) and no symbol outside ordinary punctuation appears."""
    try:
        text = data[:_BINARY_SAMPLE_CHARS].decode("cp1252")
    except UnicodeDecodeError:
        return False
    letters = accented = 0
    for ch in text:
        if ch.isascii():
            letters += ch.isalpha()
        elif ch.isalpha() and "\u00c0" <= ch <= "\u00ff":
            letters += 1
            accented += 1
        elif ch not in _CP1252_PUNCTUATION:
            return False
    return letters > 0 and accented <= 0.3 * letters


def _charset_normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # noqa: PLC0415 (kept off the start-up path)

    best = from_bytes(data).best()
    return None if best is None else str(best)


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
        f"“{name}” looks like a binary file, not text, so Lede cannot import it. Check that you picked the "
        "article itself; if it is text, open it in a text editor and save it again as UTF-8 text."
    )

