"""One engine and session factory per database, SQLite set up for durability, and schema upgrades.

A user's action is one unit of work: ``with db.transaction() as session:`` commits when the block ends.
On SQLite the journal is WAL with ``synchronous=FULL``, so a commit that returned has reached the disk and
survives the program being killed or the machine losing power.

Two Lede windows (two processes) may share one library. A write transaction takes SQLite's write lock when it
begins (``BEGIN IMMEDIATE``), so it waits its turn under the busy timeout; a deferred BEGIN that read first
and wrote later would instead fail at once with "database is locked" whenever the other process had written
in between (SQLite cannot let it upgrade a stale snapshot, and skips the busy wait). What still fails after
the wait is classified by ``is_busy`` so the application layer can retry it and say so in one sentence.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from collections.abc import Iterator

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.i18n import _, ngettext, pgettext
from desktop_app.storage.faults import OPEN, explain
from desktop_app.storage.location import HEAD_REVISION, default_database_url

__all__ = ["HEAD_REVISION", "MIGRATIONS_DIR", "Database", "DatabaseError", "default_database_url", "open_database"]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _reason(exc: Exception) -> str:
    """The driver's own words (e.g. "file is not a database"), on one line, without SQLAlchemy's links."""
    inner = getattr(exc, "orig", None) or exc
    return (str(inner).strip().splitlines() or [type(inner).__name__])[0]


class DatabaseError(RuntimeError):
    """The database cannot be opened or upgraded; the message says which and what to try."""


BUSY_TIMEOUT_MS = 5000
_WRITE = "lede_write"  # execution option marking the engine that write transactions run on


def is_busy(exc: BaseException) -> bool:
    """True for a failure that only means another program holds the database for a moment: SQLite's "database
    is locked" / "busy", PostgreSQL's serialization failure, deadlock or lock timeout. Trying again helps."""
    inner = getattr(exc, "orig", None) or exc
    code = getattr(inner, "sqlstate", None)  # psycopg
    if code in ("40001", "40P01", "55P03"):
        return True
    if type(inner).__name__ == "OperationalError" and type(inner).__module__.startswith("sqlite3"):
        message = str(inner).lower()
        return "locked" in message or "busy" in message
    return False


def _configure_sqlite(dbapi_connection, _record) -> None:
    # Python's sqlite3 would run CREATE TABLE outside any transaction, so a migration that failed half-way
    # would leave half a schema behind. Taking over BEGIN ourselves (SQLAlchemy's documented recipe) makes
    # every unit of work, DDL included, all-or-nothing.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _begin_sqlite(connection) -> None:
    # A writer asks for the write lock up front (see the module's docstring); a reader takes none.
    connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get(_WRITE) else "BEGIN")


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
            in_a_file = self.is_sqlite and parsed.database not in (None, "", ":memory:")
            self.sqlite_path = Path(parsed.database) if in_a_file and parsed.database else None
            if self.sqlite_path is not None:
                self.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(self.url)
        except Exception as exc:  # a bad URL, a folder that cannot be made, a missing driver
            # Translators: {reason} is the database driver's own words, in English. Keep --db and the example URL.
            raise DatabaseError(_("Lede cannot use the database {url}: {reason}. Give --db a URL such as "
                                  "sqlite:////home/you/lede.sqlite3, in a folder you can write to.").format(
                url=repr(self.url), reason=_reason(exc))) from exc
        if self.is_sqlite:
            event.listen(self.engine, "connect", _configure_sqlite)
            event.listen(self.engine, "begin", _begin_sqlite)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # The same pool, marked so that a write transaction on SQLite begins IMMEDIATE (see _begin_sqlite).
        self._write_sessions = sessionmaker(self.engine.execution_options(**{_WRITE: True}), expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits at the end of the block, rolls everything back on any error. On SQLite
        it holds the write lock from its first statement, waiting up to the busy timeout for it."""
        with self._write_sessions() as session, session.begin():
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
        except Exception as exc:  # any driver error means the same thing to a user
            raise DatabaseError(explain(exc, str(self.sqlite_path or self._shown_url()),
                                        doing=OPEN)) from exc
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
            with self.engine.connect() as connection:
                if self.is_sqlite:
                    self._upgrade_sqlite(connection, config)
                else:
                    with connection.begin():
                        config.attributes["connection"] = connection
                        command.upgrade(config, "head")
        except Exception as exc:  # e.g. another program's SQLite file, or a newer Lede's
            # Translators: {revision} is a code such as "0007", or "none"; {reason} is the driver's own words.
            raise DatabaseError(_("Lede cannot upgrade the database {url} (at revision {revision}): {reason}. "
                                  "Start Lede with --db pointing at another file.").format(
                url=self._shown_url(), revision=current or pgettext("database revision", "none"),
                reason=_reason(exc))) from exc

    @staticmethod
    def _upgrade_sqlite(connection, config) -> None:
        """SQLite can change a table's constraints only by building it anew, and with foreign keys on, dropping
        the old table would cascade into its children (an assignment's hand-ins). So, as SQLite's own ALTER
        TABLE procedure says, the migrations run with foreign keys off, are checked with foreign_key_check
        before the commit, and the connection is thrown away afterwards (a fresh one has them on again)."""
        from alembic import command

        raw = connection.connection.driver_connection  # outside any transaction: the PRAGMA takes effect
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    # Translators: shown after "Lede cannot upgrade the database …:"; {table} is a table's name.
                    raise RuntimeError(ngettext("the upgrade would leave {count} rows pointing at nothing (the first "
                                                "in table {table})",
                                                "the upgrade would leave {count} rows pointing at nothing (the first "
                                                "in table {table})", len(broken)).format(
                        count=len(broken), table=broken[0][0]))
        finally:
            connection.invalidate()

    def _shown_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None) -> Database:
    db = Database(url)
    db.upgrade()
    return db
