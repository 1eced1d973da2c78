"""The tables, as typed SQLAlchemy 2 declarative models.

Constraint names come from a naming convention so Alembic migrations stay identical on SQLite and
PostgreSQL. The article text is deferred: listing the library never loads it.
"""

from __future__ import annotations

from datetime import datetime, UTC

from sqlalchemy import (JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Text,
                        TypeDecorator, UniqueConstraint, false)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator):
    """Aware UTC datetimes on every backend: SQLite forgets the zone, so it is put back on reading."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            # Naive means UTC here; an aware time in another zone is turned into UTC, since SQLite keeps the
            # clock time and drops the offset (09:30+01:00 would read back as 09:30 UTC).
            value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value

    def process_result_value(self, value, dialect):
        if value is not None:
            # PostgreSQL hands times back in the server's zone (a school's server may run on Berlin time):
            # the same instant, but the rest of Lede expects UTC, as SQLite gives it.
            value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ArticleRow(Base):
    __tablename__ = "article"
    # AUTOINCREMENT: SQLite would otherwise hand a deleted row's id to the next new row, and an undone
    # delete (which restores the old id) or the event log could then meet two different rows with one id.
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012 - SQLAlchemy reads it from the class

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(500), default="")
    outlet: Mapped[str] = mapped_column(String(300), default="")
    author: Mapped[str] = mapped_column(String(300), default="")
    published: Mapped[str] = mapped_column(String(40), default="")
    url: Mapped[str] = mapped_column(String(2000), default="")
    text: Mapped[str] = mapped_column(Text, deferred=True)  # NOT NULL, like the migration
    text_sha256: Mapped[str] = mapped_column(String(64))
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    direction: Mapped[str] = mapped_column(String(3), default="ltr")
    source_name: Mapped[str] = mapped_column(String(500), default="")
    source_format: Mapped[str] = mapped_column(String(10), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    marks: Mapped[list[MarkRow]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )


class MarkRow(Base):
    __tablename__ = "mark"
    __table_args__ = (Index("ix_mark_article_layer", "article_id", "layer"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    layer: Mapped[str] = mapped_column(String(40), default="own")
    category: Mapped[str] = mapped_column(String(40))
    start: Mapped[int] = mapped_column(Integer)  # code points
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    extra: Mapped[dict] = mapped_column(JSON, default=dict)
    # Answer-key marks only (see core.marks): the server default is what migration 0002 gave old rows.
    bonus: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    article: Mapped[ArticleRow] = relationship(back_populates="marks")


class EventRow(Base):
    """Every change, as a row: the history of the work is data (when was a mark added, changed, undone)."""

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    action: Mapped[str] = mapped_column(String(40))
    article_id: Mapped[int | None] = mapped_column(Integer, index=True)
    mark_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


class AppStateRow(Base):
    """Small facts about this database, such as whether the sample article was ever added."""

    __tablename__ = "app_state"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


# --- the classroom: assignments handed out, submissions handed back (migration 0003) ---------------
# Every id table here keeps AUTOINCREMENT for the same reason as ArticleRow: an undone delete brings rows
# back with their old ids, so SQLite must never have handed those ids to new rows meanwhile.


class AssignmentRow(Base):
    """An article handed out: by this teacher (role "teacher") or to this student (role "student")."""

    __tablename__ = "assignment"
    # Unique with the role and the copy: a teacher may open her own pack on the same machine to try it as a
    # student, and on a shared lab account several students each work in their own copy (copy_no 0, 1, ...).
    __table_args__ = (UniqueConstraint("uid", "role", "copy_no"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(10))
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    instructions: Mapped[str] = mapped_column(Text, default="")
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    categories: Mapped[list] = mapped_column(JSON, default=list)  # core.categories.category_to_data dicts
    minimums: Mapped[dict] = mapped_column(JSON, default=dict)
    total_points: Mapped[float] = mapped_column(Float)
    seal: Mapped[str] = mapped_column(String(64))
    student_name: Mapped[str] = mapped_column(String(80), default="")
    handed_in_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    handed_in_path: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    copy_no: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # migration 0004
    # Migration 0005: the reasoning (core.reasoning) and when feedback shows the key (core.assignments).
    reasoning_weight: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    require_notes: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    release_key: Mapped[str] = mapped_column(String(10), default="never", server_default="never")
    # Migration 0006, role "student": the SHA-256 of the latest hand-in's file, so the teacher's feedback on
    # that very file finds this copy (core.feedback); None before the first hand-in, or one made before 0006.
    handed_in_sha256: Mapped[str | None] = mapped_column(String(64))


class SubmissionRow(Base):
    """One student's hand-in, in the teacher's library: one per student per assignment."""

    __tablename__ = "submission"
    __table_args__ = (UniqueConstraint("assignment_id", "student_key"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"), index=True)
    student_name: Mapped[str] = mapped_column(String(80))
    student_key: Mapped[str] = mapped_column(String(80))  # core.assignments.student_key of the name
    handed_in_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    source_file: Mapped[str] = mapped_column(String(500), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    grade: Mapped[str] = mapped_column(String(40), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The class-list entry this hand-in belongs to, once matched (migration 0004). No foreign key: the column
    # was added in place, and SQLite cannot add one that way; a member removed with the class list leaves an
    # orphan the roster shows as "not on the list", and ClassListService clears it when it replaces a list.
    member_id: Mapped[int | None] = mapped_column(Integer)


class SubmissionMarkRow(Base):
    """A student's mark as handed in; the teacher's comment on it sits beside it."""

    __tablename__ = "submission_mark"
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012 - SQLAlchemy reads it from the class

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(40))
    start: Mapped[int] = mapped_column(Integer)  # code points
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    extra: Mapped[dict] = mapped_column(JSON, default=dict)
    teacher_comment: Mapped[str] = mapped_column(Text, default="")
    note_rating: Mapped[int | None] = mapped_column(Integer)  # 0, 1 or 2, or not rated (migration 0005)
    # The mark's id in the student's own library, when the hand-in said (migration 0006): feedback names it so.
    library_id: Mapped[int | None] = mapped_column(Integer)


class ReviewCommentRow(Base):
    """The teacher's comment to one student on a key mark (typically one the student missed)."""

    __tablename__ = "review_comment"
    __table_args__ = (UniqueConstraint("submission_id", "key_mark_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"))
    # A mark.id of the article's key layer. No foreign key: re-importing the key replaces its marks, and a
    # cascade would then delete the teacher's comments without a word; an orphan is merely not shown.
    key_mark_id: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class FeedbackRow(Base):
    """In a student's library: the teacher's feedback on the copy's hand-in, as the feedback file held it
    (migration 0006). One per copy; a newer file replaces it."""

    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("assignment_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(String(500), default="")
    file_sha256: Mapped[str] = mapped_column(String(64))
    made_at: Mapped[datetime] = mapped_column(UtcDateTime())  # by the teacher's clock
    received_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    document: Mapped[str] = mapped_column(Text)  # feedback.json as the file held it (exchange.feedback)


class ClassMemberRow(Base):
    """One student of an assignment's class list, in the list's order (migration 0004)."""

    __tablename__ = "class_member"
    __table_args__ = (UniqueConstraint("assignment_id", "student_key"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(80))
    student_key: Mapped[str] = mapped_column(String(80))
    lms_id: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")


class RemovedWorkRow(Base):
    """The bin (File ▸ Recently removed): work that was removed — an article with its class, an assignment
    with its hand-ins, hand-ins replaced or taken out — as the rows it took, to be put back with the same ids
    (migration 0004). Undo uses the same entry, so what undo brings back and what the bin brings back agree."""

    __tablename__ = "removed_work"
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012 - SQLAlchemy reads it from the class

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    removed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(20))  # "article", "assignment" or "submissions"
    label: Mapped[str] = mapped_column(String(500))  # what the person sees in the bin
    article_id: Mapped[int | None] = mapped_column(Integer)
    assignment_id: Mapped[int | None] = mapped_column(Integer)
    counts: Mapped[dict] = mapped_column(JSON, default=dict)  # storage.rowsets.Loss as a dict
    rows: Mapped[str] = mapped_column(Text)  # storage.rowsets.RowSet as JSON


class SuggestionDecisionRow(Base):
    """A teacher's answer to one suggested key mark: accepted (as suggested or to be edited) or rejected, so the
    acceptance rate of each category can be shown and measured (migration 0005). No foreign key to the article:
    the figures outlive an article removed from the library. Suggestions themselves are never stored."""

    __tablename__ = "suggestion_decision"
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012 - SQLAlchemy reads it from the class

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    article_id: Mapped[int] = mapped_column(Integer, index=True)
    category: Mapped[str] = mapped_column(String(40))
    decision: Mapped[str] = mapped_column(String(10))  # "accepted", "edited" or "rejected"
    start: Mapped[int] = mapped_column(Integer)  # the suggestion's passage, code points
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    model: Mapped[str] = mapped_column(String(40), default="")  # which models suggested it
    mark_id: Mapped[int | None] = mapped_column(Integer)  # the key mark an accepted suggestion became
