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

LEGEND = ("“2 of 3 +1 bonus · 2 extra”: 2 of the 3 required key passages found, 1 bonus key passage found as "
          "well, 2 marks not in the key.")
# The gradebook's columns per category, after the category's name ("Source: required found", ...).
COLUMNS = ("required found", "required", "bonus found", "not in the key")


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
        out = f"{self.required_found} of {self.required}"
        if self.bonus_found:
            out += f" +{self.bonus_found} bonus"
        if self.extra:
            out += f" · {self.extra} extra"
        return out

    def sentence(self, category_name: str) -> str:
        bonus = f", and {self.bonus_found} of {self.bonus} bonus ones" if self.bonus else ""
        return (f"{category_name}: {self.required_found} of {self.required} required key passages found{bonus}; "
                f"{self.extra} mark{'s' if self.extra != 1 else ''} not in the key.")

    def columns(self) -> tuple[int, int, int, int]:
        """The gradebook's numbers, in the order of COLUMNS."""
        return (self.required_found, self.required, self.bonus_found, self.extra)

    def sort_key(self) -> int:
        """One number that sorts a roster column: more found first, fewer extra breaking ties."""
        return (self.required_found + self.bonus_found) * 1000 - self.extra
