"""Marks: every add, change and delete is one transaction, logged in the event table.

Deleted marks can be restored with their old id, so an undone delete brings back the very same mark.
"""

from __future__ import annotations

import json

from dataclasses import replace

from sqlalchemy import Text, insert, select, type_coerce
from sqlalchemy.exc import IntegrityError

from desktop_app.core.marks import OWN_LAYER, Mark
from desktop_app.storage.database import Database
from desktop_app.storage.models import ArticleRow, EventRow, MarkRow, utcnow

_COLUMNS = ("article_id", "layer", "category", "start", "end", "quote", "prefix", "suffix", "note", "extra")


def row_values(mark: Mark) -> dict:
    return {"article_id": mark.article_id, "layer": mark.layer, "category": mark.category, "start": mark.start,
            "end": mark.end, "quote": mark.quote, "prefix": mark.prefix, "suffix": mark.suffix,
            "note": mark.note, "extra": dict(mark.extra),
            **({"created_at": mark.created_at} if mark.created_at else {})}


def mark_from_row(row) -> Mark:
    return Mark(id=row.id, article_id=row.article_id, category=row.category, start=row.start, end=row.end,
                quote=row.quote, prefix=row.prefix, suffix=row.suffix, note=row.note,
                extra=dict(row.extra or {}), layer=row.layer, created_at=row.created_at)


class MarkService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list_for(self, article_id: int, layer: str = OWN_LAYER) -> list[Mark]:
        # Opening an article with 5,000 marks must stay quick: a plain Core select instead of ORM objects,
        # no timestamps (the desk does not show them), and the JSON of "extra" decoded only when not empty.
        t = MarkRow.__table__
        query = (select(t.c.id, t.c.article_id, t.c.category, t.c.start, t.c.end, t.c.quote, t.c.prefix,
                        t.c.suffix, t.c.note, type_coerce(t.c.extra, Text), t.c.layer)
                 .where(t.c.article_id == article_id, t.c.layer == layer)
                 .order_by(t.c.start, t.c.end.desc(), t.c.id))
        with self.db.reading() as s:
            return [Mark(id=i, article_id=a, category=c, start=st, end=en, quote=q, prefix=p, suffix=sf, note=n,
                         extra=json.loads(x) if x and x != "{}" else {}, layer=ly)
                    for i, a, c, st, en, q, p, sf, n, x, ly in s.execute(query)]

    def add(self, mark: Mark) -> Mark:
        # Two Core INSERTs in one transaction: this is on the path from a key press to a drawn highlight,
        # and the ORM's unit of work costs more than the commit itself. A missing article is caught by
        # the foreign key, not by a read before every write.
        now = utcnow()
        values = {**row_values(mark), "updated_at": now}
        values.setdefault("created_at", now)
        if mark.id is not None:
            values["id"] = mark.id
        try:
            with self.db.transaction() as s:
                new_id = s.execute(insert(MarkRow).values(**values)).inserted_primary_key[0]
                s.execute(insert(EventRow).values(
                    at=now, action="mark_added", article_id=mark.article_id, mark_id=new_id,
                    detail={"category": mark.category, "start": mark.start, "end": mark.end}))
        except IntegrityError as exc:
            with self.db.reading() as s:
                if s.get(ArticleRow, mark.article_id) is None:
                    raise LookupError(f"article {mark.article_id} is not in the library") from exc
            raise
        return replace(mark, id=new_id, created_at=values["created_at"])

    def restore(self, mark: Mark) -> Mark:
        """Puts a deleted mark back with its old id (undo of a delete, redo of an add)."""
        if mark.id is None:
            raise ValueError("only a stored mark can be restored")
        return self.add(mark)

    def update(self, mark: Mark) -> Mark:
        with self.db.transaction() as s:
            row = s.get(MarkRow, mark.id)
            if row is None:
                raise LookupError(f"mark {mark.id} no longer exists")
            changed = {}
            for column, value in row_values(mark).items():
                if column in _COLUMNS and getattr(row, column) != value:
                    changed[column] = True
                    setattr(row, column, value)
            row.updated_at = utcnow()
            s.add(EventRow(action="mark_changed", article_id=mark.article_id, mark_id=mark.id,
                           detail={"fields": sorted(changed)}))
            s.flush()
            return mark_from_row(row)

    def reanchor(self, marks: list[Mark]) -> list[Mark]:
        """Stores marks that were re-anchored to a changed article text, all in one transaction."""
        out = []
        with self.db.transaction() as s:
            for mark in marks:
                row = s.get(MarkRow, mark.id)
                if row is None:
                    continue
                old = (row.start, row.end)
                row.start, row.end, row.prefix, row.suffix = mark.start, mark.end, mark.prefix, mark.suffix
                row.updated_at = utcnow()
                s.add(EventRow(action="mark_reanchored", article_id=mark.article_id, mark_id=mark.id,
                               detail={"from": list(old), "to": [mark.start, mark.end]}))
                s.flush()
                out.append(mark_from_row(row))
        return out

    def delete(self, mark_id: int) -> Mark:
        with self.db.transaction() as s:
            row = s.get(MarkRow, mark_id)
            if row is None:
                raise LookupError(f"mark {mark_id} no longer exists")
            mark = mark_from_row(row)
            s.delete(row)
            s.add(EventRow(action="mark_deleted", article_id=mark.article_id, mark_id=mark_id,
                           detail={"category": mark.category}))
            return mark
