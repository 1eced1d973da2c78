"""Rebuilds the suggestion models from ``../shared/data`` and measures them on the held-out articles.

    scripts/train-suggestions            # both models, then the figures
    scripts/train-suggestions --measure  # only the figures, for the models already in resources/suggest

Each corpus is split by article with a fixed seed (corpora.SPLIT_SEED): the models learn from 80 % of the
articles and are measured on the other 20 %, which they never see. CRFsuite's training is deterministic, so the
same data gives the same model.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop_app.suggest.suggester import (
    ATTRIBUTION_MODEL,
    ATTRIBUTION_SETTINGS,
    LOADED_MODEL,
    LOADED_SETTINGS,
    Suggester,
    models_dir,
)
from desktop_app.suggest.training import attribution_training, loaded_training
from desktop_app.suggest.training.corpora import CorpusMissing, read_polnear, read_ptc, split
from desktop_app.suggest.training.evaluate import Evaluation, evaluate_attributions, evaluate_loaded, report

ATTRIBUTION_THRESHOLD = 0.5  # the tagger's own even odds: a run is suggested when its labels are more likely than not
LOADED_THRESHOLDS = {"fewer": 0.4, "more": 0.1}


def train_all(folder: Path, only_loaded: bool = False) -> None:
    if not only_loaded:
        train_attribution(folder)
    train_loaded(folder)


def train_attribution(folder: Path) -> None:
    polnear_train, _ = split(read_polnear())
    cues = attribution_training.learn_cue_words(polnear_train)
    print(f"Attribution tagger: {len(polnear_train)} PolNeAR articles, {len(cues)} cue words …", flush=True)
    attribution_training.train(polnear_train, folder / ATTRIBUTION_MODEL, cues)
    (folder / ATTRIBUTION_SETTINGS).write_text(json.dumps({
        "trained_on": f"PolNeAR v1.0.0 training split, {len(polnear_train)} of its articles (seeded split)",
        "threshold": ATTRIBUTION_THRESHOLD,
        "cues": cues,
    }, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")


def train_loaded(folder: Path) -> None:
    ptc_train, _ = split(read_ptc())
    print(f"Loaded-language tagger: {len(ptc_train)} PTC articles …", flush=True)
    loaded_training.train(ptc_train, folder / LOADED_MODEL)
    rates, counts, stem_rates = loaded_training.learn_lexicon(ptc_train)
    (folder / LOADED_SETTINGS).write_text(json.dumps({
        "trained_on": f"PTC (SemEval-2020 Task 11) training split, {len(ptc_train)} of its articles (seeded split)",
        "thresholds": LOADED_THRESHOLDS,
        "rates": {w: round(r, 4) for w, r in sorted(rates.items())},
        "counts": dict(sorted(counts.items())),
        "stem_rates": {w: round(r, 4) for w, r in sorted(stem_rates.items())},
    }, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="train-suggestions", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--measure", action="store_true", help="only measure the models already built")
    parser.add_argument("--loaded-only", action="store_true",
                        help="rebuild only the loaded-language model (about 2 minutes), then measure both")
    parser.add_argument("--into", type=Path, help="write the models here (default: resources/suggest)")
    args = parser.parse_args(argv)
    folder = args.into or models_dir()
    try:
        if not args.measure:
            folder.mkdir(parents=True, exist_ok=True)
            train_all(folder, only_loaded=args.loaded_only)
        ev = Evaluation()
        suggester = Suggester(folder)
        evaluate_attributions(suggester, ev)
        evaluate_loaded(suggester, ev)
    except CorpusMissing as exc:
        print(f"train-suggestions: {exc}", file=sys.stderr)
        return 2
    print("Held-out figures (Lede's matching rule):")
    for line in report(ev):
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
