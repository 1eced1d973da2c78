"""The wheel carries everything in resources/ and finds it once installed, away from the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop_app.resources import resource_path, resources_dir

ROOT = Path(__file__).resolve().parent.parent

CHECK = r"""
import json, sys
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
                                 / "0001_initial.py").is_file()}))
"""


def test_checkout_finds_resources_at_the_top():
    assert resources_dir() == ROOT / "resources"
    assert resource_path("fonts", "LICENSE-DejaVu.txt").is_file()


@pytest.mark.slow
def test_wheel_installs_in_a_fresh_venv_and_finds_its_resources(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(dist), str(ROOT)], check=True, timeout=300)
    wheel = next(dist.glob("lede-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "desktop_app/_resources/categories.json" in names
    assert "desktop_app/storage/migrations/env.py" in names
    assert not any(n.startswith("tests/") for n in names)

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
    help_text = subprocess.run([str(venv / "bin" / "lede"), "--help"], check=True, capture_output=True,
                               text=True, timeout=60).stdout
    assert "import" in help_text and "--db" in help_text


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
    assert set(declared) == {"application/vnd.lede.pack+zip", "application/vnd.lede.submission+zip"}
    assert set(declared) <= set(types)
    # The magic the file manager tests must be what a real pack starts with (the mimetype member first).
    pack = pack_bytes(Assignment(uid="a" * 32, title="T", categories=tuple(__import__(
        "desktop_app.resources", fromlist=["x"]).default_categories()), seal="00" * 32),
        Article(1, ArticleDetails("T"), "Some words of an article."))
    match = declared["application/vnd.lede.pack+zip"].find("m:magic/m:match", ns)
    offset, value = int(match.get("offset")), match.get("value").encode()
    assert pack[offset:offset + len(value)] == value
