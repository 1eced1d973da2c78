"""``lede assignment create|list|pack``: a teacher's assignments from the command line, made, listed and handed out
through the application layer's Library as the window makes them (cli.classroom takes the hand-ins back).

Results go to stdout, one per line; what went wrong goes to stderr as one ``lede: ...`` line (cli.session.Failed).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli.session import OK, Failed, note, one_line, opened_library, teacher_assignment
from desktop_app.i18n import _, ngettext

if TYPE_CHECKING:
    from datetime import datetime

    from desktop_app.application.library import Library
    from desktop_app.core.articles import Article
    from desktop_app.core.categories import Category, CategorySet
    from desktop_app.core.marks import Mark


class _LateEpilog(argparse.ArgumentParser):
    """A parser whose epilog is made only when its help is shown: reading categories.json costs about 40 ms,
    too much to spend on every start of Lede."""

    def __init__(self, *args, late_epilog: Callable[[], str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.late_epilog = late_epilog

    def format_help(self) -> str:
        if self.late_epilog is not None:
            self.epilog = self.late_epilog()
        return super().format_help()


def _category_keys() -> str:
    from desktop_app.resources import default_categories

    # Translators: {keys} lists each category's key and its name: "source (Source), loaded_language (...)".
    return _("Category keys: {keys}.").format(keys=", ".join(f"{c.key} ({c.name})" for c in default_categories()))


def add_commands(sub, common: argparse.ArgumentParser) -> None:
    """Adds ``lede assignment create|list|pack`` to ``lede``'s subcommands."""
    assignment = sub.add_parser("assignment", parents=[common], help=_("make, list and hand out assignments"),
                                description=_("A teacher's assignments: `lede assignment ACTION --help` for each."))
    actions = assignment.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_LateEpilog)
    create = actions.add_parser(
        "create", parents=[common], late_epilog=_category_keys,
        help=_("make an assignment from an article; prints its id"),
        description=_("Makes an assignment from an article in the library (`lede list` shows their numbers) and "
                      "prints the new assignment's number. With --key, the answer key file is stored as the "
                      "article's key first; hand-ins are scored against the article's key."))
    create.add_argument("article", type=int, metavar="ARTICLE_ID",
                        help=_("the article's number, as `lede list` shows it"))
    create.add_argument("--title", required=True, help=_("what students see on their screen and their file"))
    create.add_argument("--instructions", default="", metavar="TEXT", help=_("what to do, shown to students"))
    create.add_argument("--due", metavar="WHEN", help=_("when it is due, in your time zone, e.g. 2026-12-01T09:00 "
                                                        "(default: no due date); later hand-ins are marked late"))
    create.add_argument("--points", type=float, default=10.0, help=_("total points, the score of a student who "
                                                                     "finds every key mark (default 10)"))
    create.add_argument("--categories", metavar="KEY,KEY,...", help=_("what students look for, as category keys "
                                                                      "(below; default: all of them)"))
    create.add_argument("--minimum", action="append", default=[], metavar="KEY=N",
                        # Translators: N is the option's placeholder (KEY=N); source=3 is typed as it is.
                        help=_("find at least N marks of this category, e.g. source=3 (repeat for more)"))
    create.add_argument("--key", metavar="KEYFILE", help=_("an answer key file (.json, like "
                                                           "resources/sample/key.json) to store as the article's key"))
    create.add_argument("--replace-key", action="store_true", help=_("let --key replace a different key the "
                                                                     "article already has (refused once hand-ins "
                                                                     "are in)"))
    create.set_defaults(run=cmd_assignment_create)
    listing = actions.add_parser("list", parents=[common], help=_("list your assignments"),
                                 description=_("One line per assignment, tab-separated: number, title, article, due "
                                               "(your time zone), hand-ins, hand-ins reviewed."))
    listing.set_defaults(run=cmd_assignment_list)
    pack = actions.add_parser("pack", parents=[common], help=_("write the student pack (.ledepack); prints its path"),
                              description=_("Writes the pack students open in Lede (never the key) and prints "
                                            "where."))
    pack.add_argument("assignment", type=int, metavar="ASSIGNMENT_ID", help=_("as `lede assignment list` shows it"))
    pack.add_argument("-o", "--output", metavar="FILE_OR_FOLDER", help=_("a .ledepack file name, or a folder to put "
                                                                         "it in (default: the current folder)"))
    pack.set_defaults(run=cmd_assignment_pack)


# --- assignment create ---------------------------------------------------------------------------------------
def cmd_assignment_create(url: str | None, args: argparse.Namespace) -> int:
    from desktop_app.core.assignments import STUDENT, TEACHER, Assignment, AssignmentError, validate
    from desktop_app.core.marks import KEY_LAYER

    due_at = parse_due(args.due)
    with opened_library(url) as lib:
        article = lib.articles.get(args.article)
        if article is None:
            raise Failed(_("There is no article {number}. `lede list` shows the articles and their numbers.").format(
                number=args.article))
        if any(a.role == STUDENT for a in lib.assignments.for_article(article.id)):
            raise Failed(_("Article {number} is a student's copy of an assignment received in a pack; make "
                           "assignments from your own articles (`lede list`).").format(number=article.id))
        categories = chosen_categories(lib.standard_categories, args.categories)
        draft = Assignment(uid="", title=args.title.strip(), article_id=article.id,
                           instructions=args.instructions.strip(), due_at=due_at, categories=tuple(categories),
                           minimums=minimums(args.minimum, lib.standard_categories, categories),
                           total_points=args.points, role=TEACHER)
        try:
            validate(draft)  # before the key is stored: a mistake here must leave the library as it was
        except AssignmentError as exc:
            raise Failed(str(exc)) from None
        if args.key:
            store_key(lib, article, Path(args.key), args.replace_key)
        try:
            stored = lib.assignments.create(draft)
        except AssignmentError as exc:
            raise Failed(str(exc)) from None
        if not lib.marks.shown(article, KEY_LAYER).marks:
            note(_("article {number} has no answer key yet, so hand-ins cannot be scored: give one with --key "
                   "KEYFILE, or mark the key in the desk (Mark ▸ Mark the answer key).").format(number=article.id))
    print(stored.stored_id)
    return OK


def parse_due(text: str | None) -> datetime | None:
    """``--due`` as an aware moment: a time without a zone is this computer's local time, as in the window."""
    from datetime import datetime

    if text is None:
        return None
    shown = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", shown):
        raise Failed(_("--due {date} needs a time as well, e.g. {date}T09:00, so students know when it is "
                       "due.").format(date=shown))
    try:
        moment = datetime.fromisoformat(shown)
    except ValueError:
        raise Failed(_("--due “{value}” is not a date and time Lede can read; write it as YYYY-MM-DDTHH:MM, e.g. "
                       "2026-12-01T09:00 (your time zone).").format(value=shown)) from None
    return moment if moment.tzinfo is not None else moment.astimezone()


def _unknown_category(key: str, standard: CategorySet) -> Failed:
    return Failed(_("There is no category “{key}”. Choose from: {keys}.").format(key=key,
                                                                                  keys=", ".join(standard.keys)))


def chosen_categories(standard: CategorySet, text: str | None) -> list[Category]:
    """The categories ``--categories`` names, in the standard order (as the window lists them); all when not given."""
    if text is None:
        return list(standard)
    keys = [key.strip() for key in text.split(",") if key.strip()]
    if not keys:
        raise Failed(_("--categories names no category. Choose from: {keys}.").format(keys=", ".join(standard.keys)))
    for key in keys:
        if key not in standard:
            raise _unknown_category(key, standard)
    return [c for c in standard if c.key in keys]


def minimums(items: list[str], standard: CategorySet, chosen: list[Category]) -> dict[str, int]:
    """``--minimum KEY=N`` for each, as the assignment's minimum counts (0 is no minimum, as in the window)."""
    out: dict[str, int] = {}
    in_play = {c.key for c in chosen}
    for item in items:
        key, equals, number = (part.strip() for part in item.partition("="))
        if not equals or not number.isdigit():
            raise Failed(_("--minimum {value}: write it as CATEGORY=NUMBER, e.g. source=3.").format(value=item))
        if key not in standard:
            raise _unknown_category(key, standard)
        if key not in in_play:
            raise Failed(_("--minimum {value}: students do not look for {key} in this assignment; add it to "
                           "--categories, or leave the minimum out.").format(value=item, key=key))
        out[key] = int(number)
    return {key: n for key, n in out.items() if n > 0}


def _key_facts(marks: list[Mark]) -> list[tuple]:
    import json

    return sorted((m.start, m.end, m.category, m.note, json.dumps(dict(m.extra), sort_keys=True), m.bonus)
                  for m in marks)


def store_key(lib: Library, article: Article, path: Path, replace: bool) -> None:
    """Reads the answer key file against the article's text and stores it as the article's key layer.

    Kept as it is when the article already has this very key. A different key is replaced only when asked
    (it may be one the teacher marked by hand in the desk), and never once hand-ins are scored against it:
    the teacher's comments on key marks belong to those marks.

    The application layer has no operation for replacing the key layer yet, so this calls the marks service's
    replace_layer through ``lib.run`` (one transaction, busy retries). It is not an undo step: the command
    line has no undo."""
    from desktop_app.core.assignments import TEACHER
    from desktop_app.core.marks import KEY_LAYER
    from desktop_app.importers import ArticleImportError
    from desktop_app.importers.answer_key import read_answer_key

    try:
        marks = read_answer_key(path, article.text, lib.categories_for(article.id), article.id)
    except ArticleImportError as exc:
        raise Failed(str(exc)) from None
    current = lib.marks.shown(article, KEY_LAYER).marks
    if _key_facts(current) == _key_facts(marks):
        return
    if current:
        if not replace:
            raise Failed(ngettext("Article {number} already has an answer key ({count} mark) that is not the one in "
                                  "{file}. Add --replace-key to put {file} in its place, or leave out --key to use "
                                  "the key it has.",
                                  "Article {number} already has an answer key ({count} marks) that is not the one in "
                                  "{file}. Add --replace-key to put {file} in its place, or leave out --key to use "
                                  "the key it has.", len(current)).format(number=article.id, count=len(current),
                                                                          file=path.name))
        scored = [s.assignment.title for s in lib.assignments.summaries(TEACHER)
                  if s.assignment.article_id == article.id and s.submissions]
        if scored:
            raise Failed(_("Article {number}'s answer key is not replaced: the hand-ins of “{title}” are scored "
                           "against it. Change the key in the desk (Mark ▸ Mark the answer key), or leave out "
                           "--key.").format(number=article.id, title=scored[0]))
    lib.run(lambda: lib.marks.service.replace_layer(article.id, KEY_LAYER, marks))


# --- assignment list, pack ----------------------------------------------------------------------------------
def cmd_assignment_list(url: str | None, args: argparse.Namespace) -> int:
    from desktop_app.core.assignments import TEACHER

    with opened_library(url) as lib:
        rows = lib.assignments.summaries(TEACHER)
    for row in rows:
        a = row.assignment
        due = a.due_at.astimezone().strftime("%Y-%m-%d %H:%M") if a.due_at is not None else ""
        article = one_line(row.article_title) or _("Untitled article {number}").format(number=a.article_id)
        print(f"{a.id}\t{one_line(a.title)}\t{article}\t{due}\t{row.submissions}\t{row.reviewed}")
    if not rows:
        print(_("There are no assignments yet. Make one with: lede assignment create ARTICLE_ID --title TITLE"),
              file=sys.stderr)
    return OK


def cmd_assignment_pack(url: str | None, args: argparse.Namespace) -> int:
    from desktop_app.exchange.errors import ExchangeError
    from desktop_app.exchange.names import PACK

    target = Path(args.output) if args.output else Path.cwd()
    if not target.is_dir() and target.suffix.lower() != PACK.suffix:
        raise Failed(_("{target} is not a folder and not a file name ending in {suffix}; give one of those to "
                       "-o.").format(target=target, suffix=PACK.suffix))
    with opened_library(url) as lib:
        assignment = teacher_assignment(lib, args.assignment)
        try:
            path = lib.assignments.export_pack(assignment.stored_id, target)
        except ExchangeError as exc:
            raise Failed(str(exc)) from None
    print(path)
    return OK
