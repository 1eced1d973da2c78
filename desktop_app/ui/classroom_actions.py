"""The Classroom menu and the student's pack and hand-in actions of the main window: dialogs in, one call of the
AssignmentDesk (or the classroom window) out. Kept apart from main_window so each file holds one idea."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMenu, QMessageBox

from desktop_app import APP_NAME
from desktop_app.core.assignments import MAX_NAME, Assignment, clean_name
from desktop_app.i18n import _, ngettext
from desktop_app.i18n.formats import format_date

if TYPE_CHECKING:
    from desktop_app.ui.classroom_window import ClassroomWindow
    from desktop_app.ui.main_window import MainWindow

PACK_SUFFIX = ".ledepack"
SUBMISSION_SUFFIX = ".ledesub"
FEEDBACK_SUFFIX = ".ledefeedback"


class ClassroomActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.classroom_window: ClassroomWindow | None = None

    @property
    def settings(self) -> QSettings:
        return self.window.settings

    @property
    def assignments(self):
        return self.window.assignments

    def build_menu(self, menu: QMenu) -> None:
        def add(text: str, slot, shortcut: str | None = None) -> QAction:
            action = QAction(text, self.window)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            menu.addAction(action)
            self.window.addAction(action)
            return action

        self.new_action = add(_("&New assignment from this article…"), self.new_assignment)
        self.edit_action = add(_("&Edit assignment…"), self.edit_assignment)
        self.pack_action = add(_("Export student &pack…"), self.export_pack, "Ctrl+Shift+E")
        self.remove_action = add(_("&Remove assignment…"), self.remove_assignment)
        menu.addSeparator()
        self.review_action = add(_("&Submissions and review…"), self.show_classroom, "Ctrl+Shift+R")
        menu.aboutToShow.connect(self._update_menu)

    def _update_menu(self) -> None:
        article = self.window.desk.article is not None
        student = self.assignments.current is not None
        self.new_action.setEnabled(article and not student)
        self.edit_action.setEnabled(bool(self.assignments.teacher_assignments))
        self.pack_action.setEnabled(bool(self.assignments.teacher_assignments))
        self.remove_action.setEnabled(bool(self.assignments.teacher_assignments))

    # --- teacher -----------------------------------------------------------------------------------
    def new_assignment(self) -> Assignment | None:
        from desktop_app.ui.assignment_dialog import AssignmentDialog

        desk = self.window.desk
        if desk.article is None:
            return None
        dialog = AssignmentDialog(desk.standard_categories, self.window, settings=self.settings,
                                  article_title=desk.article.details.title)
        if dialog.exec() != AssignmentDialog.DialogCode.Accepted:
            return None
        made = self.assignments.create(dialog.assignment().with_changes(article_id=desk.article.id))
        if made is not None:
            self.window.statusBar().showMessage(
                _("Made “{title}”. Mark the answer key with Mark ▸ Mark the answer key (Ctrl+K), then Classroom ▸ "
                  "Export student pack… to hand it out.").format(title=made.title), 12000)
        return made

    def _pick(self, question: str) -> Assignment | None:
        found = self.assignments.teacher_assignments
        if len(found) <= 1:
            return found[0] if found else None
        labels = [_("{title} (made {date})").format(title=a.title, date=format_date(a.created_at)) if a.created_at
                  else a.title for a in found]
        label, ok = QInputDialog.getItem(self.window, APP_NAME, question, labels, 0, False)
        return found[labels.index(label)] if ok else None

    def edit_assignment(self) -> None:
        from desktop_app.ui.assignment_dialog import AssignmentDialog

        chosen = self._pick(_("Which assignment do you want to change?"))
        if chosen is None:
            return
        dialog = AssignmentDialog(self.window.desk.standard_categories, self.window, settings=self.settings,
                                  article_title=self.window.desk.article.details.title, existing=chosen)
        if dialog.exec() != AssignmentDialog.DialogCode.Accepted:
            return
        changed = dialog.assignment()
        dropped = [c.name for c in chosen.categories if c.key not in {k.key for k in changed.categories}]
        if dropped:
            # Packs already handed out still carry the old categories, and a hand-in whose marks use a
            # category the assignment no longer has is refused on import.
            answer = QMessageBox.question(
                self.window, APP_NAME, _("You took {categories} out of “{title}”. Students who already have the pack "
                                         "can still mark with it, and their hand-ins would then be refused. Export a "
                                         "new pack for them if you go ahead. Make the change?").format(
                    categories=", ".join(dropped), title=chosen.title))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.assignments.update(changed)

    def remove_assignment(self) -> bool:
        chosen = self._pick(_("Which assignment do you want to remove?"))
        if chosen is None:
            return False
        from desktop_app.application.bin_steps import beyond_itself

        extra = beyond_itself("assignment", self.assignments.removal_cost(chosen.id))
        question = (_("Remove “{title}” with its {what}? The article and its answer key stay. Edit ▸ Undo or File ▸ "
                      "Recently removed brings it all back.") if extra
                    else _("Remove “{title}”? The article and its answer key stay. Edit ▸ Undo or File ▸ Recently "
                           "removed brings it all back.")).format(title=chosen.title,
                                                                  what=extra.describe() if extra else "")
        box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, question, QMessageBox.StandardButton.NoButton,
                          self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        go = box.addButton(_("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not go or not self.assignments.remove(chosen.id):
            return False
        self.window.statusBar().showMessage(_("Removed “{title}”. Edit ▸ Undo brings it back.").format(
            title=chosen.title), 8000)
        return True

    def export_pack(self) -> Path | None:
        from desktop_app.exchange.errors import ExchangeError
        from desktop_app.exchange.names import pack_file_name

        chosen = self._pick(_("Which assignment do you want to hand out?"))
        if chosen is None:
            return None
        folder = str(self.settings.value("classroom/pack_folder", str(Path.home())))
        path, _chosen = QFileDialog.getSaveFileName(
            self.window, _("Export student pack"), str(Path(folder) / pack_file_name(chosen.title)),
            _("Lede student pack ({patterns})").format(patterns=f"*{PACK_SUFFIX}"))
        if not path:
            return None
        path = Path(path if path.endswith(PACK_SUFFIX) else path + PACK_SUFFIX)
        try:
            written = self.assignments.export_pack(chosen, path)
        except (ExchangeError, LookupError, OSError) as exc:
            self.window.show_problem(_("The student pack could not be saved: {error}").format(error=exc))
            return None
        self.settings.setValue("classroom/pack_folder", str(written.parent))
        self.window.statusBar().showMessage(
            _("Saved {file}. Give this one file to every student (LMS, USB stick or shared folder); it holds the "
              "article and your instructions, never the answer key.").format(file=written.name), 12000)
        return written

    def show_classroom(self, paths: list[Path] | None = None) -> ClassroomWindow:
        from desktop_app.ui.classroom_window import ClassroomWindow

        if self.classroom_window is None:
            self.classroom_window = ClassroomWindow(self.window.desk, self.settings)
        w = self.classroom_window
        w.refresh_assignments(prefer_article=self.window.desk.article.id if self.window.desk.article else None)
        w.show()
        w.raise_()
        w.activateWindow()
        if paths:
            w.import_paths(paths)
        return w

    # --- student -----------------------------------------------------------------------------------
    def open_pack_with_dialog(self) -> None:
        folder = str(self.settings.value("classroom/open_folder", str(Path.home())))
        path, _chosen = QFileDialog.getOpenFileName(
            self.window, _("Open assignment or feedback from your teacher"), folder,
            _("Lede assignment or feedback ({patterns})").format(patterns=f"*{PACK_SUFFIX} *{FEEDBACK_SUFFIX}"))
        if path:
            self.settings.setValue("classroom/open_folder", str(Path(path).parent))
            if Path(path).suffix.lower() == FEEDBACK_SUFFIX:
                self.open_feedback_path(Path(path))
            else:
                self.open_pack_path(Path(path))

    def open_pack_path(self, path: Path) -> bool:
        """Opens a pack: the student's own copy of it when they have one here, else a fresh one. On a shared lab
        account the work of the student before is never handed to the next: they are asked who they are."""
        from desktop_app.exchange.errors import ExchangeError

        self.window.panel.flush_pending()
        try:
            opening = self.assignments.read_pack(path)
        except ExchangeError as exc:
            self.window.show_problem(str(exc))
            return False
        except Exception as exc:  # noqa: BLE001 - a database error must never lose the window
            self.window.show_problem(_("Lede could not open {file}: {error}. Nothing was changed.").format(
                file=Path(path).name, error=exc))
            return False
        chosen = self.ask_whose_copy(opening) if opening.taken else None
        if chosen is False:
            return False
        if chosen is not None:
            self.assignments.open_copy(chosen)
            self.window.statusBar().showMessage(
                _("Welcome back, {name}: your marks are as you left them.").format(name=chosen.student_name)
                if chosen.student_name else _("Welcome back, you: your marks are as you left them."), 12000)
            return True
        blank = opening.blank
        if blank is not None:
            self.assignments.open_copy(blank.assignment)
        elif self.assignments.start_copy(opening) is None:
            return False
        self.ask_student_name()
        self.window.statusBar().showMessage(
            _("Opened the assignment. Select a passage and press a number key to mark it; your work is saved as you "
              "go. Press Hand in… when you are done."), 12000)
        return True

    def open_feedback_path(self, path: Path) -> bool:
        """Opens the teacher's feedback onto the student's own copy of the assignment (the copy that handed in the
        very file the teacher reviewed, or the one with the student's name), and shows that copy."""
        from desktop_app.application.errors import LedeError
        from desktop_app.exchange.errors import ExchangeError

        self.window.panel.flush_pending()
        try:
            opening = self.assignments.read_feedback(path)
        except (ExchangeError, LedeError) as exc:
            self.window.show_problem(str(exc))
            return False
        except Exception as exc:  # noqa: BLE001 - a database error must never lose the window
            self.window.show_problem(_("Lede could not open {file}: {error}. Nothing was changed.").format(
                file=Path(path).name, error=exc))
            return False
        received = self.assignments.receive_feedback(opening)
        if received is None:
            return False
        f = received.feedback
        sentences = [_("Feedback from your teacher on “{title}”.").format(title=f.assignment_title)]
        if f.headline():
            sentences.append(f"{f.headline()}.")  # the grade and the points ("B+ · 7.5 / 10 points")
        sentences.append(_("Select a mark to read your teacher's comment on it; Show in the bar lists everything."))
        if not received.same_hand_in:
            sentences.append(_("(It is on an earlier hand-in than your latest.)"))
        self.window.last_notice = " ".join(sentences)
        self.window.statusBar().showMessage(self.window.last_notice, 15000)
        return True

    def ask_whose_copy(self, opening):
        """Someone already worked on this pack here: "Are you Ana?". Returns the copy to continue, None for a fresh
        copy ("I'm someone else"), or False when the person cancelled."""
        taken = opening.taken
        title = opening.pack.assignment.title

        def who(copy) -> str:
            name = copy.assignment.student_name or _("someone who typed no name")
            if not copy.marks:
                return _("{name} (no marks yet)").format(name=name)
            return ngettext("{name} ({count} mark)", "{name} ({count} marks)", copy.marks).format(
                name=name, count=copy.marks)

        if len(taken) <= 3:
            if len(taken) == 1:
                copy = taken[0]
                name = copy.assignment.student_name or _("the student before you")
                if copy.marks:
                    text = ngettext(
                        "This computer already has {name}'s copy of “{title}” ({count} mark).\n\nAre you {name}? If "
                        "you are someone else, you start with a fresh, empty copy, and that work stays as it is.",
                        "This computer already has {name}'s copy of “{title}” ({count} marks).\n\nAre you {name}? If "
                        "you are someone else, you start with a fresh, empty copy, and that work stays as it is.",
                        copy.marks).format(name=name, title=title, count=copy.marks)
                else:
                    text = _("This computer already has {name}'s copy of “{title}” (no marks yet).\n\nAre you {name}? "
                             "If you are someone else, you start with a fresh, empty copy, and that work stays as it "
                             "is.").format(name=name, title=title)
            else:
                text = _("This computer already has work on “{title}” by {students}.\n\nWho are you? If you are "
                         "someone else, you start with a fresh, empty copy.").format(
                    title=title, students=", ".join(who(c) for c in taken))
            box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, text, QMessageBox.StandardButton.NoButton,
                              self.window)
            box.setTextFormat(Qt.TextFormat.PlainText)
            buttons = {box.addButton(_("I'm {name}").format(name=c.assignment.student_name)
                                     if c.assignment.student_name else _("I'm that student"),
                                     QMessageBox.ButtonRole.YesRole): c for c in taken}
            fresh = box.addButton(_("I'm someone else"), QMessageBox.ButtonRole.NoRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            clicked = box.clickedButton()
            if clicked is fresh:
                return None
            return buttons[clicked].assignment if clicked in buttons else False
        labels = [_("I'm someone else: start a fresh, empty copy")] + [who(c) for c in taken]
        label, ok = QInputDialog.getItem(self.window, APP_NAME, ngettext(
            "This computer already has work on “{title}” by {count} student. Who are you?",
            "This computer already has work on “{title}” by {count} students. Who are you?", len(taken)).format(
            title=title, count=len(taken)), labels, 0, False)
        if not ok:
            return False
        chosen = labels.index(label)  # 0: someone else
        return None if chosen == 0 else taken[chosen - 1].assignment

    def ask_student_name(self) -> None:
        current = self.assignments.current
        if current is None:
            return
        name, ok = QInputDialog.getText(self.window, APP_NAME, _("Your name, as your teacher knows it (it goes on "
                                                                 "the file you hand in):"),
                                        QLineEdit.EchoMode.Normal, current.student_name)
        if ok and clean_name(name):
            self.assignments.set_student_name(name[: MAX_NAME * 2])

    def hand_in(self) -> Path | None:
        from desktop_app.exchange.errors import ExchangeError

        if self.assignments.current is None:
            return None
        self.window.panel.flush_pending()
        if not self.assignments.current.student_name:
            self.ask_student_name()
            if not self.assignments.current.student_name:
                return None
        gaps = self.assignments.hand_in_gaps()
        if gaps:
            answer = QMessageBox.question(self.window, APP_NAME, " ".join(
                [*gaps, _("Hand in anyway? You can hand in again later.")]))
            if answer != QMessageBox.StandardButton.Yes:
                return None
        from desktop_app.application.machine_settings import machine_settings

        offered = machine_settings().hand_in_folder  # the lab's hand-in folder, when IT set one
        start = str(self.settings.value("classroom/hand_in_folder", str(offered or Path.home())))
        folder = QFileDialog.getExistingDirectory(self.window, _("Hand in: choose the folder for your file"), start)
        if not folder:
            return None
        try:
            handed = self.assignments.hand_in(Path(folder))
        except (ExchangeError, LookupError, OSError) as exc:
            self.window.show_problem(_("Your work could not be handed in: {error}").format(error=exc))
            return None
        self.settings.setValue("classroom/hand_in_folder", folder)
        path = handed.path
        message = (_("Handed in again: {file} in {folder} now holds your latest marks (it replaced your earlier "
                     "file).") if handed.replaced else _("Handed in: your marks are in {file}, in {folder}. Give this "
                                                         "file to your teacher.")).format(file=path.name,
                                                                                          folder=path.parent)
        self.window.last_notice = message
        QMessageBox.information(self.window, APP_NAME, message)
        return path

    # --- drag and drop -----------------------------------------------------------------------------
    def take_dropped(self, files: list[Path]) -> list[Path]:
        """Opens dropped packs and feedback, sends dropped submissions to the classroom window; returns the other
        files."""
        packs = [f for f in files if f.suffix.lower() == PACK_SUFFIX]
        subs = [f for f in files if f.suffix.lower() == SUBMISSION_SUFFIX]
        feedback = [f for f in files if f.suffix.lower() == FEEDBACK_SUFFIX]
        rest = [f for f in files if f not in packs and f not in subs and f not in feedback]
        if subs and self.window.role_mode.student:
            self.window.show_problem(_("Hand-ins are for your teacher: this is a student computer, so Lede does "
                                       "not open them here. Give the file to your teacher."))
            subs = []
        for pack in packs[:1]:
            self.open_pack_path(pack)
        for returned in feedback:
            self.open_feedback_path(returned)
        if subs:
            self.show_classroom(subs)
        return rest
