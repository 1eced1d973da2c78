"""Bringing things into the desk: article files (file dialog, command line, drag-and-drop), pasted or dropped
text, and the classroom files that arrive the same ways (packs open, hand-ins go to the classroom window).
The main window's import actions and drop events call here; the work itself is the importers' and the desk's."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop_app.i18n import _, ngettext

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow


class ArticleIntake:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def import_with_dialog(self) -> None:
        from desktop_app.importers import FILE_DIALOG_FILTER

        start = str(self.window.settings.value("desk/import_folder", str(Path.home())))
        paths, _filter = QFileDialog.getOpenFileNames(self.window, _("Import article"), start, FILE_DIALOG_FILTER)
        if paths:
            self.window.settings.setValue("desk/import_folder", str(Path(paths[0]).parent))
            self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: list[Path]) -> list[int]:
        """Imports each file on its own: one bad file is reported and the others still go in."""
        from desktop_app.importers import ArticleImportError, import_file

        added, failures = [], []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for path in paths:
                try:
                    imported = import_file(path)
                except ArticleImportError as exc:
                    failures.append(str(exc))
                    continue
                article = self.window.desk.add_article(imported.text, imported.details, imported.source_name,
                                                imported.format, _("Import “{file}”").format(file=path.name))
                if article is not None:
                    added.append(article.id)
        finally:
            QApplication.restoreOverrideCursor()
        if failures:
            self.window.show_problem("\n\n".join(failures))
        if added:
            self.window.statusBar().showMessage(
                ngettext("Imported {count} article. File ▸ Article details… lets you correct the title, outlet, "
                         "author and date.",
                         "Imported {count} articles. File ▸ Article details… lets you correct the title, outlet, "
                         "author and date.", len(added)).format(count=len(added)), 8000)
        return added

    def open_paths(self, paths: list[Path]) -> None:
        """Files given on the command line (a double-click): packs and feedback open, hand-ins go to the classroom,
        the rest are imported as articles."""
        missing = [p for p in paths if not p.is_file() and not p.is_dir()]
        if missing:
            self.window.show_problem(_("Lede cannot find {files}. Check the name and the folder.").format(
                files=", ".join(str(p) for p in missing)))
        rest = self.window.classroom.take_dropped([p for p in paths if p not in missing])
        if rest:
            self.import_paths(rest)

    def import_clipboard(self) -> None:
        from desktop_app.importers import ArticleImportError, import_pasted_text

        try:
            imported = import_pasted_text(QGuiApplication.clipboard().text())
        except ArticleImportError as exc:
            self.window.show_problem(str(exc))
            return
        self.window.desk.add_article(imported.text, imported.details, "", imported.format, _("Import pasted text"))

    # --- drag and drop ---------------------------------------------------------------------------
    def drag_enter(self, event) -> None:
        mime = event.mimeData()
        if (mime.hasUrls() and any(u.isLocalFile() for u in mime.urls())) or mime.hasText():
            event.acceptProposedAction()

    def drop(self, event) -> None:
        mime = event.mimeData()
        files = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []
        if files:
            rest = self.window.classroom.take_dropped(files)  # packs open, hand-ins go to the classroom window
            if rest:
                self.import_paths(rest)
        elif mime.hasUrls():
            # A link dragged from a browser: Lede never fetches from the network.
            # Translators: "File ▸ Save page as… “Web page, HTML only”" names a web browser's own menu and choice.
            self.window.show_problem(_("That is a link to a web page, and Lede does not go online to fetch it. In "
                                       "the browser, save the page (File ▸ Save page as… “Web page, HTML only”), "
                                       "then import the saved file; or copy the article's text and use Import from "
                                       "clipboard."))
        elif mime.hasText():
            from desktop_app.importers import ArticleImportError, import_pasted_text

            try:
                imported = import_pasted_text(mime.text())
            except ArticleImportError as exc:
                self.window.show_problem(str(exc))
                return
            self.window.desk.add_article(imported.text, imported.details, "", imported.format,
                                          _("Import dropped text"))
        event.acceptProposedAction()
