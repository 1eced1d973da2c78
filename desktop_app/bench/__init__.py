"""Lede's benchmark: ``python -m desktop_app.bench [--json] [--quick]``.

Each figure is measured next to its *floor*: the same work done by raw Qt and the standard library's
sqlite3, with no application code, in the same run, so a slow machine and a slow app can be told apart.

Adding a figure: describe it in ``FIGURES`` (unit, target) and return it from a measurement in
``runner.MEASUREMENTS`` (or from a part in ``app_part``/``floor_part`` when it needs the article open).
Nothing here asserts a target: the numbers are reported, the issue tracker judges them.

This package is importable without Qt; only the parts that run in their own subprocess import PySide6.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    unit: str  # "ms" or "MB"
    target: float | None = None  # value should stay below this, in ``unit``...
    target_ratio: float | None = None  # ...or below this multiple of the floor
    about: str = ""

    def target_text(self) -> str:
        if self.target is not None:
            return f"< {self.target:g} {self.unit}"
        if self.target_ratio is not None:
            return f"< {self.target_ratio:g}x floor"
        return "-"


FIGURES: dict[str, Figure] = {
    "cold_start_ms": Figure("ms", target=800, about="spawn to the window with the sample shown (existing DB)"),
    "cold_start_storage_ready_ms": Figure("ms", about="spawn to the database open: the first change waits for it"),
    "cold_start_first_run_ms": Figure("ms", about="the same on a fresh DB: migration and sample import"),
    "open_50k_5k_ms": Figure("ms", target_ratio=3, about="open a 50,000-word article with 5,000 marks, first paint"),
    "mark_p95_ms": Figure("ms", target=16, about="key press to highlight drawn, commit included (95th pct)"),
    "rss_mb": Figure("MB", target=250, about="resident memory with the 50k/5k article open"),
    "pdf_annotated_5k_300_ms": Figure("ms", target=1000, about="annotated-copy PDF of 5,000 words, 300 marks, saved"),
    "pdf_blank_5k_ms": Figure("ms", target=300, about="blank worksheet PDF of the same 5,000 words, saved"),
    "classroom_import_30x100_ms": Figure("ms", target=1000, about="import 30 hand-ins of 100 marks, checked, stored"),
    "classroom_score_view_30x100_ms": Figure("ms", target=200, about="score 30 hand-ins and build the class view"),
    "classroom_pdfs_30_ms": Figure("ms", target=10000, about="30 feedback PDFs and the class summary, saved"),
    # The standalone program (packaging/build-linux, in dist/); "not built" when there is none.
    "bundle_cold_start_ms": Figure("ms", target=1000, about="standalone program: spawn to the window with the "
                                                           "sample shown (existing DB)"),
    "bundle_first_run_ms": Figure("ms", about="the same on a fresh DB: migration and sample import"),
    "bundle_folder_mb": Figure("MB", about="the one-folder program unpacked (dist/lede, /opt/lede)"),
    "bundle_tar_gz_mb": Figure("MB", about="dist/lede-VERSION-linux-ARCH.tar.gz (the notes list the largest parts)"),
    "bundle_deb_mb": Figure("MB", about="dist/lede_VERSION_ARCH.deb, zstd level 3"),
    "suggest_1000_words_ms": Figure("ms", target=1000, about="suggested key marks for 1,000 words, one core"),
    "suggest_models_mb": Figure("MB", target=50, about="the suggestion models shipped in resources/suggest"),
}
