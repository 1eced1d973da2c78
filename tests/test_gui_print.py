"""File ▸ Print worksheet… driven as a teacher uses it: mark, print at once, find the PDF and its notes."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QRadioButton

from desktop_app.ui.print_dialog import PrintDialog

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="poppler-utils is not installed; scripts/setup-env installs it")


def _text(path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                                   text=True).stdout.split())


@pytest.fixture
def print_as(monkeypatch, tmp_path):
    """Answers the print dialog and the save dialog as a user would; records what was opened."""
    answers: dict = {"opened": []}

    def choose(kind: str, paper: str = "a4", marked_by: str = "", file_name: str | None = "out.pdf",
               open_when_done: bool = True):
        def exec_dialog(dialog: PrintDialog) -> int:
            answers["dialog"] = dialog
            dialog.findChild(QRadioButton, f"kind_{kind}").setChecked(True)
            dialog.paper.setCurrentIndex(dialog.paper.findData(paper))
            dialog.marked_by.setText(marked_by)
            dialog.open_when_done.setChecked(open_when_done)
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(PrintDialog, "exec", exec_dialog)
        target = str(tmp_path / file_name) if file_name else ""
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *a, **k: (answers.setdefault("suggested", a[2]) and target, "")))
        monkeypatch.setattr("desktop_app.ui.print_dialog.QDesktopServices.openUrl",
                            lambda url: answers["opened"].append(url.toLocalFile()))
        return tmp_path / file_name if file_name else None

    answers["choose"] = choose
    return answers


@needs_pdftotext
def test_a_note_typed_a_moment_ago_is_on_the_annotated_copy(make_window, qtbot, print_as):
    window = make_window()
    text = window.desk.article.text
    start = text.index("Councillor Margaret Osei")
    window.view.select_range(start, start + len("Councillor Margaret Osei"))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    qtbot.keyClicks(window.panel.note_edit, "Chairs <b>finance</b> & more")
    # No wait for the note's save timer: printing must flush it first.
    target = print_as["choose"]("annotated", marked_by="Sam Okafor")
    window.print_action.trigger()

    assert target.is_file()
    text = _text(target)
    assert "Marks by Sam Okafor: 1 in all." in text
    assert "Chairs <b>finance</b> & more" in text
    assert print_as["opened"] == [str(target)]
    assert print_as["suggested"].endswith("eastgate-library-faces-closure-as-council-weighs-car-park-annotated.pdf")
    assert "Annotated copy saved as" in window.statusBar().currentMessage()
    # The choices are remembered for the next print.
    assert window.settings.value("print/kind") == "annotated"
    assert window.settings.value("print/marked_by") == "Sam Okafor"


@needs_pdftotext
def test_the_sample_prints_its_stored_answer_key_as_a_teacher_copy(make_window, print_as):
    window = make_window()
    target = print_as["choose"]("key", paper="letter", open_when_done=False)
    window.print_action.trigger()
    text = _text(target)
    assert "TEACHER COPY" in text
    assert "Answer key: 30 marks, 25 required and 5 bonus." in text
    assert print_as["opened"] == []
    hints = " ".join(label.text() for label in print_as["dialog"].findChildren(QLabel))
    assert "30 key marks." in hints


def test_cancelling_the_save_dialog_writes_nothing(make_window, print_as, tmp_path):
    window = make_window()
    print_as["choose"]("blank", file_name=None)
    window.print_action.trigger()
    assert list(tmp_path.glob("*.pdf")) == []


def test_a_folder_that_cannot_be_written_gives_a_message_not_a_crash(make_window, print_as, tmp_path):
    window = make_window()
    print_as["choose"]("blank", file_name="missing-folder/out.pdf")
    window.print_action.trigger()
    assert "does not exist" in window.last_problem
    assert not (tmp_path / "missing-folder").exists()
