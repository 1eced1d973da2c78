"""The class view as a teacher projects it: heat map over the text, the numbers beside it, names hidden."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QTextCursor, QTextFormat
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QListWidget, QTableWidget, QToolTip, QWidget

from desktop_app.core.agreement import SimilarPair
from desktop_app.core.articles import Article, ArticleDetails
from desktop_app.core.categories import Category, CategorySet
from desktop_app.core.class_view import CategoryTally, ClassView, ExtraTally, KeyMarkTally, Stretch, anonymous_names
from desktop_app.core.marks import KEY_LAYER, new_mark
from desktop_app.core.offsets import Utf16Map
from desktop_app.resources import default_categories
from desktop_app.ui.class_view_panel import PLACEHOLDER, ClassViewPanel, agreement_words
from desktop_app.ui.heat_map import HEAT_COLOURS, HEAT_TEXT, HeatMapView, heat_step

# An emoji and a Hebrew word come first, so every Qt position after them is one more than the code point.
TEXT = ("🙂 שלום said the mayor.\nThe mayor said the plan is a disaster, according to officials. "
        "Residents <b>disagree</b> and 🙂 shrug.")
NAMES = ("Quintus Varga", "Ben <i>Bold</i>", "Odile Frost", "Yusuf Maalouf", "Wren Tallis")
SPIN = Category(key="spin", name="<b>Spin</b>", shortcut="9", letter="X", colour="#777777", cue="solid",
                question="Is it <spin>?")


def _at(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


def _categories() -> CategorySet:
    return CategorySet(list(default_categories()) + [SPIN])


def _key(quote: str, category: str, mark_id: int, note: str = "", bonus: bool = False):
    start, end = _at(quote)
    return new_mark(1, TEXT, start, end, category, note=note, layer=KEY_LAYER, bonus=bonus).with_changes(id=mark_id)


def _stretches() -> tuple[Stretch, ...]:
    out = []
    for quote, students, counts in [("The mayor", 1, {"source": 1}),
                                    ("a disaster", 5, {"loaded_language": 4, "spin": 1}),
                                    ("officials", 3, {"source": 3}),
                                    ("<b>disagree</b>", 2, {"opposing_view": 2}),
                                    ("🙂 shrug", 4, {"spin": 4})]:
        start, end = _at(quote)
        out.append(Stretch(start, end, counts, students))
    return tuple(out)


def _view(**changes) -> ClassView:
    q, b, o, y, w = NAMES
    fields = {
        "students": NAMES,
        "stretches": _stretches(),
        "key_marks": (
            KeyMarkTally(_key("<b>disagree</b>", "opposing_view", 11, note="Who <em>disagrees</em>?"),
                         found_by=(q, o), missed_by=(b, y, w)),
            KeyMarkTally(_key("officials", "source", 12, bonus=True), found_by=(q, o, y), missed_by=(b, w)),
            KeyMarkTally(_key("a disaster", "loaded_language", 13), found_by=NAMES, missed_by=()),
        ),
        "common_extras": (ExtraTally("spin", *_at("🙂 shrug"), "🙂 shrug", (q, b, y, w)),
                          ExtraTally("source", *_at("The mayor"), "The mayor", (o, w))),
        "categories": (CategoryTally("source", marked=7, key=1, found=3, mean_f1=0.6666),
                       CategoryTally("spin", marked=5, key=0, found=0, mean_f1=None)),
        "alpha": 0.62,
        "alpha_per_category": {"source": 0.85, "spin": None},
        "similar": (SimilarPair(b, y, 1.0, 2, "Identical marks and notes"),
                    SimilarPair(q, w, 0.91, 0, f"91% of their marked words agree, as {q} said")),
        "scores": (8.0, 4.5, 7.0, 6.0, 5.5),
        "total": 10.0,
    }
    fields.update(changes)
    return ClassView(**fields)


def _article(direction: str = "ltr") -> Article:
    return Article(1, ArticleDetails(title="<i>Mayor</i> & plan"), TEXT, direction=direction)


@pytest.fixture
def panel(qtbot):
    widget = ClassViewPanel()
    qtbot.addWidget(widget)
    widget.resize(1366, 740)
    widget.show_view(_article(), _categories(), _view())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _format_of(view: HeatMapView, cp: int):
    """The char format of the character at code point ``cp`` (Qt reports the one before the cursor)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_utf16(cp + 1))
    return cursor.charFormat()


def _read(text: str) -> str:
    """What a reader sees: the bidi isolates around a passage or a name (core.text.bidi_isolated) take no room."""
    return text.replace("\u2068", "").replace("\u2069", "")


def _items(lst: QListWidget) -> list[str]:
    return [_read(lst.item(i).text()) for i in range(lst.count())]


def _every_text(panel: ClassViewPanel) -> list[str]:
    """Everything the panel can show a class: labels, buttons, list and table cells, tooltips of all of
    them, and the heat map's tooltip for every stretch."""
    texts = []
    for w in [panel] + panel.findChildren(QWidget):
        texts.append(w.toolTip())
        texts.append(w.windowTitle())
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        if isinstance(w, QListWidget):
            for i in range(w.count()):
                texts += [w.item(i).text(), w.item(i).toolTip()]
        if isinstance(w, QTableWidget):
            for r in range(w.rowCount()):
                for c in range(w.columnCount()):
                    if w.item(r, c):
                        texts += [w.item(r, c).text(), w.item(r, c).toolTip()]
            for c in range(w.columnCount()):
                texts += [w.horizontalHeaderItem(c).text(), w.horizontalHeaderItem(c).toolTip()]
    texts += [panel.heat_map.tooltip_text(s) for s in _stretches()]
    return texts


def test_heat_steps_follow_the_share_of_the_class():
    assert [heat_step(n, 30) for n in (0, 1, 6, 7, 12, 13, 18, 19, 24, 25, 30)] == [0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert [heat_step(n, 5) for n in range(6)] == [0, 1, 2, 3, 4, 5]
    assert heat_step(1, 1) == 5 and heat_step(3, 0) == 0


def _luminance(hex_colour: str) -> float:
    def channel(v: int) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    c = QColor(hex_colour)
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def test_ramp_darkens_step_by_step_and_text_stays_readable_on_every_step():
    lum = [_luminance(c) for c in HEAT_COLOURS]
    assert lum == sorted(lum, reverse=True) and len(set(lum)) == 5
    for background, text in zip(HEAT_COLOURS, HEAT_TEXT, strict=True):
        a, b = sorted((_luminance(background), _luminance(text)))
        assert (b + 0.05) / (a + 0.05) >= 4.5, f"{text} on {background}"
    # One hue: blue-grey throughout, so colour-blind eyes and greyscale read the same ramp.
    assert all(QColor(c).hue() in range(200, 220) for c in HEAT_COLOURS)


def test_the_right_characters_get_the_right_backgrounds(panel):
    view = panel.heat_map
    assert view.offsets.length_utf16 == len(TEXT) + 2, "the emoji take two Qt positions each"
    expected = {}
    for s in _stretches():
        for cp in range(s.start, s.end):
            expected[cp] = heat_step(s.students, len(NAMES))
    for cp, char in enumerate(TEXT):
        if char == "\n":
            continue
        fmt = _format_of(view, cp)
        step = expected.get(cp)
        if step is None:
            assert not fmt.hasProperty(QTextFormat.Property.BackgroundBrush), f"{cp} {char!r} is not marked"
        else:
            assert fmt.background().color().name().upper() == HEAT_COLOURS[step - 1], f"{cp} {char!r}"
            assert fmt.foreground().color().name().upper() == HEAT_TEXT[step - 1]
    # The darkest step (5 of 5 students) and the lightest (1 of 5) are where they should be.
    assert _format_of(view, _at("a disaster")[0]).background().color().name().upper() == HEAT_COLOURS[4]
    assert _format_of(view, _at("The mayor")[0]).background().color().name().upper() == HEAT_COLOURS[0]
    assert view.toPlainText() == TEXT, "the heat map never changes the article's text"


def test_tooltips_count_students_and_categories_without_names(panel, qtbot):
    heat = panel.heat_map
    start, end = _at("a disaster")
    assert heat.stretch_at(start).start == start and heat.stretch_at(end) is None
    assert heat.tooltip_text(heat.stretch_at(start)) == (
        "5 of 5 students marked this: 4 as Loaded language, 1 as <b>Spin</b>")
    assert heat.tooltip_text(heat.stretch_at(_at("officials")[0])) == "3 of 5 students marked this: 3 as Source"
    assert heat.stretch_at(_at("plan")[0]) is None

    # A real hover: the tooltip Qt shows is that sentence, with the category's markup escaped.
    cursor = QTextCursor(heat.document())
    cursor.setPosition(heat.offsets.to_utf16(start + 3))
    point = heat.cursorRect(cursor).center() + QPoint(2, 0)
    event = QHelpEvent(QEvent.Type.ToolTip, point, heat.viewport().mapToGlobal(point))
    QApplication.sendEvent(heat.viewport(), event)
    qtbot.waitUntil(lambda: QToolTip.isVisible(), timeout=2000)
    assert "4 as Loaded language, 1 as &lt;b&gt;Spin&lt;/b&gt;" in QToolTip.text()
    assert "<b>Spin</b>" not in QToolTip.text()
    QToolTip.hideText()


def test_hide_names_is_on_by_default_and_hides_every_name_everywhere(panel, qtbot):
    box = panel.findChild(QAbstractButton, "hide_names")
    assert box.isChecked() and box.isVisible() and box.text() == "Hide names"
    texts = "\n".join(_every_text(panel))
    for name in NAMES:
        for word in name.replace("<i>", " ").replace("</i>", " ").split():
            assert word not in texts, f"{word!r} shows while names are hidden"
    anon = anonymous_names(NAMES)
    q, b, _o, y, w = NAMES
    assert _items(panel.similar_list) == [
        f"{anon[b]} & {anon[y]} — Identical marks and notes",
        f"{anon[q]} & {anon[w]} — 91% of their marked words agree, as {anon[q]} said"]
    assert "Missed by 3 of 5; names hidden." in panel.missed_list.item(0).toolTip()

    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert not box.isChecked() and not panel.names_hidden
    assert _items(panel.similar_list)[0] == "Ben <i>Bold</i> & Yusuf Maalouf — Identical marks and notes"
    assert "Missed by: Ben &lt;i&gt;Bold&lt;/i&gt;, Yusuf Maalouf, Wren Tallis" in panel.missed_list.item(0).toolTip()
    assert "Marked by: Quintus Varga, Ben &lt;i&gt;Bold&lt;/i&gt;" in panel.extras_list.item(0).toolTip()
    assert all(n not in t for t in (panel.heat_map.tooltip_text(s) for s in _stretches()) for n in NAMES), \
        "the heat map never names anyone"

    panel.set_hide_names(True)
    assert box.isChecked()
    assert not any(n in t for t in _every_text(panel) for n in ("Quintus", "Bold", "Yusuf", "Wren", "Odile"))


def test_lists_and_table_are_filled_in_order(panel):
    assert _items(panel.missed_list) == ["“<b>disagree</b>” — missed by 3 of 5", "“officials” — missed by 2 of 5"], \
        "most missed first; a key mark everyone found is left out"
    assert "(bonus)" in panel.missed_list.item(1).toolTip()
    assert "Who &lt;em&gt;disagrees&lt;/em&gt;?" in panel.missed_list.item(0).toolTip()
    assert _items(panel.extras_list) == ["<b>Spin</b>: “🙂 shrug” — 4 students", "Source: “The mayor” — 2 students"]
    assert not panel.missed_list.item(0).icon().isNull()

    table = panel.category_table
    rows = [[table.item(r, c).text() for c in range(5)] for r in range(table.rowCount())]
    assert rows == [["Source", "7", "1", "0.6", "67%"], ["<b>Spin</b>", "5", "0", "0.0", "—"]]
    assert not table.item(0, 0).icon().isNull()
    assert "α 0.85 — the class agrees strongly" in table.item(0, 0).toolTip()
    assert "not enough marks to tell" in table.item(1, 0).toolTip()

    assert panel.summary.text() == ("5 students handed in\nMean 6.2 of 10 points\n"
                                    "Agreement: α 0.62 — the class mostly agrees")


def test_agreement_in_plain_words(panel):
    assert [agreement_words(a) for a in (None, 0.95, 0.8, 0.62, 0.45, 0.15, 0.05, -0.3)] == [
        "not enough marks to tell", "the class agrees strongly", "the class agrees strongly",
        "the class mostly agrees", "the class partly agrees", "the class agrees a little",
        "the class agrees no more than chance would", "the class agrees no more than chance would"]
    panel.show_view(_article(), _categories(), _view(alpha=None, scores=(), total=0.0, key_marks=(), similar=(),
                                                       common_extras=()))
    assert panel.summary.text() == "5 students handed in\nAgreement: not enough marks to tell"
    assert _items(panel.missed_list) == ["No answer key for this article yet."]
    assert _items(panel.extras_list) == ["No passage outside the key was marked by two or more students."]
    assert _items(panel.similar_list) == ["No two hand-ins look alike."]
    assert panel.similar_list.item(0).flags() == Qt.ItemFlag.NoItemFlags


def test_no_submissions_shows_a_friendly_placeholder(panel):
    panel.show_view(_article(), _categories(), None)
    assert panel.stack.currentWidget() is panel.placeholder and panel.placeholder.isVisible()
    assert panel.placeholder.text() == PLACEHOLDER
    assert "Classroom ▸ Import submissions…" in PLACEHOLDER
    panel.show_view(_article(), _categories(), _view(students=(), stretches=(), key_marks=(), common_extras=(),
                                                       similar=(), scores=()))
    assert panel.stack.currentWidget() is panel.placeholder
    panel.show_view(_article(), _categories(), _view())
    assert panel.stack.currentWidget() is panel.splitter and panel.heat_map.isVisible()


def test_user_text_is_shown_literally(panel):
    for label in (panel.title, panel.summary, panel.placeholder):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert panel.title.text() == "<i>Mayor</i> & plan"
    assert _read(panel.missed_list.item(0).text()).startswith("“<b>disagree</b>”")
    for tip in (panel.missed_list.item(0).toolTip(), panel.extras_list.item(0).toolTip()):
        assert "&lt;b&gt;" in tip and "<b>" not in tip
    assert "<b>disagree</b>" in panel.heat_map.toPlainText()


def test_right_to_left_articles_read_right_to_left(panel):
    panel.show_view(_article("rtl"), _categories(), _view())
    assert panel.heat_map.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    panel.show_view(_article(), _categories(), _view())
    assert panel.heat_map.document().defaultTextOption().textDirection() == Qt.LayoutDirection.LeftToRight


def test_choosing_a_list_entry_shows_its_passage_and_enter_opens_the_key_mark(panel, qtbot):
    panel.missed_list.setCurrentRow(1)
    cursor = panel.heat_map.textCursor()
    m = Utf16Map(TEXT)
    start, end = _at("officials")
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (m.to_utf16(start), m.to_utf16(end))
    panel.extras_list.setCurrentRow(0)
    start, end = _at("🙂 shrug")
    cursor = panel.heat_map.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (m.to_utf16(start), m.to_utf16(end))
    assert cursor.selectedText() == "🙂 shrug"

    panel.missed_list.setFocus()
    panel.missed_list.setCurrentRow(0)
    with qtbot.waitSignal(panel.keyMarkActivated, timeout=2000) as signal:
        qtbot.keyClick(panel.missed_list, Qt.Key.Key_Return)
    assert signal.args == [11]


def test_three_thousand_stretches_show_quickly(qtbot):
    text = (TEXT + "\n") * 400
    article = Article(2, ArticleDetails(title="long"), text)
    stretches = tuple(Stretch(i * 13, i * 13 + 9, {"source": 1 + i % 30}, 1 + i % 30) for i in range(3000))
    assert stretches[-1].end <= len(text)
    view = HeatMapView()
    qtbot.addWidget(view)
    view.resize(800, 700)
    view.show()
    timings = []
    for _ in range(3):
        t = time.perf_counter()
        view.show_heat(article, _categories(), stretches, 30)
        QApplication.processEvents()
        timings.append(time.perf_counter() - t)
    assert min(timings) < 0.2, f"{min(timings) * 1000:.0f} ms for 3,000 stretches"
    last = stretches[-1]
    assert _format_of(view, last.start).background().color().name().upper() == HEAT_COLOURS[4]


def test_a_view_built_by_core_from_the_sample_shows(qtbot):
    """The panel over core's own build_class_view: the sample article, its key and three students."""
    from desktop_app.core.class_view import build_class_view
    from desktop_app.core.matching import Tokens, compare
    from desktop_app.core.text import normalize_article_text
    from desktop_app.importers.answer_key import read_answer_key
    from desktop_app.resources import resource_path

    categories = default_categories()
    text = normalize_article_text(resource_path("sample", "article.txt").read_text(encoding="utf-8"))
    key = [k.with_changes(id=i) for i, k in enumerate(read_answer_key(resource_path("sample", "key.json"), text,
                                                                      categories, 1), 1)]
    tokens = Tokens(text)

    def work(name: str, first_id: int, keys) -> tuple:
        marks = [new_mark(1, text, k.start, k.end, k.category).with_changes(id=first_id + i)
                 for i, k in enumerate(keys)]
        return name, marks, compare(tokens, marks, key, categories.keys, 10.0)

    works = [work("Annwyl Zed", 100, key[:6]), work("Bors Qiu", 200, key[:3]), work("Cyrus Vale", 300, key[2:4])]
    view = build_class_view(tokens, key, works, categories.keys)
    panel = ClassViewPanel()
    qtbot.addWidget(panel)
    panel.show_view(Article(1, ArticleDetails(title="Sample"), text), categories, view)
    panel.show()

    heat = panel.heat_map
    everyone = next(s for s in view.stretches if s.students == 3)
    assert _format_of(heat, everyone.start).background().color().name().upper() == HEAT_COLOURS[4]
    assert heat.tooltip_text(heat.stretch_at(everyone.start)).startswith("3 of 3 students marked this: 3 as ")
    missed = [t for t in view.key_marks if t.missed_by]
    assert panel.missed_list.count() == len(missed) and _read(panel.missed_list.item(0).text()).endswith(
        f"missed by {len(missed[0].missed_by)} of 3")
    assert panel.category_table.rowCount() == len(categories)
    assert not any(n in t for t in _every_text(panel) for n in ("Annwyl", "Bors", "Cyrus"))
