"""The command line: ``lede`` starts the desk; ``lede import FILE``, ``lede list`` and ``lede export-pdf`` work
without a window, and so does the classroom round trip (cli.assignments: make an assignment and its pack;
cli.classroom: take the hand-ins in, write the gradebook, feedback sheets and class summary; cli.suggest: suggested
answer-key marks for article files).

Every command takes ``--db URL`` (any SQLAlchemy URL; default: the SQLite file in the user's data folder) and
works through the application layer's Library, as the windows do. Heavy modules are imported inside each
command so ``lede --help`` answers at once.
"""

from __future__ import annotations

import argparse
import sys

from desktop_app import APP_NAME, __version__
from desktop_app.cli import assignments, classroom, suggest
from desktop_app.cli.argparse_words import speak_the_persons_language
from desktop_app.cli.session import DATABASE, OK, USAGE, Failed, note, opened_library
from desktop_app.i18n import _


def _parser() -> argparse.ArgumentParser:
    """Built after start_language (main): every help text is in the person's language. The command names,
    options and their values (blank, annotated, key, a4, ...) stay as they are typed."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                        help=_("database URL, e.g. sqlite:////path/lede.sqlite3 or postgresql+psycopg://host/lede "
                               "(default: lede.sqlite3 in your user data folder)"))
    parser = argparse.ArgumentParser(prog="lede", parents=[common],
                                     description=_("{name}: mark sources, loaded language, claims and opposing views "
                                                   "in news articles.").format(name=APP_NAME))
    # argparse 3.11 never translates the version option's help, so it is given here.
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--self-check", nargs="?", const="", metavar="FOLDER",
                        # Translators: FOLDER is the option's placeholder (lede --self-check FOLDER): keep it.
                        help=_("check that this installation works (every file format, printout and the classroom "
                               "round trip, in a folder of its own) and exit; FOLDER keeps what it made"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("gui", parents=[common], help=_("open the desk (the default)"))
    opener = sub.add_parser("open", parents=[common], help=_("open the desk with files: a student pack (.ledepack) to "
                            "work on, your teacher's feedback (.ledefeedback), hand-ins (.ledesub) to review, or "
                            "articles to import"), description=_("What double-clicking a Lede file does."))
    opener.add_argument("files", nargs="+",
                        help=_(".ledepack, .ledefeedback, .ledesub, .txt, .md, .html, .docx or .pdf"))
    imp = sub.add_parser("import", parents=[common], help=_("import an article file and print its id"))
    imp.add_argument("file", help=_(".txt, .md, .html, .docx or .pdf (with a text layer)"))
    imp.set_defaults(run=cmd_import)
    sub.add_parser("list", parents=[common], help=_("list the articles in the library")).set_defaults(run=cmd_list)
    pdf = sub.add_parser("export-pdf", parents=[common],
                         help=_("print a worksheet, annotated copy or answer key as PDF"),
                         description=_("Makes a print-ready PDF of an article (see `lede list` for the numbers)."))
    pdf.add_argument("article", type=int, help=_("the article's number, as `lede list` shows it"))
    pdf.add_argument("--kind", choices=["blank", "annotated", "key"], default="blank",
                     # Translators: blank, annotated and key are the values typed after --kind: keep them as they are.
                     help=_("blank: worksheet for pen and paper (default); annotated: the article with your marks "
                            "and a table of them; key: the answer key, marked TEACHER COPY"))
    pdf.add_argument("--paper", choices=["a4", "letter"], default="a4", help=_("paper size (default a4)"))
    pdf.add_argument("--name", default="", help=_("whose marks an annotated copy shows, printed on it"))
    pdf.add_argument("-o", "--output", metavar="FILE", help=_("where to save (default: a name made from the "
                                                              "title, in the current folder)"))
    pdf.set_defaults(run=cmd_export_pdf)
    assignments.add_commands(sub, common)
    classroom.add_commands(sub, common)
    suggest.add_commands(sub, common)
    return parser


def cmd_import(url: str | None, args: argparse.Namespace) -> int:
    from desktop_app.core.text import ArticleTextError
    from desktop_app.importers import ArticleImportError, import_file

    try:
        imported = import_file(args.file)
    except ArticleImportError as exc:
        raise Failed(str(exc)) from None
    with opened_library(url) as lib:
        try:
            article = lib.articles.add(imported.text, imported.details, imported.source_name, imported.format)
        except ArticleTextError as exc:
            raise Failed(str(exc)) from None
    print(article.id)
    return OK


def cmd_list(url: str | None, args: argparse.Namespace) -> int:
    with opened_library(url) as lib:
        rows = lib.articles.summaries()
    for row in rows:
        d = row.details
        print(f"{row.id}\t{row.display_title}\t{d.outlet}\t{d.published}\t{row.word_count} words\t"
              f"{row.mark_count} marks")
    if not rows:
        print(_("The library is empty. Add an article with: lede import FILE"), file=sys.stderr)
    return OK


def cmd_export_pdf(url: str | None, args: argparse.Namespace) -> int:
    from desktop_app.exporters.pdf import PdfExportError, PdfKind, write_pdf

    with opened_library(url) as lib:
        prepared = lib.printing.prepare(args.article, PdfKind(args.kind), paper=args.paper, marked_by=args.name)
    if prepared.notice:
        note(prepared.notice)
    try:
        path = write_pdf(prepared.job, args.output or prepared.suggested_name)
    except PdfExportError as exc:
        raise Failed(str(exc)) from None
    print(path)
    return OK


def _files_first(argv: list[str]) -> list[str]:
    """``lede FILE…`` (what a file manager runs on a double-click, see the .desktop file) means ``lede open FILE…``."""
    from pathlib import Path

    if argv and not argv[0].startswith("-") and argv[0] not in _COMMANDS and Path(argv[0]).exists():
        return ["open", *argv]
    return argv


_COMMANDS = ("gui", "open", "import", "list", "export-pdf", "assignment", "take-in", "gradebook", "feedback",
             "summary", "suggest")


def _lab_language() -> str | None:
    try:
        from desktop_app.application.machine_settings import machine_settings

        return machine_settings().language
    except ImportError:  # an install missing a part: the command itself says which, in English if need be
        return None


def main(argv: list[str] | None = None) -> int:
    from desktop_app.i18n.choice import start_language

    # Before the parser is built: its help texts are translated. The windows may switch to the person's own
    # choice (ui/language.py); a command speaks LEDE_LANGUAGE, the lab's preset or the system's language.
    start_language(lab=_lab_language())
    speak_the_persons_language()
    argv = _files_first(list(sys.argv[1:] if argv is None else argv))
    args = _parser().parse_args(argv)
    url = getattr(args, "db", None)
    if args.self_check is not None:
        from desktop_app.self_check import run as self_check

        return self_check(args.self_check)
    try:
        command = getattr(args, "run", None)
        if command is not None:
            return command(url, args)
        from desktop_app.ui.app import run

        return run(url, startup_probe=args.startup_probe, open_paths=getattr(args, "files", None) or [])
    except Exception as exc:  # noqa: BLE001 - one clear line, not a traceback, for a teacher at a terminal
        return _one_line(exc)


def _one_line(exc: Exception) -> int:
    """The exit status for a failed command, after saying why on one line; a bug (anything else) is raised."""
    from desktop_app.storage.database import DatabaseError

    if isinstance(exc, Failed):
        message, status = exc.message, exc.status
    elif isinstance(exc, DatabaseError):
        message, status = str(exc), DATABASE
    else:
        from desktop_app.application.errors import LedeError, LibraryBusy, SaveFailed

        if isinstance(exc, LibraryBusy | SaveFailed):
            message, status = exc.message, DATABASE
        elif isinstance(exc, LedeError):
            message, status = exc.message, USAGE
        elif type(exc) is LookupError:  # the application layer's "no longer in the library"; not a KeyError
            message, status = str(exc), USAGE
        else:
            raise exc
    print(f"lede: {message}", file=sys.stderr)
    return status
