"""Turning a teacher's file or paste into an article: one module per format, one error type.

Every format module offers the same small interface: ``FORMAT`` (the name stored with the article),
``SUFFIXES``, ``KIND`` and ``REPAIR`` (for the "cannot read it" message), and
``read(data: bytes, name: str) -> (raw text, ArticleDetails)``. This package does what all formats share:
checks the file before reading it, normalises the text once (marks are offsets into it), and makes sure
whatever goes wrong reaches the teacher as an ``ArticleImportError`` sentence, never a traceback.

The format modules import their parsers (trafilatura, python-docx, pypdf...) only when a file of that
kind is read: importing this package must stay cheap, because the desk imports it at start-up.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import ModuleType

from desktop_app.core.articles import ArticleDetails
from desktop_app.core.text import ArticleTextError, clean_line, normalize_article_text
from desktop_app.importers import docx, html, markdown, pdf, plaintext
from desktop_app.importers.base import MAX_FILE_BYTES, ArticleImportError, ImportedArticle, missing_part

__all__ = [
    "FILE_DIALOG_FILTER",
    "SUPPORTED_SUFFIXES",
    "ArticleImportError",
    "ImportedArticle",
    "import_file",
    "import_pasted_text",
]

log = logging.getLogger(__name__)

_FORMATS: tuple[ModuleType, ...] = (plaintext, markdown, html, docx, pdf)
_BY_SUFFIX = {suffix: module for module in _FORMATS for suffix in module.SUFFIXES}

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_BY_SUFFIX)
FILE_DIALOG_FILTER = "Articles ({});;All files (*)".format(" ".join(f"*{s}" for s in SUPPORTED_SUFFIXES))

_FORMATS_IN_WORDS = "text (.txt), Markdown (.md), web pages (.html), Word (.docx) and PDF (.pdf) files"
# Formats a teacher is likely to try, with the way to get them in.
_CONVERT_HINTS = {
    ".doc": "It is an old-style Word file: open it in Word or LibreOffice and save it as .docx.",
    ".odt": "Open it in LibreOffice and save it as Word (.docx).",
    ".rtf": "Open it in Word or LibreOffice and save it as .docx.",
    ".pages": "Open it in Pages and export it as Word (.docx).",
    ".mht": "Open it in a web browser and save it as “Web page, HTML only”.",
    ".mhtml": "Open it in a web browser and save it as “Web page, HTML only”.",
    ".webarchive": "Open it in Safari and save it as “Page Source” (.html).",
}


def import_file(path: Path | str) -> ImportedArticle:
    """Read one file into an article; raises ArticleImportError with a message for the teacher."""
    path = Path(path)
    name = path.name or str(path)
    module = _check_file(path, name)
    try:
        data = path.read_bytes()
    except PermissionError:
        raise ArticleImportError(
            f"Lede is not allowed to read “{name}”. Copy the file into your own Documents folder and import "
            "the copy, or ask whoever shared it to give you access."
        ) from None
    except OSError as error:
        raise ArticleImportError(
            f"Lede could not read “{name}” ({error.strerror or error}). If it is on a USB stick or network "
            "drive, copy it to your computer first and import the copy."
        ) from None

    try:
        raw, details = module.read(data, name)
    except ArticleImportError:
        raise
    except ImportError as error:
        # A parser, or a part one of them loads, is not installed: Lede is incomplete and the file may be
        # fine. Calling the file damaged would send the teacher hunting for another copy of a good file.
        # One line, no traceback: with logging unconfigured (the CLI) it is printed on the console.
        log.error("Lede is missing a part needed to read %s files (%s): %r", module.FORMAT, path, error)
        raise missing_part(_missing_module(error), name) from error
    except Exception as error:
        # Parsers fail in countless ways on damaged files; the teacher needs one clear sentence, and the
        # log keeps the details for whoever maintains the lab computers. INFO, not WARNING: with logging
        # unconfigured, Python prints warnings (traceback included) on the console of the CLI.
        log.info("Could not import %s as %s", path, module.FORMAT, exc_info=True)
        raise ArticleImportError(
            f"“{name}” is not {module.KIND} Lede can read (it may be damaged). {module.REPAIR}"
        ) from error
    text = _normalized(raw, f"“{name}”")
    details = _tidy(details)
    if not details.title:
        details = details.with_changes(title=_fallback_title(text, path))
    return ImportedArticle(text=text, details=details, source_name=name, format=module.FORMAT)


def _missing_module(error: ImportError) -> str:
    """The name of the module that is not installed. A package that re-raises its own ImportError (lxml's
    ``lxml.html.clean`` does, "from None") leaves the original, which names the module, as its context."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ImportError) and seen.name:
            return seen.name
        seen = seen.__cause__ or seen.__context__
    return str(error).splitlines()[0] if str(error) else "a library"


def _fallback_title(text: str, path: Path) -> str:
    """Something better than "Untitled" in the library: the first line when it is short (often the
    headline or a caption), else the file's name. The teacher can correct it under Article details."""
    first = text.split("\n", 1)[0].strip()
    if first and len(first) <= 120:
        return " ".join(first.split())
    return path.stem.replace("_", " ").strip() or path.name


def import_pasted_text(text: str, title: str = "") -> ImportedArticle:
    """A paste is taken as plain text. Without a title given, a short first line standing alone becomes
    the title (it stays in the text as well)."""
    normalized = _normalized(text, "The pasted text")
    title = " ".join(title.split()) or plaintext.guess_title(normalized)
    return ImportedArticle(text=normalized, details=ArticleDetails(title=title), source_name="", format="paste")


def _check_file(path: Path, name: str) -> ModuleType:
    """Everything that can be said about a file without reading it, so a wrong pick fails at once."""
    try:
        if path.is_dir():
            raise ArticleImportError(
                f"“{name}” is a folder, not a file. Open the folder and choose the article file inside it."
            )
        if not path.exists():
            raise ArticleImportError(
                f"Lede cannot find “{name}”; it may have been moved, renamed or deleted. Choose the file again."
            )
        size = path.stat().st_size
    except OSError as error:
        raise ArticleImportError(
            f"Lede could not open “{name}” ({error.strerror or error}). Copy it to your computer and import "
            "the copy."
        ) from None

    suffix = path.suffix.lower()
    module = _BY_SUFFIX.get(suffix)
    if module is None:
        hint = _CONVERT_HINTS.get(suffix, "For anything else, open it, copy the article text and paste it.")
        raise ArticleImportError(f"Lede cannot import “{name}”: it reads {_FORMATS_IN_WORDS}. {hint}")
    if size == 0:
        raise ArticleImportError(
            f"“{name}” is empty (0 bytes). Check that you chose the right file, or that it finished saving "
            "or downloading."
        )
    if size > MAX_FILE_BYTES:
        raise ArticleImportError(
            f"“{name}” is {size / 1024 / 1024:,.0f} MB; Lede imports files of up to "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB. Check that it is the article you meant, or copy the "
            "article's text and paste it."
        )
    return module


def _normalized(raw: str, what: str) -> str:
    try:
        return normalize_article_text(raw, what=what)
    except ArticleTextError as error:
        raise ArticleImportError(str(error)) from None


def _tidy(details: ArticleDetails) -> ArticleDetails:
    # Metadata is shown on one line in the library: no stray newlines or doubled spaces from any format.
    # A damaged file's metadata may also hold control characters or half a character (a lone surrogate): they
    # become spaces or U+FFFD here, at the boundary, so nothing further on meets them.
    return ArticleDetails(
        title=clean_line(details.title),
        outlet=clean_line(details.outlet),
        author=clean_line(details.author),
        published=clean_line(details.published),
        url=clean_line(details.url),
    )
