"""The desk: what the main window's widgets call. It holds no widgets, no SQL and no rules of its own.

It keeps the open article, the layer shown (the person's own marks or the answer key) and its MarkSet, calls
the library's operations for every action, and turns the library's change records into the signals the
widgets listen to. Undo, done from this window or the classroom window, arrives the same way: as a change
record, which may take the desk to the article and layer where the change was.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop_app.application.changes import Changes
from desktop_app.core.articles import Article, ArticleDetails
from desktop_app.core.categories import CategorySet
from desktop_app.core.marks import KEY_LAYER, OWN_LAYER, Mark, MarkSet
from desktop_app.i18n.formats import format_time
from desktop_app.i18n import _, ngettext
from desktop_app.resources import resource_path
from desktop_app.ui.attempts import Attempts

if TYPE_CHECKING:
    from desktop_app.application.library import Library
    from desktop_app.application.printing import PreparedJob
    from desktop_app.storage.database import Database
    from desktop_app.storage.rowsets import Loss
    from desktop_app.ui.library_signals import LibrarySignals


class Desk(QObject):
    articleOpened = Signal(object)  # Article or None
    detailsChanged = Signal(object)  # the open Article, with new title, outlet, ...; the text is the same
    libraryChanged = Signal()
    markSelected = Signal(object)  # mark id or None
    saved = Signal(str)  # a short "Saved 14:02:11" for the status line
    problem = Signal(str)  # a message the user must see
    notice = Signal(str)  # a sentence for the status line
    layerChanged = Signal(str)  # OWN_LAYER or KEY_LAYER: whose marks the desk shows and edits
    categoriesChanged = Signal(object)  # the CategorySet in play changed (an assignment's own categories)
    storageOpened = Signal()  # the library is open: windows can now follow its changes

    def __init__(self, open_db: Callable[[], Database], categories: CategorySet,
                 parent: QObject | None = None) -> None:
        """``open_db`` opens the database when the desk first needs it, so the window can show the first
        article (see storage.first_paint) while SQLAlchemy is still loading."""
        super().__init__(parent)
        self._open_db = open_db
        self._library: Library | None = None
        self.signals: LibrarySignals | None = None
        self.standard_categories = categories
        self.categories = categories  # those in play for the open article (Library.categories_for)
        self.layer = OWN_LAYER
        self.marks = MarkSet()
        self.article: Article | None = None
        self.selected_mark_id: int | None = None
        self.attempts = Attempts(self.report_error, self.notice.emit, self)

    # --- the library, opened on first use ----------------------------------------------------------
    def open_storage(self) -> Library:
        if self._library is None:
            from desktop_app.application.library import Library
            from desktop_app.ui.library_signals import LibrarySignals

            self._library = Library(self._open_db(), self.standard_categories)
            self.signals = LibrarySignals(self._library, self)
            self.signals.changed.connect(self._on_changes)
            self.signals.problem.connect(self.report_error)
            self.signals.notice.connect(self.notice)
            self.storageOpened.emit()
        return self._library

    @property
    def storage_open(self) -> bool:
        return self._library is not None

    @property
    def library(self) -> Library:
        return self.open_storage()

    @property
    def db(self) -> Database:
        return self.library.db

    def show_preloaded(self, article: Article, marks: list[Mark]) -> None:
        """Shows an article read without the storage layer (start-up's first paint)."""
        self.article = article
        self.marks.reset(marks)
        self.articleOpened.emit(article)

    # --- printing ----------------------------------------------------------------------------------
    def key_source(self) -> tuple[str, int]:
        """Which layer the open article's answer key prints ("key" or "own") and how many marks it has."""
        return self.library.printing.key_source(self.article.id) if self.article is not None else ("own", 0)

    def prepare_print(self, kind, paper: str, marked_by: str) -> PreparedJob:
        """The PDF job for the open article, read from the database (where every change already is)."""
        if self.article is None:
            raise LookupError(_("Open an article first: choose one in the library."))
        return self.library.printing.prepare(self.article.id, kind, paper=paper, marked_by=marked_by)

    # --- library -----------------------------------------------------------------------------------
    def library_entries(self):
        return self.library.articles.entries()

    def ensure_sample(self) -> int | None:
        """Adds the sample article (with its answer key) the first time this database is used."""
        return self.library.articles.ensure_sample(resource_path("sample"))

    def open_article(self, article_id: int | None, layer: str | None = None) -> bool:
        if self.article is not None and article_id == self.article.id and (layer is None or layer == self.layer):
            return True
        article = self.library.articles.get(article_id) if article_id is not None else None
        self.select_mark(None)
        self._use_categories(self.library.categories_for(article.id if article else None))
        if layer is not None and layer != self.layer:
            self.layer = layer
            self.layerChanged.emit(layer)
        # The MarkSet is filled before the article is announced, so the view builds the page once.
        self.article = article
        self.marks.reset(self._shown_marks(article) if article is not None else ())
        self.articleOpened.emit(article)
        return article is not None

    def set_layer(self, layer: str) -> None:
        """Shows and edits the open article's own marks (OWN_LAYER) or its answer key (KEY_LAYER)."""
        if layer not in (OWN_LAYER, KEY_LAYER) or layer == self.layer:
            return
        self.select_mark(None)
        self.layer = layer
        if self.article is not None:
            self.marks.reset(self._shown_marks(self.article))
        self.layerChanged.emit(layer)

    def _use_categories(self, categories: CategorySet) -> None:
        if list(categories) != list(self.categories):
            self.categories = categories
            self.categoriesChanged.emit(categories)

    def refresh_categories(self) -> None:
        if self.storage_open:
            self._use_categories(self.library.categories_for(self.article.id if self.article else None))

    def _shown_marks(self, article: Article) -> list[Mark]:
        shown = self.attempts.run(lambda: self.library.marks.shown(article, self.layer))
        if shown is None:
            return []
        if shown.lost:
            self.report_error(ngettext(
                "{count} of your marks on “{title}” no longer matches the article's text, so it is hidden. It is "
                "still stored; nothing was deleted.",
                "{count} of your marks on “{title}” no longer match the article's text, so they are hidden. They are "
                "still stored; nothing was deleted.", shown.lost).format(count=shown.lost, title=article.details.title))
        return shown.marks

    # --- marks: user actions -----------------------------------------------------------------------
    def mark_selection(self, start: int, end: int, category: str) -> Mark | None:
        if self.article is None or category not in self.categories:
            return None
        article, layer, name = self.article, self.layer, self.categories[category].name
        stored = self.attempts.run(lambda: self.library.marks.add(article, layer, start, end, category, name))
        if stored is not None:
            self.select_mark(stored.id)
        return stored

    def set_category(self, mark_id: int, category: str) -> None:
        name = self.categories[category].name
        self.attempts.run(lambda: self.library.marks.set_category(mark_id, category, name))

    def set_bonus(self, mark_id: int, bonus: bool) -> None:
        self.attempts.run(lambda: self.library.marks.set_bonus(mark_id, bonus))

    def set_note(self, mark_id: int, note: str) -> None:
        self.attempts.run(lambda: self.library.marks.set_note(mark_id, note), key=("note", mark_id))

    def set_extra(self, mark_id: int, key: str, value: str) -> None:
        self.attempts.run(lambda: self.library.marks.set_extra(mark_id, key, value), key=("extra", mark_id, key))

    def move_mark(self, mark_id: int, start: int, end: int) -> None:
        if self.article is not None:
            text = self.article.text
            self.attempts.run(lambda: self.library.marks.move(mark_id, text, start, end))

    def delete_mark(self, mark_id: int) -> None:
        if self.marks.get(mark_id) is not None:
            self.attempts.run(lambda: self.library.marks.delete(mark_id))

    def select_mark(self, mark_id: int | None) -> None:
        if mark_id is not None and mark_id not in self.marks:
            mark_id = None
        self.selected_mark_id = mark_id
        self.markSelected.emit(mark_id)

    # --- articles: user actions --------------------------------------------------------------------
    def add_article(self, text: str, details: ArticleDetails, source_name: str, source_format: str,
                    label: str) -> Article | None:
        return self.attempts.run(lambda: self.library.articles.add(text, details, source_name, source_format,
                                                                   label))

    def edit_details(self, article_id: int, details: ArticleDetails) -> None:
        self.attempts.run(lambda: self.library.articles.update_details(article_id, details))

    def removal_cost(self, article_id: int) -> Loss:
        return self.library.articles.removal_cost(article_id)

    def delete_article(self, article_id: int) -> bool:
        return self.attempts.run(lambda: self.library.articles.remove(article_id)) is not None

    # --- following the library ---------------------------------------------------------------------
    def _on_changes(self, changes: Changes) -> None:
        """Every operation, undo and redo, from any window: bring the desk up to date."""
        focus = changes.focus
        open_id = self.article.id if self.article is not None else None
        if open_id is not None and open_id in changes.articles and self.library.articles.get(open_id) is None:
            self.open_article(None)  # removed (here, by undo, or from the other window)
            open_id = None
        elif (focus is not None and (focus.article_id != open_id or focus.layer != self.layer)
              and (changes.marks_put or changes.marks_removed or changes.library)
              and self.library.articles.get(focus.article_id) is not None):
            # An undone or redone change elsewhere: go where it happened, so the person sees it.
            self.open_article(focus.article_id, focus.layer)
            open_id = focus.article_id
        if changes.assignments or changes.articles:
            self.refresh_categories()
        if self.article is not None:
            for mark in changes.marks_removed:
                if mark.article_id == self.article.id and mark.layer == self.layer:
                    if self.selected_mark_id == mark.id:
                        self.select_mark(None)
                    self.marks.remove(mark.id)
            for mark in changes.marks_put:
                if mark.article_id == self.article.id and mark.layer == self.layer:
                    self.marks.put(mark)
            if (focus is not None and focus.mark_id is not None and focus.mark_id in self.marks
                    and focus.mark_id != self.selected_mark_id):
                self.select_mark(focus.mark_id)
            if self.article.id in changes.articles:
                fresh = self.library.articles.get(self.article.id)
                if fresh is not None and fresh.details != self.article.details:
                    self.article = fresh
                    self.detailsChanged.emit(fresh)
        if changes.library or changes.articles or changes.assignments:
            self.libraryChanged.emit()
        if changes != Changes():
            self._saved()

    def _saved(self) -> None:
        # A 24-hour clock in digits: written the same in English, Spanish and Hebrew, and no AM/PM words.
        self.saved.emit(_("Saved {time}").format(time=format_time(datetime.now(), seconds=True)))

    def report_error(self, message: str) -> None:
        self.problem.emit(message)
