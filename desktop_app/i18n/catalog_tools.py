"""Keeping the catalogs: extract every marked text, merge it into each language, compile, and check.

``scripts/update-translations`` runs ``update_catalogs``; the tests run ``extract_messages`` and
``problems_in`` so that a text added without its translations, or a translation that lost a {field}, fails CI.
Besides the source, the standard categories' texts in ``resources/categories.json`` are messages too
(context "category"): their names, questions, letters, worksheet prompts and columns, discussion questions.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from desktop_app.i18n.catalogs import DOMAIN, LANGUAGES
from desktop_app.resource_files import resource_path

PACKAGE = Path(__file__).resolve().parent.parent
CATEGORY_CONTEXT = "category"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
FIELD = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sd]|%[sd]")


def translations_dir() -> Path:
    return resource_path("translations")


def extract_messages():
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(project="Lede", domain=DOMAIN, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("Translators:",),
            strip_comment_tags=True):
        location = (f"desktop_app/{filename}", lineno)
        catalog.add(message, locations=[location], auto_comments=comments, context=context)
    for text, where in category_texts():
        catalog.add(text, locations=[("resources/categories.json", where)], context=CATEGORY_CONTEXT)
    return catalog


def category_texts() -> list[tuple[str, int]]:
    data = json.loads(resource_path("categories.json").read_text(encoding="utf-8"))
    out: list[tuple[str, int]] = []
    for number, item in enumerate(data["categories"], 1):
        out += [(item["name"], number), (item["letter"], number), (item["question"], number)]
        extra = item.get("extra") or {}
        if extra:
            out.append((extra["label"], number))
            out += [(choice["label"], number) for choice in extra.get("choices", ())]
        sheet = item.get("worksheet") or {}
        if sheet:
            out.append((sheet["prompt"], number))
            out += [(column, number) for column in sheet.get("columns", ())]
        out += [(question, number) for question in item.get("discussion", ())]
    return out


def read_po(path: Path):
    from babel.messages.pofile import read_po as babel_read_po

    with open(path, "rb") as handle:
        return babel_read_po(handle, locale=path.stem, domain=DOMAIN)


# Fixed, so that running the update twice changes nothing: the dates and names Babel would stamp in the header
# are what version control already records.
HEADER_COMMENT = """\
# {language} translation of Lede's interface, worksheets and messages.
# Distributed under Lede's licence (GPL-3.0-or-later). Kept with scripts/update-translations.
#"""


def write_po(catalog, path: Path, template: bool = False) -> None:
    import datetime as dt

    from babel.messages.pofile import write_po as babel_write_po

    language = "Template for each" if template else catalog.locale.english_name
    catalog.header_comment = HEADER_COMMENT.format(language=language)
    catalog.creation_date = catalog.revision_date = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
    catalog.fuzzy = False
    catalog.version = "1"
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "Lede's authors"

    buffer = io.BytesIO()
    babel_write_po(buffer, catalog, width=116, sort_output=False, omit_header=False, include_previous=True,
                   ignore_obsolete=True)
    text = buffer.getvalue()
    if not path.exists() or path.read_bytes() != text:
        path.write_bytes(text)


# Texts only the windows show. In them each field that stands for a person's or a file's text (a name, a title, a
# passage) is compiled inside a Unicode isolate (U+2068 … U+2069), so that text keeps its own direction without
# turning the sentence around it: "Are you {name}?" in Hebrew with a Latin name, or "Remove “{title}”?" with a
# Hebrew title. Lede's own words in a field ({category}, a {progress} line) are left as they are: an isolate
# takes its direction from its first letter outside any isolate inside it, so isolating a line of isolated parts
# would set it left to right. The .po files stay free of invisible characters. The PDFs isolate user text
# themselves (exporters/pdf/lines.py), and a terminal may draw the marks, so texts also used there are compiled
# as they are.
ON_SCREEN_ONLY = "desktop_app/ui/"
DATA_FIELDS = frozenset({"name", "names", "title", "file", "files", "quote", "note", "folder", "where", "student",
                         "students", "first", "second", "comment", "grade", "text", "error"})
_DATA_FIELD = re.compile(r"\{(" + "|".join(sorted(DATA_FIELDS)) + r")\}")


def _isolated_fields(text: str) -> str:
    return _DATA_FIELD.sub(lambda field: f"\u2068{field.group()}\u2069", text)


def compiled(catalog) -> bytes:
    from copy import deepcopy

    from babel.messages.mofile import write_mo

    shipped = deepcopy(catalog)
    for message in shipped:
        if message.id and message.locations and all(where.startswith(ON_SCREEN_ONLY)
                                                    for where, _line in message.locations):
            message.string = (tuple(_isolated_fields(s) for s in message.string)
                              if isinstance(message.string, tuple | list) else _isolated_fields(message.string))
    buffer = io.BytesIO()
    write_mo(buffer, shipped, use_fuzzy=False)
    return buffer.getvalue()


def update_catalogs() -> dict[str, list[str]]:
    """Writes lede.pot, merges it into every language's .po (new texts arrive untranslated), compiles the .mo
    files; returns each language's remaining problems."""
    from babel.messages.catalog import Catalog

    folder = translations_dir()
    template = extract_messages()
    write_po(template, folder / f"{DOMAIN}.pot", template=True)
    report = {}
    for code in LANGUAGES:
        if code == "en":
            continue
        path = folder / f"{code}.po"
        catalog = read_po(path) if path.exists() else Catalog(locale=code, domain=DOMAIN, project="Lede")
        catalog.update(template, update_header_comment=False, no_fuzzy_matching=True)
        catalog.project, catalog.language_team = "Lede", f"Lede {LANGUAGES[code]}"
        write_po(catalog, path)
        (folder / f"{code}.mo").write_bytes(compiled(catalog))
        report[code] = problems_in(catalog)
    return report


def problems_in(catalog) -> list[str]:
    """What a person would see go wrong: a text left in English, a fuzzy guess, a {field} lost or renamed (the
    program would fail to format it), markup lost."""
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        where = f"{ids[0]!r}" + (f" ({message.context})" if message.context else "")
        if message.fuzzy:
            problems.append(f"{where}: marked fuzzy")
        if not all(strings):
            problems.append(f"{where}: not translated")
            continue
        wanted = sorted(set(FIELD.findall(ids[-1])) | set(FIELD.findall(ids[0])))
        for string in strings:
            got = sorted(set(FIELD.findall(string)))
            # A plural form may leave the count out ("un mark" for n == 1) but never bring a field of its own.
            if not set(got) <= set(wanted) or (len(strings) == 1 and got != wanted):
                problems.append(f"{where}: fields {got} where the English has {wanted}")
        if ids[0].count("<") != strings[0].count("<"):
            problems.append(f"{where}: markup differs from the English")
    return problems
