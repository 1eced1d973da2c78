"""Reading a zip that came from someone else's computer without trusting it, and writing one all or nothing.

Packs and submissions travel by USB stick, LMS upload and shared folder, so a file that reaches the reader
may be damaged, renamed, or made to hurt: a zip bomb (a few kilobytes that inflate to gigabytes), names
like "../../x" that escape a folder when extracted, two members with one name that different tools read
differently. Nothing here is ever extracted to disk; members are read into memory, each through a hard
limit counted on the bytes actually inflated, because the sizes in a zip's headers are whatever its maker
wrote there.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.exchange.errors import (
    CANNOT_READ,
    CANNOT_WRITE,
    CORRUPT,
    NOT_ZIP,
    TOO_LARGE,
    UNSAFE,
    WRONG_KIND,
    ExchangeError,
)
from desktop_app.exchange.names import KINDS
from desktop_app.i18n import _, ngettext
from desktop_app.i18n.formats import format_number
from desktop_app.safe_files import write_atomically
from desktop_app.zip_limits import (BOMB_MIN_BYTES, BOMB_RATIO, READABLE_METHODS, ZipLimits, is_bomb, small_directory,
                                    unsafe_name)

MIMETYPE_MEMBER = "mimetype"
MAX_MEMBERS = 10
MAX_MIMETYPE_BYTES = 100
_CHUNK = 64 * 1024
# The table of contents: 46 bytes a member plus its name and extra fields; ten members never need more.
MAX_DIRECTORY_BYTES = 64 * 1024
# The table-of-contents limits of every zip Lede reads (desktop_app.zip_limits), set for a Lede file; each
# member's own size limit is the kind's (``expected`` in read_members) and is counted on the bytes inflated.
_TABLE_LIMITS = ZipLimits(max_members=MAX_MEMBERS, max_directory_bytes=MAX_DIRECTORY_BYTES,
                          max_member_bytes=1 << 62, max_total_bytes=1 << 62)
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

def _mb(n: int) -> str:
    # Translators: a size in megabytes, "12.5 MB".
    return _("{size} MB").format(size=format_number(n / 1_000_000, 1))


def _a_noun(kind_mimetype: str) -> str:
    """The kind of file with its article, translated: "a Lede student pack"."""
    kind = KINDS.get(kind_mimetype)
    # Translators: a file of one of Lede's kinds, with its article, like "a Lede student pack".
    return _(kind.a_noun) if kind else _("a Lede file")


def _fresh_copy(kind_mimetype: str) -> str:
    kind = KINDS.get(kind_mimetype)
    return _(kind.fresh_copy) if kind else _("Get a fresh copy of the file.")


def shown_name_of(source, shown_name: str = "") -> str:
    """The name a message uses for the file: the one given, else the file's own name."""
    if shown_name:
        return shown_name
    if isinstance(source, (bytes, bytearray, memoryview)):
        # Translators: stands for a file's name at the start of a message ("This file is not a Lede student pack").
        return _("This file")
    return Path(source).name or str(source)


def read_source(source, *, max_file_bytes: int, shown_name: str, kind_mimetype: str = "") -> bytes:
    """The whole file as bytes, refused before reading when its size says it cannot be a Lede file."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    else:
        path = Path(source)
        try:
            size = os.stat(path).st_size
            if size > max_file_bytes:
                raise _too_big(shown_name, size, max_file_bytes, kind_mimetype)
            with open(path, "rb") as f:
                # Read at most one byte past the limit: the file may have grown since stat.
                data = f.read(max_file_bytes + 1)
        except ExchangeError:
            raise
        except IsADirectoryError as exc:
            raise ExchangeError(_("{file} is a folder, not a file. Choose the file inside it.").format(
                file=shown_name), path=shown_name, reason=CANNOT_READ) from exc
        except OSError as exc:
            # Translators: {reason} is the system's own words ("Permission denied").
            raise ExchangeError(_("Lede cannot open {file} ({reason}). Check that the file is still there and that "
                                  "you may read it, then try again.").format(file=shown_name,
                                                                             reason=exc.strerror or exc),
                                path=shown_name, reason=CANNOT_READ) from exc
    if len(data) > max_file_bytes:
        raise _too_big(shown_name, len(data), max_file_bytes, kind_mimetype)
    return data


def _too_big(shown: str, size: int, limit: int, kind_mimetype: str) -> ExchangeError:
    # Translators: {size} and {most} are sizes ("12.5 MB"); {kind} is a kind of file with its article.
    return ExchangeError(_("{file} is {size}, larger than {kind} can be ({most} at most). Lede did not make it this "
                           "size; check that you chose the right file.").format(
        file=shown, size=_mb(size), kind=_a_noun(kind_mimetype), most=_mb(limit)), path=shown, reason=TOO_LARGE)


def read_members(source, kind_mimetype: str, expected: Mapping[str, int], *, max_file_bytes: int,
                 shown_name: str, optional: Collection[str] = ()) -> dict[str, bytes]:
    """The members of a zip of one kind, by name, each read within its byte limit.

    ``expected`` maps every member name the kind may hold (besides "mimetype") to its largest uncompressed size;
    all of them must be there except those in ``optional``. Raises ExchangeError (reasons not_zip, too_large,
    unsafe, wrong_kind, corrupt, cannot_read) for anything else. Never writes to disk.
    """
    shown = shown_name_of(source, shown_name)
    kind = _a_noun(kind_mimetype)
    fresh = _fresh_copy(kind_mimetype)
    data = read_source(source, max_file_bytes=max_file_bytes, shown_name=shown, kind_mimetype=kind_mimetype)

    def fail(reason: str, message: str, **fields) -> ExchangeError:
        """``message`` is a translated sentence naming {file}; {kind} and {remedy} are filled in too."""
        return ExchangeError(message.format(file=shown, kind=kind, remedy=fresh, **fields), path=shown, reason=reason)

    # Translators: {remedy} is a sentence saying where to get a good copy ("Ask your teacher for a fresh copy of
    # the pack.").
    damaged = _("{file} is damaged or incomplete (perhaps it was not copied or uploaded in full). {remedy}")
    if not small_directory(data, _TABLE_LIMITS):
        # Translators: {kind} is a kind of file with its article ("a Lede student pack").
        raise fail(UNSAFE, _("{file} lists far more files inside than {kind} holds (at most {most}). Lede did not "
                             "make it, so it was not opened."), most=MAX_MEMBERS)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    # NotImplementedError: a damaged table of contents that claims a zip version from the future ("zip file
    # version 11.5"), which the fuzz of feedback files met; it is damage like the others.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError) as exc:
        if data.startswith(b"PK\x03\x04"):  # the start of a zip whose end (its table of contents) is missing
            raise fail(CORRUPT, damaged) from exc
        raise fail(NOT_ZIP, _("{file} is not {kind}: it is not even a zip file. Check that you chose the right "
                              "file.")) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise fail(UNSAFE, ngettext("{file} holds {count} files inside; {kind} holds at most {most}. Lede did not "
                                        "make it, so it was not opened.",
                                        "{file} holds {count} files inside; {kind} holds at most {most}. Lede did not "
                                        "make it, so it was not opened.", len(infos)),
                       count=len(infos), most=MAX_MEMBERS)
        names = [i.filename for i in infos]
        for name in names:
            if unsafe_name(name):
                raise fail(UNSAFE, _("{file} holds a file named {name} that points outside its folder. Lede did not "
                                     "make it, so it was not opened. Delete it."), name=repr(name))
        if len(set(names)) != len(names):
            twice = next(n for n in names if names.count(n) > 1)
            raise fail(UNSAFE, _("{file} holds two files named {name}, which different programs would read "
                                 "differently. Lede did not make it, so it was not opened."), name=repr(twice))
        by_name = {i.filename: i for i in infos}
        for info in infos:
            if info.flag_bits & 0x1:
                raise fail(UNSAFE, _("{file} is locked with a password; Lede files never are. {remedy}"))
        if MIMETYPE_MEMBER not in by_name:
            # Translators: {hint} is a sentence saying which file to choose.
            raise fail(WRONG_KIND, _("{file} is not {kind} (it is a zip file of some other kind). {hint}"),
                       hint=_hint(kind_mimetype))
        mimetype = _read_limited(archive, by_name[MIMETYPE_MEMBER], MAX_MIMETYPE_BYTES, fail, damaged)
        found = mimetype.decode("ascii", "replace").strip()
        if found != kind_mimetype:
            other = KINDS.get(found)
            if other is not None:
                # Translators: {found} is the kind of file it is, {kind} the one expected, both with their article.
                raise fail(WRONG_KIND, _("{file} is {found}, not {kind}. {hint}"), found=_(other.a_noun),
                           hint=_hint(kind_mimetype))
            raise fail(WRONG_KIND, _("{file} is a zip file of some other kind, not {kind}. {hint}"),
                       hint=_hint(kind_mimetype))
        unexpected = [n for n in names if n != MIMETYPE_MEMBER and n not in expected]
        if unexpected:
            raise fail(CORRUPT, _("{file} holds a file Lede does not put there ({name}), so it was not opened. "
                                  "{remedy}"), name=repr(unexpected[0]))
        missing = [n for n in expected if n not in by_name and n not in optional]
        if missing:
            raise fail(CORRUPT, _("{file} is missing its {name} part, so it is damaged. {remedy}"),
                       name=repr(missing[0]))
        out: dict[str, bytes] = {}
        for name, limit in expected.items():
            if name in by_name:
                out[name] = _read_limited(archive, by_name[name], limit, fail, damaged)
        return out


def _hint(kind_mimetype: str) -> str:
    kind = KINDS.get(kind_mimetype)
    return _(kind.choose_hint) if kind else _("Check that you chose the right file.")


def _read_limited(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, fail, damaged: str) -> bytes:
    """One member's bytes, refusing it as soon as more than ``limit`` bytes come out, whatever its header says."""
    name = repr(info.filename)
    bomb = _("{file} holds a part ({name}) that would inflate to far more than it stores, the way a 'zip bomb' "
             "does. Lede did not make it, so it was not opened.")
    # Translators: {kind} is a kind of file with its article ("a Lede student pack").
    too_big = _("{file} holds a part ({name}) larger than {kind} can hold. Lede did not make it this size; check "
                "that you chose the right file.")
    if info.compress_type not in READABLE_METHODS:
        raise fail(CORRUPT, _("{file} is packed in a way Lede never packs its files, so it was not opened. "
                              "{remedy}"))
    if is_bomb(info.file_size, info.compress_size):
        raise fail(UNSAFE, bomb, name=name)
    if info.file_size > limit:
        raise fail(TOO_LARGE, too_big, name=name)
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as member:
            while True:
                chunk = member.read(min(_CHUNK, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
                if total > limit:
                    if is_bomb(total, info.compress_size):
                        raise fail(UNSAFE, bomb, name=name)
                    raise fail(TOO_LARGE, too_big, name=name)
    except ExchangeError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError,
            OSError) as exc:
        # BadZipFile covers a CRC mismatch: the inflated bytes are not the ones the maker wrote.
        raise fail(CORRUPT, damaged) from exc
    data = b"".join(chunks)
    if is_bomb(total, info.compress_size):
        raise fail(UNSAFE, bomb, name=name)
    return data


def zip_bytes(members: Sequence[tuple[str, bytes, bool]], *, when: datetime | None = None) -> bytes:
    """A zip of ``members`` (name, bytes, compress?) in the given order.

    A member that would deflate past the reader's zip-bomb ratio is stored instead, so Lede can always read
    what it wrote (an article of one sentence repeated thousands of times compresses that well).
    """
    stamp = _ZIP_EPOCH  # without a time, a fixed stamp: the same content makes the same bytes
    if when is not None and when.year > 1980:
        t = when.astimezone(UTC) if when.tzinfo else when
        stamp = (t.year, t.month, t.day, t.hour, t.minute, t.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, compress in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16  # a plain readable file for whoever unzips it
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            if compress and len(data) > BOMB_MIN_BYTES and len(data) > BOMB_RATIO // 2 * len(zlib.compress(data, 6)):
                info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, data, compresslevel=6 if info.compress_type == zipfile.ZIP_DEFLATED else None)
    return buffer.getvalue()


def write_bytes_atomically(path, data: bytes, *, replace: bool = True) -> Path:
    """Writes ``data`` to ``path`` whole or not at all: a temporary file in the same folder, flushed to the
    disk, then renamed over the target, so a full disk or a pulled USB stick never leaves half a file (and a
    file handed in again replaces the old one in one step). Returns the final path.

    With ``replace=False`` a file already at ``path`` stays as it is and FileExistsError is raised (see
    desktop_app.safe_files.write_atomically)."""
    name = Path(path).name
    return write_atomically(path, lambda out: out.write(data),
                            lambda message: ExchangeError(message, path=name, reason=CANNOT_WRITE), what=name,
                            replace=replace)


def write_zip_atomically(path, members: Sequence[tuple[str, bytes, bool]], *, when: datetime | None = None
                         ) -> Path:
    """``zip_bytes(members)`` written to ``path`` whole or not at all; returns the final path."""
    return write_bytes_atomically(path, zip_bytes(members, when=when))
