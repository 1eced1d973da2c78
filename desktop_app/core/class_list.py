"""A class list: the students of one class, in the register's order, read from a paste or an LMS export.

Students are known to Lede only by the name they type (``assignments.student_key``), so the list is a list
of names; an LMS id and an email ride along for the teacher. The list gives the roster who has not handed
in, the names hand-ins are matched to (``name_matching``) and the gradebook its order and spelling.

Two ways in:

- Pasted: one student per line. Blank lines, surrounding spaces, list numbering ("3. ", "- ") and a
  column title copied along ("Name") go; "Lopez, Ana" stays a name, as many registers write it. Rows copied
  from a spreadsheet (tab-separated) are read as a table when the header row came with them.
- A CSV file as an LMS exports it: the header row and the columns for the name (one full-name column, or
  first and last name), an id and an email are found by their titles (``class_list_columns``), with commas,
  semicolons (Excel in most of Europe) or tabs between cells. Rows that are not students are left out:
  Canvas's "Points Possible" row and its "Test Student", and people whose role is not student.

Each student is listed once (same ``student_key``); what was left out is said in ``warnings``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from collections.abc import Iterator, Sequence

from desktop_app.core import class_list_columns as columns
from desktop_app.core.assignments import clean_name, student_key
from desktop_app.core.decoding import bom_encoding, likely_encodings, statistical_guesses
from desktop_app.i18n import N_, _, ngettext
from desktop_app.i18n.formats import format_number

MAX_STUDENTS = 500  # far beyond a class; a whole school's export is a mistake worth saying so
MAX_BYTES = 1_000_000  # 500 students with long names, ids, emails and dozens of grade columns fit easily
_HEADER_SEARCH_ROWS = 30  # title lines some exports put above the header row
_DELIMITERS = (",", ";", "\t")
_LIST_NUMBERING = re.compile(r"^(?:\d{1,3}[.)]|[-–•*·])\s+")
_EXCEL_SEPARATOR_LINE = re.compile(r"^sep=(.)\s*$")

# Spreadsheets, documents and archives teachers pick by mistake, by their first bytes (marked only: translated
# where the message is made).
_NOT_TEXT = (
    # Translators: in "{what} is {kind}, not a CSV file."
    (b"PK\x03\x04", N_("an Excel workbook or another zipped file")),
    # Translators: in "{what} is {kind}, not a CSV file."
    (b"\xd0\xcf\x11\xe0", N_("an old Excel workbook")),
    # Translators: in "{what} is {kind}, not a CSV file."
    (b"%PDF", N_("a PDF")),
)
_SAVE_AS_CSV = N_("In the spreadsheet program choose Save As (or Download) › CSV, UTF-8 if offered, "
                  "and read that file, or copy the names column and paste it.")


class ClassListError(ValueError):
    """The text cannot be read as a class list; the message says what to do."""


@dataclass(frozen=True, slots=True)
class _What:
    """What a message is about, in the person's language: at the start of a sentence and inside one."""

    start: str  # "The file", “roster.csv”
    inside: str  # "the file", “roster.csv”


def _pasted() -> _What:
    # Translators: the subject of a message about a pasted class list ("The pasted text has no student names...").
    return _What(_("The pasted text"), _("the pasted text"))


def _file(file_name: str) -> _What:
    if file_name:
        # Translators: a file named in a message, in quotes: “roster.csv”.
        named = _("“{file}”").format(file=file_name)
        return _What(named, named)
    # Translators: the subject of a message about a class list file ("The file is not readable text...").
    return _What(_("The file"), _("the file"))


@dataclass(frozen=True, slots=True)
class Member:
    """One student on a class list."""

    name: str  # as the list writes it, cleaned like a typed name
    key: str  # student_key(name): the student's identity in Lede
    lms_id: str = ""
    email: str = ""
    position: int = 0  # place in the list, from 0
    id: int | None = None  # the entry's id in the library, once stored with an assignment (storage.class_lists)


@dataclass(frozen=True, slots=True)
class ClassList:
    members: tuple[Member, ...]
    warnings: tuple[str, ...] = ()  # sentences for the teacher: what was left out, and why
    name_columns: tuple[str, ...] = ()  # the column titles the names were read from; empty for a paste
    _by_key: dict[str, Member] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {m.key: m for m in self.members})

    def __len__(self) -> int:
        return len(self.members)

    def __iter__(self) -> Iterator[Member]:
        return iter(self.members)

    def member(self, key: str) -> Member | None:
        """The member whose student_key is ``key``."""
        return self._by_key.get(key)


def class_list_from_paste(text: str) -> ClassList:
    """A class list from pasted text: one name per line, or spreadsheet rows with their header row."""
    what = _pasted()
    if len(text) > MAX_BYTES:
        raise ClassListError(_("The pasted text is {length} characters long; a class list is far shorter. Paste only "
                               "the students' names, one per line.").format(length=format_number(len(text))))
    if "\t" in text:
        table = _find_table(text, "\t")
        if table is None:
            raise ClassListError(_("The pasted rows have several columns and no header row Lede recognises. Copy "
                                   "only the column with the students' names, or copy the header row too (for "
                                   "example “Name”, or “First name” and “Last name”)."))
        return _read_table(table, what)
    return _one_name_per_line(text, what)


def class_list_from_file(data: bytes, file_name: str = "") -> ClassList:
    """A class list from a CSV (or text) file, as an LMS or a spreadsheet program writes it. ``file_name``
    only names the file in messages."""
    what = _file(file_name)
    if len(data) > MAX_BYTES:
        # Translators: {what} is “roster.csv” or "The file"; {size} and {limit} are sizes in megabytes.
        raise ClassListError(_("{what} is {size} MB; a class list is far smaller (Lede reads up to {limit} MB). "
                               "Check that it is the class list, or export only the students' names.").format(
            what=what.start, size=format_number(len(data) / 1_000_000, 1),
            limit=format_number(MAX_BYTES // 1_000_000)))
    for magic, kind in _NOT_TEXT:
        if data.startswith(magic):
            # Translators: {what} is “roster.csv” or "The file"; {advice} says how to save a CSV file.
            raise ClassListError(_("{what} is {kind}, not a CSV file. {advice}").format(
                what=what.start, kind=_(kind), advice=_(_SAVE_AS_CSV)))
    text, forced = _without_separator_line(_decode(data, what))
    tables = [t for t in (_find_table(text, d) for d in ((forced,) if forced else _DELIMITERS)) if t]
    if tables:
        # The right delimiter splits the header row into the most columns, and then (a one-column "Name"
        # file with "Lopez, Ana" under it) the most rows into as many cells as the header.
        return _read_table(max(tables, key=lambda t: (len(t.header), sum(len(r) == len(t.header) for r in t.rows))),
                           what)
    if any(ch in text for ch in "\t;@0123456789"):
        # Translators: {what} is “roster.csv” or "the file".
        raise ClassListError(_("Lede could not find the column with the students' names in {what}. Check that its "
                               "first row names the columns (for example “Name”, or “First name” and “Last name”) "
                               "and read it again.").format(what=what.inside))
    return _one_name_per_line(text, what)


# --- one name per line ---------------------------------------------------------------------------------

def _one_name_per_line(text: str, what: _What) -> ClassList:
    rows: list[_Row] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = _LIST_NUMBERING.sub("", line.strip())
        if len(line) > 1 and line[0] == line[-1] == '"':
            line = line[1:-1].replace('""', '"')  # a spreadsheet's quoting of "Lopez, Ana"
        if "@" in line:
            # Translators: {what} is “roster.csv”, "the file" or "the pasted text".
            raise ClassListError(_("Line {number} of {what} has an email address in it. Give only the students' "
                                   "names, one per line, or read the class list file your LMS exports.").format(
                number=number, what=what.inside))
        if not line.strip():
            continue
        if not rows and columns.find_layout([line]) is not None:
            continue  # the column's title ("Name", "Students"), copied with the names below it
        rows.append(_Row(line))
    return _build(rows, (), what)


# --- tables ---------------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Row:
    name: str
    ids: tuple[str, ...] = ()  # the values of the layout's id columns, most useful first
    email: str = ""


@dataclass(slots=True)
class _Table:
    header: list[str]
    layout: columns.Layout
    rows: list[list[str]]  # the rows after the header


def _find_table(text: str, delimiter: str) -> _Table | None:
    """``text`` read as a table with this delimiter, when one of its first rows is a header naming the
    students' names column."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        return None  # a field longer than csv allows: not this delimiter's table, or not a table at all
    for index, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        layout = columns.find_layout(row)
        if layout is not None:
            return _Table(row, layout, rows[index + 1:])
    return None


def _read_table(table: _Table, what: _What) -> ClassList:
    header, layout = table.header, table.layout
    header_keys = [columns.title_key(cell) for cell in header]
    found: list[_Row] = []
    not_students: list[str] = []
    nameless = 0
    for row in table.rows:
        if not any(cell.strip() for cell in row):
            continue
        if [columns.title_key(cell) for cell in row] == header_keys:
            continue  # the header again, as when two exports are pasted one after the other
        cells = [_cell(c) for c in row] + [""] * (len(header) - len(row))
        name = clean_name(" ".join(cells[i] for i in layout.name if cells[i]))
        ids = tuple(cells[i] for i in layout.lms_ids)
        email = cells[layout.email] if layout.email is not None else ""
        if not name:
            # Someone with an id or email but no name is worth a word; a row with neither is the LMS's own
            # (Canvas's "Manual Posting" row, a row of due dates).
            nameless += bool(any(ids) or email)
            continue
        if columns.is_lms_row(name):
            continue
        role = cells[layout.role] if layout.role is not None else ""
        if role and not columns.is_student_role(role):
            not_students.append(role)
            continue
        found.append(_Row(name, ids, email if "@" in email else ""))
    warnings = []
    if not_students:
        roles = ", ".join(f"“{r}”" for r in dict.fromkeys(not_students))
        n = len(not_students)
        # Translators: {roles} lists the roles, each in quotes: “Teacher”, “Observer”.
        warnings.append(ngettext("{count} person with a role other than student ({roles}) was left out.",
                                 "{count} people with a role other than student ({roles}) were left out.",
                                 n).format(count=n, roles=roles))
    if nameless:
        warnings.append(ngettext("{count} row without a name was left out.",
                                 "{count} rows without a name were left out.", nameless).format(count=nameless))
    return _build(found, tuple(header[i].strip() for i in layout.name), what, warnings)


# --- shared ---------------------------------------------------------------------------------------------

def _build(rows: Sequence[_Row], name_columns: tuple[str, ...], what: _What,
           warnings: Sequence[str] = ()) -> ClassList:
    # The first id column with any value in it: Canvas's "SIS User ID" is empty where no SIS is linked.
    column = next((i for i in range(len(rows[0].ids)) if any(r.ids[i] for r in rows)), None) if rows else None
    members: list[Member] = []
    first_of: dict[str, Member] = {}
    repeats = 0
    namesakes: list[str] = []
    for row in rows:
        name = clean_name(row.name)
        if not name:
            continue
        key = student_key(name)
        lms_id = row.ids[column] if column is not None else ""
        earlier = first_of.get(key)
        if earlier is not None:
            if _different_person(earlier, lms_id, row.email):
                namesakes.append(_namesake_warning(earlier, lms_id, row.email))
            else:
                repeats += 1
            continue
        member = Member(name, key, lms_id, row.email, len(members))
        first_of[key] = member
        members.append(member)
    if not members:
        # Translators: {what} is “roster.csv”, "The file" or "The pasted text".
        raise ClassListError(_("{what} has no student names in it. Give one name per line, or read the class list "
                               "file your LMS exports.").format(what=what.start))
    if len(members) > MAX_STUDENTS:
        # Translators: {what} is “roster.csv”, "The file" or "The pasted text".
        raise ClassListError(_("{what} lists {count} students; Lede takes class lists of up to {limit}. Export or "
                               "paste one class at a time.").format(what=what.start,
                                                                     count=format_number(len(members)),
                                                                     limit=format_number(MAX_STUDENTS)))
    notes = list(warnings)
    if repeats:
        notes.append(ngettext("{count} line repeated a name; each student is listed once.",
                              "{count} lines repeated a name; each student is listed once.",
                              repeats).format(count=repeats))
    notes.extend(namesakes)
    return ClassList(tuple(members), tuple(notes), name_columns)


def _different_person(earlier: Member, lms_id: str, email: str) -> bool:
    return bool((earlier.lms_id and lms_id and earlier.lms_id != lms_id)
                or (earlier.email and email and earlier.email.casefold() != email.casefold()))


def _namesake_warning(earlier: Member, lms_id: str, email: str) -> str:
    first, second = (earlier.lms_id, lms_id) if earlier.lms_id and lms_id else (earlier.email, email)
    # Translators: {first} and {second} are the two students' ids or email addresses.
    return _("Two students are called “{name}” ({first} and {second}). Lede knows students by the name they type, "
             "so only the first is listed: ask the other to add a middle name or initial when handing in, and add "
             "that name to the list.").format(name=earlier.name, first=first, second=second)


def _cell(text: str) -> str:
    # Line breaks inside a quoted cell become spaces: clean_name would otherwise glue the words together.
    return " ".join(text.split())


def _without_separator_line(text: str) -> tuple[str, str | None]:
    """Excel writes and honours a first line "sep=;" naming the delimiter: use it, and drop the line."""
    first, _, rest = text.partition("\n")
    found = _EXCEL_SEPARATOR_LINE.match(first.rstrip("\r"))
    return (rest, found.group(1)) if found else (text, None)


def _decode(data: bytes, what: _What) -> str:
    bom = bom_encoding(data)
    if bom is not None:
        encoding, length = bom
        try:
            return data[length:].decode(encoding)
        except UnicodeDecodeError:
            # Translators: {what} is “roster.csv” or "The file"; {encoding} is an encoding's name: UTF-16-LE.
            raise ClassListError(_("{what} says it is {encoding} text but is damaged part-way through. Export it "
                                   "again from your LMS, or paste the names.").format(
                what=what.start, encoding=encoding.upper())) from None
    if b"\x00" in data:
        # Translators: {what} is “roster.csv” or "The file"; {advice} says how to save a CSV file.
        raise ClassListError(_("{what} is not a text file. {advice}").format(what=what.start,
                                                                              advice=_(_SAVE_AS_CSV)))
    for encoding in likely_encodings(data):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    # The statistics are weak on a short list; a reading in which a header row is recognised beats the
    # guess charset-normalizer ranks first.
    first = None
    for text in statistical_guesses(data):
        if any(_find_table(text, d) is not None for d in _DELIMITERS):
            return text
        first = text if first is None else first
    if first is not None:
        return first
    # Translators: {what} is “roster.csv” or "The file"; {advice} says how to save a CSV file.
    raise ClassListError(_("{what} is not readable text. {advice}").format(what=what.start, advice=_(_SAVE_AS_CSV)))
