"""The feedback file (.ledefeedback): a teacher's review of one hand-in, as it goes back to the student's Lede.

It holds the teacher's comments on the student's marks (named by the student's own mark ids and by passage and
category, see core.feedback), the ratings of the notes, the grade, the overall comment and the points split into
finding and reasoning. The key passages the student missed, with the key's notes, are in it only when the teacher
has released the key: ``feedback_bytes`` refuses a Feedback holding them otherwise, and ``read_feedback`` refuses
such a file, so an unreleased key cannot travel in either direction.

Like a submission it carries an HMAC keyed with the assignment's seal, so a grade or comment edited by hand no
longer matches. It detects editing; it is not a signature: the seal is in the pack every student has, so someone
who reads docs/file-formats.md and writes a little code can make a matching checksum.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.assignments import MAX_TITLE, Assignment, clean_name
from desktop_app.core.feedback import Feedback, FeedbackPoints, MarkFeedback, MissedPassage
from desktop_app.core.reasoning import RATINGS
from desktop_app.core.text import MAX_ARTICLE_CHARS
from desktop_app.exchange.errors import (BAD_MARKS, EDITED, OTHER_ARTICLE, OTHER_ASSIGNMENT, TOO_LARGE,
                                         ExchangeError)
from desktop_app.exchange.fields import FORMAT_VERSION, MADE_BY, FieldReader, iso_utc, json_member
from desktop_app.exchange.names import FEEDBACK, feedback_file_name
from desktop_app.exchange.pack import UID, is_seal, text_sha256
from desktop_app.exchange.safezip import (MIMETYPE_MEMBER, read_members, read_source, shown_name_of,
                                          write_bytes_atomically, zip_bytes)
from desktop_app.exchange.submission import (CHECKSUM_ALGORITHM, MAX_CATEGORY_KEY, MAX_LIBRARY_ID, MAX_MARKS,
                                             MAX_NOTE, MAX_STUDENT_NAME, canonical_bytes, checksum_of,
                                             read_checksum)
from desktop_app.i18n import N_, _, ngettext
from desktop_app.i18n.formats import format_number

FEEDBACK_JSON_LIMIT = 12_000_000  # the marks' quotes and notes as handed in (8 MB at most), and the comments
README_LIMIT = 16_000
MAX_FILE_BYTES = 20_000_000
MAX_COMMENT = 10_000  # as the teacher's library keeps a comment (storage.submissions.MAX_COMMENT)
MAX_GRADE = 40
MAX_POINTS = 1000.0  # an assignment's total is at most 1000 (core.assignments.validate)
_REMEDY = N_("Ask your teacher for a fresh copy of your feedback file.")


@dataclass(frozen=True, slots=True)
class FeedbackFile:
    feedback: Feedback
    checksum: str  # the HMAC as written in the file (lower-case hex)
    content: bytes  # the canonical bytes the checksum covers
    document: bytes  # feedback.json as it arrived: what the student's library keeps
    made_by: str
    file_sha256: str  # of the whole file, as it arrived
    shown_name: str = ""


def _readme(student: str, title: str) -> bytes:
    # Translators: the README.txt inside a feedback file, for whoever unzips it. {made_by} is "Lede" and its
    # version; "File > Open assignment from teacher" is Lede's menu item of that name. Keep the line breaks.
    return _(
        "This is Lede feedback: your teacher's comments on {student}'s work on \u201c{title}\u201d.\n"
        "\n"
        "Open it with {made_by} or later on the computer where you did the work: double-click it, or use\n"
        "File > Open assignment from teacher in Lede. It shows the comments beside your own marks.\n"
        "\n"
        "For the technically curious: feedback.json holds it as UTF-8 JSON, with a checksum like a hand-in's.\n"
        "Lede's documentation (docs/file-formats.md) describes every field.\n"
    ).format(student=student, title=title, made_by=MADE_BY).encode()


def _points_data(p: FeedbackPoints | None) -> dict | None:
    if p is None:
        return None
    return {"points": p.points, "total": p.total, "finding": p.finding, "reasoning": p.reasoning,
            "reasoning_weight": p.weight, "notes_rated": p.rated, "notes_unrated": p.unrated}


def _mark_data(m: MarkFeedback) -> dict:
    if not 0 <= m.start < m.end <= MAX_ARTICLE_CHARS or len(m.quote) != m.end - m.start:
        raise ValueError(f"feedback on the mark at {m.start}..{m.end} does not quote its own span")
    if m.rating is not None and m.rating not in RATINGS:
        raise ValueError(f"a note is rated 0, 1 or 2, not {m.rating!r}")
    return {"library_id": m.library_id, "category": m.category, "start": m.start, "end": m.end, "quote": m.quote,
            "note": m.note, "comment": m.comment[:MAX_COMMENT], "rating": m.rating}


def _missed_data(k: MissedPassage) -> dict:
    if not 0 <= k.start < k.end <= MAX_ARTICLE_CHARS or len(k.quote) != k.end - k.start:
        raise ValueError(f"the key passage at {k.start}..{k.end} does not quote its own span")
    return {"category": k.category, "start": k.start, "end": k.end, "quote": k.quote, "bonus": k.bonus,
            "note": k.note[:MAX_NOTE], "comment": k.comment[:MAX_COMMENT]}


def feedback_bytes(feedback: Feedback, seal: str) -> bytes:
    """The feedback file as bytes, sealed with the assignment's ``seal``.

    Raises ValueError for what the teacher's Lede should have prevented (no seal, a malformed mark, missed key
    passages in feedback whose key is not released) and ExchangeError (reason "too_large") past the size limit."""
    f = feedback
    if not is_seal(seal):
        raise ValueError("the assignment has no usable seal, so the feedback could not be checked")
    if not UID.match(f.assignment_uid):
        raise ValueError(f"the assignment's uid {f.assignment_uid!r} is not one Lede makes")
    if f.missed and not f.key_released:
        raise ValueError("the key is not released: feedback may not hold the key passages")
    if len(f.hand_in_sha256) != 64 or len(f.article_sha256) != 64:
        raise ValueError("feedback names its hand-in and its article by their SHA-256")
    document: dict = {
        "format": FEEDBACK.format_name,
        "version": FORMAT_VERSION,
        "made_by": MADE_BY,
        "made_at": iso_utc(f.made_at),
        "assignment_id": f.assignment_uid,
        "assignment_title": f.assignment_title,
        "article_sha256": f.article_sha256.lower(),
        "student": {"name": f.student_name},
        "hand_in": {"sha256": f.hand_in_sha256.lower(),
                    "handed_in_at": iso_utc(f.handed_in_at) if f.handed_in_at is not None else None},
        "grade": " ".join(f.grade.split())[:MAX_GRADE],
        "comment": f.comment[:MAX_COMMENT],
        "points": _points_data(f.points),
        "marks": [_mark_data(m) for m in f.marks],
        "key_released": f.key_released,
        "missed": [_missed_data(k) for k in f.missed] if f.key_released else [],
    }
    try:
        content = canonical_bytes(document)
    except UnicodeEncodeError as exc:
        raise ValueError(f"the feedback holds a character that is not valid Unicode: {exc}") from exc
    document["checksum"] = {"algorithm": CHECKSUM_ALGORITHM, "value": checksum_of(seal, content)}
    body = json_member(document)
    if len(body) > FEEDBACK_JSON_LIMIT:
        # Translators: {size} and {most} are sizes in megabytes (numbers only: "MB" is in the sentence).
        raise ExchangeError(_("The feedback for {name} is too large for one file ({size} MB; at most {most} MB). "
                              "Shorten the longest comments.").format(
            name=f.student_name, size=format_number(len(body) / 1e6, 1),
            most=format_number(FEEDBACK_JSON_LIMIT / 1e6, 1)), reason=TOO_LARGE)
    return zip_bytes([(MIMETYPE_MEMBER, FEEDBACK.mimetype.encode("ascii"), False), (FEEDBACK.json_member, body, True),
                      ("README.txt", _readme(f.student_name, f.assignment_title), True)], when=f.made_at)


def write_feedback(path, feedback: Feedback, seal: str) -> Path:
    """Writes the file whole or not at all (a file already there is replaced: the teacher wrote it again). A folder
    ``path`` gets a file named after the student and the assignment. Returns the path written."""
    target = Path(path)
    if target.is_dir():
        target = target / feedback_file_name(feedback.student_name, feedback.assignment_title)
    return write_bytes_atomically(target, feedback_bytes(feedback, seal))


def read_feedback(source, shown_name: str = "") -> FeedbackFile:
    """Reads a feedback file from a path or bytes and checks its structure (``check_feedback`` checks it against
    the student's copy). Raises ExchangeError naming the file and the reason."""
    shown = shown_name_of(source, shown_name)
    raw = read_source(source, max_file_bytes=MAX_FILE_BYTES, shown_name=shown, kind_mimetype=FEEDBACK.mimetype)
    members = read_members(raw, FEEDBACK.mimetype, {FEEDBACK.json_member: FEEDBACK_JSON_LIMIT,
                                                    "README.txt": README_LIMIT},
                           max_file_bytes=MAX_FILE_BYTES, shown_name=shown, optional=("README.txt",))
    return parse_feedback(members[FEEDBACK.json_member], hashlib.sha256(raw).hexdigest(), shown)


def parse_feedback(document: bytes, file_sha256: str, shown: str) -> FeedbackFile:
    """feedback.json's bytes as a FeedbackFile: the file's member, or the copy a student's library kept of it."""
    r = FieldReader(shown, FEEDBACK, _(_REMEDY))
    parsed = r.parse(document)
    made_by = r.header(parsed)
    made_at = r.moment(parsed, "made_at", "made_at")
    uid = r.string(parsed, "assignment_id", "assignment_id", max_len=64, nonempty=True)
    if not UID.match(uid):
        raise r.fail(_('the field "{field}" is not an assignment id Lede makes').format(field="assignment_id"))
    title = r.string(parsed, "assignment_title", "assignment_title", max_len=MAX_TITLE)
    article_sha = r.hex_string(parsed, "article_sha256", "article_sha256", min_len=64, max_len=64)
    name = clean_name(r.string(r.obj(parsed, "student", "student"), "name", "student.name", max_len=MAX_STUDENT_NAME))
    if not name:
        raise r.fail(_('the field "{field}" is empty, so Lede cannot tell whose work it is on').format(
            field="student.name"))
    hand_in = r.obj(parsed, "hand_in", "hand_in")
    hand_in_sha = r.hex_string(hand_in, "sha256", "hand_in.sha256", min_len=64, max_len=64)
    handed_in_at = r.moment(hand_in, "handed_in_at", "hand_in.handed_in_at", nullable=True)
    grade = r.string(parsed, "grade", "grade", max_len=MAX_GRADE)
    comment = r.string(parsed, "comment", "comment", max_len=MAX_COMMENT, multiline=True)
    points = _points(r, parsed)
    marks = tuple(_mark(r, entry, f"marks[{i}]")
                  for i, entry in enumerate(r.array(parsed, "marks", "marks", max_items=MAX_MARKS)))
    released = parsed.get("key_released")
    if not isinstance(released, bool):
        raise r.fail(_('the field "{field}" should be true or false').format(field="key_released"))
    missed = tuple(_missed(r, entry, f"missed[{i}]")
                   for i, entry in enumerate(r.array(parsed, "missed", "missed", max_items=MAX_MARKS)))
    if missed and not released:
        raise r.fail(_("it holds key passages although the key is not released"))
    value, content = read_checksum(r, parsed)
    assert made_at is not None  # not nullable
    feedback = Feedback(assignment_uid=uid, assignment_title=title, article_sha256=article_sha, student_name=name,
                        hand_in_sha256=hand_in_sha, handed_in_at=handed_in_at, made_at=made_at, grade=grade,
                        comment=comment, points=points, marks=marks, key_released=released, missed=missed)
    return FeedbackFile(feedback, value, content, document, made_by, file_sha256, shown)


def _points(r: FieldReader, parsed: dict) -> FeedbackPoints | None:
    if "points" not in parsed:
        raise r.fail(_('the field "{field}" is missing').format(field="points"))
    p = parsed["points"]
    if p is None:
        return None
    if not isinstance(p, dict):
        raise r.fail(_('the field "{field}" should be a JSON object or null').format(field="points"))
    numbers = {}
    for key in ("points", "total", "finding", "reasoning"):
        value = r.number(p, key, f"points.{key}")
        if not 0 <= value <= MAX_POINTS:
            raise r.fail(_('the field "{field}" is {value}; it must be from {low} to {high}').format(
                field=f"points.{key}", value=value, low=0, high=f"{MAX_POINTS:g}"))
        numbers[key] = float(value)
    weight = r.number(p, "reasoning_weight", "points.reasoning_weight")
    if not 0 <= weight <= 1:
        raise r.fail(_('the field "{field}" should be a number from 0 to 1').format(field="points.reasoning_weight"))
    rated = r.integer(p, "notes_rated", "points.notes_rated", low=0, high=MAX_MARKS)
    unrated = r.integer(p, "notes_unrated", "points.notes_unrated", low=0, high=MAX_MARKS)
    return FeedbackPoints(numbers["points"], numbers["total"], numbers["finding"], numbers["reasoning"],
                          float(weight), rated, unrated)


def _passage(r: FieldReader, entry, where: str) -> tuple[str, int, int, str]:
    if not isinstance(entry, dict):
        raise r.fail(_('the field "{field}" should be a JSON object').format(field=where), BAD_MARKS)
    try:
        category = r.string(entry, "category", f"{where}.category", max_len=MAX_CATEGORY_KEY, nonempty=True)
        start = r.integer(entry, "start", f"{where}.start", low=0, high=MAX_ARTICLE_CHARS - 1)
        end = r.integer(entry, "end", f"{where}.end", low=1, high=MAX_ARTICLE_CHARS)
        quote = r.string(entry, "quote", f"{where}.quote", max_len=MAX_ARTICLE_CHARS, multiline=True)
    except ExchangeError as exc:
        exc.reason = BAD_MARKS
        raise
    if start >= end or len(quote) != end - start:
        raise r.fail(ngettext('"{field}" spans {start} to {end} but quotes {count} characters',
                              '"{field}" spans {start} to {end} but quotes {count} characters', len(quote)).format(
            field=where, start=start, end=end, count=len(quote)), BAD_MARKS)
    return category, start, end, quote


def _mark(r: FieldReader, entry, where: str) -> MarkFeedback:
    category, start, end, quote = _passage(r, entry, where)
    try:
        library_id = None if entry.get("library_id") is None else r.integer(
            entry, "library_id", f"{where}.library_id", low=1, high=MAX_LIBRARY_ID)
        note = r.string(entry, "note", f"{where}.note", max_len=MAX_NOTE, multiline=True)
        comment = r.string(entry, "comment", f"{where}.comment", max_len=MAX_COMMENT, multiline=True)
        rating = entry.get("rating")
        if rating is not None:
            rating = r.integer(entry, "rating", f"{where}.rating", low=min(RATINGS), high=max(RATINGS))
    except ExchangeError as exc:
        exc.reason = BAD_MARKS
        raise
    return MarkFeedback(library_id, category, start, end, quote, note, comment, rating)


def _missed(r: FieldReader, entry, where: str) -> MissedPassage:
    category, start, end, quote = _passage(r, entry, where)
    bonus = entry.get("bonus")
    if not isinstance(bonus, bool):
        raise r.fail(_('the field "{field}" should be true or false').format(field=f"{where}.bonus"), BAD_MARKS)
    try:
        note = r.string(entry, "note", f"{where}.note", max_len=MAX_NOTE, multiline=True)
        comment = r.string(entry, "comment", f"{where}.comment", max_len=MAX_COMMENT, multiline=True)
    except ExchangeError as exc:
        exc.reason = BAD_MARKS
        raise
    return MissedPassage(category, start, end, quote, bonus, note, comment)


def check_feedback(received: FeedbackFile, assignment: Assignment, article_text: str) -> None:
    """Raises ExchangeError unless ``received`` is feedback on ``assignment`` (the student's copy, which holds the
    seal) on ``article_text``, unchanged since the teacher's Lede wrote it, with marks that quote the text (reasons
    other_assignment, other_article, edited, bad_marks, checked in that order)."""
    f = received.feedback
    # Translators: stands for the file's name at the start of a message.
    shown = received.shown_name or _("This feedback file")
    remedy = _(_REMEDY)
    if f.assignment_uid != assignment.uid:
        raise ExchangeError(_("{file} is feedback on another assignment (\u201c{other}\u201d), not on "
                              "\u201c{title}\u201d.").format(file=shown, other=f.assignment_title,
                                                              title=assignment.title),
                            path=shown, reason=OTHER_ASSIGNMENT)
    if f.article_sha256 != text_sha256(article_text):
        raise ExchangeError(_("{file} is on a different text of the article than your copy of \u201c{title}\u201d, so "
                              "its comments would land in the wrong places. {remedy}").format(
            file=shown, title=assignment.title, remedy=remedy), path=shown, reason=OTHER_ARTICLE)
    if not is_seal(assignment.seal):
        raise ValueError("the assignment has no usable seal, so its feedback cannot be checked")
    if not hmac.compare_digest(checksum_of(assignment.seal, received.content), received.checksum):
        raise ExchangeError(_("{file} was changed after your teacher's Lede wrote it (its checksum does not match), "
                              "so Lede does not show it. {remedy}").format(file=shown, remedy=remedy),
                            path=shown, reason=EDITED)
    passages: list[MarkFeedback | MissedPassage] = [*f.marks, *f.missed]
    for item in passages:
        if item.end > len(article_text) or article_text[item.start:item.end] != item.quote:
            raise ExchangeError(_("{file}: a comment is on \u201c{quote}\u201d, which is not in your copy's text at "
                                  "its place. {remedy}").format(file=shown, quote=item.quote[:40], remedy=remedy),
                                path=shown, reason=BAD_MARKS)
