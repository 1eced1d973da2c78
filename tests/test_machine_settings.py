"""A lab's machine-wide settings file (docs/deploying.md): read as IT writes it, forgiving of typos, and applied
by the windows — the paper size, the hand-in folder a student is offered, and a student computer's menus."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from desktop_app.application import machine_settings as ms


@pytest.fixture
def lab_settings(tmp_path, monkeypatch):
    """Writes a machine settings file and points Lede at it (as IT would place it in /etc/xdg/lede/)."""
    def write(text: str) -> Path:
        path = tmp_path / "lede.ini"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setenv(ms.ENV_VAR, str(path))
        ms.machine_settings.cache_clear()
        return path

    yield write
    ms.machine_settings.cache_clear()


def test_the_file_is_read_as_it_is_written_and_a_typo_is_ignored_not_fatal(lab_settings, tmp_path, caplog):
    path = lab_settings("[lede]\npaper = Letter\nhand_in_folder = ~/Hand-ins\nrole = student\n")
    read = ms.machine_settings()
    assert (read.paper, read.role, read.source) == ("letter", "student", path)
    assert read.hand_in_folder == Path.home() / "Hand-ins" and read.student_computer
    lab_settings("[lede]\npaper = A3\nrole = principal\n")
    read = ms.machine_settings()
    assert (read.paper, read.role) == (None, "ask")
    assert "paper = 'a3' is not one of a4, letter" in caplog.text
    lab_settings("this is not an ini file [")
    assert ms.machine_settings().paper is None
    assert ms.read_machine_settings(tmp_path / "missing.ini") == ms.MachineSettings()


def test_a_student_computer_has_no_teacher_menus_and_offers_the_labs_hand_in_folder(lab_settings, make_window,
                                                                                   tmp_path, monkeypatch):
    folder = tmp_path / "hand-ins"
    folder.mkdir()
    lab_settings(f"[lede]\npaper = letter\nrole = student\nhand_in_folder = {folder}\n")
    window = make_window()
    assert not window.classroom_menu.menuAction().isVisible()
    assert not window.key_action.isEnabled() and not window.classroom.review_action.isEnabled()
    from desktop_app.ui.print_dialog import default_paper

    assert default_paper() == "letter"
    # The hand-in folder offered first is the lab's.
    from desktop_app.core.assignments import Assignment
    from desktop_app.exchange.pack import write_pack
    from desktop_app.resources import default_categories

    from desktop_app.core.articles import ArticleDetails

    # A student's computer has no sample article: the pack is made from an article of its own.
    assert window.desk.article is None
    article = window.desk.library.articles.add("The council said the library will close.", ArticleDetails(title="T"))
    pack = write_pack(tmp_path / "p.ledepack", Assignment(uid="a" * 32, title="T", seal="ab" * 32,
                                                          categories=tuple(default_categories())), article)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ana", True))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    offered = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda _w, _t, start: offered.append(start) or start)
    assert window.classroom.open_pack_path(pack)
    handed = window.classroom.hand_in()
    assert offered == [str(folder)] and handed.parent == folder
    # A hand-in dropped on a student computer is not opened: it is the teacher's.
    window.classroom.take_dropped([handed])
    assert "student computer" in window.last_problem
