"""Pack (.ledepack) and submission (.ledesub) files: round trips, the key never leaving the teacher's library,
refusing every kind of bad file with a reason and the file's name, and writing whole or not at all."""

from __future__ import annotations

import hashlib
import inspect
import io
import json
import os
import re
import struct
import time
import warnings
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.core.articles import Article, ArticleDetails
from desktop_app.core.assignments import (
    STUDENT,
    SUBMISSION_LAYER,
    Assignment,
    custom_category,
    new_uid,
)
from desktop_app.core.marks import KEY_LAYER, Mark, new_mark
from desktop_app.core.text import normalize_article_text
from desktop_app.exchange import (
    ExchangeError,
    check_submission,
    new_seal,
    pack_bytes,
    pack_file_name,
    read_pack,
    read_submission,
    submission_bytes,
    submission_file_name,
    text_sha256,
    write_pack,
    write_submission,
)
from desktop_app.exchange.safezip import read_members, write_zip_atomically
from desktop_app.resources import default_categories

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = tuple(default_categories())
STATISTIC = custom_category("Statistic", "#123456", "dotted", "Where does the number come from?", CATEGORIES)

# Hebrew (right to left), an emoji built of several code points, a letter with a combining accent, and
# markup-like text: offsets are code points, and none of it may be escaped or reinterpreted on the way.
TEXT = normalize_article_text(
    "Eastgate library faces closure\n\n"
    "The council will vote on Tuesday. Councillor Ann Lee said the library is \u201ca drain on money\u201d.\n\n"
    "Critics slammed the plan. \u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd, said a reader in Hebrew. "
    "The caf\u0065\u0301 next door \U0001F469\u200D\U0001F3EB hosts a homework club of 40 children.\n\n"
    "A spokesperson for the council denies it: <script>alert(1)</script> & the library is rarely used."
)
ARTICLE = Article(id=5, details=ArticleDetails(title="Eastgate library faces closure", outlet="Eastgate Courier",
                                               author="Dana Levi", published="2025-02-01",
                                               url="https://example.org/eastgate?a=1&b=2"),
                  text=TEXT, direction="ltr")


def make_assignment(title: str = "Eastgate library faces closure", **changes) -> Assignment:
    values = dict(uid=new_uid(), title=title, article_id=5,
                  instructions="Find <b>three</b> sources & one \u201cloaded\u201d word.\nThen explain.",
                  due_at=datetime(2025, 3, 1, 9, 30, tzinfo=UTC), categories=CATEGORIES + (STATISTIC,),
                  minimums={"source": 3, "loaded_language": 1}, total_points=20.0, seal=new_seal(), id=7)
    values.update(changes)
    return Assignment(**values)


def span_of(quote: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def student_marks(text: str = TEXT) -> list[Mark]:
    wanted = [
        ("Councillor Ann Lee", "source", "Named, with a role. <i>Why</i> her?", {"source_kind": "official"}),
        ("\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd", "attributed_claim", "Hebrew \u2192 quote",
         {"attributed_to": "11"}),  # the Source mark above, by its id in the student's library
        ("caf\u0065\u0301 next door \U0001F469\u200D\U0001F3EB", "unattributed_claim",
         'Note with "quotes", a {json: 1} and\na new line', {}),
        ("slammed", "loaded_language", "", {"neutral_alternative": "criticised"}),
        ("40 children", STATISTIC.key, "</script><script>alert('x')</script>", {}),
    ]
    out = []
    for i, (quote, category, note, extra) in enumerate(wanted, start=11):
        start, end = span_of(quote, text)
        out.append(new_mark(5, text, start, end, category, note, extra).with_changes(id=i))
    return out


HANDED_IN = datetime(2025, 2, 28, 17, 45, 12, 345678, tzinfo=UTC)


def make_submission(assignment: Assignment, marks=None, name: str = "Ana Garc\u00eda", text: str = TEXT) -> bytes:
    return submission_bytes(assignment, text_sha256(text), name, student_marks(text) if marks is None else marks,
                            HANDED_IN)


# --- zip surgery for the refusal tests ---------------------------------------------------------------------------

def members_of(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def make_zip(members, compress=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names: those are the point
        with zipfile.ZipFile(buffer, "w") as z:
            for name, data in members:
                z.writestr(zipfile.ZipInfo(name), data,
                           compress_type=zipfile.ZIP_STORED if name == "mimetype" else compress)
    return buffer.getvalue()


def with_json(data: bytes, member: str, change) -> bytes:
    """The same zip with ``change(document)`` applied to its JSON member, re-zipped as a person would."""
    out = []
    for name, content in members_of(data):
        if name == member:
            document = json.loads(content)
            change(document)
            content = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
        out.append((name, content))
    return make_zip(out)


def resealed(data: bytes, assignment: Assignment, change) -> bytes:
    """An edited submission with its checksum recomputed, as anyone holding the pack could (docs say so)."""
    import hmac

    def change_and_reseal(document):
        change(document)
        body = {k: v for k, v in document.items() if k != "checksum"}
        canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        document["checksum"]["value"] = hmac.new(bytes.fromhex(assignment.seal), canonical, hashlib.sha256
                                                 ).hexdigest()
    return with_json(data, "submission.json", change_and_reseal)


def patch_headers(data: bytes, name: str, *, size: int | None = None, flags: int | None = None) -> bytes:
    """Rewrites what the local and central headers of member ``name`` declare, leaving its bytes alone."""
    buf = bytearray(data)
    encoded = name.encode()
    for signature, size_at, flags_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 6, 26, 30),
                                                              (b"PK\x01\x02", 24, 8, 28, 46)):
        for match in re.finditer(re.escape(signature), bytes(buf)):
            o = match.start()
            (length,) = struct.unpack_from("<H", buf, o + name_len_at)
            if bytes(buf[o + name_at:o + name_at + length]) == encoded:
                if size is not None:
                    struct.pack_into("<I", buf, o + size_at, size)
                if flags is not None:
                    struct.pack_into("<H", buf, o + flags_at, flags)
    return bytes(buf)


def refused(read, source, reason: str, name: str, *more) -> ExchangeError:
    with pytest.raises(ExchangeError) as caught:
        read(source, name)
    error = caught.value
    assert error.reason == reason, str(error)
    assert error.path == name
    assert name in str(error)
    for words in more:
        assert words in str(error)
    return error


@pytest.fixture(scope="module")
def assignment() -> Assignment:
    return make_assignment()


@pytest.fixture(scope="module")
def sub_data(assignment) -> bytes:
    return make_submission(assignment)


# --- the pack ----------------------------------------------------------------------------------------------------

def test_pack_round_trip_keeps_every_field_and_every_character(assignment):
    data = pack_bytes(assignment, ARTICLE)
    pack = read_pack(data, "eastgate.ledepack")
    a = pack.assignment
    assert (a.uid, a.title, a.instructions, a.seal) == (assignment.uid, assignment.title, assignment.instructions,
                                                        assignment.seal)
    assert a.due_at == assignment.due_at and a.due_at.tzinfo is not None
    assert a.categories == assignment.categories  # the teacher's own "Statistic" too, with its cue and question
    assert dict(a.minimums) == {"source": 3, "loaded_language": 1}
    assert a.total_points == 20.0
    assert (a.role, a.id, a.article_id) == (STUDENT, None, None)
    assert pack.details == ARTICLE.details
    assert pack.text == TEXT and pack.direction == "ltr"
    assert pack.sha256 == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    assert pack.made_by == f"Lede {__version__}"
    assert abs(pack.made_at - datetime.now(UTC)) < timedelta(minutes=1)


def test_pack_is_a_zip_anyone_can_open(assignment):
    data = pack_bytes(assignment, ARTICLE)
    # Like ODF and EPUB: "mimetype" first and stored, so its content sits at byte 38 for `file` to recognise.
    assert data[30:38] == b"mimetype"
    assert data[38:38 + 29] == b"application/vnd.lede.pack+zip"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        assert [i.filename for i in infos] == ["mimetype", "pack.json", "README.txt"]
        assert infos[0].compress_type == zipfile.ZIP_STORED
        raw_json = z.read("pack.json").decode("utf-8")
        readme = z.read("README.txt").decode("utf-8")
    assert "\u05e9\u05dc\u05d5\u05dd" in raw_json  # written as text, not \u escapes
    document = json.loads(raw_json)
    assert document["format"] == "lede-pack" and document["version"] == 1
    assert document["assignment"]["due_at"] == "2025-03-01T09:30:00Z"
    assert document["article"]["text"] == TEXT
    assert "Lede" in readme and assignment.title in readme and __version__ in readme


def test_a_right_to_left_article_keeps_its_direction(assignment):
    hebrew = Article(id=6, details=ArticleDetails(title="\u05e1\u05e4\u05e8\u05d9\u05d9\u05d4"),
                     text="\u05d4\u05e1\u05e4\u05e8\u05d9\u05d9\u05d4 \u05e0\u05e1\u05d2\u05e8\u05ea.",
                     direction="rtl")
    pack = read_pack(pack_bytes(assignment, hebrew))
    assert pack.direction == "rtl" and pack.text == hebrew.text and pack.details.title == hebrew.details.title


def test_the_pack_never_holds_the_answer_key(assignment):
    sentinels = ["KEYNOTE-7f3a9c-sentinel", "KEYEXTRA-41b2e0-sentinel", "KEYNOTE-\u05e9-\U0001F511-sentinel"]
    key = [new_mark(5, TEXT, *span_of("a drain on money"), "loaded_language", sentinels[0],
                    {"neutral_alternative": sentinels[1]}, layer=KEY_LAYER).with_changes(id=1),
           new_mark(5, TEXT, *span_of("rarely used"), "unattributed_claim", sentinels[2], layer=KEY_LAYER,
                    bonus=True).with_changes(id=2)]
    # The writer has nowhere to put a key: it takes the assignment and the article, nothing else.
    assert list(inspect.signature(pack_bytes).parameters) == ["assignment", "article"]
    assert list(inspect.signature(write_pack).parameters) == ["path", "assignment", "article"]
    with pytest.raises(TypeError):
        pack_bytes(assignment, ARTICLE, key)
    with pytest.raises(TypeError):
        pack_bytes(assignment, ARTICLE, marks=key)
    data = pack_bytes(assignment, ARTICLE)
    inflated = b"".join(content for _, content in members_of(data))
    for sentinel in sentinels:
        for encoding in (sentinel.encode("utf-8"), json.dumps(sentinel).encode("ascii")):
            assert encoding not in data
            assert encoding not in inflated
    assert b'"bonus"' not in inflated and b'"key"' not in inflated.replace(b'"key": "', b"")


def test_write_pack_to_a_file_or_a_folder(tmp_path, assignment):
    path = write_pack(tmp_path / "chosen.ledepack", assignment, ARTICLE)
    assert path == tmp_path / "chosen.ledepack" and read_pack(path).assignment.uid == assignment.uid
    in_folder = write_pack(tmp_path, assignment, ARTICLE)
    assert in_folder == tmp_path / "eastgate-library-faces-closure.ledepack"
    assert read_pack(in_folder).text == TEXT


def test_the_pack_writer_refuses_what_no_reader_should_get(assignment):
    with pytest.raises(ValueError, match="seal"):
        pack_bytes(assignment.with_changes(seal=""), ARTICLE)
    with pytest.raises(ValueError, match="normalised"):
        pack_bytes(assignment, Article(id=5, details=ARTICLE.details, text="Line one\r\nline two"))
    from desktop_app.core.assignments import AssignmentError
    with pytest.raises(AssignmentError):
        pack_bytes(assignment.with_changes(title="  "), ARTICLE)


def test_a_pack_without_its_readme_still_opens(assignment):
    data = make_zip([(n, c) for n, c in members_of(pack_bytes(assignment, ARTICLE)) if n != "README.txt"])
    assert read_pack(data, "p.ledepack").text == TEXT


# --- the submission ----------------------------------------------------------------------------------------------

def test_submission_round_trip(assignment, sub_data):
    sub = read_submission(sub_data, "ana.ledesub")
    assert sub.assignment_uid == assignment.uid and sub.assignment_title == assignment.title
    assert sub.article_sha256 == text_sha256(TEXT)
    assert sub.student_name == "Ana Garc\u00eda"
    assert sub.handed_in_at == HANDED_IN.replace(microsecond=0)
    assert sub.made_by == f"Lede {__version__}" and sub.shown_name == "ana.ledesub"
    assert sub.file_sha256 == hashlib.sha256(sub_data).hexdigest()
    expected = sorted(student_marks(), key=lambda m: m.start)
    assert [m.id for m in sub.marks] == [1, 2, 3, 4, 5]
    for got, want in zip(sub.marks, expected, strict=True):
        extra = {"attributed_to": "1"} if want.category == "attributed_claim" else want.extra  # see below
        assert (got.category, got.start, got.end, got.quote, got.note, got.extra) == (
            want.category, want.start, want.end, want.quote, want.note, extra)
        assert (got.article_id, got.layer, got.prefix, got.suffix) == (0, SUBMISSION_LAYER, "", "")
        assert TEXT[got.start:got.end] == got.quote  # offsets are code points, emoji and accents included
    emoji = next(m for m in sub.marks if "\U0001F469" in m.quote)
    assert emoji.end - emoji.start == len("caf\u0065\u0301 next door \U0001F469\u200D\U0001F3EB") == 19
    check_submission(sub, assignment, TEXT)


def test_a_reference_to_another_mark_follows_it_into_the_file(assignment):
    source, claim = student_marks()[:2]
    other_claim = claim.with_changes(id=40, extra={"attributed_to": "999"})  # a Source mark since deleted
    sub = read_submission(make_submission(assignment, marks=[claim, other_claim, source]))
    source_number = next(m.id for m in sub.marks if m.quote == source.quote)
    assert [m.extra for m in sub.marks if m.quote == claim.quote] == [{"attributed_to": str(source_number)}, {}]
    check_submission(sub, assignment, TEXT)
    # Only a hand-made file can point nowhere (Lede drops such a reference); one with a recomputed checksum
    # still does not get in.
    nowhere = resealed(make_submission(assignment, marks=[claim, source]), assignment,
                       lambda d: d["marks"][1]["extra"].update(attributed_to="7"))
    with pytest.raises(ExchangeError) as caught:
        check_submission(read_submission(nowhere, "ana.ledesub"), assignment, TEXT)
    assert caught.value.reason == "bad_marks" and "refers to a mark that is not in the file" in str(caught.value)


def test_submission_json_and_its_checksum_are_as_documented(assignment, sub_data):
    import hmac

    members = dict(members_of(sub_data))
    assert list(dict(members_of(sub_data))) == ["mimetype", "submission.json", "README.txt"]
    assert members["mimetype"] == b"application/vnd.lede.submission+zip"
    document = json.loads(members["submission.json"])
    assert document["format"] == "lede-submission" and document["version"] == 1
    assert document["handed_in_at"] == "2025-02-28T17:45:12Z"
    assert document["student"] == {"name": "Ana Garc\u00eda"}
    assert set(document["marks"][0]) == {"category", "start", "end", "quote", "note", "extra", "library_id"}
    body = {k: v for k, v in document.items() if k != "checksum"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert document["checksum"] == {"algorithm": "hmac-sha256", "value": hmac.new(
        bytes.fromhex(assignment.seal), canonical, hashlib.sha256).hexdigest()}
    assert read_submission(sub_data).content == canonical


def test_write_submission_names_the_file_and_says_when_it_replaced_one(tmp_path, assignment):
    marks = student_marks()
    path, replaced = write_submission(tmp_path, assignment, text_sha256(TEXT), "Ana Garc\u00eda", marks, HANDED_IN)
    assert path == tmp_path / "ana-garcia-eastgate-library.ledesub" and not replaced
    again, replaced = write_submission(tmp_path, assignment, text_sha256(TEXT), "Ana Garc\u00eda", marks[:2],
                                       HANDED_IN + timedelta(hours=1))
    assert again == path and replaced
    assert len(read_submission(path).marks) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary file left behind


def test_the_submission_writer_refuses_malformed_work(assignment):
    with pytest.raises(ValueError, match="name"):
        make_submission(assignment, name="  \t ")
    bad_quote = student_marks()[0].with_changes(quote="too short")
    with pytest.raises(ValueError, match="quote"):
        make_submission(assignment, marks=[bad_quote])
    with pytest.raises(ValueError, match="note"):
        make_submission(assignment, marks=[student_marks()[0].with_changes(note="x" * 10_001)])


# --- refusing bad files ------------------------------------------------------------------------------------------

def test_not_a_zip(sub_data):
    refused(read_submission, b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "not_zip", "essay.ledesub", "not even a zip")
    refused(read_pack, b"", "not_zip", "empty.ledepack")


@pytest.mark.parametrize("cut", ["half", "last bytes"])
def test_a_truncated_file(sub_data, cut):
    data = sub_data[:len(sub_data) // 2] if cut == "half" else sub_data[:-10]
    refused(read_submission, data, "corrupt", "ana.ledesub", "incomplete")


def test_a_damaged_member_fails_its_crc(sub_data):
    offset = sub_data.index(b"PK\x03\x04", 10)  # the second member: submission.json, deflated
    data = bytearray(sub_data)
    data[offset + 30 + len("submission.json") + 40] ^= 0xFF
    refused(read_submission, bytes(data), "corrupt", "ana.ledesub", "damaged")


def test_a_zip_bomb_is_refused_before_inflating(sub_data):
    bomb = make_zip([("mimetype", b"application/vnd.lede.submission+zip"), ("submission.json", b" " * 9_000_000)])
    assert len(bomb) < 20_000
    started = time.perf_counter()
    refused(read_submission, bomb, "unsafe", "bomb.ledesub", "zip bomb")
    assert time.perf_counter() - started < 0.5


def test_a_member_that_lies_about_its_size_is_never_read_past_its_limit():
    # The headers say 100 bytes; the member inflates to 5 MB of zeros. Reading must stop, not trust either.
    honest = make_zip([("mimetype", b"application/vnd.lede.submission+zip"), ("submission.json", b"0" * 5_000_000)])
    liar = patch_headers(honest, "submission.json", size=100)
    with zipfile.ZipFile(io.BytesIO(liar)) as z:
        assert z.getinfo("submission.json").file_size == 100
    started = time.perf_counter()
    refused(read_submission, liar, "corrupt", "liar.ledesub")
    assert time.perf_counter() - started < 0.5


def test_an_honest_but_oversized_member_is_too_large():
    member = os.urandom(3000)  # random bytes do not compress: no bomb, simply too big for its limit
    data = make_zip([("mimetype", b"application/vnd.lede.submission+zip"), ("submission.json", member)])
    with pytest.raises(ExchangeError) as caught:
        read_members(data, "application/vnd.lede.submission+zip", {"submission.json": 2000},
                     max_file_bytes=1_000_000, shown_name="big.ledesub")
    assert caught.value.reason == "too_large" and "big.ledesub" in str(caught.value)
    # ... and the same member within its limit is read whole.
    got = read_members(data, "application/vnd.lede.submission+zip", {"submission.json": 3000},
                       max_file_bytes=1_000_000, shown_name="big.ledesub")
    assert got == {"submission.json": member}


@pytest.mark.parametrize("bad_name", ["../x", "../../etc/cron.d/evil", "/etc/passwd", "a\\b", "C:/Windows/x",
                                      "ok/../../x"])
def test_path_traversal_names(sub_data, bad_name):
    data = make_zip(members_of(sub_data) + [(bad_name, b"gotcha")])
    refused(read_submission, data, "unsafe", "ana.ledesub", bad_name.replace("\\", "\\\\"))


def test_an_extra_member(sub_data):
    data = make_zip(members_of(sub_data) + [("run-me.exe", b"MZ")])
    refused(read_submission, data, "corrupt", "ana.ledesub", "run-me.exe")


def test_a_duplicate_member(sub_data):
    members = members_of(sub_data)
    data = make_zip(members + [("submission.json", b'{"format": "lede-submission"}')])
    refused(read_submission, data, "unsafe", "ana.ledesub", "two files named")


def test_too_many_members(sub_data):
    data = make_zip(members_of(sub_data) + [(f"x{i}", b"") for i in range(9)])
    refused(read_submission, data, "unsafe", "ana.ledesub")


def test_a_table_of_contents_too_long_to_parse_is_refused_unparsed():
    many = make_zip([(str(i), b"") for i in range(20_000)], compress=zipfile.ZIP_STORED)
    started = time.perf_counter()
    refused(read_submission, many, "unsafe", "many.ledesub", "lists far more files")
    assert time.perf_counter() - started < 0.05  # ZipFile itself would spend a quarter of a second parsing


def test_an_encrypted_member(sub_data):
    data = patch_headers(sub_data, "submission.json", flags=0x1)
    refused(read_submission, data, "unsafe", "ana.ledesub", "password")


def test_a_member_missing(sub_data):
    data = make_zip([(n, c) for n, c in members_of(sub_data) if n != "submission.json"])
    refused(read_submission, data, "corrupt", "ana.ledesub", "submission.json")


def test_a_zip_of_another_kind(sub_data):
    epub = make_zip([("mimetype", b"application/epub+zip"), ("submission.json", b"{}")])
    refused(read_submission, epub, "wrong_kind", "book.ledesub", "not a Lede submission")
    plain = make_zip([("notes.txt", b"hello")])
    refused(read_submission, plain, "wrong_kind", "notes.ledesub")


def test_a_pack_given_as_a_submission_and_back(assignment, sub_data):
    pack = pack_bytes(assignment, ARTICLE)
    refused(read_submission, pack, "wrong_kind", "eastgate.ledepack", "student pack", ".ledesub")
    refused(read_pack, sub_data, "wrong_kind", "ana.ledesub", "submission", ".ledepack")


def test_a_newer_format_version(sub_data, assignment):
    def newer(d):
        d["version"] = 2
        d["made_by"] = "Lede 3.0.0"
    error = refused(read_submission, with_json(sub_data, "submission.json", newer), "version", "ana.ledesub",
                    "newer Lede", "Lede 3.0.0", "Update Lede")
    assert "version 2" in str(error)
    pack = with_json(pack_bytes(assignment, ARTICLE), "pack.json", newer)
    refused(read_pack, pack, "version", "eastgate.ledepack", "Update Lede")


@pytest.mark.parametrize("change, reason, words", [
    (lambda d: d.pop("handed_in_at"), "corrupt", '"handed_in_at" is missing'),
    (lambda d: d.pop("checksum"), "corrupt", '"checksum" is missing'),
    (lambda d: d["student"].pop("name"), "corrupt", '"student.name" is missing'),
    (lambda d: d["marks"][0].pop("quote"), "bad_marks", '"marks[0].quote" is missing'),
    (lambda d: d.update(version="1"), "corrupt", '"version"'),
    (lambda d: d.update(version=0), "corrupt", '"version"'),
    (lambda d: d.update(format="lede-something"), "corrupt", '"format"'),
    (lambda d: d.update(marks={"0": 1}), "corrupt", '"marks" should be a list'),
    (lambda d: d["student"].update(name=5), "corrupt", '"student.name" should be text'),
    (lambda d: d["student"].update(name="\x00\x01 "), "corrupt", "control character"),
    (lambda d: d["student"].update(name="  "), "corrupt", "whose work"),
    (lambda d: d.update(handed_in_at="yesterday"), "corrupt", '"handed_in_at"'),
    (lambda d: d.update(handed_in_at="2025-02-28T17:45:12"), "corrupt", "time zone"),
    (lambda d: d.update(article_sha256="abc"), "corrupt", '"article_sha256"'),
    (lambda d: d.update(assignment_id="../../x"), "corrupt", '"assignment_id"'),
    (lambda d: d["checksum"].update(algorithm="md5"), "corrupt", "md5"),
    (lambda d: d["marks"][0].update(start="12"), "bad_marks", '"marks[0].start" should be a whole number'),
    (lambda d: d["marks"][0].update(start=True), "bad_marks", '"marks[0].start" should be a whole number'),
    (lambda d: d["marks"][0].update(end=1.5), "bad_marks", '"marks[0].end"'),
    (lambda d: d["marks"][0].update(start=-1), "bad_marks", '"marks[0].start"'),
    (lambda d: d["marks"][0].update(start=d["marks"][0]["end"]), "bad_marks", "ends"),
    (lambda d: d["marks"][0].update(quote="x"), "bad_marks", "quotes 1"),
    (lambda d: d["marks"][0].update(note="n" * 10_001), "bad_marks", "10,000"),
    (lambda d: d["marks"][0].update(extra={"source_kind": 3}), "bad_marks", "should be text"),
    (lambda d: d["marks"][0].update(extra=["a"]), "bad_marks", "JSON object"),
    (lambda d: d["marks"].append("mark"), "bad_marks", '"marks[5]"'),
    # Each its own id: 5,001 identical marks would deflate past the zip-bomb ratio and be refused as a bomb.
    (lambda d: d.update(marks=[dict(d["marks"][0], library_id=i + 1) for i in range(5_001)]), "corrupt", "5,000"),
])
def test_wrong_or_missing_fields(sub_data, change, reason, words):
    refused(read_submission, with_json(sub_data, "submission.json", change), reason, "ana.ledesub", words)


@pytest.mark.parametrize("json_text, words", [
    (b"[1, 2, 3]", "JSON object"),
    (b'{"format": "lede-submission", "format": "lede-submission"}', "appears twice"),
    (b'{"format": "lede-submission", "version": 1, "x": NaN}', "not valid JSON"),
    (b"{" * 100_000, "not valid JSON"),
    ("{\"caf\u00e9\": 1}".encode("latin-1"), "UTF-8"),
])
def test_json_that_is_not_what_the_format_says(json_text, words):
    data = make_zip([("mimetype", b"application/vnd.lede.submission+zip"), ("submission.json", json_text)])
    refused(read_submission, data, "corrupt", "odd.ledesub", words)


@pytest.mark.parametrize("change, words", [
    (lambda d: d["assignment"].pop("seal"), '"assignment.seal" is missing'),
    (lambda d: d["assignment"].update(seal="zz" * 32), '"assignment.seal"'),
    (lambda d: d["assignment"].update(total_points="ten"), '"assignment.total_points" should be a number'),
    (lambda d: d["assignment"].update(total_points=0), "total points"),
    (lambda d: d["assignment"].update(title=""), '"assignment.title" is empty'),
    (lambda d: d["assignment"].update(categories=[]), "category"),
    (lambda d: d["assignment"]["categories"][0].update(cue="zigzag"), "zigzag"),
    (lambda d: d["assignment"]["categories"][1].update(shortcut="1"), "shortcut"),
    (lambda d: d["assignment"]["minimums"].update(source=100), '"assignment.minimums.source"'),
    (lambda d: d["assignment"]["minimums"].update(source=True), '"assignment.minimums.source"'),
    (lambda d: d["assignment"]["minimums"].update(statistic_x=1), "not in play"),
    (lambda d: d["assignment"].update(due_at="soon"), '"assignment.due_at"'),
    (lambda d: d["article"].update(direction="up"), '"article.direction"'),
    (lambda d: d["article"].update(text=d["article"]["text"] + " Changed."), "SHA-256"),
    (lambda d: d["article"].update(text="Line\r\nnext", sha256=hashlib.sha256(b"Line\r\nnext").hexdigest()),
     "line endings"),
    (lambda d: d["article"].update(text=" ", sha256=hashlib.sha256(b" ").hexdigest()), '"article.text" is empty'),
])
def test_a_pack_with_wrong_fields(assignment, change, words):
    data = with_json(pack_bytes(assignment, ARTICLE), "pack.json", change)
    refused(read_pack, data, "corrupt", "eastgate.ledepack", words, "Ask your teacher")


def test_a_file_too_big_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.ledesub"
    with open(path, "wb") as f:
        f.truncate(21 * 1024 * 1024)  # sparse: the size is real, reading it would be slow
    started = time.perf_counter()
    with pytest.raises(ExchangeError) as caught:
        read_submission(path)
    assert caught.value.reason == "too_large" and caught.value.path == "huge.ledesub"
    assert "huge.ledesub" in str(caught.value) and "MB" in str(caught.value)
    assert time.perf_counter() - started < 0.2
    refused(read_pack, b"PK\x03\x04" + bytes(21 * 1024 * 1024), "too_large", "huge.ledepack")


def test_a_missing_file_or_a_folder(tmp_path):
    with pytest.raises(ExchangeError) as caught:
        read_submission(tmp_path / "gone.ledesub")
    assert caught.value.reason == "cannot_read" and "gone.ledesub" in str(caught.value)
    (tmp_path / "dir.ledesub").mkdir()
    with pytest.raises(ExchangeError) as caught:
        read_submission(tmp_path / "dir.ledesub")
    assert caught.value.reason == "cannot_read" and "folder" in str(caught.value)


# --- checking a submission against the teacher's assignment --------------------------------------------------------

@pytest.mark.parametrize("change", [
    pytest.param(lambda d: d["marks"][0].update(note="I found this one myself."), id="a note"),
    pytest.param(lambda d: d["student"].update(name="Ben Okafor"), id="the name"),
    pytest.param(lambda d: d["marks"].pop(), id="a mark removed"),
    pytest.param(lambda d: d["marks"].append(dict(d["marks"][0], category="opposing_view")), id="a mark added"),
    pytest.param(lambda d: d.update(handed_in_at="2025-02-27T10:00:00Z"), id="the hand-in time"),
])
def test_an_edited_submission(assignment, sub_data, change):
    edited = with_json(sub_data, "submission.json", change)
    sub = read_submission(edited, "ana.ledesub")  # still well-formed: only the checksum can tell
    with pytest.raises(ExchangeError) as caught:
        check_submission(sub, assignment, TEXT)
    error = caught.value
    assert error.reason == "edited" and error.path == "ana.ledesub"
    assert "ana.ledesub was changed after it was handed in" in str(error)
    assert f"Ask {sub.student_name} to hand in again" in str(error)


def test_reformatting_the_json_is_not_editing(assignment, sub_data):
    # Someone who unzips, pretty-prints and re-zips changes no content: the checksum covers the content.
    def reorder(d):
        for key in list(d):
            d[key] = d.pop(key)
    sub = read_submission(with_json(sub_data, "submission.json", reorder))
    check_submission(sub, assignment, TEXT)


def test_a_submission_for_another_assignment(sub_data):
    other = make_assignment("Library closure")
    sub = read_submission(make_submission(other), "ana.ledesub")
    with pytest.raises(ExchangeError) as caught:
        check_submission(sub, make_assignment(), TEXT)
    assert caught.value.reason == "other_assignment"
    assert str(caught.value).startswith("ana.ledesub is for another assignment (\u201cLibrary closure\u201d)")
    assert "Import it into that assignment instead." in str(caught.value)


def test_another_assignments_file_given_this_uid_is_caught_as_edited(assignment):
    other = make_assignment("Library closure")
    forged = with_json(make_submission(other), "submission.json", lambda d: d.update(assignment_id=assignment.uid))
    with pytest.raises(ExchangeError) as caught:
        check_submission(read_submission(forged, "ana.ledesub"), assignment, TEXT)
    assert caught.value.reason == "edited"


def test_a_submission_on_another_article_text(assignment, sub_data):
    sub = read_submission(sub_data, "ana.ledesub")
    with pytest.raises(ExchangeError) as caught:
        check_submission(sub, assignment, TEXT + "\n\nCorrection: the vote is on Wednesday.")
    assert caught.value.reason == "other_article" and "ana.ledesub" in str(caught.value)


def test_marks_that_do_not_fit_the_article(assignment):
    good = student_marks()
    # Each quotes as many characters as it spans, so the file is well-formed and its checksum is right:
    # only the teacher's text shows the quotes are not the article's.
    wrong_place = good[0].with_changes(start=good[0].start + 1, end=good[0].end + 1)
    wrong_category = good[1].with_changes(category="statistic")
    past_the_end = Mark(id=99, article_id=5, category="source", start=len(TEXT) + 5, end=len(TEXT) + 8,
                        quote="abc")
    data = make_submission(assignment, marks=[wrong_place, wrong_category, past_the_end] + good[2:])
    sub = read_submission(data, "ana.ledesub")
    with pytest.raises(ExchangeError) as caught:
        check_submission(sub, assignment, TEXT)
    message = str(caught.value)
    assert caught.value.reason == "bad_marks"
    assert "ana.ledesub: 3 of its 6 marks do not fit" in message
    assert "Councillor Ann Lee" in message and "does not quote the article" in message


# --- names and writing -------------------------------------------------------------------------------------------

def test_file_names():
    assert pack_file_name("Eastgate library faces closure") == "eastgate-library-faces-closure.ledepack"
    assert submission_file_name("Ana Garc\u00eda", "Eastgate library faces closure") == \
        "ana-garcia-eastgate-library.ledesub"
    assert submission_file_name("\u05e9\u05e8\u05d4 \u05dc\u05d5\u05d9", "Caf\u00e9 / news?") == \
        "\u05e9\u05e8\u05d4-\u05dc\u05d5\u05d9-cafe-news.ledesub"
    assert pack_file_name("???") == "assignment.ledepack"
    assert submission_file_name("", "") == "student-assignment.ledesub"
    assert pack_file_name("CON") == "con-file.ledepack"  # Windows will not create "con.*"
    assert pack_file_name("../../etc/passwd") == "etc-passwd.ledepack"
    long = pack_file_name("word " * 40)
    assert len(long) <= 60 + len(".ledepack") and not long.startswith("-")


def test_an_existing_file_is_replaced_whole(tmp_path, assignment):
    path = tmp_path / "eastgate.ledepack"
    path.write_bytes(b"old junk " * 200_000)
    write_pack(path, assignment, ARTICLE)
    assert path.stat().st_size < 100_000
    assert read_pack(path).text == TEXT
    assert [p.name for p in tmp_path.iterdir()] == ["eastgate.ledepack"]


def test_a_failed_write_leaves_no_temporary_file_and_the_old_file_alone(tmp_path):
    folder = tmp_path / "hand-ins"
    folder.mkdir()
    blocker = folder / "ana.ledesub"  # a non-empty folder where the file should go: the rename must fail
    blocker.mkdir()
    (blocker / "keep.txt").write_text("mine")
    with pytest.raises(ExchangeError) as caught:
        write_zip_atomically(blocker, [("mimetype", b"x", False)])
    assert caught.value.reason == "cannot_write" and "ana.ledesub" in str(caught.value)
    assert sorted(p.name for p in folder.iterdir()) == ["ana.ledesub"]
    assert (blocker / "keep.txt").read_text() == "mine"
    with pytest.raises(ExchangeError) as caught:
        write_zip_atomically(tmp_path / "no such folder" / "x.ledesub", [("mimetype", b"x", False)])
    assert caught.value.reason == "cannot_write" and "does not exist" in str(caught.value)


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "ana.ledesub"
    target.write_bytes(b"the earlier hand-in")

    def pulled_out(fd):
        raise KeyboardInterrupt  # the student closes the laptop mid-write

    monkeypatch.setattr(os, "fsync", pulled_out)
    with pytest.raises(KeyboardInterrupt):
        write_zip_atomically(target, [("mimetype", b"x", False)])
    monkeypatch.undo()
    assert [p.name for p in tmp_path.iterdir()] == ["ana.ledesub"]
    assert target.read_bytes() == b"the earlier hand-in"


def test_an_extremely_repetitive_article_is_still_readable(assignment):
    # One sentence repeated 60,000 times deflates past the zip-bomb ratio: the writer stores it instead.
    text = normalize_article_text("The council said no. " * 60_000)
    article = Article(id=5, details=ARTICLE.details, text=text)
    data = pack_bytes(assignment, article)
    assert read_pack(data).text == text


# --- the documentation ---------------------------------------------------------------------------------------------

def test_the_documented_snippet_reads_a_submission_with_the_standard_library(tmp_path, monkeypatch, capsys,
                                                                             assignment, sub_data):
    doc = (ROOT / "docs" / "file-formats.md").read_text(encoding="utf-8")
    snippet = re.search(r"```python\n(.*?)```", doc, re.DOTALL).group(1)
    assert len(snippet.strip().splitlines()) <= 12
    assert not re.search(r"^\s*(from|import)\s+desktop_app", snippet, re.MULTILINE)
    (tmp_path / "ana-garcia-eastgate-library.ledesub").write_bytes(sub_data)
    (tmp_path / "eastgate-library-faces-closure.ledepack").write_bytes(pack_bytes(assignment, ARTICLE))
    monkeypatch.chdir(tmp_path)
    exec(compile(snippet, "file-formats.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Ana Garc\u00eda: checksum matches" in out
    assert "source 66 84 Councillor Ann Lee" in out
    (tmp_path / "ana-garcia-eastgate-library.ledesub").write_bytes(
        with_json(sub_data, "submission.json", lambda d: d["marks"][0].update(note="edited")))
    exec(compile(snippet, "file-formats.md", "exec"), {})
    assert "EDITED" in capsys.readouterr().out
