"""One assignment's work, read once for review: the article, the key, every submission, each compared with the
key, the class list (if it has one) and the class view. The window, the exports and the benchmark all build
from this.

Scoring is cheap (a class of 30 × 100 marks in tens of milliseconds), so a review edit re-reads the one
submission that changed and the comparison stays as it was: comments and grades never change a score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property

from desktop_app.core.articles import Article
from desktop_app.classroom.roster import RosterRow, missing, not_on_list, roster_rows
from desktop_app.core.assignments import Assignment, Submission
from desktop_app.core.categories import CategorySet
from desktop_app.core.class_list import ClassList, Member
from desktop_app.core.class_view import ClassView, build_class_view
from desktop_app.core.marks import KEY_LAYER, Mark
from desktop_app.core.category_counts import CategoryCount
from desktop_app.core.matching import Comparison, Tokens, compare
from desktop_app.core.reasoning import Points, points_with_reasoning
from desktop_app.exporters.gradebook import GradebookRow
from desktop_app.i18n import _
from desktop_app.storage.articles import ArticleService
from desktop_app.storage.assignments import AssignmentService
from desktop_app.storage.class_lists import ClassListService
from desktop_app.storage.database import Database
from desktop_app.storage.marks import MarkService
from desktop_app.storage.submissions import SubmissionService


@dataclass
class AssignmentWork:
    assignment: Assignment
    article: Article
    key: list[Mark]
    submissions: list[Submission]
    tokens: Tokens
    comparisons: dict[int, Comparison] = field(default_factory=dict)
    class_list: ClassList = field(default_factory=lambda: ClassList(()))  # empty: the assignment has none

    @classmethod
    def load(cls, db: Database, assignment_id: int) -> AssignmentWork:
        assignment = AssignmentService(db).get(assignment_id)
        if assignment is None:
            raise LookupError(_("Assignment {number} is no longer in the library.").format(number=assignment_id))
        article = ArticleService(db).get(assignment.article_id)
        if article is None:
            raise LookupError(_("The article of “{title}” is no longer in the library.").format(
                title=assignment.title))
        key = MarkService(db).list_for(article.id, KEY_LAYER)
        work = cls(assignment, article, key, SubmissionService(db).list_for(assignment.id), Tokens(article.text))
        work.comparisons = {s.id: work._compare(s) for s in work.submissions}
        work.class_list = ClassListService(db).members(assignment.id)
        return work

    @property
    def categories(self) -> CategorySet:
        return self.assignment.category_set

    def _compare(self, sub: Submission) -> Comparison:
        return compare(self.tokens, sub.marks, self.key, self.categories.keys, self.assignment.total_points)

    def submission(self, submission_id: int) -> Submission | None:
        return next((s for s in self.submissions if s.id == submission_id), None)

    def replace_submission(self, updated: Submission) -> None:
        """After a review edit: the stored submission, same marks, new grade or comments."""
        self.submissions = [updated if s.id == updated.id else s for s in self.submissions]

    def late(self, sub: Submission) -> bool:
        return self.assignment.is_late(sub.handed_in_at)

    def points(self, sub: Submission) -> Points:
        """The hand-in's points: finding key passages and, as much as the assignment says, the reasoning in its
        notes as the teacher rated them (core.reasoning). The one number the roster, the gradebook and the
        feedback sheet show."""
        return points_with_reasoning(self.comparisons[sub.stored_id], sub.marks, sub.note_ratings,
                                     self.assignment.reasoning_weight)

    @cached_property
    def view(self) -> ClassView:
        works = [(s.student_name, s.marks, self.comparisons[s.id]) for s in self.submissions]
        return build_class_view(self.tokens, self.key, works, self.categories.keys)

    # --- the class list --------------------------------------------------------------------------
    def roster(self) -> list[RosterRow]:
        """The class list's students in its order, each with their hand-in or None, then the hand-ins of students
        not on it; without a list, the hand-ins by name (classroom.roster)."""
        return roster_rows(self.class_list, self.submissions)

    def missing(self) -> list[Member]:
        """The students on the list who have not handed in, in its order."""
        return missing(self.class_list, self.submissions)

    def not_on_list(self) -> list[Submission]:
        """The hand-ins that belong to nobody on the list (none are counted so when there is no list)."""
        return not_on_list(self.class_list, self.submissions) if len(self.class_list) else []

    # --- exports ---------------------------------------------------------------------------------
    def gradebook_rows(self) -> list[GradebookRow]:
        """One row per student in the roster's order, with the class list's spelling and its id and email; a
        student on the list who did not hand in gets a row too (no points, not handed in), so a learning
        platform's import sees the whole class."""
        rows = []
        for entry in self.roster():
            member, s = entry.member, entry.submission
            lms_id, email = (member.lms_id, member.email) if member is not None else ("", "")
            if s is None:
                rows.append(GradebookRow(student=entry.name, points=None, total=self.assignment.total_points,
                                         grade="", handed_in_at=None, late=False, reviewed=False, comment="",
                                         lms_id=lms_id, email=email, handed_in=False))
                continue
            c = self.comparisons[s.id]
            rows.append(GradebookRow(
                student=entry.name, points=self.points(s).points if c.has_key else None, total=c.total,
                grade=s.grade,
                handed_in_at=s.handed_in_at, late=self.late(s), reviewed=s.reviewed, comment=s.comment,
                per_category={k: CategoryCount.of(v).columns() for k, v in c.per_category.items()}, lms_id=lms_id,
                email=email))
        return rows

    def category_names(self) -> list[tuple[str, str]]:
        return [(c.key, c.name) for c in self.categories]

    def feedback_job(self, submission_id: int, paper: str = "a4", made_on: date | None = None,
                     now: datetime | None = None, large_print: bool = False):
        """One student's feedback sheet. It shows the key passages they missed only once the teacher releases the
        key (Assignment.release_key), as the feedback file does; the points are those of ``points``."""
        from desktop_app.exporters.pdf.feedback import FeedbackJob

        sub = self.submission(submission_id)
        extra = {"made_on": made_on} if made_on else {}
        points = self.points(sub)
        # Reasoning that counts but of which no note is rated yet is shown as "—", not as 0.
        reasoning = points.reasoning if points.weight > 0 and points.rated else None
        return FeedbackJob(self.assignment, self.article, self.categories, sub, self.comparisons[sub.id], self.key,
                           late=self.late(sub), paper=paper,
                           show_missed_key=self.assignment.key_released(now or datetime.now(UTC)),
                           note_ratings=dict(sub.note_ratings), reasoning_weight=self.assignment.reasoning_weight,
                           reasoning_points=reasoning, points=points.points, large_print=large_print, **extra)

    def class_summary_job(self, hide_names: bool = True, paper: str = "a4", made_on: date | None = None):
        from desktop_app.exporters.pdf.class_summary import ClassSummaryJob

        extra = {"made_on": made_on} if made_on else {}
        return ClassSummaryJob(self.assignment, self.article, self.categories, self.view, hide_names=hide_names,
                               paper=paper, **extra)


