"""Where the files in ``resources/`` are, from a checkout and from an installed wheel alike.

In a checkout they sit at the top of the repository; the wheel carries the same folder inside the package
as ``desktop_app/_resources`` (see pyproject.toml). Only the standard library is used, and nothing of Lede's,
so every layer can find its shipped files (the translations sit below the domain).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_MARKER = "categories.json"


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    package = Path(__file__).resolve().parent
    for candidate in (package / "_resources", package.parent / "resources"):
        if (candidate / _MARKER).is_file():
            return candidate
    raise FileNotFoundError(
        "Lede's resources folder is missing (looked in "
        f"{package / '_resources'} and {package.parent / 'resources'}). Reinstall Lede."
    )


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
