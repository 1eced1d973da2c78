"""The classroom: assignments, the submissions handed back, and the teacher's review of them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# New tables only: nothing here touches article or mark (batch mode on those would drop AUTOINCREMENT,
# see 0002). Every id table is AUTOINCREMENT for the same reason as article: undo restores old ids.


def upgrade() -> None:
    op.create_table(
        "assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("instructions", sa.Text(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("minimums", sa.JSON(), nullable=False),
        sa.Column("total_points", sa.Float(), nullable=False),
        sa.Column("seal", sa.String(64), nullable=False),
        sa.Column("student_name", sa.String(80), nullable=False),
        sa.Column("handed_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handed_in_path", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], name=op.f("fk_assignment_article_id_article"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
        sa.UniqueConstraint("uid", "role", name=op.f("uq_assignment_uid")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_assignment_article_id"), "assignment", ["article_id"])
    op.create_table(
        "submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("student_name", sa.String(80), nullable=False),
        sa.Column("student_key", sa.String(80), nullable=False),
        sa.Column("handed_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source_file", sa.String(500), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("grade", sa.String(40), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["assignment_id"], ["assignment.id"],
                                name=op.f("fk_submission_assignment_id_assignment"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission")),
        sa.UniqueConstraint("assignment_id", "student_key", name=op.f("uq_submission_assignment_id")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_submission_assignment_id"), "submission", ["assignment_id"])
    op.create_table(
        "submission_mark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("teacher_comment", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submission.id"],
                                name=op.f("fk_submission_mark_submission_id_submission"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_mark")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_submission_mark_submission_id"), "submission_mark", ["submission_id"])
    op.create_table(
        "review_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("key_mark_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submission.id"],
                                name=op.f("fk_review_comment_submission_id_submission"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_comment")),
        sa.UniqueConstraint("submission_id", "key_mark_id", name=op.f("uq_review_comment_submission_id")),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("review_comment")
    op.drop_index(op.f("ix_submission_mark_submission_id"), table_name="submission_mark")
    op.drop_table("submission_mark")
    op.drop_index(op.f("ix_submission_assignment_id"), table_name="submission")
    op.drop_table("submission")
    op.drop_index(op.f("ix_assignment_article_id"), table_name="assignment")
    op.drop_table("assignment")
