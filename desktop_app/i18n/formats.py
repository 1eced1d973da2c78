"""Dates, times and numbers written as the person's language and region write them (Babel's CLDR data).

The region comes from the system when its language is the one Lede speaks (a teacher in Mexico reads
"27 nov 2026", one in Spain the same; an English teacher in Britain "27 Nov 2026", in the US "Nov 27, 2026");
otherwise the language's own default region. Babel is imported only when a date or number is first written.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from desktop_app.i18n import language


@lru_cache(maxsize=8)
def _locale_for(code: str):
    from babel import Locale, UnknownLocaleError

    from desktop_app.i18n.system import system_languages

    if code == "pseudo":
        code = "en"
    for wish in system_languages():
        name = wish.split(".")[0].split("@")[0].replace("-", "_")
        if name.split("_")[0].lower() == code:
            try:
                return Locale.parse(name)
            except (ValueError, UnknownLocaleError):
                break
    return Locale.parse(code)


def current_locale():
    return _locale_for(language())


def _shown(text: str) -> str:
    """Under the tests' pseudo-language a date is dressed as every other text is: English month names in a
    pseudo-translated window would otherwise read as text that missed the translations."""
    if language() == "pseudo":
        from desktop_app.i18n.pseudo import pseudo

        return pseudo(text)
    return text


def format_date(value: dt.date, length: str = "medium") -> str:
    """'medium': 27 Nov 2026 / 27 nov 2026 / 27 בנוב׳ 2026; 'long' spells the month; 'short' is digits."""
    from babel.dates import format_date as babel_format_date

    return _shown(babel_format_date(value, length, locale=current_locale()))


def format_datetime(value: dt.datetime, length: str = "medium") -> str:
    """A date with its time of day, without seconds (a due time, when a hand-in was made)."""
    from babel.dates import format_date as babel_format_date
    from babel.dates import format_time

    return _shown(_date_and_time(babel_format_date(value, length, locale=current_locale()),
                                 format_time(value, "short", locale=current_locale())))


def _date_and_time(date_text: str, time_text: str) -> str:
    pattern = current_locale().datetime_formats.get("medium", "{1} {0}")
    return str(pattern).replace("{1}", date_text).replace("{0}", time_text)


def format_number(value: float | int, decimals: int | None = None) -> str:
    """12,345.5 / 12.345,5 / 12,345.5 — the locale's separators; ``decimals`` fixes the digits after the point."""
    from babel.numbers import format_decimal

    if decimals is None:
        return format_decimal(value, locale=current_locale())
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=current_locale())


def format_percent(fraction: float, decimals: int = 0) -> str:
    """0.75 → 75 % / 75 % / 75% as the locale spaces it."""
    from babel.numbers import format_percent as babel_format_percent

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return babel_format_percent(fraction, format=pattern, locale=current_locale())
