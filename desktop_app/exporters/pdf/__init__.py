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
from desktop_app.i18n import N_, _


class PdfKind(StrEnum):
    BLANK = "blank"
    ANNOTATED = "annotated"
    KEY = "key"

    @property
    def label(self) -> str:
        """The kind's name as the running header prints it, in the person's language."""
        return _(_KIND_LABELS[self.value])


PAPER_SIZES = ("a4", "letter")


def check_paper(paper: str) -> None:
    """Every PDF job is for A4 or Letter; anything else is a caller's mistake, caught when the job is made."""
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {PAPER_SIZES}, not {paper!r}")


class PdfExportError(Exception):
    """The PDF could not be made or saved; the message says why and what to do."""


_KIND_LABELS = {"blank": N_("Worksheet"), "annotated": N_("Annotated copy"), "key": N_("Answer key")}
_KIND_SUBJECTS = {"blank": N_("Worksheet for a media-literacy lesson"),
                  "annotated": N_("Annotated copy for a media-literacy lesson"),
                  "key": N_("Answer key for a media-literacy lesson")}
# Said when ReportLab cannot fit a piece on any page: one whole sentence per kind of sheet. ``{reason}`` is
# ReportLab's own (English) words, for the bug report.
LAYOUT_FAILED = {
    "blank": N_("Lede could not fit part of this worksheet on a page ({reason}). Try the other paper size, and "
                "please report it with the article."),
    "annotated": N_("Lede could not fit part of this annotated copy on a page ({reason}). Try the other paper "
                    "size, and please report it with the article."),
    "key": N_("Lede could not fit part of this answer key on a page ({reason}). Try the other paper size, and "
              "please report it with the article."),
    "class summary": N_("Lede could not fit part of this class summary on a page ({reason}). Try the other paper "
                        "size, and please report it with the article."),
    "feedback sheet": N_("Lede could not fit part of this feedback sheet on a page ({reason}). Try the other "
                         "paper size, and please report it with the article."),
    "feedback book": N_("Lede could not fit part of the feedback book on a page ({reason}). Try the other paper "
                        "size, and please report it with the article."),
}


def layout_failed(what: str, exc: Exception) -> PdfExportError:
    """The error for a sheet ReportLab could not lay out; ``what`` a key of LAYOUT_FAILED."""
    return PdfExportError(_(LAYOUT_FAILED[what]).format(reason=exc))


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
    return safe_files.write_atomically(path, build, PdfExportError, what=_("the PDF"))


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
    furniture = PageFurniture(kind_label=job.kind.label,
                              article_title=job.article.details.title or _("Untitled article"),
                              made_on=job.made_on, teacher_copy=job.kind is PdfKind.KEY,
                              person=job.marked_by if job.kind is PdfKind.ANNOTATED else "", sizes=sizes,
                              pen_key=job.categories if blank else None)
    doc = document(out, job.paper, furniture, subject=_(_KIND_SUBJECTS[job.kind.value]))
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
        raise layout_failed(job.kind.value, exc) from exc
