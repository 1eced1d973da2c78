"""The tagging categories, read from a data file so teachers can later add their own.

A category has a colour from a colour-blind-safe palette (Okabe & Ito) and, because colour alone fails on a
black-and-white printer and for colour-blind students, a second cue: a line style and a letter badge.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop_app.i18n import _, pgettext

CUES = ("box", "wave", "solid", "dashed", "double", "dotted")
EXTRA_KINDS = ("choice", "text", "source_ref")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _shown(text) -> str:
    """A category's text in the person's language when it is one of the standard categories' texts (which the
    catalogs translate, context "category"); a teacher's own wording, or a pack made in another language, is
    kept as written."""
    return pgettext("category", str(text))


class CategoryFileError(ValueError):
    """The categories file is not usable; the message names the problem."""


@dataclass(frozen=True, slots=True)
class ExtraField:
    """The one extra answer a category asks for besides the note (source kind, neutral word, ...)."""

    key: str
    label: str
    kind: str  # "choice": one of ``choices``; "text": free text; "source_ref": the id of a Source mark
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, label shown)

    def label_of(self, value: str) -> str:
        return dict(self.choices).get(value, value)


@dataclass(frozen=True, slots=True)
class WorksheetSection:
    """How a printed worksheet asks for this category: a prompt and a ruled table to fill in by hand."""

    prompt: str
    columns: tuple[str, ...]
    rows: int = 4


@dataclass(frozen=True, slots=True)
class Category:
    key: str
    name: str
    shortcut: str
    letter: str
    colour: str
    cue: str
    question: str
    extra: ExtraField | None = None
    worksheet: WorksheetSection | None = None
    discussion: tuple[str, ...] = ()  # prompts for the class discussion, printed on the answer key
    # The wash under a marked passage, when it is not the line's colour: the standard five's tints are chosen to
    # stay apart for the common colour-vision deficiencies (core.colour_vision; the line styles stay too).
    tint: str = ""

    @property
    def fill(self) -> str:
        """The colour of the tint under a marked passage."""
        return self.tint or self.colour

    @property
    def worksheet_section(self) -> WorksheetSection:
        """The category's worksheet section, or one built from its question when the file gives none."""
        if self.worksheet is not None:
            return self.worksheet
        # Context "category", as the standard categories' own worksheet columns (which say "Line" too).
        # Translators: worksheet columns: the line number, the passage copied out, the student's note on it.
        line, passage = pgettext("category", "Line"), pgettext("category", "Passage")
        note = pgettext("category", "Your note")
        columns = (line, passage, self.extra.label) if self.extra else (line, passage)
        return WorksheetSection(prompt=self.question, columns=columns + (note,))


class CategorySet:
    """The categories in their display order, found by key or by shortcut."""

    def __init__(self, categories: list[Category]) -> None:
        self._ordered = tuple(categories)
        self._by_key = {c.key: c for c in categories}
        self._by_shortcut = {c.shortcut: c for c in categories}
        if len(self._by_key) != len(categories):
            raise CategoryFileError(_("two categories share a key"))
        if len(self._by_shortcut) != len(categories):
            raise CategoryFileError(_("two categories share a shortcut"))

    def __iter__(self) -> Iterator[Category]:
        return iter(self._ordered)

    def __len__(self) -> int:
        return len(self._ordered)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __getitem__(self, key: str) -> Category:
        return self._by_key[key]

    def get(self, key: str) -> Category | None:
        return self._by_key.get(key)

    def by_shortcut(self, shortcut: str) -> Category | None:
        return self._by_shortcut.get(shortcut)

    def index(self, key: str) -> int:
        return [c.key for c in self._ordered].index(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self._ordered)


def _extra_from(data: dict | None, where: str) -> ExtraField | None:
    if data is None:
        return None
    kind = data.get("kind")
    if kind not in EXTRA_KINDS:
        raise CategoryFileError(_("{where}: extra field kind must be one of {kinds}, not {kind}").format(
            where=where, kinds=EXTRA_KINDS, kind=repr(kind)))
    choices = tuple((str(c["value"]), _shown(c["label"])) for c in data.get("choices", ()))
    if kind == "choice" and not choices:
        raise CategoryFileError(_("{where}: a choice field needs choices").format(where=where))
    return ExtraField(key=str(data["key"]), label=_shown(data["label"]), kind=kind, choices=choices)


def _worksheet_from(data: dict | None, where: str) -> WorksheetSection | None:
    if data is None:
        return None
    columns = tuple(_shown(c) for c in data.get("columns", ()))
    rows = data.get("rows", 4)
    if not columns or len(columns) > 6:
        raise CategoryFileError(_("{where}: a worksheet needs between 1 and 6 columns").format(where=where))
    if not isinstance(rows, int) or not 1 <= rows <= 30:
        raise CategoryFileError(_("{where}: worksheet rows must be a whole number from 1 to 30").format(where=where))
    return WorksheetSection(prompt=_shown(data["prompt"]), columns=columns, rows=rows)


def category_from_data(item: dict, where: str = "category") -> Category:
    """One category from its JSON form (as in categories.json, a student pack or an assignment)."""
    try:
        key = str(item["key"])
        if not _KEY.match(key):
            raise CategoryFileError(_("{where}: key {key} must be lower-case letters, digits or _").format(
                where=where, key=repr(key)))
        colour = str(item["colour"])
        if not _COLOUR.match(colour):
            raise CategoryFileError(_("{where}: colour {colour} must look like #RRGGBB").format(
                where=where, colour=repr(colour)))
        tint = str(item.get("tint", ""))
        if tint and not _COLOUR.match(tint):
            raise CategoryFileError(_("{where}: tint {tint} must look like #RRGGBB").format(where=where,
                                                                                         tint=repr(tint)))
        cue = str(item["cue"])
        if cue not in CUES:
            raise CategoryFileError(_("{where}: cue {cue} must be one of {cues}").format(where=where, cue=repr(cue),
                                                                                         cues=CUES))
        return Category(
            key=key, name=_shown(item["name"]), shortcut=str(item["shortcut"]),
            letter=_shown(item["letter"])[:2], colour=colour, cue=cue, question=_shown(item["question"]),
            extra=_extra_from(item.get("extra"), where),
            worksheet=_worksheet_from(item.get("worksheet"), where),
            discussion=tuple(_shown(p) for p in item.get("discussion", ())), tint=tint,
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise CategoryFileError(_("{where} is missing a field: {field}").format(where=where, field=exc)) from exc


def category_to_data(category: Category) -> dict:
    """The JSON form read by category_from_data: what a student pack carries for each category in play."""
    out: dict = {"key": category.key, "name": category.name, "shortcut": category.shortcut,
                 "letter": category.letter, "colour": category.colour, "cue": category.cue,
                 "question": category.question}
    if category.tint:
        out["tint"] = category.tint  # added within version 1 of the pack: older readers ignore it
    if category.extra is not None:
        e = category.extra
        out["extra"] = {"key": e.key, "label": e.label, "kind": e.kind,
                        **({"choices": [{"value": v, "label": label} for v, label in e.choices]} if e.choices else {})}
    if category.worksheet is not None:
        w = category.worksheet
        out["worksheet"] = {"prompt": w.prompt, "columns": list(w.columns), "rows": w.rows}
    if category.discussion:
        out["discussion"] = list(category.discussion)
    return out


def categories_from_data(data: dict) -> CategorySet:
    try:
        items = data["categories"]
        out = [category_from_data(item, f"category {i + 1}") for i, item in enumerate(items)]
    except (KeyError, TypeError) as exc:
        raise CategoryFileError(_("the categories file is missing a field: {field}").format(field=exc)) from exc
    if not out:
        raise CategoryFileError(_("the categories file lists no categories"))
    return CategorySet(out)


def load_categories(path: Path) -> CategorySet:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CategoryFileError(_("cannot read the categories file {path}: {problem}").format(path=path,
                                                                                              problem=exc)) from exc
    return categories_from_data(data)
