"""A pseudo-language for the tests: every translatable text comes back with its letters accented and in ⟦ ⟧.

A window run under it shows at once which texts never went through ``_()``: they are the ones still in plain
ASCII letters. Placeholders ({name}, %s), markup (<b>), entities and the names of keys are kept, so the text
still formats and the shortcuts it names stay true.
"""

from __future__ import annotations

import gettext
import re

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


class PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)
