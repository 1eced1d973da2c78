"""Saved web pages (.html, .htm): the article's own text, without menus, footers and cookie banners.

trafilatura finds the main text and the page's metadata. It only ever sees the bytes of the file: Lede
never fetches anything, so importing works offline and a page cannot call home from a lab computer.
"""

from __future__ import annotations

import re

from desktop_app.core.articles import ArticleDetails
from desktop_app.i18n import N_, _
from desktop_app.importers.base import ArticleImportError
from desktop_app.importers.plaintext import decode_text

FORMAT = "html"
SUFFIXES = (".html", ".htm")
UNREADABLE = N_("“{name}” is not a web page Lede can read (it may be damaged).")
REPAIR = N_("Open it in a web browser, select the article text, copy it and paste it into Lede.")

# Browsers look for the charset in the first 1024 bytes; pages saved by hand sometimes put it later.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# The HTML standard reads these labels as Windows-1252, and "utf-16" in a meta tag as UTF-8.
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}
# trafilatura's inline elements: formatting, links, deletions. Everything else separates words.
_INLINE_TAGS = frozenset({"hi", "ref", "del"})
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def read(data: bytes, name: str) -> tuple[str, ArticleDetails]:
    page = decode_text(data, name, declared=_declared_charset(data))
    # The text is already decoded: an XML declaration naming another encoding would make lxml decode twice.
    page = _XML_DECLARATION.sub("", page)
    if not re.search(r"<(html|body)[\s>]", page[:10_000], re.IGNORECASE):
        # trafilatura rejects a bare fragment ("<p>…</p><p>…</p>") as "not HTML"; give it a whole page.
        page = f"<html><body>{page}</body></html>"

    import trafilatura  # noqa: PLC0415 (slow to import: kept off the start-up path)
    from trafilatura.xml import xmltotxt  # noqa: PLC0415

    document = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,  # readers' comments are not the article
        include_tables=True,
        include_images=False,
        # Only dates the page states in its markup: a date guessed from the running text (a copyright
        # line, a date quoted in a paragraph) would put a wrong publication date in front of students.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or document.body is None:
        raise _no_text(name)
    # trafilatura's own plain text puts a single newline between paragraphs (readers need blank lines)
    # and draws tables with "|": lists and tables are written out the way the other formats write them.
    blocks = []
    for block in document.body:
        if block.tag == "list":
            text = "\n".join(_list_lines(block))
        elif block.tag == "table":
            text = "\n".join(_table_lines(block))
        else:
            text = xmltotxt(block, False).strip()
        if text.strip():
            blocks.append(text)
    text = "\n\n".join(blocks) or (document.text or "")
    if not text.strip():
        raise _no_text(name)
    details = ArticleDetails(
        title=_clean(document.title),
        outlet=_clean(document.sitename),
        author=_clean(document.author),
        published=_clean(document.date),
        url=_clean(document.url),
    )
    return text, details


def _list_lines(element, depth: int = 0) -> list[str]:
    lines = []
    for number, item in enumerate(element.iterchildren("item"), start=1):
        marker = f"{number}. " if element.get("rend") == "ol" else "• "
        lines.append("  " * depth + marker + _flat_text(item))
        for nested in item.iterchildren("list"):
            lines.extend(_list_lines(nested, depth + 1))
    return lines


def _table_lines(element) -> list[str]:
    rows = (row.iterchildren("cell") for row in element.iter("row"))
    lines = ("\t".join(_flat_text(cell) for cell in cells) for cells in rows)
    return [line for line in lines if line.strip()]


def _flat_text(element) -> str:
    """The words of an element on one line; nested lists are left to _list_lines."""
    return " ".join(_raw_text(element).split())


def _raw_text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag in _INLINE_TAGS:
            parts.append(_raw_text(child))
        elif child.tag != "list":
            # A line break or a block (a paragraph inside a table cell) still separates words.
            parts.append(f" {_raw_text(child)} ")
        parts.append(child.tail or "")
    return "".join(parts)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    return _CHARSET_ALIASES.get(label, label)


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def _no_text(name: str) -> ArticleImportError:
    return ArticleImportError(
        _("Lede found no article text in “{name}” (it may be a page of links, or one that needs a browser to "
          "show its text). Open it in a web browser, copy the article and paste the text instead.").format(name=name)
    )
