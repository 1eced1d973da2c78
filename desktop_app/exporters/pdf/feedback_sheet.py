"""What one student's feedback sheet says about each mark: what it calls it (the student's badges, S3✓ found
and L2+ extra; the key's K-numbers; the printed line it starts on), the teacher's comment and the note on it,
and the three tables that list the marks (what you found, what you missed, your other marks).

Kept apart from feedback.py, which lays out the pages (front page, article) around these tables, so that every
part of the sheet names a mark the same way, from one place. K-numbers count the key marks in play in reading
order: the same on every student's sheet and on the class summary.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from desktop_app.core.assignments import ON_KEY_MARK, ON_STUDENT_MARK
from desktop_app.core.categories import Category
from desktop_app.core.marks import Mark
from desktop_app.core.matching import reading_order
from desktop_app.exporters.pdf.annotated import Numbering, category_of, numbered
from desktop_app.exporters.pdf.parts import heading_before_long
from desktop_app.exporters.pdf.rows import Text, category_cell, quote_cell, rows_table, spread
from desktop_app.exporters.pdf.styles import para

if TYPE_CHECKING:  # feedback.py imports this module to build its story
    from desktop_app.exporters.pdf.feedback import FeedbackJob

FOUND_SIGN, EXTRA_SIGN = "✓", "+"


class FeedbackSheet:
    """Everything the sheet needs to name a mark: badges (S3✓, K7), lines, and the teacher's comments."""

    def __init__(self, job: FeedbackJob) -> None:
        self.job = job
        self.categories = job.categories
        cmp = job.comparison
        self.ordered = numbered(job.submission.marks)
        self.numbering = Numbering(self.ordered, job.categories)
        self.matched = {id(m.student): m for m in cmp.matches}
        self.matched_ids = {m.student.id for m in cmp.matches if m.student.id is not None}
        in_play = set(cmp.per_category)
        keys = sorted((k for k in job.key if k.category in in_play), key=reading_order)
        self._key_badge = {_key_identity(k): f"K{n}" for n, k in enumerate(keys, 1)}
        self._line_starts: list[int] = []
        self._lines: list = []

    def found(self, mark: Mark) -> bool:
        return id(mark) in self.matched or (mark.id is not None and mark.id in self.matched_ids)

    def badge(self, mark: Mark) -> str:
        if not self.job.comparison.has_key:
            return self.numbering.badge(mark)
        return self.numbering.badge(mark) + (FOUND_SIGN if self.found(mark) else EXTRA_SIGN)

    def key_badge(self, key: Mark) -> str:
        return self._key_badge.get(_key_identity(key), "K")

    def use_lines(self, lines: list) -> None:
        self.numbering.use_lines(lines)
        self._lines, self._line_starts = lines, [line.start for line in lines]

    def line(self, mark: Mark) -> str:
        i = bisect_right(self._line_starts, mark.start) - 1
        return str(self._lines[max(0, i)].number) if self._lines else ""

    def comment(self, on: str, mark: Mark) -> str:
        if mark.id is None:
            return ""
        return self.job.submission.mark_comments.get((on, mark.id), "").strip()

    def category(self, key: str) -> Category:
        return category_of(self.categories, key)

    def note_of(self, mark: Mark) -> str:
        extra = self.numbering.extra_text(mark, self.category(mark.category))
        return "\n".join(b for b in (mark.note.strip(), extra) if b)


def _key_identity(mark: Mark) -> tuple:
    # Key marks from a file have no id until stored: known by where they are and what they say.
    return (mark.id,) if mark.id is not None else (mark.start, mark.end, mark.category)


# --- the three tables -----------------------------------------------------------------------------------
def mark_tables(sheet: FeedbackSheet, width: float, page_height: float) -> list[Flowable]:
    """What you found, what you missed, your other marks (or, with no key, just your marks); the article
    must be set first (``use_lines``) so the tables can give each mark's line."""
    cmp = sheet.job.comparison
    out: list[Flowable] = []
    if not cmp.has_key:
        out += heading_before_long("Your marks", "h2")
        if not sheet.ordered:
            return out + [para("You handed in no marks.", "body")]
        widths = spread(width, [36, 32, 64], [0.4, 0.3, 0.3])
        rows = [[sheet.badge(m), sheet.line(m), category_cell(sheet.category(m.category)), quote_cell(m.quote),
                 Text(sheet.note_of(m)), Text(sheet.comment(ON_STUDENT_MARK, m))] for m in sheet.ordered]
        return out + rows_table(["No.", "Line", "Category", "Your passage", "Your note", "Teacher’s comment"],
                                widths, rows, width, page_height)

    out += heading_before_long("What you found", "h2")
    if cmp.matches:
        widths = spread(width, [38, 32, 64], [0.36, 0.34, 0.30])
        rows = []
        for match in sorted(cmp.matches, key=lambda x: reading_order(x.student)):
            m, k = match.student, match.key
            rows.append([f"{sheet.badge(m)}\n= {sheet.key_badge(k)}", sheet.line(m),
                         category_cell(sheet.category(m.category)), quote_cell(m.quote), Text(k.note.strip()),
                         Text(sheet.comment(ON_STUDENT_MARK, m))])
        out += rows_table(["No.", "Line", "Category", "Your passage", "The key’s note", "Teacher’s comment"],
                          widths, rows, width, page_height)
    else:
        out.append(para("None of your marks matches a passage in the key. The next table shows what the key has."
                        if sheet.ordered else "You handed in no marks. The next table shows what the key has.",
                        "body", width=width))

    out += heading_before_long("What you missed", "h2")
    if cmp.missed:
        out.append(para("Passages the key has that you did not mark (or marked as another category). "
                        "Read the key’s note on each.", "body", width=width))
        passage, note, comment = spread(width, [30, 32, 64, 50], [0.33, 0.37, 0.30])[4:]
        widths = [30, 32, 64, passage, 50, note, comment]
        rows = [[sheet.key_badge(k), sheet.line(k), category_cell(sheet.category(k.category)), quote_cell(k.quote),
                 "Bonus" if k.bonus else "Required", Text(k.note.strip()), Text(sheet.comment(ON_KEY_MARK, k))]
                for k in sorted(cmp.missed, key=reading_order)]
        out += rows_table(["No.", "Line", "Category", "Passage", "Counts as", "The key’s note",
                           "Teacher’s comment"], widths, rows, width, page_height)
    else:
        out.append(para("You found every passage in the key.", "body", width=width))

    out += heading_before_long("Your other marks", "h2")
    if cmp.extra:
        out.append(para("Marks that match nothing in the key. Some are good finds the key does not list; "
                        "your teacher’s comment says which.", "body", width=width))
        widths = spread(width, [36, 32, 64], [0.28, 0.24, 0.20, 0.28])
        rows = []
        for m in sorted(cmp.extra, key=reading_order):
            other = cmp.wrong_category.get(m.id) if m.id is not None else None
            says = (f"The key has this as {sheet.category(other.category).name} ({sheet.key_badge(other)})"
                    if other is not None else "Not in the key")
            rows.append([sheet.badge(m), sheet.line(m), category_cell(sheet.category(m.category)), quote_cell(m.quote),
                         Text(sheet.note_of(m)), Text(says), Text(sheet.comment(ON_STUDENT_MARK, m))])
        out += rows_table(["No.", "Line", "Your category", "Your passage", "Your note", "The key",
                           "Teacher’s comment"], widths, rows, width, page_height)
    else:
        out.append(para("None: every mark you made is in the key." if sheet.ordered else "You made no marks.",
                        "body", width=width))
    return out
