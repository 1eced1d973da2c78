"""Building the benchmark database with the application's own storage (setup is never timed)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from desktop_app.bench.textgen import SEED, make_text, passages, word_spans


@dataclass(frozen=True)
class Sizes:
    words: int  # words in the big article
    marks: int  # marks stored on it
    marks_timed: int  # marks added while timing mark_p95_ms
    runs: int  # repetitions of each timed open (median reported)
    cold_runs: int  # cold starts on an existing DB (median reported), and as many floor starts
    mark_budget_s: float  # the app's marking stops early past this, to keep the whole run under 45 s


FULL = Sizes(words=50_000, marks=5_000, marks_timed=200, runs=3, cold_runs=3, mark_budget_s=24)
QUICK = Sizes(words=5_000, marks=500, marks_timed=20, runs=1, cold_runs=1, mark_budget_s=10)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def build_big_article_db(path: Path, sizes: Sizes) -> int:
    """A database with one long article and ``sizes.marks`` marks on it; returns the article's id.

    The article goes in through ArticleService (so it is normalised like an import); the marks are made
    by ``new_mark`` and inserted in bulk in one transaction, which is what makes the setup quick.
    """
    from sqlalchemy import insert

    from desktop_app.core.articles import ArticleDetails
    from desktop_app.core.marks import new_mark
    from desktop_app.storage.articles import ArticleService
    from desktop_app.storage.database import open_database
    from desktop_app.storage.marks import row_values
    from desktop_app.storage.models import MarkRow

    db = open_database(sqlite_url(path))
    try:
        details = ArticleDetails(title=f"Benchmark: {sizes.words:,} words, {sizes.marks:,} marks",
                                 outlet="Lede bench", author="textgen", published="2024-06-11")
        article = ArticleService(db).add(make_text(sizes.words), details, "bench", "txt")
        text = article.text
        rows = [row_values(new_mark(article.id, text, p.start, p.end, p.category))
                for p in passages(word_spans(text), sizes.marks, SEED + 1)]
        with db.transaction() as s:
            s.execute(insert(MarkRow), rows)
        return article.id
    finally:
        db.dispose()  # the last connection closing checkpoints the WAL into the file


def copy_db(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target
