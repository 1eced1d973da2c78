"""Colours, fonts and the safe way to put user text into Qt rich text: one place for the desk's look."""

from __future__ import annotations

import html

from PySide6.QtGui import QColor, QFont, QFontDatabase

from desktop_app.resources import resource_path

READING_FAMILIES = ["DejaVu Serif", "DejaVu Sans"]  # the second covers Hebrew, Arabic and more
DEFAULT_POINT_SIZE = 13
MIN_POINT_SIZE, MAX_POINT_SIZE = 8, 40
_loaded = False


def load_fonts() -> None:
    """Registers the fonts shipped in resources/fonts, so every lab computer reads the same way."""
    global _loaded
    if _loaded:
        return
    for path in sorted(resource_path("fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))
    _loaded = True


def reading_font(point_size: int = DEFAULT_POINT_SIZE) -> QFont:
    font = QFont()
    font.setFamilies(READING_FAMILIES)
    font.setPointSize(point_size)
    font.setStyleHint(QFont.StyleHint.Serif)
    return font


def tint(hex_colour: str, strength: float) -> QColor:
    """The category colour mixed into white: a highlight that black text stays readable on."""
    c = QColor(hex_colour)
    s = max(0.0, min(1.0, strength))
    return QColor(round(255 + (c.red() - 255) * s), round(255 + (c.green() - 255) * s),
                  round(255 + (c.blue() - 255) * s))


def plain_to_html(text: str) -> str:
    """User text for a tooltip or label that renders rich text: escaped, line breaks kept."""
    return html.escape(text).replace("\n", "<br>")


def elide(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
