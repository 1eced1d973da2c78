"""The pen marks of each category, drawn on a ReportLab canvas.

The desk paints the same cues on screen (``ui/cues.py``): a box around a source, a wavy line under loaded
language, a solid, dashed, double or dotted line under the rest. On paper the shape matters more than the
colour: a cheap laser printer turns every colour into a grey, and a student copies the shape with a pen.
"""

from __future__ import annotations

from reportlab.lib.colors import Color, HexColor

from desktop_app.i18n import N_, _

LINE_WIDTH = 0.9
LANE_GAP = 2.8  # vertical distance between the cue lines of marks that overlap
WAVE_PERIOD, WAVE_HEIGHT = 3.2, 0.9

# What a student does with a pen for each cue, for the legend of a blank worksheet: one sentence each, with the
# category's letter in it ("Draw a box around it and write S in the margin.").
PEN_INSTRUCTIONS = {
    "box": N_("Draw a box around it and write {letter} in the margin."),
    "wave": N_("Draw a wavy line under it and write {letter} in the margin."),
    "solid": N_("Underline it and write {letter} in the margin."),
    "dashed": N_("Draw a dashed line under it and write {letter} in the margin."),
    "double": N_("Underline it twice and write {letter} in the margin."),
    "dotted": N_("Draw a dotted line under it and write {letter} in the margin."),
}


def pen_instruction(cue: str, letter: str) -> str:
    """What to do with a pen for ``cue``, in the person's language."""
    return _(PEN_INSTRUCTIONS.get(cue, N_("Mark it and write {letter} in the margin."))).format(letter=letter)


def colour(hex_colour: str, alpha: float = 1.0):
    c = HexColor(hex_colour)
    c.alpha = alpha
    return c


def ink(hex_colour: str):
    """The colour a cue line is drawn in: the category's colour, darkened until it prints as a clear grey.
    Okabe-Ito's orange and pink come out of a black-and-white laser printer as a grey too pale to see."""
    c = HexColor(hex_colour)
    luminance = 0.299 * c.red + 0.587 * c.green + 0.114 * c.blue
    scale = min(1.0, 0.42 / luminance) if luminance > 0 else 1.0
    return Color(c.red * scale, c.green * scale, c.blue * scale)


def draw_underline(canvas, cue: str, x0: float, x1: float, y: float, hex_colour: str) -> None:
    """A cue line from x0 to x1 at height y (everything but the box)."""
    if x1 - x0 < 0.5:
        return
    canvas.saveState()
    canvas.setStrokeColor(ink(hex_colour))
    canvas.setLineWidth(LINE_WIDTH)
    canvas.setLineCap(0)
    if cue == "wave":
        _draw_wave(canvas, x0, x1, y)
    elif cue == "double":
        canvas.setLineWidth(LINE_WIDTH * 0.7)
        canvas.line(x0, y + 0.8, x1, y + 0.8)
        canvas.line(x0, y - 0.8, x1, y - 0.8)
    else:
        if cue == "dashed":
            canvas.setDash(3.2, 1.8)
        elif cue == "dotted":
            canvas.setLineCap(1)
            canvas.setDash(0.1, 1.9)
            canvas.setLineWidth(LINE_WIDTH * 1.3)
        canvas.line(x0, y, x1, y)
    canvas.restoreState()


_WAVE_FORM = "LedeWave"
_WAVE_TILE_PERIODS = 4


def _draw_wave(canvas, x0: float, x1: float, y: float) -> None:
    """A wavy line from x0 to x1, drawn as copies of one stored tile clipped to the mark's width.

    Drawing each arc as its own curve made waves the most expensive thing in a long annotated copy
    (ReportLab formats every coordinate in Python); a tile is defined once per file and reused, and it
    takes the stroke colour in force where it is used.
    """
    tile = WAVE_PERIOD * _WAVE_TILE_PERIODS
    if not getattr(canvas, "_lede_wave_ready", False):
        canvas.beginForm(_WAVE_FORM, 0, -2, tile, 2)
        path = canvas.beginPath()
        path.moveTo(0, 0)
        half = WAVE_PERIOD / 2
        for i in range(_WAVE_TILE_PERIODS * 2):
            h = WAVE_HEIGHT * 1.33 * (1 if i % 2 == 0 else -1)
            x = i * half
            path.curveTo(x + half * 0.3, h, x + half * 0.7, h, x + half, 0)
        canvas.setLineWidth(LINE_WIDTH)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.endForm()
        canvas._lede_wave_ready = True
    clip = canvas.beginPath()
    clip.rect(x0, y - 2, x1 - x0, 4)
    canvas.clipPath(clip, stroke=0, fill=0)
    x = x0
    while x < x1:
        canvas.saveState()
        canvas.translate(x, y)
        canvas.doForm(_WAVE_FORM)
        canvas.restoreState()
        x += tile


def draw_box(canvas, x0: float, x1: float, y0: float, y1: float, hex_colour: str,
             open_left: bool = False, open_right: bool = False) -> None:
    """A source's box from (x0, y0) to (x1, y1); a side is left open where the mark goes on to
    another line, so a box that wraps reads as one box."""
    canvas.saveState()
    canvas.setStrokeColor(ink(hex_colour))
    canvas.setLineWidth(LINE_WIDTH)
    canvas.line(x0, y0, x1, y0)
    canvas.line(x0, y1, x1, y1)
    if not open_left:
        canvas.line(x0, y0, x0, y1)
    if not open_right:
        canvas.line(x1, y0, x1, y1)
    canvas.restoreState()


def draw_cue_sample(canvas, cue: str, x: float, baseline: float, width: float, height: float,
                    hex_colour: str) -> None:
    """The cue as the legend shows it, around or under a word ``width`` wide whose letters are ``height``."""
    if cue == "box":
        draw_box(canvas, x - 1.5, x + width + 1.5, baseline - 2.5, baseline + height + 1.2, hex_colour)
    else:
        draw_underline(canvas, cue, x, x + width, baseline - 2.4, hex_colour)
