"""Finding candidate loaded wording: a CRF (trained on the PTC by ``suggest.training``) tags runs of tokens as
loaded, reading the learned lexicon of how often each word was marked loaded in the training news.

Each run comes with the tagger's confidence (its mean probability of the run's labels) and the lexicon's
figure for the run's most loaded word, which is what the teacher is shown as the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from desktop_app.suggest.loaded_features import sentence_features
from desktop_app.suggest.tokens import Token, paragraphs, tokenize


@dataclass(frozen=True, slots=True)
class LoadedRun:
    start: int
    end: int
    confidence: float
    word: str  # the run's word with the highest learned rate ("" when none of its words has one)
    rate: float | None  # how often ``word`` was inside a loaded span in the training news
    seen: int  # how many times ``word`` was seen there


class LoadedTagger:
    def __init__(self, model_path: Path, rates: Mapping[str, float], counts: Mapping[str, int],
                 stem_rates: Mapping[str, float]) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self._rates = rates
        self._counts = counts
        self._stem_rates = stem_rates

    def find(self, text: str, threshold: float) -> list[LoadedRun]:
        """Runs of tokens each at least ``threshold`` likely to be loaded (by the tagger's marginal probability)."""
        out: list[LoadedRun] = []
        for p_start, p_end in paragraphs(text):
            tokens = tokenize(text, p_start, p_end)
            if tokens:
                out.extend(self._paragraph(tokens, threshold))
        return out

    def _paragraph(self, tokens: list[Token], threshold: float) -> list[LoadedRun]:
        tagger = self._tagger
        tagger.set(sentence_features(tokens, self._rates, self._stem_rates))
        loaded = [1.0 - tagger.marginal("O", k) for k in range(len(tokens))]
        runs = []
        i = 0
        n = len(tokens)
        while i < n:
            if loaded[i] < threshold or not tokens[i].text[0].isalnum():
                i += 1
                continue
            j = i + 1
            while j < n and loaded[j] >= threshold and (tokens[j].text[0].isalnum() or tokens[j].text in "-'’"):
                j += 1
            while not tokens[j - 1].text[0].isalnum():
                j -= 1
            runs.append(self._run(tokens[i:j], max(loaded[i:j])))
            i = j
        return runs

    def _run(self, tokens: list[Token], confidence: float) -> LoadedRun:
        best, best_rate = "", None
        for tok in tokens:
            w = tok.text.lower()
            rate = self._rates.get(w)
            if rate is not None and (best_rate is None or rate > best_rate):
                best, best_rate = w, rate
        return LoadedRun(tokens[0].start, tokens[-1].end, confidence, best, best_rate, self._counts.get(best, 0))
