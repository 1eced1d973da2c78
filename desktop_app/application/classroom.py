"""The teacher's classroom: an assignment's work for review, and taking the students' hand-ins in.

Each file goes in as one transaction (a busy moment is retried, and a file that still cannot be stored is
reported with the others, never stopping them); the whole batch is one undo step. A student who hands in again
replaces the earlier hand-in only when the teacher says so, and then the teacher's grade, overall comment and
the comments on marks the new hand-in still has are kept (core.resubmission); the earlier hand-in goes to the
bin, and undo brings it back as it was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.application.changes import Changes
from desktop_app.application.errors import LedeError, LibraryBusy
from desktop_app.application.history import Step
from desktop_app.classroom.intake import Incoming, IntakeReport, Refusal, examine, to_submission
from desktop_app.core.assignments import TEACHER, Assignment, Submission
from desktop_app.core.marks import KEY_LAYER
from desktop_app.core.matching import Tokens
from desktop_app.core.resubmission import carry_review
from desktop_app.i18n import _, ngettext
from desktop_app.storage.class_lists import link_exact
from desktop_app.storage.marks import MarkService
from desktop_app.storage.removed_work import SUBMISSIONS, RemovedWorkService, bring_back, take_out
from desktop_app.storage.rowsets import Loss
from desktop_app.storage.submissions import SubmissionService, insert_submission, write_review

if TYPE_CHECKING:
    from desktop_app.application.library import Library
    from desktop_app.classroom.review import AssignmentWork
    from desktop_app.storage.removed_work import Removal


@dataclass(frozen=True)
class IntakeResult:
    added: list[Submission]
    replaced: int
    kept: int  # clashes where the teacher kept the earlier hand-in
    refused: list[Refusal]
    unchanged: int
    carried: list[str] = field(default_factory=list)  # what of a replaced hand-in's review was kept, per student


class ClassroomOps:
    def __init__(self, library: Library) -> None:
        self.lib = library

    # --- reading -----------------------------------------------------------------------------------
    def work(self, assignment_id: int) -> AssignmentWork:
        """The assignment's article, key, hand-ins and their scores, read once (LookupError when it is gone)."""
        from desktop_app.classroom.review import AssignmentWork

        return AssignmentWork.load(self.lib.db, assignment_id)

    def assignment_for(self, paths: Sequence[Path]) -> int | None:
        """The teacher's assignment most of the readable hand-ins among ``paths`` were made for, if it is here:
        files dropped on Lede go to their own assignment, whichever one the window shows."""
        from desktop_app.classroom.intake import MAX_FILES_PER_IMPORT, submission_paths
        from desktop_app.exchange.errors import ExchangeError
        from desktop_app.exchange.submission import read_submission

        uids: Counter[str] = Counter()
        for path in submission_paths(paths)[:MAX_FILES_PER_IMPORT]:
            try:
                uids[read_submission(path, path.name).assignment_uid] += 1
            except ExchangeError:
                continue
        for uid, _count in uids.most_common():
            found = self.lib.assignments.by_uid(uid, TEACHER)
            if found is not None:
                return found.id
        return None

    def examine(self, assignment_id: int, paths: Sequence[Path]) -> IntakeReport:
        """Reads and checks each file; nothing is stored."""
        assignment, article = self._assignment_and_article(assignment_id)
        return examine(self.lib.db, assignment, article.text, paths)

    def _assignment_and_article(self, assignment_id: int):
        assignment = self.lib.assignments.get(assignment_id)
        article = self.lib.articles.get(assignment.stored_article_id) if assignment is not None else None
        if assignment is None or article is None:
            raise LookupError(_("That assignment is no longer in the library."))
        return assignment, article

    # --- taking hand-ins in ------------------------------------------------------------------------
    def take_in(self, assignment_id: int, report: IntakeReport,
                keep_new: Callable[[Incoming], bool] = lambda _incoming: True) -> IntakeResult:
        """Stores the ready files, and each clash ``keep_new`` answers with True ("keep the new file")."""
        self.lib.check_free([assignment_id])
        assignment, article = self._assignment_and_article(assignment_id)
        key_ids = {m.stored_id for m in MarkService(self.lib.db).list_for(article.id, KEY_LAYER)}
        tokens = Tokens(article.text)
        added: list[Submission] = []
        replaced: list[Removal] = []
        refused = list(report.refused)
        carried: list[str] = []
        kept = 0
        for incoming in report.ready + report.clashes:
            replacing = incoming.existing is not None
            if replacing and not keep_new(incoming):
                kept += 1
                continue
            try:
                stored, entry, sentence = self.lib.run(
                    lambda incoming=incoming, replacing=replacing: self._store_one(  # type: ignore[misc]
                        assignment, incoming, replacing, key_ids, tokens))
            except LibraryBusy:
                refused.append(Refusal(incoming.path, _(
                    "{file} could not be stored now: another Lede window kept the library busy. Nothing of it was "
                    "saved; import it again in a moment.").format(file=incoming.path.name), "busy"))
                continue
            except (LedeError, ValueError, LookupError) as exc:
                reason = exc.message if isinstance(exc, LedeError) else str(exc)
                refused.append(Refusal(incoming.path, _(
                    "{file} could not be stored: {reason} Nothing of it was saved; import it again.").format(
                    file=incoming.path.name, reason=reason)))
                continue
            added.append(stored)
            if entry is not None:
                replaced.append(entry)
            if sentence:
                carried.append(sentence)
        if added:
            changes = Changes(class_work=frozenset({assignment_id}), assignments=frozenset({assignment_id}),
                              removed_bin=bool(replaced))
            n = len(added)
            label = ngettext("Import {count} hand-in", "Import {count} hand-ins", n).format(count=n)
            self.lib.record(ImportHandIns(self.lib, assignment, [s.stored_id for s in added], replaced, label),
                            changes)
        return IntakeResult(added, len(replaced), kept, refused, len(report.unchanged), carried)

    def _store_one(self, assignment: Assignment, incoming: Incoming, replacing: bool, key_ids: set[int],
                   tokens: Tokens) -> tuple[Submission, Removal | None, str]:
        """One file, one transaction: the earlier hand-in (if replaced) into the bin, the new one in, and what
        still fits of the earlier review carried over."""
        from desktop_app.storage.submissions import load_submissions
        from desktop_app.storage.models import SubmissionRow

        ref_keys = {c.extra.key for c in assignment.categories if c.extra is not None and c.extra.kind == "source_ref"}
        with self.lib.db.transaction() as s:
            entry, old = None, None
            if replacing and incoming.existing is not None:
                found = load_submissions(s, SubmissionRow.__table__.c.id == incoming.existing.stored_id)
                if not found:
                    raise LookupError(_("the earlier hand-in it replaces was removed meanwhile"))
                old = found[0]
                # Translators: what File ▸ Recently removed lists for a hand-in replaced by a newer one.
                label = _("{student}'s earlier hand-in for “{title}” (a newer file replaced it)").format(
                    student=old.student_name, title=assignment.title)
                entry = take_out(s, SUBMISSIONS, [old.stored_id], label)
            stored = insert_submission(s, assignment.stored_id, to_submission(incoming, assignment.stored_article_id),
                                       ref_keys)
            sentence = ""
            if old is not None:
                review = carry_review(old, stored.marks, key_ids, tokens)
                write_review(s, stored.stored_id, review.grade, review.comment, review.mark_comments,
                             review.member_id, review.note_ratings)
                sentence = review.describe(stored.student_name)
            # The class list: a hand-in whose name is exactly on it is that student's, linked as it arrives, in
            # this transaction (so undoing the import takes the link too). Any other name is asked about later.
            link_exact(s, assignment.stored_id, [stored.stored_id])
        return stored, entry, sentence

    # --- removing hand-ins -------------------------------------------------------------------------
    def removal_cost(self, submission_ids: Sequence[int]) -> Loss:
        return RemovedWorkService(self.lib.db).cost(SUBMISSIONS, submission_ids)

    def remove_hand_ins(self, assignment_id: int, submission_ids: Sequence[int]) -> Loss:
        """Takes hand-ins out into the bin, with their reviews; undo brings them back."""
        from desktop_app.application.bin_steps import Removing

        self.lib.check_free([assignment_id])
        ids = list(submission_ids)
        entry = self.lib.run(lambda: RemovedWorkService(self.lib.db).take_out(SUBMISSIONS, ids))
        changes = Changes(class_work=frozenset({assignment_id}), assignments=frozenset({assignment_id}),
                          removed_bin=True)
        n = len(ids)
        label = ngettext("Remove {count} hand-in", "Remove {count} hand-ins", n).format(count=n)
        self.lib.record(Removing(self.lib, label, SUBMISSIONS, ids, entry, changes, frozenset({assignment_id})),
                        changes)
        return entry.loss

    def submissions(self, assignment_id: int) -> list[Submission]:
        return SubmissionService(self.lib.db).list_for(assignment_id)

    def submission(self, submission_id: int) -> Submission | None:
        return SubmissionService(self.lib.db).get(submission_id)


class ImportHandIns(Step):
    """Undone: the imported hand-ins go to the bin (with any review given since) and the ones they replaced come
    back. Redone: the reverse. Each direction one transaction."""

    def __init__(self, lib: Library, assignment: Assignment, added_ids: list[int], replaced: list[Removal],
                 label: str) -> None:
        self.lib, self.assignment, self.added_ids, self.label = lib, assignment, added_ids, label
        self.replaced = replaced
        self.assignment_ids = frozenset({assignment.stored_id})
        self.undone: Removal | None = None

    def _changes(self) -> Changes:
        return Changes(class_work=self.assignment_ids, assignments=self.assignment_ids, removed_bin=True)

    def revert(self) -> Changes:
        with self.lib.db.transaction() as s:
            n = len(self.added_ids)
            # Translators: what File ▸ Recently removed lists for hand-ins whose import was undone.
            label = ngettext("{count} imported hand-in(s) for “{title}” (the import was undone)",
                             "{count} imported hand-in(s) for “{title}” (the import was undone)", n).format(
                count=n, title=self.assignment.title)
            self.undone = take_out(s, SUBMISSIONS, self.added_ids, label)
            for entry in self.replaced:
                bring_back(s, entry.id)
        return self._changes()

    def apply(self) -> Changes:
        with self.lib.db.transaction() as s:
            self.replaced = [take_out(s, SUBMISSIONS, entry.ids, entry.label) for entry in self.replaced]
            if self.undone is not None:
                bring_back(s, self.undone.id)
        return self._changes()

    def undo_takes(self) -> Loss | None:
        """Asked about only when the imported hand-ins hold review beyond what they took over from the hand-ins
        they replaced (which come back with it): a grade or comment given since the import."""
        loss = RemovedWorkService(self.lib.db).cost(SUBMISSIONS, self.added_ids)
        grades = sum(entry.loss.grades for entry in self.replaced)
        comments = sum(entry.loss.comments for entry in self.replaced)
        return loss if (loss.grades > grades or loss.comments > comments) else None
