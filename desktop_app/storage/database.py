"""One engine and session factory per database, SQLite set up for durability, and schema upgrades.

A user's action is one unit of work: ``with db.transaction() as session:`` commits when the block ends.
On SQLite the journal is WAL with ``synchronous=FULL``, so a commit that returned has reached the disk and
survives the program being killed or the machine losing power.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.storage.location import HEAD_REVISION, default_database_url

__all__ = ["HEAD_REVISION", "MIGRATIONS_DIR", "Database", "DatabaseError", "default_database_url", "open_database"]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _reason(exc: Exception) -> str:
    """The driver's own words (e.g. "file is not a database"), on one line, without SQLAlchemy's links."""
    inner = getattr(exc, "orig", None) or exc
    return (str(inner).strip().splitlines() or [type(inner).__name__])[0]


class DatabaseError(RuntimeError):
    """The database cannot be opened or upgraded; the message says which and what to try."""


def _configure_sqlite(dbapi_connection, _record) -> None:
    # Python's sqlite3 would run CREATE TABLE outside any transaction, so a migration that failed half-way
    # would leave half a schema behind. Taking over BEGIN ourselves (SQLAlchemy's documented recipe) makes
    # every unit of work, DDL included, all-or-nothing.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _begin_sqlite(connection) -> None:
    connection.exec_driver_sql("BEGIN")


def backup_sqlite(path: Path, target: Path) -> None:
    """A consistent copy, including commits still in the -wal file (a plain file copy would miss them)."""
    import sqlite3

    source = sqlite3.connect(str(path))
    try:
        copy = sqlite3.connect(str(target))
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()


class Database:
    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_database_url()
        try:
            parsed = make_url(self.url)
            self.is_sqlite = parsed.get_backend_name() == "sqlite"
            self.sqlite_path = (Path(parsed.database) if self.is_sqlite and parsed.database not in (None, "", ":memory:")
                                else None)
            if self.sqlite_path is not None:
                self.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(self.url)
        except Exception as exc:  # noqa: BLE001 - a bad URL, a folder that cannot be made, a missing driver
            raise DatabaseError(f"Lede cannot use the database {self.url!r}: {_reason(exc)}. Give --db a URL "
                                "such as sqlite:////home/you/lede.sqlite3, in a folder you can write to.") from exc
        if self.is_sqlite:
            event.listen(self.engine, "connect", _configure_sqlite)
            event.listen(self.engine, "begin", _begin_sqlite)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits at the end of the block, rolls everything back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def upgrade(self) -> None:
        """Brings the schema to the newest revision; an existing SQLite file is copied aside first."""
        try:
            current = self.current_revision()
        except Exception as exc:  # noqa: BLE001 - any driver error means the same thing to a user
            raise DatabaseError(f"Lede cannot open the database {self._shown_url()}: {_reason(exc)}. "
                                "Check the path, or start Lede with --db pointing at another file.") from exc
        if current == HEAD_REVISION:
            return
        if current is not None and self.sqlite_path is not None and self.sqlite_path.exists():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            backup_sqlite(self.sqlite_path, self.sqlite_path.with_name(f"{self.sqlite_path.name}.{stamp}.bak"))
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        try:
            with self.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except Exception as exc:  # noqa: BLE001 - e.g. another program's SQLite file, or a newer Lede's
            raise DatabaseError(f"Lede cannot upgrade the database {self._shown_url()} (at revision "
                                f"{current or 'none'}): {_reason(exc)}. Start Lede with --db pointing at "
                                "another file.") from exc

    def _shown_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None) -> Database:
    db = Database(url)
    db.upgrade()
    return db
