"""Shared fixtures. Qt must be told to draw off-screen before anything imports it.

``database_url`` runs a test on both databases Lede supports: an SQLite file, and PostgreSQL when
LEDE_TEST_POSTGRES_URL names a server (scripts/test-postgres starts a throwaway one; CI always does).
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests read Lede's English texts whatever the machine's language; the translation tests choose their own.
os.environ["LEDE_LANGUAGE"] = "en"

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


POSTGRES_URL_VARIABLE = "LEDE_TEST_POSTGRES_URL"


@pytest.fixture(autouse=True)
def _application_font_restored():
    """View ▸ Bigger text scales the application's font, which every later test would otherwise inherit."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    font = app.font() if app is not None else None
    yield
    if font is not None and QApplication.instance() is not None:
        QApplication.setFont(font)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'lede.sqlite3'}"


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The URL of the test server's database (LEDE_TEST_POSTGRES_URL); skips the test when none is given."""
    url = os.environ.get(POSTGRES_URL_VARIABLE, "").strip()
    if not url:
        pytest.skip(f"no PostgreSQL server to test on: {POSTGRES_URL_VARIABLE} is not set (CI sets it; "
                    f"locally: {POSTGRES_URL_VARIABLE}=$(scripts/test-postgres start DIR) scripts/test)")
    return url


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """The test server's database, emptied: the schema public dropped and made again, as on a new server.

    Cheaper than a database per test (about 10 ms), and it needs only the ownership of the database. The
    lock timeout turns a connection a previous test left inside a transaction into a clear failure here
    instead of a suite that hangs."""
    import psycopg
    from sqlalchemy.engine import make_url

    conninfo = make_url(postgres_server).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("SET lock_timeout = '5s'")
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return postgres_server


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path: Path) -> str:
    """An empty database to test on, once an SQLite file and once PostgreSQL (skipped without a server)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'lede.sqlite3'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def refuse_inserts():
    """A function that makes the database itself refuse an insert into ``table`` when ``condition`` (SQL on
    the new row, e.g. "NEW.key = 'boom'") holds, with the error "refused": a trigger, in each database's own
    dialect. Tests use it to prove a unit of work is all or nothing."""
    from sqlalchemy import text

    def refuse(db, table: str, condition: str) -> None:
        name = f"refuse_{table}"
        if db.is_sqlite:
            statements = [f"CREATE TRIGGER {name} BEFORE INSERT ON {table} WHEN {condition} "
                          "BEGIN SELECT RAISE(ABORT, 'refused'); END"]
        else:
            statements = [f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                          f"IF {condition} THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$",
                          f"CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()"]
        with db.transaction() as s:
            for statement in statements:
                s.execute(text(statement))

    return refuse


@pytest.fixture
def make_window(qtbot, tmp_path: Path, db_url: str):
    """Builds the real main window on a fresh database and settings file; call again to 'restart'."""
    from PySide6.QtCore import QSettings

    from desktop_app.storage.database import open_database
    from desktop_app.ui.app import build_window

    opened = []

    def build(url: str = db_url):
        db = open_database(url)
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = build_window(db, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        # Window shortcuts (the category keys, Ctrl+Z) only fire in the active window.
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        opened.append(db)
        return window

    yield build
    for db in opened:
        db.dispose()


@pytest.fixture
def answer_box():
    """Answers the next message box that opens by clicking the button with this text, as a person would.

    ``answer_box("I'm someone else")`` before the action that opens the box; the click comes once the box is
    shown (it runs its own event loop). Gives up after two seconds, so a box that never comes fails the test's
    own checks rather than clicking something later."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    clicked: list[str] = []

    def answer(text: str) -> list[str]:
        tries = {"left": 100}

        def click() -> None:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QMessageBox) and widget.isVisible():
                    for button in widget.buttons():
                        if button.text().replace("&", "") == text:
                            clicked.append(widget.text())
                            button.click()
                            return
            tries["left"] -= 1
            if tries["left"] > 0:
                QTimer.singleShot(20, click)

        QTimer.singleShot(0, click)
        return clicked

    return answer
