"""Every word Lede shows or prints, in the language the person chose.

Why gettext and not Qt's ``tr()``: the same sentences reach people through the Qt windows, the worksheets
(ReportLab), the ``lede`` command and the application layer's messages, and only the first of those may
import Qt. One gettext catalog per language serves all of them; Qt's own strings (the standard buttons of
its dialogs) come from the ``qtbase`` catalogues PySide6 ships (``ui/language.py`` loads them).

Use::

    from desktop_app.i18n import _, ngettext, N_

    _("Hand in")                                     # at the moment the text is shown
    _("Marks by {name}: {count}").format(name=..., count=...)   # named fields: translators move them
    ngettext("{count} mark", "{count} marks", n).format(count=n)
    LABELS = {"a4": N_("A4")}  ... _(LABELS[key])    # module-level text: marked, translated when shown

Never call ``_`` at import time (a module-level constant would keep the language of the moment it was
imported); mark it with ``N_`` and translate where it is shown. The catalogs live in
``resources/translations`` (``scripts/update-translations`` extracts, merges and compiles them).
"""

from __future__ import annotations

import gettext as _gettext

from desktop_app.i18n.catalogs import LANGUAGES, RIGHT_TO_LEFT, load_translations

__all__ = [
    "LANGUAGES", "N_", "_", "choose_language", "language", "ngettext", "pgettext", "right_to_left",
    "use_language",
]

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """For a word that needs two translations ("Source" the category, "Source" the file an article came from)."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for "mark for translation, translate later"
    return message


def language() -> str:
    """The language Lede speaks now: "en", "es", "he" (or "pseudo" in the tests)."""
    return _language


def right_to_left() -> bool:
    return _language in RIGHT_TO_LEFT


def use_language(code: str | None) -> str:
    """Switches every later ``_()`` to ``code`` (one of LANGUAGES, or "pseudo"); returns the language in use.

    A language Lede has no catalog for, or whose catalog cannot be read, falls back to English: a lab must
    never be locked out of the program by its language setting."""
    global _translations, _language
    chosen = choose_language(code)
    translations = load_translations(chosen)
    if chosen not in ("en", "pseudo") and type(translations) is _gettext.NullTranslations:
        chosen = "en"  # its catalog could not be read (load_translations logged why)
    _translations, _language = translations, chosen
    return _language


def choose_language(*wishes: str | None) -> str:
    """The first of ``wishes`` Lede speaks (a person's choice, the lab's preset, then the system's languages);
    "en" when none. A wish may be a locale name such as "es_MX.UTF-8" or "he-IL"."""
    from desktop_app.i18n.system import system_languages

    for wish in (*wishes, *system_languages()):
        if not wish:
            continue
        if wish == "pseudo":
            return wish
        code = wish.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"
