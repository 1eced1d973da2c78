"""PDF export figures: a 5,000-word article with 300 marks as an annotated copy, and as a blank worksheet.

The floor is what ReportLab costs on its own for the same text: Paragraphs of the article with the 300
passages tinted by ``<span backColor>``, in the same embedded font, with no line numbers, cues, badges or
table (STACK-NOTES measured about 105 ms for it). Runs in the parent process: ReportLab needs no Qt.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

PDF_WORDS, PDF_MARKS = 5_000, 300


def _job_inputs(words: int, marks: int):
    from desktop_app.bench.textgen import make_text, passages, word_spans
    from desktop_app.core.articles import Article, ArticleDetails
    from desktop_app.core.marks import Mark

    text = make_text(words)
    article = Article(1, ArticleDetails("Benchmark article", "Bench Gazette", "Lede", "2026-11-25"), text)
    chosen = passages(word_spans(text), marks, seed=11)
    return article, [Mark(i + 1, 1, p.category, p.start, p.end, text[p.start:p.end], note=f"Note {i + 1}: why.")
                     for i, p in enumerate(chosen)]


def _floor(article, marks) -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

    from desktop_app.exporters.pdf.fonts import SERIF, register_fonts

    register_fonts()
    style = ParagraphStyle("floor", fontName=SERIF, fontSize=11, leading=18)
    text = article.text
    cuts = sorted({(m.start, m.end) for m in marks})
    story: list[Flowable] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        end_of_paragraph = offset + len(paragraph)
        out, at = [], offset
        for start, end in cuts:
            start, end = max(start, offset), min(end, end_of_paragraph)
            if start < at or start >= end:
                continue  # overlapping passages: Paragraph markup cannot nest them, the floor skips them
            out.append(escape(text[at:start]))
            out.append(f'<span backColor="#cde7f5">{escape(text[start:end])}</span>')
            at = end
        out.append(escape(text[at:end_of_paragraph]))
        story.append(Paragraph("".join(out).replace("\n", " "), style))
        offset = end_of_paragraph + 2
    SimpleDocTemplate(io.BytesIO()).build(story)


def measure(tmp: Path, runs: int, quick: bool) -> dict:
    from desktop_app.exporters.pdf import PdfJob, PdfKind, write_pdf
    from desktop_app.resources import default_categories

    words, count = (1_000, 60) if quick else (PDF_WORDS, PDF_MARKS)
    article, marks = _job_inputs(words, count)
    categories = default_categories()
    annotated = PdfJob(PdfKind.ANNOTATED, article, categories, marks)
    blank = PdfJob(PdfKind.BLANK, article, categories)
    write_pdf(blank, tmp / "warm-up.pdf")  # imports and font files, paid once per process
    _floor(article, marks)

    def timed(action) -> float:
        t0 = time.perf_counter()
        action()
        return (time.perf_counter() - t0) * 1000

    annotated_ms, blank_ms, floor_ms = [], [], []
    for _ in range(runs):  # interleaved, so a busy moment on the machine hits all three alike
        annotated_ms.append(timed(lambda: write_pdf(annotated, tmp / "annotated.pdf")))
        blank_ms.append(timed(lambda: write_pdf(blank, tmp / "blank.pdf")))
        floor_ms.append(timed(lambda: _floor(article, marks)))
    return {"annotated_ms": annotated_ms, "blank_ms": blank_ms, "floor_ms": floor_ms, "words": words,
            "marks": count}
