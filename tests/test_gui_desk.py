"""The desk driven as a student drives it: select, press a key, type a note, undo, redo, restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from desktop_app.core.articles import ArticleDetails
from desktop_app.ui.look import DEFAULT_POINT_SIZE


def _select(window, quote: str, occurrence: int = 1) -> tuple[int, int]:
    text = window.desk.article.text
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    window.view.select_range(start, start + len(quote))
    window.view.setFocus()
    return start, start + len(quote)


def _press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, modifier)


def test_select_key_note_undo_redo_restart(make_window, qtbot):
    window = make_window()
    desk = window.desk
    assert desk.article is not None and "Eastgate" in desk.article.details.title
    start, end = _select(window, "Councillor Margaret Osei")

    _press(qtbot, window.view, Qt.Key.Key_1)
    assert len(desk.marks) == 1
    mark = desk.marks.in_reading_order()[0]
    assert (mark.category, mark.start, mark.end, mark.quote) == ("source", start, end, "Councillor Margaret Osei")
    assert window.panel.note_edit.hasFocus(), "after marking, the note field takes the typing"

    qtbot.keyClicks(window.panel.note_edit, "Chairs the finance committee")
    qtbot.waitUntil(lambda: desk.marks.get(mark.id).note == "Chairs the finance committee", timeout=3000)
    assert window.saved_label.text().startswith("Saved")

    # Ctrl+Z in the note field belongs to the window's one history: first the note, then the mark.
    _press(qtbot, window.panel.note_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert desk.marks.get(mark.id).note == ""
    window.view.setFocus()
    _press(qtbot, window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(desk.marks) == 0
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    _press(qtbot, window.view, Qt.Key.Key_Z, redo)
    _press(qtbot, window.view, Qt.Key.Key_Z, redo)
    restored = desk.marks.get(mark.id)
    assert restored is not None and restored.note == "Chairs the finance committee", "redo keeps the same id"

    window.close()
    again = make_window()
    assert again.desk.article.id == desk.article.id
    marks = again.desk.marks.in_reading_order()
    assert [(m.id, m.quote, m.note) for m in marks] == [(mark.id, "Councillor Margaret Osei",
                                                         "Chairs the finance committee")]
    assert again.panel.list_model.index(0, 0).data() == "Source (1)"


def test_delete_and_undo_brings_back_the_same_mark(make_window, qtbot):
    window = make_window()
    _select(window, "crumbling")
    _press(qtbot, window.view, Qt.Key.Key_2)
    mark = window.desk.marks.in_reading_order()[0]
    window.desk.select_mark(mark.id)
    window.view.setFocus()
    _press(qtbot, window.view, Qt.Key.Key_Delete)
    assert len(window.desk.marks) == 0
    _press(qtbot, window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.desk.marks.get(mark.id) == mark


def test_category_key_recategorises_the_selected_mark(make_window, qtbot):
    window = make_window()
    _select(window, "The branch is rarely used on weekday mornings")
    _press(qtbot, window.view, Qt.Key.Key_3)
    mark = window.desk.marks.in_reading_order()[0]
    window.view.setFocus()  # no passage selected now, the mark is
    _press(qtbot, window.view, Qt.Key.Key_4)
    assert window.desk.marks.get(mark.id).category == "unattributed_claim"
    assert window.panel.category_combo.currentData() == "unattributed_claim"


def _pixel_between(window, pos: int):
    """The colour on screen in the middle of the character at ``pos`` (a space, so no glyph covers it)."""
    view = window.view
    a, b = QTextCursor(view.document()), QTextCursor(view.document())
    a.setPosition(view.offsets.to_utf16(pos))
    b.setPosition(view.offsets.to_utf16(pos + 1))
    left, right = view.cursorRect(a), view.cursorRect(b)
    assert left.top() == right.top(), "the sampled character must not sit at a line break"
    image = view.viewport().grab().toImage()
    return image.pixelColor((left.center().x() + right.center().x()) // 2, left.center().y()).name()


def test_nested_marks_keep_text_and_show_overlap(make_window, qtbot):
    window = make_window()
    window.resize(1300, 850)  # a known line layout, whatever the test screen's size
    text_before = window.view.toPlainText()
    outer = _select(window, "a drain on the town’s budget for more than a decade")
    _press(qtbot, window.view, Qt.Key.Key_4)
    inner = _select(window, "drain on")
    _press(qtbot, window.view, Qt.Key.Key_2)
    window.view.moveCursor(QTextCursor.MoveOperation.Start)  # the caret must not sit on a sampled pixel
    assert window.view.toPlainText() == text_before, "highlights never alter the article"
    assert not any(fmt.background().style() != Qt.BrushStyle.NoBrush
                   for fmt in [window.view.document().firstBlock().charFormat()]), "no formats in the text"

    space_in_both = inner[0] + len("drain")
    space_in_outer = outer[0] + len("a drain on the town’s")
    space_outside = outer[0] - 1
    both, only_outer, none = (_pixel_between(window, p) for p in (space_in_both, space_in_outer, space_outside))
    assert none == "#ffffff"
    assert only_outer != none and both != only_outer, (none, only_outer, both)
    lanes = window.view._lanes.lanes
    ids = {m.category: m.id for m in window.desk.marks}
    assert lanes[ids["loaded_language"]] != lanes[ids["unattributed_claim"]], "each overlap gets its own line"


def test_clicking_a_highlight_selects_its_mark(make_window, qtbot):
    window = make_window()
    start, _end = _select(window, "Zoë Marchetti")
    _press(qtbot, window.view, Qt.Key.Key_1)
    mark_id = window.desk.marks.in_reading_order()[0].id
    window.desk.select_mark(None)
    window.view.set_selected_mark(mark_id, scroll=True)
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.view.offsets.to_utf16(start + 3))
    point = window.view.cursorRect(cursor).center()
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.desk.selected_mark_id == mark_id
    assert window.panel.quote_label.text() == "“Zoë Marchetti”"


def test_mark_list_click_selects_and_groups_by_category(make_window, qtbot):
    window = make_window()
    _select(window, "slammed")
    _press(qtbot, window.view, Qt.Key.Key_2)
    _select(window, "so-called")
    _press(qtbot, window.view, Qt.Key.Key_2)
    model = window.panel.list_model
    group = model.header_index("loaded_language")
    assert group.data() == "Loaded language (2)"
    first = model.index(group.row() + 1, 0)
    window.panel.mark_list.clicked.emit(first)
    assert window.desk.selected_mark_id == model.mark_id(first)


def test_extra_fields_source_kind_and_attribution(make_window, qtbot):
    window = make_window()
    _select(window, "Councillor Margaret Osei")
    _press(qtbot, window.view, Qt.Key.Key_1)
    source = window.desk.marks.in_reading_order()[0]
    panel = window.panel
    panel.extra_choice.setCurrentIndex(panel.extra_choice.findData("named_person"))
    panel.extra_choice.activated.emit(panel.extra_choice.currentIndex())
    assert window.desk.marks.get(source.id).extra == {"source_kind": "named_person"}

    _select(window, "the figures left the council little choice")
    _press(qtbot, window.view, Qt.Key.Key_3)
    claim = window.desk.selected_mark_id
    panel.extra_source.aboutToShowPopup.emit()  # what opening the list does
    choices = [panel.extra_source.itemData(i) for i in range(panel.extra_source.count())]
    assert str(source.id) in choices
    panel.extra_source.setCurrentIndex(panel.extra_source.findData(str(source.id)))
    panel.extra_source.activated.emit(panel.extra_source.currentIndex())
    assert window.desk.marks.get(claim).extra == {"attributed_to": str(source.id)}


def test_nudge_and_move_to_selection(make_window, qtbot):
    window = make_window()
    _select(window, "Margaret Osei")
    _press(qtbot, window.view, Qt.Key.Key_1)
    mark_id = window.desk.selected_mark_id
    window.panel.nudgeRequested.emit("start", -1)
    assert window.desk.marks.get(mark_id).quote == "Councillor Margaret Osei"
    _select(window, "José Alvarez")
    window.panel.useSelectionRequested.emit()
    assert window.desk.marks.get(mark_id).quote == "José Alvarez"
    window.view.setFocus()
    _press(qtbot, window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.desk.marks.get(mark_id).quote == "Councillor Margaret Osei"


def test_offsets_exact_with_emoji_combining_marks_and_rtl(make_window, qtbot):
    window = make_window()
    text = ("Ahead 👩🏽‍🚀 of the vote, Zoe\u0308 said “the plan is 😀 a disgrace”.\n\n"
            "שלום עולם and مرحبا بالعالم close the piece 🎉.")
    article = window.desk.add_article(text, ArticleDetails(title="Scripts"), "", "paste", "Import")
    assert window.desk.article.id == article.id
    for quote, key in (("Zoe\u0308", "1"), ("the plan is 😀 a disgrace", "3"), ("עולם", "5"), ("مرحبا", "2"),
                       ("piece 🎉", "4")):
        start = text.index(quote)
        window.view.select_range(start, start + len(quote))
        assert window.view.textCursor().selectedText() == quote
        assert window.view.selection() == (start, start + len(quote))
        window.view.setFocus()
        _press(qtbot, window.view, getattr(Qt.Key, f"Key_{key}"))
    assert [m.quote for m in window.desk.marks.in_reading_order()] == [
        "Zoe\u0308", "the plan is 😀 a disgrace", "עולם", "مرحبا", "piece 🎉"]
    for m in window.desk.marks:
        assert text[m.start:m.end] == m.quote


def test_zoom_keys_scale_the_whole_interface_and_remember_the_size(make_window, qtbot):
    window = make_window()
    base = QApplication.font().pointSizeF()
    _press(qtbot, window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(20)  # Qt hands the new font to the widgets on its next turn
    assert window.text_size.scale == 1.15
    assert window.view.point_size == round(DEFAULT_POINT_SIZE * 1.15)
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.15)  # menus, buttons, lists, notes
    assert window.panel.note_edit.font().pointSizeF() == pytest.approx(base * 1.15)
    window.close()
    again = make_window()
    assert again.text_size.scale == 1.15 and again.view.point_size == round(DEFAULT_POINT_SIZE * 1.15)


def test_drop_files_imports_good_and_refuses_bad(make_window, qtbot, tmp_path):
    window = make_window()
    good = tmp_path / "council.txt"
    good.write_text("Council votes\n\nThe council voted on Tuesday to keep the pool open.", encoding="utf-8")
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    before = len(window.desk.library.articles.summaries())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(good)), QUrl.fromLocalFile(str(bad))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert len(window.desk.library.articles.summaries()) == before + 1
    assert window.desk.article.text.endswith("keep the pool open.")
    assert window.last_problem and "photo.txt" in window.last_problem
    assert window.library_model.rowCount() == before + 1
    QApplication.activeModalWidget().close()  # the teacher reads the message and closes it
    # The import is one undoable step, too.
    window.view.setFocus()
    _press(qtbot, window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(window.desk.library.articles.summaries()) == before


def test_details_edit_is_undoable(make_window, qtbot):
    window = make_window()
    article_id = window.desk.article.id
    old = window.desk.article.details
    window.desk.edit_details(article_id, old.with_changes(title="A better headline", author="N. Carraway"))
    assert window.windowTitle().startswith("A better headline")
    assert window.library_model.index(0, 0).data() == "A better headline"
    window.desk.library.undo()
    assert window.desk.article.details == old


def test_marks_follow_their_passage_if_the_stored_text_differs(make_window, qtbot, db_url):
    """If an article's text ever differs from what the marks were made on (an older copy, a repair), each
    mark is re-anchored by its quote and context, and a mark whose quote is gone is hidden, not lost."""
    import sqlalchemy as sa

    window = make_window()
    _select(window, "Zoë Marchetti")
    _press(qtbot, window.view, Qt.Key.Key_1)
    _select(window, "Faceless bureaucrats")
    _press(qtbot, window.view, Qt.Key.Key_2)
    article_id = window.desk.article.id
    text = window.desk.article.text
    window.close()
    changed = "A correction was added at the top of this article.\n\n" + text.replace("Faceless bureaucrats",
                                                                                   "Council officials")
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE article SET text = :t WHERE id = :i"), {"t": changed, "i": article_id})
    engine.dispose()

    again = make_window()
    marks = again.desk.marks.in_reading_order()
    assert [m.quote for m in marks] == ["Zoë Marchetti"]
    assert changed[marks[0].start:marks[0].end] == "Zoë Marchetti"
    assert again.last_problem and "1 of your marks" in again.last_problem
    stored = again.desk.library.marks.service.list_for(article_id)
    assert len(stored) == 2, "the hidden mark is still in the database"


def test_keyboard_only_marking(make_window, qtbot):
    """A student without a mouse: move the caret, select a word with Shift+Ctrl+Right, press a number."""
    window = make_window()
    view = window.view
    start = window.desk.article.text.index("crumbling")
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_utf16(start))
    view.setTextCursor(cursor)
    view.setFocus()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    _press(qtbot, view, Qt.Key.Key_Right, ctrl_shift)
    assert view.selection() == (start, start + len("crumbling"))
    _press(qtbot, view, Qt.Key.Key_2)
    assert [m.quote for m in window.desk.marks] == ["crumbling"]
    qtbot.keyClicks(window.panel.note_edit, "sounds like a ruin; neutral: old")
    _press(qtbot, window.panel.note_edit, Qt.Key.Key_Escape)
    assert view.hasFocus(), "Esc goes back to the article"
    assert window.desk.marks.in_reading_order()[0].note == "sounds like a ruin; neutral: old"


def test_a_note_typed_just_before_closing_is_saved(make_window, qtbot):
    window = make_window()
    _select(window, "bureaucrats")
    _press(qtbot, window.view, Qt.Key.Key_2)
    qtbot.keyClicks(window.panel.note_edit, "insult")
    window.close()  # well inside the debounce delay
    again = make_window()
    assert [m.note for m in again.desk.marks] == ["insult"]


def test_import_from_clipboard_and_a_huge_paste_is_refused(make_window, qtbot):
    window = make_window()
    before = len(window.desk.library.articles.summaries())
    QApplication.clipboard().setText("Dam vote delayed\n\nThe regional board delayed its vote on the dam.")
    window.import_clipboard()
    assert window.desk.article.details.title == "Dam vote delayed"
    assert len(window.desk.library.articles.summaries()) == before + 1
    QApplication.clipboard().setText("word " * 10_000_000)  # a 50 MB paste
    window.import_clipboard()
    assert "characters long" in window.last_problem
    assert len(window.desk.library.articles.summaries()) == before + 1


def test_menu_undo_saves_a_pending_note_first_then_undoes_it(make_window, qtbot):
    window = make_window()
    _select(window, "slammed")
    _press(qtbot, window.view, Qt.Key.Key_2)
    mark_id = window.desk.selected_mark_id
    qtbot.keyClicks(window.panel.note_edit, "harsh")
    assert window.undo_action.text() == "&Undo Mark as Loaded language"
    window.undo_action.trigger()  # as from the Edit menu, inside the debounce delay
    assert window.desk.marks.get(mark_id).note == "", "the note was saved as a step, and that step undone"
    window.redo_action.trigger()
    assert window.desk.marks.get(mark_id).note == "harsh"


def test_switching_articles_keeps_one_document_alive(make_window, qtbot):
    """Each article is laid out in a fresh document; the old one must go at once, not pile up."""
    from PySide6.QtGui import QTextDocument

    window = make_window()
    first = window.desk.article.id
    second = window.desk.add_article("A short second article.", ArticleDetails(title="Two"), "", "paste",
                                     "Import").id
    for _ in range(4):
        window.desk.open_article(first)
        window.desk.open_article(second)
    assert len(window.view.findChildren(QTextDocument)) == 1
    assert window.view.toPlainText() == "A short second article."


def test_pasting_a_whole_article_into_a_note_is_refused_with_a_message(make_window, qtbot):
    window = make_window()
    _select(window, "axe")
    _press(qtbot, window.view, Qt.Key.Key_2)
    mime = QMimeData()
    mime.setText("x" * 50_000)
    window.panel.note_edit.insertFromMimeData(mime)
    assert window.panel.note_edit.toPlainText() == ""
    assert "10,000" in window.last_problem
    mime.setText("a fair note")
    window.panel.note_edit.insertFromMimeData(mime)
    window.panel.flush_note()
    assert window.desk.marks.in_reading_order()[0].note == "a fair note"


def test_a_typed_extra_answer_goes_to_its_own_mark_even_if_another_is_marked_next(make_window, qtbot):
    window = make_window()
    _select(window, "crumbling")
    _press(qtbot, window.view, Qt.Key.Key_2)
    first = window.desk.selected_mark_id
    qtbot.keyClicks(window.panel.extra_text, "old")  # the neutral word, not yet saved (no focus change)
    _select(window, "Councillor Margaret Osei")
    window.panel.categoryChosen.emit("source")  # a category button: buttons take no focus
    second = window.desk.selected_mark_id
    assert window.desk.marks.get(first).extra == {"neutral_alternative": "old"}
    assert window.desk.marks.get(second).extra == {}


def test_user_text_in_every_tooltip_is_escaped(make_window, qtbot):
    """Hover on the article, the mark list and the library: a note or title is data, never markup."""
    window = make_window()
    _select(window, "axe")
    _press(qtbot, window.view, Qt.Key.Key_2)
    mark = window.desk.marks.in_reading_order()[0]
    window.desk.set_note(mark.id, "<b>bold</b> & <img src='/etc/passwd'>")
    hover = window.view._tooltip([window.desk.marks.get(mark.id)])
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img" in hover and "<img" not in hover
    tip = window.panel.list_model.index_of_mark(mark.id).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img" in tip and "<img" not in tip and "&amp;" in tip
    window.desk.edit_details(window.desk.article.id, window.desk.article.details.with_changes(title="<h1>Big</h1>"))
    library_tip = window.library_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;h1&gt;Big&lt;/h1&gt;" in library_tip and "<h1>" not in library_tip


def test_editing_details_keeps_the_page_where_it_was(make_window, qtbot):
    window = make_window()
    _select(window, "Zoë Marchetti")
    _press(qtbot, window.view, Qt.Key.Key_1)
    mark_id = window.desk.selected_mark_id
    window.view.verticalScrollBar().setValue(120)
    document = window.view.document()
    window.desk.edit_details(window.desk.article.id, window.desk.article.details.with_changes(title="New"))
    assert window.windowTitle().startswith("New")
    assert window.view.document() is document and window.view.verticalScrollBar().value() == 120
    assert window.view._selected_id == mark_id


def test_a_dropped_web_link_is_explained_not_imported(make_window, qtbot):
    window = make_window()
    before = len(window.desk.library.articles.summaries())
    mime = QMimeData()
    mime.setUrls([QUrl("https://www.example.com/news/council-vote")])
    mime.setText("https://www.example.com/news/council-vote")
    window.dropEvent(QDropEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                                Qt.KeyboardModifier.NoModifier))
    assert len(window.desk.library.articles.summaries()) == before
    assert "does not go online" in window.last_problem


def test_an_ampersand_in_a_title_shows_in_the_undo_menu(make_window, qtbot):
    window = make_window()
    window.desk.add_article("Phone company results.", ArticleDetails(title="AT&T profits"), "att.txt", "txt",
                            "Import “AT&T.txt”")
    assert window.undo_action.text() == "&Undo Import “AT&&T.txt”"


def test_a_selection_snaps_to_whole_words_unless_made_exactly_with_alt(make_window, qtbot):
    window = make_window()
    desk, view = window.desk, window.view
    text = desk.article.text
    start = text.index("crumbling") + 3  # "mbling 1960" from "crumbling 1960s"
    view.select_range(start, start + len("mbling 1960"))
    window.apply_category("loaded_language")
    assert desk.marks.get(desk.selected_mark_id).quote == "crumbling 1960s"
    # Shift+Alt+arrow grows a selection a letter at a time and keeps it exact.
    view.select_range(start, start + 4)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier)
    assert view.exact_selection
    window.apply_category("source")
    assert desk.marks.get(desk.selected_mark_id).quote == "mblin"
