"""A teacher's or a student's computer: asked at the first start (or preset by the lab), changeable under View;
a student's computer hides the sample, the answer key and the teacher's menus, and its welcome says what to do
first. The marks list keeps room for eight rows at 1366x768, and long lines are held to a reading measure."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.application.machine_settings import machine_settings
from desktop_app.ui.computer_role import SETTING, STUDENT, TEACHER, ask_role, chosen_role
from desktop_app.ui.welcome import SEEN_SETTING


def _settings(tmp_path, **values) -> QSettings:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    for key, value in values.items():
        settings.setValue(key, value)
    settings.sync()
    return settings


def _answer(text: str) -> None:
    def click() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                for button in widget.buttons():
                    if button.text() == text:
                        button.click()
                        return
        QTimer.singleShot(20, click)

    QTimer.singleShot(20, click)


def test_the_first_start_asks_who_uses_the_computer_and_remembers(qtbot, tmp_path):
    settings = _settings(tmp_path)
    assert chosen_role(settings) is None
    _answer("A student")
    assert ask_role(None, settings) == STUDENT
    assert chosen_role(settings) == STUDENT and settings.value(SETTING) == STUDENT


def test_the_labs_preset_wins_and_cannot_be_changed_here(make_window, tmp_path, monkeypatch):
    ini = tmp_path / "lede.ini"
    ini.write_text("[lede]\nrole = student\n", encoding="utf-8")
    monkeypatch.setenv("LEDE_MACHINE_SETTINGS", str(ini))
    machine_settings.cache_clear()
    try:
        assert chosen_role(_settings(tmp_path, **{SETTING: TEACHER})) == STUDENT
        window = make_window()
        assert window.role_mode.student and not window.role_mode.action.isEnabled()
    finally:
        machine_settings.cache_clear()


def test_a_students_computer_hides_the_sample_the_key_and_the_teachers_menus(make_window, qtbot):
    teacher = make_window()
    assert teacher.library_model.rowCount() == 1  # the sample
    assert teacher.classroom_menu.menuAction().isVisible() and teacher.key_action.isVisible()
    assert teacher.welcome.isVisibleTo(teacher) and "sample article" in teacher.welcome.text.text()

    teacher.role_mode.action.trigger()  # View ▸ Student's computer
    assert teacher.role_mode.student and teacher.settings.value(SETTING) == STUDENT
    assert teacher.library_model.rowCount() == 0 and teacher.desk.article is None
    assert not teacher.classroom_menu.menuAction().isVisible()
    assert not teacher.key_action.isVisible() and not teacher.suggestions.action.isVisible()
    assert "Open the assignment your teacher gave you" in teacher.welcome.text.text()
    assert teacher.welcome.open_button.isVisibleTo(teacher)

    teacher.close()
    student = make_window()  # the next start remembers
    assert student.role_mode.student and student.library_model.rowCount() == 0
    student.role_mode.action.trigger()
    assert student.library_model.rowCount() == 1 and student.classroom_menu.menuAction().isVisible()


def test_the_teachers_welcome_goes_once_dismissed(make_window):
    window = make_window()
    window.welcome.done_button.click()
    assert window.welcome.isHidden() and window.settings.value(SEEN_SETTING, type=bool)
    window.close()
    assert make_window().welcome.isHidden()


def test_the_article_header_shows_title_and_outlet_above_the_text(make_window):
    window = make_window()
    details = window.desk.article.details
    assert window.header.title.text() == details.title
    assert details.outlet in window.header.byline.text()


def test_eight_marks_fit_in_the_list_with_a_mark_selected_at_1366x768(make_window, qtbot):
    window = make_window()
    window.resize(1270, 714)  # the window at 1366x768, inside the taskbar
    text = window.desk.article.text
    for word in ("Councillor Margaret Osei", "crumbling", "residents"):
        start = text.index(word)
        window.view.select_range(start, start + len(word))
        window.apply_category("source")
    qtbot.wait(20)
    rows = window.panel.mark_list.viewport().height() // window.panel.mark_list.rowHeight(0)
    assert rows >= 8, rows
    assert window.height() <= 714


def test_long_lines_are_held_to_a_reading_measure_on_a_wide_window(make_window, qtbot):
    window = make_window()
    window.resize(1900, 1000)
    qtbot.wait(20)
    frame = window.view.document().rootFrame().frameFormat()
    text_width = window.view.viewport().width() - frame.leftMargin() - frame.rightMargin()
    assert text_width <= window.view.fontMetrics().averageCharWidth() * 76
    assert abs(frame.leftMargin() - frame.rightMargin()) < 1  # centred
