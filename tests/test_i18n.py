"""The translation layer itself: which language is chosen, what happens when a catalog is missing or damaged,
the pseudo-language the on-screen test uses, and dates and numbers in each language."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app import i18n
from desktop_app.i18n import _, choose_language, language, right_to_left, use_language
from desktop_app.i18n import formats
from desktop_app.i18n.pseudo import pseudo


@pytest.fixture(autouse=True)
def english_after():
    yield
    use_language("en")
    formats._locale_for.cache_clear()


def test_the_first_wish_lede_speaks_wins_then_the_systems_then_english(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "")
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_MESSAGES", "")
    monkeypatch.setenv("LANG", "fi_FI.UTF-8")
    assert choose_language(None, "fr", "es_MX.UTF-8") == "es"
    assert choose_language("he-IL") == "he"
    assert choose_language("de") == "en"  # Finnish system, German wish: neither is Lede's, so English
    monkeypatch.setenv("LANGUAGE", "fr:es")
    assert choose_language() == "es"


def test_hebrew_is_right_to_left_and_spanish_is_not():
    use_language("he")
    assert language() == "he" and right_to_left()
    use_language("es")
    assert language() == "es" and not right_to_left()


def test_a_damaged_catalog_falls_back_to_english_rather_than_locking_the_lab_out(monkeypatch, tmp_path):
    broken = tmp_path / "es.mo"
    broken.write_bytes(b"not a catalog at all")
    monkeypatch.setattr(i18n.catalogs, "catalog_path", lambda code: broken)
    assert use_language("es") == "en"
    assert _("Hand in") == "Hand in"


def test_the_pseudo_language_keeps_fields_markup_and_key_names():
    shown = pseudo("Press Ctrl+J or Esc to go back to {title}: <b>now</b> &amp; save a .ledepack")
    assert shown.startswith("⟦") and shown.endswith("⟧")
    for kept in ("Ctrl+J", "Esc", "{title}", "<b>", "</b>", "&amp;", ".ledepack"):
        assert kept in shown
    assert "Press" not in shown and "now" not in shown
    assert pseudo(shown) == shown  # already dressed: left as it is
    assert "{count}" in pseudo("{count} marks").format(count="{count}")


def test_dates_and_numbers_follow_the_language():
    day = dt.date(2026, 11, 27)
    use_language("es")
    assert formats.format_date(day, "long") == "27 de noviembre de 2026"
    assert formats.format_number(1234.5, 1) == "1234,5" or formats.format_number(1234.5, 1) == "1.234,5"
    use_language("he")
    assert "2026" in formats.format_date(day) and "נוב" in formats.format_date(day)


def test_without_babels_data_dates_and_numbers_are_written_plainly(monkeypatch):
    def missing(code):
        raise FileNotFoundError("babel/locale-data")

    monkeypatch.setattr(formats, "_locale_for", missing)
    assert formats.format_date(dt.date(2026, 11, 27)) == "2026-11-27"
    assert formats.format_time(dt.datetime(2026, 11, 27, 14, 5, 9), seconds=True) == "14:05:09"
    assert formats.format_number(2.5, 1) == "2.5" and formats.format_percent(0.5) == "50%"


def test_babel_keeps_time_zones_with_zoneinfo_so_a_start_does_not_scan_every_pytz_zone():
    """With pytz installed Babel used it, and its import then checked ~600 zone files (0.4 s of a 0.65 s start
    here). In a fresh interpreter, as at a start: Babel's date modules take zoneinfo, and pytz still works for
    dateparser (the web-page importer) afterwards."""
    import os
    import subprocess
    import sys

    code = ("import datetime as dt, sys\n"
            "from desktop_app.i18n import formats\n"
            "shown = formats.format_date(dt.date(2026, 11, 27))\n"
            "assert shown == 'Nov 27, 2026', shown\n"
            "import babel.dates, babel.localtime._helpers as helpers\n"
            "assert babel.dates.pytz is None and helpers.pytz is None and 'pytz' not in sys.modules\n"
            "import pytz\n"
            "assert pytz.timezone('Europe/Madrid').zone == 'Europe/Madrid'\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "LEDE_LANGUAGE": "en", "LANG": "en_US.UTF-8",
                               "LANGUAGE": "", "LC_ALL": ""})
    assert done.returncode == 0, done.stderr
