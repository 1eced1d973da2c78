"""The article's title, outlet, author and date sit above its text, the date written as the language writes it;
Article details takes the date as a date and never loses what a file said that is not one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate

from desktop_app.core.articles import Article, ArticleDetails
from desktop_app.i18n import use_language
from desktop_app.ui.article_header import ArticleHeader, byline
from desktop_app.ui.date_field import NO_DATE, DateField


@pytest.fixture
def spanish():
    use_language("es")
    yield
    use_language("en")


def test_the_byline_writes_an_iso_date_as_the_language_does_and_keeps_other_words():
    details = ArticleDetails(title="T", outlet="The Eastgate Courier", author="Sam Reed", published="2026-11-27")
    assert byline(details) == "The Eastgate Courier · Sam Reed · November 27, 2026"
    assert byline(details.with_changes(published="Tuesday morning", author="")) == \
        "The Eastgate Courier · Tuesday morning"
    assert byline(ArticleDetails()) == ""


def test_the_byline_in_spanish(spanish):
    assert byline(ArticleDetails(published="2026-11-27T08:00:00Z")) == "27 de noviembre de 2026"


def test_the_header_shows_title_and_byline_as_plain_text(qtbot):
    header = ArticleHeader()
    qtbot.addWidget(header)
    article = Article(id=1, details=ArticleDetails(title="<b>Not bold</b>", outlet="Courier"), text="x")
    header.show_article(article)
    assert not header.isHidden()
    assert header.title.text() == "<b>Not bold</b>" and header.byline.text() == "Courier"
    header.show_article(None)
    assert header.isHidden()


def test_the_date_field_gives_iso_no_date_or_the_files_own_words(qtbot):
    field = DateField("2026-11-27")
    qtbot.addWidget(field)
    assert field.date() == QDate(2026, 11, 27) and field.value() == "2026-11-27"
    field.setDate(QDate(2025, 1, 2))
    assert field.value() == "2025-01-02"
    field.setDate(NO_DATE)
    assert field.value() == "" and field.text() == "No date"

    kept = DateField("Updated 3 hours ago")
    qtbot.addWidget(kept)
    assert kept.value() == "Updated 3 hours ago"  # opened and saved untouched: nothing lost
    assert "Updated 3 hours ago" in kept.toolTip()
    kept.setDate(QDate(2026, 3, 4))
    assert kept.value() == "2026-03-04"
