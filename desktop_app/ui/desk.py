"""The desk: what the window's widgets call. It holds no widgets and no SQL.

It keeps the open article and its MarkSet, turns every user action into one service call (one
transaction) plus one command on the undo stack, and tells the widgets what changed through signals.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from desktop_app.core.anchoring import check_anchors
from desktop_app.core.articles import Article, ArticleDetails, ArticleSummary
from desktop_app.core.categories import CategorySet
from desktop_app.core.marks import KEY_LAYER, OWN_LAYER, Mark, MarkSet, new_mark
from desktop_app.core.text import ArticleTextError, normalize_article_text
from desktop_app.resources import resource_path
from desktop_app.ui.commands import (AddMarkCommand, DeleteArticleCommand, DeleteMarkCommand, EditDetailsCommand,
                                     EditMarkCommand, ImportArticleCommand)

if TYPE_CHECKING:
    from desktop_app.print_jobs import PreparedJob
    from desktop_app.storage.articles import ArticleService, ArticleSnapshot
    from desktop_app.storage.database import Database
    from desktop_app.storage.marks import MarkService

SAMPLE_STATE_KEY = "sample_added"


class Desk(QObject):
    articleOpened = Signal(object)  # Article or None
    detailsChanged = Signal(object)  # the open Article, with new title, outlet, ...; the text is the same
    libraryChanged = Signal()
    markSelected = Signal(object)  # mark id or None
    saved = Signal(str)  # a short "Saved 14:02:11" for the status line
    problem = Signal(str)  # a message the user must see
    layerChanged = Signal(str)  # OWN_LAYER or KEY_LAYER: whose marks the desk shows and edits
    categoriesChanged = Signal(object)  # the CategorySet in play changed (an assignment's own categories)

    def __init__(self, open_db: Callable[[], "Database"], categories: CategorySet,
                 parent: QObject | None = None) -> None:
        """``open_db`` opens the database when the desk first needs it, so the window can show the first
        article (see storage.first_paint) while SQLAlchemy is still loading."""
        super().__init__(parent)
        self._open_db = open_db
        self._db: "Database | None" = None
        self.standard_categories = categories
        self.categories = categories  # those in play for the open article: see _categories_for
        self.layer = OWN_LAYER
        self.marks = MarkSet()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        self.article: Article | None = None
        self.selected_mark_id: int | None = None

    # --- storage, opened on first use ---------------------------------------------------------------
    def open_storage(self) -> "Database":
        if self._db is None:
            from desktop_app.storage.articles import ArticleService
            from desktop_app.storage.marks import MarkService

            db = self._open_db()
            self._article_service, self._mark_service = ArticleService(db), MarkService(db)
            self._db = db
        return self._db

    @property
    def storage_open(self) -> bool:
        return self._db is not None

    @property
    def db(self) -> "Database":
        return self.open_storage()

    @property
    def article_service(self) -> "ArticleService":
        self.open_storage()
        return self._article_service

    @property
    def mark_service(self) -> "MarkService":
        self.open_storage()
        return self._mark_service

    def show_preloaded(self, article: Article, marks: list[Mark]) -> None:
        """Shows an article read without the storage layer (start-up's first paint)."""
        self.article = article
        self.marks.reset(marks)
        self.articleOpened.emit(article)

    # --- printing ----------------------------------------------------------------------------------
    def key_source(self) -> tuple[str, int]:
        """Which layer the open article's answer key prints ("key" or "own") and how many marks it has."""
        from desktop_app.print_jobs import key_source

        return key_source(self.db, self.article.id) if self.article is not None else ("own", 0)

    def prepare_print(self, kind, paper: str, marked_by: str) -> "PreparedJob":
        """The PDF job for the open article, read from the database (where every change already is)."""
        from desktop_app.print_jobs import prepare

        if self.article is None:
            raise LookupError("Open an article first: choose one in the library.")
        return prepare(self.db, self.article.id, kind, self.categories, paper=paper, marked_by=marked_by)

    # --- library -----------------------------------------------------------------------------------
    def library(self) -> list[ArticleSummary]:
        return self.article_service.list()

    def ensure_sample(self) -> int | None:
        """Adds the sample article, with its answer key, the first time this database is used; returns its
        id if added. The key is stored in the same transaction, so the sample never exists without it."""
        if self.article_service.state(SAMPLE_STATE_KEY) is not None:
            return None
        # Imported here: only a first run needs the key reader, and every later start stays without it.
        from desktop_app.importers.answer_key import read_answer_key

        folder = resource_path("sample")
        info = json.loads((folder / "article.json").read_text(encoding="utf-8"))
        details = ArticleDetails(**{k: info.get(k, "") for k in ("title", "outlet", "author", "published", "url")})
        # The key's offsets must be those of the text as stored, so it is read against the normalised text.
        text = normalize_article_text((folder / "article.txt").read_text(encoding="utf-8"))
        key = read_answer_key(folder / "key.json", text, self.categories)
        article = self.article_service.add(text, details, source_name="Lede sample", source_format="txt",
                                           state=(SAMPLE_STATE_KEY, "1"), layers={KEY_LAYER: key})
        self.libraryChanged.emit()
        return article.id

    def open_article(self, article_id: int | None) -> bool:
        if self.article is not None and article_id == self.article.id:
            return True
        article = self.article_service.get(article_id) if article_id is not None else None
        self.select_mark(None)
        self._use_categories(self._categories_for(article))
        # The MarkSet is filled before the article is announced, so the view builds the page once.
        self.article = article
        self.marks.reset(self._anchored_marks(article) if article is not None else ())
        self.articleOpened.emit(article)
        return article is not None

    def set_layer(self, layer: str) -> None:
        """Shows and edits the open article's own marks (OWN_LAYER) or its answer key (KEY_LAYER)."""
        if layer not in (OWN_LAYER, KEY_LAYER) or layer == self.layer:
            return
        self.select_mark(None)
        self.layer = layer
        if self.article is not None:
            self.marks.reset(self._anchored_marks(self.article))
        self.layerChanged.emit(layer)

    def _categories_for(self, article: Article | None) -> CategorySet:
        """A student's assignment brings the teacher's choice of categories; a teacher's article shows the
        standard ones plus any of her own that an assignment on it adds (so she can mark them in the key)."""
        if article is None or not self.storage_open:
            return self.standard_categories
        from desktop_app.core.assignments import STUDENT
        from desktop_app.storage.assignments import AssignmentService

        assignments = AssignmentService(self.db).for_article(article.id)
        student = next((a for a in assignments if a.role == STUDENT), None)
        if student is not None:
            return student.category_set
        extra = [c for a in assignments for c in a.categories if c.key not in self.standard_categories]
        if not extra:
            return self.standard_categories
        unique = list({c.key: c for c in extra}.values())
        return CategorySet(list(self.standard_categories) + unique)

    def _use_categories(self, categories: CategorySet) -> None:
        if [c for c in categories] != [c for c in self.categories]:
            self.categories = categories
            self.categoriesChanged.emit(categories)

    def refresh_categories(self) -> None:
        """After an assignment on the open article was made or changed."""
        self._use_categories(self._categories_for(self.article))

    def _anchored_marks(self, article: Article) -> list[Mark]:
        """The article's marks, each checked against the text: a mark whose passage moved is re-anchored
        (and saved); one whose passage is gone is kept in the database but not shown, and the user is told."""
        marks = self.mark_service.list_for(article.id, self.layer)
        text = article.text
        suspects = {m.id: m.anchor for m in marks if text[m.start:m.end] != m.quote}
        if not suspects:
            return marks
        moved, lost = check_anchors(text, suspects)
        if not moved and not lost:
            return marks
        repaired = {m.id: m for m in self._attempt(lambda: self.mark_service.reanchor(
            [m.moved_to(article.text, moved[m.id].start, moved[m.id].end) for m in marks if m.id in moved]
        )) or []}
        if lost:
            self.report_error(f"{len(lost)} of your marks on “{article.details.title}” no longer match the "
                              "article's text, so they are hidden. They are still stored; nothing was deleted.")
        return [repaired.get(m.id, m) for m in marks if m.id not in lost and (m.id not in moved or m.id in repaired)]

    # --- marks: user actions -----------------------------------------------------------------------
    def mark_selection(self, start: int, end: int, category: str) -> Mark | None:
        if self.article is None or category not in self.categories:
            return None
        draft = new_mark(self.article.id, self.article.text, start, end, category, layer=self.layer)
        stored = self._attempt(lambda: self.mark_service.add(draft))
        if stored is None:
            return None
        self.marks.put(stored)
        self.undo_stack.push(AddMarkCommand(self, stored, self.categories[category].name))
        self._saved()
        self.select_mark(stored.id)
        return stored

    def set_category(self, mark_id: int, category: str) -> None:
        self._edit(mark_id, f"Change to {self.categories[category].name}", category=category)

    def set_bonus(self, mark_id: int, bonus: bool) -> None:
        """Key marks only: a bonus find is worth having but not expected of every student."""
        self._edit(mark_id, "Make bonus" if bonus else "Make required", bonus=bonus)

    def set_note(self, mark_id: int, note: str) -> None:
        self._edit(mark_id, "Edit note", note_only=True, note=note)

    def set_extra(self, mark_id: int, key: str, value: str) -> None:
        mark = self.marks.get(mark_id)
        if mark is None:
            return
        extra = dict(mark.extra)
        if value:
            extra[key] = value
        else:
            extra.pop(key, None)
        self._edit(mark_id, "Edit mark details", extra=extra)

    def move_mark(self, mark_id: int, start: int, end: int) -> None:
        mark = self.marks.get(mark_id)
        if mark is None or self.article is None or (start, end) == (mark.start, mark.end) or end <= start:
            return
        moved = mark.moved_to(self.article.text, start, end)
        self._edit(mark_id, "Move mark", start=moved.start, end=moved.end, quote=moved.quote,
                   prefix=moved.prefix, suffix=moved.suffix)

    def delete_mark(self, mark_id: int) -> None:
        if self.marks.get(mark_id) is None:
            return
        deleted = self._attempt(lambda: self.mark_service.delete(mark_id))
        if deleted is None:
            return
        if self.selected_mark_id == mark_id:
            self.select_mark(None)
        self.marks.remove(mark_id)
        self.undo_stack.push(DeleteMarkCommand(self, deleted))
        self._saved()

    def _edit(self, mark_id: int, label: str, note_only: bool = False, **changes) -> None:
        before = self.marks.get(mark_id)
        if before is None:
            return
        after = before.with_changes(**changes)
        if after == before:
            return
        stored = self._attempt(lambda: self.mark_service.update(after))
        if stored is None:
            return
        self.marks.put(stored)
        self.undo_stack.push(EditMarkCommand(self, before, stored, label, note_only=note_only))
        self._saved()

    def select_mark(self, mark_id: int | None) -> None:
        if mark_id is not None and mark_id not in self.marks:
            mark_id = None
        self.selected_mark_id = mark_id
        self.markSelected.emit(mark_id)

    # --- articles: user actions --------------------------------------------------------------------
    def add_article(self, text: str, details: ArticleDetails, source_name: str, source_format: str,
                    label: str) -> Article | None:
        article = self._attempt(lambda: self.article_service.add(text, details, source_name, source_format))
        if article is None:
            return None
        self.undo_stack.push(ImportArticleCommand(self, article.id, label))
        self._saved()
        self.libraryChanged.emit()
        self.open_article(article.id)
        return article

    def edit_details(self, article_id: int, details: ArticleDetails) -> None:
        current = self.article_service.get(article_id)
        if current is None or current.details == details:
            return
        stored = self._attempt(lambda: self.article_service.update_details(article_id, details))
        if stored is None:
            return
        self.undo_stack.push(EditDetailsCommand(self, article_id, current.details, stored))
        self._after_details(article_id)

    def delete_article(self, article_id: int) -> None:
        snapshot = self._attempt(lambda: self.remove_article(article_id))
        if snapshot is not None:
            self.undo_stack.push(DeleteArticleCommand(self, snapshot))

    # --- called by the undo commands (each one transaction) ---------------------------------------
    def store_mark(self, mark: Mark, restore: bool = False) -> None:
        self._show(mark.article_id, mark.layer)
        stored = self.mark_service.restore(mark) if restore else self.mark_service.add(mark)
        self.marks.put(stored)
        self._saved()
        self.select_mark(stored.id)

    def drop_mark(self, mark: Mark) -> None:
        self._show(mark.article_id, mark.layer)
        self.mark_service.delete(mark.id)
        if self.selected_mark_id == mark.id:
            self.select_mark(None)
        self.marks.remove(mark.id)
        self._saved()

    def update_mark(self, mark: Mark) -> None:
        self._show(mark.article_id, mark.layer)
        self.marks.put(self.mark_service.update(mark))
        self._saved()
        self.select_mark(mark.id)

    def remove_article(self, article_id: int) -> "ArticleSnapshot":
        snapshot = self.article_service.delete(article_id)
        if self.article is not None and self.article.id == article_id:
            self.open_article(None)
        self._saved()
        self.libraryChanged.emit()
        return snapshot

    def restore_article(self, snapshot: "ArticleSnapshot") -> None:
        self.article_service.restore(snapshot)
        self._saved()
        self.libraryChanged.emit()
        self.open_article(snapshot.article.id)

    def write_details(self, article_id: int, details: ArticleDetails) -> None:
        self.article_service.update_details(article_id, details)
        self._saved()
        self._after_details(article_id)

    # --- helpers -----------------------------------------------------------------------------------
    def _after_details(self, article_id: int) -> None:
        self.libraryChanged.emit()
        if self.article is not None and self.article.id == article_id:
            self.article = self.article_service.get(article_id)
            self.detailsChanged.emit(self.article)

    def _show(self, article_id: int, layer: str = OWN_LAYER) -> None:
        """Undo and redo bring back the article and the layer (own marks or key) where the change was."""
        if self.article is None or self.article.id != article_id:
            self.open_article(article_id)
        self.set_layer(layer)

    def _attempt(self, action):
        try:
            return action()
        except ArticleTextError as exc:
            self.report_error(str(exc))
        except Exception as exc:  # noqa: BLE001 - a database error must never lose the window
            self.report_error(f"Lede could not save this change: {exc}. Nothing was changed; try again, "
                              "and if it keeps failing, close Lede and check the disk is not full.")
        return None

    def _saved(self) -> None:
        self.saved.emit(f"Saved {datetime.now():%H:%M:%S}")

    def report_error(self, message: str) -> None:
        self.problem.emit(message)
