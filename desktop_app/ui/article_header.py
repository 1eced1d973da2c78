"""The article's title, and its outlet, author and date, above its text: a student sees what they are reading
and where it comes from (the first question of any media-literacy lesson) without opening a dialog."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.core.articles import Article, ArticleDetails
from desktop_app.i18n import _
from desktop_app.i18n.formats import format_date
from desktop_app.ui.look import muted_style


def byline(details: ArticleDetails) -> str:
    """"The Eastgate Courier · Sam Reed · 27 Nov 2026": what is known of where the article comes from."""
    date = details.published_date()
    shown_date = format_date(date, "long") if date is not None else details.published.strip()
    return " · ".join(part for part in (details.outlet.strip(), details.author.strip(), shown_date) if part)


class ArticleHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("article_header")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 4)
        layout.setSpacing(2)
        self.title = QLabel()
        self.title.setObjectName("article_title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a file's or a teacher's words: data, never markup
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._size_title()
        self.byline = QLabel()
        self.byline.setObjectName("article_byline")
        self.byline.setTextFormat(Qt.TextFormat.PlainText)
        self.byline.setWordWrap(True)
        self.byline.setStyleSheet(muted_style())
        layout.addWidget(self.title)
        layout.addWidget(self.byline)
        self.hide()

    def _size_title(self) -> None:
        font = QFont(self.font())  # the interface's font, which View ▸ Bigger text scales
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FontChange:
            self._size_title()
        super().changeEvent(event)

    def show_article(self, article: Article | None) -> None:
        if article is None:
            self.hide()
            return
        self.title.setText(article.details.title.strip() or _("Untitled article"))
        line = byline(article.details)
        self.byline.setText(line or _("Outlet, author and date unknown: File ▸ Article details (Ctrl+I) adds them."))
        # Right to left when the article is: a Hebrew headline starts at the right, under a left-to-right interface too.
        direction = Qt.LayoutDirection.RightToLeft if article.direction == "rtl" else Qt.LayoutDirection.LeftToRight
        for label in (self.title, self.byline):
            label.setLayoutDirection(direction)
            label.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        self.show()
