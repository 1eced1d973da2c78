"""The class view: what a teacher projects for the discussion once the hand-ins are in.

Left, the article as a heat map of how many students marked each stretch (heat_map.py). Right, the numbers: a
summary line, counts per category, the key marks most missed, passages many students marked that the key leaves
out, and hand-ins that look alike.

Names start hidden ("Hide names" is checked): this screen goes on a projector. Hidden, no student's name
reaches any label, list or tooltip; the alike pairs show as "Student n" (core.class_view.anonymous_names).
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QListWidget,
                               QListWidgetItem, QSizePolicy, QSplitter, QStackedWidget, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from desktop_app.core.articles import Article
from desktop_app.core.categories import CategorySet
from desktop_app.core.class_view import ClassView, anonymous_names
from desktop_app.core.text import bidi_isolated
from desktop_app.i18n import N_, _, ngettext, pgettext
from desktop_app.i18n.formats import format_number, format_percent
from desktop_app.ui.heat_map import HeatMapView, heat_legend, tooltip_html
from desktop_app.ui.look import elide, muted_style, relative_font
from desktop_app.ui.mark_list_model import category_badge

# Krippendorff's alpha in plain words. Krippendorff asks 0.8 of trained coders (0.667 for tentative
# conclusions); students are learners, so the words are softer: 0.6 already "mostly agrees".
AGREEMENT_WORDS = ((0.8, N_("the class agrees strongly")), (0.6, N_("the class mostly agrees")),
                   (0.3, N_("the class partly agrees")), (0.1, N_("the class agrees a little")))
NO_AGREEMENT = N_("the class agrees no more than chance would")
NOT_ENOUGH = N_("not enough marks to tell")

RIGHT_SCALE = 1.2  # the right column's text against the interface's
PLACEHOLDER = N_("No submissions yet. Import the students' .ledesub files with Classroom ▸ Import submissions…")
PASSAGE_ROLE = Qt.ItemDataRole.UserRole + 1  # (start, end) in code points
KEY_ID_ROLE = Qt.ItemDataRole.UserRole + 2


def agreement_words(alpha: float | None) -> str:
    if alpha is None:
        return _(NOT_ENOUGH)
    return _(next((words for floor, words in AGREEMENT_WORDS if alpha >= floor), NO_AGREEMENT))


def _agreement(alpha: float | None, category: str | None = None) -> str:
    """"Agreement: α 0.62 — the class mostly agrees", or on one category: "Agreement on Source: …"."""
    if category is None:
        if alpha is None:
            return _("Agreement: {meaning}").format(meaning=agreement_words(None))
        # Translators: α is Krippendorff's alpha, a number from -1 to 1 ("α 0.62"); the meaning follows the dash.
        return _("Agreement: α {alpha} — {meaning}").format(alpha=format_number(alpha, 2),
                                                          meaning=agreement_words(alpha))
    if alpha is None:
        return _("Agreement on {category}: {meaning}").format(category=category, meaning=agreement_words(None))
    return _("Agreement on {category}: α {alpha} — {meaning}").format(
        category=category, alpha=format_number(alpha, 2), meaning=agreement_words(alpha))


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("margin-top: 6px")
    relative_font(label, 1.3, bold=True)
    return label


def _list() -> QListWidget:
    lst = QListWidget()
    lst.setWordWrap(True)
    lst.setTextElideMode(Qt.TextElideMode.ElideRight)
    lst.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    lst.setMinimumHeight(72)
    return lst


def _note_item(lst: QListWidget, text: str) -> None:
    """A grey, unselectable line saying why a list is empty."""
    item = QListWidgetItem(text)
    item.setFlags(Qt.ItemFlag.NoItemFlags)
    item.setForeground(QBrush(QColor("#555555")))
    lst.addItem(item)


class ClassViewPanel(QWidget):
    keyMarkActivated = Signal(int)  # the id of a key mark chosen in "Most missed" (double-click or Enter)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._article: Article | None = None
        self._categories: CategorySet | None = None
        self._view: ClassView | None = None

        self.placeholder = QLabel(_(PLACEHOLDER))
        self.placeholder.setTextFormat(Qt.TextFormat.PlainText)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(f"{muted_style()}; padding: 40px")
        relative_font(self.placeholder, 1.6)

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        relative_font(self.title, 1.4, bold=True)
        self.heat_map = HeatMapView()
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 4, 0)
        left_box.addWidget(self.title)
        left_box.addWidget(heat_legend())
        left_box.addWidget(self.heat_map, 1)

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        relative_font(self.summary, 1.4)
        self.summary.setToolTip(tooltip_html(
            _("Agreement is Krippendorff's alpha over the words of the article: 1 means every student marked "
              "the same words the same way, 0 means no more agreement than chance."),
            _("0.8 and up: agrees strongly · 0.6: mostly agrees · 0.3: partly agrees · 0.1: agrees a little")))
        self.hide_names = QCheckBox(_("Hide names"))
        self.hide_names.setObjectName("hide_names")
        self.hide_names.setToolTip(_("Show students as “Student 1”, “Student 2”… for the projector"))
        self.hide_names.setChecked(True)
        self.hide_names.toggled.connect(self._fill_name_lists)

        self.category_table = QTableWidget(0, 5)
        self.category_table.setAccessibleName(_("Categories: marked, required key passages, found, F1"))
        self.category_table.setHorizontalHeaderLabels([
            pgettext("class view column", "Category"), pgettext("class view column", "Marked"),
            pgettext("class view column", "Required"), pgettext("class view column", "Found"),
            # Translators: F1 is a score (how well marks and the key agree); most languages keep "F1".
            pgettext("class view column", "F1")])
        # Short headers leave the names room in a 900 px window; the tooltips say the rest, in the words the
        # roster, the gradebook and the feedback sheets use (core.category_counts).
        for col, tip in enumerate(("", _("Marks the class made in this category"),
                                   _("Required key passages (bonus ones not counted)"),
                                   _("Required key passages found per student, on average"),
                                   _("Mean F1: how well students' marks and the key agree (100% = exactly)"))):
            if tip and (heading := self.category_table.horizontalHeaderItem(col)) is not None:
                heading.setToolTip(tip)
        self.category_table.verticalHeader().setVisible(False)
        self.category_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.category_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.category_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.category_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.category_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.category_table.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self.missed_list = _list()
        self.missed_list.setAccessibleName(_("Most missed key marks"))
        self.extras_list = _list()
        self.extras_list.setAccessibleName(_("Marked by many, not in the key"))
        self.similar_list = _list()
        self.similar_list.setAccessibleName(_("Hand-ins that look alike"))
        for lst in (self.missed_list, self.extras_list):
            lst.currentItemChanged.connect(self._show_passage)
        self.missed_list.itemActivated.connect(self._activate_key_mark)

        right = QWidget()
        right.setMinimumWidth(380)  # the longest category name unclipped in a 900 px window
        relative_font(right, RIGHT_SCALE)  # read from the back of a classroom
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(4, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.hide_names, 0, Qt.AlignmentFlag.AlignTop)
        right_box.addLayout(top)
        right_box.addWidget(self.category_table)
        right_box.addWidget(_heading(_("Most missed")))
        right_box.addWidget(self.missed_list, 3)
        right_box.addWidget(_heading(_("Marked by many, not in the key")))
        right_box.addWidget(self.extras_list, 2)
        right_box.addWidget(_heading(_("Hand-ins that look alike")))
        right_box.addWidget(self.similar_list, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 400])  # scaled to the real width when shown: text 3/5, numbers 2/5

        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.splitter)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addWidget(self.stack)

    # --- showing a view ----------------------------------------------------------------------------
    def show_view(self, article: Article, categories: CategorySet, view: ClassView | None) -> None:
        self._article, self._categories, self._view = article, categories, view
        if view is None or not view.students:
            self.heat_map.show_heat(None, categories, (), 0)
            self.stack.setCurrentWidget(self.placeholder)
            return
        self.title.setText(article.details.title or _("Untitled article"))
        self.heat_map.show_heat(article, categories, view.stretches, len(view.students))
        self.summary.setText(self._summary_text(view))
        self._fill_categories(view)
        self._fill_name_lists()
        self.stack.setCurrentWidget(self.splitter)

    def set_hide_names(self, hidden: bool) -> None:
        self.hide_names.setChecked(hidden)  # toggled() redraws the lists

    @property
    def names_hidden(self) -> bool:
        return self.hide_names.isChecked()

    def _summary_text(self, view: ClassView) -> str:
        n = len(view.students)
        lines = [ngettext("{count} student handed in", "{count} students handed in", n).format(count=n)]
        if view.scores and view.total > 0:
            # Translators: points can have decimals ("Mean 6.5 of 10 points").
            lines.append(_("Mean {mean} of {total} points").format(
                mean=format_number(sum(view.scores) / len(view.scores), 1), total=format_number(view.total)))
        lines.append(_agreement(view.alpha))
        return "\n".join(lines)

    def _category_name(self, key: str) -> str:
        c = self._categories.get(key) if self._categories else None
        return c.name if c else key

    def _badge(self, key: str):
        c = self._categories.get(key) if self._categories else None
        return category_badge(c) if c else None

    def _fill_categories(self, view: ClassView) -> None:
        table = self.category_table
        table.setRowCount(len(view.categories))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, tally in enumerate(view.categories):
            name = QTableWidgetItem(self._category_name(tally.category))
            badge = self._badge(tally.category)
            if badge is not None:
                name.setIcon(badge)
            alpha = view.alpha_per_category.get(tally.category)
            name.setToolTip(tooltip_html(_agreement(alpha, self._category_name(tally.category))))
            table.setItem(row, 0, name)
            f1 = "—" if tally.mean_f1 is None else format_percent(tally.mean_f1)
            # core counts finds over the whole class; beside "Key 9", a per-student mean reads right.
            found = format_number(tally.found / len(view.students), 1)
            for col, value in enumerate((format_number(tally.marked), format_number(tally.key), found, f1), 1):
                item = QTableWidgetItem(value)
                item.setTextAlignment(right)
                table.setItem(row, col, item)
        table.resizeRowsToContents()
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(height)

    def _fill_name_lists(self) -> None:
        """The three lists that can carry names, redrawn whenever "Hide names" changes."""
        view = self._view
        if view is None:
            return
        hidden = self.names_hidden
        anonymous = anonymous_names(view.students)
        size = len(view.students)

        def missed_by(who) -> str:
            if hidden:
                return _("Missed by {count} of {size}; names hidden.").format(count=len(who), size=size)
            return _("Missed by: {names}").format(names=", ".join(who))

        def marked_by(who) -> str:
            if hidden:
                return _("Marked by {count} of {size}; names hidden.").format(count=len(who), size=size)
            return _("Marked by: {names}").format(names=", ".join(who))

        self.missed_list.clear()
        for tally in view.key_marks:
            if not tally.missed_by:
                continue
            key = tally.key
            item = QListWidgetItem(_("“{quote}” — missed by {count} of {size}").format(
                quote=bidi_isolated(elide(key.quote, 60)), count=len(tally.missed_by), size=size))
            badge = self._badge(key.category)
            if badge is not None:
                item.setIcon(badge)
            quoted = (_("{category} (bonus): “{quote}”") if key.bonus else _("{category}: “{quote}”")).format(
                category=self._category_name(key.category), quote=key.quote)
            item.setToolTip(tooltip_html(quoted, key.note, missed_by(tally.missed_by)))
            item.setData(PASSAGE_ROLE, (key.start, key.end))
            item.setData(KEY_ID_ROLE, key.id)
            self.missed_list.addItem(item)
        if not self.missed_list.count():
            _note_item(self.missed_list, _("No answer key for this article yet.") if not view.key_marks
                       else _("Every student found every key mark."))

        self.extras_list.clear()
        for extra in view.common_extras:
            category = self._category_name(extra.category)
            n = len(extra.students)
            item = QListWidgetItem(ngettext("{category}: “{quote}” — {count} student",
                                            "{category}: “{quote}” — {count} students", n).format(
                category=category, quote=bidi_isolated(elide(extra.quote, 50)), count=n))
            badge = self._badge(extra.category)
            if badge is not None:
                item.setIcon(badge)
            item.setToolTip(tooltip_html(_("{category}: “{quote}”").format(category=category, quote=extra.quote),
                                         marked_by(extra.students)))
            item.setData(PASSAGE_ROLE, (extra.start, extra.end))
            self.extras_list.addItem(item)
        if not self.extras_list.count():
            _note_item(self.extras_list, _("No passage outside the key was marked by two or more students."))

        self.similar_list.clear()
        for pair in view.similar:
            # Translators: stands for a student whose name is hidden and unknown to the numbering ("Student 3").
            first, second = (anonymous.get(pair.first, _("a student")), anonymous.get(pair.second, _("a student"))) \
                if hidden else (pair.first, pair.second)
            reason = _without_names(pair.reason, view.students, anonymous) if hidden else pair.reason
            # Translators: two students whose hand-ins look alike, then why ("Ana & Bea — Identical marks").
            item = QListWidgetItem(_("{first} & {second} — {reason}").format(
                first=bidi_isolated(first), second=bidi_isolated(second), reason=reason))
            # The flag explains itself: the notes that match, with their passages (a student's words are data).
            explanation = pair.explanation()
            if hidden:
                explanation = _without_names(explanation, view.students, anonymous)
            item.setToolTip(tooltip_html(_("{percent} of marked words alike.").format(
                percent=format_percent(pair.similarity)), explanation))
            self.similar_list.addItem(item)
        if not self.similar_list.count():
            _note_item(self.similar_list, _("No two hand-ins look alike."))

    # --- lists to text -----------------------------------------------------------------------------
    def _show_passage(self, current: QListWidgetItem | None, _previous=None) -> None:
        passage = current.data(PASSAGE_ROLE) if current is not None else None
        if passage:
            self.heat_map.select_passage(*passage)

    def _activate_key_mark(self, item: QListWidgetItem) -> None:
        key_id = item.data(KEY_ID_ROLE)
        if key_id is not None:
            self.keyMarkActivated.emit(int(key_id))


def _without_names(text: str, names, anonymous: dict[str, str]) -> str:
    """A reason from core should not name anyone; if one ever does, the projector still must not."""
    for name in sorted(names, key=len, reverse=True):
        if name:
            text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", anonymous[name], text)
    return text
