"""Suggested key marks: the teacher's decision on each one (accepted, edited or rejected), for acceptance rates.

- ``suggestion_decision``: one row per decision, with the suggestion's passage and reason and, when accepted,
  the key mark it became. No foreign key to the article, so the figures outlive a removed article.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suggestion_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("decision", sa.String(10), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("model", sa.String(40), nullable=False),
        sa.Column("mark_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestion_decision")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_suggestion_decision_article_id"), "suggestion_decision", ["article_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_suggestion_decision_article_id"), table_name="suggestion_decision")
    op.drop_table("suggestion_decision")
