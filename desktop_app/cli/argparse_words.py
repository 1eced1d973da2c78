"""argparse's own words (the usage line, its section titles, -h's help, its error messages) in the person's
language. argparse looks them up with the module-level gettext functions it imported; it is pointed at Lede's
catalog, which holds them through the marks below (Python ships no translations of its own)."""

from __future__ import annotations

from desktop_app.i18n import N_, _, ngettext

# Translators: argparse's texts. Keep %s, %r and %(name)s exactly; "usage: " keeps its space at the end.
ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("invalid %(type)s value: %(value)r"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("ignored explicit argument %r"),
)


def _plural_marks() -> None:  # never called: marks argparse's one plural text for the catalog
    ngettext("expected %s argument", "expected %s arguments", 1)


def speak_the_persons_language() -> None:
    """Called after the language is chosen and before the parser prints anything."""
    import argparse

    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
