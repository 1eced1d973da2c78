"""The shipped translations are complete and correct in form: every text the code marks is in the Spanish and the
Hebrew catalogs, translated, with its {fields} and markup; the compiled catalogs Lede reads are those of the
sources; and no text is marked where the extractor cannot see it (inside an f-string). tests/test_languages.py
shows the desk, the classroom window and a worksheet in Spanish and in Hebrew."""

from __future__ import annotations

import gettext
import io
import re
import tokenize
from pathlib import Path

import pytest

from desktop_app.i18n import LANGUAGES
from desktop_app.i18n.catalog_tools import compiled, extract_messages, problems_in, read_po, translations_dir

TRANSLATED = [code for code in LANGUAGES if code != "en"]


@pytest.fixture(scope="module")
def template():
    return extract_messages()


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_marked_text_is_translated_with_its_fields(template, code):
    catalog = read_po(translations_dir() / f"{code}.po")
    missing = [m.id for m in template if m.id and (m.id, m.context) not in
               {(c.id, c.context) for c in catalog if c.id}]
    assert not missing, f"{len(missing)} texts not in {code}.po (run scripts/update-translations): {missing[:10]}"
    problems = problems_in(catalog)
    assert not problems, f"{len(problems)} problems in {code}.po:\n" + "\n".join(problems[:30])


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalog_is_the_one_its_source_makes(code, tmp_path):
    fresh = tmp_path / f"{code}.mo"
    fresh.write_bytes(compiled(read_po(translations_dir() / f"{code}.po")))
    with open(fresh, "rb") as made, open(translations_dir() / f"{code}.mo", "rb") as shipped:
        assert gettext.GNUTranslations(shipped)._catalog == gettext.GNUTranslations(made)._catalog, \
            f"{code}.mo is older than {code}.po: run scripts/update-translations"


# A call on a literal: a constant marked with N_ elsewhere (``_(REPAIR)``) is extracted where it is marked.
_CALL = re.compile(r"\b(?:_|ngettext|pgettext|npgettext)\(\s*[\'\"]")


def test_no_text_is_marked_inside_an_f_string():
    """``f"{_('no note')}"``: Babel's extractor on Python 3.11 reads an f-string as one string and never sees the
    call, so the text would stay English in every language. Take the translation out into a name first."""
    package = Path(__file__).resolve().parent.parent / "desktop_app"
    found = []
    for path in sorted(package.rglob("*.py")):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        for token in tokens:
            prefix = token.string[:3].lower()
            if token.type == tokenize.STRING and "f" in prefix.split("'")[0].split('"')[0] and \
                    _CALL.search(token.string):
                found.append(f"{path.relative_to(package.parent)}:{token.start[0]}: {token.string[:70]}")
    assert not found, "\n".join(found)


def test_fields_of_texts_only_the_windows_show_are_compiled_inside_isolates():
    """A Latin name in a Hebrew question ("Are you {name}?") must not turn the sentence around: in texts only the
    windows show, each {field} is compiled inside U+2068 … U+2069; texts the PDFs or the terminal print are not."""
    compiled_he = gettext.GNUTranslations(io.BytesIO(compiled(read_po(translations_dir() / "he.po"))))
    on_screen = compiled_he.gettext("Name: {name}")  # the student's name in the assignment bar
    assert "\u2068{name}\u2069" in on_screen, on_screen
    printed = compiled_he.gettext("Marks by {name}: {count} in all.")  # exporters/pdf: isolated there, its own way
    assert "\u2068" not in printed and "{name}" in printed, printed
