"""How many of a category's key passages a student found: one way of counting, one way of saying it, used by the
roster, the class view, the gradebook CSV and the PDFs alike.

Per category there are the required key passages and the bonus ones, and the student's marks the key does not
have. "2 of 3 +1 bonus · 2 extra" reads: 2 of the 3 required key passages found, 1 bonus passage found as well,
and 2 marks that match nothing in the key. A bonus find never counts as a required one here (the points, in
core.matching, let it make up for a miss: that is the score, not the count).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.matching import CategoryScore
from desktop_app.i18n import N_, _, ngettext

# Marked only (module level): shown through legend() and column_titles(), or _(LEGEND), in the language of the moment.
LEGEND = N_("“2 of 3 +1 bonus · 2 extra”: 2 of the 3 required key passages found, 1 bonus key passage found as "
            "well, 2 marks not in the key.")
# The gradebook's columns per category, after the category's name ("Source: required found", ...).
COLUMNS = (
    # Translators: gradebook column after a category's name: "Source: required found" (key passages found).
    N_("required found"),
    # Translators: gradebook column after a category's name: "Source: required" (key passages required).
    N_("required"),
    # Translators: gradebook column after a category's name: "Source: bonus found" (bonus key passages found).
    N_("bonus found"),
    # Translators: gradebook column after a category's name: "Source: not in the key" (marks not in the key).
    N_("not in the key"),
)


def legend() -> str:
    """How to read a count, as shown."""
    return _(LEGEND)


def column_titles() -> tuple[str, ...]:
    """COLUMNS as shown."""
    return tuple(_(title) for title in COLUMNS)


@dataclass(frozen=True)
class CategoryCount:
    required_found: int
    required: int
    bonus_found: int
    bonus: int
    extra: int

    @classmethod
    def of(cls, score: CategoryScore) -> CategoryCount:
        return cls(score.found, score.required, score.bonus_found, score.bonus, score.extra)

    def text(self) -> str:
        """ "2 of 3 +1 bonus · 2 extra" (the bonus and extra parts only when there are any)."""
        numbers = {"found": self.required_found, "required": self.required, "bonus": self.bonus_found,
                   "extra": self.extra}
        if self.bonus_found and self.extra:
            # Translators: a count in a narrow column: see the legend "“2 of 3 +1 bonus · 2 extra”: ...".
            return _("{found} of {required} +{bonus} bonus · {extra} extra").format(**numbers)
        if self.bonus_found:
            return _("{found} of {required} +{bonus} bonus").format(**numbers)
        if self.extra:
            return _("{found} of {required} · {extra} extra").format(**numbers)
        return _("{found} of {required}").format(**numbers)

    def sentence(self, category_name: str) -> str:
        numbers = {"category": category_name, "found": self.required_found, "required": self.required,
                   "bonus_found": self.bonus_found, "bonus": self.bonus, "extra": self.extra}
        if self.bonus:
            return ngettext("{category}: {found} of {required} required key passages found, and {bonus_found} of "
                            "{bonus} bonus ones; {extra} mark not in the key.",
                            "{category}: {found} of {required} required key passages found, and {bonus_found} of "
                            "{bonus} bonus ones; {extra} marks not in the key.", self.extra).format(**numbers)
        return ngettext("{category}: {found} of {required} required key passages found; {extra} mark not in the key.",
                        "{category}: {found} of {required} required key passages found; {extra} marks not in the "
                        "key.", self.extra).format(**numbers)

    def columns(self) -> tuple[int, int, int, int]:
        """The gradebook's numbers, in the order of COLUMNS."""
        return (self.required_found, self.required, self.bonus_found, self.extra)

    def sort_key(self) -> int:
        """One number that sorts a roster column: more found first, fewer extra breaking ties."""
        return (self.required_found + self.bonus_found) * 1000 - self.extra
