"""Articles: the library's list, adding one (an import, the sample), its details, and removing one with its class."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.application.bin_steps import Adding, Removing
from desktop_app.application.changes import Changes, Focus
from desktop_app.application.history import Step
from desktop_app.core.articles import Article, ArticleDetails, ArticleSummary
from desktop_app.core.marks import KEY_LAYER, OWN_LAYER
from desktop_app.i18n import _
from desktop_app.storage.articles import ArticleService
from desktop_app.storage.removed_work import ARTICLE, RemovedWorkService
from desktop_app.storage.rowsets import Loss

if TYPE_CHECKING:
    from desktop_app.application.library import Library

SAMPLE_STATE_KEY = "sample_added"
SAMPLE_SOURCE = "Lede sample"  # the source name the sample is stored with (data, not shown: never translated)


@dataclass(frozen=True)
class LibraryEntry:
    """One line of the library list: the article, and the assignment it holds for a student, if any."""

    summary: ArticleSummary
    assignment_title: str = ""
    student_name: str = ""


class ArticleOps:
    def __init__(self, library: Library) -> None:
        self.lib = library
        self.service = ArticleService(library.db)

    # --- reading -----------------------------------------------------------------------------------
    def get(self, article_id: int) -> Article | None:
        return self.service.get(article_id)

    def entries(self) -> list[LibraryEntry]:
        """Every article, newest first; a student's copy of an assignment says whose work it holds."""
        from desktop_app.core.assignments import STUDENT

        copies = {s.assignment.article_id: s.assignment for s in self.lib.assignments.summaries(role=STUDENT)}
        return [LibraryEntry(s, copies[s.id].title, copies[s.id].student_name) if s.id in copies else LibraryEntry(s)
                for s in self.service.list()]

    def summaries(self) -> list[ArticleSummary]:
        return self.service.list()

    # --- adding ------------------------------------------------------------------------------------
    def add(self, text: str, details: ArticleDetails, source_name: str = "", source_format: str = "",
            label: str | None = None) -> Article:
        """Adds an article (ArticleTextError, a ValueError, for an empty or over-long text); undo takes it out.
        ``label`` names the step in the Edit menu (default "Import article")."""
        label = label if label is not None else _("Import article")
        article = self.lib.run(lambda: self.service.add(text, details, source_name, source_format))
        changes = Changes(library=True, articles=frozenset({article.id}), removed_bin=True,
                          focus=Focus(article.id, OWN_LAYER))
        self.lib.record(Adding(self.lib, label, ARTICLE, article.id, changes), changes)
        return article

    def sample_ids(self) -> set[int]:
        """The sample article's id (a student's computer leaves it out of the library)."""
        return self.service.ids_from_source(SAMPLE_SOURCE)

    def ensure_sample(self, folder) -> int | None:
        """Adds the sample article, with its answer key, the first time this database is used; returns its id if
        added. The key is stored in the same transaction, so the sample never exists without it. Not a step: the
        person did not do it, and undo must not take it away."""
        if self.service.state(SAMPLE_STATE_KEY) is not None:
            return None
        from desktop_app.core.text import normalize_article_text
        from desktop_app.importers.answer_key import read_answer_key

        info = json.loads((folder / "article.json").read_text(encoding="utf-8"))
        details = ArticleDetails(**{k: info.get(k, "") for k in ("title", "outlet", "author", "published", "url")})
        # The key's offsets must be those of the text as stored, so it is read against the normalised text.
        text = normalize_article_text((folder / "article.txt").read_text(encoding="utf-8"))
        key = read_answer_key(folder / "key.json", text, self.lib.standard_categories)
        article = self.lib.run(lambda: self.service.add(text, details, source_name=SAMPLE_SOURCE, source_format="txt",
                                                        state=(SAMPLE_STATE_KEY, "1"), layers={KEY_LAYER: key}))
        self.lib.emit(Changes(library=True, articles=frozenset({article.id})))
        return article.id

    # --- details -----------------------------------------------------------------------------------
    def update_details(self, article_id: int, details: ArticleDetails) -> ArticleDetails | None:
        current = self.service.get(article_id)
        if current is None:
            raise LookupError(_("That article is no longer in the library."))
        if current.details == details:
            return None
        stored = self.lib.run(lambda: self.service.update_details(article_id, details))
        self.lib.record(EditDetails(self, article_id, current.details, stored), self._details_changed(article_id))
        return stored

    def _details_changed(self, article_id: int) -> Changes:
        return Changes(library=True, articles=frozenset({article_id}))

    def _write_details(self, article_id: int, details: ArticleDetails) -> Changes:
        self.service.update_details(article_id, details)
        return self._details_changed(article_id)

    # --- removing ----------------------------------------------------------------------------------
    def removal_cost(self, article_id: int) -> Loss:
        """What removing the article would take: its marks, its assignments and their hand-ins and reviews."""
        return RemovedWorkService(self.lib.db).cost(ARTICLE, [article_id])

    def remove(self, article_id: int) -> Loss:
        """Removes the article with everything on it into the bin (File ▸ Recently removed); undo brings it all
        back. Refused while one of its assignments is being printed."""
        assignment_ids = frozenset(a.stored_id for a in self.lib.assignments.for_article(article_id))
        self.lib.check_free(assignment_ids)
        article = self.service.get(article_id)
        if article is None:
            raise LookupError(_("That article is no longer in the library."))
        entry = self.lib.run(lambda: RemovedWorkService(self.lib.db).take_out(ARTICLE, [article_id]))
        changes = Changes(library=True, articles=frozenset({article_id}), assignments=assignment_ids,
                          class_work=assignment_ids, removed_bin=True, focus=Focus(article_id, OWN_LAYER))
        # Translators: stands in the quotes of "Remove “{title}” from the library" for an article without a title.
        title = article.details.title or _("untitled")
        label = _("Remove “{title}” from the library").format(title=title)
        self.lib.record(Removing(self.lib, label, ARTICLE, [article_id], entry, changes, assignment_ids), changes)
        return entry.loss


class EditDetails(Step):
    def __init__(self, ops: ArticleOps, article_id: int, before: ArticleDetails, after: ArticleDetails) -> None:
        self.ops, self.article_id, self.before, self.after = ops, article_id, before, after
        self.label = _("Edit article details")

    def apply(self) -> Changes:
        return self.ops._write_details(self.article_id, self.after)

    def revert(self) -> Changes:
        return self.ops._write_details(self.article_id, self.before)
