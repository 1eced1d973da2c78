"""The limits every zip Lede reads is held to, whoever made it: a student's hand-in, a teacher's pack, a .docx.

A zip is a few bytes of table of contents that may promise anything: 200,000 empty members, or one member that
inflates a thousand times (a "zip bomb": 400 KB that becomes gigabytes). ``check_zip`` looks before anything is
inflated: the member count in the end record (before ZipFile parses a huge table), then each member's method,
name, password flag and announced size. Python's zipfile never hands out more bytes than a member announces
(and a member that inflates to more fails its CRC), so holding the announced sizes to limits holds memory too.
Standard library only: the exchange formats and the importers both use it.
"""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass

# A member that inflates more than this many times (and is large) is a bomb: real prose or XML compresses 3 to
# 10 times, a text of one repeated sentence stays far below 200.
BOMB_MIN_BYTES = 1_000_000
BOMB_RATIO = 200
READABLE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_END_SIGNATURE = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class ZipLimits:
    max_members: int
    max_directory_bytes: int
    max_member_bytes: int  # announced uncompressed size of any one member
    max_total_bytes: int  # announced uncompressed size of all members together
    allow_zip64: bool = False


class ZipRefused(ValueError):
    """The zip breaks a limit. ``reason`` is one of the constants below; ``detail`` names the member."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail = reason, detail


TOO_MANY = "too many members"
BOMB = "inflates like a zip bomb"
TOO_BIG = "a member larger than allowed"
TOO_BIG_IN_ALL = "larger than allowed in all"
UNSAFE_NAME = "a member name that points outside its folder"
TWICE = "two members with one name"
LOCKED = "locked with a password"
PACKED_ODDLY = "packed with a method Lede does not read"


def small_directory(data: bytes, limits: ZipLimits) -> bool:
    """False when the end record announces more members, or a longer table of contents, than allowed. ZipFile
    parses the whole table before anyone can count its entries (200,000 empty members in a 17 MB file cost it
    2.4 s and 100 MB), so the count is read here first, from the record ZipFile itself uses."""
    end = len(data) - _END_RECORD_SIZE
    if end < 0:
        return True  # too short to be a zip: ZipFile says so
    if data[end:end + 4] != _END_SIGNATURE:
        end = data.rfind(_END_SIGNATURE, max(0, end - 65_535))  # after a comment of up to 64 KiB
        if end < 0 or len(data) - end < _END_RECORD_SIZE:
            return True  # no end record: ZipFile refuses it as not a zip
    if end >= 20 and data[end - 20:end - 16] == _ZIP64_LOCATOR and not limits.allow_zip64:
        return False  # Zip64 counts would override the ones below
    _, _, _, on_disk, total, directory_size, _, _ = struct.unpack_from("<4s4H2LH", data, end)
    return (on_disk <= limits.max_members and total <= limits.max_members
            and directory_size <= limits.max_directory_bytes)


def unsafe_name(name: str) -> bool:
    return (not name or name.startswith(("/", "\\")) or "\\" in name or "\x00" in name
            or bool(_DRIVE.match(name)) or ".." in name.split("/"))


def is_bomb(announced_or_read: int, compressed: int) -> bool:
    return announced_or_read > BOMB_MIN_BYTES and announced_or_read > BOMB_RATIO * max(compressed, 1)


def check_members(infos: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    """Raises ZipRefused when the table of contents breaks a limit; nothing has been inflated yet."""
    if len(infos) > limits.max_members:
        raise ZipRefused(TOO_MANY, str(len(infos)))
    names = [i.filename for i in infos]
    for name in names:
        if unsafe_name(name):
            raise ZipRefused(UNSAFE_NAME, name)
    if len(set(names)) != len(names):
        raise ZipRefused(TWICE, next(n for n in names if names.count(n) > 1))
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ZipRefused(LOCKED, info.filename)
        if info.compress_type not in READABLE_METHODS:
            raise ZipRefused(PACKED_ODDLY, info.filename)
        if is_bomb(info.file_size, info.compress_size):
            raise ZipRefused(BOMB, info.filename)
        if info.file_size > limits.max_member_bytes:
            raise ZipRefused(TOO_BIG, info.filename)
        total += info.file_size
    if total > limits.max_total_bytes:
        raise ZipRefused(TOO_BIG_IN_ALL, f"{total:,} bytes")


def check_zip(data: bytes, limits: ZipLimits) -> zipfile.ZipFile:
    """An open ZipFile over ``data`` whose table of contents keeps ``limits``. Raises ZipRefused, or
    zipfile.BadZipFile (and ValueError, EOFError) for what is not a readable zip at all."""
    import io

    if not small_directory(data, limits):
        raise ZipRefused(TOO_MANY, "in its end record")
    archive = zipfile.ZipFile(io.BytesIO(data))
    try:
        check_members(archive.infolist(), limits)
    except ZipRefused:
        archive.close()
        raise
    return archive
