"""Classroom figures: a class of 30 hand-ins of 100 marks each on a 5,000-word article with a 40-mark key.

- importing the 30 .ledesub files (read, checked, each stored in its own transaction), next to a floor of the
  standard library doing the same storing: zipfile + json + sqlite3, one transaction per file, same pragmas;
- scoring all 30 against the key and building the class view (no floor: no simpler program does this);
- writing 30 feedback PDFs (on as many worker processes as there are cores, up to 4, as the window does) and
  the class summary.
Setup (the database, the key, the files) is never timed. Runs in the parent process: none of it needs Qt.
"""

from __future__ import annotations

import json
import sqlite3
import time
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import median

STUDENTS, MARKS_EACH, KEY_MARKS, WORDS = 30, 100, 40, 5_000


def _setup(tmp: Path, students: int, marks_each: int, words: int):
    from desktop_app.bench.textgen import make_text, passages, word_spans
    from desktop_app.core.articles import ArticleDetails
    from desktop_app.core.assignments import Assignment
    from desktop_app.core.marks import KEY_LAYER, new_mark
    from desktop_app.exchange.submission import write_submission
    from desktop_app.resources import default_categories
    from desktop_app.storage.articles import ArticleService
    from desktop_app.storage.assignments import AssignmentService
    from desktop_app.storage.database import open_database
    from desktop_app.storage.marks import MarkService

    db = open_database(f"sqlite:///{tmp / 'classroom.sqlite3'}")
    article = ArticleService(db).add(make_text(words), ArticleDetails("Classroom benchmark", "Lede bench"), "bench",
                                     "txt")
    spans = word_spans(article.text)
    key = [new_mark(article.id, article.text, p.start, p.end, p.category, note=f"Key note {i}", layer=KEY_LAYER,
                    bonus=i % 8 == 0) for i, p in enumerate(passages(spans, KEY_MARKS, seed=5))]
    MarkService(db).replace_layer(article.id, KEY_LAYER, key)
    assignment = AssignmentService(db).create(Assignment(
        uid="", title="Benchmark assignment", article_id=article.id, categories=tuple(default_categories()),
        due_at=datetime.now(UTC) + timedelta(days=1)))
    folder = tmp / "hand-ins"
    folder.mkdir()
    key_spans = [(k.start, k.end, k.category) for k in key]
    for s in range(students):
        # Half of each student's marks near the key (as a class does), half anywhere.
        chosen = [(a, b, c) for a, b, c in key_spans[s % 7::2]][: marks_each // 2]
        chosen += [(p.start, p.end, p.category) for p in passages(spans, marks_each - len(chosen), seed=100 + s)]
        marks = [new_mark(article.id, article.text, a, b, c, note=f"Student {s} note {i}")
                 for i, (a, b, c) in enumerate(chosen)]
        write_submission(folder, assignment, article.text_sha256, f"Student {s:02d}", marks,
                         datetime.now(UTC))
    return db, assignment, article, sorted(folder.iterdir())


def _floor_import(tmp: Path, files: list[Path]) -> None:
    """What storing the same files costs with no application code: unzip, parse, insert, commit per file."""
    path = tmp / f"floor-{time.perf_counter_ns()}.sqlite3"
    con = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        con.execute(f"PRAGMA {pragma}")
    con.execute("CREATE TABLE sub (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, handed_in TEXT)")
    con.execute("CREATE TABLE sub_mark (id INTEGER PRIMARY KEY AUTOINCREMENT, sub_id INTEGER REFERENCES sub(id), "
                "category TEXT, start INTEGER, end INTEGER, quote TEXT, note TEXT, extra TEXT)")
    for f in files:
        with zipfile.ZipFile(f) as z:
            data = json.loads(z.read("submission.json"))
        con.execute("BEGIN")
        sub_id = con.execute("INSERT INTO sub (name, handed_in) VALUES (?, ?)",
                             (data["student"]["name"], data["handed_in_at"])).lastrowid
        con.executemany("INSERT INTO sub_mark (sub_id, category, start, end, quote, note, extra) VALUES "
                        "(?, ?, ?, ?, ?, ?, ?)", [(sub_id, m["category"], m["start"], m["end"], m["quote"],
                                                   m["note"], json.dumps(m["extra"])) for m in data["marks"]])
        con.execute("COMMIT")
    con.close()


def measure(tmp: Path, runs: int, quick: bool) -> dict:
    from desktop_app.application.library import Library
    from desktop_app.classroom.intake import examine
    from desktop_app.resources import default_categories
    from desktop_app.classroom.review import AssignmentWork
    from desktop_app.core.class_view import build_class_view
    from desktop_app.core.matching import Tokens, compare
    from desktop_app.exporters.pdf.class_summary import write_class_summary
    from desktop_app.classroom.exports import write_feedback_batch
    from desktop_app.exporters.pdf.feedback import feedback_file_name

    students, marks_each, words = (5, 20, 1_000) if quick else (STUDENTS, MARKS_EACH, WORDS)
    db, assignment, article, files = _setup(tmp, students, marks_each, words)
    try:
        import_ms, floor_ms, score_ms, pdf_ms = [], [], [], []
        library = Library(db, default_categories())
        for _run in range(runs):
            taken = [s.id for s in library.classroom.submissions(assignment.id)]
            if taken:
                library.classroom.remove_hand_ins(assignment.id, taken)
            # As the classroom window does it: read and check every file, then one transaction per file.
            t0 = time.perf_counter()
            report = examine(db, assignment, article.text, files)
            library.classroom.take_in(assignment.id, report)
            import_ms.append((time.perf_counter() - t0) * 1000)
            assert len(report.ready) == students, report.refused[:1]
            t0 = time.perf_counter()
            _floor_import(tmp, files)
            floor_ms.append((time.perf_counter() - t0) * 1000)

        work = AssignmentWork.load(db, assignment.id)
        keys = work.categories.keys
        for _ in range(max(runs, 3)):
            t0 = time.perf_counter()
            tokens = Tokens(work.article.text)
            comparisons = [compare(tokens, s.marks, work.key, keys, assignment.total_points) for s in work.submissions]
            build_class_view(tokens, work.key, [(s.student_name, s.marks, c) for s, c in
                                                zip(work.submissions, comparisons, strict=True)], keys)
            score_ms.append((time.perf_counter() - t0) * 1000)

        out = tmp / "pdfs"
        out.mkdir(exist_ok=True)
        for _ in range(1 if quick else min(runs, 2)):
            t0 = time.perf_counter()
            write_feedback_batch([(work.feedback_job(s.id), out / feedback_file_name(s.student_name, assignment.title))
                                  for s in work.submissions])
            write_class_summary(work.class_summary_job(), out / "class-summary.pdf")
            pdf_ms.append((time.perf_counter() - t0) * 1000)
    finally:
        db.dispose()
    return {"import_ms": import_ms, "floor_ms": floor_ms, "score_ms": score_ms, "pdf_ms": pdf_ms,
            "students": students, "marks_each": marks_each, "words": words}


def summary_line(r: dict) -> str:
    return (f"classroom ({r['students']} hand-ins × {r['marks_each']} marks, {r['words']:,} words): import runs "
            f"{[round(v) for v in r['import_ms']]} (floor {[round(v) for v in r['floor_ms']]}), scoring + class "
            f"view {[round(v) for v in r['score_ms']]}, feedback PDFs + summary {[round(v) for v in r['pdf_ms']]}")


def results(r: dict) -> dict[str, tuple[float, float | None]]:
    return {"classroom_import_30x100_ms": (median(r["import_ms"]), median(r["floor_ms"])),
            "classroom_score_view_30x100_ms": (median(r["score_ms"]), None),
            "classroom_pdfs_30_ms": (median(r["pdf_ms"]), None)}
