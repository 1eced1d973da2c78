"""Where the database is, and which schema revision this Lede expects: facts needed before SQLAlchemy
is imported (start-up reads the first page with the standard library's sqlite3, see first_paint.py)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from desktop_app import APP_ID

# Kept equal to the newest file in migrations/versions (a test checks), so start-up can tell whether an
# upgrade is needed without loading Alembic.
HEAD_REVISION = "0007"


def default_database_url() -> str:
    import platformdirs

    folder = Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'lede.sqlite3'}"


def sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///path`` URL, or None for anything else (a server, options, memory)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    path = unquote(url[len(prefix):])
    return Path(path) if path and path != ":memory:" else None
