"""One small article in each format Lede imports, each with a phrase of its own, for the tests that check an
*installed* Lede (a wheel installed with an old pip, the standalone bundle) reads every format. The files are
made with this process's python-docx and ReportLab; what reads them is the installation under test."""

from __future__ import annotations

from pathlib import Path

from tests.test_importers import PAGE, make_docx, make_pdf

# What each format's import must find in the article's text.
PHRASES = {
    ".txt": "The river rose four metres overnight.",
    ".md": "Volunteers filled sandbags until dawn.",
    ".html": "The council voted on Tuesday",  # in PAGE, the page test_importers reads with trafilatura
    ".docx": "The council voted on Tuesday to approve the new dam.",
    ".pdf": "Reservoir plan approved by the regional council.",
}


def write_articles(folder: Path) -> dict[str, Path]:
    """Writes article.txt, .md, .html, .docx and .pdf into ``folder``; returns them by suffix."""
    folder.mkdir(parents=True, exist_ok=True)
    contents: dict[str, bytes] = {
        ".txt": f"Flood warning\n\n{PHRASES['.txt']} Residents were told to move to higher ground.\n".encode(),
        ".md": f"# Flood night\n\n{PHRASES['.md']} *Nobody* slept.\n".encode(),
        ".html": PAGE.encode("utf-8"),
        ".docx": make_docx(title="Dam plan"),
        ".pdf": make_pdf([["Reservoir plan", PHRASES[".pdf"], "Work starts in spring."]]),
    }
    paths = {}
    for suffix, data in contents.items():
        paths[suffix] = folder / f"article{suffix}"
        paths[suffix].write_bytes(data)
    return paths
