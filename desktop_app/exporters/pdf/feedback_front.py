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
from desktop_app.exporters.pdf.lines import visual_text
from desktop_app.exporters.pdf.page import english_date
from desktop_app.exporters.pdf.parts import BadgeSample, CueSample, article_flow, heading_before_long
from desktop_app.exporters.pdf.sizes import current
from desktop_app.exporters.pdf.styles import GREY, RULE, para, table_style

EXCERPT_CONTEXT = 1  # lines printed either side of a marked line
EXCERPT_LINE_GAP = 5.0  # a little closer than on a worksheet: this copy is for reading, not for writing on
COUNTS_LEGEND = ("Found: key passages you marked, of those the key asks for. Missed: those you did not mark. "
                 "Not in the key: your marks that match no key passage (some are good finds; see your "
                 "teacher’s comments).")


def number(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def _when(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone()  # the teacher's clock: the due date is shown the same way
    return f"{english_date(moment.date())} at {moment:%H:%M}"


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
        c.drawCentredString(self.width / 2, self.height - sizes(12), "Grade")
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
            c.drawCentredString(self.width / 2, low, self.points)
        if self.reasoning:
            c.setFont(SANS, sizes.table)
            c.drawCentredString(self.width / 2, sizes(8), self.reasoning)
        c.restoreState()


def _reasoning(sheet: FeedbackSheet) -> str:
    job = sheet.job
    if job.reasoning_weight <= 0 or not job.comparison.has_key:
        return ""
    of = job.reasoning_weight * job.comparison.total
    got = "—" if job.reasoning_points is None else number(job.reasoning_points)
    return f"Reasoning: {got} of {number(of)}"


def front(sheet: FeedbackSheet, width: float) -> list[Flowable]:
    sizes = current()
    job, cmp = sheet.job, sheet.job.comparison
    sub = job.submission
    points = job.points if job.points is not None else cmp.points
    box = GradeBox(sub.grade, f"{number(points)} / {number(cmp.total)} points" if cmp.has_key else "",
                   _reasoning(sheet))
    left = width - box.width - sizes(8)
    facts: list[Flowable] = [para(sub.student_name or "Unnamed student", "title", width=left),
                             para(job.assignment.title or "Assignment", "h3", width=left)]
    d = job.article.details
    facts.append(para(" · ".join(p for p in (d.title, d.outlet) if p.strip()) or "Untitled article", "byline",
                      width=left))
    handed = f"Handed in on {_when(sub.handed_in_at)}" if sub.handed_in_at else "Handed in (no time recorded)"
    if job.late:
        due = f" (due {_when(job.assignment.due_at)})" if job.assignment.due_at else ""
        facts.append(para(f"{handed}{due}", "body", width=left, bold_prefix="LATE ·"))
    else:
        facts.append(para(handed, "body", width=left))
    if cmp.has_key:
        facts += [Spacer(1, sizes(3)), para(found_sentence(cmp), "body", width=left)]
    top = Table([[facts, box]], colWidths=[width - box.width, box.width])
    top.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, 0), sizes(10))))
    out: list[Flowable] = [top, Spacer(1, sizes(8))]
    if sub.comment.strip():
        comment = Table([[para("Your teacher’s comment", "cell_head")],
                         [para(sub.comment.strip(), "body", width=width - sizes(16))]], colWidths=[width])
        comment.setStyle(table_style(("BOX", (0, 0), (-1, -1), 0.8, GREY),
                                     ("BACKGROUND", (0, 0), (-1, 0), HexColor("#eeeeee")),
                                     ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8)))
        out += [comment, Spacer(1, sizes(8))]
    counts = [para("By category", "h3"), _category_table(sheet, width)]
    if cmp.has_key:
        counts.append(para(COUNTS_LEGEND, "small", width=width))
    out.append(KeepTogether(counts))
    out += _about_the_missed(sheet, width)
    return out


def found_sentence(cmp: Comparison) -> str:
    text = f"You found {cmp.required_found} of the {cmp.required_total} passages the key asks for"
    if cmp.bonus_total:
        text += f", and {cmp.bonus_found} of {cmp.bonus_total} bonus passages"
    made = len(cmp.matches) + len(cmp.extra)
    if not made:
        return text + ". You handed in no marks."
    extra = len(cmp.extra)
    return text + (f". You made {made} mark{'s' if made != 1 else ''}; {extra} of them "
                   f"{'is' if extra == 1 else 'are'} not in the key.")


def _category_table(sheet: FeedbackSheet, width: float) -> Table:
    sizes = current()
    cmp = sheet.job.comparison
    marks_of: dict[str, int] = {}
    for m in sheet.ordered:
        marks_of[m.category] = marks_of.get(m.category, 0) + 1
    keys = list(cmp.per_category) or list(sheet.categories.keys)
    keys += sorted(set(marks_of) - set(keys))
    if cmp.has_key:
        header = ["Category", "Found / required", "Missed", "Bonus found", "Your marks", "Not in the key"]
    else:
        header = ["Category", "Your marks"]
    rows: list[list] = [[para(h, "cell_head") for h in header]]
    for key in keys:
        name = visual_text(safe_text(sheet.category(key).name))
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
        rows.append(["Total", f"{cmp.required_found} / {cmp.required_total}",
                     str(cmp.required_total - cmp.required_found),
                     f"{cmp.bonus_found} / {cmp.bonus_total}" if cmp.bonus_total else "—",
                     str(len(sheet.ordered)), str(len(cmp.extra))])
    else:
        rows.append(["Total", str(len(sheet.ordered))])
    # The names' column as wide as the longest name needs, so the numbers' headers keep whole words.
    first = max(sizes(90), max(stringWidth(str(row[0]), SANS_BOLD, sizes.table) for row in rows[1:]) + sizes(14))
    rest = min(sizes(76), (width - first) / (len(header) - 1))
    table = Table(rows, colWidths=[first] + [rest] * (len(header) - 1), hAlign="LEFT")
    table.setStyle(table_style(
        ("FONT", (0, 1), (-1, -1), SANS, sizes.table),
        ("FONT", (0, -1), (-1, -1), SANS_BOLD, sizes.table),
        ("BACKGROUND", (0, 0), (-1, 0), HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, GREY),
        ("BOX", (0, 0), (-1, -1), 0.6, GREY),
    ))
    return table


def _about_the_missed(sheet: FeedbackSheet, width: float) -> list[Flowable]:
    """Before the key is released: that the missed passages are not printed, and the teacher's hints."""
    cmp = sheet.job.comparison
    if not cmp.has_key or not cmp.missed:
        return []
    sizes = current()
    if sheet.released:
        return [Spacer(1, sizes(4)), para("The key passages you missed are drawn on the article below and listed "
                                          "after your marks, with the key’s notes.", "body", width=width)]
    out: list[Flowable] = [Spacer(1, sizes(4)),
                           para(f"You missed {len(cmp.missed)} key passage{'s' if len(cmp.missed) != 1 else ''} "
                                "(the Missed and Bonus columns above). They are not printed here: your teacher "
                                "will go through them with the class.", "body", width=width)]
    hints = sheet.hints()
    if hints:
        out.append(para("Your teacher’s hints on passages you missed", "h3"))
        out += [para(f"• {sheet.category(k.category).name}: {text}", "body", width=width) for k, text in hints]
    return out


def _compact_legend(sheet: FeedbackSheet, width: float) -> Table:
    """The categories' cues in a few rows of three, plus the missed-passage badge when the key is released."""
    sizes = current()
    items: list[list] = [[CueSample(c.cue, c.colour, c.letter, tinted=True, fill=c.fill),
                          para(c.name, "cell", width=width / 3)] for c in sheet.categories]
    if sheet.released and sheet.job.comparison.missed:
        items.append([BadgeSample("K3", dark=True), para("Key passage you missed", "cell", width=width / 3)])
    per_row = 3
    cells = [[cell for item in items[i:i + per_row] for cell in item] for i in range(0, len(items), per_row)]
    for row in cells:
        row += [""] * (2 * per_row - len(row))
    sample = sizes(48)
    table = Table(cells, colWidths=[sample, width / per_row - sample] * per_row, hAlign="LEFT")
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                               ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2)))
    return table


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
    out = heading_before_long("Your marks on the article", "h2")
    signs = "; ✓ in the key, + not in the key" if cmp.has_key else ""
    out += [_compact_legend(sheet, width), Spacer(1, sizes(3)),
            para(f"Only the lines you marked are printed, with a line either side; a dotted rule stands for "
                 f"lines left out, and the numbers are the article’s own{signs}.", "small", width=width),
            Spacer(1, sizes(6))]
    flow = article_flow(job.article, width, drawn, line_gap=EXCERPT_LINE_GAP, excerpt_context=EXCERPT_CONTEXT)
    sheet.use_lines(flow.layout.lines)
    return out + [flow]
