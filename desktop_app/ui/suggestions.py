"""Mark ▸ Suggest marks: suggested key marks for the open article, in the answer-key layer only (a teacher's).

The main window makes one SuggestionActions; it adds the menu action, a dock with the Suggestions panel and an
overlay on the article view, and follows the desk: leaving the key layer or the article puts the suggestions
away (they are never stored; asking again brings back those not yet decided). Accepting goes through the
application layer (``lib.suggestions.accept``: a key mark and the decision, one undoable step).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

from desktop_app.core.marks import KEY_LAYER
from desktop_app.i18n import _
from desktop_app.suggest import Suggestion
from desktop_app.ui.suggestion_overlay import SuggestionOverlay
from desktop_app.ui.suggestion_panel import SuggestionPanel

if TYPE_CHECKING:
    from desktop_app.application.changes import Changes
    from desktop_app.ui.main_window import MainWindow


class SuggestionActions:
    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        self.window = window
        self.desk = window.desk
        self.action = QAction(_("&Suggest marks"), window)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.action.setToolTip(_("Suggest sources, attributed claims and loaded language for the answer key"))
        self.action.triggered.connect(self.open)
        window.addAction(self.action)
        menu.addAction(self.action)
        self.panel = SuggestionPanel(self.desk.categories)
        self.dock = QDockWidget(_("Suggestions"), window)
        self.dock.setObjectName("suggestions_dock")
        self.dock.setWidget(self.panel)
        self.dock.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.overlay = SuggestionOverlay(window.view, self.desk.categories)
        self.overlay.picked.connect(self._pick)
        self.panel.current.connect(self._on_current)
        self.panel.settingsChanged.connect(self.refresh)
        self.panel.list.accepted.connect(self.accept_selected)
        self.panel.list.rejected.connect(self.reject_selected)
        self.panel.list.closed.connect(self.close)
        self.desk.layerChanged.connect(lambda _layer: self._follow_desk())
        self.desk.articleOpened.connect(lambda _article: self._follow_desk())
        self.desk.categoriesChanged.connect(self._use_categories)
        self._article_id: int | None = None
        self._deciding = False  # our own accept or reject is under way: the list already shows it
        if self.desk.storage_open:
            self._follow_library()
        else:
            self.desk.storageOpened.connect(self._follow_library)
        self.update_enabled()

    def _follow_library(self) -> None:
        assert self.desk.signals is not None
        self.desk.signals.changed.connect(self._on_library_changed)

    def _on_library_changed(self, changes: Changes) -> None:
        """An undo or redo (from any window) of an accept or reject, or a key mark made by hand: the list is asked
        for again, so an undone decision's suggestion comes back and a passage now in the key goes."""
        if self.dock.isVisible() and not self._deciding and self._article_id is not None:
            focus = changes.focus
            here = focus is not None and focus.article_id == self._article_id
            if changes.marks_put or changes.marks_removed or here:
                self.refresh()

    # --- when it applies -------------------------------------------------------------------------
    def available(self) -> bool:
        """Only a teacher marking the answer key gets suggestions (the key action is off for students)."""
        return (self.desk.article is not None and self.desk.layer == KEY_LAYER
                and self.window.key_action.isEnabled() and self.window.key_action.isVisible())

    def update_enabled(self) -> None:
        self.action.setEnabled(self.available())

    def _follow_desk(self) -> None:
        self.update_enabled()
        article_id = self.desk.article.id if self.desk.article is not None else None
        if not self.available() or article_id != self._article_id:
            self.close()

    def _use_categories(self, categories) -> None:
        self.panel.categories = categories
        self.overlay.categories = categories

    # --- asking ----------------------------------------------------------------------------------
    def open(self) -> None:
        if not self.available():
            self.window.statusBar().showMessage(_("Suggestions are for the answer key: press Ctrl+K to mark the key "
                                                  "first."), 6000)
            return
        self.dock.show()
        self.refresh()
        self.panel.list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def refresh(self) -> None:
        article = self.desk.article
        if article is None or not self.dock.isVisible():
            return
        self._article_id = article.id
        categories = self.panel.chosen_categories()
        setting = self.panel.chosen_loaded_setting()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            found = self.desk.attempts.run(
                lambda: self.desk.library.suggestions.suggest(article.id, categories, setting))
        finally:
            QGuiApplication.restoreOverrideCursor()
        items = list(found.items) if found is not None else []
        was = self.panel.selected()
        self.panel.show_items(items, found.notice if found is not None else "")
        if was is not None:
            self.panel.select(was.key)
        self._show_rates()
        self._on_current(self.panel.selected())

    def close(self) -> None:
        self.dock.hide()
        self.panel.show_items([])
        self.overlay.clear()
        self._article_id = None
        if self.window.view.isVisible():
            self.window.focus_article()

    # --- deciding --------------------------------------------------------------------------------
    def accept_selected(self, edit: bool = False) -> None:
        s = self.panel.selected()
        article = self.desk.article
        if s is None or article is None:
            return
        self.window.panel.flush_pending()
        self._deciding = True
        try:
            done = self.desk.attempts.run(lambda: self.desk.library.suggestions.accept(article.id, s, edited=edit))
        finally:
            self._deciding = False
        if done is None:
            return
        self._decided(s)
        if edit:
            # The accepted mark is a key mark like any other: the desk has selected it; adjust it in the panel.
            self.desk.select_mark(done.mark.id)
            self.window.panel.focus_note()
        else:
            self.panel.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject_selected(self) -> None:
        s = self.panel.selected()
        article = self.desk.article
        if s is None or article is None:
            return
        self._deciding = True
        try:
            done = self.desk.attempts.run(lambda: self.desk.library.suggestions.reject(article.id, s))
        finally:
            self._deciding = False
        if done is not None:
            self._decided(s)

    def _decided(self, s: Suggestion) -> None:
        self.panel.remove(s.key)
        self._on_current(self.panel.selected())
        self._show_rates()

    # --- showing ---------------------------------------------------------------------------------
    def _on_current(self, s: Suggestion | None) -> None:
        self.overlay.show(self.panel.items(), s.key if s is not None else None)
        if s is not None:
            self.window.view.select_range(s.start, s.end)  # scrolls to it, and shows where it is
            cursor = self.window.view.textCursor()
            cursor.clearSelection()
            self.window.view.setTextCursor(cursor)
            self.window.view.ensureCursorVisible()

    def _pick(self, key: str) -> None:
        if self.dock.isVisible():
            self.panel.select(key)

    def _show_rates(self) -> None:
        rates = self.desk.attempts.run(self.desk.library.suggestions.acceptance_rates)
        if not rates:
            self.panel.rates.setText("")
            return
        parts = []
        for r in rates:
            category = self.desk.categories.get(r.category)
            name = category.name if category else r.category
            parts.append(_("{category} {accepted} of {decided} accepted").format(
                category=name, accepted=r.accepted + r.edited, decided=r.decided))
        self.panel.rates.setText(_("Your decisions so far, all articles: {rates}.").format(rates="; ".join(parts)))
