"""Cold start: wall time from spawning a process to its window, with the sample article, being shown.

Lede shows the window with its first article read by the standard library and loads SQLAlchemy in the
background; it then prints ``storage_ready_ms`` when the database is open (the first change waits for that),
which is reported as a figure of its own.

Both the app and its floor print a ``startup_ms`` line on their first event-loop turn after the window is
shown; the figure is the parent's clock from spawn until it reads that line (interpreter start, imports
and all), which is what a student waiting at a lab computer experiences.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

# Raw PySide6: a main window with a text edit showing the sample text, no application code.
FLOOR_SCRIPT = r"""
import sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit
app = QApplication(sys.argv[:1])
window = QMainWindow()
edit = QTextEdit()
window.setCentralWidget(edit)
with open(sys.argv[1], encoding="utf-8") as f:
    edit.setPlainText(f.read())
window.resize(1360, 860)
window.show()
def report():
    print(f"startup_ms {(time.perf_counter() - t0) * 1000:.1f}", flush=True)
    app.quit()
QTimer.singleShot(0, report)
app.exec()
"""


class StartupError(RuntimeError):
    pass


@dataclass(frozen=True)
class Start:
    shown_ms: float  # spawn until the "startup_ms" line was read: the figure
    printed_ms: float  # what the process itself printed (its own clock, started after interpreter start)
    exit_ms: float  # spawn until the process had exited
    storage_ready_ms: float | None = None  # spawn until the app said its database was open (app only)


def spawn_until_shown(cmd: list[str], env: dict, cwd: Path, log: Path, timeout: float = 30.0) -> Start:
    with open(log, "ab") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=env, cwd=cwd, text=True)
        watchdog = threading.Timer(timeout, proc.kill)
        watchdog.start()
        shown = printed = ready = None
        try:
            for line in proc.stdout:
                if shown is None and line.startswith("startup_ms"):
                    shown = (time.perf_counter() - t0) * 1000
                    printed = float(line.split()[1])
                elif line.startswith("storage_ready_ms"):
                    ready = (time.perf_counter() - t0) * 1000
            code = proc.wait()
            exit_ms = (time.perf_counter() - t0) * 1000
        finally:
            watchdog.cancel()
    if code != 0 or shown is None:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise StartupError(f"{cmd[1:3]} exited with {code} before showing its window; stderr ends:\n{tail}")
    return Start(shown, printed, exit_ms, ready)


def app_command(db_path: Path) -> list[str]:
    return [sys.executable, "-m", "desktop_app", "--db", f"sqlite:///{db_path}", "--startup-probe"]


def floor_command(sample_text: Path) -> list[str]:
    return [sys.executable, "-c", FLOOR_SCRIPT, str(sample_text)]
