"""The `lede` command speaks the person's language: its help and its messages go through the translations. Run
under the pseudo-language (⟦Ŝáṽé⟧), no plain English word may be left, argparse's own (usage:, options:, -h's
help, its errors: Lede's catalog holds them, cli/argparse_words.py) included; what may stay is the command and
option names, the placeholders (FILE, URL), the values typed (a4, newer), and the data a message names."""

from __future__ import annotations

import argparse
import re

import pytest

from desktop_app.cli import _parser, main
from desktop_app.i18n import use_language
from desktop_app.i18n.pseudo import CLOSE, KEPT, OPEN

_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture
def pseudo_language(monkeypatch):
    monkeypatch.setenv("LEDE_LANGUAGE", "pseudo")
    yield
    use_language("en")


def _outside_brackets(text: str) -> str:
    """``text`` without what the pseudo-language bracketed (⟦…⟧, nested ones too)."""
    out, depth = [], 0
    for ch in text:
        if ch == OPEN:
            depth += 1
        elif ch == CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _names(parser: argparse.ArgumentParser) -> tuple[set[str], list[list[str]]]:
    """The command and subcommand names of ``parser`` (typed as they are) and its positionals' placeholders, and
    the argv of each one's --help."""
    names: set[str] = set()
    commands: list[list[str]] = [[]]
    for action in parser._actions:  # argparse keeps its subcommands nowhere public
        if not action.option_strings and not isinstance(action, argparse._SubParsersAction):
            names.add(action.metavar or action.dest)  # a positional's placeholder ("file", "article")
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                names.add(name)
                inner, deeper = _names(sub)
                names |= inner
                commands += [[name, *rest] for rest in deeper]
    return names, commands


def _english_left(text: str, names: set[str], data: tuple[str, ...] = ()) -> list[str]:
    """The words of ``text`` that are plain English of ours: not bracketed, not argparse's, not a name, an option,
    a placeholder, a value typed in braces, a name the pseudo-language keeps, or data."""
    text = _outside_brackets(text)
    for kept in data:
        text = text.replace(kept, " ")
    # The usage lines (after argparse's "usage: ", dressed and so taken out above): names, options, placeholders.
    text = re.sub(r"(?ms)^ ?lede\b.*?(?=^\S|\Z)", " ", text)
    text = re.sub(r"\{[^{}]*\}", " ", text)  # choices: {a4,letter}
    text = re.sub(r"(?<!\w)--?[\w-]+", " ", text)  # options
    text = KEPT.sub(" ", text)
    words = [w for w in _WORD.findall(text) if w not in names and not w.isupper() and w != "lede"]
    return words


def test_the_help_of_every_command_is_translated(pseudo_language, capsys):
    from desktop_app.i18n.choice import start_language

    start_language()
    names, commands = _names(_parser())
    assert len(commands) > 10  # lede, its commands, and assignment's actions
    for argv in commands:
        with pytest.raises(SystemExit) as done:
            main([*argv, "--help"])
        assert done.value.code == 0
        out = capsys.readouterr().out
        assert OPEN in out, argv
        left = _english_left(out, names | {part for n in names for part in n.split("-")})
        assert not left, f"lede {' '.join(argv)} --help: {left}\n{out}"


@pytest.mark.parametrize("argv, data", [
    (["export-pdf", "7"], ("7", "`lede list`")),  # the application layer's message, through the one-line ending
    (["take-in", "42", "hand-ins"], ("42", "`lede assignment list`")),  # the command's own
    (["assignment", "create", "1", "--title", "T", "--due", "2026-12-01"], ("2026-12-01",)),  # before the library
    (["assignment", "pack", "3", "-o", "{tmp}/missing/pack.txt"], ("{tmp}/missing/pack.txt", ".ledepack")),
])
def test_a_failed_command_says_why_in_the_persons_language(pseudo_language, capsys, tmp_path, db_url, argv, data):
    argv = [part.replace("{tmp}", str(tmp_path)) for part in argv]
    data = tuple(part.replace("{tmp}", str(tmp_path)) for part in data)
    assert main([*argv, "--db", db_url]) != 0
    err = capsys.readouterr().err.strip()
    assert err.startswith("lede: ") and OPEN in err, err
    assert not _english_left(err.removeprefix("lede: "), set(), data), err


def test_a_note_and_an_empty_library_are_in_the_persons_language(pseudo_language, capsys, db_url):
    assert main(["list", "--db", db_url]) == 0
    err = capsys.readouterr().err.strip()
    assert OPEN in err and not _english_left(err, set()), err


def test_english_is_english_again_after_the_pseudo_language(capsys, db_url):
    assert main(["list", "--db", db_url]) == 0
    assert capsys.readouterr().err.startswith("The library is empty.")


def test_argparse_speaks_spanish_too(monkeypatch, capsys):
    """The usage line, the section titles and a missing argument's error come from Lede's catalog."""
    monkeypatch.setenv("LEDE_LANGUAGE", "es")
    try:
        with pytest.raises(SystemExit):
            main(["--help"])
        out = capsys.readouterr().out
        assert out.startswith("uso: lede") and "opciones:" in out and "mostrar esta ayuda y salir" in out
        with pytest.raises(SystemExit):
            main(["export-pdf"])
        assert "error: faltan estos argumentos obligatorios: article" in capsys.readouterr().err
    finally:
        use_language("en")
