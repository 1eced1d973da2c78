"""A shared lab: several students' copies of one assignment, class lists, and the bin of removed work.

- ``assignment.copy_no``: on one lab account, each student who opens the same pack works in a copy of their own;
  the unique constraint becomes (uid, role, copy_no).
- ``class_member``: an assignment's class list; ``submission.member_id`` links a hand-in to its entry.
- ``removed_work``: the bin (File ▸ Recently removed), whose entries undo also uses.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_ASSIGNMENT_COLUMNS = ("id", "uid", "role", "article_id", "title", "instructions", "due_at", "categories", "minimums",
                       "total_points", "seal", "student_name", "handed_in_at", "handed_in_path", "created_at")


def _assignment_table(name: str) -> None:
    """The assignment table as of 0004, under ``name``; constraint names are those of the naming convention
    for "assignment", so the table matches the models once it carries that name."""
    op.create_table(
        name,
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
        sa.Column("copy_no", sa.Integer(), nullable=False, server_default="0"),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], name="fk_assignment_article_id_article",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_assignment"),
        sa.UniqueConstraint("uid", "role", "copy_no", name="uq_assignment_uid"),
        sqlite_autoincrement=True,
    )


def _rebuild_assignment_on_sqlite() -> None:
    """SQLite cannot drop a table's UNIQUE constraint, so the table is built anew beside the old one and takes
    its name (Database.upgrade runs this with foreign keys off, so dropping the old table does not cascade into
    the hand-ins; it checks them before committing). Not Alembic's batch mode, which would lose AUTOINCREMENT.
    The AUTOINCREMENT counter is carried over: ids of removed assignments (in the bin, in the undo history)
    must never be handed to new ones."""
    bind = op.get_bind()
    counter = bind.exec_driver_sql("SELECT seq FROM sqlite_sequence WHERE name = 'assignment'").scalar()
    _assignment_table("_assignment_0004")
    columns = ", ".join(f'"{c}"' for c in _ASSIGNMENT_COLUMNS)
    op.execute(f'INSERT INTO _assignment_0004 ({columns}) SELECT {columns} FROM assignment')
    op.drop_index("ix_assignment_article_id", table_name="assignment")
    op.drop_table("assignment")
    op.rename_table("_assignment_0004", "assignment")
    op.create_index("ix_assignment_article_id", "assignment", ["article_id"])
    if counter is not None:
        bind.exec_driver_sql("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'assignment'", (counter,))


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_assignment_on_sqlite()
    else:
        op.add_column("assignment", sa.Column("copy_no", sa.Integer(), nullable=False, server_default="0"))
        op.drop_constraint("uq_assignment_uid", "assignment", type_="unique")
        op.create_unique_constraint("uq_assignment_uid", "assignment", ["uid", "role", "copy_no"])

    op.create_table(
        "class_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("student_key", sa.String(80), nullable=False),
        sa.Column("lms_id", sa.String(100), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(["assignment_id"], ["assignment.id"],
                                name=op.f("fk_class_member_assignment_id_assignment"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_class_member")),
        sa.UniqueConstraint("assignment_id", "student_key", name=op.f("uq_class_member_assignment_id")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_class_member_assignment_id"), "class_member", ["assignment_id"])
    # Added in place (no rebuild of the submission table): a plain nullable column, without a foreign key.
    op.add_column("submission", sa.Column("member_id", sa.Integer(), nullable=True))

    op.create_table(
        "removed_work",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("label", sa.String(500), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("assignment_id", sa.Integer(), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("rows", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_removed_work")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_removed_work_removed_at"), "removed_work", ["removed_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_removed_work_removed_at"), table_name="removed_work")
    op.drop_table("removed_work")
    op.drop_column("submission", "member_id")
    op.drop_index(op.f("ix_class_member_assignment_id"), table_name="class_member")
    op.drop_table("class_member")
    # The copies' uniqueness is not taken back: a library holding two students' copies could not have it.
