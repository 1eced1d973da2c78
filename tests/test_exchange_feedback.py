"""The feedback file (.ledefeedback): round trips, the key only when released, a grade edited by hand refused, every
kind of bad file refused with its name and reason; a hand-in's marks carrying their ids in the student's library;
and the student's Lede finding its own marks again."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from datetime import UTC, datetime

import pytest

from desktop_app.core.feedback import Feedback, FeedbackPoints, MarkFeedback, MissedPassage, place_feedback
from desktop_app.core.marks import new_mark
from desktop_app.exchange import (ExchangeError, check_feedback, feedback_bytes, feedback_file_name, pack_bytes,
                                  read_feedback, read_submission, text_sha256, write_feedback)
from test_exchange import (ARTICLE, ROOT, TEXT, make_assignment, make_submission, make_zip, members_of, refused,
                           span_of, student_marks, with_json)

MADE = datetime(2025, 3, 5, 16, 2, 11, tzinfo=UTC)
KEY_NOTE = "KEYNOTE-5e1d-sentinel: whose words are these?"
KEY_COMMENT = "KEYCOMMENT-77a0-sentinel"


def _mark(quote: str, category: str, comment: str, rating: int | None, library_id: int | None = None,
          note: str = "my note") -> MarkFeedback:
    start, end = span_of(quote)
    return MarkFeedback(library_id, category, start, end, quote, note, comment, rating)


def _missed() -> tuple[MissedPassage, ...]:
    start, end = span_of("a drain on money")
    other_start, other_end = span_of("rarely used")
    return (MissedPassage("loaded_language", start, end, "a drain on money", False, KEY_NOTE, KEY_COMMENT),
            MissedPassage("unattributed_claim", other_start, other_end, "rarely used", True, "Says who?", ""))


def make_feedback(assignment, released: bool = True, **changes) -> Feedback:
    values = dict(
        assignment_uid=assignment.uid, assignment_title=assignment.title, article_sha256=text_sha256(TEXT),
        student_name="Ana Garc\u00eda", hand_in_sha256="ab" * 32,
        handed_in_at=datetime(2025, 2, 28, 17, 45, tzinfo=UTC),
        made_at=MADE, grade="B+", comment="Good eye for <b>sources</b>.\nSay how each would know.",
        points=FeedbackPoints(7.5, 10.0, 4.5, 3.0, 0.4, 5, 1),
        marks=(_mark("Councillor Ann Lee", "source", "Yes: and how would she know?", 2, library_id=17),
               _mark("slammed", "loaded_language", "", 0)),
        key_released=released, missed=_missed() if released else ())
    values.update(changes)
    return Feedback(**values)


@pytest.fixture(scope="module")
def assignment():
    return make_assignment()


# --- writing and reading -------------------------------------------------------------------------------------------

def test_feedback_round_trip_keeps_every_field(assignment, tmp_path):
    written = write_feedback(tmp_path, make_feedback(assignment), assignment.seal)
    assert written.name == "ana-garcia-eastgate-library.ledefeedback" == feedback_file_name("Ana Garc\u00eda",
                                                                                             assignment.title)
    received = read_feedback(written)
    assert received.feedback == make_feedback(assignment)
    assert received.file_sha256 == hashlib.sha256(written.read_bytes()).hexdigest()
    assert received.shown_name == written.name
    check_feedback(received, assignment, TEXT)
    assert [n for n, _ in members_of(written.read_bytes())] == ["mimetype", "feedback.json", "README.txt"]
    assert written.read_bytes()[38:38 + 33] == b"application/vnd.lede.feedback+zip"


def test_an_unreleased_key_leaves_no_passage_offset_or_note_in_the_file(assignment):
    with pytest.raises(ValueError, match="released"):
        make_feedback(assignment, released=False, missed=_missed())
    data = feedback_bytes(make_feedback(assignment, released=False), assignment.seal)
    document = json.loads(dict(members_of(data))["feedback.json"])
    assert document["key_released"] is False and document["missed"] == []
    inflated = b"".join(content for _, content in members_of(data)).decode("utf-8")
    for k in _missed():
        assert k.note not in inflated and k.quote not in inflated
        assert f'"start": {k.start}' not in inflated and f'"end": {k.end}' not in inflated
    assert KEY_COMMENT not in inflated
    # The released file does hold them: the test above is one that could fail.
    released = b"".join(c for _, c in members_of(feedback_bytes(make_feedback(assignment), assignment.seal)))
    assert KEY_NOTE.encode() in released and KEY_COMMENT.encode() in released


def test_a_file_with_key_passages_but_no_release_is_refused(assignment):
    data = feedback_bytes(make_feedback(assignment), assignment.seal)
    forged = with_json(data, "feedback.json", lambda d: d.update(key_released=False))
    refused(read_feedback, forged, "corrupt", "ana.ledefeedback", "not released")


@pytest.mark.parametrize("change", [
    pytest.param(lambda d: d.update(grade="A+"), id="the grade"),
    pytest.param(lambda d: d["points"].update(points=10.0), id="the points"),
    pytest.param(lambda d: d["marks"][0].update(comment="Perfect."), id="a comment"),
    pytest.param(lambda d: d["marks"][0].update(rating=2) or d["marks"][1].update(rating=2), id="a rating"),
    pytest.param(lambda d: d["missed"].pop(), id="a missed passage removed"),
])
def test_feedback_edited_by_hand_is_refused(assignment, change):
    data = with_json(feedback_bytes(make_feedback(assignment), assignment.seal), "feedback.json", change)
    received = read_feedback(data, "ana.ledefeedback")  # well-formed: only the checksum can tell
    with pytest.raises(ExchangeError) as caught:
        check_feedback(received, assignment, TEXT)
    assert caught.value.reason == "edited" and "ana.ledefeedback was changed after" in str(caught.value)
    assert "Ask your teacher for a fresh copy" in str(caught.value)


def test_feedback_for_another_assignment_or_another_text(assignment):
    other = make_assignment("Library closure")
    received = read_feedback(feedback_bytes(make_feedback(other), other.seal), "ana.ledefeedback")
    with pytest.raises(ExchangeError) as caught:
        check_feedback(received, assignment, TEXT)
    assert caught.value.reason == "other_assignment" and "Library closure" in str(caught.value)
    # Another assignment's feedback given this one's uid: its seal differs, so it is caught as edited.
    forged = read_feedback(with_json(feedback_bytes(make_feedback(other), other.seal), "feedback.json",
                                     lambda d: d.update(assignment_id=assignment.uid)))
    with pytest.raises(ExchangeError) as caught:
        check_feedback(forged, assignment, TEXT)
    assert caught.value.reason == "edited"
    mine = read_feedback(feedback_bytes(make_feedback(assignment), assignment.seal))
    with pytest.raises(ExchangeError) as caught:
        check_feedback(mine, assignment, TEXT + "\n\nCorrection: the vote is on Wednesday.")
    assert caught.value.reason == "other_article"


def test_other_kinds_of_lede_file_are_named(assignment):
    refused(read_feedback, make_submission(assignment), "wrong_kind", "ana.ledesub", "submission",
            ".ledefeedback")
    refused(read_feedback, pack_bytes(assignment, ARTICLE), "wrong_kind", "eastgate.ledepack", "student pack")
    feedback = feedback_bytes(make_feedback(assignment), assignment.seal)
    refused(read_submission, feedback, "wrong_kind", "ana.ledefeedback", "feedback file", ".ledesub")
    refused(read_feedback, b"%PDF-1.7 not a zip", "not_zip", "ana.ledefeedback")


def test_a_newer_format_version(assignment):
    def newer(d):
        d["version"] = 2
        d["made_by"] = "Lede 3.0.0"
    data = with_json(feedback_bytes(make_feedback(assignment), assignment.seal), "feedback.json", newer)
    refused(read_feedback, data, "version", "ana.ledefeedback", "newer Lede", "Update Lede")


@pytest.mark.parametrize("change, reason, words", [
    (lambda d: d.pop("made_at"), "corrupt", '"made_at" is missing'),
    (lambda d: d.pop("points"), "corrupt", '"points" is missing'),
    (lambda d: d.update(points="7.5"), "corrupt", '"points" should be a JSON object or null'),
    (lambda d: d["points"].update(points=1e9), "corrupt", '"points.points"'),
    (lambda d: d["points"].update(reasoning_weight=2), "corrupt", "reasoning_weight"),
    (lambda d: d["points"].update(notes_rated=-1), "corrupt", "notes_rated"),
    (lambda d: d.update(grade="A" * 41), "corrupt", '"grade" is 41 characters'),
    (lambda d: d.update(grade="A\nB"), "corrupt", "control character"),
    (lambda d: d.update(comment=5), "corrupt", '"comment" should be text'),
    (lambda d: d["student"].update(name=" "), "corrupt", "whose work"),
    (lambda d: d["hand_in"].update(sha256="abc"), "corrupt", '"hand_in.sha256"'),
    (lambda d: d.update(key_released="yes"), "corrupt", '"key_released"'),
    (lambda d: d.update(assignment_id="../x"), "corrupt", '"assignment_id"'),
    (lambda d: d["checksum"].update(algorithm="md5"), "corrupt", "md5"),
    (lambda d: d["marks"][0].update(rating=3), "bad_marks", '"marks[0].rating"'),
    (lambda d: d["marks"][0].update(rating=True), "bad_marks", '"marks[0].rating"'),
    (lambda d: d["marks"][0].update(library_id=0), "bad_marks", '"marks[0].library_id"'),
    (lambda d: d["marks"][0].update(library_id="17"), "bad_marks", '"marks[0].library_id"'),
    (lambda d: d["marks"][0].update(quote="x"), "bad_marks", "quotes 1"),
    (lambda d: d["marks"][0].pop("comment"), "bad_marks", '"marks[0].comment" is missing'),
    (lambda d: d["missed"][0].update(bonus=1), "bad_marks", '"missed[0].bonus"'),
    (lambda d: d["missed"].append("key"), "bad_marks", '"missed[2]"'),
])
def test_wrong_or_missing_fields(assignment, change, reason, words):
    data = with_json(feedback_bytes(make_feedback(assignment), assignment.seal), "feedback.json", change)
    refused(read_feedback, data, reason, "ana.ledefeedback", words)


def test_too_many_marks(assignment):
    members = dict(members_of(feedback_bytes(make_feedback(assignment), assignment.seal)))
    document = json.loads(members["feedback.json"])
    document["marks"] = [document["marks"][0]] * 5_001
    members["feedback.json"] = json.dumps(document).encode()
    data = make_zip(list(members.items()), compress=zipfile.ZIP_STORED)  # stored: it would deflate like a bomb
    refused(read_feedback, data, "corrupt", "ana.ledefeedback", "5,000")


def test_a_comment_on_a_passage_not_in_the_copys_text_is_refused(assignment):
    # Well-formed and correctly sealed (the teacher's Lede would never write it): the text is what tells.
    moved = make_feedback(assignment, marks=(MarkFeedback(None, "source", 0, 5, "Nowhe", "", "?", None),))
    with pytest.raises(ExchangeError) as caught:
        check_feedback(read_feedback(feedback_bytes(moved, assignment.seal)), assignment, TEXT)
    assert caught.value.reason == "bad_marks"


def test_the_writer_refuses_what_no_reader_should_get(assignment):
    with pytest.raises(ValueError, match="seal"):
        feedback_bytes(make_feedback(assignment), "")
    with pytest.raises(ValueError, match="SHA-256"):
        feedback_bytes(make_feedback(assignment, hand_in_sha256=""), assignment.seal)
    with pytest.raises(ValueError, match="rated 0, 1 or 2"):
        feedback_bytes(make_feedback(assignment, marks=(_mark("slammed", "loaded_language", "", 5),)),
                       assignment.seal)


# --- the hand-in names its marks by their ids in the student's library ---------------------------------------------

def test_a_hand_in_carries_each_marks_id_in_the_students_library(assignment):
    marks = student_marks()  # ids 11..15, as the student's library gave them
    sub = read_submission(make_submission(assignment, marks=marks))
    by_quote = {m.quote: m.id for m in marks}
    assert [by_quote[m.quote] for m in sub.marks] == list(sub.library_ids)
    older = with_json(make_submission(assignment), "submission.json",
                      lambda d: [m.pop("library_id") for m in d["marks"]])
    assert set(read_submission(older).library_ids) == {None}  # a hand-in of an older Lede: none known
    for bad in (0, -3, "12", 2**31, 1.5):
        data = with_json(make_submission(assignment), "submission.json",
                         lambda d, bad=bad: d["marks"][0].update(library_id=bad))
        refused(read_submission, data, "bad_marks", "ana.ledesub", '"marks[0].library_id"')


# --- the student's Lede finds its marks again ----------------------------------------------------------------------

def _own(quote: str, category: str, mark_id: int, note: str = "my note"):
    start, end = span_of(quote)
    return new_mark(5, TEXT, start, end, category, note).with_changes(id=mark_id)


def test_feedback_finds_the_students_marks_by_id_then_by_passage():
    on_ann = _mark("Councillor Ann Lee", "source", "Good", 2, library_id=17)
    on_slammed = _mark("slammed", "loaded_language", "Why?", None, library_id=18, note="second")
    on_gone = _mark("rarely used", "unattributed_claim", "Gone", 1, library_id=19)
    moved_ann = _own("Ann Lee", "source", 17)  # the student moved it after handing in
    twins = [_own("slammed", "loaded_language", 30, "first"), _own("slammed", "loaded_language", 31, "second")]
    placed = place_feedback([on_ann, on_slammed, on_gone], [moved_ann, *twins], trust_ids=True)
    assert placed.on_marks == {17: on_ann, 31: on_slammed}  # of two marks on one passage, the one with its note
    assert placed.moved == {17} and placed.unplaced == (on_gone,)
    # Ids from another library mean nothing: only the passage and category count.
    untrusted = place_feedback([on_ann, on_slammed], [_own("Councillor Ann Lee", "source", 17).with_changes(id=90),
                                                      moved_ann.with_changes(id=18), *twins], trust_ids=False)
    assert untrusted.on_marks == {90: on_ann, 31: on_slammed} and not untrusted.moved


# --- the documentation ---------------------------------------------------------------------------------------------

def test_the_documented_snippet_reads_a_feedback_file_with_the_standard_library(tmp_path, monkeypatch, capsys,
                                                                                 assignment):
    doc = (ROOT / "docs" / "file-formats.md").read_text(encoding="utf-8")
    snippets = re.findall(r"```python\n(.*?)```", doc, re.DOTALL)
    snippet = next(s for s in snippets if ".ledefeedback" in s)
    assert len(snippet.strip().splitlines()) <= 14
    assert not re.search(r"^\s*(from|import)\s+desktop_app", snippet, re.MULTILINE)
    (tmp_path / "eastgate-library-faces-closure.ledepack").write_bytes(pack_bytes(assignment, ARTICLE))
    fb = feedback_bytes(make_feedback(assignment), assignment.seal)
    (tmp_path / "ana-garcia-eastgate-library.ledefeedback").write_bytes(fb)
    monkeypatch.chdir(tmp_path)
    exec(compile(snippet, "file-formats.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Ana Garc\u00eda B+ 7.5 ok" in out
    assert "source 66 84 Councillor Ann Lee | Yes: and how would she know?" in out
    assert f"loaded_language {span_of('a drain on money')[0]}" in out and KEY_COMMENT in out
    (tmp_path / "ana-garcia-eastgate-library.ledefeedback").write_bytes(
        with_json(fb, "feedback.json", lambda d: d.update(grade="A+")))
    exec(compile(snippet, "file-formats.md", "exec"), {})
    assert "A+ 7.5 EDITED" in capsys.readouterr().out


def test_a_zip_bomb_and_damaged_files_are_refused_with_one_clear_message(assignment):
    import random

    bomb = make_zip([("mimetype", b"application/vnd.lede.feedback+zip"), ("feedback.json", b" " * 13_000_000)])
    refused(read_feedback, bomb, "unsafe", "bomb.ledefeedback", "zip bomb")
    good = feedback_bytes(make_feedback(assignment), assignment.seal)
    rng = random.Random(20261128)
    for n in range(60):
        damaged = bytearray(good[: rng.randrange(1, len(good))] if n % 3 == 0 else good)
        for _ in range(0 if n % 3 == 0 else rng.randint(1, 12)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            check_feedback(read_feedback(bytes(damaged), "ana.ledefeedback"), assignment, TEXT)
        except ExchangeError as exc:  # never another exception, and always a sentence naming the file
            assert str(exc).startswith("ana.ledefeedback") and str(exc).endswith((".", ")")), str(exc)
