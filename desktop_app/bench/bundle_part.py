"""The standalone Lede (packaging/build-linux makes it in the checkout's dist/): its size, packed and unpacked,
what takes the room, and its cold start, spawn to the window with the sample shown, as startup.py measures the
app's own. With no bundle built, each figure says "not built" rather than failing the benchmark."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from statistics import median

import desktop_app

MB = 1024 * 1024


@dataclass(frozen=True)
class Bundle:
    folder: Path  # dist/lede
    tarball: Path | None  # dist/lede-VERSION-linux-ARCH.tar.gz
    deb: Path | None  # dist/lede_VERSION_ARCH.deb

    @property
    def program(self) -> Path:
        return self.folder / "lede"


def find_bundle(dist: Path | None = None) -> Bundle | None:
    """The bundle of this version in ``dist`` (default: the checkout's dist/, or LEDE_BUNDLE_DIST), if built."""
    checkout_dist = Path(desktop_app.__file__).resolve().parent.parent / "dist"
    dist = dist or Path(os.environ.get("LEDE_BUNDLE_DIST") or checkout_dist)
    folder = dist / "lede"
    if not (folder / "lede").is_file():
        return None
    version = desktop_app.__version__
    tarball = next(iter(sorted(dist.glob(f"lede-{version}-linux-*.tar.gz"))), None)
    deb = next(iter(sorted(dist.glob(f"lede_{version}_*.deb"))), None)
    return Bundle(folder, tarball, deb)


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def largest_parts(bundle: Bundle, count: int = 5) -> list[tuple[str, int]]:
    """The biggest pieces of the unpacked program: each package or library in _internal, with Qt's libraries,
    its ICU data and its plugins counted apart from the rest of PySide6 (they are what Qt costs)."""
    inside = bundle.folder / "_internal"
    qt = inside / "PySide6" / "Qt"
    sizes: dict[str, int] = {}
    for path in inside.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        if path.is_relative_to(qt):
            part = "Qt ICU data" if path.name.startswith("libicudata") else \
                f"Qt {path.relative_to(qt).parts[0]}"  # Qt lib, Qt plugins, Qt translations
        else:
            part = path.relative_to(inside).parts[0]
        sizes[part] = sizes.get(part, 0) + path.lstat().st_size
    return sorted(sizes.items(), key=lambda item: -item[1])[:count]


def cold_starts(bundle: Bundle, runs: int, env: dict[str, str], tmp: Path) -> tuple[float, float]:
    """(first start on a fresh library, median of ``runs`` starts on the existing one), in ms."""
    from desktop_app.bench.startup import spawn_until_shown

    command = [str(bundle.program), "--db", f"sqlite:///{tmp / 'bundle.sqlite3'}", "--startup-probe"]
    log = tmp / "bundle.log"
    first = spawn_until_shown(command, env, tmp, log)
    return first.shown_ms, median(spawn_until_shown(command, env, tmp, log).shown_ms for _ in range(runs))


def describe(bundle: Bundle) -> str:
    parts = ", ".join(f"{name} {size / MB:.0f}" for name, size in largest_parts(bundle))
    return f"bundle {bundle.folder}: largest parts unpacked (MB): {parts}"
