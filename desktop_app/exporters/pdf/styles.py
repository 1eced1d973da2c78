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

from desktop_app.exporters.pdf.fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD, FontChoice, register_fonts, safe_text
from desktop_app.exporters.pdf.lines import LineBreaker, paragraph_is_rtl

INK = HexColor("#000000")
GREY = HexColor("#555555")
RULE = HexColor("#9a9a9a")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=SANS, fontSize=9.5, leading=12.5, textColor=INK, splitLongWords=1)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "cell_head": ParagraphStyle("cell_head", parent=base, fontName=SANS_BOLD, fontSize=8, leading=10),
        "quote": ParagraphStyle("quote", parent=base, fontName=SERIF, fontSize=8.5, leading=10.5),
        "title": ParagraphStyle("title", parent=base, fontName=SERIF_BOLD, fontSize=16, leading=20, spaceAfter=3),
        "byline": ParagraphStyle("byline", parent=base, fontSize=9.5, leading=12, textColor=GREY),
        "h2": ParagraphStyle("h2", parent=base, fontName=SANS_BOLD, fontSize=12, leading=15, spaceBefore=10,
                             spaceAfter=4, keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=base, fontName=SANS_BOLD, fontSize=10.5, leading=13, spaceBefore=8,
                             spaceAfter=2, keepWithNext=1),
        "h2_free": ParagraphStyle("h2_free", parent=base, fontName=SANS_BOLD, fontSize=12, leading=15,
                                  spaceBefore=10, spaceAfter=4),
        "h3_free": ParagraphStyle("h3_free", parent=base, fontName=SANS_BOLD, fontSize=10.5, leading=13,
                                  spaceBefore=8, spaceAfter=4),
        "prompt": ParagraphStyle("prompt", parent=base, fontSize=9.5, leading=12.5, spaceAfter=4, keepWithNext=1),
    }


_CACHE: dict[str, ParagraphStyle] = {}


def style(name: str) -> ParagraphStyle:
    if not _CACHE:
        _CACHE.update(_styles())
    return _CACHE[name]


def markup(text: str, font_name: str = SANS) -> str:
    """User text as Paragraph markup: escaped, emoji replaced, line breaks kept."""
    return escape(safe_text(text, font_name)).replace("\n", "<br/>")


def para(text: str, style_name: str = "body", *, width: float | None = None, bold_prefix: str = "") -> Paragraph:
    """A Paragraph of plain user text. Right-to-left text is broken into lines here and each line put in
    visual order (``width`` is needed for that), because Paragraph would set its words backwards."""
    st = style(style_name)
    prefix = f"<b>{escape(bold_prefix)}</b> " if bold_prefix else ""
    if width and _RTL.search(text):
        return Paragraph(prefix + _visual_lines(text, st, width), _aligned(st, text))
    return Paragraph(prefix + markup(text, st.fontName), st)


def _visual_lines(text: str, st: ParagraphStyle, width: float) -> str:
    breaker = LineBreaker(FontChoice(SANS, SANS_BOLD), st.fontSize, max(20.0, width - 4))
    return "<br/>".join(escape(line.visual) for line in breaker.lines(text, paragraph_is_rtl(text)))


def _aligned(st: ParagraphStyle, text: str) -> ParagraphStyle:
    # DejaVu Serif has no Hebrew or Arabic: right-to-left text is always set in the sans.
    return ParagraphStyle(f"{st.name}-bidi", parent=st, alignment=TA_RIGHT if paragraph_is_rtl(text) else TA_LEFT,
                          fontName=SANS if st.fontName in (SERIF, SANS) else SANS_BOLD)



def table_style(*commands) -> TableStyle:
    """A TableStyle whose default font is ours: ReportLab's default, Helvetica, would otherwise end up in
    the file (for empty or plain-text cells) as a font that is not embedded."""
    return TableStyle([("FONT", (0, 0), (-1, -1), SANS, 8.5), *commands])
