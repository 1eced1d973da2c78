"""``python -m desktop_app.bench``: runs every measurement, then prints a table or one JSON object.

The parent process never imports Qt: each measurement that needs a window runs in a child process (the
app's in-process figures with ``--part app``, their floor with ``--part floor``), so each reports its own
memory and neither warms the other's caches in-process.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from desktop_app.bench import FIGURES
from desktop_app.bench.measure import parse_result, percentile
from desktop_app.bench.workload import FULL, QUICK, Sizes, build_big_article_db, copy_db

PART_TIMEOUT_S = 120  # a hang guard; the marking budget in Sizes keeps a normal run short


@dataclass(frozen=True)
class Result:
    value: float | None  # None: not measured, and ``missing`` says why
    floor: float | None
    missing: str = ""  # e.g. "not built" for the bundle's figures when no bundle is built


@dataclass
class Context:
    tmp: Path
    sizes: Sizes
    quick: bool
    env: dict[str, str]  # for every child: offscreen Qt, settings and data kept inside tmp
    notes: list[str] = field(default_factory=list)


# --- measurements: each returns some of FIGURES ------------------------------------------------------------
def measure_cold_start(ctx: Context) -> dict[str, Result]:
    from desktop_app.bench.startup import app_command, floor_command, spawn_until_shown
    from desktop_app.resources import resource_path

    t0 = time.perf_counter()
    db, log = ctx.tmp / "cold-start.sqlite3", ctx.tmp / "cold-start.log"
    sample = resource_path("sample", "article.txt")
    first = spawn_until_shown(app_command(db), ctx.env, ctx.tmp, log)  # fresh DB: migration + sample import
    apps, floors = [], []
    for _ in range(ctx.sizes.cold_runs):  # interleaved, so drift in the machine hits both alike
        apps.append(spawn_until_shown(app_command(db), ctx.env, ctx.tmp, log))
        floors.append(spawn_until_shown(floor_command(sample), ctx.env, ctx.tmp, log))
    ctx.notes.append(
        f"cold_start_ms ({time.perf_counter() - t0:.1f} s): runs {_rounded(s.shown_ms for s in apps)} "
        f"(floor {_rounded(s.shown_ms for s in floors)}); median of the startup_ms each printed itself "
        f"{median(s.printed_ms for s in apps):.0f} (floor {median(s.printed_ms for s in floors):.0f}); "
        f"spawn to exit {median(s.exit_ms for s in apps):.0f} (floor {median(s.exit_ms for s in floors):.0f}); "
        f"first run on a fresh DB: startup_ms {first.printed_ms:.0f}, exit {first.exit_ms:.0f}")
    return {"cold_start_ms": Result(median(s.shown_ms for s in apps), median(s.shown_ms for s in floors)),
            "cold_start_storage_ready_ms": Result(median(s.storage_ready_ms for s in apps), None),
            "cold_start_first_run_ms": Result(first.shown_ms, None)}


def measure_big_article(ctx: Context) -> dict[str, Result]:
    t0 = time.perf_counter()
    source = ctx.tmp / "big.sqlite3"
    article_id = build_big_article_db(source, ctx.sizes)
    setup_s = time.perf_counter() - t0
    common = ["--article-id", str(article_id), "--sizes", "quick" if ctx.quick else "full"]
    t0 = time.perf_counter()
    app = run_part(ctx, "app", copy_db(source, ctx.tmp / "app.sqlite3"), common)
    t1 = time.perf_counter()
    floor = run_part(ctx, "floor", copy_db(source, ctx.tmp / "floor.sqlite3"), common)
    t2 = time.perf_counter()
    s = ctx.sizes
    ctx.notes.append(f"open_50k_5k_ms ({s.words:,} words, {s.marks:,} marks; setup {setup_s:.1f} s, app part "
                     f"{t1 - t0:.1f} s, floor part {t2 - t1:.1f} s): runs {_rounded(app['open_ms'])} "
                     f"(floor {_rounded(floor['open_ms'])})")
    cut = f" (cut short by the {s.mark_budget_s:g} s budget)" if len(app["mark_ms"]) < s.marks_timed else ""
    ctx.notes.append(f"mark_p95_ms over {len(app['mark_ms'])} marks{cut}: median {median(app['mark_ms']):.1f}, max "
                     f"{max(app['mark_ms']):.1f} (floor median {median(floor['mark_ms']):.1f}, max "
                     f"{max(floor['mark_ms']):.1f})")
    return {"open_50k_5k_ms": Result(median(app["open_ms"]), median(floor["open_ms"])),
            "mark_p95_ms": Result(percentile(app["mark_ms"], 95), percentile(floor["mark_ms"], 95)),
            "rss_mb": Result(app["rss_mb"], floor["rss_mb"])}


def measure_pdf_export(ctx: Context) -> dict[str, Result]:
    from desktop_app.bench.pdf_part import measure

    t0 = time.perf_counter()
    r = measure(ctx.tmp, 1 if ctx.quick else 5, ctx.quick)
    ctx.notes.append(f"pdf_annotated_5k_300_ms ({r['words']:,} words, {r['marks']} marks; "
                     f"{time.perf_counter() - t0:.1f} s): runs {_rounded(r['annotated_ms'])}, blank worksheet "
                     f"{_rounded(r['blank_ms'])}, floor (ReportLab Paragraphs with tinted spans) "
                     f"{_rounded(r['floor_ms'])}")
    floor = median(r["floor_ms"])
    return {"pdf_annotated_5k_300_ms": Result(median(r["annotated_ms"]), floor),
            "pdf_blank_5k_ms": Result(median(r["blank_ms"]), floor)}


def measure_classroom(ctx: Context) -> dict[str, Result]:
    from desktop_app.bench.classroom_part import measure, results, summary_line

    t0 = time.perf_counter()
    r = measure(ctx.tmp, 1 if ctx.quick else 3, ctx.quick)
    ctx.notes.append(f"{summary_line(r)} ({time.perf_counter() - t0:.1f} s)")
    return {name: Result(value, floor) for name, (value, floor) in results(r).items()}


BUNDLE_FIGURES = ("bundle_cold_start_ms", "bundle_first_run_ms", "bundle_folder_mb", "bundle_tar_gz_mb",
                  "bundle_deb_mb")


def measure_bundle(ctx: Context) -> dict[str, Result]:
    from desktop_app.bench.bundle_part import MB, cold_starts, describe, find_bundle, folder_size

    bundle = find_bundle()
    if bundle is None:
        ctx.notes.append("bundle_*: not built (packaging/build-linux makes dist/lede, its .tar.gz and .deb)")
        return {name: Result(None, None, "not built") for name in BUNDLE_FIGURES}
    t0 = time.perf_counter()
    first, warm = cold_starts(bundle, ctx.sizes.cold_runs, ctx.env, ctx.tmp)

    def size(path: Path | None) -> Result:
        return Result(path.stat().st_size / MB, None) if path else Result(None, None, "not built")

    ctx.notes.append(f"{describe(bundle)} ({time.perf_counter() - t0:.1f} s)")
    return {"bundle_cold_start_ms": Result(warm, None), "bundle_first_run_ms": Result(first, None),
            "bundle_folder_mb": Result(folder_size(bundle.folder) / MB, None),
            "bundle_tar_gz_mb": size(bundle.tarball), "bundle_deb_mb": size(bundle.deb)}


def measure_suggestions(ctx: Context) -> dict[str, Result]:
    from desktop_app.bench.suggest_part import measure, quality_notes

    r = measure(1 if ctx.quick else 5)
    ctx.notes.append(f"suggest_1000_words_ms on the sample article ({r['words']} words, {r['suggestions']} "
                     f"suggestions): models loaded and first article {r['load_and_first_ms']:.0f} ms")
    if not ctx.quick:  # the held-out articles take about a minute
        ctx.notes.extend(quality_notes())
    return {"suggest_1000_words_ms": Result(r["per_1000_words_ms"], None),
            "suggest_models_mb": Result(r["models_mb"], None)}


def _rounded(values) -> list[int]:
    return [round(v) for v in values]


MEASUREMENTS: list[Callable[[Context], dict[str, Result]]] = [measure_cold_start, measure_big_article,
                                                                measure_pdf_export, measure_classroom,
                                                                measure_bundle,
                                                                measure_suggestions]


# --- child processes --------------------------------------------------------------------------------------
def run_part(ctx: Context, part: str, db_path: Path, args: list[str]) -> dict:
    cmd = [sys.executable, "-m", "desktop_app.bench", "--part", part, "--db", str(db_path),
           "--settings", str(ctx.tmp / f"{part}-settings.ini"), *args]
    done = subprocess.run(cmd, capture_output=True, text=True, env=ctx.env, cwd=ctx.tmp, timeout=PART_TIMEOUT_S)
    if done.returncode != 0:
        raise RuntimeError(f"bench part {part!r} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return parse_result(done.stdout)


def run_part_here(args: argparse.Namespace) -> int:
    """The child's side of ``run_part``: one part, one result line on stdout."""
    from desktop_app.bench.measure import emit

    sizes = QUICK if args.sizes == "quick" else FULL
    if args.part == "app":
        from desktop_app.bench import app_part

        emit(app_part.run(Path(args.db), args.article_id, Path(args.settings), sizes))
    else:
        from desktop_app.bench import floor_part

        emit(floor_part.run(Path(args.db), args.article_id, sizes))
    return 0


def child_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # QSettings() and platformdirs follow XDG on Linux: the user's real settings and data stay untouched.
    env["XDG_CONFIG_HOME"] = str(tmp / "config")
    env["XDG_DATA_HOME"] = str(tmp / "data")
    env["XDG_STATE_HOME"] = str(tmp / "state")  # the log file
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# --- output -----------------------------------------------------------------------------------------------
def as_json(results: dict[str, Result]) -> dict:
    """figure -> {"value", "unit", "floor"}; a figure not measured has "value": null and says why in "missing"."""
    out: dict[str, dict] = {}
    for name, r in results.items():
        out[name] = {"value": None if r.value is None else round(r.value, 2), "unit": FIGURES[name].unit,
                     "floor": None if r.floor is None else round(r.floor, 2)}
        if r.value is None:
            out[name]["missing"] = r.missing
    return out


def as_table(results: dict[str, Result]) -> str:
    rows = [("figure", "value", "unit", "floor", "ratio", "target")]
    for name, r in results.items():
        ratio = f"{r.value / r.floor:.2f}x" if r.floor and r.value is not None else "-"
        floor = "-" if r.floor is None else f"{r.floor:.1f}"
        value = r.missing if r.value is None else f"{r.value:.1f}"
        rows.append((name, value, FIGURES[name].unit, floor, ratio, FIGURES[name].target_text()))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:5], widths[1:5], strict=True)] + [row[5]]
        lines.append("  ".join(cells))
    return "\n".join(lines)


# --- the command ------------------------------------------------------------------------------------------
def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m desktop_app.bench",
                                description="Measure Lede against raw Qt/SQLite doing the same work.")
    p.add_argument("--json", action="store_true", help="print one JSON object: figure -> value, unit, floor")
    p.add_argument("--quick", action="store_true", help="small sizes and single runs (a smoke test)")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder and say where it is")
    for hidden in ("--part", "--db", "--settings", "--sizes"):
        p.add_argument(hidden, help=argparse.SUPPRESS)
    p.add_argument("--article-id", type=int, help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.part:
        return run_part_here(args)
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="lede-bench-"))
    ctx = Context(tmp, QUICK if args.quick else FULL, args.quick, child_env(tmp))
    try:
        results: dict[str, Result] = {}
        for measure in MEASUREMENTS:
            results.update(measure(ctx))
        results = {name: results[name] for name in FIGURES if name in results}  # the table's order
    finally:
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    total = f"total {time.perf_counter() - started:.1f} s{' (--quick)' if args.quick else ''}"
    report = "\n".join([as_table(results), "", *ctx.notes, total])
    if args.json:
        print(json.dumps(as_json(results)))
        print(report, file=sys.stderr)  # stdout stays one JSON object; the table is for whoever watches
    else:
        print(report)
    return 0
