"""Marks: adding, changing, moving and deleting one, each one transaction and one step; reading an article's
marks with their anchors checked.

A typed note is saved in pieces as the person types; the pieces of one note merge into one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.application.changes import Changes, Focus
from desktop_app.application.errors import ChangedElsewhere
from desktop_app.application.history import Step
from desktop_app.core.anchoring import check_anchors
from desktop_app.core.articles import Article
from desktop_app.core.marks import Mark, new_mark
from desktop_app.i18n import _
from desktop_app.storage.marks import MarkService

if TYPE_CHECKING:
    from desktop_app.application.library import Library


def _put(mark: Mark) -> Changes:
    return Changes(marks_put=(mark,), focus=Focus(mark.article_id, mark.layer, mark.id))


def _gone(mark: Mark) -> Changes:
    return Changes(marks_removed=(mark,), focus=Focus(mark.article_id, mark.layer, None))


@dataclass(frozen=True)
class ShownMarks:
    """An article's marks of one layer, ready to show; ``lost`` were kept in the database but not shown, since
    their passage is no longer in the text."""

    marks: list[Mark]
    lost: int = 0


class MarkOps:
    def __init__(self, library: Library) -> None:
        self.lib = library
        self.service = MarkService(library.db)

    # --- reading -----------------------------------------------------------------------------------
    def shown(self, article: Article, layer: str) -> ShownMarks:
        """The article's marks, each checked against the text: a mark whose passage moved is re-anchored and
        saved (a repair, not a step of the person's); one whose passage is gone is left out and counted."""
        marks = self.service.list_for(article.id, layer)
        text = article.text
        suspects = {m.id: m.anchor for m in marks if text[m.start:m.end] != m.quote}
        if not suspects:
            return ShownMarks(marks)
        moved, lost = check_anchors(text, suspects)
        repaired: dict[int, Mark] = {}
        if moved:
            fixed = [m.moved_to(text, moved[m.id].start, moved[m.id].end) for m in marks if m.id in moved]
            repaired = {m.stored_id: m for m in self.lib.run(lambda: self.service.reanchor(fixed))}
        kept = [repaired.get(m.stored_id, m) for m in marks
                if m.id not in lost and (m.id not in moved or m.id in repaired)]
        return ShownMarks(kept, len(lost))

    def get(self, mark_id: int) -> Mark | None:
        return self.service.get(mark_id)

    # --- changing ----------------------------------------------------------------------------------
    def add(self, article: Article, layer: str, start: int, end: int, category: str, label: str) -> Mark:
        """Marks ``article.text[start:end]``; ``label`` names the category for the undo menu (as shown)."""
        draft = new_mark(article.id, article.text, start, end, category, layer=layer)
        stored = self.lib.run(lambda: self.service.add(draft))
        # Translators: {category} is the category's name as shown: "Mark as Source".
        self.lib.record(AddMark(self, stored, _("Mark as {category}").format(category=label)), _put(stored))
        return stored

    def set_category(self, mark_id: int, category: str, label: str) -> Mark | None:
        # Translators: {category} is the category's name as shown: "Change to Loaded language".
        return self._edit(mark_id, _("Change to {category}").format(category=label), category=category)

    def set_bonus(self, mark_id: int, bonus: bool) -> Mark | None:
        """Key marks only: a bonus find is worth having but not expected of every student."""
        # Translators: an undo step: a key mark made a bonus find, or required of every student again.
        return self._edit(mark_id, _("Make bonus") if bonus else _("Make required"), bonus=bonus)

    def set_note(self, mark_id: int, note: str) -> Mark | None:
        return self._edit(mark_id, _("Edit note"), merge_key=("note", mark_id), note=note)

    def set_extra(self, mark_id: int, key: str, value: str) -> Mark | None:
        mark = self._current(mark_id)
        extra = dict(mark.extra)
        if value:
            extra[key] = value
        else:
            extra.pop(key, None)
        return self._edit(mark_id, _("Edit mark details"), extra=extra)

    def move(self, mark_id: int, text: str, start: int, end: int) -> Mark | None:
        mark = self._current(mark_id)
        if (start, end) == (mark.start, mark.end) or end <= start:
            return None
        moved = mark.moved_to(text, start, end)
        return self._edit(mark_id, _("Move mark"), start=moved.start, end=moved.end, quote=moved.quote,
                          prefix=moved.prefix, suffix=moved.suffix)

    def delete(self, mark_id: int) -> Mark:
        deleted = self.lib.run(lambda: self.service.delete(mark_id))
        self.lib.record(DeleteMark(self, deleted), _gone(deleted))
        return deleted

    def _current(self, mark_id: int) -> Mark:
        mark = self.service.get(mark_id)
        if mark is None:
            raise LookupError(_("That mark is no longer in the library (it was deleted, perhaps in another "
                                "window)."))
        return mark

    def _edit(self, mark_id: int, label: str, merge_key=None, **changes) -> Mark | None:
        before = self._current(mark_id)
        after = before.with_changes(**changes)
        if after == before:
            return None
        stored = self.lib.run(lambda: self.service.update(after))
        self.lib.record(EditMark(self, before, stored, label, merge_key), _put(stored))
        return stored

    # --- what the steps call -----------------------------------------------------------------------
    def _restore(self, mark: Mark) -> Changes:
        return _put(self.service.restore(mark))

    def _drop(self, mark: Mark) -> Changes:
        return _gone(self.service.delete(mark.stored_id))

    def _write_over(self, expected: Mark, target: Mark) -> Changes:
        """Undo and redo of an edit: only over the mark as the step left it. Another window (another process on
        the same library) may have changed it since, and its work must not be overwritten."""
        current = self.service.get(target.stored_id)
        if current is None:
            raise LookupError(_("the mark is no longer in the library"))
        if current != expected:
            raise ChangedElsewhere(_("the mark was changed in another window since"))
        return _put(self.service.update(target))


class AddMark(Step):
    def __init__(self, ops: MarkOps, stored: Mark, label: str) -> None:
        self.ops, self.mark, self.label = ops, stored, label

    def apply(self) -> Changes:
        return self.ops._restore(self.mark)

    def revert(self) -> Changes:
        return self.ops._drop(self.mark)


class DeleteMark(Step):
    def __init__(self, ops: MarkOps, deleted: Mark) -> None:
        self.ops, self.mark = ops, deleted
        self.label = _("Delete mark")

    def apply(self) -> Changes:
        return self.ops._drop(self.mark)

    def revert(self) -> Changes:
        return self.ops._restore(self.mark)


class EditMark(Step):
    def __init__(self, ops: MarkOps, before: Mark, after: Mark, label: str, merge_key=None) -> None:
        self.ops, self.before, self.after, self.label, self.merge_key = ops, before, after, label, merge_key

    def absorb(self, later: Step) -> None:
        assert isinstance(later, EditMark)
        self.after = later.after

    def apply(self) -> Changes:
        return self.ops._write_over(self.before, self.after)

    def revert(self) -> Changes:
        return self.ops._write_over(self.after, self.before)
