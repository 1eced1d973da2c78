"""Training the loaded-language tagger on the PTC: a lexicon (how often each word, and each word's stem, was
inside a Loaded_Language span) and a linear-chain CRF over each paragraph's tokens that reads it.

The lexicon the CRF trains on is counted with each article's own spans left out (each article sees the counts
of the others), so the tagger learns how far a rate from *other* articles can be trusted, as it must on a new
article; the lexicon shipped is counted over all training articles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from desktop_app.suggest.loaded_features import sentence_features, stem
from desktop_app.suggest.tokens import Token, paragraphs, tokenize
from desktop_app.suggest.training.corpora import LoadedArticle

MIN_COUNT = 3  # a word seen fewer times in the training news has no rate


def _counts(article: LoadedArticle) -> tuple[Counter[str], Counter[str]]:
    inside: Counter[str] = Counter()
    total: Counter[str] = Counter()
    marked = bytearray(len(article.text))
    for s, e in article.spans:
        marked[s:e] = b"\x01" * (e - s)
    for tok in tokenize(article.text):
        if not tok.text[0].isalpha():
            continue
        w = tok.text.lower()
        total[w] += 1
        if marked[tok.start]:
            inside[w] += 1
    return inside, total


def rates_from(inside: Counter[str], total: Counter[str]) -> dict[str, float]:
    return {w: inside[w] / c for w, c in total.items() if c >= MIN_COUNT}


def stem_rates_from(inside: Counter[str], total: Counter[str]) -> dict[str, float]:
    """The same rates counted over stems: what was learned of "slams" counts for "slammed" too."""
    stem_inside: Counter[str] = Counter()
    stem_total: Counter[str] = Counter()
    for w, c in total.items():
        stem_total[stem(w)] += c
    for w, c in inside.items():
        stem_inside[stem(w)] += c
    return rates_from(stem_inside, stem_total)


def learn_lexicon(articles: Iterable[LoadedArticle]) -> tuple[dict[str, float], dict[str, int], dict[str, float]]:
    """(rate of each word, how many times it was seen, rate of each stem), over all the articles given."""
    inside: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for a in articles:
        i, t = _counts(a)
        inside.update(i)
        total.update(t)
    counts = {w: c for w, c in total.items() if c >= MIN_COUNT}
    return rates_from(inside, total), counts, stem_rates_from(inside, total)


def labelled_paragraphs(article: LoadedArticle) -> list[tuple[list[Token], list[str]]]:
    span_of = [-1] * len(article.text)
    for n, (s, e) in enumerate(article.spans):
        for c in range(s, min(e, len(article.text))):
            span_of[c] = n
    out = []
    for p_start, p_end in paragraphs(article.text):
        tokens = tokenize(article.text, p_start, p_end)
        labels = []
        prev = -1
        for tok in tokens:
            n = span_of[tok.start]
            labels.append("O" if n < 0 else ("I-LL" if n == prev else "B-LL"))
            prev = n
        out.append((tokens, labels))
    return out


def train(articles: list[LoadedArticle], model_path: Path, *, c1: float = 0.1, c2: float = 0.01,
          iterations: int = 200) -> None:
    import pycrfsuite

    per_article = [_counts(a) for a in articles]
    inside: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for i, t in per_article:
        inside.update(i)
        total.update(t)
    trainer = pycrfsuite.Trainer(verbose=False)
    for article, (own_inside, own_total) in zip(articles, per_article, strict=True):
        others_inside, others_total = inside - own_inside, total - own_total
        others = rates_from(others_inside, others_total)
        others_stems = stem_rates_from(others_inside, others_total)
        for tokens, labels in labelled_paragraphs(article):
            if tokens:
                trainer.append(sentence_features(tokens, others, others_stems), labels)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(model_path))
