"""The annotated copy (one person's marks on the article, each note in the margin beside its line) and the
answer key, which is the annotated copy of the key's marks with the teacher's notes, required or bonus
(a bonus mark's badge has a dashed outline), and discussion prompts. A note too long for the margin leaves
"see table" there and is printed in the table after the article."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from reportlab.lib.colors import HexColor
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from desktop_app.core.articles import Article
from desktop_app.core.categories import Category, CategorySet
from desktop_app.core.marks import Mark
from desktop_app.exporters.pdf.article_layout import DrawnMark
from desktop_app.exporters.pdf.lines import isolated
from desktop_app.exporters.pdf.margin_notes import SEE_TABLE
from desktop_app.exporters.pdf.parts import (BadgeSample, Later, article_flow, article_heading, heading,
                                             heading_before_long, legend)
from desktop_app.exporters.pdf.rows import (Text, columns, labelled, line_header, number_header, quoted, rows_table,
                                            short_quote)
from desktop_app.exporters.pdf.sizes import current
from desktop_app.exporters.pdf.styles import GREY, RULE, para, sheet_table
from desktop_app.i18n import _, ngettext, pgettext


def _unknown() -> Category:
    # Translators: the category a mark is printed under when this computer does not know its own category.
    return Category(key="unknown", name=pgettext("mark category", "Other"), shortcut="", letter="?",
                    colour="#666666", cue="dotted", question="")


def numbered(marks: Sequence[Mark]) -> list[Mark]:
    """Marks in reading order: mark 1 is the first in the text, as the badges and the table count them."""
    return sorted(marks, key=lambda m: (m.start, -m.end, m.id if m.id is not None else 0))


def category_of(categories: CategorySet, key: str) -> Category:
    # A mark of a category this file no longer lists (a teacher's own category from another computer)
    # still prints, as "Other" with a dotted line, rather than failing the whole export.
    return categories.get(key) or _unknown()


def _identity(mark: Mark) -> object:
    """A stored mark is itself by its id (the same mark may arrive as two equal objects, e.g. one read for
    scoring and one read after a review edit); a mark not stored yet, by the object."""
    return ("id", mark.id) if mark.id is not None else ("object", id(mark))


class Numbering:
    """How the page refers to each mark: its badge (letter and number in reading order), its line, and the
    words an attribution uses to point at a Source mark."""

    def __init__(self, ordered: list[Mark], categories: CategorySet) -> None:
        self._badge = {_identity(m): f"{category_of(categories, m.category).letter}{n}"
                       for n, m in enumerate(ordered, 1)}
        # A desk mark names its Source by id; a key file, written before anything had ids, by its quote.
        self._source: dict[object, str] = {}
        for m in ordered:
            label = f"{self._badge[_identity(m)]} {quoted(short_quote(m.quote, 60))}"
            if m.id is not None:
                self._source[str(m.id)] = label
            if m.category == "source":
                self._source.setdefault(m.quote, label)
        self._lines: list = []
        self._line_starts: list[int] = []

    def use_lines(self, lines: list) -> None:
        """The article's printed lines, once it is set (the setting needs the badges first)."""
        self._lines = lines
        self._line_starts = [line.start for line in lines]

    def badge(self, mark: Mark) -> str:
        return self._badge[_identity(mark)]

    def line(self, mark: Mark) -> int:
        i = bisect_right(self._line_starts, mark.start) - 1
        return self._lines[max(0, i)].number if self._lines else 0

    def extra_text(self, mark: Mark, category: Category) -> str:
        field = category.extra
        value = mark.extra.get(field.key, "") if field is not None else ""
        if not value:
            return ""
        if field.kind == "choice":
            value = field.label_of(value)
        elif field.kind == "source_ref":
            value = self._source.get(value, value)
        return labelled(field.label, value)


def annotated_story(article: Article, categories: CategorySet, marks: Sequence[Mark], width: float,
                    page_height: float, *, answer_key: bool, marked_by: str = "") -> list[Flowable]:
    sizes = current()
    ordered = numbered(marks)
    numbering = Numbering(ordered, categories)
    drawn = [DrawnMark(m.start, m.end, category_of(categories, m.category), numbering.badge(m),
                       bonus=answer_key and m.bonus, note=_note(m, categories, numbering)) for m in ordered]
    counts: dict[str, int] = {}
    for m in ordered:
        counts[m.category] = counts.get(m.category, 0) + 1

    story: list[Flowable] = article_heading(article, width)
    if answer_key:
        required = sum(1 for m in ordered if not m.bonus)
        counted = ngettext("Answer key: {count} mark, {required} required and {bonus} bonus.",
                           "Answer key: {count} marks, {required} required and {bonus} bonus.",
                           len(ordered)).format(count=len(ordered), required=required, bonus=len(ordered) - required)
        bonus = _("Bonus marks are good finds that a student need not have.")
        story.append(para(f"{counted} {bonus}", "body", width=width))  # two sentences, each translated whole
    elif marked_by.strip():
        story.append(para(_("Marks by {name}: {count} in all.").format(name=isolated(marked_by.strip()),
                                                                       count=len(ordered)), "body", width=width))
    else:
        story.append(para(_("Marks: {count} in all.").format(count=len(ordered)), "body", width=width))
    story.append(Spacer(1, sizes(5)))
    story.append(legend(categories, width, for_pen=False, counts=counts))
    if answer_key:
        story.append(_bonus_legend(width))
    flow = article_flow(article, width, drawn, margin_notes=True)
    numbering.use_lines(flow.layout.lines)
    in_margin = flow.layout.notes is not None and flow.layout.notes.usable  # large print leaves no room
    if in_margin:
        story += [Spacer(1, sizes(4)),
                  para(_margin_explained(flow.layout.look.mirrored), "small", width=width)]
    story += [Spacer(1, sizes(8)), flow]

    def notes_table() -> list[Flowable]:  # once the article is drawn: which notes found room is known then
        in_table = [m for m, d in zip(ordered, drawn, strict=True) if not flow.layout.in_margin(d)]
        out = heading_before_long(_("Notes too long for the margin") if in_margin else _("The marks"), "h2")
        if in_table:
            return out + _marks_tables(in_table, categories, numbering, width, page_height, answer_key)
        return out + [para(_("None: every note is in the margin beside its line.") if ordered else
                           _("No marks yet."), "body", width=width)]

    story += [Later(notes_table), Spacer(1, sizes(8))]
    story.append(KeepTogether([heading(_("Counts"), "h3"), _counts_table(ordered, categories, width, answer_key)]))
    if answer_key:
        story += _discussion(categories, width)
    return story


def _margin_explained(mirrored: bool) -> str:
    if mirrored:  # a right-to-left sheet: the notes margin is on the left (article_layout.ArticleLook)
        return _("Each mark’s note is in the left margin beside the line the mark starts on; a note too long for "
                 "the margin says “{see_table}” there and is printed after the article.").format(
                     see_table=_(SEE_TABLE))
    return _("Each mark’s note is in the right margin beside the line the mark starts on; a note too long for the "
             "margin says “{see_table}” there and is printed after the article.").format(see_table=_(SEE_TABLE))


def _note(mark: Mark, categories: CategorySet, numbering: Numbering) -> str:
    """What the margin says about a mark: its note and its category's extra field (a neutral word, a kind of
    source), or "" for neither."""
    extra = numbering.extra_text(mark, category_of(categories, mark.category))
    return "\n".join(b for b in (mark.note.strip(), extra) if b)


def _bonus_legend(width: float) -> Table:
    sizes = current()
    return sheet_table(
        [[BadgeSample("K1", dashed=False), para(_required(), "cell_head"),
          para(_("A passage every student is expected to find."), "cell", width=width - sizes(150))],
         [BadgeSample("K2", dashed=True), para(_bonus(), "cell_head"),
          para(_("Dashed badge: a good find a student need not have. The table says “{bonus}” too.").format(
              bonus=_bonus_cell()), "cell", width=width - sizes(150))]],
        [sizes(50), sizes(100), width - sizes(150)],
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5))


# A key mark is required (every student should find it) or bonus (a good find, not asked for).
def _required() -> str:
    return pgettext("key mark", "Required")


def _bonus() -> str:
    return pgettext("key mark", "Bonus")


def _required_cell() -> str:
    # Translators: in the answer key's table of marks, the column "Counts as": required or bonus (lower case).
    return pgettext("key mark, in a table cell", "required")


def _bonus_cell() -> str:
    return pgettext("key mark, in a table cell", "bonus")


def _marks_tables(ordered: list[Mark], categories: CategorySet, numbering: Numbering, width: float,
                  page_height: float, answer_key: bool) -> list[Flowable]:
    """The table of the marks whose notes are not in the margin: where each is, what it marks, its note (a
    row too tall for a page is printed full width instead; see rows.rows_table)."""
    sizes = current()
    spec: list[float | str] = [sizes(34), sizes(34), "0.42", "0.58"] + ([sizes(62)] if answer_key else [])
    header = [number_header(), line_header(), _("Passage"), _("Teacher’s note") if answer_key else _("Note")]
    header += [_("Counts as")] if answer_key else []
    rows = []
    for m in ordered:
        cat = category_of(categories, m.category)
        row: list = [numbering.badge(m), str(numbering.line(m)),
                     Text(labelled(cat.name, quoted(short_quote(m.quote, 1200))), "quote"),
                     Text(_note(m, categories, numbering) or "—")]
        if answer_key:
            row.append(_bonus_cell() if m.bonus else _required_cell())
        rows.append(row)
    return rows_table(header, columns(width, spec), rows, width, page_height, line_column=1)


def _counts_table(ordered, categories: CategorySet, width: float, answer_key: bool) -> Table:
    header = [_("Category"), _("Marks")] + ([_required(), _bonus()] if answer_key else [])
    rows = [[para(h, "cell_head") for h in header]]
    keys = list(categories.keys) + sorted({m.category for m in ordered} - set(categories.keys))
    for key in keys:
        of_kind = [m for m in ordered if m.category == key]
        row = [para(category_of(categories, key).name, "cell"), para(str(len(of_kind)), "cell")]
        if answer_key:
            bonus = sum(1 for m in of_kind if m.bonus)
            row += [para(str(len(of_kind) - bonus), "cell"), para(str(bonus), "cell")]
        rows.append(row)
    total = [_("Total"), str(len(ordered))]
    if answer_key:
        bonus = sum(1 for m in ordered if m.bonus)
        total += [str(len(ordered) - bonus), str(bonus)]
    rows.append([para(t, "cell_head") for t in total])
    sizes = current()
    return sheet_table(
        rows, [sizes(120)] + [sizes(60)] * (len(header) - 1),
        ("BACKGROUND", (0, 0), (-1, 0), HexColor("#eeeeee")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, GREY),
        ("BOX", (0, 0), (-1, -1), 0.6, GREY),
        hAlign="LEFT")


def _discussion(categories: CategorySet, width: float) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(current()(150)), heading(_("For the class discussion"))]
    for cat in categories:
        if not cat.discussion:
            continue
        items = [heading(cat.name, "h3")] + [para(f"• {p}", "body", width=width) for p in cat.discussion]
        out.append(KeepTogether(items))
    return out
