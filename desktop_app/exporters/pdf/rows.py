"""Ruled tables of marks for the classroom sheets, whose passages, notes and comments may be of any length.

Cells are short plain strings (badges, lines, category names), ``Text``: user text, which is escaped on its
way into a Paragraph, or, when it fits on one line, drawn as a plain string (no markup is read from those),
or ``Labelled``: pieces of user text one under the other, each after a bold label ("Your note:",
"Teacher:"). A row too tall for a page leaves its table and is printed full width, as on the annotated copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table

from desktop_app.core.categories import Category
from desktop_app.exporters.pdf.fonts import SANS, SANS_BOLD, safe_text
from desktop_app.exporters.pdf.lines import isolated
from desktop_app.exporters.pdf.sizes import current
from desktop_app.exporters.pdf.styles import GREY, RULE, para, sheet_table, style
from desktop_app.exporters.pdf.text_block import TextBlock
from desktop_app.i18n import _, pgettext


def number_header() -> str:
    # Translators: the header of a table's column of mark badges ("S3", "K7"): the mark's number.
    return pgettext("table header", "No.")


def line_header() -> str:
    # Translators: the header of a table's column of line numbers (the article's printed lines).
    return pgettext("table header", "Line")


def quoted(text: str) -> str:
    """A passage of the article in quotation marks, as the language writes them."""
    # Translators: quotation marks around a passage quoted from the article; use your language's own.
    return _("“{quote}”").format(quote=isolated(text))


def labelled(label: str, value: str) -> str:
    """'Source: “the council said”', 'Kind of source: official': a label and its value, as one text."""
    # Translators: a label and its value, as in "Kind of source: official" or "Source: “the quote”".
    return _("{label}: {value}").format(label=label, value=isolated(value))


@dataclass(frozen=True)
class Text:
    """A table cell of user text: wraps, and is escaped on its way into the Paragraph."""

    text: str
    style: str = "cell"


@dataclass(frozen=True)
class Labelled:
    """A table cell of labelled pieces of user text, one under the other; pieces with no text are left out."""

    parts: tuple[tuple[str, str], ...]
    style: str = "cell"

    @property
    def text(self) -> str:
        return " ".join(text for _, text in self.parts)

    def flowables(self, width: float, *, in_table: bool = True) -> list[Flowable]:
        """The pieces as table cell content (``TextBlock``), or as Paragraphs that can run over pages."""
        shown = [(label, text.strip()) for label, text in self.parts if text.strip()] or [("", "—")]
        if in_table:
            return [TextBlock(text, self.style, label) for label, text in shown]
        return [para(text, self.style, width=width, bold_prefix=label, data=True) for label, text in shown]


_CELL_PADDING = 12
_LONG_TEXT = 1000  # characters below which a row cannot reach half a page in these columns


def rows_table(header: list[str], widths: list[float], rows: list[list], width: float,
               page_height: float, line_column: int | None = None) -> list[Flowable]:
    """A ruled table of ``rows`` (cells: short plain strings, or ``Text``). As on the annotated copy, a
    row too tall for a page leaves the table and is printed full width, where its text can run over pages
    (its title naming the line, "Line 14", when ``line_column`` is the column of line numbers)."""
    if not rows:
        return []
    head = [para(h, "cell_head") for h in header]
    kinds = [c.style if isinstance(c, Text) else "" for c in rows[0]]
    out: list[Flowable] = []
    pending: list[list] = []

    def close() -> None:
        if pending:
            out.append(_ruled([head] + pending, widths, kinds))
            pending.clear()

    for row in rows:
        cells = [_cell(c, w) if isinstance(c, Text) else c.flowables(w - _CELL_PADDING)
                 if isinstance(c, Labelled) else c for c, w in zip(row, widths, strict=True)]
        long = sum(len(c.text) for c in row if isinstance(c, Text | Labelled)) > _LONG_TEXT
        tall = max((_height(cell, w - _CELL_PADDING, page_height) for cell, w in zip(cells, widths, strict=True)),
                   default=0.0) if long else 0.0
        if tall > page_height * 0.6:
            close()
            title = " · ".join(_line_title(c) if i == line_column else str(c) for i, c in enumerate(row)
                               if not isinstance(c, Text | Labelled) and str(c).strip())
            out += [Spacer(1, 6), para(title, "cell_head", width=width)]
            for h, c in zip(header, row, strict=True):
                if isinstance(c, Text):
                    # Translators: a table's column header as a label before that column's text ("Passage:").
                    label = _("{header}:").format(header=h)
                    out.append(para(c.text or "—", c.style, width=width, bold_prefix=label, data=True))
                elif isinstance(c, Labelled):
                    out += c.flowables(width, in_table=False)
            out.append(Spacer(1, 6))
            continue
        pending.append(cells)
    close()
    return out


def _line_title(line: object) -> str:
    # Translators: names the article's printed line a mark starts on ("Line 14").
    return _("Line {number}").format(number=line)


def _height(cell, width: float, page_height: float) -> float:
    if isinstance(cell, Flowable):
        return cell.wrap(width, page_height)[1]
    if isinstance(cell, list):
        return sum(f.wrap(width, page_height)[1] for f in cell)
    return 0.0


def _cell(text: Text, width: float):
    """Text that fits on one line is a plain string, which the table draws as it is (no markup is read from
    it); an empty cell is a dash; the rest is a ``TextBlock``, set once by Lede's line breaker (a Paragraph
    would be set three times over), which also sets right-to-left and other far scripts properly."""
    t = text.text.strip()
    if not t:
        return "—"
    st = style(text.style)
    if len(t) < 90 and "\n" not in t and all(ord(ch) < 0x0590 for ch in t):
        shown = safe_text(t, st.fontName)
        if stringWidth(shown, st.fontName, st.fontSize) <= width - _CELL_PADDING - 1:
            return shown
    return TextBlock(t, text.style)


def _ruled(data: list[list], widths: list[float], kinds: Sequence[str] = ()) -> Table:
    size = current().table
    commands = [("FONT", (0, 1), (-1, -1), SANS, size, size * 1.2)]
    if not (kinds and kinds[0]):
        commands.append(("FONT", (0, 1), (0, -1), SANS_BOLD, size, size * 1.2))  # the badge or line naming the row
    for i, kind in enumerate(kinds):
        if kind:  # a plain-string cell is set in the column's font: the same as its style's Paragraph
            st = style(kind)
            commands.append(("FONT", (i, 1), (i, -1), st.fontName, st.fontSize, st.leading))
    return sheet_table(
        data, widths,
        *commands,
        ("BACKGROUND", (0, 0), (-1, 0), HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, GREY),
        repeatRows=1)


def spread(width: float, fixed: list[float], shares: list[float]) -> list[float]:
    rest = width - sum(fixed)
    return fixed + [rest * s for s in shares]


def columns(width: float, spec: Sequence[float | str]) -> list[float]:
    """Column widths in order: a number is a fixed width in points, a string such as "0.3" that column's share
    of what the fixed ones leave."""
    rest = width - sum(w for w in spec if not isinstance(w, str))
    return [rest * float(w) if isinstance(w, str) else w for w in spec]


def short_quote(text: str, limit: int = 400) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis: for a table cell or a label."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def category_cell(category: Category) -> str:
    # A plain-string cell does not wrap by itself; category names are ours, so a line break is safe here.
    return category.name.replace(" ", "\n", 1) if len(category.name) > 12 else category.name


def quote_cell(text: str, limit: int = 1200) -> Text:
    return Text(quoted(short_quote(text, limit)), "quote")
