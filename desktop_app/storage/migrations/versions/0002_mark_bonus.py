"""Marks get a bonus flag: in a teacher's answer key, a passage worth finding but not required.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not Alembic's batch mode: on SQLite batch mode copies the table into a new one built
# from reflection, which drops AUTOINCREMENT, and SQLite would then hand a deleted mark's id to a new mark
# (an undone delete restores marks with their old ids; see models.ArticleRow).


def upgrade() -> None:
    # The server default fills the rows already there (every existing mark is a required one, or an own
    # mark, where the flag means nothing), and is what lets SQLite add a NOT NULL column in place.
    op.add_column("mark", sa.Column("bonus", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("mark", "bonus")  # SQLite 3.35+ drops a column in place
