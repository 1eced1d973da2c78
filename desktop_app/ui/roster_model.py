"""The roster: one row per student of an assignment, as a Qt table model over an AssignmentWork.

With a class list, the rows are its students (in the list's order and spelling), each with their hand-in or,
greyed, "not handed in"; then the hand-ins of students not on the list, marked so. Without one, the hand-ins.
Each category has one column, "found/key +extra" (e.g. "4/6 +2"), sorted by what was found; the numbers
behind it are in the tooltip. Sorting goes through SORT_ROLE so numbers and times sort as numbers, and the
Student column sorts in the list's order. ``roster_hint`` is the line above the table.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from desktop_app.classroom.review import AssignmentWork
from desktop_app.classroom.roster import RosterRow
from desktop_app.core.assignments import Submission
from desktop_app.core.category_counts import LEGEND as COUNT_LEGEND
from desktop_app.core.category_counts import CategoryCount
from desktop_app.i18n import N_, _, ngettext, pgettext
from desktop_app.i18n.formats import format_datetime, format_number
from desktop_app.ui.look import plain_tip, plain_to_html

SORT_ROLE = Qt.ItemDataRole.UserRole + 10
SUBMISSION_ID_ROLE = Qt.ItemDataRole.UserRole + 11

# The columns before the categories', by key; column_title says each in the person's language.
FIXED_COLUMNS = ("student", "points", "grade", "handed_in", "late", "reviewed")
NOT_HANDED_IN = N_("not handed in")
MISSING_COLOUR = QColor("#6b6b6b")  # greyed, and still 5:1 on white; the words say it too
NAMES_IN_HINT = 8


def column_title(key: str) -> str:
    return {"student": pgettext("roster column", "Student"), "points": pgettext("roster column", "Points"),
            "grade": pgettext("roster column", "Grade"), "handed_in": pgettext("roster column", "Handed in"),
            "late": pgettext("roster column", "Late"), "reviewed": pgettext("roster column", "Reviewed")}[key]


def _names(names: list[str]) -> str:
    """"Ana, Bao and Chloé"; past NAMES_IN_HINT, "Ana, Bao, … and 3 more" (names are joined with ", ")."""
    shown = names[:NAMES_IN_HINT]
    more = len(names) - len(shown)
    if more:
        return ngettext("{names} and {count} more", "{names} and {count} more", more).format(
            names=", ".join(shown), count=more)
    if len(shown) == 1:
        return shown[0]
    # Translators: the end of a list of students' names: "Ana, Bao and Chloé" ({names} is "Ana, Bao").
    return _("{names} and {last}").format(names=", ".join(shown[:-1]), last=shown[-1])


def _tooltip(lines: list[str]) -> str | None:
    """A tooltip of names and file names: Qt guesses whether a tooltip is markup, so it is made markup, escaped."""
    return "".join(f"<p>{plain_to_html(line)}</p>" for line in lines) or None


def roster_hint(work: AssignmentWork | None) -> str:
    """The line above the roster: who handed in, who is missing, who is not on the list, and what to do next."""
    if work is None:
        return _("No assignment yet. In the main window, open an article and choose Classroom ▸ New assignment "
                 "from this article…")
    title, subs, listed = work.assignment.title, work.submissions, len(work.class_list)
    sentences = []  # each one whole sentence, joined with spaces
    if listed:
        missing = [m.name for m in work.missing()]
        handed = listed - len(missing)
        if missing:
            sentences.append(ngettext("“{title}”: {handed} of {listed} handed in; {count} missing: {names}.",
                                      "“{title}”: {handed} of {listed} handed in; {count} missing: {names}.",
                                      len(missing)).format(title=title, handed=handed, listed=listed,
                                                           count=len(missing), names=_names(missing)))
        else:
            sentences.append(_("“{title}”: {handed} of {listed} handed in.").format(title=title, handed=handed,
                                                                                  listed=listed))
        strangers = [s.student_name for s in work.not_on_list()]
        if strangers:
            n = len(strangers)
            sentences.append(ngettext(
                "{count} hand-in is not on the class list ({names}): use Match names… to say who handed it in.",
                "{count} hand-ins are not on the class list ({names}): use Match names… to say who handed them in.",
                n).format(count=n, names=_names(strangers)))
    elif subs:
        sentences.append(ngettext("“{title}”: {count} hand-in.", "“{title}”: {count} hand-ins.", len(subs)).format(
            title=title, count=len(subs)))
    else:
        sentences.append(_("“{title}”: no hand-ins yet.").format(title=title))
    if not subs:
        sentences.append(_("Import the students' .ledesub files with Import hand-ins… or drop them (or their "
                           "folder) on this window."))
        return " ".join(sentences)
    reviewed = sum(s.reviewed for s in subs)
    sentences.append(ngettext("{count} reviewed.", "{count} reviewed.", reviewed).format(count=reviewed))
    sentences.append(_("Double-click a student to review their work."))
    if not work.key:
        sentences.append(_("The article has no answer key yet, so there are no scores: mark the key in the main "
                           "window (Mark ▸ Mark the answer key)."))
    return " ".join(sentences)


class RosterModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.work: AssignmentWork | None = None
        self._rows: list[RosterRow] = []
        self._categories: list = []
        self._listed = False  # the assignment has a class list

    def set_work(self, work: AssignmentWork | None) -> None:
        self.beginResetModel()
        self.work = work
        self._rows = work.roster() if work else []
        self._categories = list(work.categories) if work else []
        self._listed = bool(work and len(work.class_list))
        # Hand-ins that look alike (core.agreement), flagged on their rows with the explanation on hover.
        self._alike: dict[str, list[str]] = {}
        for pair in (work.view.similar if work and len(work.submissions) > 1 else ()):
            for one, other in ((pair.first, pair.second), (pair.second, pair.first)):
                self._alike.setdefault(one, []).append(_("Looks alike with {name}: {explanation}").format(
                    name=other, explanation=pair.explanation()))
        self.endResetModel()

    def update_submission(self, sub: Submission) -> None:
        """A review edit (grade, reviewed): only that row changes."""
        row = self.row_of(sub.stored_id)
        if row is not None:
            self._rows[row] = RosterRow(self._rows[row].member, sub)
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def submission_at(self, row: int) -> Submission | None:
        """The hand-in on that row; None for a student who has not handed in."""
        return self._rows[row].submission if 0 <= row < len(self._rows) else None

    def row_of(self, submission_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows)
                     if r.submission is not None and r.submission.id == submission_id), None)

    # --- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(FIXED_COLUMNS) + len(self._categories)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < len(FIXED_COLUMNS):
                return column_title(FIXED_COLUMNS[section])
            return self._categories[section - len(FIXED_COLUMNS)].name
        if role == Qt.ItemDataRole.ToolTipRole and section >= len(FIXED_COLUMNS):
            return plain_tip(_(COUNT_LEGEND))
        if role == Qt.ItemDataRole.ToolTipRole and section == 0 and self._listed:
            return _("Sorted by this column, students are in the class list's order")
        return None

    def _name_order(self, entry: RosterRow) -> str:
        """The Student column's sort key: the list's order, then the hand-ins not on it by name."""
        if not self._listed:
            return entry.name.casefold()
        return f"0{entry.member.position:05d}" if entry.member is not None else f"1{entry.name.casefold()}"

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.work is None:
            return None
        entry = self._rows[index.row()]
        sub = entry.submission
        column = index.column()
        if role == SUBMISSION_ID_ROLE:
            return sub.id if sub is not None else None
        if sub is None:
            return self._missing(entry, column, role)
        comparison = self.work.comparisons.get(sub.id)
        if column >= len(FIXED_COLUMNS):
            category = self._categories[column - len(FIXED_COLUMNS)]
            score = comparison.per_category.get(category.key) if comparison else None
            if score is None:
                return -1 if role == SORT_ROLE else None
            count = CategoryCount.of(score)  # the one way of counting and saying it (core.category_counts)
            if role == Qt.ItemDataRole.DisplayRole:
                return count.text()
            if role == SORT_ROLE:
                return count.sort_key()  # one number: Qt cannot compare Python tuples
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tip(count.sentence(category.name))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        name = FIXED_COLUMNS[column]
        late = self.work.late(sub)
        stranger = self._listed and entry.member is None
        if role == Qt.ItemDataRole.DisplayRole:
            if name == "student":
                shown = _("{name} (not on the list)").format(name=entry.name) if stranger else entry.name
                # Translators: after a student's name in the roster, when the class view flags the hand-in.
                return _("{name}  · looks alike").format(name=shown) if sub.student_name in self._alike else shown
            if name == "points":
                if not comparison or not comparison.has_key:
                    return "—"
                points = self.work.points(sub)
                # "…" while reasoning counts and some notes wait for a rating: the figure will still change.
                return (f"{format_number(points.points)} / {format_number(points.total)}"
                        f"{' …' if points.reasoning_pending else ''}")
            if name == "grade":
                return sub.grade
            if name == "handed_in":
                return format_datetime(sub.handed_in_at.astimezone()) if sub.handed_in_at else ""
            if name == "late":
                # Translators: a hand-in made after the due time (the roster's Late column).
                return pgettext("hand-in", "Late") if late else ""
            if name == "reviewed":
                return "✓" if sub.reviewed else ""
        if role == SORT_ROLE:
            if name == "student":
                return self._name_order(entry)
            if name == "points":
                return self.work.points(sub).points if comparison else -1.0
            if name == "grade":
                return sub.grade.casefold()
            if name == "handed_in":
                return sub.handed_in_at.timestamp() if sub.handed_in_at else 0.0
            if name == "late":
                return int(late)
            if name == "reviewed":
                return int(sub.reviewed)
        if role == Qt.ItemDataRole.ForegroundRole and name == "late" and late:
            return QColor("#b00020")
        if role == Qt.ItemDataRole.ToolTipRole and name == "points" and comparison and comparison.has_key:
            points = self.work.points(sub)
            if points.weight <= 0:
                return None
            numbers = {"finding": format_number(points.finding), "finding_possible": format_number(
                points.finding_possible), "reasoning": format_number(points.reasoning),
                "reasoning_possible": format_number(points.reasoning_possible), "count": points.unrated}
            if not points.unrated:
                return plain_tip(_("Finding {finding} of {finding_possible} · reasoning {reasoning} of "
                                   "{reasoning_possible} (every note rated)").format(**numbers))
            return plain_tip(ngettext("Finding {finding} of {finding_possible} · reasoning {reasoning} of "
                                      "{reasoning_possible} ({count} note not rated yet)",
                                      "Finding {finding} of {finding_possible} · reasoning {reasoning} of "
                                      "{reasoning_possible} ({count} notes not rated yet)",
                                      points.unrated).format(**numbers))
        if role == Qt.ItemDataRole.ToolTipRole and name == "student":
            notes = []
            if entry.member is not None and sub.student_name != entry.member.name:
                notes.append(_("Handed in as “{name}”.").format(name=sub.student_name))
            if stranger:
                notes.append(_("Not on the class list: use Match names… to say who handed it in."))
            if sub.source_file:
                notes.append(_("From {file}").format(file=sub.source_file))
            notes.extend(self._alike.get(sub.student_name, ()))
            return _tooltip(notes)
        if role == Qt.ItemDataRole.TextAlignmentRole and name in ("points", "late", "reviewed"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _missing(self, entry: RosterRow, column: int, role: int):
        """A student on the list who has not handed in: greyed, "not handed in", sorted below every score."""
        name = FIXED_COLUMNS[column] if column < len(FIXED_COLUMNS) else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return {"student": entry.name, "points": "—", "handed_in": _(NOT_HANDED_IN)}.get(name)
        if role == SORT_ROLE:
            if name == "student":
                return self._name_order(entry)
            return "" if name == "grade" else -1.0
        if role == Qt.ItemDataRole.ForegroundRole:
            return MISSING_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole and name == "student":
            return _tooltip([_("{name} has not handed in.").format(name=entry.name)])
        if role == Qt.ItemDataRole.TextAlignmentRole and name == "points":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
