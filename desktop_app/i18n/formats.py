"""Dates, times and numbers written as the person's language and region write them (Babel's CLDR data).

The region comes from the system when its language is the one Lede speaks (a teacher in Mexico reads
"27 nov 2026", one in Spain the same; an English teacher in Britain "27 Nov 2026", in the US "Nov 27, 2026");
otherwise the language's own default region. Babel is imported only when a date or number is first written.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from functools import cache, lru_cache

from desktop_app.i18n import language

log = logging.getLogger(__name__)


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


@cache
def babel_dates():
    """``babel.dates``, imported so that it keeps time zones with the standard library's zoneinfo.

    Babel prefers pytz when it is installed (dateparser, under trafilatura, brings it in), and on import it
    asks pytz for the computer's zone, which first checks that each of its ~600 zone files exists (pytz issue
    #88): 0.2 s of every start, more on a lab's slow disk. pytz is hidden while Babel's date modules are first
    imported, so they take zoneinfo (which Babel uses whenever pytz is absent), and put back for dateparser."""
    if "pytz" in sys.modules:  # already imported by someone else: nothing left to save
        import babel.dates

        return babel.dates
    sys.modules["pytz"] = None  # type: ignore[assignment]  # makes "import pytz" fail, as if not installed
    try:
        import babel.dates
    finally:
        del sys.modules["pytz"]
    return babel.dates


def _written(babel_call, fallback):
    """Babel's text, or a plain one when its locale data is missing (an installation missing a part: the dates
    still show, in ISO form, and the log says why, rather than the window failing on every date)."""
    try:
        return babel_call()
    except (OSError, LookupError, ValueError) as exc:
        log.warning("Babel's locale data cannot be read (%s); dates and numbers are written plainly", exc)
        return fallback()


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
    return _shown(_written(lambda: babel_dates().format_date(value, length, locale=current_locale()),
                           value.isoformat))


def format_datetime(value: dt.datetime, length: str = "medium") -> str:
    """A date with its time of day, without seconds (a due time, when a hand-in was made)."""
    dates = babel_dates()
    return _shown(_written(lambda: _date_and_time(dates.format_date(value, length, locale=current_locale()),
                                                  dates.format_time(value, "short", locale=current_locale())),
                           lambda: f"{value:%Y-%m-%d %H:%M}"))


def _date_and_time(date_text: str, time_text: str) -> str:
    pattern = current_locale().datetime_formats.get("medium", "{1} {0}")
    return str(pattern).replace("{1}", date_text).replace("{0}", time_text)


def format_time(value: dt.datetime | dt.time, seconds: bool = False) -> str:
    """14:05 / 2:05 PM as the region writes a time of day; ``seconds`` for a "Saved 14:05:09"."""
    return _shown(_written(lambda: babel_dates().format_time(value, "medium" if seconds else "short",
                                                             locale=current_locale()),
                           lambda: f"{value:%H:%M:%S}" if seconds else f"{value:%H:%M}"))


def format_number(value: float | int, decimals: int | None = None) -> str:
    """12,345.5 / 12.345,5 / 12,345.5 — the locale's separators; ``decimals`` fixes the digits after the point."""
    from babel.numbers import format_decimal

    if decimals is None:
        return _written(lambda: format_decimal(value, locale=current_locale()), lambda: str(value))
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return _written(lambda: format_decimal(value, format=pattern, locale=current_locale()),
                    lambda: f"{value:.{decimals}f}")


def format_percent(fraction: float, decimals: int = 0) -> str:
    """0.75 → 75 % / 75 % / 75% as the locale spaces it."""
    from babel.numbers import format_percent as babel_format_percent

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return _written(lambda: babel_format_percent(fraction, format=pattern, locale=current_locale()),
                    lambda: f"{fraction * 100:.{decimals}f}%")
