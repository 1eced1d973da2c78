"""Who handed these in? One dialog for every hand-in whose name is not exactly on the class list: each with the
students its name is close to (best first, with why), "Not on the list", and then everyone else on the list.

A candidate is chosen already only when it is likely and no other hand-in holds or wants that student
(application.class_list.NameQuestion.suggestion); the teacher sees every choice before anything is linked, and
nothing is linked until Link. Two hand-ins given one student are refused here, before anything is saved.
Names are data: every label is plain text, and a combo box's items are never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import reduce

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QGridLayout, QScrollArea, QVBoxLayout,
                               QWidget)

from desktop_app.application.class_list import NameCheck, NameQuestion
from desktop_app.i18n import N_, _, ngettext
from desktop_app.ui.own_category_dialog import error_label, plain_label, show_error

NOT_ON_LIST = -1  # the combo box's data for "Not on the list" (a member id is never negative)
NOT_ON_LIST_TEXT = N_("Not on the list")
NOTE_STYLE = "color: palette(placeholder-text)"  # dimmer than text in a light or a dark palette


def _note(q: NameQuestion) -> str:
    best = q.candidates[0] if q.candidates else None
    if best is None:
        return _("No one on the list has a name close to this.")
    if q.contested_by:
        n = len(q.contested_by)
        # Translators: {others} is one name or several joined with " and " (the hand-ins' names, as typed).
        return ngettext("{others} is also close to {name}.", "{others} are also close to {name}.", n).format(
            others=_and(q.contested_by), name=best.member.name)
    if best.taken_by:
        return _("{name} has {other}'s hand-in already.").format(name=best.member.name, other=best.taken_by)
    return ""


def _and(names) -> str:
    """Names joined with " and ": "Ana and Bea", "Ana and Bea and Chloé" (the names as typed, never translated)."""
    # Translators: two names, or a list of names and one more: "Ana and Bea", "Ana and Bea and Chloé".
    return reduce(lambda first, second: _("{first} and {second}").format(first=first, second=second), names)


class NameMatchDialog(QDialog):
    def __init__(self, check: NameCheck, questions: Sequence[NameQuestion], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = check
        self.questions = list(questions)
        self.combos: dict[int, QComboBox] = {}  # hand-in id -> its choice
        self.setWindowTitle(_("Who handed these in?"))
        self.setMinimumSize(640, 360)
        layout = QVBoxLayout(self)
        n = len(self.questions)
        intro = plain_label(ngettext(
            "This {count} hand-in's name is not exactly on the class list. Choose who handed each one in, or “Not on "
            "the list”. Nothing is linked until you press Link.",
            "These {count} hand-ins' names are not exactly on the class list. Choose who handed each one in, or “Not "
            "on the list”. Nothing is linked until you press Link.", n).format(count=n), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        rows = QWidget()
        grid = QGridLayout(rows)
        grid.addWidget(plain_label(_("Handed in as"), rows), 0, 0)
        grid.addWidget(plain_label(_("Student on the list"), rows), 0, 1)
        row = 1
        for q in self.questions:
            name = plain_label(q.name, rows)
            combo = self._combo(q, rows)
            name.setBuddy(combo)
            grid.addWidget(name, row, 0)
            grid.addWidget(combo, row, 1)
            self.combos[q.submission_id] = combo
            row += 1
            if _note(q):  # under its choice: why the teacher is asked, or what to watch for
                note = plain_label(_note(q), rows)
                note.setWordWrap(True)
                note.setStyleSheet(NOTE_STYLE)
                combo.setAccessibleDescription(_note(q))
                grid.addWidget(note, row, 1)
                row += 1
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(row, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(rows)
        layout.addWidget(scroll, 1)
        self.error = error_label("name_match_problem", self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.link_button = buttons.addButton(_("&Link"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.link_button.setObjectName("link_names")
        self.link_button.setDefault(True)
        later = buttons.addButton(_("Ask me &later"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setToolTip(_("Leave these hand-ins unmatched for now: Match names… asks again"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.combos:
            next(iter(self.combos.values())).setFocus()

    def _combo(self, q: NameQuestion, parent: QWidget) -> QComboBox:
        combo = QComboBox(parent)
        combo.setObjectName(f"member_for_{q.submission_id}")
        combo.setAccessibleName(_("Who handed in as {name}").format(name=q.name))
        offered = set()
        for c in q.candidates:
            text = (_("{name} — {reason} (has {other}'s hand-in)") if c.taken_by else _("{name} — {reason}")).format(
                name=c.member.name, reason=c.reason, other=c.taken_by)
            combo.addItem(text, c.member.id)
            offered.add(c.member.id)
        combo.addItem(_(NOT_ON_LIST_TEXT), NOT_ON_LIST)
        others = [m for m in self.check.class_list if m.id not in offered]
        if others:
            combo.insertSeparator(combo.count())
            for m in others:
                holder = self.check.held_by.get(m.id or NOT_ON_LIST, "")
                combo.addItem(_("{name} (has {other}'s hand-in)").format(name=m.name, other=holder)
                              if holder and holder != q.name else m.name, m.id)
        chosen = q.suggestion.id if q.suggestion is not None else NOT_ON_LIST
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        return combo

    # --- the answers -------------------------------------------------------------------------------
    def chosen(self, submission_id: int) -> int | None:
        """The member chosen for a hand-in, or None for "Not on the list"."""
        data = self.combos[submission_id].currentData()
        return None if data is None or data == NOT_ON_LIST else int(data)

    def choose(self, submission_id: int, member_name: str | None) -> None:
        """Chooses as the teacher would in the combo box (for tests and scripts): a student's name, or None."""
        combo = self.combos[submission_id]
        for i in range(combo.count()):
            data = combo.itemData(i)
            if (member_name is None and data == NOT_ON_LIST) or (
                    member_name is not None and data not in (None, NOT_ON_LIST)
                    and next(m.name for m in self.check.class_list if m.id == data) == member_name):
                combo.setCurrentIndex(i)
                return
        raise LookupError(f"{member_name} is not offered for this hand-in")

    def answers(self) -> dict[int, int | None]:
        """The hand-ins whose answer differs from what they are linked to now: hand-in id -> member id or None."""
        out = {}
        for q in self.questions:
            now = q.current.id if q.current is not None else None
            if self.chosen(q.submission_id) != now:
                out[q.submission_id] = self.chosen(q.submission_id)
        return out

    def problem(self) -> str:
        """Why the answers cannot be linked as they are (a student given two hand-ins), or ""."""
        asked = {q.name for q in self.questions}
        holding: dict[int, list[str]] = {mid: [name] for mid, name in self.check.held_by.items() if name not in asked}
        for q in self.questions:
            member_id = self.chosen(q.submission_id)
            if member_id is not None:
                holding.setdefault(member_id, []).append(q.name)
        for member in self.check.class_list:
            names = holding.get(member.id or NOT_ON_LIST, [])
            if len(names) > 1:
                return _("{name} is chosen for {names}. Each student on the list has one hand-in: choose another "
                         "student, or “Not on the list”, for all but one of them.").format(name=member.name,
                                                                                          names=_and(names))
        return ""

    def accept(self) -> None:
        problem = self.problem()
        show_error(self.error, problem)
        if not problem:
            super().accept()
