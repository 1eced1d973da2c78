"""The feedback sheet's front page (name, grade and points, the teacher's comment, the counts per category)
and its article: only the lines the student marked, with a line either side, since the student has the
article already and the sheet should fit two or three pages.

The key stays the teacher's until released (``FeedbackJob.show_missed_key``): before that the sheet says how
many key passages the student missed in each category, and shows the teacher's hints on them, but never
which passages they are or what the key says about them.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from desktop_app.core.matching import Comparison
from desktop_app.exporters.pdf.article_layout import MISSED, DrawnMark
from desktop_app.exporters.pdf.cues import colour
from desktop_app.exporters.pdf.feedback_sheet import FeedbackSheet
from desktop_app.exporters.pdf.fonts import SANS, SANS_BOLD, safe_text
from desktop_app.exporters.pdf.lines import isolated, own_line, visual_text
from desktop_app.exporters.pdf.page import sheet_date, sheet_time
from desktop_app.exporters.pdf.parts import BadgeSample, CueSample, article_flow, heading_before_long
from desktop_app.exporters.pdf.rows import labelled
from desktop_app.exporters.pdf.sizes import current
from desktop_app.exporters.pdf.styles import GREY, RULE, para, sheet_table
from desktop_app.i18n import N_, _, ngettext
from desktop_app.i18n.formats import format_number

EXCERPT_CONTEXT = 1  # lines printed either side of a marked line
EXCERPT_LINE_GAP = 5.0  # a little closer than on a worksheet: this copy is for reading, not for writing on
COUNTS_LEGEND = N_("Found: key passages you marked, of those the key asks for. Missed: those you did not mark. "
                   "Not in the key: your marks that match no key passage (some are good finds; see your "
                   "teacher’s comments).")


def number(x: float) -> str:
    """Points as a person reads them: at most one decimal, none when whole ('7.5', '10'; '7,5' in Spanish)."""
    return format_number(round(x, 1) if x != int(x) else int(x))


def _when(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone()  # the teacher's clock: the due date is shown the same way
    # Translators: when a student handed in, or when it was due ("20 November 2026 at 14:05").
    return _("{date} at {time}").format(date=isolated(sheet_date(moment.date())), time=isolated(sheet_time(moment)))


class GradeBox(Flowable):
    """The teacher's grade, large, with the points (and the reasoning's share of them) under it. Drawn, not
    a Paragraph: the grade is the teacher's free text, and a box of fixed size keeps page 1 steady."""

    def __init__(self, grade: str, points: str, reasoning: str = "") -> None:
        super().__init__()
        self.grade, self.points, self.reasoning = safe_text(" ".join(grade.split())), points, reasoning
        self.sizes = sizes = current()
        self.width, self.height = sizes(124), sizes(84 if reasoning else 72)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, sizes = self.canv, self.sizes
        c.saveState()
        c.setStrokeColor(GREY)
        c.setLineWidth(1)
        c.roundRect(0, 0, self.width, self.height, 4, stroke=1, fill=0)
        c.setFillColor(GREY)
        c.setFont(SANS, sizes.table)
        # Translators: above the grade the teacher gave, in a box on the feedback sheet's first page.
        c.drawCentredString(self.width / 2, self.height - sizes(12), own_line(_("Grade")))
        c.setFillColor(colour("#000000"))
        grade = self.grade or "—"
        size = sizes(26)
        room = self.width - sizes(10)
        while size > sizes(11) and stringWidth(grade, SANS_BOLD, size) > room:
            size -= 1
        while len(grade) > 1 and stringWidth(grade, SANS_BOLD, size) > room:
            grade = grade[:-2].rstrip() + "…"
        c.setFont(SANS_BOLD, size)
        low = sizes(8) + (sizes(12) if self.reasoning else 0.0)
        c.drawCentredString(self.width / 2, low + (self.height - low - sizes(14)) / 2 - size * 0.3 + sizes(4),
                            visual_text(grade))
        if self.points:
            c.setFont(SANS_BOLD, sizes.body)
            c.drawCentredString(self.width / 2, low, own_line(self.points))
        if self.reasoning:
            c.setFont(SANS, sizes.table)
            c.drawCentredString(self.width / 2, sizes(8), own_line(self.reasoning))
        c.restoreState()


def _reasoning(sheet: FeedbackSheet) -> str:
    job = sheet.job
    if job.reasoning_weight <= 0 or not job.comparison.has_key:
        return ""
    of = job.reasoning_weight * job.comparison.total
    got = "—" if job.reasoning_points is None else number(job.reasoning_points)
    return _("Reasoning: {points} of {total}").format(points=got, total=number(of))


def front(sheet: FeedbackSheet, width: float) -> list[Flowable]:
    sizes = current()
    job, cmp = sheet.job, sheet.job.comparison
    sub = job.submission
    points = job.points if job.points is not None else cmp.points
    points_text = _("{points} / {total} points").format(points=number(points), total=number(cmp.total)) \
        if cmp.has_key else ""
    box = GradeBox(sub.grade, points_text, _reasoning(sheet))
    left = width - box.width - sizes(8)
    facts: list[Flowable] = [_data_or(sub.student_name, _("Unnamed student"), "title", left),
                             _data_or(job.assignment.title, _("Assignment"), "h3", left)]
    d = job.article.details
    facts.append(_data_or(" · ".join(p for p in (d.title, d.outlet) if p.strip()), _("Untitled article"), "byline",
                          left))
    facts.append(para(_handed_in(sub.handed_in_at, job.assignment.due_at if job.late else None), "body", width=left,
                      bold_prefix=_("LATE ·") if job.late else ""))
    if cmp.has_key:
        facts += [Spacer(1, sizes(3)), para(found_sentence(cmp), "body", width=left)]
    top = sheet_table([[facts, box]], [width - box.width, box.width],
                      ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                      ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, 0), sizes(10)))
    out: list[Flowable] = [top, Spacer(1, sizes(8))]
    if sub.comment.strip():
        comment = sheet_table([[para(_("Your teacher’s comment"), "cell_head")],
                               [para(sub.comment.strip(), "body", width=width - sizes(16), data=True)]], [width],
                              ("BOX", (0, 0), (-1, -1), 0.8, GREY),
                              ("BACKGROUND", (0, 0), (-1, 0), HexColor("#eeeeee")),
                              ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8))
        out += [comment, Spacer(1, sizes(8))]
    counts = [para(_("By category"), "h3"), _category_table(sheet, width)]
    if cmp.has_key:
        counts.append(para(_(COUNTS_LEGEND), "small", width=width))
    out.append(KeepTogether(counts))
    out += _about_the_missed(sheet, width)
    return out


def _data_or(text: str, fallback: str, style_name: str, width: float) -> Flowable:
    """User text (a name, a title), or Lede's own words when there is none."""
    return para(text, style_name, width=width, data=True) if text.strip() else para(fallback, style_name, width=width)


def _handed_in(at: datetime | None, due: datetime | None) -> str:
    """When the student handed in, and for a late hand-in when it was due."""
    if at is None:
        return _("Handed in (no time recorded) (due {due})").format(due=_when(due)) if due else \
            _("Handed in (no time recorded)")
    if due is not None:
        return _("Handed in on {when} (due {due})").format(when=_when(at), due=_when(due))
    return _("Handed in on {when}").format(when=_when(at))


def found_sentence(cmp: Comparison) -> str:
    """What the student found of the key, in one or two sentences."""
    found = {"found": cmp.required_found, "required": cmp.required_total, "bonus_found": cmp.bonus_found,
             "bonus": cmp.bonus_total}
    if cmp.bonus_total:
        text = ngettext("You found {found} of the {required} passage the key asks for, and {bonus_found} of "
                        "{bonus} bonus passages.",
                        "You found {found} of the {required} passages the key asks for, and {bonus_found} of "
                        "{bonus} bonus passages.", cmp.required_total).format(**found)
    else:
        text = ngettext("You found {found} of the {required} passage the key asks for.",
                        "You found {found} of the {required} passages the key asks for.",
                        cmp.required_total).format(**found)
    made = len(cmp.matches) + len(cmp.extra)
    if not made:
        none = _("You handed in no marks.")
        return f"{text} {none}"
    extra = len(cmp.extra)
    # Three sentences, each whole and counted on its own (one message cannot hold two plurals).
    made_text = ngettext("You made {count} mark.", "You made {count} marks.", made).format(count=made)
    extra_text = ngettext("{count} of them is not in the key.", "{count} of them are not in the key.",
                          extra).format(count=extra)
    return f"{text} {made_text} {extra_text}"


def _category_table(sheet: FeedbackSheet, width: float) -> Table:
    sizes = current()
    cmp = sheet.job.comparison
    marks_of: dict[str, int] = {}
    for m in sheet.ordered:
        marks_of[m.category] = marks_of.get(m.category, 0) + 1
    keys = list(cmp.per_category) or list(sheet.categories.keys)
    keys += sorted(set(marks_of) - set(keys))
    if cmp.has_key:
        header = [_("Category"), _("Found / required"), _("Missed"), _("Bonus found"), _("Your marks"),
                  _("Not in the key")]
    else:
        header = [_("Category"), _("Your marks")]
    rows: list[list] = [[para(h, "cell_head") for h in header]]
    for key in keys:
        name = safe_text(sheet.category(key).name)  # put in visual order by sheet_table
        score = cmp.per_category.get(key)
        if not cmp.has_key:
            rows.append([name, str(marks_of.get(key, 0))])
        elif score is None:  # a category not in play: all its marks are not in the key
            rows.append([name, "—", "—", "—", str(marks_of.get(key, 0)), str(marks_of.get(key, 0))])
        else:
            bonus = f"{score.bonus_found} / {score.bonus}" if score.bonus else "—"
            rows.append([name, f"{score.found} / {score.required}", str(score.required - score.found), bonus,
                         str(score.marked), str(score.extra)])
    if cmp.has_key:
        rows.append([_("Total"), f"{cmp.required_found} / {cmp.required_total}",
                     str(cmp.required_total - cmp.required_found),
                     f"{cmp.bonus_found} / {cmp.bonus_total}" if cmp.bonus_total else "—",
                     str(len(sheet.ordered)), str(len(cmp.extra))])
    else:
        rows.append([_("Total"), str(len(sheet.ordered))])
    # The names' column as wide as the longest name needs, so the numbers' headers keep whole words.
    first = max(sizes(90), max(stringWidth(visual_text(str(row[0])), SANS_BOLD, sizes.table) for row in rows[1:])
                + sizes(14))
    rest = min(sizes(76), (width - first) / (len(header) - 1))
    return sheet_table(
        rows, [first] + [rest] * (len(header) - 1),
        ("FONT", (0, 1), (-1, -1), SANS, sizes.table),
        ("FONT", (0, -1), (-1, -1), SANS_BOLD, sizes.table),
        ("BACKGROUND", (0, 0), (-1, 0), HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, GREY),
        ("BOX", (0, 0), (-1, -1), 0.6, GREY),
        hAlign="LEFT")


def _about_the_missed(sheet: FeedbackSheet, width: float) -> list[Flowable]:
    """Before the key is released: that the missed passages are not printed, and the teacher's hints."""
    cmp = sheet.job.comparison
    if not cmp.has_key or not cmp.missed:
        return []
    sizes = current()
    if sheet.released:
        return [Spacer(1, sizes(4)), para(_("The key passages you missed are drawn on the article below and "
                                            "listed after your marks, with the key’s notes."), "body", width=width)]
    missed = len(cmp.missed)
    # Translators: "Missed" and "Bonus" name the columns of the table above ("Missed", "Bonus found").
    out: list[Flowable] = [Spacer(1, sizes(4)),
                           para(ngettext("You missed {count} key passage (the Missed and Bonus columns above). They "
                                         "are not printed here: your teacher will go through them with the class.",
                                         "You missed {count} key passages (the Missed and Bonus columns above). "
                                         "They are not printed here: your teacher will go through them with the "
                                         "class.", missed).format(count=missed), "body", width=width)]
    hints = sheet.hints()
    if hints:
        out.append(para(_("Your teacher’s hints on passages you missed"), "h3"))
        out += [para(f"• {labelled(sheet.category(k.category).name, text)}", "body", width=width)
                for k, text in hints]
    return out


def _compact_legend(sheet: FeedbackSheet, width: float) -> Table:
    """The categories' cues in a few rows of three, plus the missed-passage badge when the key is released."""
    sizes = current()
    items: list[list] = [[CueSample(c.cue, c.colour, c.letter, tinted=True, fill=c.fill),
                          para(c.name, "cell", width=width / 3)] for c in sheet.categories]
    if sheet.released and sheet.job.comparison.missed:
        items.append([BadgeSample("K3", dark=True), para(_("Key passage you missed"), "cell", width=width / 3)])
    per_row = 3
    cells = [[cell for item in items[i:i + per_row] for cell in item] for i in range(0, len(items), per_row)]
    for row in cells:
        row += [""] * (2 * per_row - len(row))
    sample = max([sizes(48)] + [item[0].width + sizes(4) for item in items])
    return sheet_table(cells, [sample, width / per_row - sample] * per_row,
                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                       ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                       ("LEFTPADDING", (0, 0), (-1, -1), 2), hAlign="LEFT")


def article_part(sheet: FeedbackSheet, width: float) -> list[Flowable]:
    """The lines the student marked (and, once released, the key passages missed), drawn as on their copy."""
    job = sheet.job
    cmp = job.comparison
    drawn = [DrawnMark(m.start, m.end, sheet.category(m.category), sheet.badge(m)) for m in sheet.ordered]
    if sheet.released:
        drawn += [DrawnMark(k.start, k.end, sheet.category(k.category), sheet.key_badge(k), kind=MISSED)
                  for k in cmp.missed]
    if not drawn:
        return []
    sizes = current()
    out = heading_before_long(_("Your marks on the article"), "h2")
    if cmp.has_key:
        # Translators: ✓ and + are the signs after a mark's badge (S3✓, L2+); keep them.
        explained = _("Only the lines you marked are printed, with a line either side; a dotted rule stands for "
                      "lines left out, and the numbers are the article’s own; ✓ in the key, + not in the key.")
    else:
        explained = _("Only the lines you marked are printed, with a line either side; a dotted rule stands for "
                      "lines left out, and the numbers are the article’s own.")
    out += [_compact_legend(sheet, width), Spacer(1, sizes(3)), para(explained, "small", width=width),
            Spacer(1, sizes(6))]
    flow = article_flow(job.article, width, drawn, line_gap=EXCERPT_LINE_GAP, excerpt_context=EXCERPT_CONTEXT)
    sheet.use_lines(flow.layout.lines)
    return out + [flow]
