"""Files made to hurt, or damaged on the way, as a hostile or unlucky student would bring them: each ends in one
clear message, with peak memory under 300 MB and nothing written. The memory is measured in a process of its
own (its peak resident size), which is what a lab computer feels."""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from desktop_app.importers import ArticleImportError, import_file

ROOT = Path(__file__).resolve().parent.parent
PEAK_MB = 300
_MEASURE = """
import json, resource, sys
from desktop_app.importers import ArticleImportError, import_file
out = []
for path in sys.argv[1:]:
    try:
        import_file(path)
        out.append("imported")
    except ArticleImportError as exc:
        out.append(str(exc))
def peak_mb():
    # VmHWM is this program's own high-water mark; ru_maxrss would also count the parent's at the fork (Linux
    # keeps it across exec), which is the test runner's, not ours.
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"results": out, "peak_mb": peak_mb()}))
"""


def _import_in_own_process(*paths: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _MEASURE, *map(str, paths)], capture_output=True, text=True,
                          timeout=240, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def _docx_bomb(path: Path, inflated_mb: int) -> Path:
    """A real .docx (one paragraph) with a picture part of zeros that inflates ``inflated_mb`` MB."""
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("The council voted on Tuesday.")
    document.save(buffer)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as z, z.open("word/media/image1.png", "w",
                                                                            force_zip64=True) as member:
        block = bytes(1_000_000)
        for _ in range(inflated_mb):
            member.write(block)
    path.write_bytes(buffer.getvalue())
    return path


def _pdf_with_stream(path: Path, inflated_mb: int) -> Path:
    """A one-page PDF whose content stream inflates to about ``inflated_mb`` MB of text operators."""
    squeeze = zlib.compressobj(9)
    chunk = b"BT /F1 12 Tf 72 700 Td (Lede) Tj ET\n" * 28_000
    stream = b"".join([squeeze.compress(chunk) for _ in range(inflated_mb)] + [squeeze.flush()])
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.slow
def test_a_docx_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    small = _docx_bomb(tmp_path / "homework.docx", 400)  # 400 MB of zeros in a file of about 400 KB
    big = _docx_bomb(tmp_path / "essay.docx", 1_000)
    assert small.stat().st_size < 1_000_000
    measured = _import_in_own_process(small, big)
    for message in measured["results"]:
        assert "zip bomb" in message and "Word document" in message
    assert measured["peak_mb"] < PEAK_MB


@pytest.mark.slow
def test_a_pdf_whose_stream_inflates_far_beyond_an_article_is_refused(tmp_path):
    bombs = [_pdf_with_stream(tmp_path / f"bomb-{mb}.pdf", mb) for mb in (70, 200)]
    measured = _import_in_own_process(*bombs)
    for message in measured["results"]:
        assert "far more than an article needs" in message
    assert measured["peak_mb"] < PEAK_MB


def test_lone_surrogates_and_control_characters_from_an_article_file_are_cleaned_at_the_boundary(tmp_path):
    from docx import Document

    document = Document()
    document.core_properties.title = "Budget\tvote\n today"
    document.add_paragraph("The council voted on Tuesday.")
    path = tmp_path / "vote.docx"
    document.save(path)
    assert import_file(path).details.title == "Budget vote today"
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Vote \ud800 news</title></head><body><article><p>"
                    + "The council voted on Tuesday to keep the library open. " * 20
                    + "\ud800</p></article></body></html>", encoding="utf-8", errors="surrogatepass")
    imported = import_file(page)
    assert "\ud800" not in imported.text and "\ud800" not in imported.details.title


# --- a fuzz of every importer -------------------------------------------------------------------------------

def _good_files(folder: Path) -> list[Path]:
    from docx import Document
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    prose = ("Councillors voted on Tuesday to close the Eastgate library. “It is a drain on money,” said "
             "Councillor Ann Lee. Critics slammed the plan as reckless.")
    (folder / "a.txt").write_text(f"Library vote\n\n{prose}\n", encoding="utf-8")
    (folder / "a.md").write_text(f"# Library vote\n\n{prose}\n\n- one\n- two\n", encoding="utf-8")
    (folder / "a.html").write_text(f"<html><head><title>Library vote</title></head><body><article><h1>Library vote"
                                   f"</h1><p>{prose}</p><p>{prose}</p></article></body></html>", encoding="utf-8")
    document = Document()
    document.add_heading("Library vote", 1)
    document.add_paragraph(prose)
    document.save(folder / "a.docx")
    pdf = canvas.Canvas(str(folder / "a.pdf"), pagesize=A4)
    for i, line in enumerate(["Library vote", *prose.split(". ")]):
        pdf.drawString(72, 760 - 16 * i, line)
    pdf.save()
    return [folder / f"a.{s}" for s in ("txt", "md", "html", "docx", "pdf")]


def _mutations(data: bytes, rng: random.Random, count: int) -> list[bytes]:
    out = []
    for i in range(count):
        if i % 3 == 0:  # cut short, as an unfinished download or copy
            out.append(data[: rng.randrange(1, len(data))])
        else:  # bytes flipped, as a damaged disk or a student poking at it
            damaged = bytearray(data)
            for _ in range(rng.randint(1, 12)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            out.append(bytes(damaged))
    return out


def test_every_importer_answers_truncated_and_mutated_files_with_one_clear_message(tmp_path):
    rng = random.Random(20261127)
    fuzzed = tmp_path / "fuzz"
    fuzzed.mkdir()
    paths = []
    for good in _good_files(tmp_path):
        for n, data in enumerate(_mutations(good.read_bytes(), rng, 30)):
            path = fuzzed / f"{good.stem}-{n}{good.suffix}"
            path.write_bytes(data)
            paths.append(path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    measured = _import_in_own_process(*paths)
    unclear = [(p.name, m) for p, m in zip(paths, measured["results"], strict=True)
               if m != "imported" and not (m.startswith(("“", "Lede ")) and m.endswith((".", ")")))]
    assert unclear == []
    assert measured["peak_mb"] < PEAK_MB
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing written beside them
    # And in this process too: only ArticleImportError, never another exception.
    for path in paths[::7]:
        with contextlib.suppress(ArticleImportError):
            import_file(path)


# --- text from files and people is data, never markup, in every window --------------------------------------

MARKUP = '<b>bold</b><img src="https://example.com/x.png">'


def _widgets_showing_markup(*windows) -> list[str]:
    """Every place a window shows text as rich text that holds MARKUP unescaped: tooltips, labels, item models."""
    from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
    from PySide6.QtWidgets import QAbstractItemView, QLabel, QWidget

    raw = "<img"
    found = []
    for window in windows:
        for widget in [window, *window.findChildren(QWidget)]:
            if raw in widget.toolTip():
                found.append(f"tooltip of {type(widget).__name__} {widget.objectName()!r}")
            if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.PlainText and raw in widget.text():
                found.append(f"label {widget.objectName()!r}")
            if isinstance(widget, QAbstractItemView) and isinstance(widget.model(), QAbstractItemModel):
                model = widget.model()
                try:
                    columns = model.columnCount(QModelIndex())
                except TypeError:  # a list model (its columnCount is private in Qt): one column
                    columns = 1
                for row in range(model.rowCount(QModelIndex())):
                    for column in range(columns):
                        tip = model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
                        if isinstance(tip, str) and raw in tip:
                            found.append(f"tooltip of {type(model).__name__} row {row} column {column}")
    return found


def test_markup_in_every_field_of_a_pack_and_a_hand_in_is_shown_as_typed(make_window, tmp_path, monkeypatch):
    from datetime import UTC, datetime, timedelta

    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from desktop_app.core.articles import Article, ArticleDetails
    from desktop_app.core.assignments import Assignment, custom_category
    from desktop_app.core.marks import new_mark
    from desktop_app.exchange.pack import text_sha256, write_pack
    from desktop_app.exchange.submission import write_submission
    from desktop_app.resources import default_categories

    teacher = make_window()
    categories = list(default_categories())[:2]
    categories.append(custom_category(f"Stat {MARKUP[:10]}", "#009E73", "dotted", f"Where from? {MARKUP}",
                                      categories))
    made = teacher.assignments.create(Assignment(
        uid="", title=f"Title {MARKUP}", article_id=teacher.desk.article.id, categories=tuple(categories),
        instructions=f"Instructions {MARKUP}", due_at=datetime.now(UTC) + timedelta(days=1)))
    article = teacher.desk.article
    shown = Article(article.id, ArticleDetails(f"Headline {MARKUP}", f"Outlet {MARKUP}", f"Author {MARKUP}"),
                    article.text)
    pack = write_pack(tmp_path / "pack.ledepack", made, shown)
    student = make_window(f"sqlite:///{tmp_path / 'student.sqlite3'}")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (f"Ana {MARKUP}", True))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    assert student.classroom.open_pack_path(pack)
    text = student.desk.article.text
    student.view.select_range(text.index("Councillor"), text.index("Councillor") + len("Councillor"))
    student.apply_category("source")
    student.desk.set_note(student.desk.selected_mark_id, f"Note {MARKUP}")

    folder = tmp_path / f"in {MARKUP[:3]}"
    folder.mkdir()
    quote = "Zoë Marchetti"
    start = text.index(quote)
    handed, _ = write_submission(folder, made, text_sha256(article.text), f"Ben {MARKUP}",
                                 [new_mark(1, article.text, start, start + len(quote), "source", note=MARKUP)],
                                 datetime.now(UTC))
    odd_name = handed.with_name(f"ben {MARKUP.replace('/', '')}.ledesub")
    handed.rename(odd_name)
    room = teacher.classroom.show_classroom()
    room.import_paths([odd_name])
    room.open_review(room.desk.work.submissions[0].id)
    assert _widgets_showing_markup(student, teacher, room) == []
