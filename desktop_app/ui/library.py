"""The library list (a thin model over the library's entries) and the article details dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit

from desktop_app.core.articles import ArticleDetails
from desktop_app.ui.date_field import DateField
from desktop_app.i18n import _, ngettext
from desktop_app.i18n.formats import format_number
from desktop_app.ui.look import plain_to_html

if TYPE_CHECKING:  # not imported at start-up: it brings SQLAlchemy (see ui.app)
    from desktop_app.application.articles import LibraryEntry

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ArticleListModel(QAbstractListModel):
    """The library list over application.articles.LibraryEntry rows: a student's copy of an assignment shows the
    assignment's title and whose work it is, so two students' copies on one lab account stand apart."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[LibraryEntry] = []

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def row_of(self, article_id: int) -> int | None:
        for i, row in enumerate(self._rows):
            if row.summary.id == article_id:
                return i
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    @staticmethod
    def _assignment_line(entry: LibraryEntry) -> str:
        if not entry.assignment_title:
            return ""
        if entry.student_name:
            return _("Assignment: {title} — {student}").format(title=entry.assignment_title,
                                                                student=entry.student_name)
        return _("Assignment: {title}").format(title=entry.assignment_title)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        row = entry.summary
        assignment = self._assignment_line(entry)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{assignment}\n{row.display_title}" if assignment else row.display_title
        if role == Qt.ItemDataRole.FontRole and assignment:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            d = row.details
            source = " · ".join(x for x in (d.outlet, d.author, d.published) if x)
            # Escaped rich text: a title may contain "<" (Qt guesses markup otherwise).
            words = ngettext("{count} word", "{count} words", row.word_count).format(
                count=format_number(row.word_count))
            marks = ngettext("{count} mark", "{count} marks", row.mark_count).format(count=row.mark_count)
            # Translators: an article's length and how many marks it has, e.g. "812 words, 14 marks".
            lines = [assignment, row.display_title, source, _("{words}, {marks}").format(words=words, marks=marks)]
            return "<p>" + "<br>".join(plain_to_html(x) for x in lines if x) + "</p>"
        if role == ARTICLE_ID_ROLE:
            return row.id
        return None


class DetailsDialog(QDialog):
    """Edits title, outlet, author, date and URL: what the import found, or what the teacher knows."""

    def __init__(self, details: ArticleDetails, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Article details"))
        self.setMinimumWidth(480)
        form = QFormLayout(self)
        self.fields: dict[str, QLineEdit] = {}
        for key, label, hint in (("title", _("Title"), _("Headline")),
                                 ("outlet", _("Outlet"),
                                  # Translators: an example of a news outlet; one known where you teach will do.
                                  _("e.g. The Guardian")),
                                 ("author", _("Author"), _("Who wrote it"))):
            edit = QLineEdit(getattr(details, key))
            edit.setPlaceholderText(hint)
            edit.setAccessibleName(label)
            form.addRow(label, edit)
            self.fields[key] = edit
        # A date, typed in the locale's order or picked from a calendar; what a file said that is no date is kept.
        self.date = DateField(details.published)
        form.addRow(_("Date"), self.date)
        url = QLineEdit(details.url)
        url.setPlaceholderText("https://…")
        url.setAccessibleName(_("Web address"))
        form.addRow(_("Web address"), url)
        self.fields["url"] = url
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def details(self) -> ArticleDetails:
        return ArticleDetails(published=self.date.value(), **{k: e.text().strip() for k, e in self.fields.items()})
