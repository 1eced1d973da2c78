"""Bytes from a teacher's computer to text: the ladder every text-like file Lede reads can climb.

Files come from anywhere: Notepad's UTF-16, Excel's UTF-8 with a BOM, Excel's "CSV (Comma delimited)" in the
computer's ANSI code page, a 2009 Word export in Windows-1252. Guessing wrong shows garbled names, so decoding
goes from certain to likely: a byte-order mark, then strict UTF-8, then a narrow Western-European rule, then
the computer's own legacy code page, and only then charset-normalizer's statistical guesses. The statistics
are last because they are weak on short texts: on a ten-line class list in Windows-1252 charset-normalizer
3.5 answers Windows-1250 ("Hélène" comes out "Hélčne"), and on Polish Windows-1250 it answers Windows-1254.
"""

from __future__ import annotations

import codecs
import locale
from collections.abc import Iterator

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE_BYTES = 65_536
# Characters a Windows-1252 file of French, Spanish, German... contains beyond ASCII.
_CP1252_PUNCTUATION = frozenset("\u00a0«»°§©®±·¿¡€‚„…†‡ˆ‰‹›‘’“”•–—˜™")


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces and the mark's length, or None without one."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def likely_encodings(data: bytes, declared: str | None = None) -> Iterator[str]:
    """Encodings to try in turn, most certain first, for bytes without a BOM. ``declared`` is one the file
    names for itself (an HTML meta charset). A generator, so the costlier checks only run when UTF-8 has
    already failed. UTF-8 goes even before a declared encoding: bytes that happen to be valid UTF-8 in any
    other encoding are vanishingly rare, while files declaring "iso-8859-1" over UTF-8 bytes are common."""
    yield "utf-8"
    if declared:
        yield declared
    if looks_western_cp1252(data):
        yield "cp1252"
    # On Windows this is the machine's ANSI code page (cp1255 on a Hebrew system, cp1256 on an Arabic one):
    # the most likely origin of an old file found on that computer. On Linux and macOS it is UTF-8.
    local = locale.getpreferredencoding(False) or "utf-8"
    try:
        if codecs.lookup(local).name not in ("utf-8", "ascii", "cp1252"):
            yield local
    except LookupError:
        pass


def looks_western_cp1252(data: bytes) -> bool:
    """Windows-1252 decodes almost any bytes, so accept it only when the result reads like a Western
    language: accented letters are a minority among letters (mis-decoded Hebrew, Greek or Russian comes
    out as words made entirely of accented letters) and no symbol outside ordinary punctuation appears."""
    try:
        text = data[:_SAMPLE_BYTES].decode("cp1252")
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


def statistical_guesses(data: bytes) -> Iterator[str]:
    """charset-normalizer's readings of the bytes, its best first, decoded one by one as asked for; none when
    nothing reads as text."""
    from charset_normalizer import from_bytes  # noqa: PLC0415 (kept off the start-up path)

    for guess in from_bytes(data):
        yield str(guess)
