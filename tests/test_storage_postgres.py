"""What a school's shared library on PostgreSQL relies on beyond the suites both databases run: the migrations
build the same tables there as in an SQLite file, and a teacher's role with the README's DML-only grants can do
all of Lede's work once the owner has made the tables. Skipped without a server (see conftest.postgres_server)."""

from __future__ import annotations

import uuid
from datetime import datetime, UTC

import psycopg
import pytest
from sqlalchemy import Float, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from desktop_app.core.articles import ArticleDetails
from desktop_app.core.assignments import ON_KEY_MARK, Assignment, Submission
from desktop_app.core.marks import KEY_LAYER, new_mark
from desktop_app.resources import default_categories
from desktop_app.storage.articles import ArticleService
from desktop_app.storage.assignments import AssignmentService
from desktop_app.storage.database import HEAD_REVISION, MIGRATIONS_DIR, DatabaseError, open_database
from desktop_app.storage.marks import MarkService
from desktop_app.storage.removed_work import ARTICLE as ARTICLE_KIND
from desktop_app.storage.removed_work import ASSIGNMENT, SUBMISSIONS, RemovedWorkService
from desktop_app.storage.submissions import SubmissionService

ARTICLE = "The council will vote on Tuesday. Critics slammed the plan, said Ann Lee of the library trust."


def kind_of(column_type) -> str:
    """The generic kind of a reflected type: SQLite's REAL and PostgreSQL's DOUBLE PRECISION are both Float."""
    generic = column_type.as_generic()
    return "Float" if isinstance(generic, Float) else type(generic).__name__


def schema_of(engine) -> dict:
    """Every table's columns (name, kind of type, length, nullable), keys, indexes and unique constraints, in
    terms both databases report alike."""
    found = inspect(engine)
    out = {}
    for table in sorted(found.get_table_names()):
        columns = [(c["name"], kind_of(c["type"]), getattr(c["type"], "length", None), c["nullable"])
                   for c in found.get_columns(table)]
        out[table] = {
            "columns": columns,
            "primary key": found.get_pk_constraint(table)["constrained_columns"],
            "foreign keys": sorted((fk["name"], tuple(fk["constrained_columns"]), fk["referred_table"],
                                    tuple(fk["referred_columns"]), fk["options"].get("ondelete"))
                                   for fk in found.get_foreign_keys(table)),
            # PostgreSQL also lists the index behind each unique constraint; those are compared just below.
            "indexes": sorted((ix["name"], tuple(ix["column_names"]), bool(ix["unique"]))
                              for ix in found.get_indexes(table) if "duplicates_constraint" not in ix),
            "unique": sorted((uq["name"], tuple(uq["column_names"])) for uq in found.get_unique_constraints(table)),
        }
    return out


def test_migrations_build_the_same_tables_and_columns_on_sqlite_and_postgresql(postgres_url, tmp_path):
    on_sqlite = open_database(f"sqlite:///{tmp_path / 'lede.sqlite3'}")
    on_postgres = open_database(postgres_url)
    try:
        sqlite_schema, postgres_schema = schema_of(on_sqlite.engine), schema_of(on_postgres.engine)
        assert on_postgres.current_revision() == HEAD_REVISION
    finally:
        on_sqlite.dispose()
        on_postgres.dispose()
    assert "mark" in postgres_schema and "submission" in postgres_schema
    for table in sqlite_schema.keys() | postgres_schema.keys():
        assert postgres_schema.get(table) == sqlite_schema.get(table), table


# --- the roles of the README's "A shared library on PostgreSQL" ----------------------------------------

def run_sql(url: str, *statements: str) -> None:
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


@pytest.fixture
def teacher_url(postgres_url):
    """The README's set-up on the test server, with the suite's role in the part of lede_owner: default
    privileges first, so the tables the first start makes are the teachers' to read and write (no more)."""
    suffix = uuid.uuid4().hex[:8]  # roles belong to the whole server: unique names, dropped afterwards
    teachers, teacher = f"lede_teachers_{suffix}", f"anna_{suffix}"
    owner = make_url(postgres_url).username
    database = make_url(postgres_url).database
    grants = [
        f"CREATE ROLE {teachers} NOLOGIN",
        f"CREATE ROLE {teacher} LOGIN IN ROLE {teachers}",
        f"GRANT CONNECT ON DATABASE {database} TO {teachers}",
        f"GRANT USAGE ON SCHEMA public TO {teachers}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {teachers}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public GRANT USAGE ON SEQUENCES TO {teachers}",
    ]
    run_sql(postgres_url, *grants)
    yield make_url(postgres_url).set(username=teacher).render_as_string(hide_password=False)
    run_sql(postgres_url,
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
            f"REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM {teachers}",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public REVOKE USAGE ON SEQUENCES FROM {teachers}",
            "DROP SCHEMA public CASCADE", "CREATE SCHEMA public",
            f"REVOKE CONNECT ON DATABASE {database} FROM {teachers}",
            f"DROP ROLE {teacher}", f"DROP ROLE {teachers}")


def test_a_teacher_with_dml_grants_does_all_of_ledes_work_after_the_owner_made_the_tables(postgres_url, teacher_url):
    open_database(postgres_url).dispose()  # the owner's first start: Alembic makes the tables
    db = open_database(teacher_url)  # at head already: nothing for the teacher to migrate
    try:
        articles, marks = ArticleService(db), MarkService(db)
        assignments, submissions = AssignmentService(db), SubmissionService(db)
        article = articles.add(ARTICLE, ArticleDetails(title="Library vote"), state=("sample_added", "1"))
        mark = marks.add(new_mark(article.id, article.text, 34, 41, "source", note="who?"))
        marks.update(mark.with_changes(note="Who are they?"))
        marks.restore(marks.delete(mark.id))
        bin_ = RemovedWorkService(db)
        bin_.bring_back(bin_.take_out(ARTICLE_KIND, [article.id]).id)
        articles.update_details(article.id, ArticleDetails(title="Library vote", outlet="Herald"))
        key = marks.replace_layer(article.id, KEY_LAYER,
                                  [new_mark(article.id, article.text, 42, 49, "loaded_language", layer=KEY_LAYER)])
        made = assignments.create(Assignment(uid="", title="Loaded words", article_id=article.id,
                                             categories=tuple(default_categories())))
        sub = submissions.add(made.id, Submission(
            student_name="Ann", handed_in_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
            marks=(new_mark(0, article.text, 42, 49, "loaded_language"),)))
        submissions.set_grade(sub.id, "A")
        submissions.set_mark_comment(sub.id, (ON_KEY_MARK, key[0].id), "Well found.")
        bin_.bring_back(bin_.take_out(SUBMISSIONS, [sub.id]).id)
        bin_.bring_back(bin_.take_out(ASSIGNMENT, [made.id]).id)
        assert submissions.list_for(made.id)[0].grade == "A"
        assert [m.note for m in marks.list_for(article.id)] == ["Who are they?"]
        assert marks.add(new_mark(article.id, article.text, 4, 11, "source")).id > mark.id
        # DML only: no tables of their own.
        with pytest.raises(ProgrammingError, match="permission denied"), db.engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE teacher_notes (id integer)")
    finally:
        db.dispose()


def test_a_teacher_cannot_upgrade_the_schema_and_is_told_so(postgres_url, teacher_url):
    from alembic import command
    from alembic.config import Config

    owner = open_database(postgres_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with owner.engine.begin() as connection:  # as if a newer Lede, with one more migration, had been installed
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    owner.dispose()
    with pytest.raises(DatabaseError, match="cannot upgrade"):
        open_database(teacher_url)
    owner = open_database(postgres_url)  # the owner's start then upgrades it
    try:
        assert owner.current_revision() == HEAD_REVISION
    finally:
        owner.dispose()
    open_database(teacher_url).dispose()
