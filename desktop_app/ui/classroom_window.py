"""The teacher's classroom window: pick an assignment, give it its class list, take the students' files in, and
review them — the roster, one student's work against the key, and the class view — then print feedback, the class
summary and the gradebook. The window wires widgets to the ClassroomDesk and does no work itself; the class list's
actions and dialogs are in class_list_actions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFileDialog, QHeaderView, QLabel,
                               QMessageBox, QTabWidget, QTableView, QToolBar,
                               QVBoxLayout, QWidget)

from desktop_app import APP_NAME
from desktop_app.i18n import N_, _, ngettext, pgettext
from desktop_app.i18n.formats import format_datetime
from desktop_app.ui.class_list_actions import ClassListActions
from desktop_app.ui.class_view_panel import ClassViewPanel
from desktop_app.ui.classroom_exports import ClassroomExports
from desktop_app.ui.classroom_desk import ClassroomDesk
from desktop_app.ui.feedback_file_actions import FeedbackFileActions
from desktop_app.ui.library_signals import undo_redo_actions
from desktop_app.ui.look import fit_to_screen
from desktop_app.ui.review_panel import ReviewPanel
from desktop_app.ui.roster_model import SORT_ROLE, SUBMISSION_ID_ROLE, RosterModel, roster_hint

SUBMISSION_FILTER = N_("Lede hand-ins (*.ledesub)")


class ClassroomWindow(ClassroomExports):
    def __init__(self, main_desk, settings: QSettings, parent=None) -> None:
        super().__init__(parent)
        self.main_desk = main_desk
        self.settings = settings
        self.desk = ClassroomDesk(main_desk, self)
        self.batch = None  # the feedback batch being written, if any (application.printing.FeedbackBatch)
        self.last_feedback: list[Path] = []  # the sheets the last batch wrote
        self.last_problem: str | None = None
        self.last_notice: str | None = None
        self.setWindowTitle(_("Classroom — {app}").format(app=APP_NAME))
        self.setAcceptDrops(True)

        self.assignment_combo = QComboBox()
        self.assignment_combo.setObjectName("assignment_choice")
        self.assignment_combo.setMinimumContentsLength(30)
        self.assignment_combo.setAccessibleName(_("Assignment"))
        self.assignment_combo.activated.connect(self._on_assignment_chosen)

        self.roster_model = RosterModel(self)
        self.roster_proxy = QSortFilterProxyModel(self)
        self.roster_proxy.setSourceModel(self.roster_model)
        self.roster_proxy.setSortRole(SORT_ROLE)
        self.roster = QTableView()
        self.roster.setTabKeyNavigation(False)  # Tab leaves the roster; arrows move from student to student
        self.roster.setObjectName("roster")
        self.roster.setAccessibleName(_("Roster"))
        self.roster.setModel(self.roster_proxy)
        self.roster.setSortingEnabled(True)
        self.roster.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.roster.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.roster.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.roster.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.roster.verticalHeader().hide()
        self.roster.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.roster.horizontalHeader().setStretchLastSection(True)
        self.roster.doubleClicked.connect(self._open_review_at)
        self.roster.activated.connect(self._open_review_at)
        self.roster_hint = QLabel()
        self.roster_hint.setWordWrap(True)
        self.roster_hint.setTextFormat(Qt.TextFormat.PlainText)
        roster_page = QWidget()
        roster_layout = QVBoxLayout(roster_page)
        roster_layout.addWidget(self.roster_hint)
        roster_layout.addWidget(self.roster, 1)
        # What the per-category numbers mean, in the words every other count of Lede uses.
        from desktop_app.core.category_counts import LEGEND as COUNT_LEGEND

        self.count_legend = QLabel(_("Per category: {legend}").format(legend=_(COUNT_LEGEND)))
        self.count_legend.setObjectName("count_legend")
        self.count_legend.setWordWrap(True)
        self.count_legend.setTextFormat(Qt.TextFormat.PlainText)
        roster_layout.addWidget(self.count_legend)

        self.review = ReviewPanel(self.desk)
        self.review.nextRequested.connect(self._step_student)
        self.class_view = ClassViewPanel()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Roster, review and class view"))
        self.tabs.tabBar().setAccessibleName(_("Classroom views"))
        self.tabs.addTab(roster_page, _("Roster"))
        self.tabs.addTab(self.review, pgettext("classroom tab", "Review"))
        self.tabs.addTab(self.class_view, _("Class view"))
        self.tabs.currentChanged.connect(self._on_tab)
        self.setCentralWidget(self.tabs)

        self._build_actions()
        self.desk.workChanged.connect(self._on_work)
        self.desk.submissionChanged.connect(self.roster_model.update_submission)
        self.desk.assignmentsChanged.connect(self.refresh_assignments)
        self.desk.problem.connect(self.show_problem)
        self.desk.notice.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self._class_view_stale = True
        geometry = settings.value("classroom/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
            fit_to_screen(self, self.width(), self.height())
        else:
            fit_to_screen(self, 1280, 800)

    def _build_actions(self) -> None:
        bar = QToolBar(_("Classroom"))
        bar.setObjectName("classroom_toolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        bar.addWidget(QLabel(" " + _("Assignment:") + " "))  # spaces: room either side in the tool bar
        bar.addWidget(self.assignment_combo)
        bar.addSeparator()

        def add(text: str, slot, shortcut=None, tip: str = "") -> QAction:
            action = QAction(text, self)
            if shortcut is not None:
                action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
            action.setToolTip(tip or text)
            action.triggered.connect(slot)
            bar.addAction(action)
            self.addAction(action)
            return action

        self.import_action = add(_("Import hand-ins…"), self.import_with_dialog, QKeySequence.StandardKey.Open,
                                 _("Import students' .ledesub files (you can also drop files or a folder here)"))
        self.import_folder_action = add(_("Import a folder…"), self.import_folder)
        bar.addSeparator()
        self.class_lists = ClassListActions(self)
        self.class_lists.add_actions(add)
        bar.addSeparator()
        self.gradebook_action = add(_("Gradebook CSV…"), self.export_gradebook)
        self.feedback_action = add(_("Feedback PDFs…"), self.export_feedback)
        self.book_action = add(_("Feedback book…"), self.export_feedback_book,
                               tip=_("Every student's feedback sheet in one PDF, each starting on a new sheet of "
                                     "paper when printed on both sides"))
        self.feedback_files = FeedbackFileActions(self)
        self.feedback_files.add_actions(add)
        self.summary_action = add(_("Class summary PDF…"), self.export_class_summary)
        bar.addSeparator()
        # The library's one history: what the desk did can be undone here, and the reverse.
        self.undo_action, self.redo_action = undo_redo_actions(self)
        for action in (self.undo_action, self.redo_action):
            bar.addAction(action)
            self.addAction(action)
        self.main_desk.signals.bind(self.undo_action, self.redo_action, self)
        self.main_desk.library.history.add_flusher(self.review.flush)

    # --- assignments -------------------------------------------------------------------------------
    def refresh_assignments(self, prefer_article: int | None = None) -> None:
        summaries = self.desk.assignment_list()
        current = self.desk.work.assignment.id if self.desk.work else None
        self.assignment_combo.clear()
        for s in summaries:
            a = s.assignment
            self.assignment_combo.addItem(ngettext("{title} — {count} hand-in", "{title} — {count} hand-ins",
                                                   s.submissions).format(title=a.title, count=s.submissions), a.id)
        wanted = current
        if wanted is None and prefer_article is not None:
            wanted = next((s.assignment.id for s in summaries if s.assignment.article_id == prefer_article), None)
        if wanted is None and summaries:
            wanted = summaries[0].assignment.id
        index = self.assignment_combo.findData(wanted) if wanted is not None else -1
        self.assignment_combo.setCurrentIndex(index)
        if wanted != current or wanted is None:
            self.desk.open_assignment(wanted)
        else:
            self.desk.reload()

    def _on_assignment_chosen(self, _index: int) -> None:
        self.review.flush()
        self.desk.open_assignment(self.assignment_combo.currentData())

    def _on_work(self, work) -> None:
        selected = self.review.submission.id if self.review.submission else None
        self.roster_model.set_work(work)
        has = work is not None
        for action in (self.import_action, self.import_folder_action):
            action.setEnabled(has)
        has_subs = bool(work and work.submissions)
        for action in (self.feedback_action, self.book_action, self.summary_action):
            action.setEnabled(has_subs)
        # With a class list alone the gradebook lists every student, none handed in yet.
        self.gradebook_action.setEnabled(has_subs or bool(work and len(work.class_list)))
        self.class_lists.update(work)
        self.feedback_files.update(work)
        self.roster_hint.setText(roster_hint(work))
        self.review.show_submission(selected if (work and selected and work.submission(selected)) else None)
        self._class_view_stale = True
        if self.tabs.currentWidget() is self.class_view:
            self._refresh_class_view()

    def _on_tab(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.class_view and self._class_view_stale:
            self._refresh_class_view()

    def _refresh_class_view(self) -> None:
        work = self.desk.work
        if work is None:
            self.class_view.show_view(None, None, None)
        else:
            self.class_view.show_view(work.article, work.categories, work.view if work.submissions else None)
        self._class_view_stale = False

    # --- roster and review -------------------------------------------------------------------------
    def _open_review_at(self, proxy_index) -> None:
        sid = self.roster_proxy.data(proxy_index, SUBMISSION_ID_ROLE)
        if sid is not None:
            self.open_review(int(sid))

    def open_review(self, submission_id: int) -> None:
        self.review.show_submission(submission_id)
        self.tabs.setCurrentWidget(self.review)
        self._select_in_roster(submission_id)

    def _roster_order(self) -> list[int]:
        """The hand-ins in the roster's order as shown (students who have not handed in have none)."""
        ids = (self.roster_proxy.data(self.roster_proxy.index(r, 0), SUBMISSION_ID_ROLE)
               for r in range(self.roster_proxy.rowCount()))
        return [int(sid) for sid in ids if sid is not None]

    def _step_student(self, step: int) -> None:
        order = self._roster_order()
        if not order:
            return
        current = self.review.submission.id if self.review.submission else None
        i = order.index(current) if current in order else -1
        target = order[(i + step) % len(order)]
        self.open_review(target)

    def _select_in_roster(self, submission_id: int) -> None:
        row = self.roster_model.row_of(submission_id)
        if row is not None:
            self.roster.selectRow(self.roster_proxy.mapFromSource(self.roster_model.index(row, 0)).row())

    # --- taking hand-ins in ------------------------------------------------------------------------
    def import_with_dialog(self) -> None:
        start = str(self.settings.value("classroom/import_folder", str(Path.home())))
        paths, _chosen = QFileDialog.getOpenFileNames(self, _("Import hand-ins"), start, _(SUBMISSION_FILTER))
        if paths:
            self.settings.setValue("classroom/import_folder", str(Path(paths[0]).parent))
            self.import_paths([Path(p) for p in paths])

    def import_folder(self) -> None:
        start = str(self.settings.value("classroom/import_folder", str(Path.home())))
        folder = QFileDialog.getExistingDirectory(self, _("Import every hand-in in a folder"), start)
        if folder:
            self.settings.setValue("classroom/import_folder", folder)
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]):
        own = self.desk.assignment_for(paths)
        if own is not None and (self.desk.work is None or self.desk.work.assignment.id != own):
            self.review.flush()
            self.desk.open_assignment(own)
            self.assignment_combo.setCurrentIndex(self.assignment_combo.findData(own))
        if self.desk.work is None:
            self.show_problem(_("Choose an assignment first: hand-ins are imported into the assignment shown at the "
                                "top."))
            return None
        self.review.flush()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = self.desk.examine(paths)
        finally:
            QApplication.restoreOverrideCursor()
        result = self.desk.take_in(report, self.ask_keep_new)
        if result is not None:
            self.show_intake_result(result)
            # Names not exactly on the class list (exact ones were linked on the way in): asked about in one dialog.
            self.class_lists.ask_about({s.stored_id for s in result.added})
        return result

    def ask_keep_new(self, incoming) -> bool:
        """A second hand-in from a student already in: which one to keep."""
        old, new = incoming.existing, incoming.file

        def moment(at) -> str:
            return format_datetime(at.astimezone()) if at else _("at an unknown time")

        now = {"file": old.source_file or _("an earlier file"), "moment": moment(old.handed_in_at),
               "count": len(old.marks)}
        in_lede = (ngettext("In Lede now: {file}, handed in {moment}, {count} mark, reviewed.",
                            "In Lede now: {file}, handed in {moment}, {count} marks, reviewed.", len(old.marks))
                   if old.reviewed else ngettext("In Lede now: {file}, handed in {moment}, {count} mark.",
                                                 "In Lede now: {file}, handed in {moment}, {count} marks.",
                                                 len(old.marks))).format(**now)
        new_file = ngettext("New file: {file}, handed in {moment}, {count} mark.",
                            "New file: {file}, handed in {moment}, {count} marks.", len(new.marks)).format(
            file=incoming.path.name, moment=moment(new.handed_in_at), count=len(new.marks))
        paragraphs = (_("{name} has handed in before.").format(name=new.student_name), f"{in_lede}\n{new_file}",
                      _("Which one do you want to keep?"))
        box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, "\n\n".join(paragraphs), parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        keep_new = box.addButton(_("Keep the new file"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Keep the one in Lede"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is keep_new

    def show_intake_result(self, result) -> None:
        lines = []
        n = len(result.added)
        if result.added and result.replaced:
            lines.append(ngettext("Imported {count} hand-in ({replaced} replacing an earlier one).",
                                  "Imported {count} hand-ins ({replaced} replacing an earlier one).", n).format(
                count=n, replaced=result.replaced))
        elif result.added:
            lines.append(ngettext("Imported {count} hand-in.", "Imported {count} hand-ins.", n).format(count=n))
        lines.extend(result.carried)
        if result.kept:
            lines.append(ngettext("Kept the earlier hand-in for {count} student.",
                                  "Kept the earlier hand-in for {count} students.", result.kept).format(
                count=result.kept))
        if result.unchanged:
            lines.append(ngettext("{count} file was already imported.", "{count} files were already imported.",
                                  result.unchanged).format(count=result.unchanged))
        if result.refused:
            lines.append(_("Not imported:"))
            lines.extend(f"• {r.reason}" for r in result.refused)
        message = "\n".join(lines) or _("There were no .ledesub files to import.")
        self.last_notice = message
        if result.refused:
            self.show_problem(message)
        else:
            self.statusBar().showMessage(message, 10000)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        if paths:
            self.import_paths(paths)

    # --- messages and closing ----------------------------------------------------------------------
    def show_problem(self, message: str) -> None:
        self.last_problem = message
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def closeEvent(self, event) -> None:
        if self.batch is not None:
            answer = QMessageBox.question(self, APP_NAME, _("Feedback PDFs are still being written. Stop after the "
                                                            "sheet being written now? The sheets already saved stay."))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.batch.cancelled.set()
        self.review.flush()
        self.desk.attempts.flush()
        self.settings.setValue("classroom/geometry", self.saveGeometry())
        super().closeEvent(event)

