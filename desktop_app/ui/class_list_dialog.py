"""An assignment's class list: names pasted one per line, or the class list file an LMS exports, with a preview of
what Lede read ("28 students; 1 warning: …") before it is saved.

The dialog only reads and shows; whoever opens it saves ``pending`` (application.class_list). Reading is the
domain's (core.class_list), and its refusals are shown as they are: one sentence saying what to do. A file read
fills the box with its names; editing them afterwards keeps each remaining student's id and email from the file
(or from the list saved before), so a teacher can add a latecomer by typing one line.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from desktop_app.core.class_list import (MAX_BYTES, ClassList, ClassListError, class_list_from_file,
                                         class_list_from_paste)
from desktop_app.i18n import _, ngettext
from desktop_app.ui.own_category_dialog import error_label, plain_label, show_error

FILE_PATTERNS = "*.csv *.txt *.tsv"


def file_filter() -> str:
    return _("Class lists ({patterns})").format(patterns=FILE_PATTERNS) + ";;" + _("All files (*)")


def with_details_from(class_list: ClassList, details: ClassList) -> ClassList:
    """``class_list`` with the id and email ``details`` has for each of its students (by student key)."""
    members = []
    for m in class_list:
        known = details.member(m.key)
        members.append(replace(m, lms_id=known.lms_id, email=known.email) if known is not None else m)
    return ClassList(tuple(members), class_list.warnings, class_list.name_columns)


def describe(class_list: ClassList) -> str:
    """The preview: "28 students, with ids and email addresses; 2 warnings: …"."""
    n = len(class_list)
    ids, emails = any(m.lms_id for m in class_list), any(m.email for m in class_list)
    if ids and emails:
        text = ngettext("{count} student, with ids and email addresses", "{count} students, with ids and email "
                        "addresses", n)
    elif ids:
        text = ngettext("{count} student, with ids", "{count} students, with ids", n)
    elif emails:
        text = ngettext("{count} student, with email addresses", "{count} students, with email addresses", n)
    else:
        text = ngettext("{count} student", "{count} students", n)
    text = text.format(count=n)
    warnings = class_list.warnings
    if warnings:
        # Translators: {students} is "28 students, with ids"; {warnings} are the warnings' own sentences.
        text = ngettext("{students}; {count} warning: {warnings}", "{students}; {count} warnings: {warnings}",
                        len(warnings)).format(students=text, count=len(warnings), warnings=" ".join(warnings))
    return text if text.endswith(".") else text + "."


class ClassListDialog(QDialog):
    def __init__(self, current: ClassList, title: str, settings: QSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = current
        self.settings = settings
        self.pending: ClassList | None = None  # what Save stores; None while there is nothing to save
        self._details = current  # where ids and emails of typed names come from
        # The names a file filled the box with, and the list as read; at first the list saved before, so that a
        # list left as it is saves as it is (a name from a file need not read back the same from a paste).
        self._file: tuple[str, ClassList] | None = None
        if len(current):
            self._file = ("\n".join(m.name for m in current), current)
        self.setWindowTitle(_("Class list — {title}").format(title=title))
        self.setMinimumSize(520, 480)
        layout = QVBoxLayout(self)
        intro = plain_label(_("The students of this class, in the register's order. Paste their names, one per "
                              "line (from a spreadsheet, a document or an email), or read the class list file your "
                              "LMS exports (CSV). Hand-ins are then matched to these names, and the gradebook lists "
                              "every student, also those who did not hand in."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        label = QLabel(_("&Names, one per line:"), self)
        layout.addWidget(label)
        self.names = QPlainTextEdit(self)
        self.names.setObjectName("class_list_names")
        self.names.setAccessibleName(_("Students' names, one per line"))
        self.names.setTabChangesFocus(True)  # Tab leaves the box; pasted spreadsheet rows keep theirs
        # Translators: example names, one per line; names your students might have read best.
        self.names.setPlaceholderText(_("Ana-María López\nBao Nguyen\n…"))
        self.names.setPlainText(self._file[0] if self._file else "")
        label.setBuddy(self.names)
        layout.addWidget(self.names, 1)
        row = QHBoxLayout()
        self.read_button = QPushButton(_("&Read a file…"), self)
        self.read_button.setObjectName("read_class_list_file")
        self.read_button.setToolTip(_("Read the class list (CSV) your LMS exports: Canvas, Moodle, Google "
                                      "Classroom, Teams, Schoology, PowerSchool, Blackboard, Brightspace…"))
        self.read_button.clicked.connect(self.choose_file)
        row.addWidget(self.read_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.preview = plain_label("", self)
        self.preview.setObjectName("class_list_preview")
        self.preview.setAccessibleName(_("What Lede read"))
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        self.error = error_label("class_list_problem", self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save_class_list")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.names.textChanged.connect(self._read)
        self._read()
        self.names.setFocus()

    # --- reading -----------------------------------------------------------------------------------
    def _read(self) -> None:
        text = self.names.toPlainText()
        self.pending, problem = None, ""
        if self._file is not None and text == self._file[0]:
            self.pending = self._file[1]  # as the file was read, with its warnings
        elif not text.strip():
            if len(self.current):
                self.pending = ClassList(())
        else:
            try:
                self.pending = with_details_from(class_list_from_paste(text), self._details)
            except ClassListError as exc:
                problem = str(exc)
        if self.pending is None:
            self.preview.setText("" if problem else _("No names yet."))
        elif not len(self.pending):
            self.preview.setText(_("No names: saving takes the class list off this assignment."))
        else:
            self.preview.setText(describe(self.pending))
        show_error(self.error, problem)
        self.save_button.setEnabled(self.pending is not None)

    def choose_file(self) -> None:
        start = str(self.settings.value("classroom/class_list_folder", str(Path.home()))) if self.settings \
            else str(Path.home())
        path, _chosen = QFileDialog.getOpenFileName(self, _("Read a class list"), start, file_filter())
        if path:
            if self.settings is not None:
                self.settings.setValue("classroom/class_list_folder", str(Path(path).parent))
            self.read_file(Path(path))

    def read_file(self, path: Path) -> bool:
        """Reads an LMS export (or any list of names) into the dialog; False, with the reason shown, if it cannot."""
        try:
            with path.open("rb") as f:
                data = f.read(MAX_BYTES + 1)  # enough for the domain to say a bigger file is not a class list
            read = class_list_from_file(data, path.name)
        except OSError as exc:
            show_error(self.error, _("Lede could not read “{file}” ({error}). Check that the file is still there and "
                                     "that you may open it, then read it again.").format(file=path.name,
                                                                                        error=exc.strerror or exc))
            return False
        except ClassListError as exc:
            show_error(self.error, str(exc))
            return False
        text = "\n".join(m.name for m in read)
        self._file, self._details = (text, read), read
        self.names.setPlainText(text)  # reads it again: the file's list, as it was read
        return True
