"""Marks: every add, change and delete is one transaction, logged in the event table.

Deleted marks can be restored with their old id, so an undone delete brings back the very same mark.
A whole layer other than the annotator's own (a teacher's answer key) is replaced at once, also in one
transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import Text, cast, delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop_app.core.marks import OWN_LAYER, Mark
from desktop_app.i18n import _, ngettext
from desktop_app.storage.database import Database
from desktop_app.storage.models import ArticleRow, EventRow, MarkRow, utcnow

_COLUMNS = ("article_id", "layer", "category", "start", "end", "quote", "prefix", "suffix", "note", "extra",
            "bonus")


def row_values(mark: Mark) -> dict:
    return {"article_id": mark.article_id, "layer": mark.layer, "category": mark.category, "start": mark.start,
            "end": mark.end, "quote": mark.quote, "prefix": mark.prefix, "suffix": mark.suffix,
            "note": mark.note, "extra": dict(mark.extra), "bonus": mark.bonus,
            **({"created_at": mark.created_at} if mark.created_at else {})}


def mark_from_row(row) -> Mark:
    return Mark(id=row.id, article_id=row.article_id, category=row.category, start=row.start, end=row.end,
                quote=row.quote, prefix=row.prefix, suffix=row.suffix, note=row.note,
                extra=dict(row.extra or {}), layer=row.layer, bonus=row.bonus, created_at=row.created_at)


def write_layer(session: Session, article_id: int, text: str, layer: str, marks: Sequence[Mark]) -> list[Mark]:
    """Inside the caller's transaction: removes the article's marks of ``layer`` and inserts ``marks`` in
    their place, logging one event. Returns the new marks, in the order given, with their ids.

    The marks must be new (no id): a layer is replaced by a fresh reading, and reusing ids could collide
    with marks of other layers. They are given ``article_id`` and ``layer`` here, so a caller that adds
    the article in the same transaction can build them before the article has an id. Each must quote
    ``text`` (the article's stored text) at its offsets: marks read against another version of the text
    (not normalised, another article) are refused before anything is written.
    """
    if layer == OWN_LAYER:
        # The annotator's own marks are undone one by one (ui.commands); a bulk replacement would throw
        # a student's work away with no way back.
        raise ValueError("the annotator's own marks are changed one at a time, never replaced as a layer")
    if any(m.id is not None for m in marks):
        raise ValueError("replace_layer stores new marks; the database gives them their ids")
    misplaced = [m for m in marks if not 0 <= m.start < m.end or text[m.start:m.end] != m.quote]
    if misplaced:
        # Translators: {quote} is the mark's passage in quotes, {position} the character it starts at.
        raise ValueError(ngettext("{count} of the marks do not quote the article's text at their offsets (the "
                                  "first: {quote} at {position})",
                                  "{count} of the marks do not quote the article's text at their offsets (the "
                                  "first: {quote} at {position})", len(misplaced)).format(
            count=len(misplaced), quote=repr(misplaced[0].quote[:60]), position=misplaced[0].start))
    now = utcnow()
    t = MarkRow.__table__
    removed = session.execute(delete(t).where(t.c.article_id == article_id, t.c.layer == layer))
    out = [replace(m, article_id=article_id, layer=layer, created_at=now) for m in marks]
    if out:
        # One multi-row INSERT on the Core table, its ids returned in the order of the rows: a statement
        # built per mark costs more than the writing (the sample's 30 key marks took 40 ms that way).
        ids = session.execute(insert(t).returning(t.c.id, sort_by_parameter_order=True),
                              [{**row_values(m), "updated_at": now} for m in out]).scalars().all()
        out = [replace(m, id=new_id) for m, new_id in zip(out, ids, strict=True)]
    session.add(EventRow(at=now, action="layer_replaced", article_id=article_id,
                         detail={"layer": layer, "removed": removed.rowcount, "added": len(out),
                                 "bonus": sum(m.bonus for m in out)}))
    session.flush()
    return out


class MarkService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list_for(self, article_id: int, layer: str = OWN_LAYER) -> list[Mark]:
        # Opening an article with 5,000 marks must stay quick: a plain Core select instead of ORM objects,
        # no timestamps (the desk does not show them), and the JSON of "extra" decoded only when not empty.
        # A CAST, not a type_coerce: PostgreSQL's driver decodes a JSON column itself, so only a text cast
        # hands every backend's "extra" over as the same string (on SQLite the cast changes nothing).
        t = MarkRow.__table__
        query = (select(t.c.id, t.c.article_id, t.c.category, t.c.start, t.c.end, t.c.quote, t.c.prefix,
                        t.c.suffix, t.c.note, cast(t.c.extra, Text), t.c.layer, t.c.bonus)
                 .where(t.c.article_id == article_id, t.c.layer == layer)
                 .order_by(t.c.start, t.c.end.desc(), t.c.id))
        with self.db.reading() as s:
            return [Mark(id=i, article_id=a, category=c, start=st, end=en, quote=q, prefix=p, suffix=sf, note=n,
                         extra=json.loads(x) if x and x != "{}" else {}, layer=ly, bonus=b)
                    for i, a, c, st, en, q, p, sf, n, x, ly, b in s.execute(query)]

    def get(self, mark_id: int) -> Mark | None:
        with self.db.reading() as s:
            row = s.get(MarkRow, mark_id)
            return None if row is None else mark_from_row(row)

    def replace_layer(self, article_id: int, layer: str, marks: Sequence[Mark]) -> list[Mark]:
        """Replaces the article's marks of ``layer`` (e.g. KEY_LAYER) with ``marks``, all or nothing, as one
        logged event; see write_layer. Raises LookupError when the article is not in the library."""
        with self.db.transaction() as s:
            # Asked first, not left to the foreign key: an empty layer inserts nothing that could fail.
            article = s.get(ArticleRow, article_id)
            if article is None:
                raise LookupError(_("article {number} is not in the library").format(number=article_id))
            return write_layer(s, article_id, article.text, layer, marks)

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
                    raise LookupError(_("article {number} is not in the library").format(
                        number=mark.article_id)) from exc
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
                raise LookupError(_("mark {number} no longer exists").format(number=mark.id))
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
                raise LookupError(_("mark {number} no longer exists").format(number=mark_id))
            mark = mark_from_row(row)
            s.delete(row)
            s.add(EventRow(action="mark_deleted", article_id=mark.article_id, mark_id=mark_id,
                           detail={"category": mark.category}))
            return mark
