"""Paragraph styles, and the one safe way to put user text into a ReportLab Paragraph.

A Paragraph reads its text as markup, so a student's note saying ``<b>`` or ``&`` or ``<para>`` would change
the page or break the export. ``para`` escapes every piece of user text; nothing else in the exporters builds
Paragraph markup from user text.

The sheet's direction is decided here too, in one place for every kind of sheet. In a right-to-left language
(``lines.sheet_rtl``) ``para`` sets Lede's own sentences right to left and every paragraph flush right (pass
``data=True`` for a paragraph of user text, which keeps its own direction), and ``sheet_table`` mirrors a
table's columns; what is drawn straight on the canvas goes through ``lines.own_line``.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle
from reportlab.platypus.paragraph import cleanBlockQuotedText

from desktop_app.exporters.pdf.fonts import (
    SANS,
    SANS_BOLD,
    SERIF,
    SERIF_BOLD,
    FontChoice,
    register_fonts,
    safe_text,
    without_controls,
)
from desktop_app.exporters.pdf.lines import LineBreaker, paragraph_is_rtl, sheet_rtl, visual_text
from desktop_app.exporters.pdf.sizes import PrintSizes, current

INK = HexColor("#000000")
GREY = HexColor("#444444")  # secondary text (a byline, a label): dark enough to survive a photocopier
RULE = HexColor("#9a9a9a")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _styles(sizes: PrintSizes) -> dict[str, ParagraphStyle]:
    register_fonts()
    body, table = sizes.body, sizes.table
    base = ParagraphStyle("body", fontName=SANS, fontSize=body, leading=body * 1.3, textColor=INK, splitLongWords=1)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=table, leading=table * 1.25),
        "cell": ParagraphStyle("cell", parent=base, fontSize=table, leading=table * 1.2),
        "cell_head": ParagraphStyle("cell_head", parent=base, fontName=SANS_BOLD, fontSize=table,
                                    leading=table * 1.2),
        "quote": ParagraphStyle("quote", parent=base, fontName=SERIF, fontSize=table, leading=table * 1.2),
        "title": ParagraphStyle("title", parent=base, fontName=SERIF_BOLD, fontSize=sizes(17), leading=sizes(21),
                                spaceAfter=sizes(3)),
        "byline": ParagraphStyle("byline", parent=base, fontSize=body, leading=body * 1.25, textColor=GREY),
        "h2": ParagraphStyle("h2", parent=base, fontName=SANS_BOLD, fontSize=sizes(13), leading=sizes(16),
                             spaceBefore=sizes(10), spaceAfter=sizes(4), keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=base, fontName=SANS_BOLD, fontSize=sizes(11.5), leading=sizes(14),
                             spaceBefore=sizes(8), spaceAfter=sizes(2), keepWithNext=1),
        "h2_free": ParagraphStyle("h2_free", parent=base, fontName=SANS_BOLD, fontSize=sizes(13),
                                  leading=sizes(16), spaceBefore=sizes(10), spaceAfter=sizes(4)),
        "h3_free": ParagraphStyle("h3_free", parent=base, fontName=SANS_BOLD, fontSize=sizes(11.5),
                                  leading=sizes(14), spaceBefore=sizes(8), spaceAfter=sizes(4)),
        "prompt": ParagraphStyle("prompt", parent=base, spaceAfter=sizes(4), keepWithNext=1),
    }


_CACHE: dict[float, dict[str, ParagraphStyle]] = {}


def style(name: str) -> ParagraphStyle:
    """The style ``name`` at the print size in force (see sizes.printing_at)."""
    sizes = current()
    styles = _CACHE.get(sizes.scale)
    if styles is None:
        styles = _CACHE[sizes.scale] = _styles(sizes)
    return styles[name]


def markup(text: str, font_name: str = SANS) -> str:
    """User text as Paragraph markup: escaped, emoji replaced, line breaks kept (text with no right-to-left
    letters: its bidi controls change nothing and are dropped)."""
    return escape(without_controls(safe_text(text, font_name))).replace("\n", "<br/>")


def para(text: str, style_name: str = "body", *, width: float | None = None, bold_prefix: str = "",
         data: bool = False) -> Paragraph:
    """A Paragraph of a sentence of Lede's own (its user text ``lines.isolated``), or, with ``data``, of plain
    user text (a title, a teacher's comment). Text with right-to-left letters is broken into lines (at the
    width the paragraph is given when laid out; ``width`` is only a hint kept for the callers) and each line
    put in visual order by the bidi algorithm, because Paragraph would set its words backwards.

    On a right-to-left sheet (``lines.sheet_rtl``) every paragraph is flush right, and Lede's own sentences
    run right to left; user text keeps its own direction (an English title on a Hebrew worksheet)."""
    st = style(style_name)
    rtl_sheet = sheet_rtl()
    if _RTL.search(text) or _RTL.search(bold_prefix):
        base = paragraph_is_rtl(text) if data or not rtl_sheet else True
        aligned = _aligned(st, right=base or rtl_sheet)
        prefix = ""
        if bold_prefix:  # on a line of its own: the bidi lines are measured without it
            prefix = f"<b>{escape(visual_text(bold_prefix, True if rtl_sheet else None))}</b><br/>"
        return BidiParagraph(text, aligned, base_rtl=base, prefix=prefix)
    prefix = f"<b>{escape(bold_prefix)}</b> " if bold_prefix else ""
    return Paragraph(prefix + markup(text, st.fontName), _aligned(st, right=True, bidi=False) if rtl_sheet else st)


class BidiParagraph(Paragraph):
    """A Paragraph of text with right-to-left letters, set by Lede's line breaker in visual order whenever it
    is laid out at a new width (a table cell, a frame); the pieces a page break splits it into are plain
    Paragraphs of lines already set."""

    def __init__(self, text, style=None, bulletText=None, frags=None, *args,
                 base_rtl: bool = False, prefix: str = "", **kwargs) -> None:
        self._logical = text if frags is None else None
        self._base_rtl, self._prefix, self._set_for = base_rtl, prefix, -1.0
        super().__init__("" if frags is None else text, style, bulletText, frags, *args, **kwargs)

    def wrap(self, availWidth, availHeight):
        if self._logical is not None and abs(availWidth - self._set_for) > 0.01:
            lines = _visual_lines(self._logical, self.style, availWidth, self._base_rtl)
            # Paragraph's own set-up, as its constructor runs it: the markup parsed into fragments again.
            self._setup(self._prefix + lines, self.style, self.bulletText, None,  # type: ignore[attr-defined]
                        cleanBlockQuotedText)
            self._set_for = availWidth
        return super().wrap(availWidth, availHeight)


def _visual_lines(text: str, st: ParagraphStyle, width: float, rtl: bool) -> str:
    bold = st.fontName in (SANS_BOLD, SERIF_BOLD)
    font = FontChoice(SANS_BOLD, SANS_BOLD) if bold else FontChoice(SANS, SANS_BOLD)
    breaker = LineBreaker(font, st.fontSize, max(20.0, width - 4))
    return "<br/>".join(escape(line.visual) for line in breaker.lines(text, rtl))


def _aligned(st: ParagraphStyle, right: bool, bidi: bool = True) -> ParagraphStyle:
    """``st`` flush right or left; for text in visual order (``bidi``) set in the sans, since DejaVu Serif has
    no Hebrew or Arabic."""
    key = (id(st), right, bidi)
    found = _ALIGNED.get(key)
    if found is None or found.parent is not st:
        font = (SANS if st.fontName in (SERIF, SANS) else SANS_BOLD) if bidi else st.fontName
        found = _ALIGNED[key] = ParagraphStyle(f"{st.name}-{'right' if right else 'left'}", parent=st,
                                               alignment=TA_RIGHT if right else TA_LEFT, fontName=font)
    return found


_ALIGNED: dict[tuple[int, bool, bool], ParagraphStyle] = {}


def table_style(*commands) -> TableStyle:
    """A TableStyle whose default font is ours: ReportLab's default, Helvetica, would otherwise end up in
    the file (for empty or plain-text cells) as a font that is not embedded."""
    return TableStyle([("FONT", (0, 0), (-1, -1), SANS, current().table), *commands])


# Commands whose sides swap when a table's columns are mirrored.
_MIRRORED_COMMANDS = {"LEFTPADDING": "RIGHTPADDING", "RIGHTPADDING": "LEFTPADDING", "LINEBEFORE": "LINEAFTER",
                      "LINEAFTER": "LINEBEFORE"}
_MIRRORED_ALIGN = {"LEFT": "RIGHT", "RIGHT": "LEFT"}


def sheet_table(data: list[list], col_widths: list[float], *commands, **kwargs) -> Table:
    """A table in the sheet's direction, styled with ``commands`` (as ``table_style`` takes them).

    On a right-to-left sheet its columns come in mirrored order (the first column on the right), each
    command's columns and sides mirrored with them, plain-string cells flush right, and the table itself
    against the right margin. Plain-string cells are put in visual order here (a Table draws a string as it
    is), so a caller gives them in logical order."""
    rtl = sheet_rtl()
    rows = [[_string_cell(c, rtl) if isinstance(c, str) else c for c in row] for row in data]
    if rtl:
        count = len(col_widths)
        rows = [list(reversed(row)) for row in rows]
        col_widths = list(reversed(col_widths))
        commands = (("ALIGN", (0, 0), (-1, -1), "RIGHT"), *(_mirrored(c, count) for c in commands))
        if kwargs.get("hAlign") == "LEFT":
            kwargs["hAlign"] = "RIGHT"
        if "rowHeights" in kwargs and kwargs["rowHeights"] is None:
            del kwargs["rowHeights"]
    table = Table(rows, colWidths=col_widths, **kwargs)
    table.setStyle(table_style(*commands))
    return table


def _string_cell(text: str, rtl: bool) -> str:
    if not _RTL.search(text):
        return text
    return "\n".join(visual_text(line, True if rtl else None) for line in text.split("\n"))


def _mirrored(command: tuple, count: int) -> tuple:
    name, (c0, r0), (c1, r1), *args = command
    def flip(c: int) -> int:
        return count - 1 - (c if c >= 0 else count + c)
    if name == "ALIGN" and args:
        args = [_MIRRORED_ALIGN.get(str(args[0]).upper(), args[0]), *args[1:]]
    return (_MIRRORED_COMMANDS.get(name, name), (flip(c1), r0), (flip(c0), r1), *args)
