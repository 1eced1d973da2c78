"""File ▸ Remove article from library: the question first, saying what goes with the article (its marks, its
assignments, their hand-ins and grades) and how to bring it back, then the removal as one undoable step."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app import APP_NAME
from desktop_app.core.articles import Article
from desktop_app.i18n import _
from desktop_app.ui.desk import Desk


def ask_and_remove_article(parent: QWidget, desk: Desk, article: Article) -> bool:
    """True when the person said Remove and the article went (to the bin, from which undo brings it back)."""
    goes_with = replace(desk.removal_cost(article.id), articles=0)
    # Translators: stands for an article without a title in “{title}” of the question whether to remove it.
    title = article.details.title or _("this article")
    question = (_("Remove “{title}” from the library, with its {what}? Edit ▸ Undo or File ▸ Recently removed "
                  "brings it all back.").format(title=title, what=goes_with.describe()) if goes_with.as_dict()
                else _("Remove “{title}” from the library? Edit ▸ Undo or File ▸ Recently removed brings it all "
                       "back.").format(title=title))
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, question, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    go = box.addButton(_("Remove"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is go and bool(desk.delete_article(article.id))
