"""Helpers for tests that play a school lab: an assignment made on a teacher's desk, hand-ins written as a
student's Lede writes them, and a dump of every table to compare a library before and after."""

from __future__ import annotations

from datetime import datetime, timedelta, UTC
from pathlib import Path

from sqlalchemy import inspect, select

from desktop_app.core.assignments import Assignment
from desktop_app.core.marks import new_mark
from desktop_app.exchange.pack import text_sha256
from desktop_app.exchange.submission import write_submission
from desktop_app.resources import default_categories

# The log of what happened and the bin record that things happened; everything else is the library's content.
NOT_CONTENT = {"event", "removed_work", "alembic_version"}


def make_assignment(window, title: str = "Sources") -> Assignment:
    made = window.assignments.create(Assignment(
        uid="", title=title, article_id=window.desk.article.id, categories=tuple(default_categories()),
        due_at=datetime.now(UTC) + timedelta(days=1)))
    assert made is not None, window.last_problem
    return made


def hand_in(window, assignment: Assignment, folder: Path, name: str, quotes, hours_ago: float = 1,
            notes: dict[str, str] | None = None) -> Path:
    """A hand-in as a student's Lede writes it, made here without a student's window."""
    text = window.desk.article.text
    marks = [new_mark(1, text, text.index(q), text.index(q) + len(q), "source",
                      note=(notes or {}).get(q, f"{name} on {q}")) for q in quotes]
    folder.mkdir(parents=True, exist_ok=True)
    path, _ = write_submission(folder, assignment, text_sha256(text), name, marks,
                               datetime.now(UTC) - timedelta(hours=hours_ago))
    return path


def dump(db) -> dict[str, list[dict]]:
    """Every row of every content table, in id order: two dumps are equal when the library holds the same."""
    out: dict[str, list[dict]] = {}
    with db.engine.connect() as conn:
        from sqlalchemy import MetaData

        meta = MetaData()
        meta.reflect(conn)
        for name in sorted(inspect(conn).get_table_names()):
            if name in NOT_CONTENT:
                continue
            table = meta.tables[name]
            keys = list(table.primary_key.columns) or list(table.columns)
            out[name] = [dict(r._mapping) for r in conn.execute(select(table).order_by(*keys))]
    return out
