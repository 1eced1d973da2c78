"""The main window: the library, the article and the tagging panel side by side, with menus,
shortcuts, drag-and-drop import and remembered layout. It wires widgets to the desk and does no work itself."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QLabel, QListView, QMainWindow, QMessageBox,
                               QSplitter, QVBoxLayout, QWidget)

from desktop_app import APP_NAME
from desktop_app.core.articles import Article
from desktop_app.core.marks import KEY_LAYER, OWN_LAYER
from desktop_app.core.spans import nudge
from desktop_app.i18n import _
from desktop_app.ui.article_intake import ArticleIntake
from desktop_app.ui.article_removal import ask_and_remove_article
from desktop_app.ui.article_view import ArticleView
from desktop_app.ui.assignment_bar import AssignmentBar
from desktop_app.ui.assignment_desk import AssignmentDesk
from desktop_app.ui.classroom_actions import ClassroomActions
from desktop_app.ui.desk import Desk
from desktop_app.ui.help_boxes import show_about, show_keys_help
from desktop_app.ui.library import ARTICLE_ID_ROLE, ArticleListModel, DetailsDialog
from desktop_app.ui.library_signals import undo_redo_actions
from desktop_app.ui.look import fit_to_screen, notice_style, plain_tip
from desktop_app.ui.print_dialog import WorksheetPrinter
from desktop_app.ui.article_header import ArticleHeader
from desktop_app.ui.computer_role import RoleMode
from desktop_app.ui.tagging_panel import TaggingPanel
from desktop_app.ui.text_size import TextSize
from desktop_app.ui.welcome import WelcomePanel


class MainWindow(QMainWindow):
    def __init__(self, desk: Desk, settings: QSettings) -> None:
        super().__init__()
        self.desk = desk
        desk.setParent(self)  # the desk (and its undo stack) lives exactly as long as its window
        self.settings = settings
        self.last_problem: str | None = None  # the latest message shown to the user (tests read it)
        self.last_notice: str | None = None
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)

        self.library_model = ArticleListModel(self)
        self.library = QListView()
        self.library.setModel(self.library_model)
        self.library.setAccessibleName(_("Library"))
        self.library.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.library.setWordWrap(True)
        self.library.setSpacing(2)
        self.library.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.library.selectionModel().currentChanged.connect(self._on_library_current)

        self.view = ArticleView(desk.categories, desk.marks)
        self.panel = TaggingPanel(desk)
        self.assignments = AssignmentDesk(desk, self)
        self.assignment_bar = AssignmentBar(self.assignments)
        self.panel.follow_feedback(self.assignments)  # the teacher's feedback under the selected mark's note
        self.key_banner = QLabel(_("Answer key: you are marking the key. Students never see these marks; each note "
                                   "is the feedback a student gets when they miss the passage. Ctrl+K goes back to "
                                   "your own marks."))
        self.key_banner.setObjectName("key_banner")
        self.key_banner.setWordWrap(True)
        self.key_banner.setStyleSheet(notice_style("key_banner"))
        self.key_banner.hide()
        article_column = QWidget()
        column = QVBoxLayout(article_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.welcome = WelcomePanel(settings)
        self.header = ArticleHeader()  # title, outlet, author and date above the text
        column.addWidget(self.assignment_bar)
        column.addWidget(self.welcome)
        column.addWidget(self.key_banner)
        column.addWidget(self.header)
        column.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(article_column)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([200, 760, 380])
        self.setCentralWidget(self.splitter)

        self.saved_label = QLabel("")
        self.saved_label.setMinimumWidth(140)
        self.statusBar().addPermanentWidget(self.saved_label)

        self.printer = WorksheetPrinter(self, desk, settings)
        self.classroom = ClassroomActions(self)
        self.intake = ArticleIntake(self)
        self._build_actions()
        self._connect()
        self._restore_settings()

    # --- actions and menus -------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, menu=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        action.triggered.connect(slot)
        self.addAction(action)
        if menu is not None:
            menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        self._action(_("&Import article…"), self.import_with_dialog, QKeySequence.StandardKey.Open, file_menu)
        self._action(_("Import from &clipboard"), self.import_clipboard, "Ctrl+Shift+V", file_menu)
        self._action(_("&Open assignment from teacher…"), self.classroom.open_pack_with_dialog, "Ctrl+Shift+O",
                     file_menu)
        self.hand_in_action = self._action(_("&Hand in…"), self.classroom.hand_in, "Ctrl+Shift+H", file_menu)
        file_menu.addSeparator()
        self.details_action = self._action(_("Article &details…"), self.edit_details, "Ctrl+I", file_menu)
        self.remove_action = self._action(_("&Remove article from library…"), self.remove_article, None, file_menu)
        self.library.addAction(self.details_action)
        self.library.addAction(self.remove_action)
        self._action(_("Recently re&moved…"), self.show_removed, None, file_menu)
        file_menu.addSeparator()
        self.print_action = self._action(_("&Print worksheet…"), self.printer.start, QKeySequence.StandardKey.Print,
                                         file_menu)
        file_menu.addSeparator()
        self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit, file_menu)

        edit_menu = bar.addMenu(_("&Edit"))
        # The library's one history, shared with the classroom window; bound once the library is open.
        self.undo_action, self.redo_action = undo_redo_actions(self)
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        self.delete_action = self._action(_("&Delete mark"), self.delete_selected_mark,
                                          QKeySequence.StandardKey.Delete, edit_menu)

        # Translators: the menu of marking (the verb, as in "mark a passage").
        self.mark_menu = mark_menu = bar.addMenu(_("&Mark"))
        self.category_actions = {}
        self._category_separator = mark_menu.addSeparator()
        self._fill_category_actions(self.desk.categories)
        self.key_action = self._action(_("Mark the answer &key"), self.toggle_key_layer, "Ctrl+K", mark_menu)
        self.key_action.setCheckable(True)
        self.key_action.setToolTip(_("Switch between your own marks and the article's answer key"))
        # Suggested key marks (issue 12): Mark ▸ Suggest marks, its panel and overlay; all in ui/suggestions.py.
        from desktop_app.ui.suggestions import SuggestionActions
        self.suggestions = SuggestionActions(self, mark_menu)
        mark_menu.addSeparator()
        self._action(_("Edit the &note"), self.panel.focus_note, "Ctrl+E", mark_menu)
        self._action(_("Back to the &article"), self.focus_article, "Ctrl+J", mark_menu)

        view_menu = bar.addMenu(_("&View"))
        # One size for the whole interface, the article with it; the reading place is kept (ui/text_size.py).
        self.text_size = TextSize(QApplication.instance(), self.view, self.settings, self)
        self._action(_("&Bigger text"), self.text_size.bigger,
                     [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")], view_menu)
        self._action(_("&Smaller text"), self.text_size.smaller, QKeySequence.StandardKey.ZoomOut, view_menu)
        self._action(_("&Actual size"), self.text_size.actual_size, "Ctrl+0", view_menu)
        self.library_toggle = self._action(_("Show &library"), self._toggle_library, "Ctrl+L", view_menu)
        self.library_toggle.setCheckable(True)
        self.library_toggle.setChecked(True)
        view_menu.addSeparator()
        from desktop_app.ui.language import add_language_menu
        add_language_menu(self, view_menu, self.settings)
        self.role_mode = RoleMode(self, self.settings, view_menu)  # teacher's or student's computer

        self.classroom_menu = bar.addMenu(_("&Classroom"))
        self.classroom.build_menu(self.classroom_menu)
        self.role_mode.apply()

        help_menu = bar.addMenu(_("&Help"))
        self._action(_("&Keys and categories"), self.show_help, QKeySequence.StandardKey.HelpContents, help_menu)
        self._action(_("&About {app}").format(app=APP_NAME), self.show_about, None, help_menu)

    def _fill_category_actions(self, categories) -> None:
        for action in self.category_actions.values():
            self.mark_menu.removeAction(action)
            self.removeAction(action)
            action.deleteLater()
        self.category_actions = {}
        for category in categories:
            action = QAction(category.name, self)
            action.setShortcut(QKeySequence(category.shortcut))
            action.setToolTip(plain_tip(category.question))  # a teacher's own category's question: data
            action.triggered.connect(lambda _=False, k=category.key: self.apply_category(k))
            self.addAction(action)
            self.mark_menu.insertAction(self._category_separator, action)
            self.category_actions[category.key] = action

    def _on_categories_changed(self, categories) -> None:
        self._fill_category_actions(categories)
        self.view.set_categories(categories)

    def toggle_key_layer(self) -> None:
        self.panel.flush_pending()
        self.desk.set_layer(OWN_LAYER if self.desk.layer == KEY_LAYER else KEY_LAYER)

    def _on_layer_changed(self, layer: str) -> None:
        self.key_action.setChecked(layer == KEY_LAYER)
        self.key_banner.setVisible(layer == KEY_LAYER)

    def update_for_assignment(self) -> None:
        student = self.assignments.current is not None or self.role_mode.student
        # A student's desk has no answer key to mark, and nothing to hand in without an assignment.
        self.key_action.setEnabled(not student and self.desk.article is not None)
        self.hand_in_action.setEnabled(student)
        if student and self.desk.layer == KEY_LAYER:
            self.desk.set_layer(OWN_LAYER)
        self.suggestions.update_enabled()  # suggested key marks (issue 12)
        self.welcome.show_for(self.role_mode.role, self.assignments.current is not None)

    def _connect(self) -> None:
        d = self.desk
        d.categoriesChanged.connect(self._on_categories_changed)
        d.layerChanged.connect(self._on_layer_changed)
        self.assignments.changed.connect(self.update_for_assignment)
        self.assignment_bar.handInRequested.connect(self.classroom.hand_in)
        self.assignment_bar.nameRequested.connect(self.classroom.ask_student_name)
        d.articleOpened.connect(self._on_article_opened)
        d.detailsChanged.connect(self._show_title)
        d.libraryChanged.connect(self.refresh_library)
        d.markSelected.connect(self.view.set_selected_mark)
        d.saved.connect(self.saved_label.setText)
        d.problem.connect(self.show_problem)
        d.notice.connect(lambda text: self.statusBar().showMessage(text, 8000))
        d.storageOpened.connect(self._bind_library)
        if d.storage_open:
            self._bind_library()
        self.view.markClicked.connect(d.select_mark)
        self.view.zoomRequested.connect(lambda step: self.text_size.bigger() if step > 0 else self.text_size.smaller())
        self.panel.categoryChosen.connect(self.apply_category)
        self.panel.useSelectionRequested.connect(self._use_selection)
        self.panel.nudgeRequested.connect(self._nudge)
        self.panel.returnToArticle.connect(self.focus_article)
        self.panel.markPicked.connect(lambda mark_id: self.view.set_selected_mark(mark_id, scroll=True))

    # --- marking -----------------------------------------------------------------------------------
    def apply_category(self, key: str) -> None:
        selection = self.view.selection()
        if selection is not None and self.desk.article is not None:
            self.panel.flush_pending()
            if self.desk.mark_selection(*selection, key) is not None:
                cursor = self.view.textCursor()
                cursor.clearSelection()
                self.view.setTextCursor(cursor)
                self.panel.focus_note()
        elif self.desk.selected_mark_id is not None:
            self.desk.set_category(self.desk.selected_mark_id, key)
        else:
            self.statusBar().showMessage(_("Select a passage in the article first, then choose its category."), 5000)

    def delete_selected_mark(self) -> None:
        if self.desk.selected_mark_id is not None:
            self.panel.flush_pending()
            self.desk.delete_mark(self.desk.selected_mark_id)
            self.focus_article()

    def _use_selection(self) -> None:
        selection = self.view.selection()
        if self.desk.selected_mark_id is None or selection is None:
            self.statusBar().showMessage(
                _("Select the new passage in the article, then press Move to the selected passage."), 5000)
            return
        self.desk.move_mark(self.desk.selected_mark_id, *selection)

    def _nudge(self, edge: str, direction: int) -> None:
        mark = self.desk.marks.get(self.desk.selected_mark_id) if self.desk.selected_mark_id else None
        if mark is not None and self.desk.article is not None:
            self.desk.move_mark(mark.id, *nudge(self.desk.article.text, mark.start, mark.end, edge, direction))

    def focus_article(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- articles ----------------------------------------------------------------------------------
    def last_article_id(self) -> int | None:
        try:
            value = self.settings.value("desk/last_article")
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    def open_initial(self) -> None:
        """Shows the article open last time, else the newest; fills the library list. A student's computer never
        opens the sample (left out of its library)."""
        self.refresh_library()
        hidden = self.role_mode.hidden_articles()
        last = self.last_article_id()
        if last is None or last in hidden or not self.desk.open_article(last):
            rows = [e for e in self.desk.library_entries() if e.summary.id not in hidden]
            self.desk.open_article(rows[0].summary.id if rows else None)

    def storage_ready(self) -> None:
        """The database opened after the first paint: now the library, an assignment's categories and its bar."""
        self.refresh_library()
        self.desk.refresh_categories()
        self.assignments.reload()
        if self.desk.article is not None and self.desk.article.id in self.role_mode.hidden_articles():
            self.open_initial()  # the first paint showed the sample on a student's computer

    def _bind_library(self) -> None:
        """The library is open: Undo and Redo follow its one history, which saves typed notes before each step."""
        signals = self.desk.signals
        signals.bind(self.undo_action, self.redo_action, self)
        self._stop_flushing = self.desk.library.history.add_flusher(self.panel.flush_pending)

    def refresh_library(self) -> None:
        hidden = self.role_mode.hidden_articles()
        self.library_model.set_entries([e for e in self.desk.library_entries() if e.summary.id not in hidden])
        self._select_in_library()

    def _select_in_library(self) -> None:
        row = self.library_model.row_of(self.desk.article.id) if self.desk.article else None
        selection = self.library.selectionModel()
        selection.blockSignals(True)
        if row is None:
            self.library.clearSelection()
        else:
            self.library.setCurrentIndex(self.library_model.index(row))
        selection.blockSignals(False)

    def _on_library_current(self, current, _previous) -> None:
        article_id = current.data(ARTICLE_ID_ROLE) if current.isValid() else None
        if article_id is not None:
            self.panel.flush_pending()
            self.desk.open_article(int(article_id))

    def _show_title(self, article: Article | None) -> None:
        title = (article.details.title or _("Untitled article")) if article else ""
        self.setWindowTitle(f"{title} — {APP_NAME}" if article else APP_NAME)

    def _on_article_opened(self, article: Article | None) -> None:
        self.view.show_article(article)
        self.header.show_article(article)
        self._show_title(article)
        self.details_action.setEnabled(article is not None)
        self.remove_action.setEnabled(article is not None)
        if article is not None:
            self.settings.setValue("desk/last_article", article.id)
        self._select_in_library()

    # --- bringing articles and classroom files in (see article_intake) ----------------------------
    def import_with_dialog(self) -> None:
        self.intake.import_with_dialog()

    def import_paths(self, paths: list[Path]) -> list[int]:
        return self.intake.import_paths(paths)

    def open_paths(self, paths: list[Path]) -> None:
        self.intake.open_paths(paths)

    def import_clipboard(self) -> None:
        self.intake.import_clipboard()

    def dragEnterEvent(self, event) -> None:
        self.intake.drag_enter(event)

    def dropEvent(self, event) -> None:
        self.intake.drop(event)

    def edit_details(self) -> None:
        if self.desk.article is None:
            return
        dialog = DetailsDialog(self.desk.article.details, self)
        if dialog.exec() == DetailsDialog.DialogCode.Accepted:
            self.desk.edit_details(self.desk.article.id, dialog.details())

    def remove_article(self) -> bool:
        """Asks first, saying what goes with the article (its marks, its assignments, their hand-ins and grades)."""
        if self.desk.article is None:
            return False
        self.panel.flush_pending()
        if not ask_and_remove_article(self, self.desk, self.desk.article):
            return False
        self.statusBar().showMessage(_("Article removed. Edit ▸ Undo or File ▸ Recently removed brings it back."),
                                     8000)
        return True

    def show_removed(self) -> None:
        from desktop_app.ui.removed_dialog import RemovedDialog

        self.panel.flush_pending()
        RemovedDialog(self.desk, self).exec()

    # --- messages ----------------------------------------------------------------------------------
    def show_problem(self, message: str) -> None:
        self.last_problem = message
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names and messages are data, never markup
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_help(self) -> None:
        show_keys_help(self, self.desk.categories)

    def show_about(self) -> None:
        show_about(self, self.desk.db.url)

    # --- settings ----------------------------------------------------------------------------------
    def _toggle_library(self, checked: bool) -> None:
        self.library.setVisible(checked)

    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        # Lab screens are often 1366x768: never open larger than the screen, even with a larger screen's size saved.
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
            fit_to_screen(self, self.width(), self.height())
        else:
            fit_to_screen(self, 1360, 860, share=0.93)
        sizes = s.value("window/splitter")
        if isinstance(sizes, QByteArray):
            self.splitter.restoreState(sizes)

    def closeEvent(self, event) -> None:
        self.panel.flush_pending()
        self.desk.attempts.flush()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)
