"""The teacher's answer-key layer: the key file reader, replacing a layer in storage (on SQLite and PostgreSQL,
conftest's database_url), the schema upgrade that added the bonus flag, and the sample getting its key on
first start."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import func, inspect, select

from desktop_app.core.articles import ArticleDetails
from desktop_app.core.marks import KEY_LAYER, OWN_LAYER, new_mark
from desktop_app.core.text import normalize_article_text
from desktop_app.importers.answer_key import MAX_KEY_BYTES, answer_key_from_bytes, read_answer_key
from desktop_app.importers.base import ArticleImportError
from desktop_app.resources import default_categories, resource_path
from desktop_app.storage.articles import ArticleService
from desktop_app.storage.database import HEAD_REVISION, MIGRATIONS_DIR, Database, open_database
from desktop_app.storage.marks import MarkService
from desktop_app.storage.removed_work import ARTICLE as ARTICLE_KIND
from desktop_app.storage.removed_work import RemovedWorkService
from desktop_app.storage.models import Base, EventRow, MarkRow

CATEGORIES = default_categories()
ARTICLE = ("The council will vote on Tuesday. Councillor Ann Lee said the library is a drain on money. "
           "Critics slammed the plan. A spokesperson for the council denies it: the council says the library "
           "is rarely used, and the council will decide.")


@pytest.fixture(scope="module")
def sample():
    folder = resource_path("sample")
    text = normalize_article_text((folder / "article.txt").read_text(encoding="utf-8"))
    entries = json.loads((folder / "key.json").read_text(encoding="utf-8"))["marks"]
    return text, entries


@pytest.fixture()
def db(database_url):
    database = open_database(database_url)
    yield database
    database.dispose()


def key_file(tmp_path, marks, name="key.json", **top):
    path = tmp_path / name
    path.write_text(json.dumps({"format": "lede-answer-key", "version": 1, "article": "a.txt", "marks": marks,
                                **top}), encoding="utf-8")
    return path


def entry(quote, category="loaded_language", **kw):
    return {"category": category, "quote": quote, "occurrence": 1, "note": "", "extra": {}, "required": True, **kw}


def span(text, quote, occurrence=1):
    pos = -1
    for _ in range(occurrence):
        pos = text.index(quote, pos + 1)
    return pos, pos + len(quote)


def table_counts(db):
    with db.reading() as s:
        return (s.scalar(select(func.count()).select_from(MarkRow)),
                s.scalar(select(func.count()).select_from(EventRow)))


# --- reading key files ---------------------------------------------------------------------------

def test_the_sample_key_loads_fully(sample):
    text, entries = sample
    marks = read_answer_key(resource_path("sample", "key.json"), text, CATEGORIES, article_id=7)
    assert len(marks) == len(entries) == 30
    assert sum(m.bonus for m in marks) == 5
    for m, e in zip(marks, entries, strict=True):  # the file's order
        assert (m.id, m.article_id, m.layer) == (None, 7, KEY_LAYER)
        assert text[m.start:m.end] == m.quote == e["quote"]
        assert (m.start, m.end) == span(text, e["quote"], e["occurrence"])
        assert m.prefix == text[max(0, m.start - 32):m.start] and m.suffix == text[m.end:m.end + 32]
        assert (m.category, m.note, m.extra, m.bonus) == (e["category"], e["note"], e["extra"], not e["required"])
    assert {m.category for m in marks} == set(CATEGORIES.keys)


def test_occurrence_picks_the_nth_appearance_and_defaults_fill_in(tmp_path):
    path = key_file(tmp_path, [
        entry("the council", "source", occurrence=2, extra={"source_kind": "named_organisation"}),
        {"category": "unattributed_claim", "quote": "the library is rarely used"},  # every optional field left out
        entry("slammed", required=False, note="Critics “slammed”: angry", extra={"neutral_alternative": ""}),
        entry("the library", "attributed_claim", occurrence=2, extra={"attributed_to": "the council"}),
    ])
    marks = read_answer_key(path, ARTICLE, CATEGORIES)
    assert [(m.start, m.end) for m in marks] == [span(ARTICLE, "the council", 2),
                                                 span(ARTICLE, "the library is rarely used"),
                                                 span(ARTICLE, "slammed"), span(ARTICLE, "the library", 2)]
    assert marks[0].extra == {"source_kind": "named_organisation"}
    assert (marks[1].note, marks[1].extra, marks[1].bonus) == ("", {}, False)
    assert (marks[2].bonus, marks[2].note, marks[2].extra) == (True, "Critics “slammed”: angry", {})
    assert marks[3].extra == {"attributed_to": "the council"}
    assert all(m.article_id == 0 and m.layer == KEY_LAYER for m in marks)


def test_a_key_with_a_byte_order_mark_or_in_utf16_is_read(tmp_path):
    data = json.dumps({"format": "lede-answer-key", "version": 1, "marks": [entry("slammed")]})
    for encoded in (b"\xef\xbb\xbf" + data.encode("utf-8"), data.encode("utf-16")):
        (tmp_path / "k.json").write_bytes(encoded)
        assert [m.quote for m in read_answer_key(tmp_path / "k.json", ARTICLE, CATEGORIES)] == ["slammed"]


BAD_KEYS = [
    # (what the file holds, a phrase the message must contain: what is wrong or what to do)
    ("not json", b"{\"format\": \"lede-answer-key\",\n  \"version\": 1,\n  marks: []}", "line 3, column 3"),
    ("binary", bytes(range(256)) * 4, "line 1, column 1 is not valid JSON"),
    ("latin-1", '{"format": "lede-answer-key", "note": "café"}'.encode("latin-1"), "save it again as UTF-8"),
    ("nested past any key", b"[" * 100_000 + b"]" * 100_000, "not JSON text"),
    ("empty", b"  \n", "is empty"),
    ("list", b"[1, 2]", "not a Lede answer key"),
    ("other format", {"format": "lede-categories", "version": 1, "marks": []}, "not a Lede answer key"),
    ("newer version", {"version": 2}, "update Lede"),
    ("no version", {"version": None}, "which answer-key version"),
    ("version true", {"version": True}, "which answer-key version"),
    ("no marks", {"marks": []}, "lists no marks"),
    ("marks not a list", {"marks": {"quote": "x"}}, "lists no marks"),
    ("entry not an object", ["slammed"], "Mark 1 in “key.json” is not an entry"),
    ("unknown category", [entry("slammed"), entry("axe", "propaganda")],
     "Mark 2 in “key.json” has the category “propaganda”, which Lede does not know"),
    ("no quote", [entry("  ")], "has no quote"),
    ("quote not in text", [entry("Councillor Bob")], "quotes “Councillor Bob”, which is not in the article"),
    ("occurrence too high", [entry("the council", "source", occurrence=4)], "the article has it only 3 times"),
    ("occurrence once", [entry("slammed", occurrence=2)], "the article has it once"),
    ("occurrence zero", [entry("slammed", occurrence=0)], "whole number from 1"),
    ("occurrence text", [entry("slammed", occurrence="2")], "whole number from 1"),
    ("required text", [entry("slammed", required="yes")], "make it true, or false"),
    ("note a number", [entry("slammed", note=3)], "note that is not text"),
    ("extra a list", [entry("slammed", extra=["calm"])], "not a set of text answers"),
    ("extra of another category", [entry("slammed", extra={"source_kind": "document"})],
     "a Loaded language mark takes only “neutral_alternative”"),
    ("extra on a category without one", [entry("rarely used", "unattributed_claim", extra={"side": "x"})],
     "takes none"),
    ("choice not offered", [entry("Councillor Ann Lee", "source", extra={"source_kind": "rumour"})],
     "“rumour”, which is not one of named_person"),
    ("attribution to no source", [entry("a drain on money", "attributed_claim",
                                        extra={"attributed_to": "Councillor Ann Lee"})],
     "not the quote of any Source mark"),
    ("repeated", [entry("slammed"), entry("axe") | {"quote": "slammed"}], "Mark 2 in “key.json” repeats mark 1"),
]


@pytest.mark.parametrize("content, phrase", [case[1:] for case in BAD_KEYS], ids=[case[0] for case in BAD_KEYS])
def test_a_bad_key_gives_one_clear_sentence_and_leaves_the_database_unchanged(tmp_path, db, content, phrase):
    articles, marks = ArticleService(db), MarkService(db)
    article = articles.add(ARTICLE, ArticleDetails(title="Vote"))
    own = marks.add(new_mark(article.id, article.text, *span(ARTICLE, "Critics"), "opposing_view"))
    old_key = marks.replace_layer(article.id, KEY_LAYER,
                                  [new_mark(article.id, article.text, *span(ARTICLE, "drain"), "loaded_language",
                                            layer=KEY_LAYER, bonus=True)])
    before = table_counts(db)

    path = tmp_path / "key.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, list):
        key_file(tmp_path, content)
    else:
        path.write_text(json.dumps({"format": "lede-answer-key", "version": 1, "marks": [entry("slammed")],
                                    **content}), encoding="utf-8")
    with pytest.raises(ArticleImportError) as info:
        marks.replace_layer(article.id, KEY_LAYER, read_answer_key(path, article.text, CATEGORIES, article.id))
    message = str(info.value)
    assert phrase in message
    assert "key.json" in message
    assert message.endswith(".") and len(re.findall(r"[.!?](?=\s[A-Z]|$)", message)) == 1, "one sentence"
    assert table_counts(db) == before
    assert marks.list_for(article.id, KEY_LAYER) == old_key
    assert marks.list_for(article.id) == [own]


def test_files_that_are_not_keys_at_all(tmp_path):
    with pytest.raises(ArticleImportError, match=r"cannot find the answer key “gone\.json”.*choose the file again"):
        read_answer_key(tmp_path / "gone.json", ARTICLE, CATEGORIES)
    (tmp_path / "keys").mkdir()
    with pytest.raises(ArticleImportError, match="“keys” is a folder"):
        read_answer_key(tmp_path / "keys", ARTICLE, CATEGORIES)
    big = tmp_path / "big.json"
    with open(big, "wb") as f:
        f.truncate(MAX_KEY_BYTES + 1)  # sparse: the size alone refuses it, nothing is read
    with pytest.raises(ArticleImportError, match=r"“big.json” is 5 MB.*keys of up to 5 MB.*key's \.json file"):
        read_answer_key(big, ARTICLE, CATEGORIES)
    with pytest.raises(ArticleImportError, match="more than 5 MB"):
        answer_key_from_bytes(b" " * (MAX_KEY_BYTES + 1) + b"{}", "pasted.json", ARTICLE, CATEGORIES)


# --- storing a layer -----------------------------------------------------------------------------

def key_marks(article, *quotes, bonus=()):
    return [new_mark(article.id, article.text, *span(article.text, q), "loaded_language", layer=KEY_LAYER,
                     bonus=q in bonus) for q in quotes]


def test_replace_layer_swaps_the_key_and_leaves_everything_else(db):
    articles, marks = ArticleService(db), MarkService(db)
    a = articles.add(ARTICLE, ArticleDetails(title="A"))
    other = articles.add(ARTICLE, ArticleDetails(title="B"))
    own = marks.add(new_mark(a.id, a.text, *span(ARTICLE, "drain"), "loaded_language"))
    other_key = marks.replace_layer(other.id, KEY_LAYER, key_marks(other, "slammed"))

    first = marks.replace_layer(a.id, KEY_LAYER, key_marks(a, "slammed", "drain", bonus=("drain",)))
    assert [(m.quote, m.bonus, m.layer, m.article_id) for m in first] == [("slammed", False, KEY_LAYER, a.id),
                                                                          ("drain", True, KEY_LAYER, a.id)]
    assert all(m.id is not None and m.created_at is not None for m in first)
    assert marks.list_for(a.id, KEY_LAYER) == sorted(first, key=lambda m: m.start)  # bonus round-trips

    second = marks.replace_layer(a.id, KEY_LAYER, key_marks(a, "rarely used", bonus=("rarely used",)))
    assert marks.list_for(a.id, KEY_LAYER) == second
    assert not {m.id for m in first} & {m.id for m in second}
    assert marks.list_for(a.id) == [own]  # the own layer is untouched...
    assert marks.list_for(other.id, KEY_LAYER) == other_key  # ...and so is another article's key
    assert {s.id: s.mark_count for s in articles.list()} == {a.id: 1, other.id: 0}

    cleared = marks.replace_layer(a.id, KEY_LAYER, [])
    assert cleared == [] and marks.list_for(a.id, KEY_LAYER) == []
    with db.reading() as s:
        logged = [(e.article_id, e.detail) for e in s.scalars(select(EventRow).where(
            EventRow.action == "layer_replaced").order_by(EventRow.id))]
    assert logged == [(other.id, {"layer": "key", "removed": 0, "added": 1, "bonus": 0}),
                      (a.id, {"layer": "key", "removed": 0, "added": 2, "bonus": 1}),
                      (a.id, {"layer": "key", "removed": 2, "added": 1, "bonus": 1}),
                      (a.id, {"layer": "key", "removed": 1, "added": 0, "bonus": 0})]


def test_replace_layer_is_all_or_nothing(db, refuse_inserts):
    articles, marks = ArticleService(db), MarkService(db)
    a = articles.add(ARTICLE, ArticleDetails())
    old = marks.replace_layer(a.id, KEY_LAYER, key_marks(a, "drain", "slammed"))
    before = table_counts(db)
    # The database refuses the third new mark: the two before it, and the deletion, must be undone too.
    refuse_inserts(db, "mark", "NEW.quote = 'rarely used'")
    with pytest.raises(Exception, match="refused"):
        marks.replace_layer(a.id, KEY_LAYER, key_marks(a, "Critics", "council", "rarely used", "Tuesday"))
    assert table_counts(db) == before
    assert marks.list_for(a.id, KEY_LAYER) == old


def test_replace_layer_refuses_what_it_cannot_store_whole(db):
    articles, marks = ArticleService(db), MarkService(db)
    a = articles.add(ARTICLE, ArticleDetails())
    old = marks.replace_layer(a.id, KEY_LAYER, key_marks(a, "slammed"))
    before = table_counts(db)
    with pytest.raises(LookupError):
        marks.replace_layer(a.id + 1, KEY_LAYER, [])
    with pytest.raises(ValueError, match="own marks"):
        marks.replace_layer(a.id, OWN_LAYER, [])
    with pytest.raises(ValueError, match="ids"):
        marks.replace_layer(a.id, KEY_LAYER, old)
    shifted = key_marks(a, "drain")[0]
    with pytest.raises(ValueError, match="do not quote the article's text"):  # read against another text
        marks.replace_layer(a.id, KEY_LAYER, [shifted.with_changes(start=shifted.start + 1, end=shifted.end + 1)])
    assert table_counts(db) == before
    assert marks.list_for(a.id, KEY_LAYER) == old


def test_an_article_added_with_its_key_is_one_transaction(db, refuse_inserts):
    articles, marks = ArticleService(db), MarkService(db)
    text = ARTICLE.replace(". ", ".\r\n\r\n\r\n")  # the marks are read against the text as it is stored
    stored = normalize_article_text(text)
    key = [new_mark(0, stored, *span(stored, "slammed"), "loaded_language", layer=KEY_LAYER, bonus=True)]
    a = articles.add(text, ArticleDetails(title="With key"), state=("with_key", "1"), layers={KEY_LAYER: key})
    got = marks.list_for(a.id, KEY_LAYER)
    assert [(m.article_id, m.quote, m.bonus, stored[m.start:m.end]) for m in got] == [(a.id, "slammed", True,
                                                                                       "slammed")]
    assert [s.mark_count for s in articles.list()] == [0]

    refuse_inserts(db, "mark", "NEW.layer = 'key'")
    before = table_counts(db)
    with pytest.raises(Exception, match="refused"):
        articles.add(text, ArticleDetails(title="Never"), state=("never", "1"), layers={KEY_LAYER: key})
    assert [x.details.title for x in articles.list()] == ["With key"]
    assert articles.state("never") is None
    assert table_counts(db) == before


def test_bonus_round_trips_through_update_and_an_undone_article_delete(db):
    articles, marks = ArticleService(db), MarkService(db)
    a = articles.add(ARTICLE, ArticleDetails())
    own = marks.add(new_mark(a.id, a.text, *span(ARTICLE, "Critics"), "opposing_view"))
    key = marks.replace_layer(a.id, KEY_LAYER, key_marks(a, "drain", "slammed", bonus=("drain",)))
    changed = marks.update(key[1].with_changes(bonus=True))
    assert changed.bonus is True
    with db.reading() as s:
        last = s.scalars(select(EventRow).order_by(EventRow.id.desc())).first()
    assert last.detail == {"fields": ["bonus"]}

    bin_ = RemovedWorkService(db)
    removal = bin_.take_out(ARTICLE_KIND, [a.id])
    assert removal.loss.marks == 3
    bin_.bring_back(removal.id)
    assert [(m.id, m.bonus) for m in marks.list_for(a.id, KEY_LAYER)] == [(key[0].id, True), (key[1].id, True)]
    assert marks.list_for(a.id) == [own]


# --- the schema upgrade --------------------------------------------------------------------------

def migrate(url: str, revision: str, down: bool = False) -> None:
    """Runs Lede's own migrations to ``revision``, as Database.upgrade does, but not to the head."""
    db = Database(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            (command.downgrade if down else command.upgrade)(config, revision)
    finally:
        db.dispose()


def test_a_revision_0001_database_upgrades_and_keeps_its_marks(tmp_path):
    assert HEAD_REVISION == "0007"
    path = tmp_path / "old.sqlite3"
    url = f"sqlite:///{path}"
    migrate(url, "0001")
    # What Lede 0001 wrote: an article with an own mark and a key mark, in the columns of that schema.
    con = sqlite3.connect(path)
    assert "bonus" not in {row[1] for row in con.execute("PRAGMA table_info(mark)")}
    con.execute("INSERT INTO article (id, title, outlet, author, published, url, text, text_sha256, word_count, "
                "direction, source_name, source_format, created_at) VALUES (1, 'Old', '', '', '', '', ?, '', 40, "
                "'ltr', '', 'txt', '2026-11-01 10:00:00')", (ARTICLE,))
    for mark_id, layer, quote in ((1, "own", "slammed"), (2, "key", "drain")):
        start, end = span(ARTICLE, quote)
        con.execute('INSERT INTO mark (id, article_id, layer, category, start, "end", quote, prefix, suffix, note, '
                    "extra, created_at, updated_at) VALUES (?, 1, ?, 'loaded_language', ?, ?, ?, '', '', 'n', "
                    "'{}', '2026-11-01 10:00:00', '2026-11-01 10:00:00')", (mark_id, layer, start, end, quote))
    con.commit()
    con.close()

    db = open_database(url)
    try:
        assert db.current_revision() == "0007"
        marks = MarkService(db)
        assert [(m.id, m.quote, m.bonus) for m in marks.list_for(1)] == [(1, "slammed", False)]
        assert [(m.id, m.quote, m.bonus) for m in marks.list_for(1, KEY_LAYER)] == [(2, "drain", False)]
        columns = {c["name"]: c for c in inspect(db.engine).get_columns("mark")}
        assert columns["bonus"]["nullable"] is False
        from alembic.autogenerate import compare_metadata
        from alembic.migration import MigrationContext

        with db.engine.connect() as conn:  # the upgraded file is exactly what a fresh one would be
            context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
            assert compare_metadata(context, Base.metadata) == []
        new = marks.replace_layer(1, KEY_LAYER, key_marks(ArticleService(db).get(1), "Critics", bonus=("Critics",)))
        assert marks.list_for(1, KEY_LAYER) == new and new[0].bonus
        # The table kept AUTOINCREMENT (a copied table would lose it): the replaced key mark's id 2 is not
        # handed out again, so an undone delete can never meet another mark with its id.
        assert new[0].id == 3
        with db.engine.connect() as conn:
            schema = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'mark'").scalar()
        assert "AUTOINCREMENT" in schema
    finally:
        db.dispose()

    # The file as it was before the upgrade was copied aside, and is still a readable 0001 database.
    backups = list(tmp_path.glob("old.sqlite3.*.bak"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert con.execute("SELECT id, layer FROM mark ORDER BY id").fetchall() == [(1, "own"), (2, "key")]
    con.close()


def test_the_bonus_migration_can_be_undone(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    db = open_database(url)
    a = ArticleService(db).add(ARTICLE, ArticleDetails())
    MarkService(db).replace_layer(a.id, KEY_LAYER, key_marks(a, "drain", bonus=("drain",)))
    db.dispose()
    migrate(url, "0001", down=True)
    con = sqlite3.connect(tmp_path / "x.sqlite3")
    assert "bonus" not in {row[1] for row in con.execute("PRAGMA table_info(mark)")}
    assert con.execute("SELECT quote, layer FROM mark").fetchall() == [("drain", "key")]
    con.close()
    db = open_database(url)  # and up again: the lost flag comes back as the default
    try:
        assert [(m.quote, m.bonus) for m in MarkService(db).list_for(a.id, KEY_LAYER)] == [("drain", False)]
    finally:
        db.dispose()


# --- the sample gets its key ---------------------------------------------------------------------

def test_the_sample_gets_its_key_on_first_start_and_the_desk_shows_only_own_marks(make_window, db_url, sample):
    from PySide6.QtCore import Qt

    from desktop_app.storage.first_paint import read_first_article

    text, entries = sample
    window = make_window()
    desk = window.desk
    article = desk.article
    assert article is not None and article.text == text
    key = desk.library.marks.service.list_for(article.id, KEY_LAYER)
    assert len(key) == 30 and sum(m.bonus for m in key) == 5
    assert sorted((m.quote, m.category, m.note, m.bonus) for m in key) == sorted(
        (e["quote"], e["category"], e["note"], not e["required"]) for e in entries)
    assert all(text[m.start:m.end] == m.quote for m in key)
    assert len(desk.marks) == 0, "the desk shows the own layer only"
    assert window.panel.list_model.rowCount() == len(CATEGORIES), "only the category headers, no marks"
    assert [s.mark_count for s in desk.library.articles.summaries()] == [0]
    assert "0 marks" in window.library_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert read_first_article(db_url, article.id) == (article, []), "the fast first paint skips the key too"

    window.close()
    again = make_window()  # a second start adds neither the sample nor its key again
    assert len(again.desk.library.articles.summaries()) == 1
    assert again.desk.library.marks.service.list_for(article.id, KEY_LAYER) == key
    assert len(again.desk.marks) == 0
