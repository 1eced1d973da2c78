"""The Suggestions panel: the list of suggested key marks with their reasons, one switch per category, the
loaded-language setting, and the keys that decide (Enter accepts, Ctrl+Enter accepts to edit, Del rejects).
There is no "accept all": each suggestion is read and decided on its own. It shows; ui.suggestions decides.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from desktop_app.core.categories import CategorySet
from desktop_app.i18n import _, ngettext, pgettext
from desktop_app.suggest import FEWER, MORE, SUGGESTED_CATEGORIES, Suggestion
from desktop_app.ui.look import elide, plain_tip

KEY_ROLE = Qt.ItemDataRole.UserRole
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _quoted(quote: str) -> str:
    """The passage on one line in quotation marks (its own, when it is a quotation)."""
    text = elide(" ".join(quote.split()), 70)
    return text if text[:1] in "“\"‘" else f"“{text}”"


class SuggestionList(QListWidget):
    """The list takes Enter and Del itself, before the window's own Delete-mark shortcut can."""

    accepted = Signal(bool)  # edit afterwards?
    rejected = Signal()
    closed = Signal()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if event.key() in (*_ENTER, Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Escape):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in _ENTER:
            self.accepted.emit(bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.rejected.emit()
        elif key == Qt.Key.Key_Escape:
            self.closed.emit()
        else:
            super().keyPressEvent(event)


class SuggestionPanel(QWidget):
    settingsChanged = Signal()  # a category switched on or off, or the loaded-language setting changed
    current = Signal(object)  # the selected Suggestion, or None

    def __init__(self, categories: CategorySet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories = categories
        self._items: list[Suggestion] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        intro = QLabel(_("Suggestions for the answer key, from small models trained on labelled news. None is in "
                         "the key until you accept it; students never see them. Hover one in the article for its "
                         "reason."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        switches = QHBoxLayout()
        self.switches: dict[str, QCheckBox] = {}
        for key, mnemonic in zip(SUGGESTED_CATEGORIES, (_("&Sources"), _("A&ttributed claims"),
                                                        _("Loa&ded language")), strict=True):
            box = QCheckBox(mnemonic)
            box.setChecked(True)
            box.toggled.connect(lambda _checked: self.settingsChanged.emit())
            switches.addWidget(box)
            self.switches[key] = box
        layout.addLayout(switches)
        loaded_row = QHBoxLayout()
        loaded_label = QLabel(_("Loaded language:") + " ")
        self.loaded_setting = QComboBox()
        # Translators: how many loaded-language suggestions: fewer, and those the model is surer of.
        self.loaded_setting.addItem(_("fewer, surer"), FEWER)
        self.loaded_setting.addItem(pgettext("how many loaded-language suggestions", "more"), MORE)
        self.loaded_setting.setAccessibleName(_("How many loaded-language suggestions"))
        self.loaded_setting.currentIndexChanged.connect(lambda _i: self.settingsChanged.emit())
        loaded_label.setBuddy(self.loaded_setting)
        loaded_row.addWidget(loaded_label)
        loaded_row.addWidget(self.loaded_setting, 1)
        layout.addLayout(loaded_row)
        self.list = SuggestionList()
        self.list.setAccessibleName(_("Suggested marks"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(lambda *_: self.current.emit(self.selected()))
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton(_("Accept (Enter)"))
        self.edit_button = QPushButton(_("Accept and edit (Ctrl+Enter)"))
        self.reject_button = QPushButton(_("Reject (Del)"))
        for button in (self.accept_button, self.edit_button, self.reject_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys work in the list; focus stays there
            buttons.addWidget(button)
        self.accept_button.clicked.connect(lambda: self.list.accepted.emit(False))
        self.edit_button.clicked.connect(lambda: self.list.accepted.emit(True))
        self.reject_button.clicked.connect(self.list.rejected.emit)
        layout.addLayout(buttons)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        self.rates = QLabel("")  # names the categories, which a teacher may have named herself: plain text
        self.rates.setWordWrap(True)
        self.rates.setTextFormat(Qt.TextFormat.PlainText)
        self.rates.setObjectName("acceptance_rates")
        layout.addWidget(self.rates)

    # --- reading the settings -------------------------------------------------------------------
    def chosen_categories(self) -> tuple[str, ...]:
        return tuple(k for k, box in self.switches.items() if box.isChecked())

    def chosen_loaded_setting(self) -> str:
        return str(self.loaded_setting.currentData())

    # --- the list --------------------------------------------------------------------------------
    def show_items(self, items: list[Suggestion], notice: str = "") -> None:
        self._items = list(items)
        self.list.clear()
        for s in items:
            category = self.categories.get(s.category)
            letter = category.letter if category else "?"
            name = category.name if category else s.category
            item = QListWidgetItem(f"{letter}  {_quoted(s.quote)}\n     {s.reason}")
            item.setData(KEY_ROLE, s.key)
            # Translators: {category} is a category's name in lower case; {reason} says why it was suggested.
            item.setToolTip(plain_tip(_("Suggested {category}: {reason}").format(category=name.lower(),
                                                                                 reason=s.reason)))
            self.list.addItem(item)
        if items:
            self.list.setCurrentRow(0)
        self.status.setText(notice or self._count_text())
        self._enable()

    def remove(self, key: str) -> None:
        """Takes a decided suggestion out and selects the one after it (or the one before, at the end)."""
        row = next((i for i in range(self.list.count()) if self.list.item(i).data(KEY_ROLE) == key), None)
        if row is None:
            return
        self._items = [s for s in self._items if s.key != key]
        self.list.takeItem(row)
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        self.status.setText(self._count_text())
        self._enable()

    def select(self, key: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(KEY_ROLE) == key:
                self.list.setCurrentRow(i)
                return

    def selected(self) -> Suggestion | None:
        item = self.list.currentItem()
        if item is None:
            return None
        key = item.data(KEY_ROLE)
        return next((s for s in self._items if s.key == key), None)

    def items(self) -> list[Suggestion]:
        return list(self._items)

    def _count_text(self) -> str:
        if not self._items:
            return _("No suggestions left: every one was decided, or is already in the key.")
        count = len(self._items)
        return ngettext("{count} suggestion to decide.", "{count} suggestions to decide.", count).format(count=count)

    def _enable(self) -> None:
        has = bool(self._items)
        for button in (self.accept_button, self.edit_button, self.reject_button):
            button.setEnabled(has)
