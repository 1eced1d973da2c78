"""Regression guard for the PySide6 6.12.0 / CPython 3.11 trap: every call of a method that returns
nothing dropped a reference to None, and after a few thousand calls the interpreter aborted with
"none_dealloc: deallocating None". The dependency bounds in pyproject.toml keep 6.12.0 off 3.11; this test
makes sure that whatever got installed survives far more such calls than the desk makes in a lesson.
It runs in a child process, because the failure is an abort that would take pytest down with it."""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = r"""
from PySide6.QtWidgets import QApplication, QTextEdit
from PySide6.QtGui import QTextCursor
app = QApplication([])
edit = QTextEdit()
edit.setPlainText("x" * 1000)
cursor = QTextCursor(edit.document())
for i in range(20000):
    cursor.setPosition(i % 1000)  # returns void: the call that leaked
print("survived", sys.getrefcount(None) if hasattr(sys, "getrefcount") else -1)
"""


def test_twenty_thousand_void_calls_do_not_abort():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", "import sys\n" + CHILD], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, f"the process died ({done.returncode}): {done.stderr[-500:]}"
    assert done.stdout.startswith("survived")


def test_installed_pyside_is_not_the_leaking_combination():
    import PySide6

    leaking = PySide6.__version__ == "6.12.0" and sys.version_info[:2] == (3, 11)
    assert not leaking, "PySide6 6.12.0 on Python 3.11 aborts after thousands of calls; see pyproject.toml"
