"""Feedback back into Lede: the teacher's review of a hand-in goes back as a file the student's Lede opens.

- ``submission_mark.library_id`` (teacher's library): a handed-in mark's id in the student's own library, so the
  feedback names the student's very mark.
- ``assignment.handed_in_sha256`` (student's library): the SHA-256 of the copy's latest hand-in, so feedback on
  that file finds its copy, even on a shared lab account with several copies.
- ``feedback`` (student's library): the feedback received on a copy, one per copy.

Plain nullable ADD COLUMNs and a new table: rows already there get "no id known" and "no hand-in recorded",
which is how a hand-in made before this revision is treated (its feedback is found by name).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("submission_mark", sa.Column("library_id", sa.Integer(), nullable=True))
    op.add_column("assignment", sa.Column("handed_in_sha256", sa.String(64), nullable=True))
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["assignment_id"], ["assignment.id"],
                                name=op.f("fk_feedback_assignment_id_assignment"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
        sa.UniqueConstraint("assignment_id", name=op.f("uq_feedback_assignment_id")),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("feedback")
    op.drop_column("assignment", "handed_in_sha256")
    op.drop_column("submission_mark", "library_id")
