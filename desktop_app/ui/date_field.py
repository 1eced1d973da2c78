"""An article's date as a date: typed in the locale's order or picked from a calendar, or "No date".

What an import found is often not a date at all ("Tuesday", "Updated 3 hours ago"); such a text is kept as it
is unless the person picks a date, so opening and saving the details never loses what the file said.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

from desktop_app.i18n import _

NO_DATE = QDate(1900, 1, 1)  # shown as "No date" (Qt's special value text at the minimum)


class DateField(QDateEdit):
    def __init__(self, published: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._given = published.strip()
        self._touched = False
        self.setCalendarPopup(True)
        self.setMinimumDate(NO_DATE)
        self.setMaximumDate(QDate(2200, 12, 31))
        self.setSpecialValueText(_("No date"))
        self.setAccessibleName(_("Date published"))
        try:
            given = dt.date.fromisoformat(self._given[:10])
        except ValueError:
            given = None
        if given is not None:
            self.setDate(QDate(given.year, given.month, given.day))
        else:
            self.setDate(NO_DATE)
            if self._given:
                self.setToolTip(_("The file said: {text}").format(text=self._given))
        # The calendar opens on today rather than on 1900 when there is no date yet.
        self.calendarWidget().setSelectedDate(self.date() if given is not None else QDate.currentDate())
        self.dateChanged.connect(self._on_changed)

    def _on_changed(self, _date: QDate) -> None:
        self._touched = True

    def value(self) -> str:
        """YYYY-MM-DD, "" for No date, or the file's own words when the person left the field alone."""
        if not self._touched:
            return self._given
        date = self.date()
        return "" if date == NO_DATE else date.toString("yyyy-MM-dd")
