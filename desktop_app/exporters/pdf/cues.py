"""The pen marks of each category, drawn on a ReportLab canvas.

The desk paints the same cues on screen (``ui/cues.py``): a box around a source, a wavy line under loaded
language, a solid, dashed, double or dotted line under the rest. On paper the shape matters more than the
colour: a cheap laser printer turns every colour into a grey, and a student copies the shape with a pen.
"""

from __future__ import annotations

import math

from reportlab.lib.colors import HexColor

LINE_WIDTH = 0.9
LANE_GAP = 2.8  # vertical distance between the cue lines of marks that overlap
WAVE_PERIOD, WAVE_HEIGHT = 3.2, 0.9

# What a student does with a pen for each cue, for the legend of a blank worksheet.
PEN_INSTRUCTIONS = {
    "box": "draw a box around it",
    "wave": "draw a wavy line under it",
    "solid": "underline it",
    "dashed": "draw a dashed line under it",
    "double": "underline it twice",
    "dotted": "draw a dotted line under it",
}


def colour(hex_colour: str, alpha: float = 1.0):
    c = HexColor(hex_colour)
    c.alpha = alpha
    return c


def draw_underline(canvas, cue: str, x0: float, x1: float, y: float, hex_colour: str) -> None:
    """A cue line from x0 to x1 at height y (everything but the box)."""
    if x1 - x0 < 0.5:
        return
    canvas.saveState()
    canvas.setStrokeColor(colour(hex_colour))
    canvas.setLineWidth(LINE_WIDTH)
    canvas.setLineCap(0)
    if cue == "wave":
        path = canvas.beginPath()
        path.moveTo(x0, y)
        steps = max(2, int((x1 - x0) / (WAVE_PERIOD / 4)))
        for i in range(1, steps + 1):
            x = x0 + (x1 - x0) * i / steps
            path.lineTo(x, y + WAVE_HEIGHT * math.sin(2 * math.pi * (x - x0) / WAVE_PERIOD))
        canvas.drawPath(path, stroke=1, fill=0)
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


def draw_box(canvas, x0: float, x1: float, y0: float, y1: float, hex_colour: str,
             open_left: bool = False, open_right: bool = False) -> None:
    """A source's box from (x0, y0) to (x1, y1); a side is left open where the mark goes on to
    another line, so a box that wraps reads as one box."""
    canvas.saveState()
    canvas.setStrokeColor(colour(hex_colour))
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
