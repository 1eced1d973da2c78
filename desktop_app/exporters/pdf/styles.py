"""Paragraph styles, and the one safe way to put user text into a ReportLab Paragraph.

A Paragraph reads its text as markup, so a student's note saying ``<b>`` or ``&`` or ``<para>`` would change
the page or break the export. ``para`` escapes every piece of user text; nothing else in the exporters builds
Paragraph markup from user text.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, TableStyle

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
from desktop_app.exporters.pdf.lines import LineBreaker, paragraph_is_rtl
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


def para(text: str, style_name: str = "body", *, width: float | None = None, bold_prefix: str = "") -> Paragraph:
    """A Paragraph of plain user text (or a sentence of Lede's holding user text, ``lines.isolated``).
    Text with right-to-left letters is broken into lines here and each line put in visual order by the
    bidi algorithm (``width`` is needed for that), because Paragraph would set its words backwards."""
    st = style(style_name)
    prefix = f"<b>{escape(bold_prefix)}</b> " if bold_prefix else ""
    if width and _RTL.search(text):
        if prefix:
            prefix += "<br/>"  # on a line of its own: the bidi lines below are measured without it
        return Paragraph(prefix + _visual_lines(text, st, width), _aligned(st, text))
    return Paragraph(prefix + markup(text, st.fontName), st)


def _visual_lines(text: str, st: ParagraphStyle, width: float) -> str:
    bold = st.fontName in (SANS_BOLD, SERIF_BOLD)
    font = FontChoice(SANS_BOLD, SANS_BOLD) if bold else FontChoice(SANS, SANS_BOLD)
    breaker = LineBreaker(font, st.fontSize, max(20.0, width - 4))
    return "<br/>".join(escape(line.visual) for line in breaker.lines(text, paragraph_is_rtl(text)))


def _aligned(st: ParagraphStyle, text: str) -> ParagraphStyle:
    # DejaVu Serif has no Hebrew or Arabic: right-to-left text is always set in the sans.
    return ParagraphStyle(f"{st.name}-bidi", parent=st, alignment=TA_RIGHT if paragraph_is_rtl(text) else TA_LEFT,
                          fontName=SANS if st.fontName in (SERIF, SANS) else SANS_BOLD)



def table_style(*commands) -> TableStyle:
    """A TableStyle whose default font is ours: ReportLab's default, Helvetica, would otherwise end up in
    the file (for empty or plain-text cells) as a font that is not embedded."""
    return TableStyle([("FONT", (0, 0), (-1, -1), SANS, current().table), *commands])
