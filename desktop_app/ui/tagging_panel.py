"""The tagging panel: category buttons, the selected mark's editor, and the grouped mark list.

It calls the desk for every change and redraws from the desk's signals; it keeps no data of its own
beyond what is on screen. Notes are saved as the student types (debounced), with no Save button.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QPushButton, QSizePolicy, QStackedWidget,
                               QTableView, QToolButton, QVBoxLayout, QWidget)

from desktop_app.core.categories import Category, CategorySet
from desktop_app.core.marks import KEY_LAYER, Mark
from desktop_app.i18n import N_, _, pgettext
from desktop_app.i18n.formats import format_number
from desktop_app.ui.desk import Desk
from desktop_app.ui.look import elide, muted_style, plain_to_html, relative_font
from desktop_app.ui.mark_feedback import MarkFeedbackLabel
from desktop_app.ui.mark_list_model import MarkListModel, category_badge
from desktop_app.ui.note_fields import NOTE_MAX_CHARS, ExtraEdit, LazyCombo, NoteEdit

NOTE_SAVE_DELAY_MS = 400
MIN_LIST_ROWS = 8  # the marks a student sees at once, even with a mark selected on a 1366x768 screen
KEYS_HINT = N_("Select words, then press the category's number. Ctrl+E: the note · Esc: back to the article · "
               "Ctrl+Shift+Space: the whole sentence · Alt: select exactly")


class TaggingPanel(QWidget):
    categoryChosen = Signal(str)  # the window applies it to the article selection or the selected mark
    useSelectionRequested = Signal()
    nudgeRequested = Signal(str, int)  # edge, direction
    returnToArticle = Signal()
    markPicked = Signal(int)  # chosen in the list: the window scrolls the article to it

    def __init__(self, desk: Desk, parent=None) -> None:
        super().__init__(parent)
        self.desk = desk
        self._mark_id: int | None = None
        self._feedback = None  # the AssignmentDesk whose teacher's feedback is shown on the marks (follow_feedback)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self.flush_note)
        self._note_pending = False  # typed but not yet saved
        self._extra_pending: tuple[int, str] | None = None  # (mark id, field key) of an unsaved extra answer

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._build_buttons())
        layout.addWidget(self._build_editor())
        self.list_model = MarkListModel(desk.categories, desk.marks, self)
        # A one-column table, not a QListView: on every inserted row a QListView re-lays out all rows,
        # asking the Python model about each (20 ms with 5,000 marks); a table with fixed row heights
        # asks only about the rows on screen.
        self.mark_list = QTableView()
        self.mark_list.setTabKeyNavigation(False)  # Tab leaves the list (arrows move in it), as in any list
        self.mark_list.setModel(self.list_model)
        self.mark_list.horizontalHeader().hide()
        self.mark_list.horizontalHeader().setStretchLastSection(True)
        self.mark_list.verticalHeader().hide()
        self.mark_list.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.mark_list.setShowGrid(False)
        self.mark_list.setWordWrap(False)
        self.mark_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.mark_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.mark_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mark_list.setAccessibleName(_("Your marks"))
        self.mark_list.clicked.connect(self._on_list_clicked)
        self.mark_list.activated.connect(self._on_list_clicked)
        self.marks_label = QLabel(_("Your marks"))
        self.marks_label.setStyleSheet("font-weight: bold")
        layout.addWidget(self.marks_label)
        layout.addWidget(self.mark_list, 1)

        self._fit_to_text_size()
        desk.markSelected.connect(self._on_mark_selected)
        desk.marks.subscribe(self._on_marks_changed)
        desk.categoriesChanged.connect(self.set_categories)
        desk.layerChanged.connect(self._on_layer_changed)
        self._show_mark(None)

    def _fit_to_text_size(self) -> None:
        """Heights in lines of the current text (View ▸ Bigger text changes it): a note box of three to five lines,
        and room for at least MIN_LIST_ROWS marks in the list, so a student sees their work at 1366x768."""
        line = self.fontMetrics().lineSpacing()
        self.note_edit.setMinimumHeight(3 * line + 12)
        self.note_edit.setMaximumHeight(5 * line + 12)
        row = self.fontMetrics().height() + 6
        self.mark_list.verticalHeader().setDefaultSectionSize(row)
        self.mark_list.setMinimumHeight(MIN_LIST_ROWS * row + 2 * self.mark_list.frameWidth())

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FontChange and hasattr(self, "mark_list"):
            self._fit_to_text_size()
        super().changeEvent(event)

    def set_categories(self, categories: CategorySet) -> None:
        """Another set of categories is in play (an assignment's): rebuild the buttons and the list."""
        self.flush_pending()
        self._fill_buttons(categories)
        with QSignalBlocker(self.category_combo):
            self.category_combo.clear()
            for category in categories:
                self.category_combo.addItem(category_badge(category), category.name, category.key)
        self.list_model.set_categories(categories)
        self._show_mark(self._mark_id if self._mark_id in self.desk.marks else None)

    def _on_layer_changed(self, layer: str) -> None:
        key = layer == KEY_LAYER
        self.marks_label.setText(_("Answer key marks") if key else _("Your marks"))
        self.mark_list.setAccessibleName(self.marks_label.text())
        self.editor.setTitle(_("Selected key mark") if key else _("Selected mark"))
        self._show_mark(self._mark_id if self._mark_id in self.desk.marks else None)

    # --- building ----------------------------------------------------------------------------------
    def _build_buttons(self) -> QWidget:
        self.buttons_box = QGroupBox(_("Mark the selected passage as…"))
        box = QVBoxLayout(self.buttons_box)
        self._button_grid = QGridLayout()
        box.addLayout(self._button_grid)
        # The keys, where a student looks while marking (they were in a help box no one opens).
        self.keys_hint = QLabel(_(KEYS_HINT))
        self.keys_hint.setObjectName("keys_hint")
        self.keys_hint.setWordWrap(True)
        self.keys_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.keys_hint.setStyleSheet(muted_style())
        relative_font(self.keys_hint, 0.9)
        box.addWidget(self.keys_hint)
        self.category_buttons: dict[str, QPushButton] = {}
        self._fill_buttons(self.desk.categories)
        return self.buttons_box

    def _fill_buttons(self, categories: CategorySet) -> None:
        grid = self._button_grid
        for button in self.category_buttons.values():
            grid.removeWidget(button)
            button.deleteLater()
        self.category_buttons = {}
        for i, category in enumerate(categories):
            button = QPushButton(f"{category.shortcut}  {category.name}")
            button.setIcon(category_badge(category))
            shortcut = _("Shortcut: {key}").format(key=plain_to_html(category.shortcut))
            button.setToolTip(f"<p>{plain_to_html(category.question)}<br>{shortcut}</p>")
            # Reached by Tab (and Space applies it), never taken by a click: the article keeps its selection.
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _=False, key=category.key: self.categoryChosen.emit(key))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            grid.addWidget(button, i // 2, i % 2)
            self.category_buttons[category.key] = button

    def _build_editor(self) -> QWidget:
        self.editor = QGroupBox(_("Selected mark"))
        form = QFormLayout(self.editor)
        self.quote_label = QLabel()
        self.quote_label.setTextFormat(Qt.TextFormat.PlainText)  # a quote is data, never markup
        self.quote_label.setWordWrap(True)
        form.addRow(self.quote_label)

        self.category_combo = QComboBox()
        self.category_combo.setAccessibleName(_("Category of the selected mark"))
        for category in self.desk.categories:
            self.category_combo.addItem(category_badge(category), category.name, category.key)
        self.category_combo.activated.connect(self._on_category_combo)
        form.addRow(_("Category"), self.category_combo)

        self.question_label = QLabel()
        self.question_label.setTextFormat(Qt.TextFormat.PlainText)
        self.question_label.setWordWrap(True)
        self.question_label.setStyleSheet(f"{muted_style()}; font-style: italic")
        form.addRow(self.question_label)
        self.note_edit = NoteEdit()
        self.note_edit.setAccessibleName(_("Note"))
        self.note_edit.textChanged.connect(self._on_note_typed)
        self.note_edit.flushRequested.connect(self.flush_note)
        self.note_edit.leaveRequested.connect(self.returnToArticle)
        self.note_edit.pasteRefused.connect(self._on_paste_refused)
        form.addRow(_("Note"), self.note_edit)
        # The teacher's comment on this mark and the rating of its note, once the student opened their feedback.
        self.teacher_feedback = MarkFeedbackLabel()
        form.addRow(self.teacher_feedback)

        self.bonus_check = QCheckBox(_("Bonus: worth finding, not expected of everyone"))
        self.bonus_check.setToolTip(_("A required key mark counts towards the score; a bonus one can make up for "
                                      "a missed required one."))
        self.bonus_check.toggled.connect(self._on_bonus_toggled)
        form.addRow(self.bonus_check)

        self.extra_label = QLabel()
        self.extra_stack = QStackedWidget()
        self.extra_choice = QComboBox()
        self.extra_choice.setAccessibleName(_("The category's extra answer"))
        self.extra_choice.activated.connect(lambda _i: self._save_extra(self.extra_choice.currentData() or ""))
        self.extra_text = ExtraEdit()
        self.extra_text.setMaxLength(300)
        self.extra_text.textEdited.connect(self._on_extra_typed)
        self.extra_text.editingFinished.connect(self.flush_extra)
        self.extra_text.flushRequested.connect(self.flush_extra)
        self.extra_source = LazyCombo()
        self.extra_source.aboutToShowPopup.connect(lambda: self._refresh_source_choices(full=True))
        self.extra_source.activated.connect(lambda _i: self._save_extra(self.extra_source.currentData() or ""))
        self.extra_none = QWidget()
        for w in (self.extra_none, self.extra_choice, self.extra_text, self.extra_source):
            self.extra_stack.addWidget(w)
        form.addRow(self.extra_label, self.extra_stack)

        span_row = QHBoxLayout()
        for text, edge, direction, tip in (("◀", "start", -1, _("Start one word earlier")),
                                           ("▶", "start", 1, _("Start one word later")),
                                           ("◀", "end", -1, _("End one word earlier")),
                                           ("▶", "end", 1, _("End one word later"))):
            if edge == "end" and direction == -1:
                span_row.addSpacing(12)
                span_row.addWidget(QLabel(pgettext("the end of a marked passage", "end")))
            if edge == "start" and direction == -1:
                span_row.addWidget(QLabel(pgettext("the start of a marked passage", "start")))
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            b.setAccessibleName(tip)
            b.clicked.connect(lambda _=False, e=edge, d=direction: self.nudgeRequested.emit(e, d))
            span_row.addWidget(b)
        span_row.addStretch(1)
        form.addRow(_("Passage"), span_row)
        self.use_selection_button = QPushButton(_("Move to the selected passage"))
        self.use_selection_button.setToolTip(_("Move this mark to the passage selected in the article"))
        self.use_selection_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.use_selection_button.clicked.connect(self.useSelectionRequested)
        actions_row = QHBoxLayout()  # side by side: one row less, for the list of marks below
        actions_row.addWidget(self.use_selection_button, 1)

        self.delete_button = QPushButton(_("Delete mark"))
        self.delete_button.setToolTip(_("Delete this mark (Del). Ctrl+Z brings it back."))
        self.delete_button.clicked.connect(self._delete)
        actions_row.addWidget(self.delete_button)
        form.addRow(actions_row)
        return self.editor

    # --- following the desk ------------------------------------------------------------------------
    def _on_mark_selected(self, mark_id: int | None) -> None:
        if mark_id != self._mark_id:
            self.flush_pending()
        self._show_mark(mark_id)
        index = self.list_model.index_of_mark(mark_id) if mark_id is not None else None
        if index is not None and index.isValid():
            self.mark_list.setCurrentIndex(index)
            self.mark_list.scrollTo(index)
        else:
            self.mark_list.clearSelection()

    def _on_marks_changed(self, event: str, mark: Mark | None, old: Mark | None) -> None:
        if event == "reset" or (mark is not None and mark.id == self._mark_id):
            # A note being typed is not overwritten by the echo of its own save.
            self._show_mark(self._mark_id if self._mark_id in self.desk.marks else None, keep_note=True)

    def follow_feedback(self, assignments) -> None:
        """Shows, under the selected mark's note, the teacher's feedback ``assignments`` (the window's
        AssignmentDesk) holds on it."""
        self._feedback = assignments
        assignments.changed.connect(lambda: self._show_feedback(self._mark_id))

    def _show_feedback(self, mark_id: int | None) -> None:
        own = self._feedback is not None and mark_id is not None and self.desk.layer != KEY_LAYER
        self.teacher_feedback.show_for(self._feedback.placed_feedback() if own else None, mark_id)

    def _show_mark(self, mark_id: int | None, keep_note: bool = False) -> None:
        mark = self.desk.marks.get(mark_id) if mark_id is not None else None
        self._mark_id = mark.id if mark else None
        self._enable_editing(mark is not None)
        self._show_feedback(self._mark_id)
        if mark is None:
            self.quote_label.setText(_("Select a passage in the article, then click a category or press its "
                                       "number key. Click a highlight to edit its mark."))
            self.question_label.setText("")
            with QSignalBlocker(self.note_edit):
                self.note_edit.setPlainText("")
            self.note_edit.setPlaceholderText("")
            self.extra_label.setText("")
            self.extra_stack.setCurrentWidget(self.extra_none)
            self.bonus_check.setVisible(False)
            return
        category = self.desk.categories.get(mark.category)
        key_layer = self.desk.layer == KEY_LAYER
        self.bonus_check.setVisible(key_layer)
        with QSignalBlocker(self.bonus_check):
            self.bonus_check.setChecked(mark.bonus)
        self.quote_label.setText(f"“{elide(mark.quote, 220)}”")
        with QSignalBlocker(self.category_combo):
            self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(mark.category)))
        self.question_label.setText(category.question if category else "")
        self.note_edit.setPlaceholderText(
            _("Feedback a student sees when they miss this, e.g. “Anonymous source: why might they not be named?”")
            if key_layer else (category.question if category else _("Your note")))
        if not (keep_note and self._note_pending) and self.note_edit.toPlainText() != mark.note:
            with QSignalBlocker(self.note_edit):
                self.note_edit.setPlainText(mark.note)
        self._show_extra(category, mark)

    def _enable_editing(self, enabled: bool) -> None:
        # The quote label stays enabled: with no mark selected it carries the how-to, which must be legible.
        if getattr(self, "_editing_enabled", None) == enabled:
            return
        self._editing_enabled = enabled
        for widget in self.editor.findChildren(QWidget):
            if widget is not self.quote_label:
                widget.setEnabled(enabled)

    def _show_extra(self, category: Category | None, mark: Mark) -> None:
        field = category.extra if category else None
        if field is None:
            self.extra_label.setText("")
            self.extra_stack.setCurrentWidget(self.extra_none)
            return
        self.extra_label.setText(field.label)
        for widget in (self.extra_choice, self.extra_text, self.extra_source):
            widget.setAccessibleName(field.label)  # "Kind of source", "Attributed to": what a screen reader says
        value = mark.extra.get(field.key, "")
        if field.kind == "choice":
            with QSignalBlocker(self.extra_choice):
                self.extra_choice.clear()
                self.extra_choice.addItem("—", "")
                for stored, label in field.choices:
                    self.extra_choice.addItem(label, stored)
                self.extra_choice.setCurrentIndex(max(0, self.extra_choice.findData(value)))
            self.extra_stack.setCurrentWidget(self.extra_choice)
        elif field.kind == "text":
            if self._extra_pending is None or self._extra_pending[0] != mark.id:
                self.extra_text.setText(value)
            self.extra_text.setPlaceholderText(field.label)
            self.extra_stack.setCurrentWidget(self.extra_text)
        else:
            self._refresh_source_choices(value)
            self.extra_stack.setCurrentWidget(self.extra_source)

    def _refresh_source_choices(self, value: str | None = None, full: bool = False) -> None:
        """The 'attributed to' choices: only the current one until the list is opened (``full``)."""
        mark = self.desk.marks.get(self._mark_id) if self._mark_id is not None else None
        category = self.desk.categories.get(mark.category) if mark else None
        if mark is None or category is None or category.extra is None or category.extra.kind != "source_ref":
            return
        if value is None:
            value = mark.extra.get(category.extra.key, "")
        with QSignalBlocker(self.extra_source):
            self.extra_source.clear()
            source_category = self.desk.categories.get("source")
            source_name = source_category.name if source_category else pgettext("category", "Source")
            self.extra_source.addItem(_("— choose one of your {category} marks —").format(category=source_name), "")
            sources = self.desk.marks.of_category("source") if full else []
            for source in sources:
                self.extra_source.addItem(f"“{elide(source.quote, 50)}”", str(source.id))
            index = self.extra_source.findData(value)
            if index < 0 and value:
                source = self.desk.marks.get(int(value)) if value.isdigit() else None
                label = f"“{elide(source.quote, 50)}”" if source else _("(a source mark that was deleted)")
                self.extra_source.addItem(label, value)
                index = self.extra_source.count() - 1
            self.extra_source.setCurrentIndex(max(0, index))

    # --- user edits --------------------------------------------------------------------------------
    def _on_note_typed(self) -> None:
        if self._mark_id is not None:
            self._note_pending = True
            self._note_timer.start()

    def _on_extra_typed(self, _text: str) -> None:
        mark = self.desk.marks.get(self._mark_id) if self._mark_id is not None else None
        category = self.desk.categories.get(mark.category) if mark else None
        if category is not None and category.extra is not None:
            self._extra_pending = (mark.id, category.extra.key)

    def flush_extra(self) -> None:
        """Saves a typed extra answer to the mark it was typed for, even if another mark is now selected."""
        if self._extra_pending is None:
            return
        mark_id, key = self._extra_pending
        self._extra_pending = None
        mark = self.desk.marks.get(mark_id)
        value = self.extra_text.text().strip()
        if mark is not None and mark.extra.get(key, "") != value:
            self.desk.set_extra(mark_id, key, value)

    def flush_pending(self) -> None:
        """Saves whatever is typed but not yet saved (note and extra answer): before undo, a switch of
        mark or article, an import, or closing."""
        self.flush_note()
        self.flush_extra()

    def _on_paste_refused(self, length: int) -> None:
        self.desk.report_error(_("That paste would make the note {length} characters long; a note can hold "
                                 "{limit}. Paste a shorter part, or say in your own words what it shows.").format(
                                     length=format_number(length), limit=format_number(NOTE_MAX_CHARS)))

    def flush_note(self) -> None:
        """Saves a note still waiting for its debounce (before undo, a switch of mark, or closing)."""
        self._note_timer.stop()
        if not self._note_pending:
            return
        self._note_pending = False
        if self._mark_id is not None:
            self.desk.set_note(self._mark_id, self.note_edit.toPlainText())

    def _on_category_combo(self, _index: int) -> None:
        key = self.category_combo.currentData()
        if self._mark_id is not None and key:
            self.desk.set_category(self._mark_id, key)

    def _save_extra(self, value: str) -> None:
        mark = self.desk.marks.get(self._mark_id) if self._mark_id is not None else None
        category = self.desk.categories.get(mark.category) if mark else None
        if (mark is not None and category is not None and category.extra is not None
                and mark.extra.get(category.extra.key, "") != value):
            self.desk.set_extra(mark.id, category.extra.key, value)

    def _on_bonus_toggled(self, checked: bool) -> None:
        if self._mark_id is not None:
            self.flush_pending()
            self.desk.set_bonus(self._mark_id, checked)

    def _delete(self) -> None:
        if self._mark_id is not None:
            self.desk.delete_mark(self._mark_id)

    def _on_list_clicked(self, index) -> None:
        mark_id = self.list_model.mark_id(index)
        if mark_id is not None:
            self.desk.select_mark(mark_id)
            self.markPicked.emit(mark_id)

    def focus_note(self) -> None:
        self.note_edit.setFocus(Qt.FocusReason.OtherFocusReason)
