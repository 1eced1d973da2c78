"""The class view: what a teacher projects for the discussion once the hand-ins are in.

Left, the article as a heat map: each stretch of text gets a background as dark as the share of the class
that marked it, in five steps of one blue-grey hue (one hue reads the same for colour-blind eyes and in
greyscale; the darkest step gets light text so every step keeps its contrast). Right, the numbers: a summary
line, counts per category, the key marks most missed, passages many students marked that the key leaves out,
and hand-ins that look alike.

Names start hidden ("Hide names" is checked): this screen goes on a projector. Hidden, no student's name
reaches any label, list or tooltip; the alike pairs show as "Student n" (core.class_view.anonymous_names).

The backgrounds are character formats put on a document built off screen in one edit block, then attached
(3,000 stretches over a long article: about 30 ms here); the article's text itself is never changed. Every
offset crosses into Qt through core.offsets.Utf16Map.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import shiboken6
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import (QBrush, QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument,
                           QTextOption)
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QListWidget,
                               QListWidgetItem, QSizePolicy, QSplitter, QStackedWidget, QTableWidget,
                               QTableWidgetItem, QTextEdit, QToolTip, QVBoxLayout, QWidget)

from desktop_app.core.articles import Article
from desktop_app.core.categories import CategorySet
from desktop_app.core.class_view import ClassView, Stretch, anonymous_names
from desktop_app.core.offsets import Utf16Map
from desktop_app.ui.look import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, MIN_POINT_SIZE, elide, plain_to_html, reading_font
from desktop_app.ui.mark_list_model import category_badge

# Light to dark blue-grey. Dark text on the first four (contrast 6:1 or more), white on the last (8:1);
# tests check both against WCAG's 4.5:1.
HEAT_COLOURS = ("#E3EAF1", "#C4D3E2", "#9DB4CB", "#6D8CAB", "#2E4A66")
HEAT_TEXT = ("#111111", "#111111", "#111111", "#111111", "#FFFFFF")
HEAT_LABELS = ("1–20%", "21–40%", "41–60%", "61–80%", "81–100%")

# Krippendorff's alpha in plain words. Krippendorff asks 0.8 of trained coders (0.667 for tentative
# conclusions); students are learners, so the words are softer: 0.6 already "mostly agrees".
AGREEMENT_WORDS = ((0.8, "the class agrees strongly"), (0.6, "the class mostly agrees"),
                   (0.3, "the class partly agrees"), (0.1, "the class agrees a little"))
NO_AGREEMENT = "the class agrees no more than chance would"
NOT_ENOUGH = "not enough marks to tell"

RIGHT_POINT_SIZE = 11
PLACEHOLDER = "No submissions yet. Import the students' .ledesub files with Classroom ▸ Import submissions…"
PASSAGE_ROLE = Qt.ItemDataRole.UserRole + 1  # (start, end) in code points
KEY_ID_ROLE = Qt.ItemDataRole.UserRole + 2


def heat_step(students: int, class_size: int) -> int:
    """1..5 for 1–20% ... 81–100% of the class (0 for nobody), in whole numbers so 20% is exactly step 1."""
    if students <= 0 or class_size <= 0:
        return 0
    return min(5, (5 * students + class_size - 1) // class_size)


def agreement_words(alpha: float | None) -> str:
    if alpha is None:
        return NOT_ENOUGH
    return next((words for floor, words in AGREEMENT_WORDS if alpha >= floor), NO_AGREEMENT)


def _students(n: int) -> str:
    return f"{n} student" if n == 1 else f"{n} students"


def _rich(*paragraphs: str) -> str:
    """A tooltip from plain-text paragraphs: escaped, because Qt guesses whether a tooltip is markup."""
    return "".join(f"<p>{plain_to_html(p)}</p>" for p in paragraphs if p)


class HeatMapView(QTextEdit):
    """The article, read-only, with each stretch's background showing how many students marked it."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setUndoRedoEnabled(False)
        self.setAccessibleName("Article heat map")
        self._point_size = DEFAULT_POINT_SIZE
        self.setFont(reading_font(self._point_size))
        self._map = Utf16Map("")
        self._stretches: tuple[Stretch, ...] = ()
        self._starts: list[int] = []
        self._class_size = 0
        self._categories: CategorySet | None = None
        self._document: QTextDocument | None = None
        self._formats = []
        for colour, text in zip(HEAT_COLOURS, HEAT_TEXT):
            f = QTextCharFormat()
            f.setBackground(QBrush(QColor(colour)))
            f.setForeground(QBrush(QColor(text)))
            self._formats.append(f)
        self.viewport().setMouseTracking(True)

    @property
    def offsets(self) -> Utf16Map:
        return self._map

    def show_heat(self, article: Article | None, categories: CategorySet, stretches, class_size: int) -> None:
        text = article.text if article else ""
        self._map = Utf16Map(text)
        self._categories = categories
        self._class_size = class_size
        # Stretches outside the text (a view built for another text) are left out rather than crash.
        self._stretches = tuple(s for s in stretches if 0 <= s.start < s.end <= len(text) and s.students > 0)
        self._starts = [s.start for s in self._stretches]
        doc = QTextDocument(self)  # built before it is attached, so Qt lays it out once
        doc.setUndoRedoEnabled(False)
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(24)
        option = QTextOption(doc.defaultTextOption())
        option.setTextDirection(Qt.LayoutDirection.RightToLeft if article and article.direction == "rtl"
                                else Qt.LayoutDirection.LeftToRight)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        doc.setPlainText(text)
        if text:
            cursor = QTextCursor(doc)
            cursor.beginEditBlock()
            cursor.select(QTextCursor.SelectionType.Document)
            block = QTextBlockFormat()
            block.setLineHeight(135, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            cursor.mergeBlockFormat(block)
            to_utf16 = self._map.to_utf16
            for s in self._stretches:
                step = heat_step(s.students, class_size)
                cursor.setPosition(to_utf16(s.start))
                cursor.setPosition(to_utf16(s.end), QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(self._formats[step - 1])
            cursor.endEditBlock()
        old = self._document
        self.setDocument(doc)
        self._document = doc
        if old is not None:
            shiboken6.delete(old)  # now, not later: left-over copies of a long article slow every layout
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def stretch_at(self, cp: int) -> Stretch | None:
        i = bisect_right(self._starts, cp) - 1
        if i >= 0 and self._stretches[i].start <= cp < self._stretches[i].end:
            return self._stretches[i]
        return None

    def tooltip_text(self, stretch: Stretch) -> str:
        """"12 of 30 students marked this: 8 as Source, 4 as Loaded language" (most first); never a name."""
        order = {k: i for i, k in enumerate(self._categories.keys)} if self._categories else {}

        def name(key: str) -> str:
            c = self._categories.get(key) if self._categories else None
            return c.name if c else key

        counts = sorted(((n, key) for key, n in stretch.counts.items() if n > 0),
                        key=lambda p: (-p[0], order.get(p[1], len(order)), p[1]))
        parts = ", ".join(f"{n} as {name(key)}" for n, key in counts)
        head = f"{stretch.students} of {_students(self._class_size)} marked this"
        return f"{head}: {parts}" if parts else head

    def position_at(self, point) -> int | None:
        if not self._map.length_cp:
            return None
        offset = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        u16 = self.document().documentLayout().hitTest(QPointF(point) + offset, Qt.HitTestAccuracy.ExactHit)
        return None if u16 < 0 else self._map.to_codepoint(min(u16, self._map.length_utf16))

    def select_passage(self, start: int, end: int) -> None:
        if not 0 <= start <= end <= self._map.length_cp:
            return
        c = QTextCursor(self.document())
        c.setPosition(self._map.to_utf16(end))
        self.setTextCursor(c)
        self.ensureCursorVisible()
        c.setPosition(self._map.to_utf16(start), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(c)
        self.ensureCursorVisible()

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = self.position_at(event.pos())
            stretch = self.stretch_at(pos) if pos is not None else None
            if stretch is not None:
                QToolTip.showText(event.globalPos(), _rich(self.tooltip_text(stretch)), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def wheelEvent(self, event) -> None:
        # Ctrl+wheel makes the text bigger for the back row; the backgrounds follow the text.
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = 1 if event.angleDelta().y() > 0 else -1
            size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, self._point_size + step))
            if size != self._point_size:
                self._point_size = size
                self.setFont(reading_font(size))
                self.document().setDefaultFont(self.font())
            event.accept()
            return
        super().wheelEvent(event)


def _legend() -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    intro = QLabel("Students who marked a passage:")
    # Wrapped and stretched: one line where there is room, two in a narrow window, never clipped.
    intro.setWordWrap(True)
    row.addWidget(intro, 1)
    for colour, text, label in zip(HEAT_COLOURS, HEAT_TEXT, HEAT_LABELS):
        swatch = QLabel(label)
        swatch.setAlignment(Qt.AlignmentFlag.AlignCenter)
        swatch.setStyleSheet(f"background: {colour}; color: {text}; padding: 3px 8px; border: 1px solid #7d8b99")
        row.addWidget(swatch)
    return box


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; font-size: 12pt; margin-top: 6px")
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

        self.placeholder = QLabel(PLACEHOLDER)
        self.placeholder.setTextFormat(Qt.TextFormat.PlainText)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #444; font-size: 15pt; padding: 40px")

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold; font-size: 13pt")
        self.heat_map = HeatMapView()
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 4, 0)
        left_box.addWidget(self.title)
        left_box.addWidget(_legend())
        left_box.addWidget(self.heat_map, 1)

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 13pt")
        self.summary.setToolTip(_rich(
            "Agreement is Krippendorff's alpha over the words of the article: 1 means every student marked "
            "the same words the same way, 0 means no more agreement than chance.",
            "0.8 and up: agrees strongly · 0.6: mostly agrees · 0.3: partly agrees · 0.1: agrees a little"))
        self.hide_names = QCheckBox("Hide names")
        self.hide_names.setObjectName("hide_names")
        self.hide_names.setToolTip("Show students as “Student 1”, “Student 2”… for the projector")
        self.hide_names.setChecked(True)
        self.hide_names.toggled.connect(self._fill_name_lists)

        self.category_table = QTableWidget(0, 5)
        self.category_table.setHorizontalHeaderLabels(["Category", "Marked", "Key", "Found", "F1"])
        # Short headers leave the names room in a 900 px window; the tooltips say the rest.
        for col, tip in enumerate(("", "Marks the class made in this category", "Marks in the answer key",
                                   "Required key marks found per student, on average",
                                   "Mean F1: how well students' marks and the key agree (100% = exactly)")):
            if tip:
                self.category_table.horizontalHeaderItem(col).setToolTip(tip)
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
        self.missed_list.setAccessibleName("Most missed key marks")
        self.extras_list = _list()
        self.extras_list.setAccessibleName("Marked by many, not in the key")
        self.similar_list = _list()
        self.similar_list.setAccessibleName("Hand-ins that look alike")
        for lst in (self.missed_list, self.extras_list):
            lst.currentItemChanged.connect(self._show_passage)
        self.missed_list.itemActivated.connect(self._activate_key_mark)

        right = QWidget()
        right.setMinimumWidth(380)  # the longest category name unclipped in a 900 px window
        font = QFont(right.font())
        font.setPointSize(max(font.pointSize(), RIGHT_POINT_SIZE))  # read from the back of a classroom
        right.setFont(font)
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(4, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.hide_names, 0, Qt.AlignmentFlag.AlignTop)
        right_box.addLayout(top)
        right_box.addWidget(self.category_table)
        right_box.addWidget(_heading("Most missed"))
        right_box.addWidget(self.missed_list, 3)
        right_box.addWidget(_heading("Marked by many, not in the key"))
        right_box.addWidget(self.extras_list, 2)
        right_box.addWidget(_heading("Hand-ins that look alike"))
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
        self.title.setText(article.details.title or "Untitled article")
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
        lines = [f"{_students(len(view.students))} handed in"]
        if view.scores and view.total > 0:
            lines.append(f"Mean {sum(view.scores) / len(view.scores):.1f} of {view.total:g} points")
        agreement = NOT_ENOUGH if view.alpha is None else f"α {view.alpha:.2f} — {agreement_words(view.alpha)}"
        lines.append(f"Agreement: {agreement}")
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
            shown = NOT_ENOUGH if alpha is None else f"α {alpha:.2f} — {agreement_words(alpha)}"
            name.setToolTip(_rich(f"Agreement on {self._category_name(tally.category)}: {shown}"))
            table.setItem(row, 0, name)
            f1 = "—" if tally.mean_f1 is None else f"{round(tally.mean_f1 * 100)}%"
            # core counts finds over the whole class; beside "Key 9", a per-student mean reads right.
            found = f"{tally.found / len(view.students):.1f}"
            for col, value in enumerate((str(tally.marked), str(tally.key), found, f1), 1):
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

        def names(verb: str, who) -> str:
            return f"{verb} by {len(who)} of {size}; names hidden." if hidden else f"{verb} by: {', '.join(who)}"

        self.missed_list.clear()
        for tally in view.key_marks:
            if not tally.missed_by:
                continue
            key = tally.key
            item = QListWidgetItem(f"“{elide(key.quote, 60)}” — missed by {len(tally.missed_by)} of {size}")
            badge = self._badge(key.category)
            if badge is not None:
                item.setIcon(badge)
            kind = " (bonus)" if key.bonus else ""
            item.setToolTip(_rich(f"{self._category_name(key.category)}{kind}: “{key.quote}”", key.note,
                                  names("Missed", tally.missed_by)))
            item.setData(PASSAGE_ROLE, (key.start, key.end))
            item.setData(KEY_ID_ROLE, key.id)
            self.missed_list.addItem(item)
        if not self.missed_list.count():
            _note_item(self.missed_list, "No answer key for this article yet." if not view.key_marks
                       else "Every student found every key mark.")

        self.extras_list.clear()
        for extra in view.common_extras:
            category = self._category_name(extra.category)
            item = QListWidgetItem(f"{category}: “{elide(extra.quote, 50)}” — {_students(len(extra.students))}")
            badge = self._badge(extra.category)
            if badge is not None:
                item.setIcon(badge)
            item.setToolTip(_rich(f"{category}: “{extra.quote}”", names("Marked", extra.students)))
            item.setData(PASSAGE_ROLE, (extra.start, extra.end))
            self.extras_list.addItem(item)
        if not self.extras_list.count():
            _note_item(self.extras_list, "No passage outside the key was marked by two or more students.")

        self.similar_list.clear()
        for pair in view.similar:
            first, second = (anonymous.get(pair.first, "a student"), anonymous.get(pair.second, "a student")) \
                if hidden else (pair.first, pair.second)
            reason = _without_names(pair.reason, view.students, anonymous) if hidden else pair.reason
            item = QListWidgetItem(f"{first} & {second} — {reason}")
            notes = f"{pair.shared_notes} identical note{'' if pair.shared_notes == 1 else 's'}"
            item.setToolTip(_rich(f"{round(pair.similarity * 100)}% alike, {notes}."))
            self.similar_list.addItem(item)
        if not self.similar_list.count():
            _note_item(self.similar_list, "No two hand-ins look alike.")

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
