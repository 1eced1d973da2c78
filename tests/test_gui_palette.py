"""Lede follows the system's light or dark palette: every bar a student or teacher reads (the assignment bar, the
answer-key banner, the review legend) keeps its text readable, measured on the rendered pixels."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel

from desktop_app.core.assignments import Assignment
from desktop_app.exchange.pack import write_pack
from desktop_app.resources import default_categories

AA = 4.5  # WCAG's contrast for body text


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def _contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def rendered_contrast(label: QLabel) -> float:
    """The contrast between a label's background (its most common pixel) and its text (the pixel that differs most
    from it), on the label as it is drawn."""
    image = label.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    counts: dict[int, int] = {}
    for y in range(0, image.height(), 1):
        for x in range(0, image.width(), 1):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    background = QColor.fromRgb(max(counts, key=counts.get))
    return max(_contrast(background, QColor.fromRgb(rgb)) for rgb in counts)


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.AlternateBase, "#333333"),
                         (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.Button, "#3a3a3a"),
                         (QPalette.ColorRole.ButtonText, "#e6e6e6"), (QPalette.ColorRole.Mid, "#555555"),
                         (QPalette.ColorRole.PlaceholderText, "#a0a0a0")):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture(params=["light", "dark"])
def palette(request):
    app = QApplication.instance()
    before = app.palette()
    if request.param == "dark":
        app.setPalette(_dark_palette())
    yield request.param
    app.setPalette(before)


def test_the_bars_a_person_reads_stay_readable_in_a_light_and_a_dark_palette(palette, make_window, tmp_path,
                                                                              monkeypatch):
    teacher = make_window()
    made = teacher.assignments.create(Assignment(
        uid="", title="Who speaks for Eastgate?", article_id=teacher.desk.article.id,
        categories=tuple(default_categories()), instructions="Find every source and say who they are.",
        due_at=datetime.now(UTC) - timedelta(days=1)))  # past due: the red "Was due" is measured too
    teacher.key_action.trigger()
    teacher.key_banner.repaint()
    labels = [teacher.key_banner]
    student = make_window(f"sqlite:///{tmp_path / 'student.sqlite3'}")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ana", True))
    assert student.classroom.open_pack_path(write_pack(tmp_path / "p.ledepack", made, teacher.desk.article))
    bar = student.assignment_bar
    labels += [bar.title, bar.due, bar.instructions, bar.progress]
    for label in labels:
        assert label.isVisible() and label.text() and label.width() > 0, label.objectName()
        assert rendered_contrast(label) >= AA, (palette, label.objectName() or label.text()[:30])
