"""The library: adding, reading, describing and removing articles, each call one transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from sqlalchemy import func, select

from desktop_app.core.articles import Article, ArticleDetails, ArticleSummary
from desktop_app.core.marks import OWN_LAYER, Mark
from desktop_app.core.text import detect_direction, normalize_article_text, word_count
from desktop_app.i18n import _
from desktop_app.storage.database import Database
from desktop_app.storage.marks import write_layer
from desktop_app.storage.models import AppStateRow, ArticleRow, EventRow, MarkRow

_DETAIL_FIELDS = ("title", "outlet", "author", "published", "url")


def _details_of(row: ArticleRow) -> ArticleDetails:
    return ArticleDetails(**{f: getattr(row, f) or "" for f in _DETAIL_FIELDS})


def new_article_row(text: str, details: ArticleDetails, source_name: str = "", source_format: str = "") -> ArticleRow:
    """The row that stores an article: its text normalised (core.text.normalize_article_text, which raises
    ArticleTextError for an empty or over-long text), the facts worked out from it, the details cut to fit.
    Shared by ArticleService.add and a student's received assignment, so both store a text the same way."""
    text = normalize_article_text(text)
    return ArticleRow(
        text=text, text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        word_count=word_count(text), direction=detect_direction(text),
        source_name=source_name[:500], source_format=source_format[:10],
        **{f: (getattr(details, f) or "")[: ArticleRow.__table__.c[f].type.length] for f in _DETAIL_FIELDS},
    )


class ArticleService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, text: str, details: ArticleDetails, source_name: str = "", source_format: str = "",
            state: tuple[str, str] | None = None, layers: Mapping[str, Sequence[Mark]] | None = None) -> Article:
        """Adds an article; ``state`` (key, value) is recorded in the same transaction (e.g. "sample added"),
        and so are ``layers`` ({layer: marks}, e.g. the sample's answer key; not the own layer). The marks
        must be anchored to ``text`` as normalised by core.text.normalize_article_text (what is stored);
        their article_id is set here, since the article has none until it is added."""
        row = new_article_row(text, details, source_name, source_format)
        text = row.text
        with self.db.transaction() as s:
            s.add(row)
            s.flush()
            s.add(EventRow(action="article_added", article_id=row.id, detail={"source": source_name}))
            for layer, marks in (layers or {}).items():
                write_layer(s, row.id, text, layer, marks)
            if state is not None:
                s.merge(AppStateRow(key=state[0], value=state[1]))
            return self._article_of(row)

    @staticmethod
    def _article_of(row: ArticleRow) -> Article:
        return Article(id=row.id, details=_details_of(row), text=row.text, direction=row.direction,
                       source_name=row.source_name, text_sha256=row.text_sha256)

    def get(self, article_id: int) -> Article | None:
        with self.db.reading() as s:
            row = s.get(ArticleRow, article_id)
            return None if row is None else self._article_of(row)

    def list(self) -> list[ArticleSummary]:
        # The count is of the annotator's own marks, the work shown on the desk: a teacher's answer key
        # stored with the article is not work done on it.
        counts = (select(MarkRow.article_id, func.count(MarkRow.id).label("n"))
                  .where(MarkRow.layer == OWN_LAYER)
                  .group_by(MarkRow.article_id).subquery())
        query = (select(ArticleRow.id, *(getattr(ArticleRow, f) for f in _DETAIL_FIELDS),
                        ArticleRow.word_count, func.coalesce(counts.c.n, 0))
                 .outerjoin(counts, counts.c.article_id == ArticleRow.id)
                 .order_by(ArticleRow.created_at.desc(), ArticleRow.id.desc()))
        with self.db.reading() as s:
            return [ArticleSummary(id=r[0], details=ArticleDetails(*r[1:6]), word_count=r[6], mark_count=r[7])
                    for r in s.execute(query)]

    def ids_from_source(self, source_name: str) -> set[int]:
        """The articles that came from ``source_name`` ("Lede sample": the sample, however often it was added)."""
        with self.db.reading() as s:
            return set(s.scalars(select(ArticleRow.id).where(ArticleRow.source_name == source_name)))

    def update_details(self, article_id: int, details: ArticleDetails) -> ArticleDetails:
        with self.db.transaction() as s:
            row = s.get(ArticleRow, article_id)
            if row is None:
                raise LookupError(_("article {number} is not in the library").format(number=article_id))
            before = _details_of(row)
            for f in _DETAIL_FIELDS:
                setattr(row, f, (getattr(details, f) or "").strip()[: ArticleRow.__table__.c[f].type.length])
            s.add(EventRow(action="article_details_changed", article_id=article_id,
                           detail={"before": before.title, "after": row.title}))
            return _details_of(row)

    # --- small facts about the database -------------------------------------------------------------
    def state(self, key: str) -> str | None:
        with self.db.reading() as s:
            row = s.get(AppStateRow, key)
            return None if row is None else row.value

    def set_state(self, key: str, value: str) -> None:
        with self.db.transaction() as s:
            s.merge(AppStateRow(key=key, value=value))
