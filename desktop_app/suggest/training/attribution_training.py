"""Training the attribution tagger on PolNeAR: BIO labels for Source, Cue and Content over each paragraph's
tokens, a linear-chain CRF (CRFsuite), and a learned list of cue words for the tagger's features."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from desktop_app.suggest.attribution_features import paragraph_features
from desktop_app.suggest.tokens import Token, paragraphs, tokenize
from desktop_app.suggest.training.corpora import AttributedArticle

ROLES = {"source": "SRC", "cue": "CUE", "content": "CON"}

# A word is a cue word when it is part of a cue this often, and often enough to count.
CUE_SHARE = 0.25
CUE_MIN_COUNT = 3


def learn_cue_words(articles: Iterable[AttributedArticle]) -> list[str]:
    in_cue: Counter[str] = Counter()
    everywhere: Counter[str] = Counter()
    for article in articles:
        cue_chars = bytearray(len(article.text))
        for a in article.attributions:
            for s, e in a.cue:
                cue_chars[s:e] = b"\x01" * (e - s)
        for tok in tokenize(article.text):
            if not tok.text[0].isalpha():
                continue
            w = tok.text.lower()
            everywhere[w] += 1
            if cue_chars[tok.start]:
                in_cue[w] += 1
    return sorted(w for w, c in in_cue.items() if c >= CUE_MIN_COUNT and c / everywhere[w] >= CUE_SHARE)


def labelled_paragraphs(article: AttributedArticle) -> list[tuple[list[Token], list[str]]]:
    """Each paragraph's tokens with their BIO labels (a token takes the role of the piece it starts in)."""
    role_of = [""] * len(article.text)
    piece_of = [-1] * len(article.text)
    piece = 0
    for a in article.attributions:
        for role, pieces in (("source", a.source), ("cue", a.cue), ("content", a.content)):
            for s, e in pieces:
                for c in range(s, min(e, len(article.text))):
                    role_of[c] = ROLES[role]
                    piece_of[c] = piece
                piece += 1
    out = []
    for p_start, p_end in paragraphs(article.text):
        tokens = tokenize(article.text, p_start, p_end)
        labels = []
        prev_piece = -1
        for tok in tokens:
            role = role_of[tok.start]
            if not role:
                labels.append("O")
                prev_piece = -1
                continue
            labels.append(("I-" if piece_of[tok.start] == prev_piece else "B-") + role)
            prev_piece = piece_of[tok.start]
        out.append((tokens, labels))
    return out


def train(articles: list[AttributedArticle], model_path: Path, cues: list[str], *, c1: float = 0.05,
          c2: float = 0.01, iterations: int = 150) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    cue_set = frozenset(cues)
    for article in articles:
        for tokens, labels in labelled_paragraphs(article):
            if tokens:
                trainer.append(paragraph_features(tokens, cue_set), labels)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(model_path))
