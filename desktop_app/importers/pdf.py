"""PDF files: the text layer, page by page.

A PDF stores positioned lines, not paragraphs. Lines of running prose are joined back into paragraphs so
students can mark a sentence that wraps; anything that does not look like prose keeps its line breaks.
Nothing is dropped or reordered, and page headers and footers stay in, since guessing wrong about what is
furniture would silently lose article text.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

from desktop_app.core.articles import ArticleDetails
from desktop_app.i18n import N_, _, ngettext
from desktop_app.i18n.formats import format_number
from desktop_app.importers.base import ArticleImportError, missing_part

FORMAT = "pdf"
SUFFIXES = (".pdf",)
UNREADABLE = N_("“{name}” is not a PDF file Lede can read (it may be damaged).")
REPAIR = N_("Open it in a PDF viewer; if it shows the article, select the text, copy it and paste it into Lede.")

# A line at least this share of the page's longest line was wrapped by the layout, not ended by the writer.
_FULL_LINE_SHARE = 0.7
# Below this, the page is not running prose (a list, a table, a poem): keep every line as it is.
_MIN_PROSE_LINE = 50
_STARTS_ITEM = re.compile(r"^(?:[•\-–*▪●◦]|\d{1,3}[.)])\s")
# Limits for one PDF, far above what an article needs and far below what hurts a lab computer: the text of a page
# sits in streams of a few hundred KB, so a stream that unpacks to more than 16 MB is not an article's text
# (pypdf's own default, 75 MB each, let one 200 KB file take 380 MB of memory and 6 s: measured).
MAX_PAGES = 500
_MB = 1_000_000
_LIMITS = {
    "maximum_declared_stream_length": 16 * _MB, "array_based_stream_maximum_output_length": 16 * _MB,
    "zlib_maximum_output_length": 16 * _MB, "lzw_maximum_output_length": 16 * _MB,
    "run_length_maximum_output_length": 16 * _MB, "brotli_maximum_output_length": 16 * _MB,
    "jbig2_maximum_output_length": 16 * _MB, "image_maximum_buffer_size": 16 * _MB,
    "stream_decoding_work_maximum_length": 40 * _MB, "stream_parsing_work_maximum_count": 1_000_000,
}
_FILE_NAME_TITLE = re.compile(r"\.(?:docx?|odt|rtf|pdf|indd|qxp|txt|html?)$|^untitled\b", re.IGNORECASE)


def read(data: bytes, name: str) -> tuple[str, ArticleDetails]:
    if b"%PDF-" not in data[:1024]:
        raise ArticleImportError(f"{_(UNREADABLE).format(name=name)} {_(REPAIR)}")
    if b"%%EOF" not in data:
        raise ArticleImportError(
            _("“{name}” is incomplete: the end of the file is missing, perhaps from an unfinished download or "
              "copy. Download or copy it again, or paste the text.").format(name=name)
        )

    import pypdf  # noqa: PLC0415 (kept off the start-up path)
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError  # noqa: PLC0415

    try:
        with _pypdf_complaints() as complaints, pypdf.apply_configuration(None, **_LIMITS):
            reader = pypdf.PdfReader(io.BytesIO(data))
            # Many PDFs are "encrypted" only to forbid printing or editing and open with an empty password.
            if reader.is_encrypted and not reader.decrypt(""):
                raise _locked(name)
            if len(reader.pages) > MAX_PAGES:
                raise ArticleImportError(ngettext(
                    "“{name}” has {count} pages; Lede imports articles of up to {most} pages. Save the pages of "
                    "the article as a PDF of their own, or paste the text.",
                    "“{name}” has {count} pages; Lede imports articles of up to {most} pages. Save the pages of "
                    "the article as a PDF of their own, or paste the text.", len(reader.pages)).format(
                    name=name, count=format_number(len(reader.pages)), most=MAX_PAGES))
            pages = [_page_text(page.extract_text() or "") for page in reader.pages]
    except DependencyError as error:
        # AES encryption needs "cryptography", which Lede installs (pypdf[crypto]): without it this
        # installation is incomplete, and the file, most likely only locked against printing, is fine.
        raise missing_part("cryptography", name) from error
    except FileNotDecryptedError:
        raise _locked(name) from None
    except LimitReachedError as exc:
        bomb = _("“{name}” holds a part that would unpack to far more than an article needs, the way a 'zip bomb' "
                 "does, so Lede did not read it.").format(name=name)
        raise ArticleImportError(f"{bomb} {_(REPAIR)}") from exc

    text = "\n\n".join(page for page in pages if page.strip())
    if not text.strip() and complaints:
        # pypdf patches over missing pieces and may find no text at all: that is damage, not a scan.
        damaged = _("“{name}” is damaged: Lede could not read its pages.").format(name=name)
        raise ArticleImportError(f"{damaged} {_(REPAIR)}")
    if not text.strip():
        raise ArticleImportError(
            _("“{name}” has no text layer — it is a scanned picture of pages. Run text recognition (OCR) on it "
              "first, or paste the text.").format(name=name)
        )
    return text, _details(reader)


def _page_text(raw: str) -> str:
    lines = [line.strip() for line in raw.splitlines()]
    longest = max((len(line) for line in lines), default=0)
    if longest < _MIN_PROSE_LINE:
        return "\n".join(line for line in lines if line)

    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            paragraphs.append(current)
            current = ""
            continue
        if current and _STARTS_ITEM.match(line):
            paragraphs.append(current)
            current = ""
        current = _join(current, line)
        if len(line) < _FULL_LINE_SHARE * longest:
            # A short line ends its paragraph (or is a heading of its own).
            paragraphs.append(current)
            current = ""
    paragraphs.append(current)
    return "\n\n".join(p for p in paragraphs if p)


def _join(current: str, line: str) -> str:
    if not current:
        return line
    if current.endswith("\u00ad"):  # a soft hyphen only exists to break the word across lines
        return current[:-1] + line
    if current.endswith("-") and current[-2:-1].isalpha() and line[:1].islower():
        # "well-" + "known": the hyphen stays (it may be real), only the line break goes.
        return current + line
    return f"{current} {line}"


def _details(reader) -> ArticleDetails:
    """Document properties are often junk ("Microsoft Word - draft3.docx") or damaged; neither may stop
    an import whose text is fine."""
    try:
        meta = reader.metadata
        if meta is None:
            return ArticleDetails()
        title = " ".join(str(meta.title or "").split())
        title = title.removeprefix("Microsoft Word - ")
        if _FILE_NAME_TITLE.search(title):
            title = ""
        author = " ".join(str(meta.author or "").split())
        try:
            created = meta.creation_date
        except Exception:  # noqa: BLE001 (a malformed date string)
            created = None
        return ArticleDetails(title=title, author=author, published=created.date().isoformat() if created else "")
    except Exception:  # noqa: BLE001
        return ArticleDetails()


@contextmanager
def _pypdf_complaints() -> Iterator[list[logging.LogRecord]]:
    """Collects the warnings pypdf logs while it repairs a broken file (it raises only for the worst)."""
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("pypdf")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


def _locked(name: str) -> ArticleImportError:
    return ArticleImportError(
        _("“{name}” is locked with a password or encryption Lede cannot open. Open it in a PDF viewer (enter "
          "the password if you have it), select the article text, copy it and paste it into Lede.").format(name=name)
    )
