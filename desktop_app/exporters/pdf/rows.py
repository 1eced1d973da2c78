"""Ruled tables of marks for the classroom sheets, whose passages, notes and comments may be of any length.

Cells are short plain strings (badges, lines, category names) or ``Text``: user text, which is escaped on its
way into a Paragraph, or, when it fits on one line, drawn as a plain string (no markup is read from those).
A row too tall for a page leaves its table and is printed full width, as on the annotated copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table

from desktop_app.core.categories import Category
from desktop_app.exporters.pdf.annotated import short_quote
from desktop_app.exporters.pdf.fonts import SANS, SANS_BOLD, safe_text
from desktop_app.exporters.pdf.styles import GREY, RULE, para, style, table_style


@dataclass(frozen=True)
class Text:
    """A table cell of user text: wraps, and is escaped on its way into the Paragraph."""

    text: str
    style: str = "cell"


_CELL_PADDING = 12
_LONG_TEXT = 1000  # characters below which a row cannot reach half a page in these columns


def rows_table(header: list[str], widths: list[float], rows: list[list], width: float,
               page_height: float) -> list[Flowable]:
    """A ruled table of ``rows`` (cells: short plain strings, or ``Text``). As on the annotated copy, a
    row too tall for a page leaves the table and is printed full width, where its text can run over pages."""
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
        cells = [_cell(c, w) if isinstance(c, Text) else c for c, w in zip(row, widths, strict=True)]
        long = sum(len(c.text) for c in row if isinstance(c, Text)) > _LONG_TEXT
        tall = max((cell.wrap(w - _CELL_PADDING, page_height)[1] for cell, w in zip(cells, widths, strict=True)
                    if isinstance(cell, Flowable)), default=0.0) if long else 0.0
        if tall > page_height * 0.6:
            close()
            title = " · ".join(f"{h} {c}" if h in ("Line",) else str(c)
                               for h, c in zip(header, row, strict=True) if not isinstance(c, Text) and str(c).strip())
            out += [Spacer(1, 6), para(title, "cell_head", width=width)]
            out += [para(c.text or "—", c.style, width=width, bold_prefix=f"{h}:")
                    for h, c in zip(header, row, strict=True) if isinstance(c, Text)]
            out.append(Spacer(1, 6))
            continue
        pending.append(cells)
    close()
    return out


def _cell(text: Text, width: float):
    """A Paragraph only where one is needed. Text that fits on one line is a plain string, which the
    table draws as it is (no markup is read from it) at a fraction of a Paragraph's cost; an empty cell is
    a dash. Right-to-left and other far scripts always take the Paragraph, which sets them properly."""
    t = text.text.strip()
    if not t:
        return "—"
    st = style(text.style)
    if len(t) < 90 and "\n" not in t and all(ord(ch) < 0x0590 for ch in t):
        shown = safe_text(t, st.fontName)
        if stringWidth(shown, st.fontName, st.fontSize) <= width - _CELL_PADDING - 1:
            return shown
    return para(t, text.style, width=width)


def _ruled(data: list[list], widths: list[float], kinds: Sequence[str] = ()) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1)
    commands = [("FONT", (0, 1), (-1, -1), SANS, 8.5, 10.5)]
    if not (kinds and kinds[0]):
        commands.append(("FONT", (0, 1), (0, -1), SANS_BOLD, 8.5, 10.5))  # the badge or line that names the row
    for i, kind in enumerate(kinds):
        if kind:  # a plain-string cell is set in the column's font: the same as its style's Paragraph
            st = style(kind)
            commands.append(("FONT", (i, 1), (i, -1), st.fontName, st.fontSize, st.leading))
    table.setStyle(table_style(
        *commands,
        ("BACKGROUND", (0, 0), (-1, 0), HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, GREY),
    ))
    return table


def spread(width: float, fixed: list[float], shares: list[float]) -> list[float]:
    rest = width - sum(fixed)
    return fixed + [rest * s for s in shares]


def category_cell(category: Category) -> str:
    # A plain-string cell does not wrap by itself; category names are ours, so a line break is safe here.
    return category.name.replace(" ", "\n", 1) if len(category.name) > 12 else category.name


def quote_cell(text: str, limit: int = 1200) -> Text:
    return Text(f"“{short_quote(text, limit)}”", "quote")
