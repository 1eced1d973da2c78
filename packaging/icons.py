"""Lede's icon for Windows (.ico) and macOS (.icns), drawn from resources/icons/lede.svg, the one icon source.

    python packaging/icons.py [FOLDER]   # writes lede.png (1024 px), lede.ico and lede.icns; default build/icons

Qt draws the SVG (the same renderer the running program uses for its window icon), Pillow writes the two
container formats. Both are in the build environment: PySide6 is Lede's, Pillow comes with ReportLab. Linux
installs the SVG itself. packaging/windows/build.ps1 and packaging/macos/build-macos run this before PyInstaller
(packaging/lede.spec takes the icons from build/icons); tests/test_bundle_contents.py runs it here.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "lede.svg"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def render_png(svg: Path, out: Path, size: int = 1024) -> Path:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(["icons", "-platform", "offscreen"])  # noqa: F841
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG picture Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out), "PNG"):
        raise OSError(f"could not write {out}")
    return out


def make_icons(folder: Path) -> list[Path]:
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    png = render_png(SVG, folder / "lede.png")
    with Image.open(png) as picture:
        picture.save(folder / "lede.ico", sizes=ICO_SIZES)
        picture.save(folder / "lede.icns")
    return [png, folder / "lede.ico", folder / "lede.icns"]


if __name__ == "__main__":
    for made in make_icons(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "icons"):
        print(made)
