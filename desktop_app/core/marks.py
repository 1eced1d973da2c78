"""A mark: one passage of an article tagged with a category, a note and the category's extra answer."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime

from desktop_app.core.anchoring import Anchor, make_anchor
from desktop_app.core.spans import Span

# Marks live in layers so one article can carry several readings of it: the annotator's own marks, and a
# teacher's answer key (read from a key file, printed on the answer-key sheet, not shown on the desk).
OWN_LAYER = "own"
KEY_LAYER = "key"


@dataclass(slots=True)
class Mark:
    """Treated as a value: never changed in place (``with_changes`` and ``moved_to`` make new ones), so a
    MarkSet's listeners always see the old and the new mark. Not ``frozen``: a frozen dataclass costs
    three times as long to build, and an article with 5,000 marks builds 5,000 of them on every open."""

    id: int | None
    article_id: int
    category: str
    start: int  # code points, see core.offsets
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    layer: str = OWN_LAYER
    # Key marks only: an answer worth finding but not expected of every student. Own marks leave it False.
    bonus: bool = False
    created_at: datetime | None = field(default=None, compare=False)  # when, not what: not compared

    @property
    def stored_id(self) -> int:
        """The id in the library; asking for it before the mark is stored is a mistake in Lede, not the user's."""
        if self.id is None:
            raise ValueError("this mark is not stored in the library yet")
        return self.id

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def anchor(self) -> Anchor:
        return Anchor(self.start, self.end, self.quote, self.prefix, self.suffix)

    def with_changes(self, **changes) -> Mark:
        return replace(self, **changes)

    def moved_to(self, text: str, start: int, end: int) -> Mark:
        """The same mark on another passage of ``text``: quote and context follow the new span."""
        a = make_anchor(text, start, end)
        return replace(self, start=a.start, end=a.end, quote=a.quote, prefix=a.prefix, suffix=a.suffix)


def new_mark(article_id: int, text: str, start: int, end: int, category: str, note: str = "",
             extra: dict[str, str] | None = None, layer: str = OWN_LAYER, bonus: bool = False) -> Mark:
    a = make_anchor(text, start, end)
    return Mark(id=None, article_id=article_id, category=category, start=a.start, end=a.end, quote=a.quote,
                prefix=a.prefix, suffix=a.suffix, note=note, extra=dict(extra or {}), layer=layer, bonus=bonus)


MarkListener = Callable[[str, "Mark | None", "Mark | None"], None]


class MarkSet:
    """The marks of the article on screen, kept in reading order; tells listeners what changed.

    Events are ("added", mark, None), ("removed", mark, None), ("changed", new, old) and
    ("reset", None, None). The Qt list model and the article view both listen; neither owns the data.
    """

    def __init__(self, marks: Iterable[Mark] = ()) -> None:
        self._by_id: dict[int, Mark] = {}
        self._listeners: list[MarkListener] = []
        self.reset(marks)

    # --- reading -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Mark]:
        """In no particular order (cheap); ask in_reading_order() for the order of the text."""
        return iter(list(self._by_id.values()))

    def __contains__(self, mark_id: object) -> bool:
        return mark_id in self._by_id

    def get(self, mark_id: int) -> Mark | None:
        return self._by_id.get(mark_id)

    def in_reading_order(self) -> list[Mark]:
        return sorted(self._by_id.values(), key=lambda m: (m.start, -m.end, m.id))

    def of_category(self, key: str) -> list[Mark]:
        return [m for m in self.in_reading_order() if m.category == key]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for m in self._by_id.values():
            out[m.category] = out.get(m.category, 0) + 1
        return out

    def at(self, position: int) -> list[Mark]:
        """Marks covering the character at ``position``, innermost (shortest) first."""
        hits = [m for m in self._by_id.values() if m.start <= position < m.end]
        return sorted(hits, key=lambda m: (m.end - m.start, m.id))

    def overlapping(self, start: int, end: int) -> list[Mark]:
        return [m for m in self._by_id.values() if m.start < end and start < m.end]

    # --- changing ------------------------------------------------------------------------------
    def subscribe(self, listener: MarkListener) -> None:
        self._listeners.append(listener)

    def _emit(self, event: str, mark: Mark | None, old: Mark | None) -> None:
        for listener in list(self._listeners):
            listener(event, mark, old)

    def reset(self, marks: Iterable[Mark]) -> None:
        self._by_id = {}
        for m in marks:
            if m.id is None:
                raise ValueError("only stored marks (with an id) belong in a MarkSet")
            self._by_id[m.id] = m
        self._emit("reset", None, None)

    def put(self, mark: Mark) -> None:
        """Adds the mark, or replaces the stored mark with the same id."""
        if mark.id is None:
            raise ValueError("only stored marks (with an id) belong in a MarkSet")
        old = self._by_id.get(mark.id)
        self._by_id[mark.id] = mark
        self._emit("added" if old is None else "changed", mark, old)

    def remove(self, mark_id: int) -> Mark | None:
        old = self._by_id.pop(mark_id, None)
        if old is not None:
            self._emit("removed", old, None)
        return old
