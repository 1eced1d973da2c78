"""The languages Lede ships and their compiled catalogs (``resources/translations/<code>.mo``)."""

from __future__ import annotations

import gettext
import logging
import struct

from desktop_app.resource_files import resource_path

log = logging.getLogger(__name__)

DOMAIN = "lede"
# Each language by its own name, as the language menu lists it (a person who cannot read English must find it).
LANGUAGES = {"en": "English", "es": "Español", "he": "עברית"}
RIGHT_TO_LEFT = frozenset({"he", "ar"})


def catalog_path(code: str):
    return resource_path("translations", f"{code}.mo")


def load_translations(code: str) -> gettext.NullTranslations:
    if code == "pseudo":
        from desktop_app.i18n.pseudo import PseudoTranslations

        return PseudoTranslations()
    if code == "en":
        return gettext.NullTranslations()  # the messages are written in English
    path = catalog_path(code)
    try:
        with open(path, "rb") as handle:
            return gettext.GNUTranslations(handle)
    except (OSError, ValueError, struct.error) as exc:  # the last two: a damaged catalog
        log.warning("the %s translation (%s) cannot be read (%s); Lede speaks English", code, path, exc)
        return gettext.NullTranslations()
