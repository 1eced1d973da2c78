"""Feedback files: the teacher's review of a hand-in goes back into the student's Lede.

The teacher writes a .ledefeedback file for one student, or for the whole class into a folder (named like the
feedback PDFs, distinct and the same each time). Writing is not an undo step: the files are given away, as hand-ins
and PDFs are. Whether the key passages the student missed go with it is decided as each file is written
(``Assignment.key_released``); until then no key passage, offset or note is in any file.

The student's Lede opens a feedback file onto the student's own copy of the assignment: the copy whose latest
hand-in is the very file the teacher reviewed, or else the copy with the student's name (a hand-in made by an older
Lede, or the student handed in again since). On a lab account shared by several students only that copy is
touched; with no such copy, nothing is. The feedback is kept with the copy, so it is there when the assignment is
opened again; opening a newer file replaces it, as one undoable step.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.application.changes import Changes
from desktop_app.application.errors import ChangedElsewhere, LedeError, NotInLibrary
from desktop_app.application.history import Step
from desktop_app.core.assignments import Assignment, student_key
from desktop_app.core.feedback import Feedback, PlacedFeedback, place_feedback
from desktop_app.core.marks import Mark
from desktop_app.i18n import _, ngettext
from desktop_app.i18n.formats import format_datetime
from desktop_app.storage.assignments import AssignmentService, StudentCopy
from desktop_app.storage.feedback import FeedbackService, StoredFeedback

if TYPE_CHECKING:
    from desktop_app.application.library import Library
    from desktop_app.exchange.feedback import FeedbackFile


class OlderFeedback(LedeError):
    """The copy already holds feedback written later than the file opened; nothing was changed."""


@dataclass(frozen=True)
class FeedbackExport:
    """What writing feedback files did, for the teacher to be told."""

    paths: list[Path]
    key_released: bool
    held_back: int  # comments on missed key passages left out: the key is not released
    not_reviewed: int  # files written for hand-ins not yet marked reviewed

    def describe(self) -> str:
        n = len(self.paths)
        if n:
            saved = ngettext("Saved {count} feedback file in {folder}.", "Saved {count} feedback files in {folder}.",
                             n).format(count=n, folder=self.paths[0].parent)
        else:
            saved = ngettext("Saved {count} feedback file.", "Saved {count} feedback files.", n).format(count=n)
        parts = [saved]
        if self.key_released:
            parts.append(_("The key is released: each file shows the student the passages they missed."))
        elif self.held_back:
            parts.append(ngettext(
                "The key is not released, so no file holds a key passage (nor your {count} comment on missed "
                "passages); release it in the assignment (Feedback shows the key), then save the files again.",
                "The key is not released, so no file holds a key passage (nor your {count} comments on missed "
                "passages); release it in the assignment (Feedback shows the key), then save the files again.",
                self.held_back).format(count=self.held_back))
        else:
            parts.append(_("The key is not released, so no file holds a key passage; release it in the assignment "
                           "(Feedback shows the key), then save the files again."))
        if self.not_reviewed:
            parts.append(ngettext("{count} of them is not marked reviewed yet.",
                                  "{count} of them are not marked reviewed yet.",
                                  self.not_reviewed).format(count=self.not_reviewed))
        return " ".join(parts)


@dataclass(frozen=True)
class FeedbackOpening:
    """A feedback file read and checked, and the student's copy it belongs on."""

    path: Path
    file: FeedbackFile
    copy: Assignment
    same_hand_in: bool  # the copy's latest hand-in is the very file the teacher reviewed

    @property
    def feedback(self) -> Feedback:
        return self.file.feedback


@dataclass(frozen=True)
class ReceivedFeedback:
    """The feedback kept on a student's copy."""

    copy_id: int
    feedback: Feedback
    file_name: str
    file_sha256: str
    received_at: datetime
    same_hand_in: bool  # False: on an earlier hand-in, or one this copy's Lede did not record

    def placed(self, own_marks: Iterable[Mark]) -> PlacedFeedback:
        """The feedback laid on the copy's marks as they are now. The marks' ids in the file are this library's
        only when the hand-in was this copy's very file; otherwise passage and category find them."""
        return place_feedback(self.feedback.marks, own_marks, trust_ids=self.same_hand_in)


class FeedbackFileOps:
    def __init__(self, library: Library) -> None:
        self.lib = library
        self.stored = FeedbackService(library.db)
        self.copies = AssignmentService(library.db)

    # --- the teacher: writing ----------------------------------------------------------------------
    def write(self, assignment_id: int, folder: Path, only: Sequence[int] | None = None,
              now: datetime | None = None) -> FeedbackExport:
        """One feedback file per hand-in of the assignment (or of ``only`` these hand-ins) into ``folder``, named
        as in the whole class, so a file written again replaces last time's. The first file the disk refuses
        raises ExchangeError (those written before it stay); LookupError when the assignment is gone."""
        from desktop_app.classroom.exports import feedback_file_names
        from desktop_app.exchange.names import feedback_file_name

        work = self.lib.classroom.work(assignment_id)
        names = feedback_file_names(work.submissions, work.assignment.title, feedback_file_name)
        chosen = [s for s in work.submissions if only is None or s.id in only]
        return self._write(work, [(s, Path(folder) / names[s.stored_id]) for s in chosen], now)

    def write_one(self, assignment_id: int, submission_id: int, path: Path,
                  now: datetime | None = None) -> FeedbackExport:
        """One student's feedback file at ``path`` (a folder: named as in the class)."""
        target = Path(path)
        if target.is_dir():
            return self.write(assignment_id, target, only=[submission_id], now=now)
        work = self.lib.classroom.work(assignment_id)
        sub = work.submission(submission_id)
        if sub is None:
            raise NotInLibrary(_("That hand-in is no longer in the library (it was removed, perhaps in another "
                                 "window)."))
        return self._write(work, [(sub, target)], now)

    def suggested_name(self, assignment_id: int, submission_id: int) -> str:
        from desktop_app.classroom.exports import feedback_file_names
        from desktop_app.exchange.names import feedback_file_name

        work = self.lib.classroom.work(assignment_id)
        return feedback_file_names(work.submissions, work.assignment.title, feedback_file_name)[submission_id]

    def _write(self, work, targets, now: datetime | None) -> FeedbackExport:
        from desktop_app.classroom.feedback import feedback_on
        from desktop_app.exchange.safezip import write_bytes_atomically
        from desktop_app.exchange.feedback import feedback_bytes

        moment = now or datetime.now(UTC)
        paths: list[Path] = []
        held_back = 0
        for sub, target in targets:
            returned = feedback_on(work, sub, moment)
            held_back += returned.held_back
            paths.append(write_bytes_atomically(target, feedback_bytes(returned.feedback, work.assignment.seal)))
        return FeedbackExport(paths, work.assignment.key_released(moment), held_back,
                              sum(1 for sub, _ in targets if not sub.reviewed))

    # --- the student: opening ----------------------------------------------------------------------
    def read(self, path: Path) -> FeedbackOpening:
        """Reads the file and finds the student's own copy it is on; changes nothing. Raises ExchangeError for a
        bad or edited file, NotInLibrary when this library has no copy of that student's work."""
        from desktop_app.exchange.feedback import check_feedback, read_feedback

        path = Path(path)
        received = read_feedback(path, path.name)
        f = received.feedback
        copy, same = self._copy_for(f, self.copies.copies(f.assignment_uid))
        article = self.lib.articles.get(copy.stored_article_id)
        if article is None:
            raise NotInLibrary(_("The article of your copy of “{title}” is no longer in the library.").format(
                title=copy.title))
        check_feedback(received, copy, article.text)
        return FeedbackOpening(path, received, copy, same)

    @staticmethod
    def _copy_for(f: Feedback, copies: list[StudentCopy]) -> tuple[Assignment, bool]:
        exact = [c for c in copies if c.handed_in_sha256 and c.handed_in_sha256 == f.hand_in_sha256]
        if exact:
            return exact[0].assignment, True
        key = student_key(f.student_name)
        named = [c for c in copies if student_key(c.assignment.student_name) == key]
        if not named:
            raise NotInLibrary(_("This feedback is for {student}'s work on “{title}”; this computer has no copy of "
                                 "it. Open it in Lede on the computer (and account) where {student} did the "
                                 "work.").format(student=f.student_name, title=f.assignment_title))
        # Several copies under one name (opened afresh more than once): the one handed in last.
        latest = max(named, key=lambda c: (c.assignment.handed_in_at is not None,
                                           c.assignment.handed_in_at or datetime.min.replace(tzinfo=UTC),
                                           c.assignment.stored_id))
        return latest.assignment, False

    def receive(self, opening: FeedbackOpening) -> ReceivedFeedback:
        """Keeps the feedback on its copy, in place of older feedback there: one undoable step. The very file
        opened again changes nothing; a file older than the copy's feedback raises OlderFeedback."""
        copy_id = opening.copy.stored_id
        before = self.stored.get(copy_id)
        f = opening.feedback
        if before is not None and before.file_sha256 == opening.file.file_sha256:
            found = self.on_copy(copy_id)
            if found is not None:
                return found
        if before is not None and before.made_at > f.made_at:
            newer, older = before.made_at.astimezone(), f.made_at.astimezone()  # this computer's time
            raise OlderFeedback(_("Your copy of “{title}” already has newer feedback from your teacher (written "
                                  "{newer}); {file} was written earlier ({older}), so nothing was changed.").format(
                title=opening.copy.title, newer=format_datetime(newer), file=opening.path.name,
                older=format_datetime(older)))
        after = StoredFeedback(copy_id, opening.path.name, opening.file.file_sha256, f.made_at, datetime.now(UTC),
                               opening.file.document)
        kept = self.lib.run(lambda: self.stored.put(after))
        step = FeedbackOpened(self, opening.copy, before, kept)
        self.lib.record(step, step.changes())
        return ReceivedFeedback(copy_id, f, kept.file_name, kept.file_sha256, kept.received_at, opening.same_hand_in)

    def on_copy(self, copy_id: int) -> ReceivedFeedback | None:
        """The feedback kept on a student's copy, read and checked again (None when there is none)."""
        import logging

        from desktop_app.exchange.errors import ExchangeError
        from desktop_app.exchange.feedback import check_feedback, parse_feedback

        stored = self.stored.get(copy_id)
        copy = self.copies.get(copy_id)
        if stored is None or copy is None:
            return None
        article = self.lib.articles.get(copy.stored_article_id)
        try:
            received = parse_feedback(stored.document, stored.file_sha256, stored.file_name)
            if article is None:
                return None
            check_feedback(received, copy, article.text)
        except ExchangeError:
            # It was checked when it was opened; failing now means the library was changed by hand.
            logging.getLogger(__name__).warning("the feedback kept on copy %s no longer checks", copy_id)
            return None
        f = received.feedback
        own = next((c for c in self.copies.copies(copy.uid) if c.assignment.id == copy_id), None)
        same = own is not None and own.handed_in_sha256 == f.hand_in_sha256
        return ReceivedFeedback(copy_id, f, stored.file_name, stored.file_sha256, stored.received_at, same)


class FeedbackOpened(Step):
    """Done: the copy's feedback is the file's. Undone: the feedback it had before (or none) is back."""

    def __init__(self, ops: FeedbackFileOps, copy: Assignment, before: StoredFeedback | None,
                 after: StoredFeedback) -> None:
        self.ops, self.copy_id, self.before, self.after = ops, copy.stored_id, before, after
        self.label = _("Open feedback on “{title}”").format(title=copy.title)
        self.assignment_ids = frozenset({copy.stored_id})

    def changes(self) -> Changes:
        return Changes(assignments=self.assignment_ids)

    def _expect(self, wanted: StoredFeedback | None) -> None:
        current = self.ops.stored.get(self.copy_id)
        if (current.file_sha256 if current else None) != (wanted.file_sha256 if wanted else None):
            raise ChangedElsewhere(_("other feedback was opened on that copy in another window since"))

    def apply(self) -> Changes:
        self._expect(self.before)
        self.ops.stored.put(self.after)
        return self.changes()

    def revert(self) -> Changes:
        self._expect(self.after)
        if self.before is None:
            self.ops.stored.remove(self.copy_id)
        else:
            self.ops.stored.put(self.before)
        return self.changes()
