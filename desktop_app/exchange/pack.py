"""The student pack (.ledepack): one assignment and its article, as a teacher hands it out.

A pack never carries the answer key: ``pack_bytes`` is given the assignment and the article and nothing
else, so there is no way for a key mark, note or offset to reach the file.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.core.articles import Article, ArticleDetails
from desktop_app.core.assignments import (
    MAX_INSTRUCTIONS,
    MAX_TITLE,
    STUDENT,
    Assignment,
    AssignmentError,
    validate,
)
from desktop_app.core.categories import (
    CategoryFileError,
    category_from_data,
    category_to_data,
)
from desktop_app.core.text import (
    MAX_ARTICLE_CHARS,
    ArticleTextError,
    normalize_article_text,
)
from desktop_app.exchange.fields import (
    FORMAT_VERSION,
    MADE_BY,
    FieldReader,
    iso_utc,
    json_member,
)
from desktop_app.exchange.names import PACK, pack_file_name
from desktop_app.exchange.safezip import (
    MIMETYPE_MEMBER,
    read_members,
    shown_name_of,
    write_bytes_atomically,
    zip_bytes,
)
from desktop_app.i18n import N_, _
from desktop_app.i18n.formats import format_number

# A text of MAX_ARTICLE_CHARS code points of up to 4 UTF-8 bytes each is 8 MB; the rest of pack.json is small.
PACK_JSON_LIMIT = 9_000_000
README_LIMIT = 16_000
MAX_FILE_BYTES = 20_000_000
MAX_CATEGORIES = 20
MAX_DETAIL = 2_000  # an article's title, outlet, author, date
MAX_URL = 4_000
SEAL_HEX_MIN, SEAL_HEX_MAX = 32, 64  # 16 to 32 bytes of secret (the library stores up to 64 digits)
UID = re.compile(r"^[0-9A-Za-z_-]{1,64}$")
_REMEDY = N_("Ask your teacher for a fresh copy of the pack.")


@dataclass(frozen=True, slots=True)
class Pack:
    """What a student's Lede needs from a pack: the assignment (as the student's copy: role "student", not yet
    stored, so no id and no article id) and the article to annotate."""

    assignment: Assignment
    details: ArticleDetails
    text: str
    direction: str
    sha256: str  # of the text as UTF-8: submissions carry it, so the teacher knows they marked this text
    made_by: str
    made_at: datetime | None


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_seal() -> str:
    """A fresh secret for a new assignment: 32 random bytes in hexadecimal."""
    return secrets.token_hex(32)


def is_seal(seal: str) -> bool:
    return (SEAL_HEX_MIN <= len(seal) <= SEAL_HEX_MAX and len(seal) % 2 == 0
            and all(c in "0123456789abcdefABCDEF" for c in seal))


def _readme(title: str) -> bytes:
    # Translators: the README.txt inside a pack, for whoever unzips it. {made_by} is "Lede" and its version;
    # "File > Open" and "Hand in" are the menu item and the button of those names in Lede. Keep the line breaks.
    return _(
        "This is a Lede student pack: the assignment \u201c{title}\u201d.\n"
        "\n"
        "Open it with {made_by} or later: double-click it, or use File > Open in Lede.\n"
        "Do not unzip it to work on it: Lede keeps your work as you go, and its Hand in button\n"
        "writes the one file your teacher collects.\n"
        "\n"
        "For the technically curious: pack.json holds the article and the instructions as UTF-8 JSON.\n"
        "Lede's documentation (docs/file-formats.md) describes every field.\n"
    ).format(title=title, made_by=MADE_BY).encode()


def pack_bytes(assignment: Assignment, article: Article) -> bytes:
    """The pack file for ``assignment`` on ``article``'s text, as bytes.

    Raises AssignmentError when the assignment is not ready to hand out (the message says what to fix), and
    ValueError when it lacks a seal or uid (a bug: the teacher's library gives every assignment both)."""
    validate(assignment)
    if not is_seal(assignment.seal):
        raise ValueError("the assignment has no usable seal, so its submissions could not be checked")
    if not UID.match(assignment.uid):
        raise ValueError(f"the assignment's uid {assignment.uid!r} is not one Lede makes")
    text = article.text
    try:
        normal = normalize_article_text(text)
    except ArticleTextError as exc:
        raise ValueError(_("the article's text cannot be handed out: {problem}").format(problem=exc)) from exc
    if normal != text:
        # Students' offsets are into the text as the pack holds it; the reader refuses a text that normalising
        # would change, so refuse here first, where the teacher still has the library at hand.
        raise ValueError(_("the article's text was stored without being normalised; re-import the article"))
    made_at = datetime.now(UTC)
    d = article.details
    document = {
        "format": PACK.format_name,
        "version": FORMAT_VERSION,
        "made_by": MADE_BY,
        "made_at": iso_utc(made_at),
        "assignment": {
            "id": assignment.uid,
            "title": assignment.title,
            "instructions": assignment.instructions,
            "due_at": iso_utc(assignment.due_at) if assignment.due_at is not None else None,
            "categories": [category_to_data(c) for c in assignment.categories],
            "minimums": {key: int(n) for key, n in assignment.minimums.items()},
            "total_points": assignment.total_points,
            # Added within version 1 (older readers ignore them): a note on every mark, and how much the
            # notes' reasoning weighs, so the student's Lede can say so before they hand in.
            "require_notes": assignment.require_notes,
            "reasoning_weight": assignment.reasoning_weight,
            "seal": assignment.seal.lower(),
        },
        "article": {
            "title": d.title, "outlet": d.outlet, "author": d.author, "published": d.published, "url": d.url,
            "direction": article.direction if article.direction in ("ltr", "rtl") else "ltr",
            "text": text,
            "sha256": text_sha256(text),
        },
    }
    body = json_member(document)
    if len(body) > PACK_JSON_LIMIT:
        raise ValueError(_("the pack would be {count} bytes, more than a pack can hold").format(
            count=format_number(len(body))))
    return zip_bytes([(MIMETYPE_MEMBER, PACK.mimetype.encode("ascii"), False), (PACK.json_member, body, True),
                      ("README.txt", _readme(assignment.title), True)], when=made_at)


def write_pack(path, assignment: Assignment, article: Article) -> Path:
    """Writes the pack whole or not at all. ``path`` may be a folder: the file is then named after the title.
    Returns the path written. Raises ExchangeError (reason "cannot_write") when the disk refuses."""
    target = Path(path)
    if target.is_dir():
        target = target / pack_file_name(assignment.title)
    return write_bytes_atomically(target, pack_bytes(assignment, article))


def read_pack(source, shown_name: str = "") -> Pack:
    """Reads and checks a pack from a path or from bytes. Raises ExchangeError naming the file and the reason."""
    shown = shown_name_of(source, shown_name)
    members = read_members(source, PACK.mimetype, {PACK.json_member: PACK_JSON_LIMIT, "README.txt": README_LIMIT},
                           max_file_bytes=MAX_FILE_BYTES, shown_name=shown, optional=("README.txt",))
    r = FieldReader(shown, PACK, _(_REMEDY))
    document = r.parse(members[PACK.json_member])
    made_by = r.header(document)
    made_at = r.moment(document, "made_at", "made_at", nullable=True) if "made_at" in document else None
    assignment = _assignment(r, r.obj(document, "assignment", "assignment"))
    details, text, direction, sha = _article(r, r.obj(document, "article", "article"))
    return Pack(assignment=assignment, details=details, text=text, direction=direction, sha256=sha,
                made_by=made_by, made_at=made_at)


def _assignment(r: FieldReader, a: dict) -> Assignment:
    uid = r.string(a, "id", "assignment.id", max_len=64, nonempty=True)
    if not UID.match(uid):
        raise r.fail(_('the field "{field}" is not an assignment id Lede makes').format(field="assignment.id"))
    title = r.string(a, "title", "assignment.title", max_len=MAX_TITLE, nonempty=True)
    instructions = r.string(a, "instructions", "assignment.instructions", max_len=MAX_INSTRUCTIONS, multiline=True)
    due_at = r.moment(a, "due_at", "assignment.due_at", nullable=True)
    categories = []
    for i, item in enumerate(r.array(a, "categories", "assignment.categories", max_items=MAX_CATEGORIES)):
        where = f"assignment.categories[{i}]"
        if not isinstance(item, dict):
            raise r.fail(_('the field "{field}" should be a JSON object').format(field=where))
        try:
            categories.append(category_from_data(item, where))
        except CategoryFileError as exc:
            raise r.fail(_("a category is not usable ({problem})").format(problem=exc)) from exc
    raw_minimums = r.obj(a, "minimums", "assignment.minimums")
    minimums = {key: r.integer(raw_minimums, key, f"assignment.minimums.{key}", low=0, high=99)
                for key in raw_minimums}
    total_points = r.number(a, "total_points", "assignment.total_points")
    seal = r.hex_string(a, "seal", "assignment.seal", min_len=SEAL_HEX_MIN, max_len=SEAL_HEX_MAX)
    # Optional (packs made before they existed have neither).
    require_notes = a.get("require_notes", False)
    if not isinstance(require_notes, bool):
        raise r.fail(_('the field "{field}" should be true or false').format(field="assignment.require_notes"))
    weight = a.get("reasoning_weight", 0.0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 <= weight <= 1:
        raise r.fail(_('the field "{field}" should be a number from 0 to 1').format(
            field="assignment.reasoning_weight"))
    assignment = Assignment(uid=uid, title=title, instructions=instructions, due_at=due_at,
                            categories=tuple(categories), minimums=minimums, total_points=float(total_points),
                            seal=seal, role=STUDENT, require_notes=require_notes, reasoning_weight=float(weight))
    try:
        validate(assignment)
    except AssignmentError as exc:
        raise r.fail(_("its assignment is not usable ({problem})").format(problem=exc)) from exc
    return assignment


def _article(r: FieldReader, a: dict) -> tuple[ArticleDetails, str, str, str]:
    details = ArticleDetails(
        title=r.string(a, "title", "article.title", max_len=MAX_DETAIL),
        outlet=r.string(a, "outlet", "article.outlet", max_len=MAX_DETAIL),
        author=r.string(a, "author", "article.author", max_len=MAX_DETAIL),
        published=r.string(a, "published", "article.published", max_len=MAX_DETAIL),
        url=r.string(a, "url", "article.url", max_len=MAX_URL),
    )
    direction = r.string(a, "direction", "article.direction", max_len=3)
    if direction not in ("ltr", "rtl"):
        raise r.fail(_('the field "{field}" should be "ltr" or "rtl"').format(field="article.direction"))
    text = r.string(a, "text", "article.text", max_len=MAX_ARTICLE_CHARS, nonempty=True, multiline=True)
    sha = r.hex_string(a, "sha256", "article.sha256", min_len=64, max_len=64)
    try:
        actual = text_sha256(text)
    except UnicodeEncodeError as exc:
        raise r.fail(_("the article's text holds characters that are not valid Unicode")) from exc
    if actual != sha:
        raise r.fail(_("the article's text does not match its SHA-256 (the text was changed or damaged)"))
    try:
        unchanged = normalize_article_text(text) == text
    except ArticleTextError as exc:
        raise r.fail(_("the article's text is not usable ({problem})").format(problem=exc)) from exc
    if not unchanged:
        # Lede normalises every text it anchors marks to; a text that normalising would change would move
        # every student's offsets away from the teacher's.
        raise r.fail(_("the article's text is not in the form Lede writes (line endings or invisible characters)"))
    return details, text, direction, sha

