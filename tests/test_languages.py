"""Lede in Spanish and in Hebrew, as a class that does not read English meets it: the desk's menus and category
buttons, the classroom window's tabs, and a printed worksheet, in the catalogs' words; Hebrew mirrored right to
left. (tests/test_translations.py checks the catalogs are complete; this checks they reach the screen and paper.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from desktop_app.exporters.pdf import PdfJob, PdfKind, render_pdf
from desktop_app.i18n import use_language
from desktop_app.resources import default_categories
from tests.pdf_reading import text_runs
from tests.test_pdf_export import MADE_ON, sample_article

# What the glossary the catalogs were translated with fixes (docs/translating.md): the menus and categories.
WORDS = {
    "es": {"menus": ["&Archivo", "&Editar", "&Marcar", "&Ver", "&Clase", "Ay&uda"],
           "categories": ["Fuente", "Lenguaje cargado", "Afirmación atribuida", "Afirmación sin atribuir",
                          "Punto de vista opuesto"]},
    "he": {"menus": ["&קובץ", "&עריכה", "&סימון", "&תצוגה", "&כיתה", "&עזרה"],
           "categories": ["מקור", "שפה טעונה", "טענה מיוחסת", "טענה לא מיוחסת", "עמדה מנוגדת"]},
}


@pytest.fixture
def speaking(monkeypatch):
    """Starts the windows in a language, as LEDE_LANGUAGE would, and puts English, left to right, back after."""
    locale = QLocale()

    def start_in(code: str) -> None:
        monkeypatch.setenv("LEDE_LANGUAGE", code)

    yield start_in
    use_language("en")
    QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    QLocale.setDefault(locale)


@pytest.mark.parametrize("code", ["es", "he"])
def test_the_desk_speaks_the_language_and_hebrew_reads_right_to_left(speaking, make_window, code):
    speaking(code)
    window = make_window()
    menus = [action.text() for action in window.menuBar().actions() if action.menu() is not None]
    for wanted in WORDS[code]["menus"]:
        assert wanted in menus, (wanted, menus)
    buttons = [button.text() for button in window.panel.category_buttons.values()]
    for name in WORDS[code]["categories"]:
        assert any(name in text for text in buttons), (name, buttons)
    wanted = Qt.LayoutDirection.RightToLeft if code == "he" else Qt.LayoutDirection.LeftToRight
    assert QApplication.layoutDirection() == wanted and window.layoutDirection() == wanted
    # The sample article is English: it keeps its own direction inside a mirrored window.
    assert window.view.layoutDirection() == Qt.LayoutDirection.LeftToRight


@pytest.mark.parametrize("code", ["es", "he"])
def test_the_classroom_window_speaks_the_language(speaking, make_window, code):
    speaking(code)
    room = make_window().classroom.show_classroom()
    tabs = [room.tabs.tabText(i) for i in range(room.tabs.count())]
    english = {"Roster", "Review", "Class view"}
    assert tabs and not english & set(tabs), tabs
    if code == "he":
        assert room.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_a_spanish_worksheet_is_printed_in_spanish(speaking):
    use_language("es")
    article = sample_article()
    text = " ".join(r.text for r in text_runs(render_pdf(PdfJob(PdfKind.BLANK, article, default_categories(),
                                                                  made_on=MADE_ON))))
    for name in WORDS["es"]["categories"]:
        assert name in text, name
    assert "Nombre" in text and "Name" not in text.replace(article.details.title, "")


def test_a_hebrew_worksheet_is_printed_in_hebrew(speaking):
    use_language("he")
    runs = text_runs(render_pdf(PdfJob(PdfKind.BLANK, sample_article(), default_categories(), made_on=MADE_ON)))
    # Right-to-left runs are drawn in visual order: a word may read backwards in the page's own text.
    text = " ".join(r.text for r in runs)
    for name in ("מקור", "כיתה"):
        assert name in text or name[::-1] in text, name
    # "Line", the head of each table's narrow first column, whole: it once broke over two lines ("שור" / "ה").
    heads = [r.text for r in runs if r.size == 9.0 and r.text in ("שורה", "הרוש")]
    assert len(heads) == len(default_categories()), heads


def test_an_english_passage_keeps_its_order_in_the_hebrew_marks_list(speaking, make_window):
    """Curly quotation marks are not mirrored: without an isolate, the list of a Hebrew window showed an English
    passage as ”residents“. The passage and its note are isolated; the Hebrew catalog uses straight quotes."""
    speaking("he")
    window = make_window()
    text = window.desk.article.text
    start = text.index("Councillor Margaret Osei")
    window.view.select_range(start, start + len("Councillor Margaret Osei"))
    window.apply_category("source")
    model = window.panel.list_model
    rows = [str(model.index(r, 0).data()) for r in range(model.rowCount())]
    assert any("\u2068“Councillor Margaret Osei”\u2069" in row for row in rows), rows
