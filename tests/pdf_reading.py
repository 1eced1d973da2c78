"""Reading a PDF back as a printer and a reader meet it: each run of text with its size, place and colour (from
the page's own content, with pypdf), and the text of one column of the page (poppler's pdftotext, cropped)."""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


@dataclass(frozen=True)
class Run:
    """One run of text as drawn: its page (from 1), what it says, its size in points as printed (the font
    size times the text's scale), where it starts (points from the page's bottom left) and its fill colour."""

    page: int
    text: str
    size: float
    x: float
    y: float
    fill: tuple[float, ...] | None


def text_runs(source: Path | bytes) -> list[Run]:
    reader = PdfReader(io.BytesIO(source) if isinstance(source, bytes) else source)
    runs: list[Run] = []
    for number, page in enumerate(reader.pages, 1):
        fill: list[tuple[float, ...] | None] = [None]

        def before(op, args, cm, tm, fill=fill):
            if op in (b"rg", b"g", b"k"):
                fill[0] = tuple(float(a) for a in args)

        def visit(text, cm, tm, font, size, number=number, fill=fill):
            if not text.strip():
                return
            a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
            c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append(Run(number, text.strip(), round(size * abs(a * d - b * c) ** 0.5, 2), x, y, fill[0]))

        page.extract_text(visitor_operand_before=before, visitor_text=visit)
    return runs


def column_text(path: Path, left: float, right: float, first: int | None = None, last: int | None = None) -> str:
    """The text of the page between ``left`` and ``right`` points from its left edge, as pdftotext reads it."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return subprocess.run(["pdftotext", *pages, "-x", str(int(left)), "-y", "0", "-W", str(int(right - left)),
                           "-H", "2000", str(path), "-"], check=True, capture_output=True, text=True).stdout
