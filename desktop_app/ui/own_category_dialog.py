"""A teacher's own category for one assignment, and the colour and line samples both dialogs draw.

Split out of assignment_dialog.py, which had grown past one idea: this file holds the small "Add your own
category" dialog together with what it shares with the assignment dialog's category rows (the colour-blind-safe
palette, the names and icons of the lines drawn under marks, and the plain-text and error labels). The dialog
only collects a name, colour, line and question; core.assignments.custom_category checks them and picks the
key, letter and shortcut.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (QColorDialog, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from desktop_app.i18n import N_, _
from desktop_app.ui.look import warning_colour
from desktop_app.core.assignments import AssignmentError, custom_category
from desktop_app.core.categories import CUES, Category
from desktop_app.ui.cues import draw_cue

# Okabe & Ito (2008): eight colours told apart by the common forms of colour blindness. The five standard
# categories use the first five; a teacher's own category gets the first one not yet in play.
# The names are marked here and translated where they are shown (_(name)).
PALETTE = ((N_("Blue"), "#0072B2"), (N_("Vermilion"), "#D55E00"), (N_("Bluish green"), "#009E73"),
           (N_("Orange"), "#E69F00"), (N_("Reddish purple"), "#CC79A7"), (N_("Sky blue"), "#56B4E9"),
           (N_("Yellow (faint on white)"), "#F0E442"), (N_("Black"), "#000000"))
CUE_NAMES = {"box": N_("Box"), "wave": N_("Wavy line"), "solid": N_("Solid underline"),
             "dashed": N_("Dashed underline"), "double": N_("Double underline"), "dotted": N_("Dotted underline")}
OTHER_COLOUR = "other"


def cue_name(cue: str) -> str:
    """The name of a line drawn under marks, in the person's language ("Wavy line")."""
    return _(CUE_NAMES[cue]) if cue in CUE_NAMES else cue


def _swatch(colour: str, size: int = 16) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setPen(QColor(colour).darker(140))
    p.setBrush(QColor(colour))
    p.drawRect(1, 1, size - 3, size - 3)
    p.end()
    return QIcon(pix)


def cue_icon(cue: str, colour: str = "#333333", width: int = 36, height: int = 16) -> QIcon:
    """A short sample of the line a category draws under a mark, drawn by the desk's own cue painter."""
    pix = QPixmap(width, height)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw_cue(p, cue, QColor(colour), QRectF(3, 2, width - 6, height - 8), height - 8, 0, False)
    p.end()
    return QIcon(pix)


def plain_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # teachers' words are data, never markup
    return label


def error_style(widget: QWidget) -> str:
    """Red text that stays readable on the widget's background, in a light or a dark palette."""
    return f"color: {warning_colour(widget)}"


def error_label(name: str, parent: QWidget) -> QLabel:
    label = plain_label("", parent)
    label.setObjectName(name)
    label.setAccessibleName(_("Problem"))
    label.setStyleSheet(error_style(label))
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


class OwnCategoryDialog(QDialog):
    """Name, colour, line and question of a teacher's own category; core picks a key, letter and shortcut."""

    def __init__(self, taken: Sequence[Category], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add your own category"))
        self.setMinimumWidth(420)
        self._taken = tuple(taken)
        self._category: Category | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setObjectName("own_name")
        self.name.setAccessibleName(_("Name of the new category"))
        self.name.setPlaceholderText(_("e.g. Statistic"))
        self.name.setMaxLength(40)
        form.addRow(_("&Name:"), self.name)

        self.colour = QComboBox(self)
        self.colour.setObjectName("own_colour")
        self.colour.setAccessibleName(_("Colour of the new category"))
        for label, hex_colour in PALETTE:
            self.colour.addItem(_swatch(hex_colour), _(label), hex_colour)
        self.colour.addItem(_("Other…"), OTHER_COLOUR)
        used = {c.colour.upper() for c in self._taken}
        free = [i for i, (_, hex_colour) in enumerate(PALETTE) if hex_colour not in used]
        self.colour.setCurrentIndex(free[0] if free else 0)
        self._colour_index = self.colour.currentIndex()
        self.colour.activated.connect(self._on_colour_chosen)
        form.addRow(_("&Colour:"), self.colour)

        self.cue = QComboBox(self)
        self.cue.setObjectName("own_cue")
        self.cue.setAccessibleName(_("Line drawn under the new category's marks"))
        self.cue.setToolTip(_("Colour alone fails on a black-and-white printer and for colour-blind students; "
                              "the line tells the categories apart too."))
        for cue in CUES:
            self.cue.addItem(cue_icon(cue), cue_name(cue), cue)
        used_cues = {c.cue for c in self._taken}
        self.cue.setCurrentIndex(next((i for i, c in enumerate(CUES) if c not in used_cues), 0))
        form.addRow(_("&Line:"), self.cue)

        self.question = QLineEdit(self)
        self.question.setObjectName("own_question")
        self.question.setAccessibleName(_("Question students answer in the note"))
        self.question.setPlaceholderText(_("What should students write in the note?"))
        self.question.setMaxLength(300)
        form.addRow(_("&Question:"), self.question)
        layout.addLayout(form)

        self.error = error_label("own_error", self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        add = buttons.addButton(_("Add category"), QDialogButtonBox.ButtonRole.AcceptRole)
        add.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.name.setFocus()

    def fill(self, name: str, colour: str, cue: str, question: str) -> None:
        """Puts values in the fields as if typed and picked (tests, and a caller suggesting a category)."""
        self.name.setText(name)
        self.set_colour(colour)
        self.cue.setCurrentIndex(max(0, self.cue.findData(cue)))
        self.question.setText(question)

    def chosen_colour(self) -> str:
        return str(self.colour.currentData())

    def set_colour(self, hex_colour: str) -> None:
        index = next((i for i in range(self.colour.count())
                      if str(self.colour.itemData(i)).upper() == hex_colour.upper()), -1)
        if index < 0:  # not in the palette: a custom entry just before "Other…"
            index = self.colour.count() - 1
            self.colour.insertItem(index, _swatch(hex_colour), _("Custom {colour}").format(colour=hex_colour.upper()),
                                   hex_colour.upper())
        self.colour.setCurrentIndex(index)
        self._colour_index = index

    def _on_colour_chosen(self, index: int) -> None:
        if self.colour.itemData(index) != OTHER_COLOUR:
            self._colour_index = index
            return
        picked = QColorDialog.getColor(QColor(str(self.colour.itemData(self._colour_index))), self,
                                       _("Colour for the new category"))
        if picked.isValid():
            self.set_colour(picked.name())
        else:
            self.colour.setCurrentIndex(self._colour_index)

    def category(self) -> Category | None:
        return self._category

    def accept(self) -> None:
        try:
            self._category = custom_category(self.name.text(), self.chosen_colour(), str(self.cue.currentData()),
                                             self.question.text(), self._taken)
        except AssignmentError as exc:
            show_error(self.error, str(exc))
            return
        super().accept()
