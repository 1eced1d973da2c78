"""What every importer returns, and the one error every importer raises."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.articles import ArticleDetails
from desktop_app.i18n import _

# Files larger than this are refused before they are read: no news article comes near it, and reading a
# huge file would freeze a lab computer for a minute before failing anyway.
MAX_FILE_BYTES = 50 * 1024 * 1024


class ArticleImportError(Exception):
    """A file or paste could not become an article. ``str(error)`` is one sentence a teacher understands,
    saying what is wrong and what to do; nothing has been written to the database."""


@dataclass(frozen=True, slots=True)
class ImportedArticle:
    text: str  # already normalised by core.text.normalize_article_text
    details: ArticleDetails
    source_name: str  # the file name it came from, or "" for a paste
    format: str  # "txt", "md", "html", "docx", "pdf", "paste"


def missing_part(part: str, file_name: str) -> ArticleImportError:
    """The error for a file Lede could not read because a part of Lede itself (``part``, a Python module) is
    not installed: the fault is the installation's, not the file's, and reinstalling is what helps."""
    # Translators: {part} is the name of a Python module ("pypdf").
    return ArticleImportError(
        _("Lede is missing a part ({part}), so it could not read “{name}”; the file itself may be fine. "
          "Reinstall Lede, or ask whoever looks after this computer to.").format(part=part, name=file_name)
    )
