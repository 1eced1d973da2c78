"""Reading the JSON inside a pack or submission strictly: every field checked for presence, type and size.

The JSON came from another computer and may have been edited by hand, so nothing in it is trusted: a wrong
type is refused with the field's name, never met later as a TypeError deep in the desk.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any, TypeGuard

from desktop_app import __version__
from desktop_app.core.text import has_broken_characters
from desktop_app.exchange.errors import CORRUPT, VERSION, WRONG_KIND, ExchangeError
from desktop_app.exchange.names import KINDS, FileKind
from desktop_app.i18n import _
from desktop_app.i18n.formats import format_number

_SURROGATE = re.compile(r"[\ud800-\udfff]")

FORMAT_VERSION = 1
MADE_BY = f"Lede {__version__}"
MAX_MADE_BY = 200


def iso_utc(moment: datetime) -> str:
    """'2025-03-01T09:30:00Z': UTC to the second (a naive time is taken as this computer's local time)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def json_member(document: dict) -> bytes:
    """The JSON member as written: UTF-8, readable in any editor (not ASCII-escaped), indented by one."""
    try:
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate cannot be UTF-8: a bug upstream, not the user's doing
        raise ValueError(f"text to be written holds a character that is not valid Unicode: {exc}") from exc


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(f"the field {key!r} appears twice")
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            # Different JSON readers keep the first or the last of two equal keys: refuse instead of guessing.
            raise _Duplicate(key)
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(_("{name} is not a number JSON allows").format(name=name))


class FieldReader:
    """Reads one document's fields; every refusal names the file, the field and what to do. ``remedy`` is the
    sentence saying what to do, translated by the caller."""

    def __init__(self, shown: str, kind: FileKind, remedy: str) -> None:
        self.shown = shown
        self.kind = kind
        self.remedy = remedy

    def fail(self, detail: str, reason: str = CORRUPT) -> ExchangeError:
        """``detail`` is a translated clause saying what is wrong ('the field "marks" is missing')."""
        # Translators: {problem} is a clause saying what is wrong ('the field "marks" is missing'); {remedy} is a
        # sentence saying what to do ("Ask your teacher for a fresh copy of the pack.").
        message = _("{file} cannot be read: {problem}. {remedy}").format(file=self.shown, problem=detail,
                                                                          remedy=self.remedy)
        return ExchangeError(message, path=self.shown, reason=reason)

    def parse(self, data: bytes) -> dict:
        member = self.kind.json_member
        try:
            text = data.decode("utf-8")
            document = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
        except UnicodeDecodeError as exc:
            # Translators: {member} is the name of the part inside the file ("pack.json").
            raise self.fail(_("its {member} is not UTF-8 text").format(member=member)) from exc
        except _Duplicate as exc:
            raise self.fail(_("in its {member}, the field {field} appears twice").format(
                member=member, field=repr(exc.key))) from exc
        except (ValueError, RecursionError) as exc:
            # Translators: {detail} is the JSON reader's own words, mostly in English.
            raise self.fail(_("its {member} is not valid JSON ({detail})").format(
                member=member, detail=str(exc)[:120])) from exc
        if not isinstance(document, dict):
            raise self.fail(_("its {member} does not hold a JSON object").format(member=member))
        broken = _broken_text_at(document, "")
        if broken is not None:
            # "\ud800" is valid JSON and decodes to half a character, which no database stores: refused here,
            # at the boundary, not after it reached the library.
            raise self.fail(_('the field "{field}" holds a broken character (half of one), which Lede never '
                              "writes").format(field=broken))
        return document

    def header(self, document: dict) -> str:
        """Checks "format" and "version"; returns "made_by"."""
        fmt = document.get("format")
        if fmt != self.kind.format_name:
            other = next((k for k in KINDS.values() if k.format_name == fmt), None)
            if other is not None:
                # Translators: {found} and {wanted} are kinds of file with their article ("a Lede submission");
                # {hint} is a sentence saying which file to choose.
                raise ExchangeError(_("{file} is {found}, not {wanted}. {hint}").format(
                    file=self.shown, found=_(other.a_noun), wanted=_(self.kind.a_noun),
                    hint=_(self.kind.choose_hint)), path=self.shown, reason=WRONG_KIND)
            raise self.fail(_('its "format" is {found}, not "{wanted}"').format(found=repr(fmt),
                                                                               wanted=self.kind.format_name))
        version = document.get("version")
        if not _is_int(version):
            raise self.fail(_('its "version" is missing or not a whole number'))
        made_by = document.get("made_by")
        made_by = made_by[:MAX_MADE_BY] if isinstance(made_by, str) else _("an unknown program")
        if version > FORMAT_VERSION:
            # Translators: {made_by} is the program that made the file ("Lede 2.1.0"); {version} and {readable}
            # are numbers of the file format, {lede_version} this program's version.
            raise ExchangeError(
                _("{file} was made by a newer Lede ({made_by}) in format version {version}; this Lede "
                  "({lede_version}) reads version {readable}. Update Lede, then open the file again.").format(
                    file=self.shown, made_by=made_by, version=version, lede_version=__version__,
                    readable=FORMAT_VERSION),
                path=self.shown, reason=VERSION)
        if version < 1:
            raise self.fail(_('its "version" is {version}, which no Lede ever wrote').format(version=version))
        self.string(document, "made_by", "made_by", max_len=MAX_MADE_BY)
        return made_by

    # --- single fields ---------------------------------------------------------------------------------------
    def _get(self, parent: dict, key: str, where: str) -> Any:
        if key not in parent:
            raise self.fail(_('the field "{field}" is missing').format(field=where))
        return parent[key]

    def obj(self, parent: dict, key: str, where: str) -> dict:
        value = self._get(parent, key, where)
        if not isinstance(value, dict):
            raise self.fail(_('the field "{field}" should be a JSON object').format(field=where))
        return value

    def array(self, parent: dict, key: str, where: str, *, max_items: int) -> list:
        value = self._get(parent, key, where)
        if not isinstance(value, list):
            raise self.fail(_('the field "{field}" should be a list').format(field=where))
        if len(value) > max_items:
            raise self.fail(_('the field "{field}" holds {count} entries; at most {most} are allowed').format(
                field=where, count=format_number(len(value)), most=format_number(max_items)))
        return value

    def string(self, parent: dict, key: str, where: str, *, max_len: int, nonempty: bool = False,
               multiline: bool = False) -> str:
        """Text of at most ``max_len`` characters, with no control characters (line breaks and tabs only where
        ``multiline``: instructions, the article, a note): what Lede writes, nothing a file made by hand adds."""
        value = self._get(parent, key, where)
        if not isinstance(value, str):
            raise self.fail(_('the field "{field}" should be text').format(field=where))
        if len(value) > max_len:
            raise self.fail(_('the field "{field}" is {count} characters long; at most {most} are allowed').format(
                field=where, count=format_number(len(value)), most=format_number(max_len)))
        if has_broken_characters(value, multiline=multiline):
            raise self.fail(_('the field "{field}" holds a control character or a broken one, which Lede never '
                              "writes there").format(field=where))
        if nonempty and not value.strip():
            raise self.fail(_('the field "{field}" is empty').format(field=where))
        return value

    def integer(self, parent: dict, key: str, where: str, *, low: int, high: int) -> int:
        value = self._get(parent, key, where)
        if not _is_int(value):
            raise self.fail(_('the field "{field}" should be a whole number').format(field=where))
        if not low <= value <= high:
            raise self.fail(_('the field "{field}" is {value}; it must be from {low} to {high}').format(
                field=where, value=value, low=format_number(low), high=format_number(high)))
        return value

    def number(self, parent: dict, key: str, where: str) -> float:
        value = self._get(parent, key, where)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(_('the field "{field}" should be a number').format(field=where))
        return value

    def moment(self, parent: dict, key: str, where: str, *, nullable: bool = False) -> datetime | None:
        value = self._get(parent, key, where)
        if value is None and nullable:
            return None
        if not isinstance(value, str) or len(value) > 40:
            raise self.fail(_('the field "{field}" should be a date and time like "2025-03-01T09:30:00Z"').format(
                field=where))
        try:
            moment = datetime.fromisoformat(value)
        except ValueError as exc:
            raise self.fail(_('the field "{field}" ({value}) is not a date and time like '
                              '"2025-03-01T09:30:00Z"').format(field=where, value=repr(value))) from exc
        if moment.tzinfo is None:
            raise self.fail(_('the field "{field}" ({value}) does not say its time zone; it should end in "Z"').format(
                field=where, value=repr(value)))
        return moment.astimezone(UTC)

    def hex_string(self, parent: dict, key: str, where: str, *, min_len: int, max_len: int) -> str:
        value = self.string(parent, key, where, max_len=max_len)
        if len(value) < min_len or len(value) % 2 or any(c not in "0123456789abcdefABCDEF" for c in value):
            raise self.fail(_('the field "{field}" should be {low} to {high} hexadecimal digits').format(
                field=where, low=min_len, high=max_len))
        return value.lower()


def _broken_text_at(value: Any, where: str) -> str | None:
    """The path of the first string (key or value) in a parsed JSON document that holds a lone surrogate."""
    if isinstance(value, str):
        return where if _SURROGATE.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{where}.{key}" if where else str(key)
            if _SURROGATE.search(key):
                return here
            found = _broken_text_at(item, here)
            if found is not None:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = _broken_text_at(item, f"{where}[{i}]")
            if found is not None:
                return found
    return None


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
