"""Whose computer is this, a teacher's or a student's? Asked once, at the first start; changeable later under
View ▸ Student's computer; preset for a whole lab by the machine-wide settings file (``role = student``), in
which case it is neither asked nor changeable here.

A student's computer shows what a student needs and nothing to stumble into: no sample article beside the
assignment, no answer key, no Classroom menu, no suggestions.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app import APP_NAME
from desktop_app.i18n import _

TEACHER, STUDENT = "teacher", "student"
SETTING = "ui/role"


def preset_role() -> str | None:
    """The lab's choice for this computer (docs/deploying.md), if it made one."""
    from desktop_app.application.machine_settings import machine_settings

    lab = machine_settings().role
    return lab if lab in (TEACHER, STUDENT) else None


def chosen_role(settings: QSettings) -> str | None:
    """The lab's preset, else what the person answered; None until someone has answered."""
    value = settings.value(SETTING)
    return preset_role() or (str(value) if value in (TEACHER, STUDENT) else None)


def ask_role(parent: QWidget | None, settings: QSettings) -> str:
    """The first start's one question. Closing the box without an answer means a teacher's computer (what Lede
    was before the question existed); the question comes back next time."""
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, _("Welcome to Lede. Who uses this computer?"),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(_("On a student's computer Lede opens the assignment from the teacher and hides the "
                             "answer key, the sample article and the classroom tools. You can change this later "
                             "under View ▸ Student's computer."))
    teacher = box.addButton(_("A teacher"), QMessageBox.ButtonRole.AcceptRole)
    student = box.addButton(_("A student"), QMessageBox.ButtonRole.AcceptRole)
    teacher.setAccessibleName(_("A teacher uses this computer"))
    student.setAccessibleName(_("A student uses this computer"))
    box.setDefaultButton(teacher)
    box.exec()
    clicked = box.clickedButton()
    if clicked is student:
        remember_role(settings, STUDENT)
        return STUDENT
    if clicked is teacher:
        remember_role(settings, TEACHER)
    return TEACHER


def remember_role(settings: QSettings, role: str) -> None:
    settings.setValue(SETTING, role)
    settings.sync()


class RoleMode:
    """The window's role and what follows from it: View ▸ Student's computer, the teacher's menus shown or not,
    the sample left out of a student's library, and the welcome in the role's words."""

    def __init__(self, window, settings: QSettings, view_menu) -> None:
        from PySide6.QtGui import QAction

        self.window = window
        self.settings = settings
        self.role = chosen_role(settings) or TEACHER
        self.action = QAction(_("&Student's computer"), window)
        self.action.setCheckable(True)
        self.action.setChecked(self.role == STUDENT)
        fixed = preset_role() is not None
        self.action.setEnabled(not fixed)
        self.action.setToolTip(_("Set by the lab's settings for this computer") if fixed else
                               _("Hide the answer key, the sample article and the classroom tools"))
        self.action.toggled.connect(lambda on: self.set_role(STUDENT if on else TEACHER, remember=True))
        view_menu.addAction(self.action)

    @property
    def student(self) -> bool:
        return self.role == STUDENT

    def set_role(self, role: str, remember: bool = False) -> None:
        if remember:
            remember_role(self.settings, role)
        self.role = role
        if self.action.isChecked() != self.student:
            self.action.setChecked(self.student)
        self.apply()

    def apply(self) -> None:
        w = self.window
        teacher = not self.student
        # On a student's computer the teacher's menus are not there at all (their shortcuts are off too).
        for action in (*w.classroom_menu.actions(), w.key_action, w.suggestions.action):
            action.setVisible(teacher)
        for action in w.classroom_menu.actions():
            action.setEnabled(teacher)
        w.classroom_menu.menuAction().setVisible(teacher)
        if w.desk.storage_open:
            w.refresh_library()
            if not teacher and w.desk.article is not None and w.desk.article.id in self.hidden_articles():
                w.desk.open_article(None)  # the sample, open when the computer became a student's
        w.update_for_assignment()

    def hidden_articles(self) -> set[int]:
        """What a student's library leaves out: the sample, one click away from the assignment otherwise."""
        return self.window.desk.library.articles.sample_ids() if self.student else set()
