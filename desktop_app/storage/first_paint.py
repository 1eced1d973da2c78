"""Reads the article to show first with the standard library's sqlite3, before SQLAlchemy is loaded.

Importing SQLAlchemy takes a third of a second on a lab computer, more than everything else Lede does to
open its window. So the window shows the last article straight from the SQLite file (read-only, and only
when the schema is exactly the one this Lede knows), while SQLAlchemy loads in the background for the
first change. Anything unusual (no file yet, another schema, a server URL, a mark that does not match its
text) returns None, and start-up takes the ordinary path.
"""

from __future__ import annotations

import json
import sqlite3

from desktop_app.core.articles import Article, ArticleDetails
from desktop_app.core.marks import OWN_LAYER, Mark
from desktop_app.storage.location import HEAD_REVISION, sqlite_file

_ARTICLE = ("SELECT id, title, outlet, author, published, url, text, direction, source_name, text_sha256 "
            "FROM article WHERE id = ?")
_NEWEST = "SELECT id FROM article ORDER BY created_at DESC, id DESC LIMIT 1"
_MARKS = ('SELECT id, article_id, category, start, "end", quote, prefix, suffix, note, extra, layer FROM mark '
          'WHERE article_id = ? AND layer = ? ORDER BY start, "end" DESC, id')


def read_first_article(url: str, article_id: int | None) -> tuple[Article, list[Mark]] | None:
    path = sqlite_file(url)
    if path is None or not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return _read(conn, article_id)
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        conn.close()


def _read(conn: sqlite3.Connection, article_id: int | None) -> tuple[Article, list[Mark]] | None:
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] != HEAD_REVISION:
        return None
    row = conn.execute(_ARTICLE, (article_id,)).fetchone() if article_id is not None else None
    if row is None:
        newest = conn.execute(_NEWEST).fetchone()
        row = conn.execute(_ARTICLE, (newest[0],)).fetchone() if newest else None
    if row is None:
        return None
    article = Article(id=row[0], details=ArticleDetails(*(v or "" for v in row[1:6])), text=row[6],
                      direction=row[7], source_name=row[8] or "", text_sha256=row[9])
    marks = [Mark(id=i, article_id=a, category=c, start=s, end=e, quote=q, prefix=p, suffix=sf, note=n,
                  extra=json.loads(x) if x and x != "{}" else {}, layer=ly)
             for i, a, c, s, e, q, p, sf, n, x, ly in conn.execute(_MARKS, (article.id, OWN_LAYER))]
    if any(article.text[m.start:m.end] != m.quote for m in marks):
        return None  # re-anchoring writes to the database: leave it to the ordinary path
    return article, marks
