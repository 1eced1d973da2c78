"""Which language Lede speaks at start: the first of these that Lede has a catalog for.

1. ``LEDE_LANGUAGE`` in the environment (a one-off: ``LEDE_LANGUAGE=he lede``; the tests run in English with it),
2. the person's own choice (View ▸ Language, remembered per account; the windows only),
3. the lab's preset (``language =`` in the machine-wide settings file, docs/deploying.md),
4. the system's languages (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; Windows' display language),
5. English.
"""

from __future__ import annotations

import os

from desktop_app.i18n import choose_language, use_language

ENV_VAR = "LEDE_LANGUAGE"


def start_language(personal: str | None = None, lab: str | None = None) -> str:
    """Sets the language for this run and returns it."""
    return use_language(choose_language(os.environ.get(ENV_VAR), personal, lab))
