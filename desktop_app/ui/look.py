"""Colours, fonts and the safe way to put user text into Qt rich text: one place for the desk's look."""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import (QColor, QFont, QFontDatabase, QTextBlockFormat, QTextCursor, QTextDocument,
                           QTextOption)

from desktop_app.i18n.formats import format_datetime
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


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` exactly as typed. Qt guesses whether a tooltip is markup, so a title like
    "<b>Vote</b>" would render bold (and an <img> would be loaded): it goes in escaped, inside a paragraph."""
    return f"<p>{plain_to_html(text)}</p>" if text else ""


def elide(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def article_document(parent: QObject, text: str, rtl: bool, font: QFont, margin: int,
                     line_height_percent: int) -> QTextDocument:
    """A read-only document of an article's plain text, built before any view shows it (so Qt lays it out
    once), in the reading direction of the article and with extra room between lines."""
    doc = QTextDocument(parent)
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(margin)
    option = QTextOption(doc.defaultTextOption())
    option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setPlainText(text)
    if text:
        cursor = QTextCursor(doc)
        cursor.select(QTextCursor.SelectionType.Document)
        block = QTextBlockFormat()
        block.setLineHeight(line_height_percent, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.mergeBlockFormat(block)
    return doc


def when(moment, unknown: str = "") -> str:
    """A moment in the reader's own time zone, as their language and region write it: "27 Nov 2026, 08:00",
    "27 nov 2026, 8:00" (``unknown`` for None)."""
    if moment is None:
        return unknown
    return format_datetime(moment.astimezone())


# --- colours that follow the system's light or dark palette ------------------------------------------------------
# A bar's background comes from the palette (with its text), or is fixed together with its own text colour: never a
# light background hard-coded under the palette's text, which a dark palette makes light-on-light.

def panel_style(object_name: str) -> str:
    """A framed bar (the student's assignment bar): the palette's alternate base under the palette's text."""
    return (f"#{object_name} {{ background: palette(alternate-base); color: palette(window-text); "
            "border: 1px solid palette(mid); }")


def notice_style(object_name: str = "") -> str:
    """A bright notice (the answer-key banner, a teacher's comment): a fixed pale yellow with its own dark text,
    readable under any palette (yellow is the highlight teachers use for answer keys)."""
    selector = f"#{object_name} " if object_name else ""
    return (f"{selector}{{ background: #fff3a8; color: #1a1a1a; border: 1px solid #b59b00; padding: 5px; }}"
            if selector else "background: #fff3a8; color: #1a1a1a; border-left: 3px solid #b59b00; padding: 4px")


def muted_style() -> str:
    """Secondary text (a hint, a question): the palette's placeholder colour, dimmer than text in either palette."""
    return "color: palette(placeholder-text)"


def warning_colour(widget) -> str:
    """Red for a warning ("Was due", an error) that keeps 4.5:1 against the widget's background, light or dark."""
    from PySide6.QtGui import QPalette

    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return "#ff8a80" if dark else "#b00020"


# --- every window inside the screen ------------------------------------------------------------------------------

def fit_to_screen(window, width: int, height: int, share: float = 0.95) -> None:
    """Sizes ``window`` to ``width`` x ``height`` or to ``share`` of the screen's available area, whichever is
    smaller, and moves it inside that area: on a 1366x768 lab screen (or at 200 %) nothing opens below the taskbar
    with its buttons out of reach. Call after restoreGeometry too, which may bring back a larger screen's size."""
    from PySide6.QtGui import QGuiApplication

    screen = (window.screen() if hasattr(window, "screen") else None) or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    area = screen.availableGeometry()
    w = min(width, int(area.width() * share))
    h = min(height, int(area.height() * share))
    window.resize(max(w, min(window.minimumWidth(), area.width())), max(h, min(window.minimumHeight(), area.height())))
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.x() + max(0, area.width() - frame.width()))
    y = min(max(frame.y(), area.y()), area.y() + max(0, area.height() - frame.height()))
    window.move(x, y)


class _RelativeFont(QObject):
    """Keeps a widget's font at ``factor`` times the application's, through View ▸ Bigger text."""

    def __init__(self, widget, factor: float, bold: bool) -> None:
        super().__init__(widget)
        self.factor, self.bold = factor, bold
        widget.installEventFilter(self)
        self.apply(widget)

    def apply(self, widget) -> None:
        from PySide6.QtGui import QFont
        from PySide6.QtWidgets import QApplication

        font = QFont(QApplication.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * self.factor)
        else:
            font.setPixelSize(round(font.pixelSize() * self.factor))
        if self.bold:
            font.setBold(True)
        widget.setFont(font)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.ApplicationFontChange:
            self.apply(watched)
        return False


def relative_font(widget, factor: float, bold: bool = False) -> None:
    """A heading or a hint sized against the interface's text (a style sheet's "12pt" would not grow with it)."""
    _RelativeFont(widget, factor, bold)
