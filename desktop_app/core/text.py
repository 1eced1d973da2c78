"""Turning whatever text arrives (a file, a paste) into an article text Lede can anchor marks to.

Offsets are only stable if the text is fixed once, at import: line endings become "\n" (Qt would turn
"\r\n" into one paragraph break and shift every later offset by one), control characters that no reader
can see are dropped, and the size is bounded so a stray 50 MB paste cannot freeze a lab computer.
"""

from __future__ import annotations

import re
import unicodedata

from desktop_app.i18n import _
from desktop_app.i18n.formats import format_number

# About 300,000 words: far beyond any news article, small enough to open in well under a second.
MAX_ARTICLE_CHARS = 2_000_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\ufffe\uffff]")
# Half of a UTF-16 pair with no other half ("\ud800" in a JSON file, a damaged PDF's text): no character at all.
# It cannot be stored (SQLite's and PostgreSQL's drivers refuse it), drawn or printed.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# On one line (a title, a name, a note's field): every control character, tabs and line breaks included.
_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufeff\ufffe\uffff\u2028\u2029]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


class ArticleTextError(ValueError):
    """The text cannot be an article; the message says why and what to do."""


def _too_long(what: str | None, length: int) -> ArticleTextError:
    numbers = {"length": format_number(length), "limit": format_number(MAX_ARTICLE_CHARS),
               "words": format_number(300_000)}
    if what is None:
        return ArticleTextError(_("The text is {length} characters long; Lede takes articles of up to {limit} "
                                  "characters (about {words} words). Split it into parts and import each "
                                  "part.").format(**numbers))
    # Translators: {what} names the text at the start of the sentence: “notes.docx”, "The pasted text".
    return ArticleTextError(_("{what} is {length} characters long; Lede takes articles of up to {limit} characters "
                              "(about {words} words). Split it into parts and import each part.").format(
        what=what, **numbers))


def normalize_article_text(raw: str, *, what: str | None = None) -> str:
    """The text as Lede stores it (ArticleTextError when none is left, or too much). ``what`` names it at the
    start of a message, in the person's language (“notes.docx”, "The pasted text"); "The text" when not given."""
    # Normalising can at most halve a text (every "\r\n" becoming "\n"); anything longer than twice the
    # limit is refused at once, so a 50 MB paste fails in a blink instead of after seconds of regexes.
    if len(raw) > 2 * MAX_ARTICLE_CHARS:
        raise _too_long(what, len(raw))
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2029", "\n\n").replace("\u2028", "\n").replace("\x0c", "\n\n")
    text = _LONE_SURROGATE.sub("\ufffd", _CONTROL.sub("", text))
    text = _TRAILING_SPACE.sub("\n", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text).strip()
    if not text:
        if what is None:
            raise ArticleTextError(_("The text has no readable words in it. Check that it is the article you meant."))
        # Translators: {what} names the text at the start of the sentence: “notes.docx”, "The pasted text".
        raise ArticleTextError(_("{what} has no readable words in it. Check that it is the article you "
                                 "meant.").format(what=what))
    if len(text) > MAX_ARTICLE_CHARS:
        raise _too_long(what, len(text))
    return text


def clean_line(value: str) -> str:
    """A one-line field from a file (a title, an author, a student's name): control characters and line breaks
    become spaces, runs of spaces one, and a lone surrogate becomes U+FFFD (the replacement character)."""
    return " ".join(_LONE_SURROGATE.sub("\ufffd", _LINE_CONTROL.sub(" ", value)).split())


def has_broken_characters(value: str, *, multiline: bool = False) -> bool:
    """True when ``value`` holds a lone surrogate, or a control character (line breaks and tabs are allowed in
    ``multiline`` text): what a file Lede wrote itself never holds, so a reader refuses it at the boundary."""
    if _LONE_SURROGATE.search(value):
        return True
    return bool((_CONTROL if multiline else _LINE_CONTROL).search(value))


def detect_direction(text: str, sample: int = 4000) -> str:
    """'rtl' when most strongly directional letters in the first part of the text are right-to-left."""
    rtl = ltr = 0
    for ch in text[:sample]:
        bidi = unicodedata.bidirectional(ch)
        if bidi in ("R", "AL"):
            rtl += 1
        elif bidi == "L":
            ltr += 1
    return "rtl" if rtl > ltr else "ltr"


def bidi_isolated(text: str) -> str:
    """A person's text inside a line of the other direction, with its own direction kept: a first-strong isolate
    (U+2068 … U+2069). In the Hebrew interface an English passage in quotation marks reads “residents”, not
    ”residents“, and a Hebrew passage in the English one keeps its punctuation where its writer put it."""
    return f"\u2068{text}\u2069" if text else text


def word_count(text: str) -> int:
    return len(text.split())


# Names Windows will not give a file, whatever the extension.
_RESERVED_FILE_NAMES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def file_slug(text: str, limit: int = 60, fallback: str = "") -> str:
    """A file-name part every file system and LMS accepts: 'Eastgate library faces…' → 'eastgate-library-
    faces…'. Letters of any script are kept, accents folded where they can be, whole words only up to
    ``limit`` characters ("car-park-pl" reads as a mistake); ``fallback`` when no word is left. Every file
    Lede names (PDFs, packs, hand-ins, feedback) is named through here."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    out = ""
    for word in re.findall(r"\w+", folded.lower()):
        word = word.replace("_", "-").strip("-")
        if not word:
            continue
        if out and len(out) + 1 + len(word) > limit:
            break
        out = f"{out}-{word}" if out else word[:limit]
    out = out or fallback
    return f"{out}-file" if out in _RESERVED_FILE_NAMES else out


def numbered_file_name(name: str, number: int) -> str:
    """The ``number``-th file of one name, when two things would be called alike: ('ana-lopez.ledesub', 1) →
    'ana-lopez.ledesub', 2 → 'ana-lopez-2.ledesub'. The number goes before the suffix, so the file still opens
    with the right program and sorts beside the first."""
    if number <= 1:
        return name
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}-{number}.{suffix}" if dot and stem else f"{name}-{number}"
