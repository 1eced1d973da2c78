"""Type sizes of every printed sheet, at photocopy sizes, and the same scaled up for large print.

A worksheet is photocopied for a class of 14-year-olds: a copier blurs and lightens, so nothing is set
smaller than it would survive (body 10.5 pt, tables 9 pt, line numbers 8 pt in black, badges 7 pt, chart
labels 8 pt). Large print multiplies every size, every gap and the article's column by one factor (body
14 pt). The article's column and its type grow together, so the article breaks into the very same lines in
large print: "line 14" is line 14 on every sheet of the class, large print or not.

The sizes in force while a sheet's story is put together are ``current()``; ``printing_at`` sets them for one
build. It is a context variable, not a global: a class's feedback sheets may be written on a worker thread
while the desk prints a worksheet. Whatever draws later (a flowable, the page furniture) keeps the sizes it
was made with, so one PDF can hold sheets of both sizes (a class book with one large-print student).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

LARGE_PRINT_SCALE = 4 / 3  # body 10.5 pt -> 14 pt


@dataclass(frozen=True)
class PrintSizes:
    """Point sizes of one print size; ``scale`` 1 is the normal sheet."""

    scale: float = 1.0

    def __call__(self, points: float) -> float:
        """``points`` at this print size (a gap, a width, a size not named below)."""
        return points * self.scale

    @property
    def large(self) -> bool:
        return self.scale > 1.0

    # The floors named in the classroom's own words; every other size is set relative to these.
    @property
    def body(self) -> float:
        return 10.5 * self.scale

    @property
    def table(self) -> float:
        return 9.0 * self.scale

    @property
    def line_number(self) -> float:
        return 8.0 * self.scale

    @property
    def badge(self) -> float:
        return 7.0 * self.scale

    @property
    def chart_label(self) -> float:
        return 8.0 * self.scale

    @property
    def furniture(self) -> float:
        """The running header and footer."""
        return 9.0 * self.scale

    @property
    def article(self) -> float:
        return 11.0 * self.scale

    @property
    def article_column(self) -> float:
        """The width the article is set in: the same on every kind of sheet and both papers (see
        article_flow.ArticleLook), and scaled with the type so large print breaks the same lines."""
        return 329.0 * self.scale

    @property
    def gutter(self) -> float:
        """Room left of the article for its line numbers."""
        return 26.0 * self.scale


NORMAL = PrintSizes()
LARGE = PrintSizes(LARGE_PRINT_SCALE)

_current: ContextVar[PrintSizes] = ContextVar("lede_print_sizes", default=NORMAL)


def current() -> PrintSizes:
    return _current.get()


def sizes_for(large_print: bool) -> PrintSizes:
    return LARGE if large_print else NORMAL


@contextmanager
def printing_at(sizes: PrintSizes) -> Iterator[PrintSizes]:
    """The sizes in force while a sheet is made (its story built and laid out)."""
    token = _current.set(sizes)
    try:
        yield sizes
    finally:
        _current.reset(token)
