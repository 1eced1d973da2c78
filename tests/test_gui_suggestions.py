"""Mark ▸ Suggest marks on the desk, with the keyboard alone: only in the answer-key layer, Enter accepts (and the
next one is selected), Ctrl+Enter accepts to edit, Del rejects without deleting any mark, Esc puts them away."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.core.marks import KEY_LAYER, OWN_LAYER

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_a_teacher_turns_suggestions_into_key_marks_with_the_keyboard(make_window, qtbot):
    window = make_window()
    desk, suggestions = window.desk, window.suggestions
    assert desk.layer == OWN_LAYER and not suggestions.action.isEnabled(), "not on the teacher's own marks"
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_K, CTRL)
    assert desk.layer == KEY_LAYER and suggestions.action.isEnabled()
    key_before = {m.id for m in desk.marks}

    qtbot.keyClick(window.view, Qt.Key.Key_K, CTRL_SHIFT)
    listing = suggestions.panel.list
    qtbot.waitUntil(lambda: suggestions.dock.isVisible() and listing.hasFocus(), timeout=3000)
    count = listing.count()
    assert count > 0 and listing.currentRow() == 0
    first, second = suggestions.panel.items()[:2]
    assert all(m.quote != first.quote or m.category != first.category for m in desk.marks), "not in the key yet"

    qtbot.keyClick(listing, Qt.Key.Key_Return)
    added = [m for m in desk.marks if m.id not in key_before]
    assert [(m.category, m.start, m.end, m.layer) for m in added] == [(first.category, first.start, first.end,
                                                                       KEY_LAYER)]
    assert listing.count() == count - 1 and suggestions.panel.selected() == second, "the next one is selected"
    assert listing.hasFocus()

    marks_now = len(desk.marks)
    qtbot.keyClick(listing, Qt.Key.Key_Delete)
    assert len(desk.marks) == marks_now, "Del rejects the suggestion; it deletes no mark"
    assert listing.count() == count - 2
    rates = {r.category: r for r in desk.library.suggestions.acceptance_rates()}
    assert rates[first.category].accepted + rates[first.category].edited >= 1
    assert sum(r.rejected for r in rates.values()) == 1
    assert "accepted" in suggestions.panel.rates.text()

    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # Del by mistake: undo brings the suggestion back
    assert listing.count() == count - 1 and second.key in {s.key for s in suggestions.panel.items()}
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL_SHIFT)
    assert listing.count() == count - 2
    listing.setFocus()

    third = suggestions.panel.selected()
    qtbot.keyClick(listing, Qt.Key.Key_Return, CTRL)
    edited = next(m for m in desk.marks if (m.start, m.end, m.category) == (third.start, third.end, third.category))
    assert desk.selected_mark_id == edited.id and window.panel.note_edit.hasFocus(), "an ordinary key mark to edit"

    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert edited.id not in desk.marks, "an accept is one undoable step"

    listing.setFocus()
    qtbot.keyClick(listing, Qt.Key.Key_Escape)
    assert not suggestions.dock.isVisible() and window.view.hasFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_K, CTRL)
    assert desk.layer == OWN_LAYER and not suggestions.action.isEnabled()
    assert suggestions.overlay.at(first.start) is None, "nothing is drawn once they are put away"


def test_leaving_the_key_layer_puts_the_suggestions_away(make_window, qtbot):
    window = make_window()
    suggestions = window.suggestions
    window.desk.set_layer(KEY_LAYER)
    suggestions.action.trigger()
    assert suggestions.dock.isVisible() and suggestions.panel.items()
    shown = suggestions.panel.items()[0]
    assert suggestions.overlay.at(shown.start) is not None
    tip = suggestions.overlay._tooltip(shown)
    assert "Suggested" in tip and "not in the key yet" in tip

    window.desk.set_layer(OWN_LAYER)
    assert not suggestions.dock.isVisible() and suggestions.overlay.at(shown.start) is None


def test_switching_a_category_off_takes_its_suggestions_out(make_window, qtbot):
    window = make_window()
    suggestions = window.suggestions
    window.desk.set_layer(KEY_LAYER)
    suggestions.action.trigger()
    assert suggestions.panel.loaded_setting.currentData() == "fewer", "loaded language starts fewer, surer"
    suggestions.panel.switches["loaded_language"].setChecked(False)
    suggestions.panel.switches["source"].setChecked(False)
    assert suggestions.panel.items()
    assert {s.category for s in suggestions.panel.items()} == {"attributed_claim"}


def test_article_text_in_a_suggestion_is_never_markup(make_window, qtbot):
    from desktop_app.suggest import Suggestion

    window = make_window()
    suggestions = window.suggestions
    odd = Suggestion("source:0:5", "source", 0, 5, "<b>Ann</b>", "cue: said; source: <img src=x>", 0.9)
    suggestions.panel.show_items([odd])
    tip = suggestions.panel.list.item(0).toolTip()
    assert "<b>Ann" not in tip and "&lt;img src=x&gt;" in tip
    overlay_tip = suggestions.overlay._tooltip(odd)
    assert "<b>Ann</b>" not in overlay_tip and "&lt;b&gt;Ann&lt;/b&gt;" in overlay_tip
    assert suggestions.panel.rates.textFormat() == Qt.TextFormat.PlainText
