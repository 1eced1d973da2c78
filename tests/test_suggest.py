"""The shipped suggestion models, on text written for these tests (never on the training news, which a clone
does not have): what they find, the reasons and links they give, and what they refuse to guess about."""

from __future__ import annotations

import pytest

from desktop_app.suggest import ATTRIBUTED_CLAIM, FEWER, LOADED_LANGUAGE, MORE, SOURCE
from desktop_app.suggest.language import looks_english
from desktop_app.suggest.source_kinds import (
    DOCUMENT,
    NAMED_ORGANISATION,
    NAMED_PERSON,
    PRONOUN,
    VAGUE,
    source_kind,
)
from desktop_app.suggest.suggester import NOT_ENGLISH, Suggester, models_dir
from desktop_app.suggest.tokens import quote_depths, tokenize

BRIDGE = """Harbour bridge to stay shut until May

The harbour bridge will stay closed until May, the city's transport chief, Jane Porter, said on Monday. “We are \
confident the repairs will hold this time,” she told reporters at the town hall.

Officials said the cost of the work had doubled to $4 million.

Local shopkeepers called the closure a disgraceful betrayal by a corrupt and incompetent council that has ruined \
their livelihoods.
"""


@pytest.fixture(scope="module")
def suggester() -> Suggester:
    return Suggester()


def test_sources_and_claims_come_with_kinds_cues_and_links(suggester):
    found = suggester.suggest(BRIDGE, (SOURCE, ATTRIBUTED_CLAIM))
    assert found.notice == ""
    for s in found.items:
        assert BRIDGE[s.start:s.end] == s.quote, "offsets are code points into the text as given"
        assert 0.0 <= s.confidence <= 1.0
    sources = {s.quote: s for s in found.items if s.category == SOURCE}
    assert sources["she"].kind == PRONOUN and sources["she"].reason == "cue: told; pronoun"
    assert sources["Officials"].kind == VAGUE and sources["Officials"].reason.startswith("cue: said")
    claims = {s.quote: s for s in found.items if s.category == ATTRIBUTED_CLAIM}
    assert claims["the cost of the work had doubled to $4 million"].attributed_to == sources["Officials"].key
    quote = "“We are confident the repairs will hold this time,”"
    assert claims[quote].attributed_to == sources["she"].key
    assert "cue: told" in claims[quote].reason and "source: she" in claims[quote].reason
    assert [s.start for s in found.items] == sorted(s.start for s in found.items), "in reading order"


def test_claims_alone_are_not_linked_to_sources_that_are_not_shown(suggester):
    found = suggester.suggest(BRIDGE, (ATTRIBUTED_CLAIM,))
    assert found.items and all(s.category == ATTRIBUTED_CLAIM for s in found.items)
    assert all(s.attributed_to == "" for s in found.items)


def test_loaded_language_gives_the_learned_figure_and_more_means_at_least_as_many(suggester):
    fewer = suggester.suggest(BRIDGE, (LOADED_LANGUAGE,), loaded_setting=FEWER).items
    more = suggester.suggest(BRIDGE, (LOADED_LANGUAGE,), loaded_setting=MORE).items
    assert any("disgraceful" in s.quote for s in fewer)
    disgraceful = next(s for s in fewer if "disgraceful" in s.quote)
    assert disgraceful.reason.startswith("disgraceful: loaded in ")
    assert disgraceful.reason.endswith(" uses in the training news")
    assert len(more) >= len(fewer)
    assert not any("harbour" in s.quote.lower() for s in more), "plain wording is not suggested"


def test_another_language_gets_a_plain_sentence_and_nothing_else(suggester):
    french = ("Le maire a déclaré lundi que le pont resterait fermé jusqu'en mai, selon les responsables de la "
              "ville. Les commerçants ont dénoncé une décision scandaleuse.")
    found = suggester.suggest(french)
    assert found.items == () and found.notice == NOT_ENGLISH
    assert looks_english(BRIDGE) and not looks_english(french) and not looks_english("Hi")


def test_unknown_categories_are_refused(suggester):
    with pytest.raises(ValueError, match="opposing_view"):
        suggester.suggest(BRIDGE, ("opposing_view",))


def test_a_missing_model_file_says_which_and_what_to_do(tmp_path):
    from desktop_app.suggest.suggester import ModelMissing

    with pytest.raises(ModelMissing, match="Reinstall Lede"):
        Suggester(tmp_path).suggest(BRIDGE)


def test_the_shipped_models_are_small_and_hold_no_article_text():
    files = [p for p in models_dir().iterdir() if p.is_file()]
    assert {p.name for p in files} >= {"attribution.crfsuite", "attribution.json", "loaded.crfsuite", "loaded.json"}
    assert sum(p.stat().st_size for p in files) <= 50_000_000
    # Learned parameters only: the lexicon maps single words to figures, never sentences.
    import json

    lexicon = json.loads((models_dir() / "loaded.json").read_text(encoding="utf-8"))
    assert all(" " not in word for word in lexicon["rates"])


@pytest.mark.parametrize(("quote", "kind"), [
    ("Spokeswoman Haley Morris", NAMED_PERSON),
    ("the city's transport chief, Jane Porter,", NAMED_PERSON),
    ("Trump", NAMED_PERSON),
    ("The White House", NAMED_ORGANISATION),
    ("the FBI", NAMED_ORGANISATION),
    ("he", PRONOUN),
    ("Officials", VAGUE),
    ("some involved in the talks", VAGUE),
    ("One of these people", VAGUE),
    ("a new poll", DOCUMENT),
])
def test_source_kinds_follow_how_the_source_is_written(quote, kind):
    assert source_kind(quote) == kind


def test_quote_depths_tell_quotes_from_apostrophes():
    text = "He said “it didn’t work” and ‘never will’ today"
    tokens = tokenize(text)
    inside = {t.text for t, d in zip(tokens, quote_depths(tokens), strict=True) if d}
    assert inside == {"“", "it", "didn", "’", "t", "work", "”", "‘", "never", "will"}
