"""Saving a file whole or not at all: the one way Lede writes the files people hand on (PDFs, packs, hand-ins,
the gradebook). Standard library only, so every layer that writes files can use it.

The file is built beside its target under a temporary name, flushed to the disk and renamed over the target.
A full disk, a pulled USB stick or a crash half-way leaves whatever was there before (or nothing), never
half a file, and a file written again (a second hand-in) replaces the old one in one step.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: str | os.PathLike, build: Callable[[BinaryIO], object], error: Callable[[str], Exception],
                     *, what: str = "the file", in_use_by: str = "another program") -> Path:
    """Runs ``build`` on a temporary file beside ``path`` and renames it into place once it is complete.

    A problem the person can fix (no such folder, a folder they cannot write to, a full disk, the file open
    elsewhere) is raised as ``error(message)``, the caller's own error type, with a message saying what to do.
    ``what`` names the file in that message ("the PDF"); ``in_use_by`` says what might hold it open.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise error(f"The folder {folder} does not exist. Choose another place to save {what}.")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise error(f"Cannot write in {folder} ({exc.strerror or exc}). Choose a folder you can save to, such as "
                    "Documents.") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            build(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise error(f"Could not save {target.name} ({exc.strerror or exc}). Check that the disk is not full and "
                    f"the file is not open in {in_use_by}, then try again.") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target
