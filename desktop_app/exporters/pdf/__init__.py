"""Print-ready PDF worksheets: a blank worksheet, an annotated copy of someone's marks, and the answer key.

``write_pdf(job, path)`` is the one entry point; the desk, the command line and the benchmark all use it.
The file appears at ``path`` only once it is complete: it is written beside it under a temporary name and
renamed, so a failure half-way leaves whatever was there before (or nothing), never half a PDF.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from desktop_app import safe_files
from desktop_app.core.articles import Article
from desktop_app.core.categories import CategorySet
from desktop_app.core.marks import Mark


class PdfKind(StrEnum):
    BLANK = "blank"
    ANNOTATED = "annotated"
    KEY = "key"

    @property
    def label(self) -> str:
        return {"blank": "Worksheet", "annotated": "Annotated copy", "key": "Answer key"}[self.value]


PAPER_SIZES = ("a4", "letter")


def check_paper(paper: str) -> None:
    """Every PDF job is for A4 or Letter; anything else is a caller's mistake, caught when the job is made."""
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {PAPER_SIZES}, not {paper!r}")


class PdfExportError(Exception):
    """The PDF could not be made or saved; the message says why and what to do."""


@dataclass(frozen=True)
class PdfJob:
    kind: PdfKind
    article: Article
    categories: CategorySet
    marks: Sequence[Mark] = ()  # the person's marks (annotated copy) or the key's (answer key)
    paper: str = "a4"
    marked_by: str = ""  # printed on an annotated copy: whose marks these are
    made_on: date = field(default_factory=date.today)
    large_print: bool = False  # body 14 pt and everything with it; the article breaks into the same lines
    # A blank worksheet of an assignment: its instructions, and the least number of marks it asks for per
    # category key ("find at least 3 sources"). Empty for a worksheet of an article alone.
    instructions: str = ""
    minimums: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_paper(self.paper)


def render_pdf(job: PdfJob) -> bytes:
    """The PDF as bytes (for tests and previews); ``write_pdf`` saves it safely."""
    buffer = io.BytesIO()
    _build(job, buffer)
    return buffer.getvalue()


def write_pdf(job: PdfJob, path: str | os.PathLike) -> Path:
    return write_atomically(path, lambda out: _build(job, out))


def write_atomically(path: str | os.PathLike, build: Callable[[BinaryIO], None]) -> Path:
    """Every PDF kind is saved through here: whole or not at all (see desktop_app.safe_files)."""
    return safe_files.write_atomically(path, build, PdfExportError, what="the PDF")


def _build(job: PdfJob, out) -> None:
    # ReportLab is imported here, not at the top: the desk starts without paying for it.
    from desktop_app.exporters.pdf.annotated import annotated_story
    from desktop_app.exporters.pdf.blank import blank_story
    from desktop_app.exporters.pdf.fonts import register_fonts
    from desktop_app.exporters.pdf.page import PageFurniture, document, furnished_canvas
    from desktop_app.exporters.pdf.sizes import printing_at, sizes_for
    from reportlab.platypus.doctemplate import LayoutError

    register_fonts()
    sizes = sizes_for(job.large_print)
    blank = job.kind is PdfKind.BLANK
    furniture = PageFurniture(kind_label=job.kind.label, article_title=job.article.details.title or "Untitled article",
                              made_on=job.made_on, teacher_copy=job.kind is PdfKind.KEY,
                              person=job.marked_by if job.kind is PdfKind.ANNOTATED else "", sizes=sizes,
                              pen_key=job.categories if blank else None)
    doc = document(out, job.paper, furniture, subject=f"{job.kind.label} for a media-literacy lesson")
    width = doc.width
    with printing_at(sizes):
        if blank:
            story = blank_story(job.article, job.categories, width, instructions=job.instructions,
                                minimums=job.minimums)
        else:
            story = annotated_story(job.article, job.categories, job.marks, width, doc.height,
                                    answer_key=job.kind is PdfKind.KEY, marked_by=job.marked_by)
    try:
        with printing_at(sizes):
            doc.build(story, canvasmaker=furnished_canvas(furniture))
    except LayoutError as exc:
        # Every piece is meant to fit or split; if one still cannot, say so in one sentence, not a traceback.
        raise PdfExportError(f"Lede could not fit part of this {job.kind.label.lower()} on a page ({exc}). "
                             "Try the other paper size, and please report it with the article.") from exc
