"""Turning a teacher's file or paste into an article: one module per format, one error type.

Every format module offers the same small interface: ``FORMAT`` (the name stored with the article),
``SUFFIXES``, ``UNREADABLE`` and ``REPAIR`` (the "cannot read it" message's two sentences, marked for
translation), and
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
from typing import TYPE_CHECKING

from desktop_app.core.articles import ArticleDetails
from desktop_app.core.text import ArticleTextError, clean_line, normalize_article_text
from desktop_app.importers import docx, html, markdown, pdf, plaintext
from desktop_app.i18n import N_, _
from desktop_app.i18n.formats import format_number
from desktop_app.importers.base import MAX_FILE_BYTES, ArticleImportError, ImportedArticle, missing_part

__all__ = [
    "FILE_DIALOG_FILTER",
    "SUPPORTED_SUFFIXES",
    "ArticleImportError",
    "ImportedArticle",
    "file_dialog_filter",
    "import_file",
    "import_pasted_text",
]

log = logging.getLogger(__name__)

_FORMATS: tuple[ModuleType, ...] = (plaintext, markdown, html, docx, pdf)
_BY_SUFFIX = {suffix: module for module in _FORMATS for suffix in module.SUFFIXES}

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_BY_SUFFIX)
# The file dialog's filter in the language of the moment it is read (made by the module's __getattr__ below).
FILE_DIALOG_FILTER: str


def file_dialog_filter() -> str:
    """The file dialog's filter: "Articles (*.txt *.md …);;All files (*)", its names translated."""
    patterns = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
    # Translators: a file dialog's filter; keep {patterns} (the file name patterns) in the parentheses.
    return _("Articles ({patterns})").format(patterns=patterns) + ";;" + _("All files (*)")


if not TYPE_CHECKING:
    def __getattr__(name: str) -> str:
        if name == "FILE_DIALOG_FILTER":
            return file_dialog_filter()
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Formats a teacher is likely to try, with the way to get them in ("“Web page, HTML only”" and "“Page Source”"
# are the browsers' own words for those choices).
_CONVERT_HINTS = {
    ".doc": N_("It is an old-style Word file: open it in Word or LibreOffice and save it as .docx."),
    ".odt": N_("Open it in LibreOffice and save it as Word (.docx)."),
    ".rtf": N_("Open it in Word or LibreOffice and save it as .docx."),
    ".pages": N_("Open it in Pages and export it as Word (.docx)."),
    ".mht": N_("Open it in a web browser and save it as “Web page, HTML only”."),
    ".mhtml": N_("Open it in a web browser and save it as “Web page, HTML only”."),
    ".webarchive": N_("Open it in Safari and save it as “Page Source” (.html)."),
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
            _("Lede is not allowed to read “{name}”. Copy the file into your own Documents folder and import "
              "the copy, or ask whoever shared it to give you access.").format(name=name)
        ) from None
    except OSError as error:
        # Translators: {reason} is the system's own words ("Input/output error").
        raise ArticleImportError(
            _("Lede could not read “{name}” ({reason}). If it is on a USB stick or network drive, copy it to your "
              "computer first and import the copy.").format(name=name, reason=error.strerror or error)
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
        raise ArticleImportError(f"{_(module.UNREADABLE).format(name=name)} {_(module.REPAIR)}") from error
    # Translators: a file's name in quotes, as the start of a sentence ("“notes.txt” has no readable words…").
    text = _normalized(raw, _("“{name}”").format(name=name))
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
    # Translators: the start of a sentence about a paste ("The pasted text has no readable words in it. …").
    normalized = _normalized(text, _("The pasted text"))
    title = " ".join(title.split()) or plaintext.guess_title(normalized)
    return ImportedArticle(text=normalized, details=ArticleDetails(title=title), source_name="", format="paste")


def _check_file(path: Path, name: str) -> ModuleType:
    """Everything that can be said about a file without reading it, so a wrong pick fails at once."""
    try:
        if path.is_dir():
            raise ArticleImportError(
                _("“{name}” is a folder, not a file. Open the folder and choose the article file inside it.").format(
                    name=name)
            )
        if not path.exists():
            raise ArticleImportError(
                _("Lede cannot find “{name}”; it may have been moved, renamed or deleted. Choose the file "
                  "again.").format(name=name)
            )
        size = path.stat().st_size
    except OSError as error:
        # Translators: {reason} is the system's own words ("Permission denied").
        raise ArticleImportError(
            _("Lede could not open “{name}” ({reason}). Copy it to your computer and import the copy.").format(
                name=name, reason=error.strerror or error)
        ) from None

    suffix = path.suffix.lower()
    module = _BY_SUFFIX.get(suffix)
    if module is None:
        hint = _CONVERT_HINTS.get(suffix)
        hint = _(hint) if hint else _("For anything else, open it, copy the article text and paste it.")
        cannot = _("Lede cannot import “{name}”: it reads text (.txt), Markdown (.md), web pages (.html), Word "
                   "(.docx) and PDF (.pdf) files.").format(name=name)
        raise ArticleImportError(f"{cannot} {hint}")
    if size == 0:
        raise ArticleImportError(
            _("“{name}” is empty (0 bytes). Check that you chose the right file, or that it finished saving "
              "or downloading.").format(name=name)
        )
    if size > MAX_FILE_BYTES:
        raise ArticleImportError(
            _("“{name}” is {size} MB; Lede imports files of up to {most} MB. Check that it is the article you "
              "meant, or copy the article's text and paste it.").format(
                name=name, size=format_number(size / 1024 / 1024, 0), most=MAX_FILE_BYTES // 1024 // 1024)
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
