"""The submission (.ledesub): one student's marks on one assignment, as handed back to the teacher.

Reading a submission needs nothing of the teacher's (``read_submission``); checking that it belongs to this
assignment, this text, and was not edited needs the teacher's copy of the assignment (``check_submission``).

The checksum is an HMAC keyed with the assignment's seal, which the pack carries. It catches a file edited by
hand and a file for another assignment; it is not a signature, since anyone with the pack and the format
description can recompute it (docs/file-formats.md says so to teachers too).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.core.assignments import (
    MAX_TITLE,
    SUBMISSION_LAYER,
    Assignment,
    clean_name,
    student_key,
)
from desktop_app.core.marks import Mark
from desktop_app.core.text import MAX_ARTICLE_CHARS, numbered_file_name
from desktop_app.exchange.errors import (
    BAD_MARKS,
    CANNOT_WRITE,
    EDITED,
    OTHER_ARTICLE,
    OTHER_ASSIGNMENT,
    TOO_LARGE,
    ExchangeError,
)
from desktop_app.exchange.fields import (
    FORMAT_VERSION,
    MADE_BY,
    FieldReader,
    iso_utc,
    json_member,
)
from desktop_app.exchange.names import SUBMISSION, submission_file_name
from desktop_app.exchange.misfits import CATEGORY, MISQUOTED, PAST_END, REFERENCE, misfit_message
from desktop_app.exchange.pack import UID, is_seal, text_sha256
from desktop_app.exchange.safezip import (
    MIMETYPE_MEMBER,
    read_members,
    read_source,
    shown_name_of,
    write_bytes_atomically,
    zip_bytes,
)
from desktop_app.i18n import N_, _, ngettext
from desktop_app.i18n.formats import format_number

SUBMISSION_JSON_LIMIT = 8_000_000
README_LIMIT = 16_000
MAX_FILE_BYTES = 20_000_000
MAX_MARKS = 5_000
MAX_NOTE = 10_000  # as the desk's note field allows
MAX_EXTRA_FIELDS = 20
MAX_EXTRA_VALUE = 10_000
MAX_CATEGORY_KEY = 64
MAX_STUDENT_NAME = 200  # generous on reading: the desk cuts names at core.assignments.MAX_NAME
CHECKSUM_ALGORITHM = "hmac-sha256"
MAX_LIBRARY_ID = 2**31 - 1  # a library's mark ids are INTEGER columns, 32 bits in PostgreSQL
MAX_NAME_NUMBER = 999  # ana-lopez-eastgate-999.ledesub: a folder with more alike is not a hand-in folder
_REMEDY = N_("Ask the student to hand in again from Lede.")


@dataclass(frozen=True, slots=True)
class SubmissionFile:
    assignment_uid: str
    assignment_title: str
    article_sha256: str
    student_name: str
    handed_in_at: datetime | None  # UTC, to the second, by the student's clock
    marks: tuple[Mark, ...]  # ids 1..n in file order, article_id 0, layer SUBMISSION_LAYER, no prefix/suffix
    checksum: str  # the HMAC as written in the file (lower-case hex)
    content: bytes  # the canonical bytes the checksum covers
    made_by: str
    file_sha256: str  # of the whole file, as it arrived
    shown_name: str = ""  # the file name messages use
    # Each mark's id in the student's library, in the order of ``marks`` (None where the file did not say: a
    # hand-in made by an older Lede): the teacher's feedback names the marks by them (core.feedback).
    library_ids: tuple[int | None, ...] = ()


def canonical_bytes(document: dict) -> bytes:
    """The bytes the checksum covers: the document without "checksum", keys sorted, no spaces, UTF-8."""
    body = {k: v for k, v in document.items() if k != "checksum"}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def checksum_of(seal: str, content: bytes) -> str:
    return hmac.new(bytes.fromhex(seal), content, hashlib.sha256).hexdigest()


def read_checksum(r: FieldReader, document: dict) -> tuple[str, bytes]:
    """The checksum a hand-in or feedback file carries, and the bytes it covers (checked against the seal later,
    by whoever knows it)."""
    checksum = r.obj(document, "checksum", "checksum")
    algorithm = r.string(checksum, "algorithm", "checksum.algorithm", max_len=40)
    if algorithm != CHECKSUM_ALGORITHM:
        raise r.fail(_('its checksum is made with {found}; Lede makes and checks "{wanted}"').format(
            found=repr(algorithm), wanted=CHECKSUM_ALGORITHM))
    value = r.hex_string(checksum, "value", "checksum.value", min_len=64, max_len=64)
    try:
        content = canonical_bytes(document)
    except UnicodeEncodeError as exc:
        raise r.fail(_("its text holds characters that are not valid Unicode")) from exc
    return value, content


def _readme(student: str, title: str) -> bytes:
    # Translators: the README.txt inside a hand-in, for whoever unzips it. {made_by} is "Lede" and its version.
    # Keep the line breaks.
    return _(
        "This is a Lede submission: {student}'s work on the assignment \u201c{title}\u201d.\n"
        "\n"
        "Hand this file to your teacher unchanged (upload it, or copy it to a USB stick or shared folder).\n"
        "Your teacher opens it with {made_by} or later. It carries a checksum: a copy edited by hand\n"
        "no longer matches it, and Lede tells the teacher so.\n"
        "\n"
        "For the technically curious: submission.json holds the marks as UTF-8 JSON. Lede's documentation\n"
        "(docs/file-formats.md) describes every field and how the checksum is made.\n"
    ).format(student=student, title=title, made_by=MADE_BY).encode()


def _mark_data(mark: Mark, refs: dict[str, str], ref_keys: set[str]) -> dict:
    if not 0 <= mark.start < mark.end <= MAX_ARTICLE_CHARS or len(mark.quote) != mark.end - mark.start:
        raise ValueError(f"mark {mark.id} ({mark.start}..{mark.end}) does not quote its own span")
    if len(mark.note) > MAX_NOTE:
        raise ValueError(f"mark {mark.id}'s note is longer than {MAX_NOTE:,} characters")
    extra = dict(mark.extra or {})
    if len(extra) > MAX_EXTRA_FIELDS or not all(isinstance(k, str) and isinstance(v, str) and len(v) <= MAX_EXTRA_VALUE
                                                for k, v in extra.items()):
        raise ValueError(f"mark {mark.id}'s extra answers are not short pieces of text")
    for key in ref_keys & extra.keys():
        # A reference to another mark names it by its id in the student's library, which means nothing on the
        # teacher's computer: the file names it by its number in the file's list instead (the reader gives
        # marks ids 1..n in file order). A reference to a mark not handed in is no answer.
        if extra[key] in refs:
            extra[key] = refs[extra[key]]
        else:
            del extra[key]
    data = {"category": mark.category, "start": mark.start, "end": mark.end, "quote": mark.quote,
            "note": mark.note, "extra": extra}
    if mark.id is not None:
        # Added within version 1 (older readers ignore it): the mark's id in the student's library, so the
        # teacher's feedback finds this very mark again in the student's copy (exchange.feedback).
        data["library_id"] = mark.id
    return data


def _reference_keys(assignment: Assignment) -> set[str]:
    """The extra answers that name another mark ("Attributed to": one of the student's Source marks)."""
    return {c.extra.key for c in assignment.categories if c.extra is not None and c.extra.kind == "source_ref"}


def submission_bytes(assignment: Assignment, article_sha256: str, student_name: str, marks: Sequence[Mark],
                     handed_in_at: datetime) -> bytes:
    """The submission file as bytes. Marks are written in reading order.

    Raises ValueError for what the desk should have prevented (no name, no seal, a malformed mark) and
    ExchangeError (reason "too_large") when the work is too big for one file."""
    name = clean_name(student_name)
    if not name:
        raise ValueError("type the student's name before handing in")
    if not is_seal(assignment.seal):
        raise ValueError("the assignment has no usable seal, so the submission could not be checked")
    if not UID.match(assignment.uid):
        raise ValueError(f"the assignment's uid {assignment.uid!r} is not one Lede makes")
    if len(article_sha256) != 64 or any(c not in "0123456789abcdef" for c in article_sha256.lower()):
        raise ValueError("article_sha256 must be a SHA-256 in hexadecimal")
    if len(marks) > MAX_MARKS:
        raise ExchangeError(ngettext("This work has {count} marks; one submission holds at most {most}. Remove "
                                     "some marks, then hand in again.",
                                     "This work has {count} marks; one submission holds at most {most}. Remove "
                                     "some marks, then hand in again.", len(marks)).format(
            count=format_number(len(marks)), most=format_number(MAX_MARKS)), reason=TOO_LARGE)
    ordered = sorted(marks, key=lambda m: (m.start, -m.end))  # stable: equal spans keep the desk's order
    refs = {str(m.id): str(n) for n, m in enumerate(ordered, start=1) if m.id is not None}
    ref_keys = _reference_keys(assignment)
    document: dict = {
        "format": SUBMISSION.format_name,
        "version": FORMAT_VERSION,
        "made_by": MADE_BY,
        "assignment_id": assignment.uid,
        "assignment_title": assignment.title,
        "article_sha256": article_sha256.lower(),
        "student": {"name": name},
        "handed_in_at": iso_utc(handed_in_at),
        "marks": [_mark_data(m, refs, ref_keys) for m in ordered],
    }
    try:
        content = canonical_bytes(document)
    except UnicodeEncodeError as exc:
        raise ValueError(f"the work holds a character that is not valid Unicode: {exc}") from exc
    document["checksum"] = {"algorithm": CHECKSUM_ALGORITHM, "value": checksum_of(assignment.seal, content)}
    body = json_member(document)
    if len(body) > SUBMISSION_JSON_LIMIT:
        # Translators: {size} and {most} are sizes in megabytes (numbers only: "MB" is in the sentence).
        raise ExchangeError(_("This work is too large for one submission ({size} MB; at most {most} MB). Shorten "
                              "the longest notes, then hand in again.").format(
            size=format_number(len(body) / 1_000_000, 1), most=format_number(SUBMISSION_JSON_LIMIT / 1_000_000, 1)),
            reason=TOO_LARGE)
    return zip_bytes([(MIMETYPE_MEMBER, SUBMISSION.mimetype.encode("ascii"), False),
                      (SUBMISSION.json_member, body, True), ("README.txt", _readme(name, assignment.title), True)],
                     when=handed_in_at)


def write_submission(folder_or_path, assignment: Assignment, article_sha256: str, student_name: str,
                     marks: Sequence[Mark], handed_in_at: datetime) -> tuple[Path, bool]:
    """Writes the submission whole or not at all; given a folder, names the file after student and assignment.

    Handing in replaces only this student's own earlier hand-in of this assignment. Two students whose names
    make the same file name ("Ana-Maria Lopez", "Ana Maria Lopez"), another assignment's hand-in, a file Lede
    cannot read or anything else under that name is left alone: the work goes to the next free name
    (ana-maria-lopez-eastgate-2.ledesub, -3, …), and a name another lab computer takes at the same moment is
    never overwritten either (see safe_files.write_atomically, ``replace=False``).

    Returns (path written, whether it replaced this student's earlier hand-in: they handed in again)."""
    data = submission_bytes(assignment, article_sha256, student_name, marks, handed_in_at)
    return place_submission(folder_or_path, assignment, student_name, data)


def place_submission(folder_or_path, assignment: Assignment, student_name: str, data: bytes) -> tuple[Path, bool]:
    """Writes the bytes of a submission (``submission_bytes``) as ``write_submission`` does; for a caller that
    keeps the bytes (the student's Lede remembers their SHA-256, which the teacher's feedback names)."""
    target = Path(folder_or_path)
    if target.is_dir():
        target = target / submission_file_name(student_name, assignment.title)
    key = student_key(student_name)
    for number in range(1, MAX_NAME_NUMBER + 1):
        candidate = target.with_name(numbered_file_name(target.name, number))
        if _is_earlier_hand_in(candidate, assignment.uid, key):
            return write_bytes_atomically(candidate, data), True
        if os.path.lexists(candidate):
            continue
        try:
            return write_bytes_atomically(candidate, data, replace=False), False
        except FileExistsError:
            continue  # someone else's file took the name while this one was written: take the next
    raise ExchangeError(_("{folder} already holds {count} files named like {file}. Hand in to another folder, or "
                          "ask your teacher to clear this one.").format(
        folder=target.parent, count=MAX_NAME_NUMBER, file=target.name), path=target.name, reason=CANNOT_WRITE)


def _is_earlier_hand_in(path: Path, assignment_uid: str, key: str) -> bool:
    """Whether ``path`` is a hand-in Lede can read, by the student with ``key``, for this assignment."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a folder, or a pipe that would never finish reading
        earlier = read_submission(path)
    except (OSError, ExchangeError):
        return False
    return earlier.assignment_uid == assignment_uid and student_key(earlier.student_name) == key


def read_submission(source, shown_name: str = "") -> SubmissionFile:
    """Reads a submission from a path or bytes and checks its structure (not yet which assignment it is for:
    ``check_submission`` does that). Raises ExchangeError naming the file and the reason."""
    shown = shown_name_of(source, shown_name)
    raw = read_source(source, max_file_bytes=MAX_FILE_BYTES, shown_name=shown, kind_mimetype=SUBMISSION.mimetype)
    members = read_members(raw, SUBMISSION.mimetype, {SUBMISSION.json_member: SUBMISSION_JSON_LIMIT,
                                                      "README.txt": README_LIMIT},
                           max_file_bytes=MAX_FILE_BYTES, shown_name=shown, optional=("README.txt",))
    r = FieldReader(shown, SUBMISSION, _(_REMEDY))
    document = r.parse(members[SUBMISSION.json_member])
    made_by = r.header(document)
    uid = r.string(document, "assignment_id", "assignment_id", max_len=64, nonempty=True)
    if not UID.match(uid):
        raise r.fail(_('the field "{field}" is not an assignment id Lede makes').format(field="assignment_id"))
    title = r.string(document, "assignment_title", "assignment_title", max_len=MAX_TITLE)
    article_sha = r.hex_string(document, "article_sha256", "article_sha256", min_len=64, max_len=64)
    student = r.obj(document, "student", "student")
    name = clean_name(r.string(student, "name", "student.name", max_len=MAX_STUDENT_NAME))
    if not name:
        raise r.fail(_('the field "{field}" is empty, so Lede cannot tell whose work it is').format(
            field="student.name"))
    handed_in_at = r.moment(document, "handed_in_at", "handed_in_at")
    entries = r.array(document, "marks", "marks", max_items=MAX_MARKS)
    marks = tuple(_mark(r, entry, i) for i, entry in enumerate(entries))
    library_ids = tuple(_library_id(r, entry, i) for i, entry in enumerate(entries))
    value, content = read_checksum(r, document)
    return SubmissionFile(assignment_uid=uid, assignment_title=title, article_sha256=article_sha, student_name=name,
                          handed_in_at=handed_in_at, marks=marks, checksum=value, content=content, made_by=made_by,
                          file_sha256=hashlib.sha256(raw).hexdigest(), shown_name=shown, library_ids=library_ids)


def _mark(r: FieldReader, entry, i: int) -> Mark:
    where = f"marks[{i}]"
    if not isinstance(entry, dict):
        raise r.fail(_('the field "{field}" should be a JSON object').format(field=where), BAD_MARKS)
    try:
        category = r.string(entry, "category", f"{where}.category", max_len=MAX_CATEGORY_KEY, nonempty=True)
        start = r.integer(entry, "start", f"{where}.start", low=0, high=MAX_ARTICLE_CHARS - 1)
        end = r.integer(entry, "end", f"{where}.end", low=1, high=MAX_ARTICLE_CHARS)
        quote = r.string(entry, "quote", f"{where}.quote", max_len=MAX_ARTICLE_CHARS, multiline=True)
        note = r.string(entry, "note", f"{where}.note", max_len=MAX_NOTE, multiline=True)
        raw_extra = r.obj(entry, "extra", f"{where}.extra")
        if len(raw_extra) > MAX_EXTRA_FIELDS:
            raise r.fail(_('the field "{field}" holds more than {most} answers').format(
                field=f"{where}.extra", most=MAX_EXTRA_FIELDS))
        extra = {key: r.string(raw_extra, key, f"{where}.extra.{key}", max_len=MAX_EXTRA_VALUE) for key in raw_extra}
    except ExchangeError as exc:
        exc.reason = BAD_MARKS
        raise
    if start >= end:
        raise r.fail(_("mark {number} ends ({end}) before it starts ({start})").format(
            number=i + 1, end=end, start=start), BAD_MARKS)
    if len(quote) != end - start:
        raise r.fail(ngettext("mark {number} spans {count} characters but quotes {quoted}",
                              "mark {number} spans {count} characters but quotes {quoted}", end - start).format(
            number=i + 1, count=end - start, quoted=len(quote)), BAD_MARKS)
    return Mark(id=i + 1, article_id=0, category=category, start=start, end=end, quote=quote, note=note,
                extra=extra, layer=SUBMISSION_LAYER)


def _library_id(r: FieldReader, entry: dict, i: int) -> int | None:
    """A mark's optional "library_id": a positive whole number, or absent (files of an older Lede) or null."""
    if entry.get("library_id") is None:
        return None
    try:
        return r.integer(entry, "library_id", f"marks[{i}].library_id", low=1, high=MAX_LIBRARY_ID)
    except ExchangeError as exc:
        exc.reason = BAD_MARKS
        raise


def check_submission(sub: SubmissionFile, assignment: Assignment, article_text: str) -> None:
    """Raises ExchangeError unless ``sub`` was handed in for ``assignment`` on ``article_text`` and not edited
    since (reasons other_assignment, other_article, edited, bad_marks, checked in that order)."""
    shown = sub.shown_name or _("{name}\u2019s submission").format(name=sub.student_name)
    name = sub.student_name
    if sub.assignment_uid != assignment.uid:
        raise ExchangeError(_("{file} is for another assignment (\u201c{other}\u201d), not this one "
                              "(\u201c{title}\u201d). Import it into that assignment instead.").format(
            file=shown, other=sub.assignment_title, title=assignment.title), path=shown, reason=OTHER_ASSIGNMENT)
    if sub.article_sha256 != text_sha256(article_text):
        raise ExchangeError(_("{file} was made on a different text of the article than this assignment hands out, "
                              "so its marks would land in the wrong places. Perhaps it came from an older pack: ask "
                              "{name} to open the current pack and hand in again.").format(file=shown, name=name),
                            path=shown, reason=OTHER_ARTICLE)
    if not is_seal(assignment.seal):
        raise ValueError("the assignment has no usable seal, so its submissions cannot be checked")
    if not hmac.compare_digest(checksum_of(assignment.seal, sub.content), sub.checksum):
        raise ExchangeError(_("{file} was changed after it was handed in (its checksum does not match). Ask {name} "
                              "to hand in again from Lede; don't import an edited copy.").format(file=shown, name=name),
                            path=shown, reason=EDITED)
    in_play = {c.key: c for c in assignment.categories}
    numbers = {str(m.id) for m in sub.marks}
    misfits: list[tuple[Mark, str]] = []
    for mark in sub.marks:
        category = in_play.get(mark.category)
        ref = category.extra.key if category and category.extra and category.extra.kind == "source_ref" else None
        if category is None:
            misfits.append((mark, CATEGORY))
        elif mark.end > len(article_text):
            misfits.append((mark, PAST_END))
        elif article_text[mark.start:mark.end] != mark.quote:
            misfits.append((mark, MISQUOTED))
        elif ref is not None and ref in mark.extra and mark.extra[ref] not in numbers:
            misfits.append((mark, REFERENCE))
    if misfits:
        first, why = misfits[0]
        quote = first.quote if len(first.quote) <= 40 else first.quote[:39] + "\u2026"
        message = misfit_message(why, len(misfits)).format(
            file=shown, count=len(misfits), total=len(sub.marks), number=first.id, quote=quote,
            category=repr(first.category), name=name)
        raise ExchangeError(message, path=shown, reason=BAD_MARKS)

