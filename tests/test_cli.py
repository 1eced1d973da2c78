"""The `lede` command line: import prints an id or one clear line on stderr; list shows the library."""

from __future__ import annotations

import subprocess
import sys

from desktop_app.cli import main


def test_import_prints_the_new_id_and_list_shows_it(tmp_path, db_url, capsys):
    article = tmp_path / "pool.md"
    article.write_text("---\ntitle: Pool to stay open\noutlet: The Herald\n---\n\nThe council voted to keep "
                       "the pool open, the mayor said.\n", encoding="utf-8")
    assert main(["import", str(article), "--db", db_url]) == 0
    out = capsys.readouterr()
    assert out.out.strip().isdigit() and out.err == ""
    article_id = int(out.out)

    assert main(["list", "--db", db_url]) == 0
    rows = capsys.readouterr().out.strip().splitlines()
    assert len(rows) == 1
    assert rows[0].split("\t")[:3] == [str(article_id), "Pool to stay open", "The Herald"]


def test_a_bad_file_gives_one_line_on_stderr_and_a_failing_exit_code(tmp_path, db_url, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["import", str(empty), "--db", db_url]) != 0
    out = capsys.readouterr()
    assert out.out == ""
    lines = out.err.strip().splitlines()
    assert len(lines) == 1 and "empty.txt" in lines[0] and lines[0].startswith("lede: ")
    assert main(["list", "--db", db_url]) == 0
    assert capsys.readouterr().out == "", "nothing half-imported"


def test_an_unusable_database_is_one_clear_line(tmp_path, capsys):
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 200)
    assert main(["list", "--db", f"sqlite:///{broken}"]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("lede: ") and "--db" in err[0]


def test_the_installed_console_script_answers_help_without_qt():
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--help"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and "import" in done.stdout and "list" in done.stdout


def test_a_malformed_database_url_is_one_clear_line(tmp_path, capsys):
    assert main(["list", "--db", "not a url"]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--db" in err[0]
    blocked = tmp_path / "file"
    blocked.write_text("a file where a folder should be")
    assert main(["list", "--db", f"sqlite:///{blocked}/sub/lede.sqlite3"]) == 3
    assert "folder you can write to" in capsys.readouterr().err


def test_export_pdf_prints_each_kind_and_says_when_the_key_comes_from_the_desk(tmp_path, db_url, capsys,
                                                                              monkeypatch):
    from pypdf import PdfReader

    article = tmp_path / "pool.txt"
    article.write_text("Pool to stay open\n\nThe council voted to keep the pool open, the mayor said.\n",
                       encoding="utf-8")
    assert main(["import", str(article), "--db", db_url]) == 0
    article_id = capsys.readouterr().out.strip()
    monkeypatch.chdir(tmp_path)

    assert main(["export-pdf", article_id, "--db", db_url]) == 0
    out = capsys.readouterr()
    assert out.out.strip() == "pool-to-stay-open-blank.pdf" and out.err == ""
    assert len(PdfReader(tmp_path / "pool-to-stay-open-blank.pdf").pages) >= 1

    target = tmp_path / "key.pdf"
    assert main(["export-pdf", article_id, "--kind", "key", "--paper", "letter", "-o", str(target),
                 "--db", db_url]) == 0
    out = capsys.readouterr()
    assert out.out.strip() == str(target)
    assert "no answer key and no marks yet" in out.err
    assert round(float(PdfReader(target).pages[0].mediabox.width)) == 612


def test_export_pdf_of_a_missing_article_or_into_a_missing_folder_is_one_line(tmp_path, db_url, capsys):
    assert main(["export-pdf", "42", "--db", db_url]) == 2
    assert capsys.readouterr().err.strip() == "lede: There is no article 42. `lede list` shows the articles and " \
                                              "their numbers."
    article = tmp_path / "a.txt"
    article.write_text("Some words for an article.", encoding="utf-8")
    main(["import", str(article), "--db", db_url])
    article_id = capsys.readouterr().out.strip()
    assert main(["export-pdf", article_id, "-o", str(tmp_path / "nope" / "x.pdf"), "--db", db_url]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "does not exist" in err[0]


def test_a_file_given_first_means_open_it(tmp_path):
    """What a double-click runs (Exec=lede %F): ``lede FILE`` is ``lede open FILE``; commands are left alone."""
    from desktop_app.cli import _files_first

    pack = tmp_path / "library.ledepack"
    pack.write_bytes(b"")
    assert _files_first([str(pack)]) == ["open", str(pack)]
    assert _files_first(["list"]) == ["list"]
    assert _files_first(["--db", "sqlite://"]) == ["--db", "sqlite://"]
    assert _files_first([str(tmp_path / "missing.ledepack")]) == [str(tmp_path / "missing.ledepack")]


def test_a_key_with_a_teachers_own_category_prints_it_by_name(db_url, tmp_path):
    from pypdf import PdfReader

    from desktop_app.core.articles import ArticleDetails
    from desktop_app.core.assignments import Assignment, custom_category
    from desktop_app.core.marks import KEY_LAYER, new_mark
    from desktop_app.resources import default_categories
    from desktop_app.storage.articles import ArticleService
    from desktop_app.storage.assignments import AssignmentService
    from desktop_app.storage.database import open_database
    from desktop_app.storage.marks import MarkService

    db = open_database(db_url)
    try:
        article = ArticleService(db).add("The council spent £2m on 64 spaces.", ArticleDetails("Spending"))
        standard = list(default_categories())
        statistic = custom_category("Statistic", "#009E73", "dotted", "Where does the number come from?", standard)
        AssignmentService(db).create(Assignment(uid="", title="Numbers", article_id=article.id,
                                                categories=tuple(standard + [statistic])))
        text = article.text
        MarkService(db).replace_layer(article.id, KEY_LAYER, [
            new_mark(article.id, text, text.index("£2m"), text.index("£2m") + 3, statistic.key, layer=KEY_LAYER)])
    finally:
        db.dispose()
    out = tmp_path / "key.pdf"
    assert main(["export-pdf", str(article.id), "--kind", "key", "-o", str(out), "--db", db_url]) == 0
    printed = "\n".join(page.extract_text() or "" for page in PdfReader(out).pages)
    assert "Statistic" in printed and "Other" not in printed
