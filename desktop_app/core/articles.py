"""An article as the desk sees it: its text and what is known about where it came from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from desktop_app.i18n import _


@dataclass(frozen=True, slots=True)
class ArticleDetails:
    """The editable facts about an article; empty strings where the file did not say."""

    title: str = ""
    outlet: str = ""
    author: str = ""
    published: str = ""  # as the source gives it, ideally YYYY-MM-DD
    url: str = ""

    def with_changes(self, **changes) -> ArticleDetails:
        return replace(self, **changes)

    def published_date(self) -> dt.date | None:
        """The date, when ``published`` starts with one (2026-11-27, 2026-11-27T08:00:00Z); None for "Tuesday"."""
        try:
            return dt.date.fromisoformat(self.published.strip()[:10])
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the library list: no text, so listing a thousand articles stays cheap."""

    id: int
    details: ArticleDetails
    word_count: int
    mark_count: int = 0

    @property
    def display_title(self) -> str:
        return self.details.title or _("Untitled article {number}").format(number=self.id)


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    details: ArticleDetails
    text: str
    direction: str = "ltr"
    source_name: str = ""
    text_sha256: str = field(default="", compare=False)
