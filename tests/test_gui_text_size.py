"""Ctrl+plus and Ctrl+minus scale the whole interface's text, not only the article, and keep the line being read
at the top of the view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QLabel

from desktop_app.core.articles import Article, ArticleDetails
from desktop_app.core.marks import MarkSet
from desktop_app.resources import default_categories
from desktop_app.ui.article_view import ArticleView
from desktop_app.ui.look import DEFAULT_POINT_SIZE
from desktop_app.ui.text_size import SETTING, TextSize, first_visible_position


@pytest.fixture
def app_font():
    app = QApplication.instance()
    font = app.font()
    yield app
    app.setFont(font)


def _long_view(qtbot) -> ArticleView:
    view = ArticleView(default_categories(), MarkSet())
    qtbot.addWidget(view)
    view.resize(700, 500)
    text = "\n\n".join(f"Paragraph {n}: " + "the council said the plan would save money. " * 6 for n in range(80))
    view.show_article(Article(id=1, details=ArticleDetails(title="Long"), text=text))
    view.show()
    qtbot.waitExposed(view)
    return view


def test_bigger_text_scales_the_interface_and_the_article_and_keeps_the_reading_place(qtbot, app_font, tmp_path):
    view = _long_view(qtbot)
    label = QLabel("Your marks")
    qtbot.addWidget(label)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    sizes = TextSize(app_font, view, settings)
    base = app_font.font().pointSizeF()
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    anchor = first_visible_position(view)
    paragraph = view.toPlainText()[anchor:].split(":")[0].rsplit("Paragraph", 1)[-1]

    sizes.bigger()
    sizes.bigger()
    qtbot.wait(50)
    assert app_font.font().pointSizeF() == pytest.approx(base * 1.3)
    assert label.font().pointSizeF() == pytest.approx(base * 1.3)  # every widget without a font of its own
    assert view.font().pointSize() == round(DEFAULT_POINT_SIZE * 1.3)
    now = first_visible_position(view)
    # The same line at the top: within one line of text of where the reader was, never pages away.
    assert abs(now - anchor) < 120, (anchor, now)
    assert paragraph in view.toPlainText()[now - 300:now + 300]
    assert float(settings.value(SETTING)) == pytest.approx(1.3)

    sizes.actual_size()
    qtbot.wait(50)
    assert app_font.font().pointSizeF() == pytest.approx(base)
    assert abs(first_visible_position(view) - anchor) < 120

    again = TextSize(app_font, view, settings)  # the next start keeps the size chosen
    assert again.scale == 1.0
    sizes.smaller()
    assert TextSize(app_font, view, settings).scale == 0.9
