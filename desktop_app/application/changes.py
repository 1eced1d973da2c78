"""What an operation changed: the record every window reads to decide what to refresh.

An operation, an undo and a redo each return one ``Changes``. Windows never call each other: the desk, the
classroom window and the library list each look at the record and refresh what concerns them (Anki's
OpChanges). Mark changes carry the marks themselves, so the desk updates its MarkSet without reading the
article's 5,000 marks again on every key press.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.core.marks import Mark


@dataclass(frozen=True)
class Focus:
    """Where the change happened, so undo can take the person there: an article, its layer, a mark in it."""

    article_id: int
    layer: str
    mark_id: int | None = None


@dataclass(frozen=True)
class Changes:
    library: bool = False  # articles were added or removed, or their titles changed
    articles: frozenset[int] = frozenset()  # articles whose details changed (or that went or came back)
    marks_put: tuple[Mark, ...] = ()  # marks added or changed, as stored now
    marks_removed: tuple[Mark, ...] = ()
    key_changed: frozenset[int] = frozenset()  # articles whose answer key changed as a whole
    assignments: frozenset[int] = frozenset()  # assignments made, changed, removed or brought back
    class_work: frozenset[int] = frozenset()  # assignments whose hand-ins or class list changed
    submissions: frozenset[int] = frozenset()  # hand-ins whose review changed (grade, comments, reviewed)
    removed_bin: bool = False  # File ▸ Recently removed has other entries now
    focus: Focus | None = field(default=None, compare=False)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            library=self.library or other.library, articles=self.articles | other.articles,
            marks_put=self.marks_put + other.marks_put, marks_removed=self.marks_removed + other.marks_removed,
            key_changed=self.key_changed | other.key_changed, assignments=self.assignments | other.assignments,
            class_work=self.class_work | other.class_work, submissions=self.submissions | other.submissions,
            removed_bin=self.removed_bin or other.removed_bin, focus=other.focus or self.focus)

    def touches_assignment(self, assignment_id: int) -> bool:
        return assignment_id in self.assignments or assignment_id in self.class_work


NOTHING = Changes()
