"""What a database failure means to the person at the computer, in one sentence that says what to do.

A full disk, a read-only folder, a damaged file or a server out of reach reach Lede as driver text ("attempt to
write a readonly database", "(psycopg.OperationalError) connection failed: ... [SQL: ...] (Background on this
error at: https://sqlalche.me/...)"). The person gets the sentence; the log keeps the driver's words.
"""

from __future__ import annotations

import errno
import logging
from pathlib import Path

from desktop_app.i18n import _

log = logging.getLogger(__name__)

_FULL = ("database or disk is full", "no space left on device", "disk full", "could not extend file")
_READ_ONLY = ("readonly database", "read-only", "unable to open database file", "permission denied for",
              "access is denied")
_DAMAGED = ("database disk image is malformed", "file is not a database", "file is encrypted")
_DISK = ("disk i/o error",)
_UNREACHABLE = ("connection refused", "could not connect", "connection failed", "could not translate host name",
                "server closed the connection", "timeout expired", "no route to host", "name or service not known")
# What was being done when the database failed: each has its own sentences (and names itself in the log).
SAVE = "save this change"
OPEN = "open its library"


def driver_words(exc: BaseException) -> str:
    """The driver's own words on one line, without SQLAlchemy's statement and links."""
    inner = getattr(exc, "orig", None) or exc
    return (str(inner).strip().splitlines() or [type(inner).__name__])[0]


def explain(exc: BaseException, where: str = "", *, doing: str = SAVE) -> str:
    """One sentence for the person: what went wrong with the library at ``where`` (a file or a server) and what
    to do. ``doing`` is SAVE (a change) or OPEN (the library, on start). The driver's words go to the log."""
    words = driver_words(exc)
    log.warning("database failure while trying to %s at %s: %s", doing, where or "the library", words)
    lower = words.lower()
    code = getattr(getattr(exc, "orig", None) or exc, "errno", None)
    if code == errno.ENOSPC or any(k in lower for k in _FULL):
        fault = "full"
    elif code in (errno.EACCES, errno.EROFS, errno.EPERM) or any(k in lower for k in _READ_ONLY):
        fault = "read_only"
    elif any(k in lower for k in _DAMAGED):
        fault = "damaged"
    elif any(k in lower for k in _DISK):
        fault = "disk"
    elif any(k in lower for k in _UNREACHABLE):
        fault = "unreachable"
    elif "authentication" in lower or ("role" in lower and "does not exist" in lower):
        fault = "login"
    else:
        fault = "other"
    sentences = _opening(fault) if doing == OPEN else _saving(fault)
    # The place is data (a folder, a server's host name), shown in parentheses after what it names.
    return sentences.format(place=f" ({where})" if where else "", words=words)


def _saving(fault: str) -> str:
    if fault == "full":
        # Translators: {place} is empty or " (folder or server)"; keep it after the word it explains.
        return _("Lede could not save this change: the disk that holds its library{place} is full. Free some space "
                 "(old downloads, the rubbish bin), then try again. Nothing was changed.")
    if fault == "read_only":
        # Translators: {place} is empty or " (folder or server)"; keep it after the word it explains.
        return _("Lede could not save this change: it may not write to its library{place}. The folder is read-only "
                 "or belongs to another account. Ask whoever looks after this computer, or start Lede with --db and "
                 "a file in a folder you can write to. Nothing was changed.")
    if fault == "damaged":
        # Translators: {place} is empty or " (folder or server)"; keep it after the word it explains.
        return _("Lede could not save this change: its library file{place} is damaged. Lede keeps a copy from "
                 "before each upgrade beside it (…sqlite3.<date>.bak); ask whoever looks after this computer to put "
                 "one back, or start Lede with --db and another file.")
    if fault == "disk":
        # Translators: {place} is empty or " (folder or server)"; keep it after the word it explains.
        return _("Lede could not save this change: the disk that holds its library{place} reported an error. If it "
                 "is a USB stick or a network drive, check that it is still connected, then try again. Nothing was "
                 "changed.")
    if fault == "unreachable":
        # Translators: {place} is empty or " (folder or server)"; keep it after the word it explains.
        return _("Lede could not save this change: it cannot reach the school's library server{place}. Check the "
                 "network connection, or ask whoever looks after the server. Nothing was changed.")
    if fault == "login":
        # Translators: {place} is empty or " (folder or server)"; keep it after the word it explains.
        return _("Lede could not save this change: the library server{place} did not accept your login. Check the "
                 "name in --db and your password (in ~/.pgpass), or ask whoever looks after the server.")
    # Translators: {words} is the database's own description of the problem, in English.
    return _("Lede could not save this change ({words}). Nothing was changed. Check that the disk is not full and "
             "that the library's folder can be written to, then try again.")


def _opening(fault: str) -> str:
    if fault == "full":
        # Translators: {place} is empty or " (folder or server)"; keep it after the word it explains.
        return _("Lede could not open its library: the disk that holds its library{place} is full. Free some space "
                 "(old downloads, the rubbish bin), then try again. Nothing was changed.")
    if fault == "read_only":
        # Translators: {place} is empty or " (folder or server)"; keep it after the word it explains.
        return _("Lede could not open its library: it may not write to its library{place}. The folder is read-only "
                 "or belongs to another account. Ask whoever looks after this computer, or start Lede with --db and "
                 "a file in a folder you can write to. Nothing was changed.")
    if fault == "damaged":
        # Translators: {place} is empty or " (folder or server)"; keep it after the word it explains.
        return _("Lede could not open its library: its library file{place} is damaged. Lede keeps a copy from "
                 "before each upgrade beside it (…sqlite3.<date>.bak); ask whoever looks after this computer to put "
                 "one back, or start Lede with --db and another file.")
    if fault == "disk":
        # Translators: {place} is empty or " (folder or server)"; keep it after the word it explains.
        return _("Lede could not open its library: the disk that holds its library{place} reported an error. If it "
                 "is a USB stick or a network drive, check that it is still connected, then try again. Nothing was "
                 "changed.")
    if fault == "unreachable":
        # Translators: {place} is empty or " (folder or server)"; keep it after the word it explains.
        return _("Lede could not open its library: it cannot reach the school's library server{place}. Check the "
                 "network connection, or ask whoever looks after the server. Nothing was changed.")
    if fault == "login":
        # Translators: {place} is empty or " (folder or server)"; keep it after the word it explains.
        return _("Lede could not open its library: the library server{place} did not accept your login. Check the "
                 "name in --db and your password (in ~/.pgpass), or ask whoever looks after the server.")
    # Translators: {words} is the database's own description of the problem, in English.
    return _("Lede could not open its library ({words}). Nothing was changed. Check that the disk is not full and "
             "that the library's folder can be written to, then try again.")


def where_of(url: str) -> str:
    """The place a message names: the library's file, or the server's host."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - a URL too broken to parse is named as it was given
        return url
    if parsed.get_backend_name() == "sqlite":
        # Translators: where the library is when it is kept in memory only (a test, a trial run), in "(memory)".
        return str(Path(parsed.database).parent) if parsed.database else _("memory")
    return parsed.host or (parsed.query.get("host") or _("the server"))  # type: ignore[return-value]
