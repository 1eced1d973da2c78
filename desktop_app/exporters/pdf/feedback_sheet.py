"""What one student's feedback sheet says about each mark: what it calls it (the student's badges, S3✓ found
and L2+ not in the key; the key's K-numbers; the printed line it starts on), the student's own note beside
the teacher's comment and the note's rating, and the tables that list the marks (your marks; the key passages
you missed, only when the teacher has released the key).

Kept apart from feedback_front.py, which lays out the front page and the article around these tables, so that
every part of the sheet names a mark the same way, from one place. K-numbers count the key marks in play in
reading order: the same on every student's sheet and on the class summary.
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
from desktop_app.exporters.pdf.lines import isolated
from desktop_app.exporters.pdf.rows import (Labelled, Text, columns, labelled, line_header, number_header, quoted,
                                            rows_table, short_quote)
from desktop_app.exporters.pdf.sizes import current
from desktop_app.exporters.pdf.styles import para
from desktop_app.i18n import N_, _, pgettext

if TYPE_CHECKING:  # feedback.py imports this module to build its story
    from desktop_app.exporters.pdf.feedback import FeedbackJob

FOUND_SIGN, EXTRA_SIGN = "✓", "+"
# The teacher's rating of a note, 0 to 2, as Perusall's comment-quality scale has it; said in words (see
# rating_words), which RATING_LEGEND explains.
RATING_LEGEND = N_("The word after “Your note” is how your teacher rated it: {sound} — the reasoning holds; "
                   "{partly} — part of the way there; {wrong} — no note, or one that does not hold; {not_rated} — "
                   "your teacher has not rated it (yet).")


def rating_words() -> dict[int | None, str]:
    """The words for each rating (None: not rated), in the person's language: the same msgids as
    core.reasoning.RATING_WORDS, so the review window and the sheet say the same word."""
    # Translators: the teacher's rating of a student's note: sound (the reasoning holds), partly, missing or
    # wrong, not rated (yet).
    return {2: _("sound"), 1: _("partly"), 0: _("missing or wrong"), None: _("not rated")}


def rating_legend() -> str:
    words = rating_words()
    return _(RATING_LEGEND).format(sound=words[2], partly=words[1], wrong=words[0], not_rated=words[None])


PASSAGE_LIMIT = 48  # characters of a passage in a table: enough to know it; the article above shows it whole


class FeedbackSheet:
    """Everything the sheet needs to name a mark: badges (S3✓, K7), lines, and the teacher's comments."""

    def __init__(self, job: FeedbackJob) -> None:
        self.job = job
        self.categories = job.categories
        cmp = job.comparison
        self.ordered = numbered(job.submission.marks)
        self.numbering = Numbering(self.ordered, job.categories)
        self.matched = {id(m.student): m for m in cmp.matches}
        self.matched_ids = {m.student.id: m for m in cmp.matches if m.student.id is not None}
        in_play = set(cmp.per_category)
        keys = sorted((k for k in job.key if k.category in in_play), key=reading_order)
        self._key_badge = {_key_identity(k): f"K{n}" for n, k in enumerate(keys, 1)}
        self._line_starts: list[int] = []
        self._lines: list = []

    @property
    def released(self) -> bool:
        """The teacher has released the key to this student: the missed passages and the key's notes print."""
        return self.job.show_missed_key

    def match_of(self, mark: Mark):
        return self.matched.get(id(mark)) or (self.matched_ids.get(mark.id) if mark.id is not None else None)

    def found(self, mark: Mark) -> bool:
        return self.match_of(mark) is not None

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

    def rating(self, mark: Mark) -> str:
        value = self.job.note_ratings.get(mark.id) if mark.id is not None else None
        words = rating_words()
        return words.get(value, words[None])

    @property
    def rated(self) -> bool:
        return bool(self.job.note_ratings) or self.job.reasoning_weight > 0

    def category(self, key: str) -> Category:
        return category_of(self.categories, key)

    def note_of(self, mark: Mark) -> str:
        extra = self.numbering.extra_text(mark, self.category(mark.category))
        return "\n".join(b for b in (mark.note.strip(), extra) if b)

    def key_says(self, mark: Mark) -> str:
        """What the key says about a student's mark, to print under its passage ("" for a plain match)."""
        cmp = self.job.comparison
        if not cmp.has_key or self.found(mark):
            return ""
        other = cmp.wrong_category.get(mark.id) if mark.id is not None else None
        name = self.category(mark.category).name
        if other is not None and self.released:
            return _("The key has this as {category} ({badge}).").format(
                category=isolated(self.category(other.category).name), badge=self.key_badge(other))
        return _("Not in the key as {category}.").format(category=isolated(name))

    def hints(self) -> list[tuple[Mark, str]]:
        """The teacher's comments on key passages this student missed, in reading order."""
        return [(k, self.comment(ON_KEY_MARK, k)) for k in sorted(self.job.comparison.missed, key=reading_order)
                if self.comment(ON_KEY_MARK, k)]


def _key_identity(mark: Mark) -> tuple:
    # Key marks from a file have no id until stored: known by where they are and what they say.
    return (mark.id,) if mark.id is not None else (mark.start, mark.end, mark.category)


def _passage(category: Category, text: str, *more: str) -> Text:
    quote = quoted(short_quote(text, PASSAGE_LIMIT))
    return Text("\n".join([labelled(category.name, quote), *(m for m in more if m)]), "quote")


# --- the tables -----------------------------------------------------------------------------------------
def mark_tables(sheet: FeedbackSheet, width: float, page_height: float) -> list[Flowable]:
    """Your marks (each with your note, its rating and the teacher's comment) and, when the key is released,
    the key passages you missed; the article must be set first (``use_lines``) for the line numbers."""
    out: list[Flowable] = []
    if sheet.ordered:
        out += heading_before_long(_("Your marks"), "h2")
        out += _your_marks(sheet, width, page_height)
    if sheet.released and sheet.job.comparison.missed:
        out += heading_before_long(_("What you missed"), "h2")
        out += _missed(sheet, width, page_height)
    return out


def _your_marks(sheet: FeedbackSheet, width: float, page_height: float) -> list[Flowable]:
    """One row a mark: what and where it is, then the student's note with the teacher's answer under it."""
    sizes = current()
    cmp = sheet.job.comparison
    widths = columns(width, [sizes(46), sizes(34), "0.45", "0.55"])
    rows = []
    for m in sheet.ordered:
        match = sheet.match_of(m)
        badge = sheet.badge(m) + (f"\n= {sheet.key_badge(match.key)}" if match is not None else "")
        note_label = _("Your note ({rating}):").format(rating=sheet.rating(m)) if sheet.rated else _("Your note:")
        parts = [(note_label, sheet.note_of(m) or "—"), (_teacher_label(), sheet.comment(ON_STUDENT_MARK, m))]
        if cmp.has_key and sheet.released and match is not None:
            parts.append((_("The key’s note:"), match.key.note))
        rows.append([badge, sheet.line(m), _passage(sheet.category(m.category), m.quote, sheet.key_says(m)),
                     Labelled(tuple(parts))])
    out = rows_table([number_header(), line_header(), _("Your passage"), _("Your note, and your teacher’s answer")],
                     widths, rows, width, page_height, line_column=1)
    if sheet.rated:
        out.append(para(rating_legend(), "small", width=width))
    return out


def _missed(sheet: FeedbackSheet, width: float, page_height: float) -> list[Flowable]:
    sizes = current()
    out: list[Flowable] = [para(_("Passages the key has that you did not mark (or marked as another category), "
                                  "with the key’s note on each."), "body", width=width)]
    widths = columns(width, [sizes(46), sizes(34), "0.4", "0.6"])
    rows = [[sheet.key_badge(k), sheet.line(k),
             _passage(sheet.category(k.category), k.quote, _("Bonus: a good find, not asked for.") if k.bonus else ""),
             Labelled(((_("The key’s note:"), k.note or "—"), (_teacher_label(), sheet.comment(ON_KEY_MARK, k))))]
            for k in sorted(sheet.job.comparison.missed, key=reading_order)]
    return out + rows_table([number_header(), line_header(), _("Passage"),
                             _("The key’s note, and your teacher’s comment")], widths, rows, width, page_height,
                            line_column=1)


def _teacher_label() -> str:
    # Translators: the label before the teacher's comment on a mark ("Teacher: Good find.").
    return pgettext("label", "Teacher:")
