"""Suggestion figures: the time to suggest marks for 1,000 words (all three categories, one core, models already
loaded) and the size of the shipped models; and, when the labelled news is beside the checkout
(``../shared/data``), the held-out quality figures next to the rule baseline, as notes.

The time is measured on the shipped sample article, so it needs nothing a user's clone lacks.
"""

from __future__ import annotations

import time
from statistics import median


def measure(runs: int) -> dict:
    from desktop_app.core.matching import Tokens
    from desktop_app.resources import resource_path
    from desktop_app.suggest.suggester import Suggester, models_dir

    text = resource_path("sample", "article.txt").read_text(encoding="utf-8")
    words = len(Tokens(text))
    t0 = time.perf_counter()
    suggester = Suggester()
    first = suggester.suggest(text)
    load_ms = (time.perf_counter() - t0) * 1000
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        suggester.suggest(text)
        times.append((time.perf_counter() - t) * 1000 / words * 1000)
    size_mb = sum(p.stat().st_size for p in models_dir().iterdir() if p.is_file()) / 1_000_000
    return {"per_1000_words_ms": median(times), "load_and_first_ms": load_ms, "models_mb": size_mb,
            "words": words, "suggestions": len(first.items)}


def quality_notes() -> list[str]:
    """The held-out figures, or one line saying why there are none."""
    from desktop_app.suggest.suggester import Suggester
    from desktop_app.suggest.training.corpora import CorpusMissing, data_dir
    from desktop_app.suggest.training.evaluate import Evaluation, evaluate_attributions, evaluate_loaded, report

    ev = Evaluation()
    suggester = Suggester()
    t0 = time.perf_counter()
    try:
        evaluate_attributions(suggester, ev)
        evaluate_loaded(suggester, ev)
    except CorpusMissing as exc:
        return [f"suggestion quality: not measured ({exc}); the labelled news lives in {data_dir()}"]
    return [f"suggestion quality on the held-out articles, Lede's matching rule "
            f"({time.perf_counter() - t0:.1f} s):", *("  " + line for line in report(ev))]
