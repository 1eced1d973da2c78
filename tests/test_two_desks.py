"""Two Lede windows, in two processes, on one library (a shared lab folder, or the school's PostgreSQL server):
every note typed is saved and no error is shown, and a class's import is not stopped by the other window saving.
Each window is a real one in its own process (tests/desk_worker.py), on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.application.library import Library
from desktop_app.core.marks import OWN_LAYER
from desktop_app.resources import default_categories, resource_path
from desktop_app.storage.database import open_database
from desktop_app.storage.models import EventRow
from lab import hand_in, make_assignment

WORKER = Path(__file__).with_name("desk_worker.py")
EDITS = 300

pytestmark = pytest.mark.slow


def _start(*args: str) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    return subprocess.Popen([sys.executable, str(WORKER), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)


def _result(process: subprocess.Popen) -> dict:
    out, err = process.communicate(timeout=240)
    assert process.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


def _library_with_two_marks(url: str):
    library = Library(open_database(url), default_categories())
    article_id = library.articles.ensure_sample(resource_path("sample"))
    article = library.articles.get(article_id)
    text = article.text
    marks = [library.marks.add(article, OWN_LAYER, text.index(q), text.index(q) + len(q), "source", "Source")
             for q in ("José Alvarez", "Zoë Marchetti")]
    return library, article, marks


def _changed_notes(library: Library) -> int:
    with library.db.reading() as s:
        return s.scalar(select(func.count()).select_from(EventRow).where(EventRow.action == "mark_changed"))


def test_two_windows_typing_notes_at_full_speed_lose_no_edit_and_show_no_error(database_url, tmp_path):
    library, _article, (first, second) = _library_with_two_marks(database_url)
    go = tmp_path / "go"
    workers = [_start("notes", database_url, str(mark.id), str(EDITS), tag, str(go))
               for mark, tag in ((first, "left desk"), (second, "right desk"))]
    go.touch()
    results = [_result(w) for w in workers]
    assert [r["problems"] for r in results] == [0, 0], results
    assert [r["pending"] for r in results] == [0, 0]
    assert [library.marks.get(m.id).note for m in (first, second)] == [r["last"] for r in results]
    assert _changed_notes(library) == 2 * EDITS  # every one of the 600 saves was committed
    library.close()


def test_a_class_is_taken_in_while_another_window_keeps_saving(database_url, tmp_path, make_window):
    library, _article, (first, _second) = _library_with_two_marks(database_url)
    teacher = make_window(database_url)
    assignment = make_assignment(teacher)
    folder = tmp_path / "hand-ins"
    for n in range(30):
        hand_in(teacher, assignment, folder, f"Student {n:02d}", ["José Alvarez", "Zoë Marchetti"])
    go = tmp_path / "go"
    typing = _start("notes", database_url, str(first.id), str(EDITS), "meanwhile", str(go))
    importing = _start("import", database_url, str(assignment.id), str(folder), str(go))
    go.touch()
    imported, typed = _result(importing), _result(typing)
    assert imported["added"] == 30 and imported["refused"] == [] and imported["problem"] is None, imported
    assert typed["problems"] == 0 and typed["pending"] == 0
    assert len(library.classroom.submissions(assignment.id)) == 30
    library.close()
