"""The assignment dialog driven as a teacher uses it: accept the defaults, tick, count, add a category, edit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, QDateTime, QSettings, Qt, QTime, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QApplication, QCheckBox, QColorDialog, QComboBox, QDateTimeEdit, QDialog,
                               QDoubleSpinBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox,
                               QToolButton, QWidget)

from desktop_app.core.assignments import MAX_INSTRUCTIONS, Assignment, AssignmentError, custom_category, validate
from desktop_app.resources import default_categories
from desktop_app.ui.assignment_dialog import AssignmentDialog, next_school_morning
from desktop_app.ui.own_category_dialog import OwnCategoryDialog

ARTICLE = "Eastgate library faces closure as council weighs car park"
STANDARD_KEYS = ("source", "loaded_language", "attributed_claim", "unattributed_claim", "opposing_view")


@pytest.fixture
def standard():
    return default_categories()


@pytest.fixture
def open_dialog(qtbot, standard):
    def build(**kwargs) -> AssignmentDialog:
        kwargs.setdefault("article_title", ARTICLE)
        dialog = AssignmentDialog(standard, **kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return build


def press_ok(qtbot, dialog: AssignmentDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def check(dialog, key: str) -> QCheckBox:
    return dialog.findChild(QCheckBox, f"category_{key}")


def test_the_defaults_make_a_valid_assignment_with_the_five_categories(qtbot, open_dialog, standard):
    dialog = open_dialog()
    title = dialog.findChild(QLineEdit, "title")
    assert title.hasSelectedText() and title.selectedText() == ARTICLE  # typing replaces it at once
    press_ok(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    made = dialog.assignment()
    validate(made)
    assert (made.uid, made.role, made.article_id, made.seal, made.id) == ("", "teacher", None, "", None)
    assert made.title == ARTICLE
    assert "answer the question in the note" in made.instructions
    assert made.categories == tuple(standard)
    assert dict(made.minimums) == {}
    assert made.total_points == 10.0
    assert made.due_at is not None and made.due_at.tzinfo is not None
    assert made.due_at == next_school_morning()
    assert not dialog.findChild(QLabel, "error").isVisible()


def test_next_school_morning_skips_the_weekend():
    local = datetime.now().astimezone().tzinfo
    friday_noon = datetime(2031, 5, 16, 12, 0, tzinfo=local)
    assert friday_noon.weekday() == 4
    assert next_school_morning(friday_noon) == datetime(2031, 5, 19, 8, 0).astimezone()
    assert next_school_morning(friday_noon + timedelta(days=1)) == datetime(2031, 5, 19, 8, 0).astimezone()
    assert next_school_morning(friday_noon - timedelta(days=3)) == datetime(2031, 5, 14, 8, 0).astimezone()


def test_unticking_every_category_disables_ok_and_says_why(qtbot, open_dialog):
    dialog = open_dialog()
    hint = dialog.findChild(QLabel, "category_hint")
    assert not hint.isVisible()
    for key in STANDARD_KEYS:
        qtbot.mouseClick(check(dialog, key), Qt.MouseButton.LeftButton)
    assert not dialog.ok_button.isEnabled()
    assert hint.isVisible() and "at least one category" in hint.text()
    check(dialog, "opposing_view").setChecked(True)
    assert dialog.ok_button.isEnabled()
    assert not hint.isVisible()


def test_minimums_count_only_for_categories_in_play(qtbot, open_dialog, standard):
    dialog = open_dialog()
    dialog.findChild(QSpinBox, "minimum_source").setValue(3)
    dialog.findChild(QSpinBox, "minimum_opposing_view").setValue(1)
    loaded = dialog.findChild(QSpinBox, "minimum_loaded_language")
    loaded.setValue(2)
    assert loaded.specialValueText() == "—"
    check(dialog, "loaded_language").setChecked(False)
    assert not loaded.isEnabled()
    press_ok(qtbot, dialog)

    made = dialog.assignment()
    assert dict(made.minimums) == {"source": 3, "opposing_view": 1}
    assert [c.key for c in made.categories] == [k for k in STANDARD_KEYS if k != "loaded_language"]
    assert made.minimum("source") == 3 and made.minimum("attributed_claim") == 0


def test_an_own_category_comes_after_the_standard_ones_and_can_be_removed(qtbot, open_dialog, standard):
    dialog = open_dialog()
    statistic = dialog.add_category("Statistic", "#56B4E9", "dotted", "Where does the number come from?")
    assert (statistic.key, statistic.shortcut, statistic.colour) == ("own_statistic", "6", "#56B4E9")
    row = check(dialog, "own_statistic")
    assert row.isChecked() and row.text() == "Statistic"
    dialog.findChild(QSpinBox, "minimum_own_statistic").setValue(2)
    quote = dialog.add_category("Quote", "#000000", "box", "")
    scratch = dialog.add_category("Scratch", "#000000", "box", "")
    assert scratch.shortcut == "8"
    # Only a teacher's own categories can be removed; the standard ones are unticked instead.
    qtbot.waitUntil(lambda: {b.objectName() for b in dialog.findChildren(QToolButton) if b.isVisible()} == {
        "remove_own_statistic", "remove_own_quote", "remove_own_scratch"})
    qtbot.mouseClick(dialog.findChild(QToolButton, "remove_own_scratch"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: check(dialog, "own_scratch") is None)
    press_ok(qtbot, dialog)

    made = dialog.assignment()
    validate(made)
    assert [c.key for c in made.categories] == [*STANDARD_KEYS, "own_statistic", "own_quote"]
    assert made.categories[5] == statistic and made.categories[6] == quote
    assert quote.shortcut == "7" and quote.question == "Why is this a quote?"
    assert dict(made.minimums) == {"own_statistic": 2}


def test_a_fifth_own_category_is_refused_and_the_button_says_so(open_dialog):
    dialog = open_dialog()
    button = dialog.findChild(QPushButton, "add_category")
    for name in ("Statistic", "Quote", "Expert", "Image"):
        assert button.isEnabled()
        dialog.add_category(name, "#56B4E9", "dotted", "")
    assert not button.isEnabled()
    assert "at most 4" in button.toolTip()
    with pytest.raises(AssignmentError, match="at most 4"):
        dialog.add_category("Headline", "#56B4E9", "dotted", "")


def test_a_name_that_clashes_is_explained_in_the_sub_dialog(qtbot, open_dialog, standard):
    dialog = open_dialog()
    with pytest.raises(AssignmentError, match="already a category called source"):
        dialog.add_category("source", "#56B4E9", "dotted", "")

    sub = OwnCategoryDialog(list(standard), dialog)
    qtbot.addWidget(sub)
    sub.show()
    sub.fill("Source", "#56B4E9", "dotted", "Who said it?")
    qtbot.keyClick(sub.name, Qt.Key.Key_Return)
    error = sub.findChild(QLabel, "own_error")
    assert sub.isVisible() and sub.result() != QDialog.DialogCode.Accepted and sub.category() is None
    assert error.isVisible() and error.text() == "There is already a category called Source."
    sub.name.setText("Sources cited")
    qtbot.keyClick(sub.name, Qt.Key.Key_Return)
    assert sub.result() == QDialog.DialogCode.Accepted
    assert sub.category().key == "own_sources_cited"


def test_the_add_button_opens_the_sub_dialog_and_adds_the_row(qtbot, open_dialog):
    dialog = open_dialog()
    seen = {}

    def fill_in() -> None:
        sub = QApplication.activeModalWidget()
        seen["sub"] = type(sub).__name__
        assert sub.findChild(QComboBox, "own_colour").currentData() == "#56B4E9"  # first colour not in play
        assert sub.findChild(QComboBox, "own_cue").currentData() == "dotted"  # the one line not in use
        qtbot.keyClicks(sub.findChild(QLineEdit, "own_name"), "Statistic")
        qtbot.keyClicks(sub.findChild(QLineEdit, "own_question"), "Where does the number come from?")
        qtbot.keyClick(sub.findChild(QLineEdit, "own_question"), Qt.Key.Key_Return)

    QTimer.singleShot(0, fill_in)
    qtbot.mouseClick(dialog.findChild(QPushButton, "add_category"), Qt.MouseButton.LeftButton)

    assert seen["sub"] == "OwnCategoryDialog"
    row = check(dialog, "own_statistic")
    assert row is not None and row.isChecked()
    assert "Where does the number come from?" in row.toolTip()
    press_ok(qtbot, dialog)
    assert dialog.assignment().categories[-1].name == "Statistic"


def test_other_colour_uses_the_colour_picker(qtbot, open_dialog, standard):
    sub = OwnCategoryDialog(list(standard))
    qtbot.addWidget(sub)
    sub.show()
    other = sub.colour.findData("other")

    def pick() -> None:
        picker = QApplication.activeModalWidget()
        assert isinstance(picker, QColorDialog)
        picker.setCurrentColor(QColor("#123456"))
        picker.accept()

    QTimer.singleShot(0, pick)
    sub.colour.setCurrentIndex(other)
    sub.colour.activated.emit(other)
    assert sub.chosen_colour() == "#123456"
    assert sub.colour.currentText() == "Custom #123456"

    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())  # a change of mind keeps it
    sub.colour.setCurrentIndex(sub.colour.findData("other"))
    sub.colour.activated.emit(sub.colour.findData("other"))
    assert sub.chosen_colour() == "#123456"


def test_editing_keeps_identity_categories_and_due_time(qtbot, open_dialog, standard):
    statistic = custom_category("Statistic", "#56B4E9", "dotted", "Where from?", list(standard))
    due = datetime(2031, 3, 4, 7, 30, 15, tzinfo=UTC)  # seconds and UTC, as storage may keep it
    existing = Assignment(uid="4f1c", title="Sources in the library story", article_id=3, instructions="Go.",
                          due_at=due, categories=(standard["source"], standard["opposing_view"], statistic),
                          minimums={"source": 2, "own_statistic": 1}, total_points=25.0, seal="s3cr3t", id=7)
    dialog = open_dialog(existing=existing)
    assert not check(dialog, "loaded_language").isChecked()
    assert check(dialog, "own_statistic").isChecked()
    assert dialog.findChild(QToolButton, "remove_own_statistic") is not None
    assert dialog.findChild(QSpinBox, "minimum_source").value() == 2
    assert dialog.findChild(QDoubleSpinBox, "total_points").value() == 25.0
    assert dialog.findChild(QPlainTextEdit, "instructions").toPlainText() == "Go."
    title = dialog.findChild(QLineEdit, "title")
    title.setText("Sources and numbers")
    press_ok(qtbot, dialog)

    made = dialog.assignment()
    assert (made.uid, made.id, made.seal, made.article_id) == ("4f1c", 7, "s3cr3t", 3)
    assert made.title == "Sources and numbers"
    assert made.categories == existing.categories
    assert dict(made.minimums) == {"source": 2, "own_statistic": 1}
    assert made.due_at == due and made.total_points == 25.0
    assert made == existing.with_changes(title="Sources and numbers")


def test_no_due_date_gives_none(qtbot, open_dialog):
    dialog = open_dialog()
    due = dialog.findChild(QDateTimeEdit, "due")
    qtbot.mouseClick(dialog.findChild(QCheckBox, "no_due"), Qt.MouseButton.LeftButton)
    assert not due.isEnabled()
    press_ok(qtbot, dialog)
    assert dialog.assignment().due_at is None


def test_the_due_time_is_stored_aware_in_local_time(qtbot, open_dialog):
    dialog = open_dialog(default_due=datetime(2031, 1, 6, 9, 0).astimezone())
    due = dialog.findChild(QDateTimeEdit, "due")
    assert due.calendarPopup()
    assert due.dateTime() == QDateTime(QDate(2031, 1, 6), QTime(9, 0))
    due.setDateTime(QDateTime(QDate(2031, 3, 4), QTime(14, 45)))
    press_ok(qtbot, dialog)
    stored = dialog.assignment().due_at
    assert stored.tzinfo is not None and stored.utcoffset() is not None
    assert stored == datetime(2031, 3, 4, 14, 45).astimezone()


def test_markup_typed_by_teachers_is_shown_literally(qtbot, open_dialog, standard):
    dialog = open_dialog(article_title="<i>Closure</i> & more")
    headings = [label for label in dialog.findChildren(QLabel) if "<i>Closure</i>" in label.text()]
    assert headings and all(label.textFormat() == Qt.TextFormat.PlainText for label in headings)
    dialog.add_category("<b>x</b>", "#56B4E9", "dotted", "<script>?</script>")
    row = check(dialog, "own_b_x_b")
    assert row.text() == "<b>x</b>"  # a check box never renders rich text
    assert "&lt;script&gt;" in row.toolTip()
    dialog.add_category("R&D", "#000000", "box", "")
    assert check(dialog, "own_r_d").text() == "R&&D"  # shown as "R&D", not as an Alt+D shortcut

    sub = OwnCategoryDialog([*standard, custom_category("<b>x</b>", "#56B4E9", "dotted", "", list(standard))])
    qtbot.addWidget(sub)
    sub.fill("<B>x</B>", "#56B4E9", "dotted", "")
    sub.accept()
    error = sub.findChild(QLabel, "own_error")
    assert error.text() == "There is already a category called <B>x</B>."
    assert error.textFormat() == Qt.TextFormat.PlainText


def test_a_bad_assignment_is_explained_inline_and_not_accepted(qtbot, open_dialog):
    dialog = open_dialog()
    error = dialog.findChild(QLabel, "error")
    dialog.findChild(QLineEdit, "title").clear()
    press_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert error.isVisible() and error.text().startswith("Give the assignment a title")
    assert error.textFormat() == Qt.TextFormat.PlainText

    dialog.findChild(QLineEdit, "title").setText("Sources")
    dialog.findChild(QPlainTextEdit, "instructions").setPlainText("x" * (MAX_INSTRUCTIONS + 1))
    press_ok(qtbot, dialog)
    assert dialog.isVisible() and "instructions are longer" in error.text()

    dialog.findChild(QPlainTextEdit, "instructions").setPlainText("Mark the sources.")
    press_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted and not error.isVisible()


def test_points_and_no_due_date_are_remembered(qtbot, open_dialog, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = open_dialog(settings=settings)
    first.findChild(QDoubleSpinBox, "total_points").setValue(25)
    first.findChild(QCheckBox, "no_due").setChecked(True)
    press_ok(qtbot, first)
    settings.sync()

    again = open_dialog(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert again.findChild(QDoubleSpinBox, "total_points").value() == 25.0
    assert again.findChild(QCheckBox, "no_due").isChecked()
    assert not again.findChild(QDateTimeEdit, "due").isEnabled()
    # A caller that proposes a due date wins over the remembered "no due date".
    proposed = open_dialog(settings=settings, default_due=datetime(2031, 1, 6, 9, 0).astimezone())
    assert not proposed.findChild(QCheckBox, "no_due").isChecked()


def test_every_input_has_an_accessible_name(open_dialog):
    dialog = open_dialog()
    for name in ("title", "instructions", "due", "no_due", "category_source", "minimum_source", "add_category",
                 "total_points", "error"):
        widget = dialog.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName(), name


def test_on_a_short_screen_the_dialog_fits_and_its_buttons_stay_in_reach(qtbot, open_dialog, monkeypatch):
    """At 200 % on a 1366x768 screen a window has 384 points of height: the form scrolls, the buttons do not."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 683, 360))
    dialog = open_dialog()
    assert dialog.height() <= 360 and dialog.width() <= 683
    bottom = dialog.ok_button.mapTo(dialog, dialog.ok_button.rect().bottomLeft()).y()
    assert dialog.ok_button.isVisible() and bottom <= dialog.height()
