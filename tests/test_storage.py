"""The storage layer: migrations, the services and atomicity on SQLite and PostgreSQL (see conftest's
database_url); SQLite's durability settings, its files, backups and what survives a killed process."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text as sql

from desktop_app.core.articles import ArticleDetails
from desktop_app.core.marks import KEY_LAYER, Mark, new_mark
from desktop_app.storage.articles import ArticleService
from desktop_app.storage.database import HEAD_REVISION, MIGRATIONS_DIR, Database, DatabaseError, open_database
from desktop_app.storage.marks import MarkService
from desktop_app.storage.models import AppStateRow, ArticleRow, Base, EventRow, MarkRow
from desktop_app.storage.removed_work import ARTICLE as ARTICLE_KIND
from desktop_app.storage.removed_work import RemovedWorkService

ARTICLE = ("Councillors will vote on Tuesday on a plan to axe the Eastgate library.\n\n"
           "Critics slammed the proposal. \u201cIt is a lifeline,\u201d said Zo\u00eb Marchetti.")
# Emoji (astral, a ZWJ sequence), combining marks, Hebrew and Arabic: every offset is in code points.
WORLD = ("Launch \U0001F469\U0001F3FD\u200D\U0001F680 day \U0001F600! Cafe\u0301 Vi\u00ea\u0323\u0302t.\n\n"
         "\u05d4\u05de\u05d5\u05e2\u05e6\u05d4 \u05ea\u05e6\u05d1\u05d9\u05e2 "
         "\u05d4\u05d9\u05d5\u05dd \U0001F5F3\ufe0f "
         "\u0633\u064a\u0635\u0648\u062a \u0627\u0644\u0645\u062c\u0644\u0633 \U00020BB7 end")


def url_for(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture()
def db(database_url):
    database = open_database(database_url)
    yield database
    database.dispose()


@pytest.fixture()
def sqlite_db(tmp_path):
    database = open_database(url_for(tmp_path / "x.sqlite3"))
    yield database
    database.dispose()


@pytest.fixture()
def articles(db):
    return ArticleService(db)


@pytest.fixture()
def marks(db):
    return MarkService(db)


def span(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence):
        pos = text.index(quote, pos + 1)
    return pos, pos + len(quote)


def mark_on(article, quote: str, category: str = "source", occurrence: int = 1, **kw) -> Mark:
    return new_mark(article.id, article.text, *span(article.text, quote, occurrence), category, **kw)


def events(db) -> list[EventRow]:
    with db.reading() as s:
        return list(s.scalars(select(EventRow).order_by(EventRow.id)))


def count(db, model) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(model))


# --- opening and migrating -----------------------------------------------------------------------

def test_migrating_an_empty_database_creates_every_table_and_stamps_head(database_url, tmp_path):
    db = open_database(database_url)
    try:
        assert db.sqlite_path is None or db.sqlite_path.is_file()
        tables = set(inspect(db.engine).get_table_names())
        assert tables == {"article", "mark", "event", "app_state", "assignment", "submission", "submission_mark",
                          "review_comment", "class_member", "removed_work", "feedback", "suggestion_decision",
                          "alembic_version"}
        assert db.current_revision() == HEAD_REVISION
        assert not list(tmp_path.glob("*.bak"))  # nothing to back up on a fresh file
    finally:
        db.dispose()


def test_head_revision_is_the_newest_migration():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    assert script.get_heads() == [HEAD_REVISION]


def test_second_open_does_not_migrate_again(database_url, tmp_path, monkeypatch):
    url = database_url
    first = open_database(url)
    ArticleService(first).add("kept across opens", ArticleDetails(title="Kept"))
    first.dispose()

    import alembic.command

    def no_upgrade(*_a, **_k):
        raise AssertionError("migrations ran on an up-to-date database")

    monkeypatch.setattr(alembic.command, "upgrade", no_upgrade)
    second = open_database(url)
    try:
        assert second.current_revision() == HEAD_REVISION
        assert [a.details.title for a in ArticleService(second).list()] == ["Kept"]
        assert not list(tmp_path.glob("*.bak"))
    finally:
        second.dispose()


def test_orm_models_match_the_migrated_schema(db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_migrated_columns_are_not_null_where_the_models_say_so(db):
    # compare_metadata above covers this too; spelled out for the columns the services rely on.
    columns = {c["name"]: c for c in inspect(db.engine).get_columns("article")}
    assert columns["text"]["nullable"] is False
    assert ArticleRow.__table__.c.text.nullable is False
    mark_columns = {c["name"]: c for c in inspect(db.engine).get_columns("mark")}
    assert mark_columns["quote"]["nullable"] is False
    fks = inspect(db.engine).get_foreign_keys("mark")
    assert fks and fks[0]["referred_table"] == "article" and fks[0]["options"].get("ondelete") == "CASCADE"


def test_pragmas_on_every_connection(sqlite_db):
    db = sqlite_db
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    with db.transaction() as s:
        assert s.execute(sql("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(sql("PRAGMA synchronous")).scalar() == 2


def test_foreign_keys_are_enforced(db):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.transaction() as s:
        s.add(MarkRow(article_id=999, category="source", start=0, end=1, quote="x"))
    assert count(db, MarkRow) == 0


def test_missing_folders_are_created(tmp_path):
    path = tmp_path / "not" / "yet" / "there" / "lede.sqlite3"
    db = open_database(url_for(path))
    try:
        assert path.is_file()
        assert db.current_revision() == HEAD_REVISION
    finally:
        db.dispose()


def test_garbage_file_gives_a_clear_database_error(tmp_path):
    path = tmp_path / "garbage.sqlite3"
    junk = os.urandom(8192)
    path.write_bytes(junk)
    with pytest.raises(DatabaseError) as info:
        open_database(url_for(path))
    message = str(info.value)
    assert "could not open its library" in message and "damaged" in message
    assert str(path) in message
    assert "--db" in message  # says what to try
    assert path.read_bytes() == junk  # the user's file is left alone


def test_another_programs_sqlite_file_gives_database_error(tmp_path):
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE article (isbn TEXT)")
    con.execute("INSERT INTO article VALUES ('978-0')")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="cannot upgrade"):
        open_database(url_for(path))
    con = sqlite3.connect(path)
    assert con.execute("SELECT isbn FROM article").fetchall() == [("978-0",)]
    con.close()


def test_database_from_a_newer_lede_is_refused_and_left_alone(database_url, tmp_path):
    db = open_database(database_url)
    ArticleService(db).add("written by a newer version", ArticleDetails(title="Future"))
    with db.transaction() as s:
        s.execute(sql("UPDATE alembic_version SET version_num = '9999'"))
    db.dispose()
    with pytest.raises(DatabaseError, match="at revision 9999"):
        open_database(database_url)
    untouched = Database(database_url)  # opened without upgrading
    try:
        assert [a.details.title for a in ArticleService(untouched).list()] == ["Future"]
        assert untouched.current_revision() == "9999"
    finally:
        untouched.dispose()
    if untouched.sqlite_path is not None:  # a file is also copied aside before any upgrade is tried
        assert len(list(tmp_path.glob(f"{untouched.sqlite_path.name}.*.bak"))) == 1


# --- articles ------------------------------------------------------------------------------------

def test_add_and_get_article(articles, db):
    details = ArticleDetails(title="Eastgate library", outlet="Herald", author="Nell", published="2026-10-14",
                             url="https://example.org/a")
    a = articles.add(ARTICLE, details, source_name="eastgate.txt", source_format="txt")
    assert a.id is not None
    assert a.text == ARTICLE
    assert a.details == details
    assert a.direction == "ltr"
    assert a.source_name == "eastgate.txt"
    assert a.text_sha256 == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    again = articles.get(a.id)
    assert again == a
    assert again.text_sha256 == a.text_sha256
    assert articles.get(a.id + 100) is None
    assert [e.action for e in events(db)] == ["article_added"]
    assert events(db)[0].article_id == a.id
    assert events(db)[0].detail == {"source": "eastgate.txt"}


def test_add_normalises_the_text(articles):
    a = articles.add("\ufeffLine one  \r\nLine two\r\n\r\n\r\n\r\nEnd\x00", ArticleDetails())
    assert a.text == "Line one\nLine two\n\nEnd"
    assert articles.get(a.id).text == "Line one\nLine two\n\nEnd"


def test_add_refuses_empty_text_and_stores_nothing(articles, db):
    from desktop_app.core.text import ArticleTextError

    with pytest.raises(ArticleTextError):
        articles.add(" \r\n ", ArticleDetails(title="Empty"), state=("sample_added", "1"))
    assert count(db, ArticleRow) == 0
    assert count(db, EventRow) == 0
    assert articles.state("sample_added") is None


def test_over_long_details_are_cut_to_the_column_size(articles):
    a = articles.add("text", ArticleDetails(title="T" * 600, published="2026-10-14" * 10))
    assert len(a.details.title) == 500
    assert len(articles.get(a.id).details.published) == 40


def test_rtl_article_direction(articles):
    a = articles.add("\u05d4\u05de\u05d5\u05e2\u05e6\u05d4 \u05ea\u05e6\u05d1\u05d9\u05e2 \u05d4\u05d9\u05d5\u05dd",
                     ArticleDetails())
    assert a.direction == "rtl"
    assert articles.get(a.id).direction == "rtl"


def test_list_gives_summaries_newest_first_with_mark_counts(articles, marks):
    first = articles.add("one two three", ArticleDetails(title="First"))
    second = articles.add(ARTICLE, ArticleDetails(title="Second", outlet="Herald"))
    third = articles.add("only words here", ArticleDetails())
    for quote in ("axe", "slammed", "lifeline"):
        marks.add(mark_on(second, quote, "loaded_language"))
    marks.add(mark_on(first, "two"))
    # A teacher's answer key is not work done on the article: only the own layer is counted.
    marks.add(mark_on(first, "three", layer=KEY_LAYER))
    marks.replace_layer(third.id, KEY_LAYER, [mark_on(third, "only", bonus=True), mark_on(third, "words")])
    listed = articles.list()
    assert [s.id for s in listed] == [third.id, second.id, first.id]
    assert [s.mark_count for s in listed] == [0, 3, 1]
    assert [s.word_count for s in listed] == [3, len(ARTICLE.split()), 3]
    assert listed[1].details == ArticleDetails(title="Second", outlet="Herald")
    assert listed[0].display_title == f"Untitled article {third.id}"
    assert listed[1].display_title == "Second"


def test_list_of_an_empty_library(articles):
    assert articles.list() == []


def test_update_details(articles, db):
    a = articles.add(ARTICLE, ArticleDetails(title="Old"))
    result = articles.update_details(a.id, ArticleDetails(title="  New title  ", outlet="Herald", url="u" * 2100))
    assert result == ArticleDetails(title="New title", outlet="Herald", url="u" * 2000)
    assert articles.get(a.id).details == result
    assert articles.get(a.id).text == ARTICLE  # the text is untouched
    ev = events(db)[-1]
    assert (ev.action, ev.article_id, ev.detail) == ("article_details_changed", a.id,
                                                      {"before": "Old", "after": "New title"})
    with pytest.raises(LookupError):
        articles.update_details(a.id + 1, ArticleDetails(title="x"))


def test_removing_an_article_keeps_it_in_the_bin_and_bringing_it_back_restores_it_exactly(articles, marks, db):
    bin_ = RemovedWorkService(db)
    keep = articles.add("another article", ArticleDetails(title="Keep"))
    kept_mark = marks.add(mark_on(keep, "another"))
    a = articles.add(ARTICLE, ArticleDetails(title="Doomed", author="Nell"), source_name="d.md",
                     source_format="md")
    m1 = marks.add(mark_on(a, "axe", "loaded_language", note="violent", extra={"neutral_alternative": "close"}))
    m2 = marks.add(mark_on(a, "Zo\u00eb Marchetti", "source", extra={"source_kind": "named_person"}))
    m3 = marks.add(mark_on(a, "Critics slammed the proposal.", "opposing_view"))
    before = marks.list_for(a.id)

    removal = bin_.take_out(ARTICLE_KIND, [a.id])
    assert articles.get(a.id) is None
    assert marks.list_for(a.id) == []
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(MarkRow).where(MarkRow.article_id == a.id)) == 0
    assert [m.id for m in marks.list_for(keep.id)] == [kept_mark.id]  # other articles untouched
    assert removal.loss.marks == 3 and removal.label == "“Doomed”" and {m1.id, m2.id, m3.id} <= {m.id for m in before}
    assert [e.id for e in bin_.entries()] == [removal.id]
    assert events(db)[-1].action == "work_removed"
    assert events(db)[-1].detail["marks"] == 3
    with pytest.raises(LookupError):
        bin_.take_out(ARTICLE_KIND, [a.id])

    bin_.bring_back(removal.id)
    restored = articles.get(a.id)
    assert restored.details == ArticleDetails(title="Doomed", author="Nell")
    assert restored.text == ARTICLE
    assert restored.source_name == "d.md"
    after = marks.list_for(a.id)
    assert after == before  # same ids, quotes, notes, extras and creation times
    assert events(db)[-1].action == "work_restored"
    assert bin_.entries() == []
    assert {s.id: s.mark_count for s in articles.list()} == {a.id: 3, keep.id: 1}
    with pytest.raises(LookupError):  # the entry went with the bringing back: it cannot come back twice
        bin_.bring_back(removal.id)


def test_state_is_recorded_with_the_article(articles):
    assert articles.state("sample_added") is None
    articles.add(ARTICLE, ArticleDetails(title="Sample"), state=("sample_added", "1"))
    assert articles.state("sample_added") == "1"
    articles.add("second", ArticleDetails(), state=("sample_added", "2"))  # merge: replaces the value
    assert articles.state("sample_added") == "2"
    articles.set_state("other", "x")
    assert articles.state("other") == "x"


def test_state_and_article_share_one_transaction(articles, db, refuse_inserts):
    # Make writing this one state key fail inside the database: the article must not be added either.
    refuse_inserts(db, "app_state", "NEW.key = 'boom'")
    with pytest.raises(Exception, match="refused"):
        articles.add(ARTICLE, ArticleDetails(title="Never"), state=("boom", "1"))
    assert count(db, ArticleRow) == 0
    assert count(db, EventRow) == 0
    assert articles.list() == []
    articles.add(ARTICLE, ArticleDetails(title="Fine"), state=("ok", "1"))
    assert [x.details.title for x in articles.list()] == ["Fine"]


# --- marks ---------------------------------------------------------------------------------------

def test_mark_add_update_delete_restore(articles, marks, db):
    a = articles.add(ARTICLE, ArticleDetails())
    draft = mark_on(a, "slammed", "loaded_language", note="angry", extra={"neutral_alternative": "criticised"})
    m = marks.add(draft)
    assert m.id is not None
    assert (m.quote, m.prefix, m.suffix, m.note, m.extra) == (draft.quote, draft.prefix, draft.suffix, "angry",
                                                              {"neutral_alternative": "criticised"})
    assert m.created_at is not None and m.created_at.tzinfo is not None
    assert m.created_at.utcoffset() == UTC.utcoffset(None)
    assert marks.list_for(a.id) == [m]

    changed = marks.update(m.with_changes(note="sounds angry", category="opposing_view"))
    assert changed.note == "sounds angry" and changed.category == "opposing_view"
    assert changed.id == m.id and changed.created_at == m.created_at
    assert marks.list_for(a.id) == [changed]

    moved = marks.update(changed.moved_to(a.text, *span(a.text, "Critics slammed")))
    assert moved.quote == "Critics slammed" and moved.quote == a.text[moved.start:moved.end]

    gone = marks.delete(m.id)
    assert gone == moved
    assert marks.list_for(a.id) == []
    with pytest.raises(LookupError):
        marks.delete(m.id)
    with pytest.raises(LookupError):
        marks.update(moved)

    back = marks.restore(gone)
    assert back == gone  # same id, same creation time
    assert marks.list_for(a.id) == [gone]

    actions = [(e.action, e.mark_id) for e in events(db) if e.action.startswith("mark_")]
    assert actions == [("mark_added", m.id), ("mark_changed", m.id), ("mark_changed", m.id),
                       ("mark_deleted", m.id), ("mark_added", m.id)]
    changed_events = [e for e in events(db) if e.action == "mark_changed"]
    assert changed_events[0].detail == {"fields": ["category", "note"]}
    assert changed_events[1].detail == {"fields": ["prefix", "quote", "start"]}  # same end, same suffix
    added = next(e for e in events(db) if e.action == "mark_added")
    assert added.article_id == a.id
    assert added.detail == {"category": "loaded_language", "start": m.start, "end": m.end}
    assert all(e.at.tzinfo is not None for e in events(db))


def test_restore_needs_an_id(articles, marks):
    a = articles.add(ARTICLE, ArticleDetails())
    with pytest.raises(ValueError):
        marks.restore(mark_on(a, "axe"))


def test_mark_on_a_missing_article_is_refused_and_leaves_nothing(articles, marks, db):
    a = articles.add(ARTICLE, ArticleDetails())
    before = count(db, EventRow)
    with pytest.raises(LookupError):
        marks.add(mark_on(a, "axe").with_changes(article_id=a.id + 1))
    assert count(db, MarkRow) == 0
    assert count(db, EventRow) == before


def test_restore_after_the_article_went_is_refused(articles, marks, db):
    a = articles.add(ARTICLE, ArticleDetails())
    m = marks.add(mark_on(a, "axe"))
    marks.delete(m.id)
    RemovedWorkService(db).take_out(ARTICLE_KIND, [a.id])
    with pytest.raises(LookupError):
        marks.restore(m)
    assert count(db, MarkRow) == 0


def test_ids_put_back_by_undo_are_never_handed_out_again(articles, marks, db):
    # Undo restores rows with their old ids. New rows must still get ids never used before (SQLite's
    # AUTOINCREMENT, PostgreSQL's sequences, which explicit ids do not move), or a redo would clash.
    a = articles.add(ARTICLE, ArticleDetails(title="A"))
    first = marks.add(mark_on(a, "axe"))
    newest = marks.add(mark_on(a, "slammed"))
    marks.delete(newest.id)  # undo of the newest add...
    meanwhile = marks.add(mark_on(a, "lifeline"))
    assert meanwhile.id > newest.id
    assert marks.restore(newest) == newest  # ...and its redo
    marks.restore(marks.delete(first.id))
    later = marks.add(mark_on(a, "Critics"))
    assert later.id > meanwhile.id

    removal = RemovedWorkService(db).take_out(ARTICLE_KIND, [a.id])  # its marks go along; all come back by id
    other = articles.add("another article", ArticleDetails(title="B"))
    assert other.id > a.id
    RemovedWorkService(db).bring_back(removal.id)
    assert articles.get(a.id) is not None
    assert {m.id for m in marks.list_for(a.id)} == {first.id, newest.id, meanwhile.id, later.id}
    assert articles.add("a third", ArticleDetails(title="C")).id > other.id
    assert marks.add(mark_on(other, "another")).id > later.id


def test_list_for_is_in_reading_order_and_by_layer(articles, marks):
    a = articles.add(ARTICLE, ArticleDetails())
    other = articles.add("other article text", ArticleDetails())
    late = marks.add(mark_on(a, "lifeline"))
    inner = marks.add(mark_on(a, "axe"))
    outer = marks.add(mark_on(a, "plan to axe the Eastgate"))
    twin = marks.add(mark_on(a, "axe", "loaded_language"))
    first = marks.add(mark_on(a, "Councillors"))
    key = marks.add(mark_on(a, "Critics", layer="key"))
    marks.add(mark_on(other, "other"))
    assert [m.id for m in marks.list_for(a.id)] == [first.id, outer.id, inner.id, twin.id, late.id]
    assert [m.id for m in marks.list_for(a.id, layer="key")] == [key.id]
    assert marks.list_for(a.id + 100) == []


def test_unicode_text_round_trips_byte_exact(articles, marks, db):
    a = articles.add(WORLD, ArticleDetails(title="\u05e9\u05dc\u05d5\u05dd \U0001F600"))
    quotes = ["\U0001F469\U0001F3FD\u200D\U0001F680", "\U0001F600", "Cafe\u0301", "Vi\u00ea\u0323\u0302t",
              "\u05ea\u05e6\u05d1\u05d9\u05e2", "\U0001F5F3\ufe0f", "\u0627\u0644\u0645\u062c\u0644\u0633",
              "\U00020BB7 end", "Launch \U0001F469\U0001F3FD\u200D\U0001F680 day \U0001F600"]
    for q in quotes:
        marks.add(mark_on(a, q, note=f"note on {q}"))

    # Reopen from disk to be sure nothing is only in memory.
    db.dispose()
    again = open_database(db.url)
    try:
        got = ArticleService(again).get(a.id)
        assert got.text.encode("utf-8") == WORLD.encode("utf-8")
        assert got.details.title == "\u05e9\u05dc\u05d5\u05dd \U0001F600"
        assert hashlib.sha256(got.text.encode("utf-8")).hexdigest() == got.text_sha256
        stored = MarkService(again).list_for(a.id)
        assert sorted(m.quote for m in stored) == sorted(quotes)
        for m in stored:
            assert got.text[m.start:m.end] == m.quote
            assert m.note == f"note on {m.quote}"
            assert m.prefix == got.text[max(0, m.start - 32):m.start]
    finally:
        again.dispose()
    # And as the database itself sees it: the stored bytes are the UTF-8 of the text.
    as_bytes = "CAST(text AS BLOB)" if db.is_sqlite else "convert_to(text, 'UTF8')"
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql(f"SELECT {as_bytes} FROM article").scalar() == WORLD.encode("utf-8")


# --- transactions --------------------------------------------------------------------------------

def test_exception_inside_a_transaction_rolls_everything_back(articles, db):
    a = articles.add(ARTICLE, ArticleDetails(title="Before"))
    with pytest.raises(RuntimeError, match="boom"), db.transaction() as s:
        s.add(AppStateRow(key="half", value="done"))
        s.get(ArticleRow, a.id).title = "Changed"
        s.add(EventRow(action="test", detail={}))
        s.flush()  # the rows reached the database inside the transaction...
        assert s.get(AppStateRow, "half") is not None
        raise RuntimeError("boom")
    # ...and are gone after the rollback.
    assert articles.state("half") is None
    assert articles.get(a.id).details.title == "Before"
    assert [e.action for e in events(db)] == ["article_added"]


def test_transaction_commits_at_the_end_of_the_block(articles, db):
    with db.transaction() as s:
        s.add(AppStateRow(key="k", value="v"))
    # Another program's connection sees it at once.
    other = Database(db.url)
    try:
        with other.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT value FROM app_state WHERE key = 'k'").fetchall() == [("v",)]
    finally:
        other.dispose()


# --- a killed process loses nothing it committed -------------------------------------------------

CHILD = textwrap.dedent("""
    import os, signal, sys
    from desktop_app.core.articles import ArticleDetails
    from desktop_app.core.marks import new_mark
    from desktop_app.storage.articles import ArticleService
    from desktop_app.storage.database import open_database
    from desktop_app.storage.marks import MarkService

    url, limit, mode, text = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    db = open_database(url)
    article = ArticleService(db).add(text, ArticleDetails(title="Killed"))
    print("article", article.id, flush=True)
    service = MarkService(db)
    words = article.text.split(" ")
    i = 0
    while i < limit:
        start = sum(len(w) + 1 for w in words[: i % len(words)])
        end = start + len(words[i % len(words)])
        mark = service.add(new_mark(article.id, article.text, start, end, "source", note=f"note {i} \\u2713"))
        print("committed", i, mark.id, flush=True)
        i += 1
        if mode == "self" and i == limit:
            os.kill(os.getpid(), signal.SIGKILL)
    print("finished", flush=True)
""")

KILL_TEXT = "Launch \U0001F680 day: \u05e9\u05dc\u05d5\u05dd and cafe\u0301 in Eastgate " * 3


def expected_quote(text: str, i: int) -> str:
    words = text.split(" ")
    return words[i % len(words)]


def start_child(tmp_path: Path, limit: int, mode: str) -> subprocess.Popen:
    with open(tmp_path / "child.err", "wb") as err:
        return subprocess.Popen(
            [sys.executable, "-c", CHILD, url_for(tmp_path / "killed.sqlite3"), str(limit), mode,
             KILL_TEXT.strip()],
            stdout=subprocess.PIPE, stderr=err, text=True, encoding="utf-8", cwd=tmp_path,
            env={**os.environ, "PYTHONUTF8": "1"},
        )


def check_after_kill(tmp_path: Path, article_id: int, acknowledged: dict[int, int]) -> None:
    path = tmp_path / "killed.sqlite3"
    db = open_database(url_for(path))
    try:
        article = ArticleService(db).get(article_id)
        assert article is not None and article.text == KILL_TEXT.strip()
        by_id = {m.id: m for m in MarkService(db).list_for(article_id)}
        for i, mark_id in acknowledged.items():
            assert mark_id in by_id, f"acknowledged mark {i} (id {mark_id}) was lost"
            m = by_id[mark_id]
            assert m.quote == expected_quote(article.text, i)
            assert m.note == f"note {i} \u2713"
            assert article.text[m.start:m.end] == m.quote
        # Anything committed after the last acknowledgement is whole too, never half a row.
        for m in by_id.values():
            assert article.text[m.start:m.end] == m.quote
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        db.dispose()


def read_acknowledgements(proc: subprocess.Popen, stop_after: int | None = None) -> tuple[int, dict[int, int]]:
    article_id = None
    acknowledged: dict[int, int] = {}
    for line in proc.stdout:
        parts = line.split()
        if parts[0] == "article":
            article_id = int(parts[1])
        elif parts[0] == "committed":
            acknowledged[int(parts[1])] = int(parts[2])
            if stop_after is not None and len(acknowledged) >= stop_after:
                break
    return article_id, acknowledged


@pytest.mark.slow
def test_process_that_kills_itself_after_its_last_commit_loses_nothing(tmp_path):
    proc = start_child(tmp_path, 40, "self")
    try:
        article_id, acknowledged = read_acknowledgements(proc)
        assert proc.wait(timeout=30) == -signal.SIGKILL, (tmp_path / "child.err").read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    assert article_id is not None
    assert sorted(acknowledged) == list(range(40))
    assert (tmp_path / "killed.sqlite3-wal").exists()  # killed before any checkpoint could tidy up
    check_after_kill(tmp_path, article_id, acknowledged)
    db = open_database(url_for(tmp_path / "killed.sqlite3"))
    try:
        assert len(MarkService(db).list_for(article_id)) == 40
    finally:
        db.dispose()


@pytest.mark.slow
def test_process_killed_while_adding_marks_loses_nothing_acknowledged(tmp_path):
    proc = start_child(tmp_path, 1_000_000, "loop")
    try:
        article_id, acknowledged = read_acknowledgements(proc, stop_after=50)
        os.kill(proc.pid, signal.SIGKILL)  # mid-loop, probably mid-transaction
        assert proc.wait(timeout=30) == -signal.SIGKILL
        # Lines printed before the kill may still be in the pipe: they are acknowledgements too.
        _, late = read_acknowledgements(proc)
        acknowledged.update(late)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    assert article_id is not None, (tmp_path / "child.err").read_text()
    assert len(acknowledged) >= 50
    check_after_kill(tmp_path, article_id, acknowledged)


def test_database_faults_become_one_sentence_that_says_what_to_do():
    """A full disk, a read-only folder or an unreachable server, as the driver words them, become one sentence
    for the person; the driver's words (and SQLAlchemy's links) stay in the log."""
    import sqlite3 as driver

    from sqlalchemy.exc import OperationalError

    from desktop_app.storage.faults import explain

    def fault(words: str) -> OperationalError:
        return OperationalError("INSERT INTO mark ...", {}, driver.OperationalError(words))

    full = explain(fault("database or disk is full"), "/home/ana/.local/share/lede")
    assert "disk that holds its library (/home/ana/.local/share/lede) is full" in full and "Free some space" in full
    read_only = explain(fault("attempt to write a readonly database"), "/mnt/lab")
    assert "may not write to its library" in read_only and "--db" in read_only
    away = explain(fault('connection failed: connection to server at "10.0.0.5" failed: Connection refused'),
                   "10.0.0.5")
    assert "cannot reach the school's library server" in away
    for message in (full, read_only, away):
        assert "sqlalche.me" not in message and "INSERT" not in message and message.endswith(".")
