"""Measuring the shipped suggester on the held-out articles (the part of each corpus it was not trained on),
with Lede's own matching rule. The benchmark and the training script both print these figures."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from desktop_app.core.matching import Tokens
from desktop_app.suggest import ATTRIBUTED_CLAIM, FEWER, LOADED_LANGUAGE, MORE, SOURCE
from desktop_app.suggest.source_kinds import PRONOUN, VAGUE, source_kind
from desktop_app.suggest.suggester import Suggester
from desktop_app.suggest.training.corpora import read_polnear, read_ptc, split
from desktop_app.suggest.training.scoring import Tally, matched_pairs, tally

# The measured baselines (a small parser and about 200 lines of speech-verb rules; a lexicon for loaded
# language), for printing beside our figures.
BASELINES = {
    "source": "P 0.72–0.77, R 0.49–0.56, F1 0.59–0.63",
    "attributed_claim": "P 0.71–0.76, R 0.46–0.51, F1 0.57–0.59",
    "vague_recall": "R 0.47",
    "loaded_language": "P 0.33, F1 0.27 (lexicon); F1 0.28–0.31 (CRF)",
}
TARGETS = {
    "source": "F1 ≥ 0.70 at P ≥ 0.80",
    "attributed_claim": "F1 ≥ 0.68 at P ≥ 0.80",
    "vague_recall": "R ≥ 0.6",
    "loaded_language": "F1 ≥ 0.40 at P ≥ 0.50",
}


@dataclass
class Evaluation:
    source: Tally = field(default_factory=Tally)
    claim: Tally = field(default_factory=Tally)
    vague: Tally = field(default_factory=Tally)  # recall over pronoun and vague gold sources only
    loaded: dict[str, Tally] = field(default_factory=dict)
    words: int = 0
    seconds: float = 0.0
    articles: int = 0

    @property
    def seconds_per_1000_words(self) -> float:
        return self.seconds / self.words * 1000 if self.words else 0.0


def _has_words(tokens: Tokens, span: tuple[int, int]) -> bool:
    return bool(tokens.indices(*span))


def evaluate_attributions(suggester: Suggester, into: Evaluation) -> None:
    _, held_out = split(read_polnear())
    for article in held_out:
        tokens = Tokens(article.text)
        started = time.perf_counter()
        found = suggester.suggest(article.text, (SOURCE, ATTRIBUTED_CLAIM)).items
        into.seconds += time.perf_counter() - started
        into.words += len(tokens)
        into.articles += 1
        sources = [(s.start, s.end) for s in found if s.category == SOURCE]
        claims = [(s.start, s.end) for s in found if s.category == ATTRIBUTED_CLAIM]
        gold_sources = [g for g in {(a.source[0][0], a.source[-1][1]) for a in article.attributions if a.source}
                        if _has_words(tokens, g)]
        gold_claims = [g for g in {(a.content[0][0], a.content[-1][1]) for a in article.attributions}
                       if _has_words(tokens, g)]
        tally(tokens, sources, gold_sources, into.source)
        tally(tokens, claims, gold_claims, into.claim)
        unnamed = [g for g in gold_sources if source_kind(article.text[g[0]:g[1]]) in (PRONOUN, VAGUE)]
        found_unnamed = {g for _, g in matched_pairs(tokens, sources, gold_sources)} & set(unnamed)
        into.vague.add(0, len(unnamed), len(found_unnamed))


def evaluate_loaded(suggester: Suggester, into: Evaluation) -> None:
    _, held_out = split(read_ptc())
    for setting in (FEWER, MORE):
        result = into.loaded.setdefault(setting, Tally())
        for article in held_out:
            tokens = Tokens(article.text)
            found = suggester.suggest(article.text, (LOADED_LANGUAGE,), loaded_setting=setting).items
            tally(tokens, [(s.start, s.end) for s in found], article.spans, result)


def report(ev: Evaluation) -> list[str]:
    lines = [
        ev.source.line("Source") + f"   [baseline {BASELINES['source']}; target {TARGETS['source']}]",
        ev.claim.line("Attributed claim") + f"   [baseline {BASELINES['attributed_claim']}; "
                                            f"target {TARGETS['attributed_claim']}]",
        f"Vague or pronoun sources: R {ev.vague.recall:.3f} ({ev.vague.matched} of {ev.vague.gold})   "
        f"[baseline {BASELINES['vague_recall']}; target {TARGETS['vague_recall']}]",
    ]
    for setting, result in ev.loaded.items():
        lines.append(result.line(f"Loaded language ({setting})") + f"   [baseline {BASELINES['loaded_language']}; "
                                                                    f"target {TARGETS['loaded_language']}]")
    if ev.words:
        lines.append(f"Attribution suggestions: {ev.seconds_per_1000_words:.3f} s per 1,000 words "
                     f"({ev.articles} articles, {ev.words:,} words, one core)")
    return lines
