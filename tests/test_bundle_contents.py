"""What the three systems' builds share, checked here where only Linux builds: the version the build reads, the
files it places where Lede looks for them, the modules it adds and leaves out, the file types each installer
registers (generated from packaging/org.lede.Lede.mime.xml) and the icons for Windows and macOS."""

from __future__ import annotations

import ast
import importlib.util
import plistlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import desktop_app

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_contents  # noqa: E402
import file_types  # noqa: E402


def test_the_build_reads_the_one_version():
    assert bundle_contents.version() == desktop_app.__version__
    # The build scripts take it from the script's output: an empty one made a .deb with no version.
    printed = subprocess.run([sys.executable, bundle_contents.__file__], capture_output=True, text=True, check=True)
    assert printed.stdout.strip() == desktop_app.__version__


def test_the_spec_is_python_and_takes_everything_from_bundle_contents():
    spec = (ROOT / "packaging" / "lede.spec").read_text(encoding="utf-8")
    compile(spec, "lede.spec", "exec")
    for used in ("bundle_contents.data_files()", "bundle_contents.hidden_imports()",
                 "bundle_contents.excluded_modules()", "bundle_contents.version()", "file_types.info_plist("):
        assert used in spec, used


def test_resources_go_where_lede_looks_for_them_in_an_installed_package(tmp_path):
    """The bundle's layout, rebuilt from the spec's data list with the real resources.py: it must find them."""
    package = tmp_path / "desktop_app"
    package.mkdir()
    for name in ("__init__.py", "resources.py", "resource_files.py"):
        shutil.copy(ROOT / "desktop_app" / name, package / name)
    for source, folder in bundle_contents.data_files():
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(source, tmp_path / folder)
    shipped = {p.relative_to(ROOT / "resources") for p in (ROOT / "resources").rglob("*") if p.is_file()}
    placed = {p.relative_to(package / "_resources") for p in (package / "_resources").rglob("*") if p.is_file()}
    assert placed == shipped
    found = subprocess.run([sys.executable, "-c", "from desktop_app.resources import resources_dir, "
                            "resource_path; print(resources_dir()); print(resource_path('sample', 'key.json'))"],
                           cwd=tmp_path, capture_output=True, text=True, check=True, timeout=60,
                           env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}).stdout.split()
    assert found == [str(package / "_resources"), str(package / "_resources" / "sample" / "key.json")]


def test_every_migration_travels_as_a_file_alembic_can_run():
    placed = {Path(folder) / Path(source).name for source, folder in bundle_contents.data_files()}
    migrations = ROOT / "desktop_app" / "storage" / "migrations"
    wanted = {p.relative_to(ROOT) for p in [migrations / "env.py", migrations / "script.py.mako",
                                            *(migrations / "versions").glob("*.py")]}
    assert wanted <= placed
    assert len([p for p in wanted if p.parent.name == "versions"]) >= 4


def test_the_modules_only_data_files_and_exec_load_are_added_and_exist():
    hidden = bundle_contents.hidden_imports()
    assert {"alembic", "sqlalchemy", "desktop_app.storage.models", "sqlalchemy.dialects.sqlite.pysqlite",
            "_rl_accel"} <= set(hidden)
    for name in hidden:
        assert importlib.util.find_spec(name) is not None, name


def _imported_modules() -> set[str]:
    found = set()
    for path in (ROOT / "desktop_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
    return found


def test_lede_uses_only_the_qt_modules_the_bundle_keeps():
    qt = {name.split(".")[1] for name in _imported_modules() if name.startswith("PySide6.")}
    assert qt == set(bundle_contents.QT_MODULES_USED)
    assert not qt & set(bundle_contents.QT_EXCLUDED)
    # Nothing Lede imports is on the exclusion list.
    excluded = set(bundle_contents.PYTHON_EXCLUDED)
    assert not {name for name in _imported_modules() if name.split(".")[0] in excluded}


@pytest.mark.parametrize(("source", "system"), [
    ("/usr/lib/x86_64-linux-gnu/libX11.so.6", True),
    ("/lib/x86_64-linux-gnu/libstdc++.so.6", True),
    ("/usr/lib64/libfontconfig.so.1", True),
    ("/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0", False),  # the interpreter always travels
    ("/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so", False),
    ("/work/.venv/lib/python3.11/site-packages/PySide6/Qt/lib/libQt6Core.so.6", False),
    ("/work/.venv/lib/python3.11/site-packages/pillow.libs/libjpeg-6dc8d115.so.62.4.0", False),
])
def test_system_libraries_are_told_from_python_packages_libraries(source, system):
    assert bundle_contents.is_system_library(source) is system


def test_unused_data_is_left_out_and_the_rest_kept():
    assert not bundle_contents.keep_data("babel/locale-data/fy.dat")
    # Babel's data for the languages Lede speaks: dates and numbers on screen and on the sheets.
    for kept in ("root.dat", "en.dat", "en_GB.dat", "es.dat", "es_MX.dat", "he.dat"):
        assert bundle_contents.keep_data(f"babel/locale-data/{kept}"), kept
    assert not bundle_contents.keep_data("babel/locale-data/eo.dat")
    assert not bundle_contents.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert not bundle_contents.keep_data("PySide6/Qt/translations/qt_help_es.qm")
    # What the languages Lede speaks need: dates and numbers of every region of each, and Qt's buttons.
    for kept in ("babel/locale-data/root.dat", "babel/locale-data/es_MX.dat", "babel/locale-data/he.dat",
                 "babel/locale-data/en_GB.dat", "PySide6/Qt/translations/qtbase_es.qm",
                 "PySide6/Qt/translations/qtbase_he.qm"):
        assert bundle_contents.keep_data(kept), kept


def test_the_bundle_keeps_the_data_of_every_language_lede_speaks():
    from desktop_app.i18n.catalogs import LANGUAGES

    assert set(bundle_contents.LANGUAGES_SHIPPED) == set(LANGUAGES)
    assert bundle_contents.keep_data("babel/global.dat")
    assert bundle_contents.keep_data("justext/stoplists/English.txt")
    assert bundle_contents.keep_data("desktop_app/_resources/categories.json")


# --- file types -------------------------------------------------------------------------------------------------
def test_the_file_types_come_from_the_mime_file_and_agree_with_the_desktop_entry():
    types = file_types.file_types()
    assert [(t.extension, t.mime, t.uti, t.prog_id) for t in types] == [
        ("ledepack", "application/vnd.lede.pack+zip", "org.lede.pack", "Lede.Pack"),
        ("ledesub", "application/vnd.lede.submission+zip", "org.lede.submission", "Lede.Submission"),
        ("ledefeedback", "application/vnd.lede.feedback+zip", "org.lede.feedback", "Lede.Feedback"),
    ]
    assert all(t.zip_based and t.description for t in types)
    desktop = (ROOT / "packaging" / "org.lede.Lede.desktop").read_text(encoding="utf-8")
    listed = re.search(r"^MimeType=(.*)$", desktop, re.M).group(1).split(";")
    assert {t.mime for t in types} <= set(listed)


def test_the_windows_installer_associations_are_generated_from_the_mime_file():
    """packaging/windows/associations.iss is generated and kept in the repository: it must be what the mime file
    gives now (run `python packaging/file_types.py` after changing the mime file)."""
    assert file_types.main(["--check"]) == 0
    text = file_types.INNO_ASSOCIATIONS.read_text(encoding="utf-8")
    for t in file_types.file_types():
        assert f'Subkey: "Software\\Classes\\.{t.extension}"; ValueType: string; ValueName: ""; ' \
               f'ValueData: "{t.prog_id}"' in text
        assert f'Subkey: "Software\\Classes\\{t.prog_id}\\shell\\open\\command"' in text
        assert f'ValueData: "{t.description}"; Flags: uninsdeletekey' in text
    assert text.count('"""{app}\\Lede.exe"" ""%1"""') == len(file_types.file_types())
    installer = (ROOT / "packaging" / "windows" / "lede.iss").read_text(encoding="utf-8")
    assert '#include "associations.iss"' in installer


def test_a_changed_mime_file_changes_the_generated_associations(tmp_path):
    changed = tmp_path / "mime.xml"
    changed.write_text(file_types.MIME_XML.read_text(encoding="utf-8").replace("*.ledesub", "*.ledehandin"),
                       encoding="utf-8")
    text = file_types.inno_associations(file_types.file_types(changed))
    assert "\\.ledehandin" in text and "\\.ledesub" not in text


def test_the_macos_document_types_match_the_mime_file():
    info = file_types.info_plist("9.8.7")
    assert info["CFBundleShortVersionString"] == "9.8.7"
    plistlib.loads(plistlib.dumps(info))  # a valid property list
    declared = {d["UTTypeIdentifier"]: d for d in info["UTExportedTypeDeclarations"]}
    for t in file_types.file_types():
        tags = declared[t.uti]["UTTypeTagSpecification"]
        assert tags == {"public.filename-extension": [t.extension], "public.mime-type": [t.mime]}
        assert "public.zip-archive" in declared[t.uti]["UTTypeConformsTo"]
        (doc,) = [d for d in info["CFBundleDocumentTypes"] if d["LSItemContentTypes"] == [t.uti]]
        assert doc["LSHandlerRank"] == "Owner" and doc["CFBundleTypeName"] == t.description


def test_the_icons_for_windows_and_macos_are_drawn_from_the_svg(tmp_path):
    import icons
    from PIL import Image

    png, ico, icns = icons.make_icons(tmp_path)
    with Image.open(png) as picture:
        assert picture.size == (1024, 1024)
        # Drawn, not empty: the corner is transparent, the middle is the icon's paper colour.
        assert picture.getpixel((2, 2))[3] == 0 and picture.getpixel((512, 512))[3] == 255
    with Image.open(ico) as picture:
        assert picture.format == "ICO" and (256, 256) in picture.info["sizes"] and (16, 16) in picture.info["sizes"]
    with Image.open(icns) as picture:
        assert picture.format == "ICNS" and picture.size == (1024, 1024)
