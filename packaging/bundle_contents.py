"""What goes into the standalone Lede, for packaging/lede.spec on every system.

Kept out of the spec so the tests can check it here (tests/test_bundle_contents.py): the version read from
desktop_app/__init__.py, the files Lede opens by path (its resources, the Alembic migrations), the modules
only those files import, and what is left out. Standard library only: PyInstaller runs the spec in the build's
own Python, and the tests import this without PyInstaller.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "desktop_app"
MIGRATIONS = PACKAGE / "storage" / "migrations"

# desktop_app/resource_files.py looks for the resources in the package's _resources folder (that is where the wheel
# puts them too), so the bundle places them there and the lookup needs no case of its own.
RESOURCES_IN_BUNDLE = "desktop_app/_resources"

# Packages that read their own data files by path, which PyInstaller leaves out unless told: trafilatura's
# settings.cfg, jusText's stop-word lists, tld's list of domain suffixes (courlan, under trafilatura).
DATA_PACKAGES = ("trafilatura", "justext", "tld")

# Lede draws with QtWidgets on QtGui and QtCore, nothing else (tests/test_bundle_contents.py checks the imports).
# PyInstaller collects only the Qt modules imported, so these are named to keep any of them from slipping in
# through an optional import of a dependency; see packaging/README.md for the size each costs.
QT_MODULES_USED = ("QtCore", "QtGui", "QtWidgets")
QT_EXCLUDED = (
    "QtQml", "QtQuick", "QtQuickControls2", "QtQuickWidgets", "QtQuickTest", "QtQuick3D", "QtWebEngineCore",
    "QtWebEngineWidgets", "QtWebEngineQuick", "QtWebChannel", "QtWebSockets", "QtMultimedia",
    "QtMultimediaWidgets", "QtSpatialAudio", "Qt3DCore", "Qt3DRender", "Qt3DInput", "Qt3DLogic", "Qt3DExtras",
    "Qt3DAnimation", "QtCharts", "QtDataVisualization", "QtGraphs", "QtGraphsWidgets", "QtPdf", "QtPdfWidgets",
    "QtDesigner", "QtHelp", "QtUiTools", "QtTest", "QtSql", "QtNetwork", "QtNetworkAuth", "QtOpenGL",
    "QtOpenGLWidgets", "QtPrintSupport", "QtSvgWidgets", "QtConcurrent", "QtDBus", "QtBluetooth", "QtNfc",
    "QtPositioning", "QtLocation", "QtSensors", "QtSerialPort", "QtSerialBus", "QtRemoteObjects", "QtScxml",
    "QtStateMachine", "QtTextToSpeech", "QtHttpServer", "QtWebView", "QtAxContainer",
)
# Python modules a dependency may import optionally that Lede never needs in a lesson. Not PIL (Pillow, about
# 19 MB), although Lede prints no pictures: ReportLab 5 imports it whenever it starts (reportlab.lib.utils).
PYTHON_EXCLUDED = ("tkinter", "_tkinter", "unittest", "pydoc", "pytest", "IPython", "matplotlib", "numpy",
                   "pandas", "sqlalchemy.testing", "setuptools", "pip")
# The languages Lede speaks (desktop_app/i18n/catalogs.py LANGUAGES). Babel's locale data (35 MB for ~800 locales)
# and Qt's own translations (7 MB) are kept for these only: Babel's for the dates and numbers, with every region
# of each language (es_MX writes dates its own way) and root, which every locale inherits from; Qt's qtbase
# catalogs for the buttons of its standard dialogs (English needs none). Any other locale data of a dependency
# serves only courlan's language filter, which trafilatura uses when given a target language; Lede never asks.
LANGUAGES_SHIPPED = ("en", "es", "he")
BABEL_LOCALES = "babel/locale-data/"
QT_TRANSLATIONS = "PySide6/Qt/translations/"

# Linux: the libraries of the desktop itself (display, fonts, D-Bus, GLib, GL, the C++ runtime) come from the
# system, not the bundle: they must match the drivers, themes and services of the computer it runs on (a
# bundled libstdc++ older than the system's breaks its GL drivers; a bundled GLib breaks its GIO modules). So
# nothing from the system's library folders goes in, except libpython. The .deb depends on the packages
# that hold them (packaging/build-linux finds them with ldd and dpkg -S, as dpkg-shlibdeps would).
_SYSTEM_LIBRARY_DIRS = ("/lib", "/lib64", "/usr/lib", "/usr/lib64")


def version() -> str:
    """``__version__`` from desktop_app/__init__.py, read without importing the package (the one place it is
    written; pyproject.toml reads it from there too)."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__version__" for t in node.targets):
            value = ast.literal_eval(node.value)
            if isinstance(value, str):
                return value
    raise LookupError("desktop_app/__init__.py does not set __version__ = \"...\"")


def data_files() -> list[tuple[str, str]]:
    """(file, folder in the bundle) for each file Lede opens by path rather than imports."""
    pairs = []
    for path in sorted((ROOT / "resources").rglob("*")):
        if path.is_file():
            folder = Path(RESOURCES_IN_BUNDLE) / path.parent.relative_to(ROOT / "resources")
            pairs.append((str(path), folder.as_posix()))
    # Alembic runs env.py and the revision scripts from their folder, and reads script.py.mako from it.
    for path in _migration_files():
        pairs.append((str(path), path.parent.relative_to(ROOT).as_posix()))
    return pairs


def _migration_files() -> list[Path]:
    return sorted([*MIGRATIONS.glob("*.py"), MIGRATIONS / "script.py.mako", *(MIGRATIONS / "versions").glob("*.py")])


def hidden_imports() -> list[str]:
    """The modules the migration scripts import: PyInstaller cannot see them (Alembic loads the scripts as
    files), and a first start on a new computer runs every migration."""
    found: set[str] = set()
    for path in _migration_files():
        if path.suffix != ".py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)  # "from alembic import op": alembic's __init__ imports op itself
    # The SQLite dialect is found by name from the database URL at run time; ReportLab loads its C speed-ups
    # (rl_accel) with exec(), and without them every PDF is written by the slower pure-Python code.
    found.update({"sqlalchemy.dialects.sqlite.pysqlite", "_rl_accel"})
    return sorted(name for name in found if name != "__future__")


def excluded_modules() -> list[str]:
    return [f"PySide6.{name}" for name in QT_EXCLUDED] + list(PYTHON_EXCLUDED)


def is_system_library(source: str) -> bool:
    """A shared library from the system's library folders (/usr/lib/x86_64-linux-gnu/libX11.so.6), not from
    Python or a Python package. libpython is the interpreter itself and always travels with the bundle."""
    path = Path(source)
    if path.name.startswith("libpython"):
        return False
    folder = path.parent.as_posix()
    return folder in _SYSTEM_LIBRARY_DIRS or (
        path.parent.parent.as_posix() in _SYSTEM_LIBRARY_DIRS and path.parent.name.endswith("-linux-gnu"))


def keep_data(destination: str) -> bool:
    path = destination.replace("\\", "/")
    name = path.rsplit("/", 1)[-1]
    if path.startswith(BABEL_LOCALES):
        locale = name.split(".")[0]
        return locale == "root" or locale.split("_")[0] in LANGUAGES_SHIPPED
    if path.startswith(QT_TRANSLATIONS):
        return name in {f"qtbase_{code}.qm" for code in LANGUAGES_SHIPPED if code != "en"}
    return True


if __name__ == "__main__":
    print(version())  # for the build scripts
