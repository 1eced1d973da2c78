"""``lede suggest FILE…``: suggested key marks for article files, one JSON object per line, for any program to
read or score.

Each file is read as ``lede import`` reads it (the same importer, the same normalised text), so the offsets are
code points into the text Lede would store, and each quote equals the text at its offsets. The models are
loaded once for all the files. Nothing is stored: the library is not opened.
"""

from __future__ import annotations

import argparse
import json
import sys

from desktop_app.cli.session import OK, SOME_REFUSED, Failed, note
from desktop_app.i18n import N_, _

# Translators: file, category, start, end, quote, reason, attributed_to and null are the JSON's own words: keep them.
SUGGEST_LINES = N_("""\
One JSON object per line:
  {"file", "category", "start", "end", "quote", "reason", "attributed_to"}
start and end are code points into the text as `lede import` stores it (end
excluded); quote is that text. attributed_to is, for an attributed claim, its
source's {"start", "end", "quote"} (when the source is suggested too), else null.
Exit status: 0 when every file was read, 1 when any could not be, 2 for a
mistake in the command.""")


def add_commands(sub, common: argparse.ArgumentParser) -> None:
    from desktop_app.suggest import FEWER, MORE, SUGGESTED_CATEGORIES

    cmd = sub.add_parser("suggest", parents=[common],
                         help=_("suggest answer-key marks for article files (JSON lines)"),
                         description=_("Suggests sources, attributed claims and candidate loaded language, offline, "
                                       "with small models trained on labelled English news."),
                         epilog=_(SUGGEST_LINES), formatter_class=argparse.RawDescriptionHelpFormatter)
    cmd.add_argument("files", nargs="+", metavar="FILE", help=_(".txt, .md, .html, .docx or .pdf (with a text layer)"))
    cmd.add_argument("--categories", default=",".join(SUGGESTED_CATEGORIES),
                     # Translators: {keys} are the category keys typed after --categories, as they are typed.
                     help=_("comma-separated, from {keys} (default: all three)").format(
                         keys=",".join(SUGGESTED_CATEGORIES)))
    cmd.add_argument("--loaded", choices=[FEWER, MORE], default=FEWER,
                     # Translators: fewer and more are the values typed after --loaded.
                     help=_("loaded-language candidates: fewer, surer ones (default) or more of them"))
    cmd.set_defaults(run=cmd_suggest)


def _categories(value: str) -> tuple[str, ...]:
    from desktop_app.suggest import SUGGESTED_CATEGORIES

    chosen = tuple(c.strip() for c in value.split(",") if c.strip())
    unknown = [c for c in chosen if c not in SUGGESTED_CATEGORIES]
    if unknown or not chosen:
        if not unknown:
            raise Failed(_("--categories takes {keys} (any of them, comma-separated); not nothing.").format(
                keys=",".join(SUGGESTED_CATEGORIES)))
        raise Failed(_("--categories takes {keys} (any of them, comma-separated); not {given}.").format(
            keys=",".join(SUGGESTED_CATEGORIES), given=",".join(unknown)))
    return chosen


def cmd_suggest(url: str | None, args: argparse.Namespace) -> int:
    from desktop_app.core.text import ArticleTextError
    from desktop_app.importers import ArticleImportError, import_file
    from desktop_app.suggest.suggester import ModelMissing, Suggester

    categories = _categories(args.categories)
    suggester = Suggester()
    status = OK
    for name in args.files:
        try:
            text = import_file(name).text
        except (ArticleImportError, ArticleTextError) as exc:
            print(f"lede: {name}: {exc}", file=sys.stderr)
            status = SOME_REFUSED
            continue
        try:
            found = suggester.suggest(text, categories, loaded_setting=args.loaded)
        except ModelMissing as exc:
            raise Failed(str(exc)) from None
        if found.notice:
            note(f"{name}: {found.notice}")
        by_key = found.by_key()
        for s in found.items:
            source = by_key.get(s.attributed_to) if s.attributed_to else None
            print(json.dumps({
                "file": name, "category": s.category, "start": s.start, "end": s.end, "quote": s.quote,
                "reason": s.reason,
                "attributed_to": None if source is None else {"start": source.start, "end": source.end,
                                                               "quote": source.quote},
            }, ensure_ascii=False))
    return status
