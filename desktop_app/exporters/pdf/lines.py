"""Breaking an article into printed lines, and knowing where each character of a line lands.

ReportLab's Paragraph cannot do what a worksheet needs: it sets right-to-left text in the wrong order (see the
README), it cannot say where a character ended up (so a mark could not be drawn under its words), and its lines
cannot be numbered. So the article is set here, by hand: greedy line breaking on word widths, then, for a line
that holds right-to-left letters, Arabic joining (arabic-reshaper) and the Unicode bidi algorithm (python-bidi)
to put the characters in visual order while remembering which logical character each one came from.

Everything is measured with the font's own advance widths; ReportLab applies no kerning, so a run of text is
exactly as wide as the sum of its characters and a mark's edges land on the printed letters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import arabic_reshaper
from bidi import algorithm as uba
from reportlab.pdfbase import pdfmetrics

from desktop_app.exporters.pdf.fonts import EMOJI_PARTS, PLACEHOLDER, FontChoice, without_controls
from desktop_app.i18n import right_to_left

_WORD = re.compile(r"\S+")
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_LAM_ALEF = range(0xFEF5, 0xFEFD)  # the ligatures that turn two letters into one glyph
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": True})
_RESHAPER_NO_LIGATURES = arabic_reshaper.ArabicReshaper(
    configuration={"delete_harakat": False, "support_ligatures": False})
# The isolates of Unicode 6.3: user text inside a sentence of Lede's own is wrapped in FSI..PDI (``isolated``)
# so that "Marks by דנה: 12 in all." keeps its colon and number where the sentence has them.
FSI, LRI, RLI, PDI = "\u2068", "\u2066", "\u2067", "\u2069"
_OPENERS = (FSI, LRI, RLI)
_STAND_IN = "\ufffc"  # an isolate as its surroundings see it: one neutral character (bidi class ON)
_ISOLATE_CHARS = re.compile("[\u2066-\u2069]")


class Measure:
    """Advance widths of characters in one font and size, cached: a 5,000-word article asks for the same
    few dozen characters tens of thousands of times."""

    def __init__(self, font: FontChoice, size: float) -> None:
        self.font, self.size = font, size
        self._cache: dict[str, float] = {}

    def __call__(self, piece: str) -> float:
        w = self._cache.get(piece)
        if w is None:
            w = self._cache[piece] = pdfmetrics.stringWidth(piece, self.font.name, self.size) if piece else 0.0
        return w

    def pieces_width(self, pieces: list[str]) -> float:
        return sum(self(p) for p in pieces)


@dataclass(slots=True)
class PrintedLine:
    """One printed line of the article: article characters ``start``..``end`` (no trailing space)."""

    start: int
    end: int
    number: int  # 1-based, counted over the article's printed lines, as the margin shows them
    gap_before: bool  # first line of a paragraph after the first: a little space above it
    rtl: bool  # the paragraph runs right to left: the line is set flush right
    visual: str  # what to draw, left to right
    width: float
    # x of each logical character's left edge and its width, relative to the line's left end; filled on
    # first use (only lines that carry a mark need them).
    _positions: list[tuple[float, float]] | None = field(default=None, repr=False)
    _order: list[int] | None = field(default=None, repr=False)  # logical indices in visual order (bidi lines)
    _pieces: list[str] | None = field(default=None, repr=False)

    def intervals(self, start: int, end: int) -> list[tuple[float, float]]:
        """The horizontal stretches (x0, x1) covered by article characters ``start``..``end`` on this line,
        left to right. Usually one; a mark that mixes directions can land as several."""
        a, b = max(start, self.start) - self.start, min(end, self.end) - self.start
        if a >= b or self._positions is None:
            return []
        if self._order is None:
            x0 = self._positions[a][0]
            last = self._positions[b - 1]
            return [(x0, last[0] + last[1])]
        runs: list[tuple[float, float]] = []
        previous_slot = -2
        for slot, index in enumerate(self._order):
            if a <= index < b:
                x, w = self._positions[index]
                if slot == previous_slot + 1 and runs:
                    runs[-1] = (runs[-1][0], x + w)
                else:
                    runs.append((x, x + w))
                previous_slot = slot
        return [r for r in runs if r[1] > r[0]] or runs[:1]


class LineBreaker:
    """Sets an article's text into lines of at most ``width`` points."""

    def __init__(self, font: FontChoice, size: float, width: float) -> None:
        self.font, self.size, self.width = font, size, width
        self.measure = Measure(font, size)

    def lines(self, text: str, rtl: bool, first_indent: float = 0.0) -> list[PrintedLine]:
        """``text`` set in lines; the very first line ``first_indent`` points shorter (a label goes there)."""
        out: list[PrintedLine] = []
        offset = 0
        first_paragraph = True
        for paragraph in text.split("\n"):
            if paragraph.strip():
                paragraph_rtl = paragraph_is_rtl(paragraph, rtl)
                isolates = _ISOLATE_CHARS.search(paragraph) is not None
                indent = first_indent if first_paragraph else 0.0
                for i, (s, e) in enumerate(self._break(paragraph, indent)):
                    out.append(self._line(text, offset + s, offset + e, len(out) + 1,
                                          gap_before=(i == 0 and not first_paragraph), rtl=paragraph_rtl,
                                          open_isolates=_open_isolates(paragraph[:s]) if isolates else ""))
                first_paragraph = False
            offset += len(paragraph) + 1
        return out

    # --- breaking ------------------------------------------------------------------------------
    def _word_width(self, word: str) -> float:
        return self.measure.pieces_width(self._display_pieces(word))

    def _display_pieces(self, logical: str) -> list[str]:
        """What to draw for each character of ``logical``, in logical order: Arabic joined, emoji and
        missing letters replaced (see fonts.FontChoice.display)."""
        pieces = self.font.display(logical)
        if not _ARABIC.search(logical):
            return pieces
        # The reshaper would drop an emoji's joiners and so lose its count of characters (and the letters'
        # joining with it): it shapes the line with each emoji already the placeholder it is printed as.
        shaped = _shaped_pieces(_with_placeholders(logical, pieces))
        # (A lam-alef ligature leaves the alef's piece empty: that one is shaped too.)
        return [(self.font.display_text(shaped[i]) if shaped[i] else "") if piece == ch else piece
                for i, (ch, piece) in enumerate(zip(logical, pieces, strict=True))]

    def _break(self, paragraph: str, first_indent: float = 0.0) -> list[tuple[int, int]]:
        """(start, end) of each line within the paragraph, greedy: as many words as fit."""
        spans: list[tuple[int, int]] = []
        line_start = line_end = -1
        used = 0.0
        space = self.measure(" ")
        for m in _WORD.finditer(paragraph):
            s, e = m.span()
            w = self._word_width(m.group())
            width = self.width - (first_indent if not spans else 0.0)
            if line_start >= 0:
                gap = self.measure.pieces_width(self.font.display(paragraph[line_end:s].replace("\t", " "))) \
                    if s - line_end > 1 else space
                if used + gap + w <= width:
                    line_end, used = e, used + gap + w
                    continue
                spans.append((line_start, line_end))
                line_start = -1
                width = self.width
            if w <= width:
                line_start, line_end, used = s, e, w
                continue
            # A word wider than the line (a URL, a 10,000-letter prank): cut it where it stops fitting.
            cuts = self._cuts(paragraph, s, e, self.width - width)
            spans += cuts[:-1]
            line_start, line_end = cuts[-1]  # the word's last piece opens a line that later words may join
            used = self.measure.pieces_width(self.font.display(paragraph[line_start:line_end]))
        if line_start >= 0:
            spans.append((line_start, line_end))
        return spans

    def _cuts(self, text: str, start: int, end: int, first_indent: float = 0.0) -> list[tuple[int, int]]:
        """A too-long word cut into line-wide pieces (at least one character each)."""
        out: list[tuple[int, int]] = []
        piece_start, used = start, first_indent
        for i, piece in enumerate(self.font.display(text[start:end]), start):
            w = self.measure(piece)
            if used + w > self.width and i > piece_start:
                out.append((piece_start, i))
                piece_start, used = i, 0.0
            used += w
        out.append((piece_start, end))
        return out

    # --- setting -------------------------------------------------------------------------------
    def _line(self, text: str, start: int, end: int, number: int, gap_before: bool, rtl: bool,
              open_isolates: str = "") -> PrintedLine:
        """``open_isolates``: the openers of isolates that began on an earlier line and go on here."""
        logical = text[start:end].replace("\t", " ")
        if not rtl and not _RTL_LETTER.search(logical):
            pieces = self.font.display(logical)
            visual = "".join(pieces)
            line = PrintedLine(start, end, number, gap_before, False, visual, self.measure.pieces_width(pieces))
            line._pieces = pieces
            return line
        pieces = self._display_pieces(logical)
        order: list[int] = []
        drawn: list[str] = []
        lead = len(open_isolates)
        for index, ch, _level in _visual_order(open_isolates + logical, rtl):
            if index < lead:
                continue
            index -= lead
            order.append(index)
            # Mirrored brackets come back from the algorithm as other characters: draw those.
            drawn.append(ch if ch != logical[index] else pieces[index])
        x = 0.0
        positions = [(0.0, 0.0)] * len(logical)
        for index, piece in zip(order, drawn, strict=True):
            w = self.measure(piece)
            positions[index] = (x, w)
            x += w
        return PrintedLine(start, end, number, gap_before, rtl, "".join(drawn), x,
                           _positions=positions, _order=order)

    def place(self, line: PrintedLine) -> PrintedLine:
        """Works out where each character of ``line`` lands (for drawing marks); cheap to call twice."""
        if line._positions is None and line._pieces is not None:
            x = 0.0
            positions = []
            for piece in line._pieces:
                w = self.measure(piece)
                positions.append((x, w))
                x += w
            line._positions = positions
        return line


def sheet_rtl() -> bool:
    """True when the sheet is printed in a right-to-left language (Hebrew): Lede's own texts on it are set
    right to left and flush right, its tables in mirrored column order. The article, and any other user text,
    keeps its own direction."""
    return right_to_left()


def visual_text(text: str, rtl: bool | None = None) -> str:
    """A single line of text (a running header, a label, a table cell too short to wrap) in visual order,
    its bidi controls dropped. Text that is already ``safe_text`` (emoji as placeholders) keeps Arabic joined.
    ``rtl``: the line's base direction; None, the text's own (its first strong letter). A line with no
    right-to-left letter is kept in its order whatever the base: an English text left untranslated on a
    Hebrew sheet reads as English, its full stop at its end."""
    if not _RTL_LETTER.search(text):
        return without_controls(text)
    pieces = _shaped_pieces(text) if _ARABIC.search(text) else list(text)
    base = paragraph_is_rtl(text) if rtl is None else rtl
    drawn = (ch if ch != text[i] else pieces[i] for i, ch, _ in _visual_order(text, base))
    return without_controls("".join(drawn))


def own_line(text: str) -> str:
    """One line of Lede's own (a heading drawn on the canvas, a chart's title, a table header) in visual
    order: right to left on a right-to-left sheet, whatever its first letter (a Hebrew sentence may open with
    a name or with "Lede")."""
    return visual_text(text, True if sheet_rtl() else None)


def isolated(user_text: str) -> str:
    """User text to put inside a sentence of Lede's own: wrapped in a first-strong isolate, so that its
    direction does not reach into the sentence. Without it, "Marks by דנה: 12 in all." is set as
    "Marks by 12 :הנד in all.": the bidi algorithm rightly takes ": 12" into the Hebrew run. On a
    right-to-left sheet a name in Latin letters is isolated too, or a Hebrew sentence would set "Ana: 12" as
    one left-to-right run."""
    return f"{FSI}{user_text}{PDI}" if _RTL_LETTER.search(user_text) or (sheet_rtl() and user_text) else user_text


def paragraph_is_rtl(paragraph: str, article_rtl: bool = False) -> bool:
    """A paragraph follows its first strong letter, as the bidi algorithm's rule P2 says (skipping what is
    inside an isolate); an article's direction decides only for a paragraph with no letters at all."""
    depth = 0
    for ch in paragraph:
        if ch in _OPENERS:
            depth += 1
        elif ch == PDI:
            depth = max(0, depth - 1)
        if depth:
            continue
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return article_rtl


def _open_isolates(before: str) -> str:
    """The openers of the isolates still open at the end of ``before``, outermost first."""
    stack: list[str] = []
    for ch in before:
        if ch in _OPENERS:
            stack.append(ch)
        elif ch == PDI and stack:
            stack.pop()
    return "".join(stack)


def _with_placeholders(logical: str, pieces: list[str]) -> str:
    """``logical`` with each character that prints as a placeholder, or as nothing because it belongs to an
    emoji, replaced by the placeholder: one character for one, so offsets still line up."""
    return "".join(PLACEHOLDER if piece == PLACEHOLDER or ord(ch) in EMOJI_PARTS or ord(ch) > 0xFFFF else ch
                   for ch, piece in zip(logical, pieces, strict=True))


def _shaped_pieces(text: str) -> list[str]:
    """Arabic letters in their joined forms, one piece per input character (a lam-alef ligature takes
    the lam's place and leaves the alef's empty), so offsets still line up."""
    shaped = _RESHAPER.reshape(text)
    if len(shaped) == len(text):
        return list(shaped)
    pieces: list[str] = []
    for ch in shaped:
        pieces.append(ch)
        if ord(ch) in _LAM_ALEF:
            pieces.append("")
    if len(pieces) == len(text):
        return pieces
    # The reshaper changed the text in a way we cannot line up: joined letters without ligatures.
    shaped = _RESHAPER_NO_LIGATURES.reshape(text)
    return list(shaped) if len(shaped) == len(text) else list(text)


def _visual_order(text: str, rtl: bool) -> list[tuple[int, str, int]]:
    """(logical index, character to draw, embedding level) for each character, left to right.

    python-bidi's ``get_display`` returns only the reordered string; we need to know where each character
    went, so we run the same steps of its algorithm module and tag each character with its index first.
    That module predates isolates (it stops at an FSI), so each isolate is ordered here as the algorithm
    of Unicode 6.3 orders it: on its own, then placed as one neutral character of its surroundings.
    """
    if any(opener in text for opener in _OPENERS):
        return _isolates_in_order(text, rtl)
    return _plain_visual_order(text, rtl)


def _isolates_in_order(text: str, rtl: bool) -> list[tuple[int, str, int]]:
    outer: list[str] = []
    spans: dict[int, tuple[int, int]] = {}  # index in ``outer`` -> the isolate's (opener, closer or end)
    where: list[int] = []  # index in ``outer`` -> index in ``text``
    i = 0
    while i < len(text):
        if text[i] in _OPENERS:
            end, depth = i + 1, 1
            while end < len(text) and depth:
                depth += 1 if text[end] in _OPENERS else -1 if text[end] == PDI else 0
                end += 1
            spans[len(outer)] = (i, end)  # an unclosed isolate runs to the end of the line
            outer.append(_STAND_IN)
            where.append(i)
            i = end
            continue
        outer.append(text[i])
        where.append(i)
        i += 1
    out: list[tuple[int, str, int]] = []
    for index, ch, level in _plain_visual_order("".join(outer), rtl):
        if index not in spans:
            out.append((where[index], ch, level))
            continue
        start, end = spans[index]
        closed = end - 1 > start and text[end - 1] == PDI
        inner = text[start + 1:end - 1 if closed else end]
        inner_rtl = text[start] == RLI or (text[start] == FSI and paragraph_is_rtl(inner))
        out.append((start, text[start], level))
        out += [(start + 1 + j, c, level + 1 + lv) for j, c, lv in _visual_order(inner, inner_rtl)]
        if closed:
            out.append((end - 1, PDI, level))
    return out


def _plain_visual_order(text: str, rtl: bool) -> list[tuple[int, str, int]]:
    # A closer left over (a line broken inside an isolate) is a neutral here; the old module would stop at it.
    strays = PDI in text or any(opener in text for opener in _OPENERS)
    storage = uba.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    uba.get_embedding_levels(_ISOLATE_CHARS.sub(_STAND_IN, text) if strays else text, storage)
    for index, entry in enumerate(storage["chars"]):
        entry["index"] = index
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    uba.apply_mirroring(storage, False)
    out = [(c["index"], c["ch"] if not strays or c["ch"] != _STAND_IN else text[c["index"]], c["level"])
           for c in storage["chars"]]
    return _marks_after_bases(out, text)


def _marks_after_bases(order: list[tuple[int, str, int]], text: str) -> list[tuple[int, str, int]]:
    """Reversing a right-to-left run puts a combining mark (a Hebrew vowel point, an Arabic haraka) before
    its letter; drawn that way it would sit on the neighbouring letter. Move each back after its letter."""
    if not any(unicodedata.combining(text[i]) for i, _, _ in order):
        return order
    out: list[tuple[int, str, int]] = []
    waiting: list[tuple[int, str, int]] = []
    for item in order:
        if item[2] % 2 and unicodedata.combining(text[item[0]]):
            waiting.append(item)
            continue
        out.append(item)
        out.extend(waiting)
        waiting = []
    return out + waiting
