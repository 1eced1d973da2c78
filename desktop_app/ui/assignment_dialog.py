"""Make or edit an assignment: title, instructions, due date, the categories in play and how many to find.

The dialog only collects choices and builds a core ``Assignment``; whoever opens it stores the result (uid,
seal and article are the caller's business). Every field starts filled in, so a teacher who accepts the
defaults has a sensible assignment in a few seconds. Names and questions typed by teachers are data: they are
shown as plain text everywhere, never as markup. The "Add your own category" dialog and the colour and line
samples live in own_category_dialog.py.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QLocale, QSettings, Qt, QTime
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QFrame, QScrollArea, QSpinBox, QToolButton, QVBoxLayout, QWidget)

from desktop_app.core.assignments import (MAX_CUSTOM_CATEGORIES, MAX_INSTRUCTIONS, MAX_TITLE, RELEASE_AFTER_DUE,
                                          RELEASE_NEVER, RELEASE_NOW, TEACHER, Assignment, AssignmentError,
                                          custom_category, validate)
from desktop_app.core.categories import Category, CategorySet
from desktop_app.i18n import N_, _, language, ngettext, pgettext
from desktop_app.i18n.formats import format_number
from desktop_app.ui.look import elide, fit_to_screen, muted_style, plain_to_html
from desktop_app.ui.mark_list_model import category_badge
from desktop_app.ui.own_category_dialog import (OwnCategoryDialog, cue_icon, cue_name, error_label, error_style,
                                                plain_label, show_error)

# Marked here, translated when a new assignment is made (the teacher's language then; stored as typed after).
DEFAULT_INSTRUCTIONS = N_("Mark every source, loaded word, claim and opposing view you find. "
                          "For each mark, answer the question in the note.")
DEFAULT_POINTS = 10.0


def next_school_morning(now: datetime | None = None) -> datetime:
    """08:00 local time on the next weekday: when the class most likely meets again."""
    day = (now or datetime.now()).astimezone().date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(8, 0)).astimezone()


def _to_qdatetime(moment: datetime) -> QDateTime:
    local = moment.astimezone()  # a naive value is taken as local time already
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def _from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()).astimezone()


class _CategoryRow(QWidget):
    """One category: tick to put it in play, its badge, line and name, and how many to find at least."""

    def __init__(self, category: Category, own: bool, checked: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.category = category
        self.own = own
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        # QCheckBox text is never rich text; "&&" keeps an ampersand in a name from becoming a shortcut.
        self.check = QCheckBox(category.name.replace("&", "&&"), self)
        self.check.setObjectName(f"category_{category.key}")
        self.check.setAccessibleName(_("Use the category {name}").format(name=category.name))
        self.check.setIcon(category_badge(category, 20))
        self.check.setChecked(checked)
        tip = f"<p>{plain_to_html(category.question)}</p>"
        self.check.setToolTip(tip)
        row.addWidget(self.check)
        row.addStretch(1)
        cue = QLabel(self)
        cue.setPixmap(cue_icon(category.cue, category.colour).pixmap(36, 16))
        cue.setToolTip(cue_name(category.cue))
        cue.setAccessibleName(_("Line: {line}").format(line=cue_name(category.cue)))
        row.addWidget(cue)
        row.addSpacing(8)
        self.minimum = QSpinBox(self)
        self.minimum.setObjectName(f"minimum_{category.key}")
        self.minimum.setAccessibleName(_("Find at least this many {name} marks").format(name=category.name))
        self.minimum.setRange(0, 99)
        self.minimum.setSpecialValueText("—")
        self.minimum.setToolTip(_("How many marks of this category each student must find; — for no minimum"))
        self.minimum.setFixedWidth(70)
        self.minimum.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.minimum.setEnabled(checked)
        row.addWidget(self.minimum)
        self.remove = QToolButton(self)
        self.remove.setText(_("Remove"))
        self.remove.setFixedWidth(72)
        if own:
            self.remove.setObjectName(f"remove_{category.key}")
            self.remove.setAccessibleName(_("Remove the category {name}").format(name=category.name))
        else:
            self.remove.setEnabled(False)
            self.remove.setVisible(False)
            policy = self.remove.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # keeps the counts of every row in one column
            self.remove.setSizePolicy(policy)
        row.addWidget(self.remove)
        self.check.toggled.connect(self.minimum.setEnabled)


class AssignmentDialog(QDialog):
    def __init__(self, standard: CategorySet, parent: QWidget | None = None, *, article_title: str,
                 existing: Assignment | None = None, default_due: datetime | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Edit assignment") if existing else _("New assignment"))
        self.setMinimumWidth(560)
        self.existing = existing
        self.settings = settings
        self._built: Assignment | None = None
        # Made first: ticking a category row below updates the OK button.
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                        QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Save assignment") if existing else _("Create assignment"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Everything but the buttons scrolls: on a short screen (1366x768 at 200 % leaves 384 points) the dialog
        # is squeezed to the screen and Create stays in reach. The error line stays beside the buttons.
        outer = QVBoxLayout(self)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        if article_title:
            heading = plain_label(_("Students read “{title}”.").format(title=elide(article_title, 80)), self)
            heading.setWordWrap(True)
            layout.addWidget(heading)

        form = QFormLayout()
        self.title = QLineEdit(existing.title if existing else article_title.strip()[:MAX_TITLE], self)
        self.title.setObjectName("title")
        self.title.setAccessibleName(_("Assignment title"))
        self.title.setMaxLength(MAX_TITLE)
        self.title.setToolTip(_("Students see it on their screen and in their file's name"))
        form.addRow(_("&Title:"), self.title)

        self.instructions = QPlainTextEdit(self)
        self.instructions.setObjectName("instructions")
        self.instructions.setAccessibleName(_("Instructions for students"))
        self.instructions.setTabChangesFocus(True)
        self.instructions.setPlainText(existing.instructions if existing else _(DEFAULT_INSTRUCTIONS))
        self.instructions.setFixedHeight(self.instructions.fontMetrics().lineSpacing() * 4 + 14)
        self.instructions.setToolTip(ngettext("Up to {count} character", "Up to {count} characters",
                                              MAX_INSTRUCTIONS).format(count=format_number(MAX_INSTRUCTIONS)))
        form.addRow(_("&Instructions:"), self.instructions)

        self.due = QDateTimeEdit(self)
        self.due.setObjectName("due")
        self.due.setAccessibleName(_("Due date and time"))
        self.due.setCalendarPopup(True)
        _speak_lede_language(self.due)
        self.due.setDisplayFormat(f"ddd d MMM yyyy, {self.due.locale().timeFormat(QLocale.FormatType.ShortFormat)}")
        self.no_due = QCheckBox(_("&No due date"), self)
        self.no_due.setObjectName("no_due")
        self.no_due.setAccessibleName(_("No due date"))
        if existing is not None:
            initial_due, no_due = existing.due_at, existing.due_at is None
        else:
            initial_due = default_due
            no_due = default_due is None and settings is not None and \
                settings.value("assignment/no_due_date", "false") in ("true", True)
        self._initial_due = _to_qdatetime(initial_due or default_due or next_school_morning())
        self.due.setDateTime(self._initial_due)
        self.no_due.toggled.connect(lambda on: self.due.setEnabled(not on))
        self.no_due.setChecked(no_due)
        self.due.setEnabled(not no_due)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due)
        due_row.addSpacing(12)
        due_row.addWidget(self.no_due)
        due_row.addStretch(1)
        due_label = QLabel(_("&Due:"), self)
        due_label.setBuddy(self.due)  # a row holding a layout gets no buddy of its own, so no Alt+D
        form.addRow(due_label, due_row)

        self.total_points = QDoubleSpinBox(self)
        self.total_points.setObjectName("total_points")
        self.total_points.setAccessibleName(_("Total points"))
        self.total_points.setRange(1, 1000)
        self.total_points.setDecimals(1)
        self.total_points.setSingleStep(1)
        points = existing.total_points if existing else _remembered_points(settings)
        self.total_points.setValue(points)
        self.total_points.setToolTip(_("The score a student with every key mark found gets"))
        self.total_points.setMaximumWidth(120)
        form.addRow(_("Total &points:"), self.total_points)
        # The reasoning counts (core.reasoning): how much of the points the notes' reasoning weighs.
        self.reasoning = QSpinBox(self)
        self.reasoning.setObjectName("reasoning_weight")
        self.reasoning.setAccessibleName(_("Reasoning weighs, in percent of the points"))
        self.reasoning.setRange(0, 100)
        self.reasoning.setSingleStep(10)
        # Translators: the suffix after the number in a percentage box (its space, if your language puts one).
        self.reasoning.setSuffix(_(" %"))
        self.reasoning.setValue(round((existing.reasoning_weight if existing else 0.0) * 100))
        self.reasoning.setToolTip(_("How much of the points the reasoning in the notes earns, as you rate each "
                                    "note 0 (missing or wrong), 1 (partly) or 2 (sound) in the review. 0 %: finding "
                                    "the key passages is all that counts."))
        self.reasoning.setMaximumWidth(120)
        form.addRow(_("&Reasoning weighs:"), self.reasoning)
        # A short check box and its consequence on a line that wraps: a check box never wraps, and the Spanish
        # sentence ran off a dialog squeezed to a 200 % screen.
        self.require_notes = QCheckBox(_("Every mark needs a note"), self)
        self.require_notes.setObjectName("require_notes")
        self.require_notes.setChecked(bool(existing and existing.require_notes))
        consequence = _("Handing in warns about marks without one.")
        self.require_notes.setAccessibleDescription(consequence)
        explained = QLabel(consequence, self)
        explained.setWordWrap(True)
        explained.setStyleSheet(muted_style())
        form.addRow("", self.require_notes)
        form.addRow("", explained)
        self.release = QComboBox(self)
        self.release.setObjectName("release_key")
        self.release.setAccessibleName(_("When feedback shows the key"))
        for value, text in ((RELEASE_NEVER, _("Not yet (the key stays yours)")),
                            (RELEASE_AFTER_DUE, _("After the due date")),
                            # Translators: the feedback shows the key's passages from now on.
                            (RELEASE_NOW, pgettext("show the key", "Now"))):
            self.release.addItem(text, value)
        self.release.setCurrentIndex(max(0, self.release.findData(existing.release_key if existing
                                                                   else RELEASE_NEVER)))
        self.release.setToolTip(_("When a student's feedback (file and PDF) may show the key passages they "
                                  "missed, with the key's notes. Until then it says only how many they missed."))
        form.addRow(_("Feedback shows the &key:"), self.release)
        layout.addLayout(form)

        group = QGroupBox(_("Categories in play"), self)
        self._rows_layout = QVBoxLayout(group)
        header = QHBoxLayout()
        header.addWidget(QLabel(_("Students look for"), group), 1)
        line = QLabel(pgettext("column heading: the line drawn under a category's marks", "Line"), group)
        line.setFixedWidth(36 + 8)  # the cue sample and the gap after it, so the headings sit over their column
        header.addWidget(line)
        at_least = QLabel(_("At least"), group)
        at_least.setFixedWidth(70)
        header.addWidget(at_least)
        header.addSpacing(72 + header.spacing())
        self._rows_layout.addLayout(header)
        self._rows: list[_CategoryRow] = []
        in_play = {c.key: c for c in existing.categories} if existing else None
        for category in standard:
            self._add_row(in_play.get(category.key, category) if in_play else category, own=False,
                          checked=in_play is None or category.key in in_play)
        for category in (existing.categories if existing else ()):
            if category.key not in standard:
                self._add_row(category, own=True)
        if existing:
            for row in self._rows:
                row.minimum.setValue(max(0, min(99, existing.minimum(row.category.key))))
        add_line = QHBoxLayout()
        self.add_button = QPushButton(_("&Add your own category…"), group)
        self.add_button.setObjectName("add_category")
        self.add_button.setAccessibleName(_("Add your own category"))
        self.add_button.clicked.connect(self.ask_own_category)
        add_line.addWidget(self.add_button)
        add_line.addStretch(1)
        self._rows_layout.addLayout(add_line)
        self.category_hint = plain_label(_("Tick at least one category for the students to look for."), group)
        self.category_hint.setObjectName("category_hint")
        self.category_hint.setStyleSheet(error_style(self.category_hint))
        self._rows_layout.addWidget(self.category_hint)
        layout.addWidget(group)
        layout.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll, 1)
        self.error = error_label("error", self)
        outer.addWidget(self.error)
        outer.addWidget(self.buttons)
        self._update()
        # As tall as the content wants (a scroll area alone asks for less), as far as the screen allows.
        margins = outer.contentsMargins()
        wanted = body.sizeHint()
        fit_to_screen(self, max(self.minimumWidth(), wanted.width() + scroll.verticalScrollBar().sizeHint().width()
                                + margins.left() + margins.right()),
                      wanted.height() + self.buttons.sizeHint().height() + outer.spacing() * 2
                      + margins.top() + margins.bottom())
        self.title.setFocus()
        self.title.selectAll()

    # --- the category rows ------------------------------------------------------------------------------
    def _add_row(self, category: Category, own: bool, checked: bool = True) -> _CategoryRow:
        row = _CategoryRow(category, own, checked, self)
        row.check.toggled.connect(lambda _on: self._update())
        row.remove.clicked.connect(lambda: self._remove_row(row))
        # Own categories go after the standard ones and before the "Add" line (the last two items).
        at = 1 + len(self._rows)
        self._rows_layout.insertWidget(at, row)
        self._rows.append(row)
        return row

    def _remove_row(self, row: _CategoryRow) -> None:
        self._rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.deleteLater()
        self._update()

    def rows(self) -> list[tuple[Category, bool, int]]:
        """(category, in play, at least) for each row, in the order shown."""
        return [(r.category, r.check.isChecked(), r.minimum.value()) for r in self._rows]

    def add_category(self, name: str, colour: str, cue: str, question: str) -> Category:
        """Adds a teacher's own category as a ticked row; raises AssignmentError with a message to show."""
        category = custom_category(name, colour, cue, question, [r.category for r in self._rows])
        self._add_row(category, own=True)
        self._update()
        return category

    def ask_own_category(self) -> Category | None:
        dialog = OwnCategoryDialog([r.category for r in self._rows], self)
        category = dialog.category() if dialog.exec() == QDialog.DialogCode.Accepted else None
        if category is None:
            return None
        self._add_row(category, own=True)
        self._update()
        return category

    def _update(self) -> None:
        any_checked = any(r.check.isChecked() for r in self._rows)
        self.ok_button.setEnabled(any_checked)
        self.category_hint.setVisible(not any_checked)
        own = sum(1 for r in self._rows if r.own)
        full = own >= MAX_CUSTOM_CATEGORIES
        self.add_button.setEnabled(not full)
        self.add_button.setToolTip(
            ngettext("An assignment can have at most {count} category of your own.",
                     "An assignment can have at most {count} categories of your own.",
                     MAX_CUSTOM_CATEGORIES).format(count=MAX_CUSTOM_CATEGORIES) if full
            else _("A category for this assignment only, e.g. Statistic"))

    # --- the result ---------------------------------------------------------------------------------------
    def due_at(self) -> datetime | None:
        if self.no_due.isChecked():
            return None
        if self.existing is not None and self.existing.due_at is not None \
                and self.due.dateTime() == self._initial_due:
            return self.existing.due_at  # untouched: keep it exactly, time zone and seconds included
        return _from_qdatetime(self.due.dateTime())

    def _build(self) -> Assignment:
        in_play = [(c, n) for c, on, n in self.rows() if on]
        fields: dict[str, Any] = {
            "title": self.title.text().strip(), "instructions": self.instructions.toPlainText().strip(),
            "due_at": self.due_at(), "categories": tuple(c for c, _ in in_play),
            "minimums": {c.key: n for c, n in in_play if n > 0},
            "total_points": float(self.total_points.value()), "reasoning_weight": self.reasoning.value() / 100,
            "require_notes": self.require_notes.isChecked(), "release_key": self.release.currentData()}
        if self.existing is not None:
            return self.existing.with_changes(**fields)
        return Assignment(uid="", article_id=None, role=TEACHER, **fields)

    def assignment(self) -> Assignment:
        """The assignment as accepted (before acceptance: as the fields stand now)."""
        return self._built if self._built is not None else self._build()

    def accept(self) -> None:
        candidate = self._build()
        try:
            validate(candidate)
        except AssignmentError as exc:
            show_error(self.error, str(exc))
            return
        show_error(self.error, "")
        self._built = candidate
        if self.settings is not None:
            self.settings.setValue("assignment/total_points", candidate.total_points)
            self.settings.setValue("assignment/no_due_date", "true" if candidate.due_at is None else "false")
        super().accept()


def _speak_lede_language(edit: QDateTimeEdit) -> None:
    """Day and month names in Lede's language where the computer's locale speaks another (a Spanish class on an
    English Windows); left to the computer's locale, region and all, when the languages agree."""
    code = language()
    system = QLocale()
    if code != "pseudo" and system.language() != QLocale.Language.C and system.language() != QLocale(code).language():
        edit.setLocale(QLocale(code))


def _remembered_points(settings: QSettings | None) -> float:
    if settings is None:
        return DEFAULT_POINTS
    try:
        stored: Any = settings.value("assignment/total_points", DEFAULT_POINTS)  # whatever the file holds
        points = float(stored)
    except (TypeError, ValueError):
        return DEFAULT_POINTS
    return points if 1 <= points <= 1000 else DEFAULT_POINTS
