"""Markdown files (.md, .markdown) become plain reading text.

Students read and mark the text, not its markup: "**claim**" would put asterisks inside their marks and
make offsets depend on syntax they never see. So the Markdown is parsed (markdown-it-py) and written back
out as paragraphs separated by blank lines, headings as their own paragraphs and list items as lines.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from desktop_app.core.articles import ArticleDetails
from desktop_app.core.text import MAX_ARTICLE_CHARS
from desktop_app.i18n import N_, _
from desktop_app.i18n.formats import format_number
from desktop_app.importers.base import ArticleImportError
from desktop_app.importers.plaintext import decode_text

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

FORMAT = "md"
SUFFIXES = (".md", ".markdown")
UNREADABLE = N_("“{name}” is not a Markdown file Lede can read (it may be damaged).")
REPAIR = N_("Open it in a text editor, save it again as UTF-8 text, and import that, or paste the text.")

# Front matter is the block of "key: value" lines many blog and notes tools put between two "---" lines.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_KEY_VALUE = re.compile(r"^([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*)$")
_LIST_ITEM = re.compile(r"^[ \t]+-[ \t]+(.*)$|^-[ \t]+(.*)$")
_FIELDS = {
    "title": "title",
    "author": "author",
    "authors": "author",
    "byline": "author",
    "date": "published",
    "published": "published",
    "outlet": "outlet",
    "source": "outlet",
    "publication": "outlet",
    "publisher": "outlet",
    "url": "url",
    "link": "url",
}
_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)


def read(data: bytes, name: str) -> tuple[str, ArticleDetails]:
    source = decode_text(data, name).replace("\r\n", "\n").replace("\r", "\n")
    if len(source) > 2 * MAX_ARTICLE_CHARS:
        # Markup is never half of a Markdown file, so this is far too long anyway; failing now spares the
        # teacher a minute-long parse before the same answer.
        raise ArticleImportError(
            _("“{name}” is {count} characters long; Lede takes articles of up to {most} characters (about {words} "
              "words). Split it into parts and import each part.").format(
                name=name, count=format_number(len(source)), most=format_number(MAX_ARTICLE_CHARS),
                words=format_number(300_000))
        )
    fields, body = _split_front_matter(source)

    from markdown_it import MarkdownIt  # noqa: PLC0415 (kept off the start-up path)
    from markdown_it.tree import SyntaxTreeNode  # noqa: PLC0415

    # Commonmark with tables: raw HTML is parsed as HTML blocks (which are reduced to their text below).
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    root = SyntaxTreeNode(parser.parse(body))
    text = "\n\n".join(block for block in _blocks(root) if block.strip())

    if not fields.get("title"):
        fields["title"] = _first_h1(root)
    return text, ArticleDetails(**fields)


def _split_front_matter(source: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(source)
    if not match:
        return {}, source
    fields: dict[str, str] = {}
    key = None
    for line in match.group(1).split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if item := _LIST_ITEM.match(line):
            # "author:" followed by "- Name" lines: several authors become "Name, Name".
            if key == "author":
                value = _unquote(item.group(1) or item.group(2) or "")
                fields["author"] = f"{fields['author']}, {value}" if fields.get("author") else value
        elif kv := _KEY_VALUE.match(line):
            key = _FIELDS.get(kv.group(1).lower())
            value = _unquote(kv.group(2))
            if key and value and not fields.get(key):
                fields[key] = value
        elif not line[0].isspace():
            # Not "key: value": the "---" was a horizontal rule starting the article, not front matter.
            return {}, source
        # Other indented lines continue a value Lede has no field for.
    if not fields and not match.group(1).strip():
        return {}, source
    if "://" in fields.get("outlet", "") and not fields.get("url"):
        # "source: https://..." names where the article came from, not the outlet's name.
        fields["url"], fields["outlet"] = fields["outlet"], ""
    if date := _ISO_DATE.match(fields.get("published", "")):
        fields["published"] = date.group(1)
    return fields, source[match.end() :]


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return value.strip()


def _blocks(node: SyntaxTreeNode, depth: int = 0) -> list[str]:
    blocks = []
    for child in node.children:
        kind = child.type
        if kind in ("paragraph", "heading"):
            blocks.append(_inline(child.children[0]) if child.children else "")
        elif kind in ("bullet_list", "ordered_list"):
            blocks.append("\n".join(_list_lines(child, depth)))
        elif kind == "blockquote":
            blocks.extend(_blocks(child, depth))
        elif kind in ("fence", "code_block"):
            blocks.append(child.content.rstrip("\n"))
        elif kind == "table":
            blocks.append("\n".join(_table_lines(child)))
        elif kind == "html_block":
            blocks.append(_strip_tags(child.content))
        # "hr" (a horizontal rule) has no words to keep.
    return blocks


def _list_lines(node: SyntaxTreeNode, depth: int) -> list[str]:
    number = int(node.attrs.get("start", 1))
    lines = []
    for item in node.children:
        marker = f"{number}. " if node.type == "ordered_list" else "• "
        number += 1
        indent = "  " * depth
        parts = _blocks(item, depth + 1)
        # An item's own paragraphs form its line; a nested list keeps its own lines below it.
        first, rest = (parts[0], parts[1:]) if parts else ("", [])
        lines.append(indent + marker + first)
        lines.extend(rest)
    return lines


def _table_lines(node: SyntaxTreeNode) -> list[str]:
    lines = []
    for section in node.children:  # thead, tbody
        for row in section.children:
            cells = [_inline(cell.children[0]) if cell.children else "" for cell in row.children]
            lines.append("\t".join(cells))
    return lines


def _inline(node: SyntaxTreeNode) -> str:
    parts: list[str] = []
    for child in node.children:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            # Markdown writers wrap lines at 80 columns; a reader sees one flowing paragraph.
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind in ("image", "html_inline"):
            continue  # picture descriptions and inline tags are not the article's words
        else:  # emphasis, strong, links, strikethrough: keep the words, drop the markup
            parts.append(_inline(child))
    return "".join(parts)


def _strip_tags(fragment: str) -> str:
    lines = (" ".join(line.split()) for line in html.unescape(_TAG.sub(" ", fragment)).split("\n"))
    return "\n".join(line for line in lines if line)


def _first_h1(root: SyntaxTreeNode) -> str:
    for child in root.children:
        if child.type == "heading" and child.tag == "h1" and child.children:
            return " ".join(_inline(child.children[0]).split())
    return ""
