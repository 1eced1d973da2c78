"""The article in the review: one student's marks, drawn found (fill and line) or not in the key (line only), and
the key's passages they missed (a grey dotted line on grey), with a tooltip that says which is which."""

from __future__ import annotations

from PySide6.QtGui import QColor

from desktop_app.core.marks import Mark, MarkSet
from desktop_app.core.matching import EXTRA, MATCHED
from desktop_app.i18n import _
from desktop_app.ui.article_view import ArticleView
from desktop_app.ui.look import elide, plain_to_html

MISSED = "missed"
MISSED_LINE = QColor("#4d4d4d")
MISSED_TINT = QColor(110, 110, 110, 60)
NO_TINT = QColor(0, 0, 0, 0)


class ReviewArticleView(ArticleView):
    """The article with one student's marks and the key marks they missed. Key marks are shown under
    negative ids (-key id) so they never collide with the student's marks in one MarkSet."""

    def __init__(self, marks: MarkSet, categories, parent=None) -> None:
        super().__init__(categories, marks, parent)
        self.statuses: dict[int, str] = {}
        self.setAccessibleName(_("Article with the student's marks and the missed key marks"))

    def _look_of(self, m: Mark):
        status = self.statuses.get(m.stored_id)
        if status == MISSED:
            return MISSED_LINE, "dotted", MISSED_TINT
        colour, cue, tint = self._cue_of(m.category)
        return (colour, cue, NO_TINT) if status == EXTRA else (colour, cue, tint)

    def _tooltip(self, hits: list[Mark]) -> str:
        headings = {MATCHED: _("Found: {category}"), EXTRA: _("Not in the key: {category}"),
                    MISSED: _("Missed (key): {category}")}
        parts = []
        for m in hits:
            category = self.categories.get(m.category)
            name = category.name if category else m.category
            note = plain_to_html(elide(m.note, 300)) if m.note else "<i>" + _("no note") + "</i>"
            status = self.statuses.get(m.stored_id, "")
            heading = headings.get(status, "{category}").format(category=plain_to_html(name))
            parts.append(f"<b>{heading}</b><br>“{plain_to_html(elide(m.quote, 60))}”<br>{note}")
        return "<p>" + "<hr>".join(parts) + "</p>"
