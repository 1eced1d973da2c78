"""What to print for an article: gathers the article and the right layer of marks from the database into a
``PdfJob``. The command line and the desk both ask here, so they print the same thing for the same choice."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.categories import CategorySet
from desktop_app.core.marks import KEY_LAYER, OWN_LAYER
from desktop_app.core.text import file_slug
from desktop_app.exporters.pdf import PdfJob, PdfKind
from desktop_app.storage.articles import ArticleService
from desktop_app.storage.database import Database
from desktop_app.storage.marks import MarkService


@dataclass(frozen=True)
class PreparedJob:
    job: PdfJob
    notice: str = ""  # something the teacher should know about what will be printed
    suggested_name: str = ""


def _key_marks(marks: MarkService, article_id: int) -> tuple[str, list]:
    """The marks an answer key prints: the stored key layer when there is one, else the desk's own marks
    (a teacher who marked the article to make a key prints it like this)."""
    key = marks.list_for(article_id, KEY_LAYER)
    return (KEY_LAYER, key) if key else (OWN_LAYER, marks.list_for(article_id, OWN_LAYER))


def key_source(db: Database, article_id: int) -> tuple[str, int]:
    """Which layer an answer key of this article prints ("key" or "own"), and how many marks it has."""
    layer, marks = _key_marks(MarkService(db), article_id)
    return layer, len(marks)


def with_assignment_categories(db: Database, article_id: int, categories: CategorySet) -> CategorySet:
    """``categories`` and the teacher's own categories of any assignment on the article (a key may use them),
    so they print by their names and cues rather than as "Other"."""
    from desktop_app.storage.assignments import AssignmentService

    own = {c.key: c for a in AssignmentService(db).for_article(article_id) for c in a.categories
           if c.key not in categories}
    return CategorySet(list(categories) + list(own.values())) if own else categories


def prepare(db: Database, article_id: int, kind: PdfKind, categories: CategorySet, *, paper: str = "a4",
            marked_by: str = "") -> PreparedJob:
    article = ArticleService(db).get(article_id)
    if article is None:
        raise LookupError(f"There is no article {article_id}. `lede list` shows the articles and their numbers.")
    categories = with_assignment_categories(db, article_id, categories)
    notice = ""
    marks = []
    if kind is PdfKind.ANNOTATED:
        marks = MarkService(db).list_for(article_id, OWN_LAYER)
        if not marks:
            notice = "This article has no marks yet, so the copy shows the article and an empty table."
    elif kind is PdfKind.KEY:
        layer, marks = _key_marks(MarkService(db), article_id)
        if layer == OWN_LAYER:
            notice = ("This article has no stored answer key, so the key is printed from the marks made in the desk."
                      if marks else "This article has no answer key and no marks yet: the key will be empty.")
    job = PdfJob(kind, article, categories, marks, paper=paper, marked_by=marked_by)
    slug = file_slug(article.details.title or f"article-{article_id}", 60, "article")
    return PreparedJob(job, notice, f"{slug}-{kind.value}.pdf")
