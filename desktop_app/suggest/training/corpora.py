"""Reading the labelled news the suggestion models learn from: PolNeAR (attributions) and the PTC (loaded language).

Both live in ``../shared/data/`` beside a checkout (see its README for provenance and terms); a user's clone does
not have them, so every reader here raises ``CorpusMissing`` with a sentence saying where it looked.
"""

from __future__ import annotations

import os
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

SPLIT_SEED = 20261127  # the held-out split is by article and fixed, so every figure is measured on the same part
HELD_OUT_SHARE = 0.2


class CorpusMissing(FileNotFoundError):
    """The labelled data is not beside this checkout; the message says where it was looked for."""


def data_dir() -> Path:
    """``LEDE_SUGGEST_DATA`` when set, else ``shared/data`` beside the repository."""
    named = os.environ.get("LEDE_SUGGEST_DATA")
    if named:
        return Path(named)
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution: who (may be missing), the cue, and what is attributed, as (start, end) pieces."""

    source: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]
    content: tuple[tuple[int, int], ...]


@dataclass(slots=True)
class AttributedArticle:
    name: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)


@dataclass(slots=True)
class LoadedArticle:
    name: str
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)


_PIECES = re.compile(r"(\d+) (\d+)")


def _pieces(offsets: str) -> tuple[tuple[int, int], ...]:
    return tuple((int(a), int(b)) for a, b in _PIECES.findall(offsets))


def read_polnear(root: Path | None = None) -> list[AttributedArticle]:
    """Every PolNeAR training article with the attributions of its first annotator (in file-name order), so an
    article annotated twice is not counted twice."""
    base = (root or data_dir()) / "polnear-train"
    texts = base / "text"
    if not texts.is_dir():
        raise CorpusMissing(f"PolNeAR is not at {base} (see shared/data/README.md); nothing to train or measure on.")
    by_article: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        article = ann.stem.rsplit("_", 1)[0]
        by_article.setdefault(article, ann)
    articles = []
    for name, ann in sorted(by_article.items()):
        text = (texts / f"{name}.txt").read_text(encoding="utf-8")
        articles.append(AttributedArticle(name, text, _read_ann(ann)))
    return articles


def _read_ann(path: Path) -> list[Attribution]:
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, _pieces(offsets))
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(role.split(":", 1) for role in parts[1].split() if ":" in role)
            events.append(roles)
    out = []
    for roles in events:
        def of(role: str, roles: dict[str, str] = roles) -> tuple[tuple[int, int], ...]:
            tid = roles.get(role)
            return spans[tid][1] if tid in spans else ()

        if of("Content") and of("Cue"):
            out.append(Attribution(of("Source"), of("Cue"), of("Content")))
    return out


def read_ptc(root: Path | None = None) -> list[LoadedArticle]:
    """Every PTC training article with its Loaded_Language spans."""
    base = (root or data_dir()) / "ptc-train"
    labels = base / "train-task-flc-tc.labels"
    if not labels.is_file():
        raise CorpusMissing(f"The PTC is not at {base} (see shared/data/README.md); nothing to train or measure on.")
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for line in labels.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[1] == "Loaded_Language":
            spans[parts[0]].append((int(parts[2]), int(parts[3])))
    articles = []
    for path in sorted((base / "train-articles").glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        text = path.read_text(encoding="utf-8")
        articles.append(LoadedArticle(article_id, text, sorted(spans.get(article_id, []))))
    return articles


def split(articles: list[T], seed: int = SPLIT_SEED, held_out: float = HELD_OUT_SHARE) -> tuple[list[T], list[T]]:
    """(training, held out), by article, the same every time for the same list."""
    order = list(range(len(articles)))
    random.Random(seed).shuffle(order)
    cut = round(len(articles) * held_out)
    held = set(order[:cut])
    return ([a for i, a in enumerate(articles) if i not in held], [a for i, a in enumerate(articles) if i in held])
