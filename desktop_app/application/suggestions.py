"""Suggested key marks: asking for them, and the teacher's accept or reject of each one.

Suggestions are never stored as marks. Accepting one adds a key mark (with a source's kind, or an attributed
claim's "attributed to" already filled in) and records the decision, as one undoable step; rejecting one
records the decision only (its own undoable step, though the key does not change). The decisions give
the acceptance rate of each category. An attributed claim accepted before its source is linked to the
source's mark when the source is accepted, in the same step.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.application.changes import Changes, Focus
from desktop_app.application.history import Step
from desktop_app.core.marks import KEY_LAYER, Mark, new_mark
from desktop_app.core.matching import Tokens, passes_rule, word_overlap
from desktop_app.i18n import N_, _
from desktop_app.storage.suggestion_decisions import (
    ACCEPTED,
    EDITED,
    REJECTED,
    CategoryDecisions,
    Decision,
    SuggestionDecisionService,
)
from desktop_app.suggest import (
    ATTRIBUTED_CLAIM,
    FEWER,
    LOADED_LANGUAGE,
    SOURCE,
    SUGGESTED_CATEGORIES,
    Suggestion,
    Suggestions,
    span_of_key,
)
from desktop_app.suggest.source_kinds import STORED_KIND

if TYPE_CHECKING:
    from desktop_app.application.library import Library
    from desktop_app.suggest.suggester import Suggester

MODEL_NAME = "lede-suggest-1"  # recorded with each decision, so figures of later models stay apart
SOURCE_KIND_FIELD = "source_kind"
ATTRIBUTED_TO_FIELD = "attributed_to"
# The undo step of accepting a suggestion, per category suggested (translated when the step is made).
ACCEPT_LABELS = {SOURCE: N_("Accept suggested source"), ATTRIBUTED_CLAIM: N_("Accept suggested attributed claim"),
                 LOADED_LANGUAGE: N_("Accept suggested loaded language")}


@dataclass(frozen=True)
class Accepted:
    mark: Mark
    decision: Decision
    linked: tuple[Mark, ...] = ()  # attributed claims that now name this source


class SuggestionOps:
    def __init__(self, library: Library) -> None:
        self.lib = library
        self.service = SuggestionDecisionService(library.db)
        self._suggester: Suggester | None = None
        # Claims accepted before their source: (article id, source suggestion key) -> claim mark ids.
        self._waiting: dict[tuple[int, str], list[int]] = {}
        # Source suggestions accepted: (article id, suggestion key) -> mark id.
        self._source_marks: dict[tuple[int, str], int] = {}

    @property
    def suggester(self) -> Suggester:
        if self._suggester is None:
            from desktop_app.suggest.suggester import Suggester

            self._suggester = Suggester()
        return self._suggester

    # --- asking ------------------------------------------------------------------------------------
    def suggest(self, article_id: int, categories: Collection[str] = SUGGESTED_CATEGORIES,
                loaded_setting: str = FEWER) -> Suggestions:
        """The suggestions for an article's key, less those the key already has (a key mark of the category
        matching it under Lede's rule) and those decided on before."""
        article = self.lib.articles.get(article_id)
        if article is None:
            raise LookupError(_("That article is no longer in the library."))
        found = self.suggester.suggest(article.text, categories, loaded_setting)
        if not found.items:
            return found
        key = self.lib.marks.service.list_for(article_id, KEY_LAYER)
        decided = {(d.category, d.start, d.end) for d in self.service.for_article(article_id)}
        tokens = Tokens(article.text)
        kept = tuple(s for s in found.items
                     if (s.category, s.start, s.end) not in decided and not _in_key(tokens, s, key))
        return Suggestions(kept, found.notice)

    # --- deciding ----------------------------------------------------------------------------------
    def accept(self, article_id: int, suggestion: Suggestion, edited: bool = False) -> Accepted:
        """Adds the suggestion to the key as a mark and records the decision: one step."""
        article = self.lib.articles.get(article_id)
        if article is None:
            raise LookupError(_("That article is no longer in the library."))
        if article.text[suggestion.start:suggestion.end] != suggestion.quote:
            raise ValueError(_("The article's text changed since this suggestion was made. Ask for suggestions "
                               "again."))
        extra: dict[str, str] = {}
        if suggestion.category == SOURCE and suggestion.kind in STORED_KIND:
            extra[SOURCE_KIND_FIELD] = STORED_KIND[suggestion.kind]
        source_mark_id = None
        if suggestion.category == ATTRIBUTED_CLAIM and suggestion.attributed_to:
            source_mark_id = self._live_source(article_id, suggestion.attributed_to, article.text)
            if source_mark_id is not None:
                extra[ATTRIBUTED_TO_FIELD] = str(source_mark_id)
        draft = new_mark(article_id, article.text, suggestion.start, suggestion.end, suggestion.category,
                         extra=extra, layer=KEY_LAYER)
        decision = Decision(None, article_id, suggestion.category, EDITED if edited else ACCEPTED, suggestion.start,
                            suggestion.end, suggestion.quote, suggestion.reason, suggestion.confidence, MODEL_NAME)
        linked: list[Mark] = []
        if suggestion.category == SOURCE:
            linked = self._claims_waiting_for(article_id, suggestion.key)
        stored_mark, stored_decision, relinked = self.lib.run(
            lambda: self.service.accept(draft, decision, linked, ATTRIBUTED_TO_FIELD))
        accepted = Accepted(stored_mark, stored_decision, tuple(relinked))
        self._remember(article_id, suggestion, accepted, source_mark_id)
        self.lib.record(AcceptSuggestion(self, accepted, tuple(linked)), _put(accepted))
        return accepted

    def reject(self, article_id: int, suggestion: Suggestion) -> Decision:
        """Records that the teacher turned the suggestion down, as a step of its own: the key does not change,
        but a Del pressed by mistake is undone like anything else (the suggestion is then undecided again)."""
        decision = Decision(None, article_id, suggestion.category, REJECTED, suggestion.start, suggestion.end,
                            suggestion.quote, suggestion.reason, suggestion.confidence, MODEL_NAME)
        stored = self.lib.run(lambda: self.service.record(decision))
        self.lib.record(RejectSuggestion(self, stored), _decided(stored))
        return stored

    def acceptance_rates(self) -> list[CategoryDecisions]:
        """Per category: how many suggestions were accepted, accepted and then edited, and rejected."""
        return self.service.by_category()

    # --- inside --------------------------------------------------------------------------------------
    def _live_source(self, article_id: int, source_key: str, text: str) -> int | None:
        """The key mark of a claim's source: the one its suggestion became, else a Source key mark on the same
        passage under Lede's matching rule (marked by hand, or accepted in an earlier session)."""
        mark_id = self._source_marks.get((article_id, source_key))
        if mark_id is not None and self.lib.marks.service.get(mark_id) is not None:
            return mark_id
        span = span_of_key(source_key)
        if span is None:
            return None
        tokens = Tokens(text)
        sources = [m for m in self.lib.marks.service.list_for(article_id, KEY_LAYER) if m.category == SOURCE]
        return next((m.id for m in sources if _same_passage(tokens, span, (m.start, m.end))), None)

    def _claims_waiting_for(self, article_id: int, source_key: str) -> list[Mark]:
        claims = []
        for mark_id in self._waiting.get((article_id, source_key), []):
            mark = self.lib.marks.service.get(mark_id)
            if mark is not None and not mark.extra.get(ATTRIBUTED_TO_FIELD):
                claims.append(mark)
        return claims

    def _remember(self, article_id: int, suggestion: Suggestion, accepted: Accepted,
                  source_mark_id: int | None) -> None:
        if suggestion.category == SOURCE:
            self._source_marks[article_id, suggestion.key] = accepted.mark.stored_id
            self._waiting.pop((article_id, suggestion.key), None)
        elif suggestion.category == ATTRIBUTED_CLAIM and suggestion.attributed_to and source_mark_id is None:
            self._waiting.setdefault((article_id, suggestion.attributed_to), []).append(accepted.mark.stored_id)

    def _redo(self, accepted: Accepted, before_link: tuple[Mark, ...]) -> Changes:
        mark, _decision, linked = self.service.accept(accepted.mark, accepted.decision, before_link,
                                                      ATTRIBUTED_TO_FIELD)
        return _put(Accepted(mark, accepted.decision, tuple(linked)))

    def _undo(self, accepted: Accepted, before_link: tuple[Mark, ...]) -> Changes:
        removed, restored = self.service.take_back(accepted.mark.id, accepted.decision.id or 0, before_link)
        gone = (removed,) if removed is not None else ()
        return Changes(marks_put=tuple(restored), marks_removed=gone,
                       focus=Focus(accepted.mark.article_id, KEY_LAYER, None))


def _put(accepted: Accepted) -> Changes:
    return Changes(marks_put=(accepted.mark, *accepted.linked),
                   focus=Focus(accepted.mark.article_id, KEY_LAYER, accepted.mark.id))


def _decided(decision: Decision) -> Changes:
    """A decision changes no mark; the focus tells the windows which article's suggestions changed."""
    return Changes(focus=Focus(decision.article_id, KEY_LAYER, None))


def _same_passage(tokens: Tokens, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two passages match under Lede's rule (core.matching): the words they share."""
    if a[1] <= b[0] or b[1] <= a[0]:
        return False
    words, other = tokens.indices(*a), tokens.indices(*b)
    shared, _share = word_overlap(words, other)
    return passes_rule(shared, len(words), len(other))


def _in_key(tokens: Tokens, suggestion: Suggestion, key: list[Mark]) -> bool:
    return any(m.category == suggestion.category and _same_passage(tokens, (suggestion.start, suggestion.end),
                                                                     (m.start, m.end)) for m in key)


class AcceptSuggestion(Step):
    def __init__(self, ops: SuggestionOps, accepted: Accepted, before_link: tuple[Mark, ...]) -> None:
        self.ops, self.accepted, self.before_link = ops, accepted, before_link
        category = accepted.mark.category
        self.label = (_(ACCEPT_LABELS[category]) if category in ACCEPT_LABELS else
                      _("Accept suggested {category}").format(category=category.replace("_", " ")))

    def apply(self) -> Changes:
        return self.ops._redo(self.accepted, self.before_link)

    def revert(self) -> Changes:
        return self.ops._undo(self.accepted, self.before_link)


class RejectSuggestion(Step):
    def __init__(self, ops: SuggestionOps, decision: Decision) -> None:
        self.ops, self.decision = ops, decision
        self.label = _("Reject suggestion")

    def apply(self) -> Changes:
        self.ops.service.record(self.decision)
        return _decided(self.decision)

    def revert(self) -> Changes:
        self.ops.service.forget(self.decision.id or 0)
        return _decided(self.decision)
