"""Importers: every fixture is built here, in tmp_path, so the tests say exactly what each file holds."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop_app.core.text import MAX_ARTICLE_CHARS, normalize_article_text
from desktop_app.importers import (
    FILE_DIALOG_FILTER,
    SUPPORTED_SUFFIXES,
    ArticleImportError,
    import_file,
    import_pasted_text,
)
from desktop_app.importers import base as importers_base

ARTICLE = (
    "Dam plan splits valley\n"
    "\n"
    "The council voted on Tuesday to approve the new dam, a decision critics called reckless.\n"
    "\n"
    "“We were never asked,” said one farmer who has lived in the valley for forty years."
)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def import_error(path: Path | str) -> str:
    with pytest.raises(ArticleImportError) as info:
        import_file(path)
    message = str(info.value)
    assert "Traceback" not in message
    return message


# --- plain text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "utf-32"],
)
def test_txt_encodings_round_trip(tmp_path, encoding):
    data = b"\xfe\xff" + ARTICLE.encode("utf-16-be") if encoding == "utf-16-be-bom" else ARTICLE.encode(encoding)
    article = import_file(write(tmp_path, "dam.txt", data))
    assert article.text == ARTICLE
    assert article.details.title == "Dam plan splits valley"
    assert article.format == "txt"
    assert article.source_name == "dam.txt"


def test_txt_title_stays_in_the_text(tmp_path):
    article = import_file(write(tmp_path, "dam.txt", ARTICLE))
    # Offsets of marks are into the text: the headline must not be cut out of it.
    assert article.text.startswith("Dam plan splits valley\n\n")


def test_txt_without_standalone_first_line_falls_back_to_first_line_or_name(tmp_path):
    article = import_file(write(tmp_path, "a.txt", "First line\nsecond line of the same paragraph.\n"))
    assert article.details.title == "First line"
    long_first = "x" * 201 + "\n\nBody."
    assert import_file(write(tmp_path, "b.txt", long_first)).details.title == "b"


def test_windows_line_endings_become_newlines(tmp_path):
    data = b"Headline\r\n\r\nFirst paragraph,\r\nsecond line.\r\n\r\n\r\n\r\nLast one.  \r\n"
    article = import_file(write(tmp_path, "crlf.TXT", data))
    assert article.text == "Headline\n\nFirst paragraph,\nsecond line.\n\nLast one."
    assert article.details.title == "Headline"


def test_cp1252_file_with_accents_and_curly_quotes(tmp_path):
    text = (
        "Le café de la place était fermé ; déjà les élèves attendaient devant l’école.\n\n"
        "« C’est inouï », dit la maîtresse — naïve, mais sûre d’elle. Coût : 5 €."
    )
    article = import_file(write(tmp_path, "fr.txt", text.encode("cp1252")))
    assert article.text == text


@pytest.mark.parametrize("text", ["Café", "Schöne Grüße aus München", "El niño comió piña, ¿verdad? Sí, señor."])
def test_short_latin1_files(tmp_path, text):
    assert import_file(write(tmp_path, "short.text", text.encode("latin-1"))).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Fans reacted 🎉🔥 — and the club 👍🏽 replied: 👨‍👩‍👧 family day.",
        "Cafe\u0301 and re\u0301sume\u0301 keep their combining accents (no silent NFC).",
        "הממשלה אישרה הבוקר את התוכנית, כך נמסר.\n\nלדברי השר, \u201cזה צעד חשוב\u201d.",
        "أعلنت الحكومة اليوم عن خطة جديدة.\n\nوقال الوزير إن «الخطوة مهمة».",
        "Mixed עברית and العربية and English 123.",
    ],
)
def test_unicode_survives_exactly(tmp_path, text):
    article = import_file(write(tmp_path, "u.txt", text))
    assert article.text == normalize_article_text(text)
    assert article.text.encode("utf-8") == text.encode("utf-8")


# --- Markdown ---------------------------------------------------------------------------------------


def test_markdown_with_front_matter(tmp_path):
    source = (
        "---\n"
        'title: "Dam plan splits valley"\n'
        "author: Ana Ruiz\n"
        "date: 2024-03-05T09:30:00Z\n"
        "source: The Gazette\n"
        "url: https://gazette.example/dam\n"
        "tags:\n"
        "  - water\n"
        "---\n"
        "# Dam plan splits valley\n"
        "\n"
        "The council voted **on Tuesday** to approve the *new* dam, a\n"
        "decision [critics](https://example.org) called `reckless`.\n"
        "\n"
        "## Reactions\n"
        "\n"
        "- Farmers are angry\n"
        "- Builders are pleased\n"
        "\n"
        "1. First step\n"
        "2. Second step\n"
        "\n"
        "> A quoted paragraph.\n"
        "\n"
        "![a photo](dam.png)\n"
    )
    article = import_file(write(tmp_path, "dam.md", source))
    assert article.format == "md"
    assert article.details.title == "Dam plan splits valley"
    assert article.details.author == "Ana Ruiz"
    assert article.details.published == "2024-03-05"
    assert article.details.outlet == "The Gazette"
    assert article.details.url == "https://gazette.example/dam"
    assert article.text == (
        "Dam plan splits valley\n\n"
        "The council voted on Tuesday to approve the new dam, a decision critics called reckless.\n\n"
        "Reactions\n\n"
        "• Farmers are angry\n• Builders are pleased\n\n"
        "1. First step\n2. Second step\n\n"
        "A quoted paragraph."
    )
    for markup in ("**", "#", "](", "`", "---", "title:", "dam.png"):
        assert markup not in article.text


def test_markdown_title_from_first_heading(tmp_path):
    source = "Intro line before the heading.\n\n## Not this one\n\n# The real headline\n\nBody &amp; more.\n"
    article = import_file(write(tmp_path, "notes.markdown", source))
    assert article.details.title == "The real headline"
    assert article.text == "Intro line before the heading.\n\nNot this one\n\nThe real headline\n\nBody & more."


def test_markdown_leading_rule_is_not_front_matter(tmp_path):
    source = "---\n\nA paragraph after a rule, with a colon: here.\n\n---\n\nMore text.\n"
    article = import_file(write(tmp_path, "rule.md", source))
    assert article.text == "A paragraph after a rule, with a colon: here.\n\nMore text."


# --- HTML -------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Dam plan splits valley | The Gazette</title>
<meta name="author" content="Ana Ruiz">
<meta property="og:site_name" content="The Gazette">
<meta property="og:title" content="Dam plan splits valley">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://gazette.example/dam-plan">
<script>var tracking = "SCRIPTCODE";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/subscribe">Subscribe to our newsletter NAVLINK</a></li></ul></nav>
<article>
<h1>Dam plan splits valley</h1>
<p>The council voted on Tuesday to approve the new dam, a decision that critics called reckless and rushed.</p>
<p>"We were never asked," said one farmer who has lived in the valley for forty years, near the river.</p>
<p>Supporters say the reservoir will secure water for the town for decades to come, whatever the cost.</p>
</article>
<footer><p>Copyright 2024 The Gazette. All rights reserved. FOOTERTEXT Privacy policy. Cookie settings.</p></footer>
</body></html>"""


def test_html_article_text_and_metadata(tmp_path):
    article = import_file(write(tmp_path, "dam.html", PAGE))
    assert article.format == "html"
    details = article.details
    assert details.title == "Dam plan splits valley"
    assert details.author == "Ana Ruiz"
    assert details.outlet == "The Gazette"
    assert details.published == "2024-03-05"
    assert details.url == "https://gazette.example/dam-plan"
    assert "The council voted on Tuesday" in article.text
    assert "forty years, near the river.\n\nSupporters say" in article.text  # paragraphs stay apart
    for boilerplate in ("NAVLINK", "FOOTERTEXT", "SCRIPTCODE", "<p>", "Subscribe"):
        assert boilerplate not in article.text


def test_html_lists_and_tables_read_like_the_other_formats(tmp_path):
    page = (
        "<html><body><article><h1>Budget</h1>"
        "<p>The council published its figures for the coming year on Monday morning, after a long delay.</p>"
        "<table><tr><th>Year</th><th>Cost</th></tr><tr><td>2025</td><td>4<b>m</b></td></tr></table>"
        "<ol><li>First <i>step</i></li><li>Second</li></ol><ul><li>A point</li></ul>"
        "<p>Line one<br>Line two</p></article></body></html>"
    )
    text = import_file(write(tmp_path, "budget.html", page)).text
    assert "Year\tCost\n2025\t4m" in text
    assert "1. First step\n2. Second" in text
    assert "• A point" in text
    assert "Line one\nLine two" in text
    assert "|" not in text and "**" not in text


def test_html_meta_charset_is_honoured(tmp_path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "<title>Élection</title></head><body><article><p>Le café était fermé; déjà les élèves attendaient "
        "devant l'école, naïfs et sûrs d'eux, depuis le matin.</p></article></body></html>"
    )
    article = import_file(write(tmp_path, "fr.htm", page.encode("latin-1")))
    assert "Le café était fermé; déjà les élèves" in article.text


def test_broken_html_with_text_still_imports(tmp_path):
    page = (
        "<div><p>The mayor said the bridge would reopen in <b>May, although engineers disagreed"
        "<p>Residents have waited eighteen months for the crossing to be repaired after the flood"
        "<p>Shops on both banks say trade has fallen by half since the closure began"
    )
    article = import_file(write(tmp_path, "broken.html", page))
    assert "The mayor said the bridge would reopen" in article.text
    assert "Shops on both banks" in article.text


def test_html_fragment_and_misdeclared_charset(tmp_path):
    fragment = "<p>Only a fragment: the café committee met on Monday evening to discuss the budget.</p>"
    page = '<html><head><meta charset="iso-8859-1"></head><body>' + fragment + "</body></html>"
    assert "the café committee" in import_file(write(tmp_path, "frag.html", fragment)).text
    # Declared Latin-1 but really UTF-8 (a common mistake): valid UTF-8 wins.
    assert "the café committee" in import_file(write(tmp_path, "mis.html", page)).text


def test_html_with_only_a_script_is_refused(tmp_path):
    page = "<html><head><script>alert(1)</script></head><body></body></html>"
    message = import_error(write(tmp_path, "app.html", page))
    assert "“app.html”" in message
    assert "no article text" in message
    assert "paste" in message


# --- Word -------------------------------------------------------------------------------------------


def make_docx(**properties) -> bytes:
    import docx

    document = docx.Document()
    for key, value in properties.items():
        setattr(document.core_properties, key, value)
    document.add_heading("Dam plan splits valley", 0)
    document.add_paragraph("The council voted on Tuesday to approve the new dam.")
    document.add_paragraph("")  # empty paragraphs are skipped
    paragraph = document.add_paragraph("Critics called it ")
    paragraph.add_run("reckless").bold = True
    paragraph.add_run(".")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("Year", "Cost"), ("2026", "€4m")], strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    document.add_paragraph("שלום and مرحبا and e\u0301.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_properties(tmp_path):
    data = make_docx(
        title="Dam plan (teacher copy)", author="Ana Ruiz", created=dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.UTC)
    )
    article = import_file(write(tmp_path, "dam.docx", data))
    assert article.format == "docx"
    assert article.text == (
        "Dam plan splits valley\n\n"
        "The council voted on Tuesday to approve the new dam.\n\n"
        "Critics called it reckless.\n\n"
        "Year\tCost\n2026\t€4m\n\n"
        "שלום and مرحبا and e\u0301."
    )
    assert article.details.title == "Dam plan (teacher copy)"
    assert article.details.author == "Ana Ruiz"
    assert article.details.published == "2024-03-05"


def test_docx_without_title_property_uses_title_paragraph(tmp_path):
    article = import_file(write(tmp_path, "untitled.docx", make_docx(title="")))
    assert article.details.title == "Dam plan splits valley"


# --- PDF --------------------------------------------------------------------------------------------


def make_pdf(lines_per_page: list[list[str]], *, encrypt: str | None = None, drawing_only: bool = False) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    pdf.setTitle("Dam plan splits valley")
    pdf.setAuthor("Ana Ruiz")
    if drawing_only:
        pdf.rect(100, 100, 300, 400, fill=1)
        pdf.showPage()
    for lines in lines_per_page:
        y = 780
        for line in lines:
            pdf.drawString(60, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_pdf_text_layer(tmp_path):
    data = make_pdf(
        [
            [
                "Dam plan splits valley",
                "The council voted on Tuesday to approve the new dam, a decision that critics",
                "called reckless and rushed by any measure of good public planning.",
            ],
            ["Page two: supporters are pleased."],
        ]
    )
    article = import_file(write(tmp_path, "dam.pdf", data))
    assert article.format == "pdf"
    assert article.text.startswith("Dam plan splits valley\n\n")
    # A wrapped line of prose is joined back into its paragraph.
    assert "decision that critics called reckless and rushed" in article.text
    assert "Page two: supporters are pleased." in article.text
    assert article.details.title == "Dam plan splits valley"
    assert article.details.author == "Ana Ruiz"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.details.published)  # reportlab stamps "now"


def test_pdf_without_text_layer(tmp_path):
    message = import_error(write(tmp_path, "scan.pdf", make_pdf([], drawing_only=True)))
    assert "“scan.pdf”" in message
    assert "no text layer" in message
    assert "OCR" in message and "paste" in message


def test_pdf_with_password(tmp_path):
    message = import_error(write(tmp_path, "locked.pdf", make_pdf([["Secret words here."]], encrypt="hunter2")))
    assert "“locked.pdf”" in message
    assert "password" in message and "paste" in message


def test_pdf_locked_only_against_printing_with_aes_opens(tmp_path):
    """Publishers' PDFs are often AES-encrypted with an empty user password: readable, not printable."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Reservoir plan approved by council."]]))))
    writer.encrypt(user_password="", owner_password="publisher", algorithm="AES-256", permissions_flag=0)
    buffer = io.BytesIO()
    writer.write(buffer)
    article = import_file(write(tmp_path, "locked-for-print.pdf", buffer.getvalue()))
    assert "Reservoir plan approved by council." in article.text


def test_truncated_pdf(tmp_path):
    data = make_pdf([["Dam plan splits valley", "More words on the page."]])
    message = import_error(write(tmp_path, "cut.pdf", data[: len(data) // 2]))
    assert "“cut.pdf”" in message
    assert "again" in message or "paste" in message


def test_pdf_missing_its_middle(tmp_path):
    data = make_pdf([[f"Page {n} has some words on it for the test."] for n in range(5)])
    message = import_error(write(tmp_path, "holed.pdf", data[: len(data) // 2] + data[-300:]))
    assert "“holed.pdf”" in message
    assert "damaged" in message and "paste" in message
    assert "no text layer" not in message


def test_file_named_pdf_that_is_not_one(tmp_path):
    message = import_error(write(tmp_path, "fake.pdf", b"<html>not a pdf</html>"))
    assert "“fake.pdf”" in message and "not a PDF" in message and "paste" in message


# --- bad files --------------------------------------------------------------------------------------


def test_empty_file(tmp_path):
    message = import_error(write(tmp_path, "empty.txt", b""))
    assert "“empty.txt”" in message
    assert "empty" in message and "right file" in message


def test_whitespace_only_file(tmp_path):
    message = import_error(write(tmp_path, "blank.md", b"  \r\n\t\n"))
    assert "“blank.md”" in message and "no readable words" in message


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        bytes(range(1, 32)) * 200,
    ],
    ids=["png-header", "control-characters"],
)
def test_binary_file_renamed_txt(tmp_path, data):
    message = import_error(write(tmp_path, "photo.txt", data))
    assert "“photo.txt”" in message
    assert "binary" in message and "save it again" in message


def test_random_bytes_renamed_md(tmp_path):
    message = import_error(write(tmp_path, "noise.md", os.urandom(4096)))
    assert "“noise.md”" in message and "binary" in message


def test_text_longer_than_an_article(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 4_000_000)  # 20 MB: under the file limit, far over MAX_ARTICLE_CHARS
    message = import_error(path)
    assert "“big.txt”" in message
    assert f"{MAX_ARTICLE_CHARS:,}" in message
    assert "Split it" in message


def test_huge_markdown_is_refused_before_parsing(tmp_path):
    path = write(tmp_path, "big.md", b"word " * (MAX_ARTICLE_CHARS // 2))
    message = import_error(path)
    assert "“big.md”" in message and "Split it" in message


def test_file_over_the_size_limit_is_not_read(tmp_path):
    path = tmp_path / "huge.pdf"
    with path.open("wb") as file:  # sparse: instant, and proves the size is checked before reading
        file.truncate(importers_base.MAX_FILE_BYTES + 1)
    message = import_error(path)
    assert "“huge.pdf”" in message and "50 MB" in message and "paste" in message


def test_docx_that_is_a_zip_of_junk(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("junk.txt", "nothing to see")
    message = import_error(write(tmp_path, "junk.docx", buffer.getvalue()))
    assert "“junk.docx”" in message
    assert "not a Word document" in message and "save it again as .docx" in message


def test_docx_that_is_not_a_zip(tmp_path):
    message = import_error(write(tmp_path, "plain.docx", b"Just some text saved with the wrong name."))
    assert "“plain.docx”" in message and "Word" in message and "paste" in message


def test_docx_that_is_encrypted_or_old_doc(tmp_path):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024
    message = import_error(write(tmp_path, "locked.docx", data))
    assert "“locked.docx”" in message and "password" in message and ".doc" in message


def test_unexpected_parser_failure_becomes_a_clear_error(tmp_path, monkeypatch):
    from desktop_app.importers import docx as docx_importer

    def explode(data, name):
        raise RuntimeError("lxml exploded deep inside")

    monkeypatch.setattr(docx_importer, "read", explode)
    message = import_error(write(tmp_path, "x.docx", make_docx()))
    assert message == (
        "“x.docx” is not a Word document Lede can read (it may be damaged). Open it in Word or LibreOffice and "
        "save it again as .docx, or paste the text."
    )


def test_unsupported_suffix(tmp_path):
    message = import_error(write(tmp_path, "notes.xyz", "some text"))
    assert "“notes.xyz”" in message
    for suffix in (".txt", ".md", ".html", ".docx", ".pdf"):
        assert suffix in message
    assert "paste" in message


def test_old_word_file_gets_a_conversion_hint(tmp_path):
    message = import_error(write(tmp_path, "old.doc", b"\xd0\xcf\x11\xe0"))
    assert "“old.doc”" in message and "save it as .docx" in message


def test_directory(tmp_path):
    folder = tmp_path / "articles.txt"
    folder.mkdir()
    message = import_error(folder)
    assert "“articles.txt”" in message and "folder" in message and "choose" in message


def test_missing_file(tmp_path):
    message = import_error(tmp_path / "gone.pdf")
    assert "“gone.pdf”" in message and "cannot find" in message and "Choose the file again" in message


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path, "private.txt", "secret")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    # Simulated: chmod does not stop root, and CI often runs as root.
    monkeypatch.setattr(Path, "read_bytes", refuse)
    message = import_error(path)
    assert "“private.txt”" in message and "not allowed" in message and "Copy the file" in message


# --- paste and the package surface ------------------------------------------------------------------


def test_pasted_text():
    article = import_pasted_text("Headline\r\n\r\nBody text here.\r\n")
    assert article.text == "Headline\n\nBody text here."
    assert article.details.title == "Headline"
    assert article.format == "paste" and article.source_name == ""
    assert import_pasted_text("Body only.", title="  My   title ").details.title == "My title"


def test_empty_paste_is_refused():
    with pytest.raises(ArticleImportError, match="pasted text has no readable words"):
        import_pasted_text(" \n\t ")


def test_supported_suffixes_and_dialog_filter():
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"}
    articles, all_files = FILE_DIALOG_FILTER.split(";;")
    assert articles.startswith("Articles (") and all(f"*{s}" in articles for s in SUPPORTED_SUFFIXES)
    assert all_files == "All files (*)"


def test_importing_the_package_does_not_load_parsers():
    code = (
        "import sys, desktop_app.importers\n"
        "heavy = [m for m in ('trafilatura', 'docx', 'pypdf', 'lxml', 'markdown_it', 'charset_normalizer')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.stdout.strip() == ""


def test_a_file_without_a_title_gets_its_first_short_line_or_its_name(tmp_path):
    caption = tmp_path / "gaza_talks.txt"
    caption.write_text("IDF soldiers in Gaza\nIDF soldiers in GazaIDF Spokesperson\n\nThe talks resumed.",
                       encoding="utf-8")
    assert import_file(caption).details.title == "IDF soldiers in Gaza"
    long_first = tmp_path / "council_minutes.txt"
    long_first.write_text("word " * 60 + "\nmore text", encoding="utf-8")
    assert import_file(long_first).details.title == "council minutes"


def _without_module(monkeypatch, missing: str) -> None:
    """Makes importing ``missing`` (and anything under it) fail as it does when the package is not installed."""
    import builtins

    for loaded in [m for m in sys.modules if m == missing or m.startswith(missing + ".")]:
        monkeypatch.delitem(sys.modules, loaded)
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == missing or name.startswith(missing + "."):
            raise ModuleNotFoundError(f"No module named '{name}'", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)


@pytest.mark.parametrize(("missing", "file_name", "data"), [
    ("trafilatura", "page.html", PAGE),
    ("docx", "story.docx", None),
    ("pypdf", "story.pdf", None),
])
def test_a_missing_parser_is_reported_as_a_missing_part_not_a_damaged_file(tmp_path, monkeypatch, missing,
                                                                           file_name, data):
    if data is None:
        data = make_docx() if file_name.endswith(".docx") else make_pdf([["Dam plan splits valley."]])
    path = write(tmp_path, file_name, data)
    _without_module(monkeypatch, missing)
    message = import_error(path)
    assert message == (f"Lede is missing a part ({missing}), so it could not read “{file_name}”; the file itself "
                       "may be fine. Reinstall Lede, or ask whoever looks after this computer to.")
    assert "damaged" not in message


def test_a_part_that_a_parser_loads_late_is_named_when_it_is_missing(tmp_path, monkeypatch):
    """pip 23.2 left out lxml_html_clean, which jusText loads through lxml.html.clean; lxml re-raises that
    ImportError under its own words ("from None"), and the message must still name the missing module."""
    path = write(tmp_path, "page.html", PAGE)

    def lxml_style_failure(data, name):
        try:
            raise ModuleNotFoundError("No module named 'lxml_html_clean'", name="lxml_html_clean")
        except ImportError:
            raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean.") from None

    from desktop_app.importers import html as html_importer

    monkeypatch.setattr(html_importer, "read", lxml_style_failure)
    message = import_error(path)
    assert message.startswith("Lede is missing a part (lxml_html_clean), so it could not read “page.html”")


def test_an_aes_pdf_without_cryptography_is_a_missing_part_not_a_locked_file(tmp_path, monkeypatch):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Reservoir plan approved by council."]]))))
    writer.encrypt(user_password="", owner_password="publisher", algorithm="AES-256", permissions_flag=0)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = write(tmp_path, "locked-for-print.pdf", buffer.getvalue())
    _without_module(monkeypatch, "cryptography")
    # pypdf chooses its AES provider when it is imported: import it afresh, without cryptography.
    for loaded in [m for m in sys.modules if m == "pypdf" or m.startswith("pypdf.")]:
        monkeypatch.delitem(sys.modules, loaded)
    message = import_error(path)
    assert message.startswith("Lede is missing a part (cryptography), so it could not read “locked-for-print.pdf”")
    assert "password" not in message
