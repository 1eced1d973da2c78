"""Word documents (.docx): the body's paragraphs and tables, in reading order.

Headers, footers, footnotes, comments and text boxes are left out: they are page furniture or side notes,
and mixing them into the running text would break the sentences students mark.
"""

from __future__ import annotations

import io
import zipfile

from desktop_app.core.articles import ArticleDetails
from desktop_app.i18n import N_, _
from desktop_app.importers.base import ArticleImportError
from desktop_app.zip_limits import (BOMB, LOCKED, PACKED_ODDLY, TOO_BIG, TOO_BIG_IN_ALL, TOO_MANY, TWICE, UNSAFE_NAME,
                                    ZipLimits, ZipRefused, check_zip)

FORMAT = "docx"
SUFFIXES = (".docx",)
UNREADABLE = N_("“{name}” is not a Word document Lede can read (it may be damaged).")
REPAIR = N_("Open it in Word or LibreOffice and save it again as .docx, or paste the text.")

# A .docx is a zip: held to the limits of every zip Lede reads (desktop_app.zip_limits), set for a document.
# A long article's document.xml is a few MB; its pictures (never read, but python-docx loads every part) a few
# MB each. A file past these was not written by a word processor for an article.
_LIMITS = ZipLimits(max_members=2_000, max_directory_bytes=1_000_000, max_member_bytes=60_000_000,
                    max_total_bytes=150_000_000)
# Old .doc files and password-protected .docx files are both OLE compound files, not zip packages.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Visible text only: deleted and moved-away tracked changes are not in the reader's document, and text
# boxes sit outside the flow of the paragraph they are anchored to.
_VISIBLE_RUNS = ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::w:txbxContent)]"
_TITLE_STYLES = ("Title", "Heading 1")


def read(data: bytes, name: str) -> tuple[str, ArticleDetails]:
    if data.startswith(_OLE_SIGNATURE):
        raise ArticleImportError(
            _("“{name}” is either locked with a password or an old-style Word (.doc) file renamed to .docx. "
              "Open it in Word or LibreOffice, remove the password if it has one, save it as .docx and import "
              "that, or paste the text.").format(name=name)
        )
    if not data.startswith(b"PK"):
        raise _unreadable(name)

    _check_package(data, name)
    import docx  # noqa: PLC0415 (kept off the start-up path)
    from docx.table import Table  # noqa: PLC0415

    document = docx.Document(io.BytesIO(data))
    blocks = []
    title = ""
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.append("\n".join(_table_lines(item)))
            continue
        text = _paragraph_text(item._p).strip()
        blocks.append(text)
        if text and not title and _style_name(item) in _TITLE_STYLES:
            title = text
    text = "\n\n".join(block for block in blocks if block)

    props_title, author, published = _core_properties(document)
    # A title the author typed into File > Properties wins over the first heading.
    return text, ArticleDetails(title=props_title or _clean(title), author=author, published=published)


def _check_package(data: bytes, name: str) -> None:
    """Refuses, before anything is inflated, a .docx that would take far more memory than its size says."""
    try:
        check_zip(data, _LIMITS).close()
    except ZipRefused as exc:
        refused = _(_REFUSALS.get(exc.reason, _BREAKS_A_LIMIT)).format(name=name)
        raise ArticleImportError(f"{refused} {_(REPAIR)}") from exc
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise _unreadable(name) from exc


def _unreadable(name: str) -> ArticleImportError:
    return ArticleImportError(f"{_(UNREADABLE).format(name=name)} {_(REPAIR)}")


# Why a .docx was refused before it was opened, each a whole sentence naming the file.
_BREAKS_A_LIMIT = N_("“{name}” is not a Word document Lede will open: it breaks a limit.")
_REFUSALS = {
    BOMB: N_("“{name}” is not a Word document Lede will open: it would unpack to far more than it stores, the way "
             "a 'zip bomb' does."),
    TOO_BIG: N_("“{name}” is not a Word document Lede will open: it holds a part far larger than an article needs."),
    TOO_BIG_IN_ALL: N_("“{name}” is not a Word document Lede will open: it would unpack to far more than an article "
                       "needs."),
    TOO_MANY: N_("“{name}” is not a Word document Lede will open: it holds far more parts than a document has."),
    LOCKED: N_("“{name}” is not a Word document Lede will open: it is locked with a password."),
    UNSAFE_NAME: N_("“{name}” is not a Word document Lede will open: it holds a part whose name points outside the "
                    "document."),
    TWICE: N_("“{name}” is not a Word document Lede will open: it holds two parts of one name."),
    PACKED_ODDLY: N_("“{name}” is not a Word document Lede will open: it is packed in a way word processors do not "
                     "use."),
}


def _paragraph_text(p) -> str:
    return "".join(run.text for run in p.xpath(_VISIBLE_RUNS))


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            # python-docx reports a merged cell once per grid column it spans: keep it once.
            if cell._tc is previous:
                continue
            previous = cell._tc
            cells.append(" ".join(" ".join(_paragraph_text(p._p).split()) for p in cell.paragraphs).strip())
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def _style_name(paragraph) -> str:
    try:
        return paragraph.style.name or ""
    except Exception:  # noqa: BLE001 (a broken style table must not stop the import over a title guess)
        return ""


def _core_properties(document) -> tuple[str, str, str]:
    """Title, author and creation date from File > Properties, or empty strings. Damaged properties must
    not stop the import: the text is what matters, and the teacher can fill these in."""
    from docx.opc.constants import RELATIONSHIP_TYPE  # noqa: PLC0415

    try:
        # Asked for directly: python-docx invents the title "Word Document" for a file without properties.
        props = document.part.package.part_related_by(RELATIONSHIP_TYPE.CORE_PROPERTIES).core_properties
        created = props.created
        return _clean(props.title), _clean(props.author), created.date().isoformat() if created else ""
    except Exception:  # noqa: BLE001
        return "", "", ""


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())
