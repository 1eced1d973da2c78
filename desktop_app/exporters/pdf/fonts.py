"""The fonts every PDF embeds, and what to print for a character the chosen font cannot show.

ReportLab's built-in Helvetica knows only Latin-1 and never warns about a missing glyph, so we embed the DejaVu
fonts shipped in ``resources/fonts`` (their licence allows it): the serif for reading, the sans for headings,
tables and any article the serif cannot show (DejaVu Serif has no Hebrew or Arabic; DejaVu Sans has both).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import cast

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.resources import resource_path

SERIF, SERIF_BOLD, SERIF_ITALIC = "LedeSerif", "LedeSerif-Bold", "LedeSerif-Italic"
SANS, SANS_BOLD = "LedeSans", "LedeSans-Bold"

_FILES = {
    SERIF: "DejaVuSerif.ttf", SERIF_BOLD: "DejaVuSerif-Bold.ttf", SERIF_ITALIC: "DejaVuSerif-Italic.ttf",
    SANS: "DejaVuSans.ttf", SANS_BOLD: "DejaVuSans-Bold.ttf",
}

# Shown instead of a character no embedded font can draw truthfully. Emoji are among them: DejaVu draws some,
# but their entry in the PDF's text layer comes out as another code point, so copying the text would lie.
PLACEHOLDER = "\u25a1"  # WHITE SQUARE, present in both fonts
# Joiners and presentation selectors have no shape of their own; once their emoji is a placeholder they go.
EMOJI_PARTS = {0x200D, 0xFE0E, 0xFE0F, 0x20E3} | set(range(0x1F3FB, 0x1F400)) | set(range(0xE0020, 0xE0080))
# The bidi controls (marks, embeddings, isolates) steer the bidi algorithm and are never drawn. ``safe_text``
# keeps them, so that a later bidi step sees them (a name isolated in a sentence: see lines.isolated); what is
# drawn leaves them out (``FontChoice.display``, ``without_controls``).
BIDI_CONTROLS = frozenset({0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)})
_CONTROLS_RE = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Registers the fonts with ReportLab once per process (``<b>`` and ``<i>`` in a Paragraph find them)."""
    # Streams stay binary (Flate-compressed) instead of also being wrapped in ASCII85: a quarter smaller, and
    # ReportLab's pure-Python ASCII85 encoder was a tenth of an annotated copy's time.
    rl_config.useA85 = 0
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
    for family, regular, bold, italic in ((SERIF, SERIF, SERIF_BOLD, SERIF_ITALIC), (SANS, SANS, SANS_BOLD, SANS)):
        addMapping(family, 0, 0, regular)
        addMapping(family, 1, 0, bold)
        addMapping(family, 0, 1, italic)
        addMapping(family, 1, 1, bold)


@cache
def _coverage(font_name: str) -> frozenset[int]:
    register_fonts()
    font = cast(TTFont, pdfmetrics.getFont(font_name))  # register_fonts() registers TrueType fonts only
    return frozenset(font.face.charToGlyph)


def _display_char(code: int, covered: frozenset[int]) -> str:
    if code in (0x0A, 0x09):  # line breaks and tabs are layout, handled by whoever sets the text
        return chr(code)
    if code in EMOJI_PARTS or code in BIDI_CONTROLS:
        return ""
    if code > 0xFFFF or code not in covered:
        # Format and other zero-width controls (bidi marks, soft hyphens) print as nothing, not as a box.
        return "" if unicodedata.category(chr(code)) in ("Cf", "Mn") else PLACEHOLDER
    return chr(code)


@dataclass(frozen=True)
class FontChoice:
    """The font an article is printed in, and how each of its characters is shown in that font."""

    name: str
    bold: str

    def display(self, text: str) -> list[str]:
        """One piece per character of ``text`` (so offsets still line up): the character itself, a
        placeholder, or an empty string for a character with no shape."""
        covered = _coverage(self.name)
        out: list[str] = []
        joined = False  # the previous character was a zero-width joiner: this one belongs to its emoji
        for ch in text:
            code = ord(ch)
            if joined:
                out.append("")
            elif code in covered and code <= 0xFFFF and code not in EMOJI_PARTS and code not in BIDI_CONTROLS:
                out.append(ch)
            else:
                out.append(_display_char(code, covered))
            joined = code == 0x200D and (joined or (len(out) > 1 and _is_placeholder_run(out)))
        return out

    def display_text(self, text: str, keep_controls: bool = False) -> str:
        if not _needs_mapping(text, self.name):
            return text
        pieces = self.display(text)
        if keep_controls:
            pieces = [ch if ord(ch) in BIDI_CONTROLS else p for ch, p in zip(text, pieces, strict=True)]
        return "".join(pieces)


def _is_placeholder_run(out: list[str]) -> bool:
    """True when the last visible piece before the joiner just appended is an emoji's placeholder."""
    for piece in reversed(out[:-1]):
        if piece:
            return piece == PLACEHOLDER
    return False


def _needs_mapping(text: str, font_name: str) -> bool:
    covered = _coverage(font_name)
    return any(ord(ch) not in covered or ord(ch) > 0xFFFF or ord(ch) in EMOJI_PARTS or ord(ch) in BIDI_CONTROLS
               for ch in set(text))


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def choose_article_font(text: str) -> FontChoice:
    """The serif when it can show every letter of the article (emoji aside), else the sans, which covers
    Hebrew, Arabic, Cyrillic, Greek and more. One font per article keeps every line a single run of text."""
    register_fonts()
    serif = _coverage(SERIF)
    letters = set(_ASTRAL.sub("", text))
    missing = [ch for ch in letters if ord(ch) not in serif and unicodedata.category(ch)[0] in "LNPS"]
    return FontChoice(SANS, SANS_BOLD) if missing else FontChoice(SERIF, SERIF_BOLD)


def safe_text(text: str, font_name: str = SANS) -> str:
    """User text for a heading, table cell or footer in ``font_name``: no emoji that would copy wrongly,
    no boxes for joiners. Bidi controls stay for the bidi step that follows (``lines.visual_text``), which
    drops them. (Escaping for Paragraph markup is a separate step: see ``styles.para``.)"""
    return FontChoice(font_name, font_name).display_text(text, keep_controls=True)


def without_controls(text: str) -> str:
    """``text`` with its bidi controls taken out: what is drawn once the text is in visual order (or has
    no right-to-left letters, so that order is the logical one)."""
    return _CONTROLS_RE.sub("", text) if _CONTROLS_RE.search(text) else text
