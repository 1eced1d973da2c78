"""The reasoning counts: a teacher's rating of each note, how much reasoning weighs in an assignment's points,
whether every mark needs a note, and when feedback may show the key.

Plain ADD COLUMN with server defaults (no table built anew): the rows already there get "not rated", weight 0,
no notes required and the key never released, which is how Lede behaved before.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("submission_mark", sa.Column("note_rating", sa.Integer(), nullable=True))
    op.add_column("assignment", sa.Column("reasoning_weight", sa.Float(), nullable=False, server_default="0"))
    op.add_column("assignment", sa.Column("require_notes", sa.Boolean(), nullable=False,
                                          server_default=sa.false()))
    op.add_column("assignment", sa.Column("release_key", sa.String(10), nullable=False, server_default="never"))


def downgrade() -> None:
    op.drop_column("assignment", "release_key")
    op.drop_column("assignment", "require_notes")
    op.drop_column("assignment", "reasoning_weight")
    op.drop_column("submission_mark", "note_rating")
