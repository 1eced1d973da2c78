"""The teacher's decisions on suggested key marks: an accepted suggestion's key mark and its decision are written
in one transaction (and taken back together by undo); a rejection is one row. The rows give the acceptance
rate of each category."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from desktop_app.core.marks import Mark
from desktop_app.storage.database import Database
from desktop_app.storage.marks import row_values
from desktop_app.storage.models import EventRow, MarkRow, SuggestionDecisionRow, utcnow

ACCEPTED = "accepted"
EDITED = "edited"  # accepted, then changed by the teacher: the suggestion was near but not right
REJECTED = "rejected"
DECISIONS = (ACCEPTED, EDITED, REJECTED)


@dataclass(frozen=True, slots=True)
class Decision:
    id: int | None
    article_id: int
    category: str
    decision: str
    start: int
    end: int
    quote: str
    reason: str = ""
    confidence: float = 0.0
    model: str = ""
    mark_id: int | None = None
    decided_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class CategoryDecisions:
    category: str
    accepted: int
    edited: int
    rejected: int

    @property
    def decided(self) -> int:
        return self.accepted + self.edited + self.rejected

    @property
    def acceptance(self) -> float | None:
        """Accepted (as suggested or then edited) among all decided; None before any decision."""
        return (self.accepted + self.edited) / self.decided if self.decided else None


def _values(d: Decision) -> dict:
    values = {"article_id": d.article_id, "category": d.category, "decision": d.decision, "start": d.start,
              "end": d.end, "quote": d.quote, "reason": d.reason, "confidence": d.confidence, "model": d.model,
              "mark_id": d.mark_id, "decided_at": d.decided_at or utcnow()}
    if d.id is not None:
        values["id"] = d.id
    return values


class SuggestionDecisionService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, decision: Decision) -> Decision:
        """Stores one decision (a rejection), with its old id when it has one (redo of a rejection)."""
        if decision.decision not in DECISIONS:
            raise ValueError(f"a decision is one of {', '.join(DECISIONS)}, not {decision.decision!r}")
        with self.db.transaction() as s:
            return self._insert(s, decision)

    def forget(self, decision_id: int) -> None:
        """Removes a decision (undo of a rejection): the suggestion is undecided again."""
        with self.db.transaction() as s:
            s.execute(delete(SuggestionDecisionRow).where(SuggestionDecisionRow.id == decision_id))

    def accept(self, mark: Mark, decision: Decision, linking: Sequence[Mark] = (),
               link_field: str = "") -> tuple[Mark, Decision, list[Mark]]:
        """Stores the key mark and the decision naming it, in one transaction, and sets ``link_field`` of each
        mark in ``linking`` to the new mark's id (claims that name this source). The mark and decision may carry
        their old ids (redo of an accept), so the same rows come back."""
        now = utcnow()
        values = {**row_values(mark), "updated_at": now}
        values.setdefault("created_at", now)
        if mark.id is not None:
            values["id"] = mark.id
        with self.db.transaction() as s:
            mark_id = s.execute(insert(MarkRow).values(**values).returning(MarkRow.id)).scalar_one()
            s.execute(insert(EventRow).values(
                at=now, action="mark_added", article_id=mark.article_id, mark_id=mark_id,
                detail={"category": mark.category, "start": mark.start, "end": mark.end, "suggested": True}))
            stored = self._insert(s, replace(decision, mark_id=mark_id))
            linked = _write_extras(s, [replace(m, extra={**m.extra, link_field: str(mark_id)}) for m in linking])
        return replace(mark, id=mark_id, created_at=values["created_at"]), stored, linked

    def take_back(self, mark_id: int | None, decision_id: int,
                  restore: Sequence[Mark] = ()) -> tuple[Mark | None, list[Mark]]:
        """Removes a decision and the key mark it made (undo of an accept), and writes back the extra answers of
        ``restore`` (the claims as they were before they named it); returns the mark as it was and those."""
        from desktop_app.storage.marks import mark_from_row

        with self.db.transaction() as s:
            removed = None
            if mark_id is not None:
                row = s.get(MarkRow, mark_id)
                if row is not None:
                    removed = mark_from_row(row)
                    s.delete(row)
                    s.add(EventRow(action="mark_deleted", article_id=removed.article_id, mark_id=mark_id,
                                   detail={"category": removed.category, "suggested": True}))
            s.execute(delete(SuggestionDecisionRow).where(SuggestionDecisionRow.id == decision_id))
            restored = _write_extras(s, restore)
        return removed, restored

    def for_article(self, article_id: int) -> list[Decision]:
        t = SuggestionDecisionRow
        with self.db.reading() as s:
            rows = s.scalars(select(t).where(t.article_id == article_id).order_by(t.id)).all()
            return [_decision(r) for r in rows]

    def by_category(self) -> list[CategoryDecisions]:
        t = SuggestionDecisionRow
        counts: dict[str, dict[str, int]] = {}
        with self.db.reading() as s:
            for category, decision, n in s.execute(
                    select(t.category, t.decision, func.count()).group_by(t.category, t.decision)):
                counts.setdefault(category, {})[decision] = n
        return [CategoryDecisions(c, d.get(ACCEPTED, 0), d.get(EDITED, 0), d.get(REJECTED, 0))
                for c, d in sorted(counts.items())]

    @staticmethod
    def _insert(s: Session, d: Decision) -> Decision:
        values = _values(d)
        t = SuggestionDecisionRow
        new_id = s.execute(insert(t).values(**values).returning(t.id)).scalar_one()
        return replace(d, id=new_id, decided_at=values["decided_at"])


def _write_extras(s: Session, marks: Sequence[Mark]) -> list[Mark]:
    from desktop_app.storage.marks import mark_from_row

    out = []
    for mark in marks:
        row = s.get(MarkRow, mark.id)
        if row is None:
            continue  # deleted meanwhile (in another window): nothing to link
        row.extra = dict(mark.extra)
        row.updated_at = utcnow()
        s.add(EventRow(action="mark_changed", article_id=mark.article_id, mark_id=mark.id,
                       detail={"fields": ["extra"]}))
        s.flush()
        out.append(mark_from_row(row))
    return out


def _decision(r: SuggestionDecisionRow) -> Decision:
    return Decision(r.id, r.article_id, r.category, r.decision, r.start, r.end, r.quote, r.reason, r.confidence,
                    r.model, r.mark_id, r.decided_at)
