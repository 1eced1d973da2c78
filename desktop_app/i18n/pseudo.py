"""A pseudo-language for the tests: every translatable text comes back with its letters accented and in ⟦ ⟧.

A window run under it shows at once which texts never went through ``_()``: they are the ones still in plain
ASCII letters. Only the texts the catalog template holds (``lede.pot``, what scripts/update-translations
extracted) are dressed: a text passed to ``_()`` in a way the extractor cannot see (inside an f-string, a
variable) would reach no translator, so it stays plain English here too and the walk finds it.

Placeholders ({name}, %s), markup (<b>), entities and the names of keys are kept, so the text still formats and
the shortcuts it names stay true.
"""

from __future__ import annotations

import gettext
import re
from functools import cache

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒĝĥíĵķĺɱñóþʠŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓÞɊŔŠŢÚṼŴẊÝŽ",
)
# Kept as written: format fields, printf fields, tags and entities, and the key names a sentence tells a
# person to press (a translator keeps those too: the keyboard says "Ctrl" in every language here).
KEPT = re.compile(
    r"\{[^{}]*\}|%\([a-z_]+\)[sd]|%[sd]|<[^<>]+>|&[a-z]+;|\.lede[a-z]+\b"
    r"|\b(?:Ctrl|Shift|Alt)\+[\w+=\-]+"
    r"|\b(?:Ctrl|Shift|Alt|Esc|Del|Enter|Tab|Space|Backspace|Home|End|PgUp|PgDn|F\d+|Lede|PDF|CSV|JSON|URL|OK)\b"
)
OPEN, CLOSE = "⟦", "⟧"


def pseudo(message: str) -> str:
    if not message or (message.startswith(OPEN) and message.endswith(CLOSE)):
        return message  # already dressed: a standard category's name read back from a pack
    parts = []
    position = 0
    for kept in KEPT.finditer(message):
        parts.append(message[position:kept.start()].translate(_ACCENTED))
        parts.append(kept.group())
        position = kept.end()
    parts.append(message[position:].translate(_ACCENTED))
    return OPEN + "".join(parts) + CLOSE


@cache
def extracted() -> frozenset[tuple[str | None, str]] | None:
    """(context, msgid) of every text in the catalog template; None when there is no template to read (an
    installed Lede ships only the compiled catalogs), and then every text is dressed."""
    from desktop_app.resource_files import resource_path

    path = resource_path("translations", "lede.pot")
    try:
        from babel.messages.pofile import read_po

        with open(path, "rb") as handle:
            template = read_po(handle)
    except (OSError, ImportError):
        return None
    found = set()
    for message in template:
        if message.id:
            ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
            found.add((message.context, ids[0]))
    return frozenset(found)


def _shown(context: str | None, message: str, shown: str) -> str:
    known = extracted()
    return pseudo(shown) if known is None or (context, message) in known else shown


class PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return _shown(None, message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return _shown(None, msgid1, msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return _shown(context, message, message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return _shown(context, msgid1, msgid1 if n == 1 else msgid2)
