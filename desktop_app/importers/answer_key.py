"""A teacher's answer key for an article: the "lede-answer-key" file format, version 1.

A key is a UTF-8 JSON file (``resources/sample/key.json`` is one)::

    {
      "format": "lede-answer-key",
      "version": 1,
      "article": "article.txt",
      "marks": [
        {
          "category": "source",
          "quote": "Councillor Margaret Osei",
          "occurrence": 1,
          "note": "A named person with a role ...",
          "extra": {"source_kind": "named_person"},
          "required": true
        }
      ]
    }

- ``category``: a category key from categories.json (``source``, ``loaded_language``, ...).
- ``quote``: the marked passage, copied exactly from the article's text.
- ``occurrence``: which time the quote appears in the text, counting from 1 (default 1), so a short quote
  such as "the council" can point at its third appearance.
- ``note``: the model answer to the category's question (default empty).
- ``extra``: the category's extra answer under the category's extra key, or ``{}`` (the default). A choice
  takes one of the choice values (``"named_person"``); an ``attributed_to`` answer names the Source by
  the quote of a Source mark in the same key, because the key's marks have no ids until they are stored.
- ``required``: false for a bonus find, worth finding but not expected of every student (default true).
- ``article``: the article file the key was written for; a note for people, not checked.

Keys are written by hand, so every problem (not JSON, another format or a newer version, an unknown
category, a quote the article does not contain...) is an ArticleImportError whose one sentence names the
file, the mark and what to do. Reading never touches the database: the caller stores the marks it gets.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.core.categories import CategorySet
from desktop_app.core.marks import KEY_LAYER, Mark, new_mark
from desktop_app.i18n import _, ngettext
from desktop_app.i18n.formats import format_number
from desktop_app.importers.base import ArticleImportError

FORMAT = "lede-answer-key"
VERSION = 1
# A key for the longest article is a few hundred kilobytes; a bigger file is surely not a key, and is
# refused before it is read.
MAX_KEY_BYTES = 5 * 1024 * 1024
# The category whose marks an "attributed to" answer points at, as in the tagging panel.
SOURCE_CATEGORY = "source"
_QUOTE_SHOWN = 60  # characters of a quote repeated in a message


def read_answer_key(path: Path | str, text: str, categories: CategorySet, article_id: int = 0) -> list[Mark]:
    """The key's marks on ``text`` (the article's stored, normalised text), in the file's order: layer
    KEY_LAYER, no id, anchored like any mark, ``bonus`` for the marks that are not required.

    ``article_id`` is the article the marks belong to; leave it 0 when the article is not stored yet and
    hand the marks to ArticleService.add(layers=...), which gives them its id.
    """
    path = Path(path)
    name = path.name or str(path)
    try:
        if path.is_dir():
            raise ArticleImportError(_("“{name}” is a folder, not an answer key: open it and choose the key's "
                                       ".json file inside.").format(name=name))
        if not path.exists():
            raise ArticleImportError(_("Lede cannot find the answer key “{name}”; it may have been moved, renamed "
                                       "or deleted, so choose the file again.").format(name=name))
        size = path.stat().st_size
        if size > MAX_KEY_BYTES:
            raise ArticleImportError(
                _("“{name}” is {size} MB, far more than any answer key (Lede reads keys of up to {most} MB), so "
                  "check that you chose the key's .json file.").format(
                    name=name, size=format_number(size / 1024 / 1024, 0), most=MAX_KEY_BYTES // 1024 // 1024))
        data = path.read_bytes()
    except PermissionError:
        raise ArticleImportError(_("Lede is not allowed to read the answer key “{name}”; copy it into your own "
                                   "Documents folder and choose the copy.").format(name=name)) from None
    except OSError as error:
        # Translators: {reason} is the system's own words ("Input/output error").
        raise ArticleImportError(_("Lede could not read the answer key “{name}” ({reason}); copy it to your "
                                   "computer and choose the copy.").format(name=name,
                                                                          reason=error.strerror or error)) from None
    return answer_key_from_bytes(data, name, text, categories, article_id)


def answer_key_from_bytes(data: bytes, name: str, text: str, categories: CategorySet,
                          article_id: int = 0) -> list[Mark]:
    """As read_answer_key, for a key already in memory; ``name`` is what messages call it."""
    if not data.strip():
        raise ArticleImportError(_("The answer key “{name}” is empty; check that you chose the right file and "
                                   "that it finished saving.").format(name=name))
    if len(data) > MAX_KEY_BYTES:
        raise ArticleImportError(_("“{name}” is more than {most} MB, far more than any answer key, so check that "
                                   "you chose the key's .json file.").format(name=name,
                                                                            most=MAX_KEY_BYTES // 1024 // 1024))
    key = _parse_json(data, name)
    if not isinstance(key, dict) or key.get("format") != FORMAT:
        # Translators: keep "format" and {format} as they are: they are what the file must say.
        raise ArticleImportError(_("“{name}” is not a Lede answer key (it does not say \"format\": \"{format}\"); "
                                   "choose the answer key's .json file.").format(name=name, format=FORMAT))
    version = key.get("version")
    if type(version) is not int or version < 1:  # type(): True must not pass for version 1
        # Translators: keep "version" as it is: it is what the file must say.
        raise ArticleImportError(_("“{name}” does not say which answer-key version it is; add \"version\": "
                                   "{version} to it, or choose another key.").format(name=name, version=VERSION))
    if version > VERSION:
        raise ArticleImportError(_("“{name}” is a version {version} answer key, written for a newer Lede; update "
                                   "Lede to read it, or ask for a version {readable} key.").format(
            name=name, version=version, readable=VERSION))
    entries = key.get("marks")
    if not isinstance(entries, list) or not entries:
        # Translators: keep "marks" as it is: it is what the file must say.
        raise ArticleImportError(_("“{name}” lists no marks (\"marks\": [...]); add the key's marks, or choose "
                                   "another key.").format(name=name))
    entries = [_checked_entry(entry, i, name, categories) for i, entry in enumerate(entries, start=1)]
    _check_attributions(entries, name, categories)

    marks: list[Mark] = []
    seen: dict[tuple[str, int, int], int] = {}
    for i, entry in enumerate(entries, start=1):
        start = _nth(text, entry["quote"], entry["occurrence"], i, name)
        end = start + len(entry["quote"])
        first = seen.setdefault((entry["category"], start, end), i)
        if first != i:
            raise ArticleImportError(_("Mark {number} in “{name}” repeats mark {first} (same category, same "
                                       "passage); remove one of them.").format(number=i, name=name, first=first))
        marks.append(new_mark(article_id, text, start, end, entry["category"], note=entry["note"],
                              extra=entry["extra"], layer=KEY_LAYER, bonus=not entry["required"]))
    return marks


def _parse_json(data: bytes, name: str):
    try:
        return json.loads(data)  # bytes: json finds UTF-8 (with or without a BOM), UTF-16 or UTF-32 itself
    except json.JSONDecodeError as error:
        raise ArticleImportError(
            _("“{name}” is not an answer key Lede can read (line {line}, column {column} is not valid JSON); "
              "choose the key's .json file, or correct that spot in a text editor.").format(
                name=name, line=error.lineno, column=error.colno)) from None
    except (ValueError, RecursionError):  # not UTF-8/16/32 (an old Windows file), or nested past any real key
        raise ArticleImportError(_("“{name}” is not an answer key Lede can read (it is not JSON text in UTF-8); "
                                   "choose the key's .json file, or save it again as UTF-8 in a text "
                                   "editor.").format(name=name)) from None


def _checked_entry(entry: object, i: int, name: str, categories: CategorySet) -> dict:
    """One entry of "marks", its defaults filled in, or an error saying which field of mark ``i`` is wrong."""
    def refuse(message: str, **fields) -> ArticleImportError:
        """``message``: a translated sentence about mark {number} in the key {name}."""
        return ArticleImportError(message.format(number=i, name=name, **fields))

    if not isinstance(entry, dict):
        # Translators: keep the JSON example as it is.
        raise refuse(_("Mark {number} in “{name}” is not an entry with a category and a quote ({{\"category\": ..., "
                       "\"quote\": ...}}); correct it in a text editor."))
    category = entry.get("category")
    if not isinstance(category, str) or category not in categories:
        # Translators: {known} lists the categories' keys ("source, attributed_claim, …") as the file must say them.
        raise refuse(_("Mark {number} in “{name}” has the category {category}, which Lede does not know; change it "
                       "to one of {known}."), category=_shown(category), known=", ".join(categories.keys))
    quote = entry.get("quote")
    if not isinstance(quote, str) or not quote.strip():
        raise refuse(_("Mark {number} in “{name}” has no quote; give the passage it marks, copied exactly from the "
                       "article."))
    occurrence = entry.get("occurrence", 1)
    if type(occurrence) is not int or occurrence < 1:
        raise refuse(_("Mark {number} in “{name}” has the occurrence {occurrence}; make it a whole number from 1 (1 "
                       "is the first time the quote appears in the article)."), occurrence=_shown(occurrence))
    note = entry.get("note", "")
    if not isinstance(note, str):
        raise refuse(_("Mark {number} in “{name}” has a note that is not text; put the note in double quotes."))
    required = entry.get("required", True)
    if not isinstance(required, bool):
        # Translators: keep "required", true and false as they are: they are what the file must say.
        raise refuse(_("Mark {number} in “{name}” has \"required\": {value}; make it true, or false for a bonus "
                       "find."), value=_shown(required))
    extra = entry.get("extra", {})
    if not isinstance(extra, dict) or not all(isinstance(v, str) for v in extra.values()):
        # Translators: keep "extra" and the JSON examples as they are.
        raise refuse(_("Mark {number} in “{name}” has an \"extra\" that is not a set of text answers; write it "
                       "like {{\"source_kind\": \"document\"}}, or {{}} for none."))
    field = categories[category].extra
    for extra_key, value in extra.items():
        if field is None:
            # Translators: {category} is a category's name ("Source").
            raise refuse(_("Mark {number} in “{name}” gives the extra answer “{key}”, but a {category} mark takes "
                           "none; correct or remove it."), key=extra_key, category=categories[category].name)
        if extra_key != field.key:
            # Translators: {category} is a category's name ("Source"); {takes} the one answer it takes.
            raise refuse(_("Mark {number} in “{name}” gives the extra answer “{key}”, but a {category} mark takes "
                           "only “{takes}”; correct or remove it."), key=extra_key,
                         category=categories[category].name, takes=field.key)
        if field.kind == "choice" and value not in dict(field.choices):
            # Translators: {answer} names the question in lower case ("kind of source"); {allowed} lists the
            # values the file may give ("named_person, document, …").
            raise refuse(_("Mark {number} in “{name}” has the {answer} “{value}”, which is not one of {allowed}; "
                           "change it to one of those."), answer=field.label.lower(), value=value,
                         allowed=", ".join(v for v, _label in field.choices))
    # An empty answer is no answer: the desk drops it the same way when a student clears the field.
    return {"category": category, "quote": quote, "occurrence": occurrence, "note": note,
            "required": required, "extra": {k: v for k, v in extra.items() if v}}


def _check_attributions(entries: list[dict], name: str, categories: CategorySet) -> None:
    """An attribution names a Source by its quote (the key's marks have no ids yet): it must be one."""
    sources = {e["quote"] for e in entries if e["category"] == SOURCE_CATEGORY}
    for i, entry in enumerate(entries, start=1):
        field = categories[entry["category"]].extra
        if field is None or field.kind != "source_ref" or field.key not in entry["extra"]:
            continue
        value = entry["extra"][field.key]
        if value not in sources:
            raise ArticleImportError(_("Mark {number} in “{name}” attributes its claim to {value}, which is not the "
                                       "quote of any Source mark in the key; copy that Source mark's quote "
                                       "exactly.").format(number=i, name=name, value=_shown(value)))


def _nth(text: str, quote: str, occurrence: int, i: int, name: str) -> int:
    """Where the ``occurrence``-th appearance of ``quote`` starts (overlapping appearances count)."""
    pos, found = -1, 0
    while found < occurrence:
        pos = text.find(quote, pos + 1)
        if pos == -1:
            break
        found += 1
    if found == occurrence:
        return pos
    if found == 0:
        raise ArticleImportError(_("Mark {number} in “{name}” quotes {quote}, which is not in the article's text; "
                                   "check that the key belongs to this article and that the quote is copied "
                                   "exactly.").format(number=i, name=name, quote=_shown(quote)))
    if found == 1:
        raise ArticleImportError(_("Mark {number} in “{name}” asks for occurrence {occurrence} of {quote}, but the "
                                   "article has it once; correct the occurrence or the quote.").format(
            number=i, name=name, occurrence=occurrence, quote=_shown(quote)))
    raise ArticleImportError(ngettext("Mark {number} in “{name}” asks for occurrence {occurrence} of {quote}, but "
                                      "the article has it only {count} times; correct the occurrence or the quote.",
                                      "Mark {number} in “{name}” asks for occurrence {occurrence} of {quote}, but "
                                      "the article has it only {count} times; correct the occurrence or the quote.",
                                      found).format(number=i, name=name, occurrence=occurrence, quote=_shown(quote),
                                                    count=found))


def _shown(value: object) -> str:
    """A value from the file, quoted and cut short for a message."""
    if not isinstance(value, str):
        return _("(none)") if value is None else json.dumps(value)[:_QUOTE_SHOWN]
    one_line = " ".join(value.split())
    return f"“{one_line[:_QUOTE_SHOWN]}…”" if len(one_line) > _QUOTE_SHOWN else f"“{one_line}”"
