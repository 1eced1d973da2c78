"""Saving a file whole or not at all: the one way Lede writes the files people hand on (PDFs, packs, hand-ins,
the gradebook). Standard library only, so every layer that writes files can use it.

The file is built beside its target under a temporary name, flushed to the disk and renamed over the target;
then the folder itself is flushed, so a power cut just after saving cannot undo the rename. A full disk, a
pulled USB stick or a crash half-way leaves whatever was there before (or nothing), never half a file, and a
file written again (a second hand-in) replaces the old one in one step.

The file ends with the permissions a plain ``open()`` would give a new file (0o666 less the umask: usually
readable by everyone), not the private 0o600 of a temporary file. In a shared lab folder the teacher's account
must open what students' accounts wrote, and students the teacher's pack.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from desktop_app.i18n import _

# What a filesystem says when it does not do a thing at all (FAT and some network shares have no permission
# bits; some refuse to flush a folder). Saving goes on without that thing: the file's content is what matters.
_NOT_DONE_HERE = frozenset({errno.EINVAL, errno.EPERM, errno.EACCES, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS,
                            errno.EBADF, errno.EROFS})
_PROC_STATUS = "/proc/self/status"  # Linux 4.7 and later tell a process its umask here


def write_atomically(path: str | os.PathLike, build: Callable[[BinaryIO], object], error: Callable[[str], Exception],
                     *, what: str | None = None, in_use_by: str | None = None, replace: bool = True) -> Path:
    """Runs ``build`` on a temporary file beside ``path`` and renames it into place once it is complete.

    A problem the person can fix (no such folder, a folder they cannot write to, a full disk, the file open
    elsewhere) is raised as ``error(message)``, the caller's own error type, with a message saying what to do.
    ``what`` names the file in that message ("the PDF", translated by the caller; "the file" when None);
    ``in_use_by`` says what might hold it open ("another program" when None).

    With ``replace=False`` a file already at ``path`` is never overwritten, even one that appeared while this
    one was being written (another lab computer saving into the same shared folder): FileExistsError is raised,
    nothing is changed, and the caller picks another name. The final step is a hard link, which the system
    refuses to make over an existing name; where the filesystem has no hard links (FAT, some network shares)
    the file is renamed after a last look, so a window of a few microseconds remains there (none on Windows,
    whose rename never replaces).
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if what is None:
        # Translators: fills {what} in "Choose another place to save {what}."
        what = _("the file")
    if not folder.is_dir():
        # Translators: {what} is "the file", "the PDF", "the gradebook" or a file's name.
        raise error(_("The folder {folder} does not exist. Choose another place to save {what}.").format(
            folder=folder, what=what))
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        # Translators: {reason} is the system's own words ("Permission denied"); "Documents" is the folder of that
        # name in a person's home folder, as the system calls it in your language.
        raise error(_("Cannot write in {folder} ({reason}). Choose a folder you can save to, such as "
                      "Documents.").format(folder=folder, reason=exc.strerror or exc)) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            _give_usual_permissions(out.fileno())
            build(out)
            out.flush()
            os.fsync(out.fileno())
        if replace:
            os.replace(temp, target)
            placed = True
        else:
            placed = _place_without_replacing(temp, target)
        if placed:
            _sync_folder(folder)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        # Translators: {reason} is the system's own words ("No space left on device"); {program} is "another
        # program" or "another program (such as Excel)".
        raise error(_("Could not save {file} ({reason}). Check that the disk is not full and the file is not open "
                      "in {program}, then try again.").format(
            file=target.name, reason=exc.strerror or exc, program=in_use_by or _("another program"))) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if not placed:
        temp.unlink(missing_ok=True)
        raise FileExistsError(errno.EEXIST, f"{target.name} is already there", str(target))
    return target


def current_umask() -> int:
    """The process's umask (the permission bits a new file does not get), read without changing it where the
    system can say it (Linux); elsewhere read once and remembered."""
    told = _umask_from_proc()
    return told if told is not None else _umask_by_setting()


def _umask_from_proc() -> int | None:
    try:
        with open(_PROC_STATUS, encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return None


@functools.cache
def _umask_by_setting() -> int:
    # The umask can only be read by setting another and putting it back, and it belongs to the whole process:
    # a file another thread creates in between gets the one set here. 0o077 makes that file private, where
    # the usual 0 would make it writable by everyone. Done once: Lede never changes its umask.
    old = os.umask(0o077)
    os.umask(old)
    return old


def _give_usual_permissions(fd: int) -> None:
    """Gives the temporary file (0o600 from mkstemp) the mode ``open()`` would give a new file."""
    if os.name == "nt" or not hasattr(os, "fchmod"):
        return  # Windows has only a read-only flag, and folders' access lists decide who reads
    try:
        os.fchmod(fd, 0o666 & ~current_umask())
    except OSError as exc:
        if exc.errno not in _NOT_DONE_HERE:
            raise


def _place_without_replacing(temp: Path, target: Path) -> bool:
    """Gives the finished temporary file the name ``target`` unless that name is taken; False if it is."""
    try:
        os.link(temp, target)
    except FileExistsError:
        return False
    except OSError:
        # No hard links on this filesystem (or they are refused here). If the failure was something else, the
        # rename meets it too and reports it.
        if os.name != "nt" and os.path.lexists(target):
            return False
        try:
            os.rename(temp, target)  # on Windows this refuses an existing name; elsewhere the look above did
        except FileExistsError:
            return False
        return True
    with contextlib.suppress(OSError):  # the file is saved under its name; a leftover .part is untidy, not harmful
        temp.unlink()
    return True


def _sync_folder(folder: Path) -> None:
    """Flushes the folder's list of names to the disk, so the rename just made survives a power cut."""
    if os.name == "nt":
        return  # Windows cannot open a folder as a file; NTFS journals the rename
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # a hand-in folder students may write to but not list cannot be opened: nothing more to do
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _NOT_DONE_HERE:
            raise
    finally:
        os.close(fd)
