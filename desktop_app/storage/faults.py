"""What a database failure means to the person at the computer, in one sentence that says what to do.

A full disk, a read-only folder, a damaged file or a server out of reach reach Lede as driver text ("attempt to
write a readonly database", "(psycopg.OperationalError) connection failed: ... [SQL: ...] (Background on this
error at: https://sqlalche.me/...)"). The person gets the sentence; the log keeps the driver's words.
"""

from __future__ import annotations

import errno
import logging
from pathlib import Path

log = logging.getLogger(__name__)

_FULL = ("database or disk is full", "no space left on device", "disk full", "could not extend file")
_READ_ONLY = ("readonly database", "read-only", "unable to open database file", "permission denied for",
              "access is denied")
_DAMAGED = ("database disk image is malformed", "file is not a database", "file is encrypted")
_DISK = ("disk i/o error",)
_UNREACHABLE = ("connection refused", "could not connect", "connection failed", "could not translate host name",
                "server closed the connection", "timeout expired", "no route to host", "name or service not known")


def driver_words(exc: BaseException) -> str:
    """The driver's own words on one line, without SQLAlchemy's statement and links."""
    inner = getattr(exc, "orig", None) or exc
    return (str(inner).strip().splitlines() or [type(inner).__name__])[0]


def explain(exc: BaseException, where: str = "", *, doing: str = "save this change") -> str:
    """One sentence for the person: what went wrong with the library at ``where`` (a file or a server) and what
    to do. The driver's words go to the log."""
    words = driver_words(exc)
    log.warning("database failure while trying to %s at %s: %s", doing, where or "the library", words)
    lower = words.lower()
    code = getattr(getattr(exc, "orig", None) or exc, "errno", None)
    place = f" ({where})" if where else ""
    if code == errno.ENOSPC or any(k in lower for k in _FULL):
        return (f"Lede could not {doing}: the disk that holds its library{place} is full. Free some space (old "
                "downloads, the rubbish bin), then try again. Nothing was changed.")
    if code in (errno.EACCES, errno.EROFS, errno.EPERM) or any(k in lower for k in _READ_ONLY):
        return (f"Lede could not {doing}: it may not write to its library{place}. The folder is read-only or "
                "belongs to another account. Ask whoever looks after this computer, or start Lede with --db and a "
                "file in a folder you can write to. Nothing was changed.")
    if any(k in lower for k in _DAMAGED):
        return (f"Lede could not {doing}: its library file{place} is damaged. Lede keeps a copy from before each "
                "upgrade beside it (…sqlite3.<date>.bak); ask whoever looks after this computer to put one back, or "
                "start Lede with --db and another file.")
    if any(k in lower for k in _DISK):
        return (f"Lede could not {doing}: the disk that holds its library{place} reported an error. If it is a USB "
                "stick or a network drive, check that it is still connected, then try again. Nothing was changed.")
    if any(k in lower for k in _UNREACHABLE):
        return (f"Lede could not {doing}: it cannot reach the school's library server{place}. Check the network "
                "connection, or ask whoever looks after the server. Nothing was changed.")
    if "authentication" in lower or ("role" in lower and "does not exist" in lower):
        return (f"Lede could not {doing}: the library server{place} did not accept your login. Check the name in "
                "--db and your password (in ~/.pgpass), or ask whoever looks after the server.")
    return (f"Lede could not {doing} ({words}). Nothing was changed. Check that the disk is not full and that the "
            "library's folder can be written to, then try again.")


def where_of(url: str) -> str:
    """The place a message names: the library's file, or the server's host."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - a URL too broken to parse is named as it was given
        return url
    if parsed.get_backend_name() == "sqlite":
        return str(Path(parsed.database).parent) if parsed.database else "memory"
    return parsed.host or (parsed.query.get("host") or "the server")  # type: ignore[return-value]
