"""Help ▸ Keys and categories and Help ▸ About: what the keys do and which categories there are, and which
version of Lede this is with the database it works on."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app import APP_NAME, __version__
from desktop_app.core.categories import CategorySet
from desktop_app.i18n import _
from desktop_app.ui.look import plain_to_html


def show_keys_help(parent: QWidget, categories: CategorySet) -> None:
    # The categories' names and questions come translated (core.categories) or as a teacher typed them: data.
    rows = "".join(f"<tr><td><b>{plain_to_html(c.shortcut)}</b></td><td>{plain_to_html(c.name)}</td>"
                   f"<td>{plain_to_html(c.question)}</td></tr>" for c in categories)
    QMessageBox.information(parent, _("{app}: keys").format(app=APP_NAME), (
        "<p>" + _("Select a passage with the mouse, or with Shift and the arrow keys, then press a number or "
                  "click a category.") + "</p>"
        f"<table cellspacing='6'>{rows}</table>"
        "<p>" + _("Your note is saved as you type. Esc or Ctrl+J goes back to the article; Ctrl+E to the note. "
                  "Click a highlight to select its mark (click again to reach a mark inside another). "
                  "Del deletes the selected mark; Ctrl+Z and Ctrl+Shift+Z undo and redo every change. "
                  "Ctrl+plus and Ctrl+minus change the text size.") + "</p>"))


def show_about(parent: QWidget, database_url: str) -> None:
    QMessageBox.about(parent, _("About {app}").format(app=APP_NAME), f"<p><b>{APP_NAME}</b> {__version__}</p>"
                      "<p>" + _("A desk for media-literacy lessons: find the sources, the loaded words, the "
                                "claims and the opposing views in a news article.") + "</p>"
                      "<p>" + _("Database: {location}").format(location=plain_to_html(database_url)) + "</p>")
