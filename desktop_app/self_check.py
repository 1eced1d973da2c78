"""``lede --self-check [FOLDER]``: does this installation of Lede work? For school IT after deploying it, and for
the test of the standalone bundle (tests/test_bundle.py).

It does, in a folder of its own and with libraries of its own (never the person's), what a lesson needs that
the other commands do not show: every part each file format and each printout loads, each kind of PDF, a
teacher's assignment handed out as a pack, six students on one computer opening it and handing in, the teacher
taking the hand-ins in, and the feedback sheets written by worker processes (the path a standalone program
breaks first). Each step prints one line, "ok" or "FAILED" with the reason; the exit status is 0 only when all
pass. FOLDER keeps the files it made (default: a temporary folder, removed afterwards).
"""

from __future__ import annotations

import importlib
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from desktop_app import APP_NAME, __version__
from desktop_app.i18n import N_, _, ngettext

# What each format and printout loads only when it is first used, so a missing one shows only then. The names
# are marked only: each step's line translates them ("parts for {what}").
PARTS = {
    N_("web pages (.html)"): ["trafilatura", "justext", "lxml_html_clean", "lxml.html.clean"],
    N_("Word (.docx)"): ["docx"],
    N_("PDF (.pdf)"): ["pypdf", "cryptography.hazmat.primitives.ciphers"],
    N_("Markdown (.md)"): ["markdown_it"],
    N_("text encodings"): ["charset_normalizer"],
    # Translators: printing PDFs, in "parts for printing".
    N_("printing"): ["reportlab.pdfgen.canvas", "_rl_accel", "bidi", "arabic_reshaper"],
    # Translators: the database Lede keeps its work in, in "parts for the library".
    N_("the library"): ["sqlalchemy.dialects.sqlite", "alembic", "platformdirs"],
}
OPTIONAL_PARTS = {N_("a PostgreSQL school server"): ["psycopg", "sqlalchemy.dialects.postgresql.psycopg"]}
STUDENTS = ["Ana", "Bo", "Chen", "Dara", "Eli", "Femi"]  # six: a batch that size goes to worker processes
FEEDBACK_WORKERS = 2


def run(folder: str | None) -> int:
    work = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="lede-self-check-"))
    work.mkdir(parents=True, exist_ok=True)
    failed = 0

    # "ok" and "FAILED" open each line in every language: scripts look for them.
    def step(what: str, action: Callable[[], str]) -> None:
        nonlocal failed
        try:
            print(f"ok      {what}: {action()}", flush=True)
        except Exception as exc:  # noqa: BLE001 - each failure is reported and the other steps still run
            failed += 1
            print(f"FAILED  {what}: {type(exc).__name__}: {exc}", flush=True)
            traceback.print_exc(file=sys.stderr)

    try:
        # Translators: a step of `lede --self-check`: the program itself (where it runs from).
        step(_("program"), _program)
        for what, modules in PARTS.items():
            step(_("parts for {what}").format(what=_(what)), partial(_load, modules))
        for what, modules in OPTIONAL_PARTS.items():
            step(_("parts for {what} (optional)").format(what=_(what)), partial(_load, modules, optional=True))
        step(_("classroom round trip"), lambda: _classroom(work))
    finally:
        if not folder:
            shutil.rmtree(work, ignore_errors=True)
    program = f"{APP_NAME} {__version__}"
    if failed:
        # Translators: the self-check's last line; FAILED stays in capitals, as it opens each failed step's line.
        print(ngettext("{program} self-check: {count} FAILED", "{program} self-check: {count} FAILED",
                       failed).format(program=program, count=failed))
    else:
        print(_("{program} self-check: all passed").format(program=program))
    return 1 if failed else 0


def _program() -> str:
    from desktop_app.resources import resources_dir

    where = _("{program}, {executable}, resources in {folder}").format(
        program=f"{APP_NAME} {__version__}", executable=sys.executable, folder=resources_dir())
    if not getattr(sys, "frozen", False):
        return _("{where} (on the Python of {prefix})").format(where=where, prefix=sys.prefix)
    inside = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)).resolve()

    def outside(path: str) -> bool:
        # Modules the bootloader itself sets up carry relative names; only a real path can be elsewhere.
        return Path(path).is_absolute() and not Path(path).resolve().is_relative_to(inside)

    files = {name: getattr(module, "__file__", None) for name, module in list(sys.modules.items())}
    strays = sorted(name for name, file in files.items() if file and outside(file))
    strays += [_("search path {entry}").format(entry=entry) for entry in sys.path if entry and outside(entry)]
    if strays:
        raise RuntimeError(_("Python code from outside the program's folder {folder}: {modules}").format(
            folder=inside, modules=", ".join(strays)))
    return _("{where} (standalone: modules and search path only in {folder})").format(where=where, folder=inside)


def _load(modules: list[str], optional: bool = False) -> str:
    missing = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            missing.append(f"{name} ({exc})")
    if missing and not optional:
        raise ImportError(_("missing {modules}: reinstall {program}").format(modules=", ".join(missing),
                                                                              program=APP_NAME))
    return _("not installed: {modules}").format(modules=", ".join(missing)) if missing else ", ".join(modules)


def _classroom(work: Path) -> str:
    """Teacher and students in libraries of their own: the files between them are the only link, as in a lab."""
    from desktop_app.application.library import Library
    from desktop_app.classroom.exports import write_feedback_batch
    from desktop_app.core.assignments import Assignment
    from desktop_app.core.marks import OWN_LAYER
    from desktop_app.exporters.pdf import PdfKind, write_pdf
    from desktop_app.resources import default_categories, resource_path
    from desktop_app.storage.database import open_database

    categories = default_categories()
    teacher = Library(open_database(f"sqlite:///{work / 'teacher.sqlite3'}"), categories)
    student = Library(open_database(f"sqlite:///{work / 'student.sqlite3'}"), categories)
    try:
        article_id = teacher.articles.ensure_sample(resource_path("sample"))
        if article_id is None:
            raise RuntimeError(_("the folder {folder} already holds a self-check's libraries: give an empty "
                                 "one").format(folder=work))
        pdfs = []
        for kind in PdfKind:
            prepared = teacher.printing.prepare(article_id, kind)
            pdfs.append(write_pdf(prepared.job, work / f"{kind.value}.pdf"))
        assignment = teacher.assignments.create(Assignment(
            uid="", title="Self-check", article_id=article_id, categories=tuple(categories),
            due_at=datetime.now(UTC) + timedelta(days=1)))
        pack = teacher.assignments.export_pack(assignment.stored_id, work / "self-check.ledepack")

        hand_ins = work / "hand-ins"
        hand_ins.mkdir(exist_ok=True)
        for name in STUDENTS:
            opening = student.student.read_pack(pack)  # a shared computer: each student starts a copy of their own
            copy = student.student.start_copy(opening)
            student.student.set_name(copy.stored_id, name)
            article = student.articles.get(copy.stored_article_id)
            assert article is not None  # start_copy has just stored it
            first_word = article.text.split()[0]
            source = next(iter(categories))
            student.marks.add(article, OWN_LAYER, 0, len(first_word), source.key, source.name)
            student.student.hand_in(copy.stored_id, hand_ins)

        report = teacher.classroom.examine(assignment.stored_id, sorted(hand_ins.glob("*.ledesub")))
        taken = teacher.classroom.take_in(assignment.stored_id, report)
        if len(taken.added) != len(STUDENTS):
            raise RuntimeError(_("took in {count} of {total} hand-ins: {reasons}").format(
                count=len(taken.added), total=len(STUDENTS), reasons="; ".join(r.reason for r in taken.refused)))
        batch = teacher.printing.feedback_batch(assignment.stored_id, work / "feedback")
        (work / "feedback").mkdir(exist_ok=True)
        sheets = write_feedback_batch(batch.jobs, workers=FEEDBACK_WORKERS)
    finally:
        teacher.close()
        student.close()
    return _("{printouts} printouts ({files}), a pack opened by {students} students who each handed in, {taken} "
             "hand-ins taken in, {sheets} feedback sheets written by {workers} worker processes").format(
        printouts=len(pdfs), files=", ".join(p.name for p in pdfs), students=len(STUDENTS), taken=len(taken.added),
        sheets=len(sheets), workers=FEEDBACK_WORKERS)
