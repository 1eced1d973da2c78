"""Lists in a sentence, in the person's language: "3 hand-ins, 2 grades and 14 comments", "Ana and Ben".

Not Babel's list patterns: CLDR's English puts a comma before "and" ("2 grades, and 14 comments"), which Lede's
English never wrote; the two patterns below are translated like any other text instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.i18n import pgettext


def and_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c' (the words between them translated)."""
    if not items:
        return ""
    text = items[0]
    for i, item in enumerate(items[1:], start=2):
        if i < len(items):
            # Translators: joins the items of a list but the last: "3 hand-ins, 2 grades" (then "… and 14 comments").
            text = pgettext("list", "{items}, {item}").format(items=text, item=item)
        else:
            # Translators: joins the last item of a list: "3 hand-ins, 2 grades and 14 comments", "Ana and Ben".
            text = pgettext("list", "{items} and {last}").format(items=text, last=item)
    return text
