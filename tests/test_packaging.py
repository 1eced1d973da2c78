"""The wheel carries everything in resources/ and finds it once installed, away from the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import desktop_app
from desktop_app.resources import resource_path, resources_dir

ROOT = Path(__file__).resolve().parent.parent

CHECK = r"""
import json, sys
from importlib.metadata import metadata, version
from pathlib import Path
import desktop_app
from desktop_app.resources import resources_dir, resource_path
folder = resources_dir()
assert "site-packages" in str(folder), folder
categories = json.loads(resource_path("categories.json").read_text(encoding="utf-8"))
sample = resource_path("sample", "article.txt").read_text(encoding="utf-8")
fonts = sorted(p.name for p in resource_path("fonts").glob("*.ttf"))
print(json.dumps({"folder": str(folder), "categories": len(categories["categories"]),
                  "sample_words": len(sample.split()), "fonts": fonts,
                  "key": resource_path("sample", "key.json").is_file(),
                  "migrations": (Path(desktop_app.__file__).parent / "storage" / "migrations" / "versions"
                                 / "0001_initial.py").is_file(),
                  "version": version("lede"), "program_version": desktop_app.__version__,
                  "licence": metadata("lede")["License-Expression"]}))
"""


def test_checkout_finds_resources_at_the_top():
    assert resources_dir() == ROOT / "resources"
    assert resource_path("fonts", "LICENSE-DejaVu.txt").is_file()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Lede's wheel, built once for this module's tests."""
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(dist), str(ROOT)], check=True, timeout=300)
    return next(dist.glob("lede-*.whl"))


@pytest.mark.slow
def test_wheel_installs_in_a_fresh_venv_and_finds_its_resources(tmp_path, wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "desktop_app/_resources/categories.json" in names
    assert "desktop_app/storage/migrations/env.py" in names
    assert not any(n.startswith("tests/") for n in names)
    # The licence travels with the program (PEP 639 puts it under .dist-info/licenses/).
    licences = [n for n in names if ".dist-info/licenses/" in n]
    assert {Path(n).name for n in licences} == {"LICENSE", "LICENSE-DejaVu.txt"}
    assert zipfile.ZipFile(wheel).read(next(n for n in licences if n.endswith("/LICENSE"))) == \
        (ROOT / "LICENSE").read_bytes()

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    # --no-deps: the check needs only the standard library, and the test must not download Qt again.
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, timeout=300)
    out = subprocess.run([str(python), "-c", CHECK], check=True, capture_output=True, text=True, cwd=tmp_path,
                         timeout=60)
    import json

    found = json.loads(out.stdout)
    assert found["categories"] == 5 and found["key"] and found["migrations"]
    assert found["sample_words"] > 400
    assert "DejaVuSerif.ttf" in found["fonts"]
    # One version: what pip installed is what the program says it is, and both are the checkout's.
    assert found["version"] == found["program_version"] == desktop_app.__version__
    assert wheel.name.startswith(f"lede-{desktop_app.__version__}-")
    assert found["licence"] == "GPL-3.0-or-later"
    help_text = subprocess.run([str(venv / "bin" / "lede"), "--help"], check=True, capture_output=True,
                               text=True, timeout=60).stdout
    assert "import" in help_text and "--db" in help_text


@pytest.mark.slow
def test_the_source_archive_carries_the_licence_and_the_one_version(tmp_path):
    import tarfile

    name = subprocess.run([sys.executable, "-c", "import sys; from hatchling.build import build_sdist; "
                           "print(build_sdist(sys.argv[1]))", str(tmp_path)],
                          cwd=ROOT, check=True, capture_output=True, text=True, timeout=120).stdout.split()[-1]
    with tarfile.open(tmp_path / name) as sdist:
        top = f"lede-{desktop_app.__version__}"
        names = sdist.getnames()
        assert f"{top}/LICENSE" in names
        assert sdist.extractfile(f"{top}/LICENSE").read() == (ROOT / "LICENSE").read_bytes()
        pkg_info = sdist.extractfile(f"{top}/PKG-INFO").read().decode("utf-8")
    assert f"\nVersion: {desktop_app.__version__}\n" in pkg_info
    assert "\nLicense-Expression: GPL-3.0-or-later\n" in pkg_info
    assert "\nLicense-File: LICENSE\n" in pkg_info


def test_the_desktop_entry_and_mime_file_announce_the_classroom_files():
    import re
    import xml.etree.ElementTree as ET

    from desktop_app.core.articles import Article, ArticleDetails
    from desktop_app.core.assignments import Assignment
    from desktop_app.exchange.pack import pack_bytes

    desktop = (ROOT / "packaging" / "org.lede.Lede.desktop").read_text(encoding="utf-8")
    types = re.search(r"^MimeType=(.*)$", desktop, re.M).group(1).split(";")
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(ROOT / "packaging" / "org.lede.Lede.mime.xml").getroot()
    declared = {t.get("type"): t for t in mime.findall("m:mime-type", ns)}
    assert set(declared) == {"application/vnd.lede.pack+zip", "application/vnd.lede.submission+zip",
                             "application/vnd.lede.feedback+zip"}
    assert set(declared) <= set(types)
    # The magic the file manager tests must be what a real pack starts with (the mimetype member first).
    pack = pack_bytes(Assignment(uid="a" * 32, title="T", categories=tuple(__import__(
        "desktop_app.resources", fromlist=["x"]).default_categories()), seal="00" * 32),
        Article(1, ArticleDetails("T"), "Some words of an article."))
    match = declared["application/vnd.lede.pack+zip"].find("m:magic/m:match", ns)
    offset, value = int(match.get("offset")), match.get("value").encode()
    assert pack[offset:offset + len(value)] == value


# Run in the venv pip 23.2 installed: jusText's own path through lxml.html.clean (trafilatura falls back to it),
# and the parts Lede names in its dependencies, by their installed distribution.
JUSTEXT_CHECK = r"""
import sys
from importlib.metadata import version
import justext
page = open(sys.argv[1], encoding="utf-8").read()
paragraphs = [p.text for p in justext.justext(page, justext.get_stoplist("English"))]
assert any("council voted" in text for text in paragraphs), paragraphs
print(version("lxml_html_clean"), version("cryptography"))
"""


@pytest.mark.slow
def test_the_oldest_supported_pip_installs_every_part_each_importer_loads(tmp_path, wheel):
    """pip 23.2 (what Python 3.11 ships) does not resolve jusText's lxml[html_clean]: with Lede's dependencies
    installed by that pip, every .html import failed. Each format is imported by the installed `lede`."""
    from tests.article_files import PHRASES, write_articles

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "pip==23.2.1"], check=True, timeout=300)
    subprocess.run([*pip, str(wheel)], check=True, timeout=600)

    files = write_articles(tmp_path / "articles")
    url = f"sqlite:///{tmp_path / 'lede.sqlite3'}"
    lede = str(venv / "bin" / "lede")
    for suffix, path in files.items():
        done = subprocess.run([lede, "import", str(path), "--db", url], capture_output=True, text=True,
                              cwd=tmp_path, timeout=120)
        assert done.returncode == 0, f"{suffix}: {done.stderr}"
    listed = subprocess.run([lede, "list", "--db", url], capture_output=True, text=True, check=True, timeout=60)
    assert len(listed.stdout.splitlines()) == len(files)
    import sqlite3

    with sqlite3.connect(tmp_path / "lede.sqlite3") as db:
        texts = [row[0] for row in db.execute("SELECT text FROM article")]
    for suffix, phrase in PHRASES.items():
        assert any(phrase in text for text in texts), suffix
    found = subprocess.run([str(venv / "bin" / "python"), "-c", JUSTEXT_CHECK, str(files[".html"])],
                           capture_output=True, text=True, timeout=60)
    assert found.returncode == 0, found.stderr
