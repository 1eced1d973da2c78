"""The teacher's feedback on the student's copy, all of it in one window: the grade, the points and the overall
comment above; the article with the marks the teacher commented on and, once the teacher has released the key, the
key passages the student missed (a grey dotted line on grey, as in the teacher's review, the key's note on hover);
beside it the list of every comment. Read-only: the feedback is the teacher's, the marks stay the student's to edit
at the desk. Every text in it is a person's words, shown as typed, never as markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QSplitter, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout)

from desktop_app.core.articles import Article
from desktop_app.core.categories import CategorySet
from desktop_app.core.feedback import MarkFeedback, MissedPassage, PlacedFeedback
from desktop_app.core.marks import KEY_LAYER, Mark, MarkSet
from desktop_app.i18n import _
from desktop_app.i18n.formats import format_datetime
from desktop_app.ui.article_view import ArticleView
from desktop_app.ui.look import elide, fit_to_screen, plain_to_html, relative_font
from desktop_app.ui.mark_feedback import feedback_lines
from desktop_app.ui.mark_list_model import category_badge

MISSED_LINE = QColor("#4d4d4d")
MISSED_TINT = QColor(110, 110, 110, 60)


class FeedbackArticleView(ArticleView):
    """The article with the commented marks in their colours and the missed key passages in grey, dotted. Missed
    passages are shown under negative ids so they never collide with the student's marks in one MarkSet."""

    def __init__(self, marks: MarkSet, categories: CategorySet, parent=None) -> None:
        super().__init__(categories, marks, parent)
        self.on_marks: dict[int, MarkFeedback] = {}
        self.missed: dict[int, MissedPassage] = {}
        self.setAccessibleName(_("Article with your teacher's comments and the passages you missed"))

    def _look_of(self, m: Mark):
        if m.id in self.missed:
            return MISSED_LINE, "dotted", MISSED_TINT
        return self._cue_of(m.category)

    def _tooltip(self, hits: list[Mark]) -> str:
        parts = []
        for m in hits:
            category = self.categories.get(m.category)
            name = plain_to_html(category.name if category else m.category)
            if m.id in self.missed:
                k = self.missed[m.id]
                missed = _("You missed (key): {category} (bonus)") if k.bonus else _("You missed (key): {category}")
                lines = [f"<b>{missed.format(category=name)}</b>",
                         f"“{plain_to_html(elide(k.quote, 60))}”",
                         plain_to_html(elide(k.note, 300)) or "<i>" + _("no note") + "</i>"]
                if k.comment:
                    lines.append(_("<b>Your teacher:</b> {comment}").format(comment=plain_to_html(elide(k.comment,
                                                                                                      300))))
            else:
                f = self.on_marks.get(m.stored_id)
                lines = [f"<b>{name}</b>: “{plain_to_html(elide(m.quote, 60))}”"]
                if f is not None and f.comment:
                    lines.append(_("<b>Your teacher:</b> {comment}").format(comment=plain_to_html(elide(f.comment,
                                                                                                      300))))
                if f is not None and f.rating is not None:
                    lines.append(_("Reasoning in your note: {rating}").format(rating=plain_to_html(f.rating_words())))
            parts.append("<br>".join(lines))
        return "<p>" + "<hr>".join(parts) + "</p>"


class FeedbackDialog(QDialog):
    def __init__(self, received, placed: PlacedFeedback, article: Article, own_marks: list[Mark],
                 categories: CategorySet, parent=None) -> None:
        """``received``: application.feedback_files.ReceivedFeedback, laid on ``own_marks`` as ``placed``."""
        super().__init__(parent)
        f = received.feedback
        self.setWindowTitle(_("Feedback on “{title}”").format(title=f.assignment_title))
        self.setObjectName("feedback_dialog")
        fit_to_screen(self, 1100, 720)
        layout = QVBoxLayout(self)
        self.headline = QLabel(self._headline(received))
        self.headline.setObjectName("feedback_headline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        relative_font(self.headline, 1.3, bold=True)
        layout.addWidget(self.headline)
        self.comment = QPlainTextEdit(f.comment or _("No overall comment."))
        self.comment.setObjectName("feedback_comment")
        self.comment.setReadOnly(True)
        self.comment.setMaximumHeight(90)
        layout.addWidget(self.comment)

        self.marks = MarkSet()
        self.view = FeedbackArticleView(self.marks, categories)
        by_id = {m.id: m for m in own_marks}
        shown = [by_id[mark_id] for mark_id in placed.on_marks if mark_id in by_id]
        self.view.on_marks = dict(placed.on_marks)
        for i, k in enumerate(f.missed, start=1):
            self.view.missed[-i] = k
            shown.append(Mark(id=-i, article_id=article.id, category=k.category, start=k.start, end=k.end,
                              quote=k.quote, note=k.note, layer=KEY_LAYER))
        self.marks.reset(shown)
        self.view.show_article(article)

        self.items = QTreeWidget()
        self.items.setObjectName("feedback_items")
        self.items.setHeaderHidden(True)
        self.items.setWordWrap(True)
        self.items.setUniformRowHeights(False)
        self.items.setAccessibleName(_("Your teacher's comments"))
        self._fill(received, placed, by_id, categories)
        self.items.currentItemChanged.connect(self._on_item)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.items)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def _headline(received) -> str:
        f = received.feedback
        lines = [_("Feedback from your teacher: {grade}").format(grade=f.grade) if f.grade
                 else _("Feedback from your teacher")]
        if f.points is not None:
            lines.append(f.points.describe())
        written = format_datetime(f.made_at.astimezone())
        when = (_("Written {moment} on the work you handed in {handed}.").format(
            moment=written, handed=format_datetime(f.handed_in_at.astimezone())) if f.handed_in_at
            else _("Written {moment}.").format(moment=written))
        if not received.same_hand_in:
            when += " " + _("You have handed in again since (or from another computer): comments are on the marks as "
                            "they were then.")
        lines.append(when)
        return "\n".join(lines)

    def _group(self, title: str) -> QTreeWidgetItem:
        group = QTreeWidgetItem([title])
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.items.addTopLevelItem(group)
        group.setExpanded(True)
        return group

    def _row(self, group: QTreeWidgetItem, categories: CategorySet, category_key: str, text: str,
             display_id: int | None) -> None:
        item = QTreeWidgetItem([text])
        category = categories.get(category_key)
        if category is not None:
            item.setIcon(0, category_badge(category))
        item.setData(0, Qt.ItemDataRole.UserRole, display_id)
        group.addChild(item)

    def _fill(self, received, placed: PlacedFeedback, by_id: dict, categories: CategorySet) -> None:
        f = received.feedback
        group = self._group(_("Comments on your marks ({count})").format(count=len(placed.on_marks)))
        for mark_id, item in sorted(placed.on_marks.items(), key=lambda pair: (pair[1].start, -pair[1].end)):
            mark = by_id.get(mark_id)
            quote = mark.quote if mark is not None else item.quote
            self._row(group, categories, item.category,
                      f"“{elide(quote, 70)}”\n{feedback_lines(item, mark_id in placed.moved)}", mark_id)
        if f.key_released:
            missed = self._group(_("Passages you missed ({count})").format(count=len(f.missed)))
            for i, k in enumerate(f.missed, start=1):
                quote = elide(k.quote, 70)
                lines = [_("“{quote}” (bonus)").format(quote=quote) if k.bonus else f"“{quote}”",
                         _("Key: {note}").format(note=k.note or "—")]
                if k.comment:
                    lines.append(_("Your teacher: {comment}").format(comment=k.comment))
                self._row(missed, categories, k.category, "\n".join(lines), -i)
        else:
            self._group(_("Passages you missed: shown once your teacher releases the key"))
        if placed.unplaced:
            gone = self._group(_("Comments on marks you have changed or removed since ({count})").format(
                count=len(placed.unplaced)))
            for item in placed.unplaced:
                self._row(gone, categories, item.category, f"“{elide(item.quote, 70)}”\n{feedback_lines(item)}",
                          None)

    def _on_item(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        display_id = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if display_id is not None:
            self.view.set_selected_mark(int(display_id), scroll=True)
