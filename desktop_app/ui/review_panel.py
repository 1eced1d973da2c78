"""Reviewing one student's work: the article with their marks and the key's missed passages drawn apart, a list
of found / missed / extra marks, and the teacher's comments, grade and "reviewed" tick.

Everything typed is saved as the teacher types (debounced) through the ClassroomDesk, one undo step per field.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from desktop_app.core.assignments import ON_KEY_MARK, ON_STUDENT_MARK, Submission
from desktop_app.core.categories import CategorySet
from desktop_app.core.marks import Mark, MarkSet
from desktop_app.core.reasoning import MISSING, PARTLY, RATING_WORDS, SOUND
from desktop_app.core.text import bidi_isolated
from desktop_app.i18n import N_, _, ngettext
from desktop_app.i18n.formats import format_datetime, format_number
from desktop_app.ui.classroom_desk import ClassroomDesk
from desktop_app.ui.look import elide, relative_font
from desktop_app.ui.mark_list_model import category_badge
from desktop_app.ui.review_article_view import MISSED, ReviewArticleView

SAVE_DELAY_MS = 500
LEGEND = N_("How to read the marks: colour fill + line = found (it matches a key mark) · line only, no fill = "
            "not in the key · grey dotted line on grey = a key passage this student missed.")


class ReviewPanel(QWidget):
    nextRequested = Signal(int)  # +1 next student, -1 previous

    def __init__(self, desk: ClassroomDesk, parent=None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.submission: Submission | None = None
        self._article_id: int | None = None
        self._ref = None  # the MarkRef the comment box is for
        self._pending: dict[str, bool] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

        self.marks = MarkSet()
        self.view = ReviewArticleView(self.marks, desk.work.categories if desk.work else CategorySet([]))
        self.view.markClicked.connect(self._select_display_mark)

        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        relative_font(self.header, 1.3, bold=True)
        # Translators: the arrow points to the previous student (left in English; mirror it if you write right
        # to left).
        self.previous_button = QPushButton(_("◀ Previous"))
        self.previous_button.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.previous_button.setToolTip(_("Previous student (Ctrl+Page Up)"))
        self.previous_button.clicked.connect(lambda: self._go(-1))
        # Translators: the arrow points to the next student (right in English; mirror it if you write right to left).
        self.next_button = QPushButton(_("Next student ▶"))
        self.next_button.setObjectName("next_student")
        self.next_button.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.next_button.setToolTip(_("Next student (Ctrl+Page Down); everything typed is already saved"))
        self.next_button.clicked.connect(lambda: self._go(1))
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.previous_button)
        top.addWidget(self.next_button)

        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(4, 0, 0, 0)
        legend = QLabel(_(LEGEND))
        legend.setWordWrap(True)
        legend.setObjectName("review_legend")
        legend.setStyleSheet("#review_legend { background: palette(alternate-base); color: palette(window-text); "
                             "padding: 4px; }")
        column.addWidget(legend)
        self.items = QTreeWidget()
        self.items.setObjectName("review_items")
        self.items.setHeaderHidden(True)
        self.items.setColumnCount(1)
        self.items.setAccessibleName(_("Found, missed and extra marks"))
        self.items.setAccessibleDescription(_("Each mark with the student's note. Keys 0, 1 and 2 rate the selected "
                                              "note (missing or wrong, partly, sound); minus leaves it unrated."))
        # Each mark's note in full, under its passage: the reasoning is what the exercise is for.
        self.items.setWordWrap(True)
        self.items.setUniformRowHeights(False)
        self.items.currentItemChanged.connect(self._on_item)
        self.items.installEventFilter(self)
        column.addWidget(self.items, 3)
        rating_row = QHBoxLayout()
        self.rating_label = QLabel(_("Reasoning in the note:"))
        rating_row.addWidget(self.rating_label)
        self.rating_buttons: dict[int | None, QPushButton] = {}
        # Translators: the rating buttons start with the key that gives the rating (0, 1, 2): keep the digits.
        for rating, text in ((MISSING, _("0 Missing or wrong")), (PARTLY, _("1 Partly")), (SOUND, _("2 Sound")),
                             (None, _("Not rated"))):
            button = QPushButton(text)
            button.setCheckable(True)
            button.setObjectName(f"rate_{rating if rating is not None else 'none'}")
            button.setToolTip(_("Rate the selected note (keys 0, 1, 2; minus for not rated)"))
            button.clicked.connect(lambda _=False, r=rating: self.rate(r))
            rating_row.addWidget(button)
            self.rating_buttons[rating] = button
        rating_row.addStretch(1)
        column.addLayout(rating_row)
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)  # notes are the students' words: never markup
        self.detail.setWordWrap(True)
        column.addWidget(self.detail)
        form = QFormLayout()
        self.mark_comment = QPlainTextEdit()
        self.mark_comment.setObjectName("mark_comment")
        self.mark_comment.setAccessibleName(_("Your comment on the selected mark"))
        self.mark_comment.setPlaceholderText(_("Your comment on the selected mark (printed on the feedback)"))
        self.mark_comment.setMaximumHeight(70)
        self.mark_comment.textChanged.connect(lambda: self._typed("mark_comment"))
        form.addRow(_("On this mark"), self.mark_comment)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("overall_comment")
        self.comment.setAccessibleName(_("Overall comment for this student"))
        self.comment.setPlaceholderText(_("Overall comment for this student"))
        self.comment.setMaximumHeight(90)
        self.comment.textChanged.connect(lambda: self._typed("comment"))
        # Translators: the label of the box for the overall comment on a student's work.
        form.addRow(_("Overall"), self.comment)
        self.grade = QLineEdit()
        self.grade.setObjectName("grade")
        self.grade.setAccessibleName(_("Grade"))
        self.grade.setMaxLength(40)
        # Translators: examples of grades; give the kinds your schools use.
        self.grade.setPlaceholderText(_("e.g. B+, 8/10, Proficient"))
        self.grade.textEdited.connect(lambda _t: self._typed("grade"))
        self.grade.editingFinished.connect(self.flush)
        form.addRow(_("Grade"), self.grade)
        self.reviewed = QCheckBox(_("Reviewed"))
        self.reviewed.setObjectName("reviewed")
        self.reviewed.toggled.connect(self._on_reviewed)
        form.addRow(self.reviewed)
        column.addLayout(form)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        desk.submissionChanged.connect(self._on_submission_changed)
        self.show_submission(None)

    # --- showing -----------------------------------------------------------------------------------
    def show_submission(self, submission_id: int | None) -> None:
        self.flush()
        work = self.desk.work
        sub = work.submission(submission_id) if (work and submission_id is not None) else None
        self.submission = sub
        # Another student (or none): the mark panel must not keep the last student's note and comment, nor be
        # bound to their mark (typing there would comment on a mark this student does not have).
        self._bind_mark(None)
        enabled = sub is not None
        for w in (self.items, self.comment, self.grade, self.reviewed, self.next_button, self.previous_button):
            w.setEnabled(enabled)
        if sub is None:
            self.header.setText(_("Choose a student in the roster (double-click a row)."))
            self.marks.reset(())
            self.view.show_article(work.article if work else None)
            self._article_id = work.article.id if work else None
            self.items.clear()
            self.detail.setText("")
            return
        comparison = work.comparisons[sub.id]
        self.view.set_categories(work.categories)
        statuses: dict[int, str] = {}
        shown: list[Mark] = []
        for m in sub.marks:
            statuses[m.id] = comparison.status_of(m.id)
            shown.append(m)
        for k in comparison.missed:
            statuses[-k.id] = MISSED
            shown.append(replace(k, id=-k.id, article_id=work.article.id))
        self.view.statuses = statuses
        self.marks.reset(shown)
        if self._article_id != work.article.id:
            self.view.show_article(work.article)
            self._article_id = work.article.id
        self._show_header(sub)
        self._fill_items(sub, comparison)
        with QSignalBlocker(self.comment):
            self.comment.setPlainText(sub.comment)
        with QSignalBlocker(self.grade):
            self.grade.setText(sub.grade)
        with QSignalBlocker(self.reviewed):
            self.reviewed.setChecked(sub.reviewed)
        self._pending.clear()

    def _fill_items(self, sub: Submission, comparison) -> None:
        categories = self.desk.work.categories
        self.items.clear()
        groups = (
            (_("Found ({count})").format(count=len(comparison.matches)),
             [(ON_STUDENT_MARK, m.student.id, m.student, m.key) for m in comparison.matches]),
            (_("Missed ({count})").format(count=len(comparison.missed)),
             [(ON_KEY_MARK, k.id, k, k) for k in comparison.missed]),
            (_("Not in the key ({count})").format(count=len(comparison.extra)),
             [(ON_STUDENT_MARK, m.id, m, comparison.wrong_category.get(m.id)) for m in comparison.extra]),
        )
        for title, rows in groups:
            group = QTreeWidgetItem([title])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.items.addTopLevelItem(group)
            for kind, mark_id, mark, key in rows:
                category = categories.get(mark.category)
                bonus = kind == ON_KEY_MARK and mark.bonus
                commented = " ✎" if sub.mark_comments.get((kind, mark_id)) else ""  # in DejaVu, unlike 💬
                line = (_("{category} (bonus): “{quote}”") if bonus else _("{category}: “{quote}”")).format(
                    category=category.name if category else mark.category,
                    quote=bidi_isolated(elide(mark.quote, 70))) + commented
                if kind == ON_STUDENT_MARK:
                    line += "\n" + self._note_line(mark, sub.note_ratings.get(mark_id))
                item = QTreeWidgetItem([line])
                if category is not None:
                    item.setIcon(0, category_badge(category))
                item.setData(0, Qt.ItemDataRole.UserRole, (kind, mark_id))
                item.setData(0, Qt.ItemDataRole.UserRole + 1, (mark, key))
                group.addChild(item)
            group.setExpanded(True)

    @staticmethod
    def _note_line(mark: Mark, rating: int | None) -> str:
        # Translators: a note's rating in the list of marks, "[1 · partly]" (the number, then its meaning).
        rated = _("[{rating} · {meaning}]").format(rating=rating, meaning=_(RATING_WORDS[rating])) \
            if rating is not None else _("[not rated]")
        note = _("Note: {note}").format(note=bidi_isolated(mark.note)) if mark.note.strip() else _("No note")
        return f"    {note}   {rated}"

    # --- rating the reasoning ----------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:
        """0, 1 and 2 rate the selected note, minus (or Backspace) leaves it unrated, in the list of marks."""
        if watched is self.items and event.type() == QEvent.Type.KeyPress and self._rating_target() is not None:
            keys = {Qt.Key.Key_0: MISSING, Qt.Key.Key_1: PARTLY, Qt.Key.Key_2: SOUND}
            if event.key() in keys:
                self.rate(keys[event.key()])
                return True
            if event.key() in (Qt.Key.Key_Minus, Qt.Key.Key_Backspace):
                self.rate(None)
                return True
        return super().eventFilter(watched, event)

    def _rating_target(self) -> int | None:
        """The selected student mark's id, when a student mark (not a missed key mark) is selected."""
        if self.submission is None or self._ref is None or self._ref[0] != ON_STUDENT_MARK:
            return None
        return self._ref[1]

    def rate(self, rating: int | None) -> None:
        mark_id = self._rating_target()
        if mark_id is not None:
            self.desk.set_note_rating(self.submission.id, mark_id, rating)
        self._show_rating()

    def _show_rating(self) -> None:
        mark_id = self._rating_target()
        current = self.submission.note_ratings.get(mark_id) if mark_id is not None else None
        for rating, button in self.rating_buttons.items():
            button.setEnabled(mark_id is not None)
            with QSignalBlocker(button):
                button.setChecked(mark_id is not None and rating == current)

    def _bind_mark(self, ref) -> None:
        """The mark panel now shows (and comments on) ``ref``; None clears it."""
        self._pending.pop("mark_comment", None)
        self._ref = tuple(ref) if ref else None
        self._show_rating()
        if self._ref is None:
            self.detail.setText("")
            with QSignalBlocker(self.mark_comment):
                self.mark_comment.setPlainText("")
            self.mark_comment.setEnabled(False)

    def _on_item(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        self.flush()
        ref = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        self._bind_mark(ref)
        if self._ref is None:
            return
        mark, key = item.data(0, Qt.ItemDataRole.UserRole + 1)
        self.mark_comment.setEnabled(True)
        with QSignalBlocker(self.mark_comment):
            self.mark_comment.setPlainText(self.submission.mark_comments.get(self._ref, ""))
        self.detail.setText(self._describe(self._ref[0], mark, key))
        display_id = -mark.id if self._ref[0] == ON_KEY_MARK else mark.id
        self.view.set_selected_mark(display_id, scroll=True)

    def _describe(self, kind: str, mark: Mark, key: Mark | None) -> str:
        categories = self.desk.work.categories
        if kind == ON_KEY_MARK:
            return _("Key note (the feedback for a missed passage): {note}").format(
                note=bidi_isolated(mark.note) or "—")
        lines = [_("Student's note: {note}").format(note=bidi_isolated(mark.note) or "—")]
        if key is not None and key.category != mark.category:
            other = categories.get(key.category)
            lines.append(_("The key has this passage as {category}.").format(
                category=other.name if other else key.category))
        elif key is not None:
            lines.append(_("Key note: {note}").format(note=bidi_isolated(key.note) or "—"))
        return "\n".join(lines)

    def _select_display_mark(self, display_id: int) -> None:
        kind, mark_id = (ON_KEY_MARK, -display_id) if display_id < 0 else (ON_STUDENT_MARK, display_id)
        for g in range(self.items.topLevelItemCount()):
            group = self.items.topLevelItem(g)
            for c in range(group.childCount()):
                child = group.child(c)
                if tuple(child.data(0, Qt.ItemDataRole.UserRole)) == (kind, mark_id):
                    self.items.setCurrentItem(child)
                    return

    # --- editing -----------------------------------------------------------------------------------
    def _typed(self, what: str) -> None:
        if self.submission is not None:
            self._pending[what] = True
            self._timer.start()

    def flush(self) -> None:
        """Saves whatever is typed and not yet saved: before undo, another student, or closing."""
        self._timer.stop()
        if self.submission is None or not self._pending:
            return
        # Each field leaves "pending" just before it is saved: the echo of one save must not overwrite
        # another field that is typed but not yet saved.
        sid = self.submission.id
        if self._pending.pop("comment", False):
            self.desk.set_comment(sid, self.comment.toPlainText())
        if self._pending.pop("grade", False):
            self.desk.set_grade(sid, self.grade.text())
        if self._pending.pop("mark_comment", False) and self._ref is not None:
            self.desk.set_mark_comment(sid, self._ref, self.mark_comment.toPlainText())

    def _on_reviewed(self, checked: bool) -> None:
        if self.submission is not None:
            self.flush()
            self.desk.set_reviewed(self.submission.id, checked)

    def _show_header(self, sub: Submission) -> None:
        work = self.desk.work
        # The name, the points, when it was handed in, LATE: joined with " · ". The name is isolated, so the line
        # takes the interface's direction rather than the name's (a Hebrew line that opens with "Ana").
        parts = [bidi_isolated(sub.student_name)]
        if work.comparisons[sub.stored_id].has_key:
            p = work.points(sub)
            numbers = {"points": format_number(p.points), "total": format_number(p.total), "count": p.unrated,
                       "finding": format_number(p.finding), "reasoning": format_number(p.reasoning),
                       "possible": format_number(p.reasoning_possible)}
            if p.weight <= 0:
                parts.append(_("{points} / {total} points").format(**numbers))
            elif not p.unrated:
                parts.append(_("{points} / {total} points (finding {finding}, reasoning {reasoning} of {possible})")
                             .format(**numbers))
            else:
                parts.append(ngettext(
                    "{points} / {total} points (finding {finding}, reasoning {reasoning} of {possible}, {count} not "
                    "rated yet)", "{points} / {total} points (finding {finding}, reasoning {reasoning} of {possible}, "
                    "{count} not rated yet)", p.unrated).format(**numbers))
        if sub.handed_in_at:
            parts.append(_("handed in {moment}").format(moment=format_datetime(sub.handed_in_at.astimezone())))
        if work.late(sub):
            # Translators: in capitals in English, so that a late hand-in stands out in the review's header line.
            parts.append(_("LATE"))
        self.header.setText(" · ".join(parts))

    def _refresh_notes(self, sub: Submission) -> None:
        """After a rating: each student mark's note line shows its rating again."""
        for g in range(self.items.topLevelItemCount()):
            group = self.items.topLevelItem(g)
            for c in range(group.childCount()):
                item = group.child(c)
                kind, mark_id = item.data(0, Qt.ItemDataRole.UserRole)
                if kind != ON_STUDENT_MARK:
                    continue
                mark, _key = item.data(0, Qt.ItemDataRole.UserRole + 1)
                first = item.text(0).split("\n", 1)[0]
                item.setText(0, first + "\n" + self._note_line(mark, sub.note_ratings.get(mark_id)))

    def _on_submission_changed(self, sub: Submission) -> None:
        if self.submission is None or sub.id != self.submission.id:
            return
        self.submission = sub
        self._show_header(sub)
        self._refresh_notes(sub)
        self._show_rating()
        # Show what undo or redo put back, but never overwrite what is being typed right now.
        if not self._pending.get("comment") and self.comment.toPlainText() != sub.comment:
            with QSignalBlocker(self.comment):
                self.comment.setPlainText(sub.comment)
        if not self._pending.get("grade") and self.grade.text() != sub.grade:
            with QSignalBlocker(self.grade):
                self.grade.setText(sub.grade)
        with QSignalBlocker(self.reviewed):
            self.reviewed.setChecked(sub.reviewed)
        if self._ref is not None and not self._pending.get("mark_comment"):
            text = sub.mark_comments.get(self._ref, "")
            if self.mark_comment.toPlainText() != text:
                with QSignalBlocker(self.mark_comment):
                    self.mark_comment.setPlainText(text)

    def _go(self, step: int) -> None:
        self.flush()
        self.nextRequested.emit(step)
