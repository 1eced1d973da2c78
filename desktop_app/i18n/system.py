"""The languages the person's system asks for, most wanted first, without Qt (the ``lede`` command uses it too)."""

from __future__ import annotations

import locale
import os
import sys


def system_languages() -> list[str]:
    wanted: list[str] = []
    # gettext's own order: LANGUAGE may list several ("es:en"); LC_ALL, LC_MESSAGES and LANG name one each.
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            wanted.extend(part for part in value.split(":") if part and part not in ("C", "POSIX"))
            if variable != "LANGUAGE":
                break
    if not wanted and sys.platform == "win32":
        wanted.extend(_windows_ui_languages())
    if not wanted:
        name = locale.getlocale(locale.LC_MESSAGES if hasattr(locale, "LC_MESSAGES") else locale.LC_CTYPE)[0]
        if name:
            wanted.append(name)
    return wanted


def _windows_ui_languages() -> list[str]:
    try:
        import ctypes

        lang_id = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
        name = locale.windows_locale.get(lang_id)
        return [name] if name else []
    except (AttributeError, OSError):
        return []
