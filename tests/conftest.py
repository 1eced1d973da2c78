"""Shared fixtures. Qt must be told to draw off-screen before anything imports it."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'lede.sqlite3'}"


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
