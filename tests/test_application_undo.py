"""The application layer without Qt, on SQLite and PostgreSQL: every destructive step undone leaves the whole
library as it was (every table dumped before and after), and the one history keeps its promises — typing merges
into one step, text waiting to be saved is saved first, a failed step is dropped and reported, a busy one stays."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop_app.application.errors import AssignmentHeld, LibraryBusy, StepFailed
from desktop_app.application.library import Library
from desktop_app.core.articles import ArticleDetails
from desktop_app.core.assignments import ON_KEY_MARK, ON_STUDENT_MARK, Assignment
from desktop_app.core.marks import KEY_LAYER, OWN_LAYER, new_mark
from desktop_app.exchange.pack import text_sha256
from desktop_app.exchange.submission import write_submission
from desktop_app.resources import default_categories
from desktop_app.storage.database import open_database
from lab import dump

ARTICLE = ("Councillor Ann Lee said the library is a drain on money. Critics slammed the plan. "
           "Parents who use the library said it is a lifeline.")


@pytest.fixture()
def library(database_url):
    lib = Library(open_database(database_url), default_categories())
    yield lib
    lib.close()


def _on(text: str, quote: str, category: str = "source", **kw):
    start = text.index(quote)
    return new_mark(0, text, start, start + len(quote), category, **kw)


@pytest.fixture()
def graded_class(library, tmp_path):
    """An article with own and key marks, an assignment, two hand-ins taken in, one reviewed."""
    article = library.articles.add(ARTICLE, ArticleDetails(title="Library vote"))
    library.marks.add(article, OWN_LAYER, 0, 18, "source", "Source")
    key = library.marks.service.replace_layer(article.id, KEY_LAYER, [_on(ARTICLE, "Critics", layer=KEY_LAYER)])
    assignment = library.assignments.create(Assignment(uid="", title="Voices", article_id=article.id,
                                                       categories=tuple(default_categories())))
    files = []
    for name, quote in (("Ann", "Councillor Ann Lee"), ("Bo", "Parents")):
        path, _ = write_submission(tmp_path, assignment, text_sha256(ARTICLE), name, [_on(ARTICLE, quote)],
                                   datetime.now(UTC) - timedelta(hours=1))
        files.append(path)
    added = library.classroom.take_in(assignment.id, library.classroom.examine(assignment.id, files)).added
    ann = next(s for s in added if s.student_name == "Ann")
    library.review.set_grade(ann.id, "A")
    library.review.set_comment(ann.id, "Well found.")
    library.review.set_mark_comment(ann.id, (ON_STUDENT_MARK, ann.marks[0].id), "Named and placed.")
    library.review.set_mark_comment(ann.id, (ON_KEY_MARK, key[0].id), "You missed the critics.")
    library.review.set_reviewed(ann.id, True)
    return article, assignment, ann


@pytest.mark.parametrize("remove", ["article", "assignment", "hand-ins"])
def test_undoing_a_removal_leaves_every_table_as_it_was(library, graded_class, remove):
    article, assignment, _ann = graded_class
    before = dump(library.db)
    if remove == "article":
        library.articles.remove(article.id)
    elif remove == "assignment":
        library.assignments.remove(assignment.id)
    else:
        library.classroom.remove_hand_ins(assignment.id, [s.id for s in library.classroom.submissions(assignment.id)])
    assert dump(library.db) != before
    library.undo()
    assert dump(library.db) == before
    library.redo()
    library.undo()
    assert dump(library.db) == before


def test_undoing_make_assignment_asks_about_work_from_elsewhere_and_redo_brings_it_back_exactly(library, tmp_path):
    article = library.articles.add(ARTICLE, ArticleDetails(title="Library vote"))
    assignment = library.assignments.create(Assignment(uid="", title="Voices", article_id=article.id,
                                                       categories=tuple(default_categories())))
    # Hand-ins taken in and graded through another window on the same library (not in this history).
    other = Library(library.db, default_categories())
    path, _ = write_submission(tmp_path, assignment, text_sha256(ARTICLE), "Ann", [_on(ARTICLE, "Critics")],
                               datetime.now(UTC))
    (ann,) = other.classroom.take_in(assignment.id, other.classroom.examine(assignment.id, [path])).added
    other.review.set_grade(ann.id, "B")
    with_class = dump(library.db)
    assert library.history.undo_label == "Make assignment “Voices”"
    assert library.history.next_undo().undo_takes().as_dict() == {"hand_ins": 1, "grades": 1}
    library.undo()
    assert library.assignments.get(assignment.id) is None
    assert [e.label for e in library.removed.entries()] == ["Assignment “Voices”"]
    library.redo()
    assert dump(library.db) == with_class and library.removed.entries() == []


def test_bringing_back_from_the_bin_is_a_step_and_undo_cannot_bring_the_same_thing_back_twice(library,
                                                                                              graded_class):
    article, _assignment, _ann = graded_class
    before = dump(library.db)
    library.articles.remove(article.id)
    (entry,) = library.removed.entries()
    library.removed.bring_back(entry.id)
    assert dump(library.db) == before and library.removed.entries() == []
    assert library.history.undo_label.startswith("Bring back “Library vote”")
    library.undo()  # into the bin again, as a new entry
    assert library.articles.get(article.id) is None and len(library.removed.entries()) == 1
    # Undoing the removal itself now finds its own entry gone (the bin brought it back once already): that step
    # is dropped and reported, and the article stays where it is, in the bin.
    with pytest.raises(StepFailed, match="no longer in Recently removed"):
        library.undo()
    assert library.articles.get(article.id) is None and len(library.removed.entries()) == 1
    library.removed.bring_back(library.removed.entries()[0].id)
    assert dump(library.db) == before


def test_typing_into_one_note_is_one_step_and_a_failed_undo_is_dropped_and_reported(library):
    article = library.articles.add(ARTICLE, ArticleDetails(title="Library vote"))
    mark = library.marks.add(article, OWN_LAYER, 0, 18, "source", "Source")
    for text in ("W", "Wh", "Who is she?"):
        library.marks.set_note(mark.id, text)
    assert library.history.undo_label == "Edit note" and len(library.history) == 3  # import, mark, one note step
    library.undo()
    assert library.marks.get(mark.id).note == ""
    library.redo()
    assert library.marks.get(mark.id).note == "Who is she?"
    library.marks.service.delete(mark.id)  # gone behind the history's back (another window)
    with pytest.raises(StepFailed, match="Could not undo “Edit note”"):
        library.undo()
    assert library.history.undo_label == "Mark as Source"  # the broken step is gone, the rest is intact


def test_text_waiting_to_be_saved_is_saved_before_an_undo(library):
    article = library.articles.add(ARTICLE, ArticleDetails())
    mark = library.marks.add(article, OWN_LAYER, 0, 18, "source", "Source")
    waiting = {"note": "typed, not yet saved"}

    def flush() -> None:
        if waiting:
            library.marks.set_note(mark.id, waiting.pop("note"))

    library.history.add_flusher(flush)
    library.undo()  # saves the note as its own step first, then undoes that step
    assert library.marks.get(mark.id).note == "" and library.history.undo_label == "Mark as Source"
    library.redo()
    assert library.marks.get(mark.id).note == "typed, not yet saved"


def test_a_busy_database_keeps_the_step_for_another_try(library, monkeypatch):
    article = library.articles.add(ARTICLE, ArticleDetails())
    mark = library.marks.add(article, OWN_LAYER, 0, 18, "source", "Source")
    real = library.marks.service.delete

    def busy(_mark_id):
        raise LibraryBusy("busy")

    monkeypatch.setattr(library.marks.service, "delete", busy)
    with pytest.raises(LibraryBusy):
        library.undo()
    assert library.history.undo_label == "Mark as Source"  # still there
    monkeypatch.setattr(library.marks.service, "delete", real)
    library.undo()
    assert library.marks.get(mark.id) is None


def test_a_held_assignment_refuses_changes_and_their_undo(library, graded_class):
    _article, assignment, ann = graded_class
    release = library.hold(assignment.id, "Feedback PDFs for “Voices” are being written.")
    with pytest.raises(AssignmentHeld, match="being written"):
        library.review.set_grade(ann.id, "C")
    with pytest.raises(AssignmentHeld):
        library.undo()  # the newest step is a review of that assignment
    with pytest.raises(AssignmentHeld):
        library.assignments.remove(assignment.id)
    release()
    library.review.set_grade(ann.id, "C")
    assert library.classroom.submission(ann.id).grade == "C"


def test_undo_leaves_alone_what_another_window_changed_since(library, graded_class):
    _article, _assignment, ann = graded_class
    other = Library(library.db, default_categories())  # a second window on the same library
    article = library.articles.add(ARTICLE, ArticleDetails())
    mark = library.marks.add(article, OWN_LAYER, 0, 18, "source", "Source")
    library.marks.set_note(mark.id, "mine")
    other.marks.set_note(mark.id, "the other window's")
    with pytest.raises(StepFailed, match="changed in another window since"):
        library.undo()
    assert library.marks.get(mark.id).note == "the other window's"
    library.review.set_grade(ann.id, "B")
    other.review.set_grade(ann.id, "B-")
    with pytest.raises(StepFailed, match="changed in another window since"):
        library.undo()
    assert library.classroom.submission(ann.id).grade == "B-"
