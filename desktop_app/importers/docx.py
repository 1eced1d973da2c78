"""Word documents (.docx): the body's paragraphs and tables, in reading order.

Headers, footers, footnotes, comments and text boxes are left out: they are page furniture or side notes,
and mixing them into the running text would break the sentences students mark.
"""

from __future__ import annotations

import io

from desktop_app.core.articles import ArticleDetails
from desktop_app.importers.base import ArticleImportError

FORMAT = "docx"
SUFFIXES = (".docx",)
KIND = "a Word document"
REPAIR = "Open it in Word or LibreOffice and save it again as .docx, or paste the text."

# Old .doc files and password-protected .docx files are both OLE compound files, not zip packages.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Visible text only: deleted and moved-away tracked changes are not in the reader's document, and text
# boxes sit outside the flow of the paragraph they are anchored to.
_VISIBLE_RUNS = ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::w:txbxContent)]"
_TITLE_STYLES = ("Title", "Heading 1")


def read(data: bytes, name: str) -> tuple[str, ArticleDetails]:
    if data.startswith(_OLE_SIGNATURE):
        raise ArticleImportError(
            f"“{name}” is either locked with a password or an old-style Word (.doc) file renamed to .docx. "
            "Open it in Word or LibreOffice, remove the password if it has one, save it as .docx and import "
            "that, or paste the text."
        )
    if not data.startswith(b"PK"):
        raise ArticleImportError(f"“{name}” is not a Word document Lede can read (it may be damaged). {REPAIR}")

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
