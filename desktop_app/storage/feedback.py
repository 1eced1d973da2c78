"""In a student's library: the teacher's feedback received on a copy of an assignment, one per copy.

The feedback is kept as the file's feedback.json, byte for byte, so it is read again with the same strict reader
(exchange.feedback) and its checksum still checks against the copy's seal: the library stores what arrived, it
does not reinterpret it. Each call is one transaction logged in the event table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from typing import cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from desktop_app.i18n import _
from desktop_app.storage.database import Database
from desktop_app.storage.models import AssignmentRow, EventRow, FeedbackRow, utcnow
from desktop_app.storage.submissions import to_utc

_FEEDBACK = cast(Table, FeedbackRow.__table__)
_ASSIGNMENT = cast(Table, AssignmentRow.__table__)


@dataclass(frozen=True, slots=True)
class StoredFeedback:
    assignment_id: int  # the student's copy it is on
    file_name: str
    file_sha256: str
    made_at: datetime  # by the teacher's clock
    received_at: datetime
    document: bytes  # feedback.json as the file held it


class FeedbackService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, assignment_id: int) -> StoredFeedback | None:
        with self.db.reading() as s:
            return _get(s, assignment_id)

    def put(self, stored: StoredFeedback) -> StoredFeedback:
        """Keeps ``stored`` as the copy's feedback, in place of any earlier one. LookupError when the copy is gone."""
        with self.db.transaction() as s:
            article_id = s.execute(select(_ASSIGNMENT.c.article_id)
                                   .where(_ASSIGNMENT.c.id == stored.assignment_id)).scalar()
            if article_id is None:
                raise LookupError(_("That copy of the assignment is no longer in the library."))
            s.execute(delete(_FEEDBACK).where(_FEEDBACK.c.assignment_id == stored.assignment_id))
            s.execute(insert(_FEEDBACK).values(
                assignment_id=stored.assignment_id, file_name=stored.file_name[:500], file_sha256=stored.file_sha256,
                made_at=to_utc(stored.made_at), received_at=to_utc(stored.received_at),
                document=stored.document.decode("utf-8")))
            s.execute(insert(EventRow).values(action="feedback_received", article_id=article_id,
                                              detail={"assignment_id": stored.assignment_id,
                                                      "file": stored.file_name[:500]}))
            found = _get(s, stored.assignment_id)
            assert found is not None  # just written, in this transaction
            return found

    def remove(self, assignment_id: int) -> None:
        """The copy has no feedback again (undo of the first feedback opened on it)."""
        with self.db.transaction() as s:
            s.execute(delete(_FEEDBACK).where(_FEEDBACK.c.assignment_id == assignment_id))
            s.execute(insert(EventRow).values(action="feedback_removed", at=utcnow(),
                                              detail={"assignment_id": assignment_id}))


def _get(s: Session, assignment_id: int) -> StoredFeedback | None:
    row = s.execute(select(_FEEDBACK).where(_FEEDBACK.c.assignment_id == assignment_id)).first()
    if row is None:
        return None
    return StoredFeedback(row.assignment_id, row.file_name, row.file_sha256, row.made_at, row.received_at,
                          row.document.encode("utf-8"))
