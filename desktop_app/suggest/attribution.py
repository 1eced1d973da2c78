"""Finding attributions in an article: who says (the source), the cue ("said"), and what is attributed.

A linear-chain CRF (CRFsuite, trained on PolNeAR by ``suggest.training``) tags each paragraph's tokens as
Source, Cue or Content; the tagged runs are then grouped: each content takes the cue nearest to it in its
sentence, and that cue the source nearest to it. A run's confidence is the tagger's mean probability of its
labels, so a caller can ask for fewer, surer suggestions.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from desktop_app.suggest.attribution_features import paragraph_features, sentence_positions
from desktop_app.suggest.tokens import Token, paragraphs, tokenize

ROLE_NAMES = {"SRC": "source", "CUE": "cue", "CON": "content"}


@dataclass(frozen=True, slots=True)
class Run:
    """A run of tokens tagged with one role, with offsets into the article text."""

    role: str  # "source", "cue" or "content"
    start: int
    end: int
    first: int  # token indices in the paragraph, end excluded
    last: int
    sentence: int  # index of the sentence in the paragraph where the run starts
    confidence: float


@dataclass(frozen=True, slots=True)
class FoundAttribution:
    content: Run
    cue: Run | None
    source: Run | None


class AttributionTagger:
    def __init__(self, model_path: Path, cues: Collection[str]) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self._cues = frozenset(cues)

    def tag(self, text: str) -> list[tuple[list[Token], list[Run]]]:
        """The tokens and tagged runs of each paragraph, in reading order."""
        out = []
        for p_start, p_end in paragraphs(text):
            tokens = tokenize(text, p_start, p_end)
            if tokens:
                out.append((tokens, self._paragraph(tokens)))
        return out

    def _paragraph(self, tokens: list[Token]) -> list[Run]:
        labels = self._tagger.tag(paragraph_features(tokens, self._cues))
        marginal = self._tagger.marginal
        sentence_of = _sentence_numbers(tokens)
        runs: list[Run] = []
        i = 0
        n = len(labels)
        while i < n:
            label = labels[i]
            if label == "O":
                i += 1
                continue
            role = label[2:]
            j = i + 1
            while j < n and labels[j] == "I-" + role:
                j += 1
            probability = sum(marginal(labels[k], k) for k in range(i, j)) / (j - i)
            runs.append(Run(ROLE_NAMES[role], tokens[i].start, tokens[j - 1].end, i, j, sentence_of[i], probability))
            i = j
        return runs


def _sentence_numbers(tokens: list[Token]) -> list[int]:
    out = []
    number = -1
    for pos in sentence_positions(tokens):
        if pos == 0:
            number += 1
        out.append(number)
    return out


def group(runs: list[Run], tokens: list[Token]) -> list[FoundAttribution]:
    """Ties each content run to its cue and source: the nearest cue in the same sentence (or the next or the
    one before, for a quotation that runs on), and the source nearest to that cue. A quotation broken by its
    cue (“A,” she said, “B.”) is one content; a content with neither a cue nor a source is left out, since
    nothing says who claims it."""
    cues = [r for r in runs if r.role == "cue"]
    sources = [r for r in runs if r.role == "source"]
    out: list[FoundAttribution] = []
    for content in (r for r in runs if r.role == "content"):
        cue = _nearest(content, cues, max_sentences=1)
        source = _nearest(cue or content, sources, max_sentences=1)
        if out and _continues(out[-1], content, cue, runs, tokens):
            before = out[-1]
            merged = Run("content", before.content.start, content.end, before.content.first, content.last,
                         before.content.sentence, min(before.content.confidence, content.confidence))
            out[-1] = FoundAttribution(merged, before.cue or cue, before.source or source)
            continue
        out.append(FoundAttribution(content, cue, source))
    return [f for f in out if f.cue is not None or f.source is not None]


def _continues(before: FoundAttribution, content: Run, cue: Run | None, runs: list[Run],
               tokens: list[Token]) -> bool:
    """Whether ``content`` goes on with the content before it: only its own cue, source and punctuation lie
    between them, and it has no cue of its own."""
    if cue is not None and cue is not before.cue:
        return False
    between = range(before.content.last, content.first)
    own = {r for r in (before.cue, before.source) if r is not None}
    covered = {k for r in own for k in range(r.first, r.last)}
    if not any(r.first in between for r in own) and len(between) > 2:
        return False
    return all(k in covered or not tokens[k].text[0].isalnum() for k in between)


def _nearest(run: Run, candidates: list[Run], max_sentences: int) -> Run | None:
    best: tuple[int, int, Run] | None = None
    for c in candidates:
        sentences = abs(c.sentence - run.sentence)
        if sentences > max_sentences:
            continue
        gap = c.first - run.last if c.first >= run.last else run.first - c.last
        key = (sentences, max(gap, 0))
        if best is None or key < best[:2]:
            best = (key[0], key[1], c)
    return best[2] if best else None
