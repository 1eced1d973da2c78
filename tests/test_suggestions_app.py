"""Suggested key marks through the application layer (SQLite and PostgreSQL) and the command line: an accept is a
key mark and a decision in one undoable step, a reject a decision only, decided suggestions do not come back,
and `lede suggest` prints quotes equal to the imported text at their offsets."""

from __future__ import annotations

import json

import pytest

from desktop_app.application.library import Library
from desktop_app.cli import main
from desktop_app.core.articles import ArticleDetails
from desktop_app.core.marks import KEY_LAYER, OWN_LAYER
from desktop_app.importers import import_file
from desktop_app.resources import default_categories
from desktop_app.storage.database import open_database
from desktop_app.suggest import ATTRIBUTED_CLAIM, LOADED_LANGUAGE, SOURCE
from lab import dump

ARTICLE = ("Officials said the cost of the harbour bridge repairs had doubled to $4 million. “We are confident the "
           "repairs will hold this time,” she told reporters at the town hall.\n\nLocal shopkeepers called the "
           "closure a disgraceful betrayal by a corrupt council.")


@pytest.fixture()
def library(database_url):
    lib = Library(open_database(database_url), default_categories())
    yield lib
    lib.close()


@pytest.fixture()
def article(library):
    return library.articles.add(ARTICLE, ArticleDetails(title="Bridge"))


def _one(items, category, quote):
    return next(s for s in items if s.category == category and s.quote == quote)


def test_accepting_adds_a_key_mark_with_its_kind_and_undo_takes_mark_and_decision_back(library, article):
    items = library.suggestions.suggest(article.id).items
    officials = _one(items, SOURCE, "Officials")
    before = dump(library.db)

    accepted = library.suggestions.accept(article.id, officials)
    key = library.marks.service.list_for(article.id, KEY_LAYER)
    assert [(m.quote, m.extra) for m in key] == [("Officials", {"source_kind": "anonymous"})]
    assert library.marks.service.list_for(article.id, OWN_LAYER) == [], "suggestions go to the key only"
    assert accepted.decision.mark_id == key[0].id and accepted.decision.decision == "accepted"
    assert library.history.undo_label == "Accept suggested source"

    library.undo()
    assert dump(library.db) == before, "the mark and the decision are gone, and nothing else changed"
    library.redo()
    again = library.marks.service.list_for(article.id, KEY_LAYER)
    assert [(m.id, m.quote) for m in again] == [(key[0].id, "Officials")], "redo brings back the same mark"
    rates = {r.category: r for r in library.suggestions.acceptance_rates()}
    assert (rates[SOURCE].accepted, rates[SOURCE].rejected, rates[SOURCE].acceptance) == (1, 0, 1.0)


def test_a_claim_accepted_before_its_source_is_linked_when_the_source_is_accepted(library, article):
    items = library.suggestions.suggest(article.id).items
    officials = _one(items, SOURCE, "Officials")
    claim = _one(items, ATTRIBUTED_CLAIM, "the cost of the harbour bridge repairs had doubled to $4 million")
    assert claim.attributed_to == officials.key

    first = library.suggestions.accept(article.id, claim)
    assert "attributed_to" not in first.mark.extra, "its source is not in the key yet"
    source = library.suggestions.accept(article.id, officials)
    linked = library.marks.service.get(first.mark.stored_id)
    assert linked.extra == {"attributed_to": str(source.mark.id)}

    library.undo()  # the source, and with it the link
    assert library.marks.service.get(first.mark.stored_id).extra == {}
    library.redo()
    assert library.marks.service.get(first.mark.stored_id).extra == {"attributed_to": str(source.mark.id)}

    # A claim accepted after its source names it at once.
    she = _one(items, SOURCE, "she")
    quote = next(s for s in items if s.category == ATTRIBUTED_CLAIM and s.attributed_to == she.key)
    she_mark = library.suggestions.accept(article.id, she).mark
    assert library.suggestions.accept(article.id, quote).mark.extra == {"attributed_to": str(she_mark.id)}


def test_a_claim_names_a_source_marked_by_hand_on_its_passage(library, article):
    library.marks.add(article, KEY_LAYER, 0, len("Officials"), SOURCE, "Source")  # before asking
    by_hand = library.marks.service.list_for(article.id, KEY_LAYER)[0]
    claim = _one(library.suggestions.suggest(article.id, (ATTRIBUTED_CLAIM,)).items, ATTRIBUTED_CLAIM,
                 "the cost of the harbour bridge repairs had doubled to $4 million")
    assert claim.attributed_to == "", "asked for claims only: no source suggestion to name"
    full = _one(library.suggestions.suggest(article.id).items, ATTRIBUTED_CLAIM, claim.quote)
    assert library.suggestions.accept(article.id, full).mark.extra == {"attributed_to": str(by_hand.id)}


def test_rejected_and_accepted_suggestions_are_not_suggested_again(library, article):
    items = library.suggestions.suggest(article.id).items
    officials = _one(items, SOURCE, "Officials")
    loaded = next(s for s in items if s.category == LOADED_LANGUAGE)
    before = len(library.history)

    library.suggestions.reject(article.id, loaded)
    assert library.marks.service.list_for(article.id, KEY_LAYER) == [], "a rejection changes no mark"
    assert len(library.history) == before + 1 and library.history.undo_label == "Reject suggestion"
    library.undo()  # a Del by mistake: the suggestion is undecided again
    assert loaded.key in {s.key for s in library.suggestions.suggest(article.id).items}
    assert library.suggestions.acceptance_rates() == []
    library.redo()
    library.suggestions.accept(article.id, officials, edited=True)

    left = library.suggestions.suggest(article.id).items
    assert loaded.key not in {s.key for s in left} and officials.key not in {s.key for s in left}
    rates = {r.category: (r.accepted, r.edited, r.rejected) for r in library.suggestions.acceptance_rates()}
    assert rates == {SOURCE: (0, 1, 0), LOADED_LANGUAGE: (0, 0, 1)}


def test_a_passage_the_key_already_has_is_not_suggested(library, article):
    start = ARTICLE.index("Officials")
    library.marks.add(article, KEY_LAYER, start, start + len("Officials"), SOURCE, "Source")
    assert "Officials" not in {s.quote for s in library.suggestions.suggest(article.id, (SOURCE,)).items}


def test_a_suggestion_for_another_text_is_refused(library, article):
    officials = _one(library.suggestions.suggest(article.id).items, SOURCE, "Officials")
    other = library.articles.add("Critics said nothing at all about the plan, the council said.", ArticleDetails())
    with pytest.raises(ValueError, match="Ask for suggestions again"):
        library.suggestions.accept(other.id, officials)
    assert library.marks.service.list_for(other.id, KEY_LAYER) == []


def test_lede_suggest_prints_json_lines_whose_quotes_are_the_imported_text(tmp_path, capsys):
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE.replace("\n", "\r\n") + "\r\n", encoding="utf-8")  # normalised on import
    french = tmp_path / "pont.txt"
    french.write_text("Le maire a déclaré lundi que le pont resterait fermé jusqu'en mai, selon la ville.",
                      encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    status = main(["suggest", str(path), str(french), str(empty), "--categories", "source,attributed_claim"])
    out = capsys.readouterr()
    assert status == 1, "one file could not be read"
    text = import_file(path).text
    rows = [json.loads(line) for line in out.out.splitlines()]
    assert rows and {r["file"] for r in rows} == {str(path)}
    for r in rows:
        assert set(r) == {"file", "category", "start", "end", "quote", "reason", "attributed_to"}
        assert r["category"] in (SOURCE, ATTRIBUTED_CLAIM)
        assert text[r["start"]:r["end"]] == r["quote"]
    claim = next(r for r in rows if r["quote"].startswith("the cost of the harbour"))
    assert claim["attributed_to"] == {"start": 0, "end": 9, "quote": "Officials"}
    assert "pont.txt: Suggestions are made for English articles only" in out.err
    assert "empty.txt" in out.err


def test_lede_suggest_refuses_an_unknown_category(tmp_path, capsys):
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["suggest", str(path), "--categories", "source,opposing_view"]) == 2
    assert "opposing_view" in capsys.readouterr().err
