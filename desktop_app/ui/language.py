"""The windows' language: Lede's own catalogs (desktop_app.i18n), Qt's for its standard buttons, the layout
direction, and View ▸ Language.

Lede's texts are gettext (see desktop_app/i18n for why); the buttons Qt makes itself (OK, Cancel, Yes, No in a
message box, a file dialog's labels) come from the ``qtbase`` catalogs PySide6 ships, loaded here. In Hebrew
the whole interface is mirrored right to left (Qt's layout direction); an article keeps its own direction.

A new choice takes effect at the next start: every window would otherwise have to be built again around the
work in it. It is remembered per account and wins over the lab's preset.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, Qt, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget

from desktop_app import APP_NAME
from desktop_app.i18n import LANGUAGES, _, right_to_left
from desktop_app.i18n.choice import start_language

SETTING = "ui/language"
_qt_translators: list[QTranslator] = []  # kept alive as long as the application


def apply_language(app: QCoreApplication, settings: QSettings) -> str:
    """Chooses this run's language, before any window is built; returns it."""
    from desktop_app.application.machine_settings import machine_settings

    chosen = settings.value(SETTING)
    code = start_language(personal=str(chosen) if chosen else None, lab=machine_settings().language)
    for old in _qt_translators:
        app.removeTranslator(old)
    _qt_translators.clear()
    if code not in ("en", "pseudo"):
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{code}", folder):
            app.installTranslator(translator)
            _qt_translators.append(translator)
    if code != "pseudo":
        # Qt's own words and formats follow too: a date field's month names, a calendar's weekdays.
        from desktop_app.i18n.formats import current_locale

        QLocale.setDefault(QLocale(str(current_locale())))
    direction = Qt.LayoutDirection.RightToLeft if right_to_left() else Qt.LayoutDirection.LeftToRight
    QApplication.setLayoutDirection(direction)
    return code


def add_language_menu(parent: QWidget, menu: QMenu, settings: QSettings) -> QMenu:
    """View ▸ Language: the system's language, or one of Lede's, each listed by its own name."""
    languages = menu.addMenu(_("&Language"))
    group = QActionGroup(languages)
    current = settings.value(SETTING) or ""
    for code, name in [("", _("The computer's language")), *LANGUAGES.items()]:
        action = QAction(name, languages)
        action.setCheckable(True)
        action.setChecked(code == current)
        action.triggered.connect(lambda _checked=False, c=code, n=name: _choose(parent, settings, c, n))
        group.addAction(action)
        languages.addAction(action)
    return languages


def _choose(parent: QWidget, settings: QSettings, code: str, name: str) -> None:
    settings.setValue(SETTING, code)
    settings.sync()
    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME,
                      _("{language} from the next start of Lede. Your work stays as it is.").format(language=name),
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
